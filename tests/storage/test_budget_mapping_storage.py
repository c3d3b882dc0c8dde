"""The budget mapping (objectives with shares) and reporting lines, stored and read back."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from kinerja.agencies.datasets import export_dataset, find_agency, import_dataset
from kinerja.agencies.models import WorkUnit
from kinerja.dataset.schema import Dataset
from kinerja.plans.models import BudgetObjective

pytestmark = pytest.mark.django_db


def test_shares_and_reporting_lines_survive_storage(rich_dataset: Dataset) -> None:
    agency = find_agency(import_dataset(rich_dataset).code)
    stored = {
        (row.activity.code if row.activity else row.program.code, row.objective.code): row.share
        for row in BudgetObjective.objects.select_related("activity", "program", "objective")
    }
    assert stored == {
        ("DM.1", "SS02"): Decimal("33.33"),
        ("DM.1", "SS01"): Decimal("66.67"),
        ("DM.2", "SS01"): None,
        ("PK", "SS02"): Decimal("100.00"),
    }
    unit = WorkUnit.objects.get(agency=agency, code="keu")
    assert unit.reports_to is not None and unit.reports_to.code == "pdi"

    exported = export_dataset(agency)
    activities = exported.strategic_plan.programs[0].activities
    # The order written is kept: SS02 before SS01.
    assert [(s.objective, s.share) for s in activities[0].objectives] == [
        ("SS02", Decimal("33.33")),
        ("SS01", Decimal("66.67")),
    ]
    assert exported == rich_dataset


def test_a_change_to_a_share_is_recorded_in_the_history(rich_dataset: Dataset) -> None:
    import_dataset(rich_dataset)
    row = BudgetObjective.objects.get(activity__code="DM.1", objective__code="SS02")
    row.share = Decimal("40")
    row.save()
    history = list(row.history.order_by("history_id").values_list("share", flat=True))
    assert history == [Decimal("40.00")]


def test_a_share_out_of_range_is_refused_by_the_database(rich_dataset: Dataset) -> None:
    import_dataset(rich_dataset)
    row = BudgetObjective.objects.get(activity__code="DM.1", objective__code="SS02")
    row.share = Decimal("0")
    with pytest.raises(IntegrityError), transaction.atomic():
        row.save()
