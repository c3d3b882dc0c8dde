"""The suite's Hypothesis profile: no per-example deadline, no "too slow" health check, so that
no test's outcome depends on how busy the machine is."""

from hypothesis import HealthCheck, settings


def test_timing_decides_no_property_test() -> None:
    assert settings.default.deadline is None
    assert HealthCheck.too_slow in settings.default.suppress_health_check
