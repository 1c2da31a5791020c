from . import test_qr
from . import test_public_rate
from . import test_case_link
from . import test_device
from . import test_sms
from . import test_browser
