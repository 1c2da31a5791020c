from . import main
from . import rating
from . import channels_api
from . import health
