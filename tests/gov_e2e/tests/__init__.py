from . import test_phone_smoke
from . import test_fraud_simulation
