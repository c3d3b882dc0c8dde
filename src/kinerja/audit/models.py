"""The models whose every change is recorded, each with a historical table in this app.

Changes made by the named actions (`kinerja.results.actions`, `kinerja.plans.actions`) carry
their author and a reason. Bulk imports write no history rows (the import is one event, and the
imported values are the file's), and deletions are not recorded: the only deletion is an import
replacing an office's dataset, which must stay a fixed number of bulk queries (see
`tests/storage/test_export_queries.py`). A narrative section set back to its drafted text is
deleted by `kinerja.results.narrative`, which records that deletion itself.

An office (`Agency`) is saved by imports, the tree of offices and the admin as well; only its
profile's action (`kinerja.agencies.profile`) writes its history, itself (`ActionHistory`), so
every other save stays one query. Its logo is not copied into the history.
"""

from __future__ import annotations

from typing import Any

from django.db.models import signals
from simple_history import register
from simple_history.models import HistoricalRecords

from kinerja.agencies.models import Agency
from kinerja.evaluations.models import Evaluation, EvaluationAnswer, ReviewRecord
from kinerja.plans.models import (
    AgreementRow,
    BudgetLine,
    BudgetObjective,
    Indicator,
    Objective,
    PerformanceAgreement,
    StrategicPlan,
)
from kinerja.results.models import (
    Evidence,
    NarrativeSection,
    Realization,
    ReportingYear,
    Spending,
)

TRACKED = (
    StrategicPlan,
    Objective,
    Indicator,
    PerformanceAgreement,
    AgreementRow,
    BudgetLine,
    BudgetObjective,
    ReportingYear,
    Realization,
    Evidence,
    Spending,
    NarrativeSection,
    Evaluation,
    EvaluationAnswer,
    ReviewRecord,
)


class ChangeHistory(HistoricalRecords):
    """Records every save; leaves deletions to bulk deletes (no per-row delete signals)."""

    def finalize(self, sender: Any, **kwargs: Any) -> None:
        super().finalize(sender, **kwargs)
        if self.cls is sender:
            signals.pre_delete.disconnect(self.pre_delete, sender=sender)
            signals.post_delete.disconnect(self.post_delete, sender=sender)


class ActionHistory(ChangeHistory):
    """Records nothing by itself: the named action writes each row
    (`Model.history.bulk_history_create`)."""

    def finalize(self, sender: Any, **kwargs: Any) -> None:
        super().finalize(sender, **kwargs)
        if self.cls is sender:
            signals.post_save.disconnect(self.post_save, sender=sender)


for _model in TRACKED:
    register(_model, app="kinerja.audit", records_class=ChangeHistory)
register(Agency, app="kinerja.audit", records_class=ActionHistory, excluded_fields=["logo"])
