from . import gov_evaluation_review_wizard
