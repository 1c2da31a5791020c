from . import test_region_import
