from . import complaint
from . import monitor_portal
