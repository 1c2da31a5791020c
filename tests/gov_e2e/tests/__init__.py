from . import test_phone_smoke
from . import test_dataset_generator
from . import test_fraud_simulation
