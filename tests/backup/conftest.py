"""Fixtures of the backup tests (defined in `backup_drills`, with the deployments they make)."""

from backup_drills import (  # noqa: F401
    drill_year,
    other_engine_deployment,
    same_engine_deployment,
    suite_engine,
)
