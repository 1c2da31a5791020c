from . import roster
from . import complaint
from . import monitor_portal
