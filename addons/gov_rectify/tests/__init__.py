from . import test_rectify_appeal
from . import test_rectify_browser
from . import test_rectify_config
from . import test_rectify_loop
from . import test_rectify_security
from . import test_rectify_timers
from . import test_rectify_warning
from . import test_rectify_second_link
