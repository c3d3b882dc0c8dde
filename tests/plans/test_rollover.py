"""`rollover`: the next year from the last one, never over a year that exists."""

from __future__ import annotations

from typing import Any

import pytest

from kinerja.agencies.datasets import export_dataset
from kinerja.agencies.models import Agency
from kinerja.dataset.measure import measure
from kinerja.plans.catalogue import retire_indicator
from kinerja.plans.models import AgreementRow, Indicator, PerformanceAgreement
from kinerja.plans.rollover import RolloverRefused, quarter_plan, rollover
from kinerja.results.models import Realization, ReportingYear


def _counts(agency: Agency) -> tuple[int, int, int]:
    return (
        ReportingYear.objects.filter(agency=agency).count(),
        PerformanceAgreement.objects.filter(agency=agency).count(),
        AgreementRow.objects.filter(agreement__agency=agency).count(),
    )


def test_rollover_refuses_a_year_that_exists_and_writes_nothing(
    office: Agency, planner: Any
) -> None:
    before = _counts(office)
    with pytest.raises(RolloverRefused, match=r"Tahun 2024 sudah ada .* tidak menimpa"):
        rollover(planner, office, 2023, 2024)
    assert _counts(office) == before


def test_rollover_refuses_a_year_outside_the_renstra(office: Agency, planner: Any) -> None:
    rollover(planner, office, 2024, 2025)
    with pytest.raises(
        RolloverRefused,
        match=r"^Belum ada Renstra yang mencakup tahun 2026; mulai Renstra baru dahulu\.$",
    ):
        rollover(planner, office, 2025, 2026)


def test_rollover_refuses_a_year_without_agreements(office: Agency, planner: Any) -> None:
    with pytest.raises(RolloverRefused, match="Tahun 2019 tidak punya PK"):
        rollover(planner, office, 2019, 2025)


def test_the_new_year_holds_last_years_structure_with_the_renstra_targets(
    office: Agency, planner: Any, targets_2025: dict[str, str]
) -> None:
    result = rollover(planner, office, 2024, 2025)
    old = list(PerformanceAgreement.objects.filter(agency=office, year=2024).order_by("position"))
    new = list(PerformanceAgreement.objects.filter(agency=office, year=2025).order_by("position"))
    assert [a.work_unit_id for a in new] == [a.work_unit_id for a in old]
    assert result.agreements == len(new) == len(old)
    for was, now in zip(old, new, strict=True):
        rows = list(now.rows.order_by("position").select_related("indicator"))
        assert [r.indicator_id for r in rows] == [
            r.indicator_id for r in was.rows.order_by("position")
        ]
        for row in rows:
            assert row.target == targets_2025.get(row.indicator.code)
        assert [(b.program_id, b.activity_id, b.amount) for b in now.budget_lines.all()] == [
            (b.program_id, b.activity_id, b.amount) for b in was.budget_lines.all()
        ]
    office_rows = {r.indicator.code: r for r in new[0].rows.select_related("indicator")}
    # Quarters that stood at last year's target take the new one; the others are kept.
    ik01 = [[1, "25%"], [2, "50%"], [3, "75%"], [4, "100%"]]
    assert office_rows["IK01"].quarterly_targets == ik01
    assert office_rows["IK06"].quarterly_targets == [[2, "90%"], [4, "97%"]]
    assert "IK02" in result.without_target and "IK01" not in result.without_target
    year = ReportingYear.objects.get(agency=office, year=2025)
    assert not year.is_locked
    assert not Realization.objects.filter(reporting_year=year).exists()
    # The new year is a valid part of the dataset, measured like any other.
    dataset = export_dataset(office)
    assert measure(dataset, 2025).year == 2025
    assert "2 PK" not in result.summary() and "Tahun 2025 dibuat sebagai draf" in result.summary()


def test_a_retired_indicator_is_not_rolled_over_and_not_measured(
    office: Agency, planner: Any
) -> None:
    ik08 = Indicator.objects.get(objective__plan__agency=office, code="IK08")
    retire_indicator(planner, ik08, 2025, "IK08 tidak dipakai lagi")
    result = rollover(planner, office, 2024, 2025)
    assert result.retired == ["IK08"]
    assert not AgreementRow.objects.filter(agreement__year=2025, indicator=ik08).exists()
    measured = measure(export_dataset(office), 2025)
    assert "IK08" not in {i.code for o in measured.objectives for i in o.indicators}
    assert "IK08" in {i.code for o in measure(export_dataset(office), 2024).objectives
                      for i in o.indicators}  # fmt: skip


def test_a_new_indicator_with_a_renstra_target_joins_its_units_agreement(
    office: Agency, planner: Any
) -> None:
    from kinerja.plans.catalogue import create_item
    from kinerja.plans.models import Objective

    objective = Objective.objects.get(plan__agency=office, code="SS01")
    create_item(
        planner,
        office,
        "indicator",
        {"code": "IK99", "name": "Indeks baru", "renstra_targets": {2025: "80%"}},
        parent=objective,
    )
    result = rollover(planner, office, 2024, 2025)
    assert result.added == ["IK99"]
    row = AgreementRow.objects.get(agreement__year=2025, indicator__code="IK99")
    assert row.agreement.work_unit is None and row.target == "80%"


def test_quarter_plan_without_a_new_target_keeps_the_quarters() -> None:
    assert quarter_plan("90%", [[4, "90%"]], None) == [[4, "90%"]]
    assert quarter_plan({"printed": "B", "value": "B"}, [[4, "B"]], "BB") == [[4, "BB"]]
