from . import test_phone_smoke
from . import test_dataset_generator
