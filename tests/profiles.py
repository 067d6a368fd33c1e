"""Hypothesis profiles, chosen by ``HYPOTHESIS_PROFILE``.

``ci`` (default): derandomized, so every run checks the same examples. ``thorough``: 25 times
the examples, random, for a nightly run. ``mutation``: as ``ci`` but stops at the first
failing example without shrinking it (``make mutation`` only needs to know that a test fails).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, Phase, settings

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
SCALE = {"ci": 1, "thorough": 25, "mutation": 1}[PROFILE]
settings.register_profile(
    "ci",
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.register_profile(
    "thorough",
    derandomize=False,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.register_profile(
    "mutation",
    parent=settings.get_profile("ci"),
    phases=(Phase.explicit, Phase.reuse, Phase.generate),
    report_multiple_bugs=False,
    database=None,
)
settings.load_profile(PROFILE)


def examples(n: int) -> int:
    """Return ``n`` examples in CI, more in the thorough profile."""
    return n * SCALE
