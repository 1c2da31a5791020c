from . import test_roster
from . import test_roster_browser
from . import test_supervision
from . import test_complaint_desk
from . import test_complaint_phone
from . import test_monitor
