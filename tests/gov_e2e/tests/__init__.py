from . import test_phone_smoke
