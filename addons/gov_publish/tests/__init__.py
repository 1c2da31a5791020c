from . import test_publish_period
from . import test_public_pages
from . import test_exports
from . import test_exchange
from . import test_security
from . import test_rankings_browser
from . import test_rectifications
from . import test_report_access
