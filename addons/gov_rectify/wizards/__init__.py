from . import gov_rectify_appeal_wizard
