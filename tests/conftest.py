from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# Speed lives in benchmarks/, never in a test: no deadline, and no "slow
# input generation" failure when the machine is busy.
settings.register_profile(
    "dev",
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "ci",
    max_examples=300,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
