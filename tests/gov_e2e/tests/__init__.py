from . import test_phone_smoke
from . import test_dataset_generator
from . import test_fraud_simulation
from . import test_access_policy
from . import test_attacks
from . import test_fuzz
from . import test_role_tours
