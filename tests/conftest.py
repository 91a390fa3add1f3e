from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
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


#: Under mutmut, tests slower than this (seconds, as mutmut timed them) are
#: left out: the few hypothesis and whole-sample CLI tests would cost a
#: surviving mutant a minute each. A mutant only they would kill counts as
#: survived, so the score can only be lower (docs/reference/mutation-testing.md).
MUTATION_MAX_TEST_SECONDS = 2.0


def _clear_caches() -> None:
    # mutmut forks each mutant from a process whose caches (packaged tables,
    # rule data) were filled by the unmutated code: empty them, or a mutant
    # in a cached function would never run.
    for name, module in list(sys.modules.items()):
        if name.startswith("posyandu_core"):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


def pytest_runtest_setup(item: pytest.Item) -> None:
    """While mutmut maps tests to functions, every test starts with cold caches.

    Otherwise only the first test to load a table is recorded as calling the
    cached loader, and its mutants would be run against that test alone.
    """
    if os.environ.get("MUTANT_UNDER_TEST") == "stats":
        _clear_caches()


def pytest_collection_modifyitems(
    config: pytest.Config, items: list[pytest.Item]
) -> None:
    """Under mutmut: fresh caches, and the fast tests only, fastest first.

    mutmut runs a mutant's tests with ``-x`` in command-line order, which is
    arbitrary; fastest first, most mutants die within a second. Outside
    mutmut nothing changes.
    """
    if "__mutmut_" not in os.environ.get("MUTANT_UNDER_TEST", ""):
        return
    _clear_caches()
    stats = Path("mutmut-stats.json")  # mutmut runs the tests in mutants/
    if not stats.exists():
        return
    seconds = json.loads(stats.read_text(encoding="utf-8"))["duration_by_test"]
    slow = [i for i in items if seconds.get(i.nodeid, 0.0) > MUTATION_MAX_TEST_SECONDS]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [i for i in items if i not in slow]
    items.sort(key=lambda item: seconds.get(item.nodeid, 0.0))
