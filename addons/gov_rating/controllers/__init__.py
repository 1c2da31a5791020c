from . import main
from . import roster
