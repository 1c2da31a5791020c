from . import test_region_import
from . import test_dataset_generator
