from . import gov_evaluation_review_wizard
from . import gov_region_import_wizard
from . import gov_paper_rating_wizard
