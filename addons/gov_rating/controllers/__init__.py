from . import main
from . import roster
from . import rating
from . import channels_api
from . import health
