"""Result models: the reporting year, measurement, realisation, evidence, spending, texts."""

from kinerja.results.models.measurement import (
    Evidence,
    MeasurementRow,
    MeasurementRowIndicator,
    MeasurementTable,
    Realization,
    Spending,
)
from kinerja.results.models.readiness import LockAcknowledgement
from kinerja.results.models.revisions import Revision
from kinerja.results.models.years import (
    NarrativeIndicator,
    NarrativeSection,
    ReportingYear,
    SupportingTable,
)

__all__ = [
    "Evidence",
    "LockAcknowledgement",
    "MeasurementRow",
    "MeasurementRowIndicator",
    "MeasurementTable",
    "NarrativeIndicator",
    "NarrativeSection",
    "Realization",
    "ReportingYear",
    "Revision",
    "Spending",
    "SupportingTable",
]
