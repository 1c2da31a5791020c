from . import gov_evaluation_xlsx
from . import gov_monthly_report
from . import gov_publish_period_xlsx
