from . import test_evaluation_rules
from . import test_index
from . import test_fraud
from . import test_security
from . import test_case_api
from . import test_default_rating
from . import test_tag_set
