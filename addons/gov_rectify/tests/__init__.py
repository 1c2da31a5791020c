from . import test_rectify_appeal
from . import test_rectify_loop
from . import test_rectify_security
from . import test_rectify_timers
from . import test_rectify_warning
from . import test_complaint_desk
from . import test_complaint_phone
from . import test_monitor
