"""The plan edited item by item, with the dataset's rules and messages.

Every write is checked by the dataset schema (the item, then the whole dataset with it), an
indicator with realisations is retired instead of removed, and while a year is locked a change
needs a reason and is recorded as a revision of that year.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from kinerja.agencies.datasets import export_dataset, import_dataset
from kinerja.agencies.models import Agency, WorkUnit
from kinerja.dataset import schema as ds
from kinerja.dataset.yamlio import dump_yaml
from kinerja.plans import catalogue as c
from kinerja.plans.models import (
    Activity,
    AgreementRow,
    Indicator,
    Mission,
    Objective,
    Program,
    StrategicPlan,
)
from kinerja.plans.rollover import rollover
from kinerja.results.actions import WorkflowError, save_realization
from kinerja.results.models import ReportingYear, Revision


def _indicator(agency: Agency, code: str) -> Indicator:
    return Indicator.objects.get(objective__plan__agency=agency, code=code)


def test_every_setting_of_an_indicator_is_edited_and_exported(office: Agency, planner: Any):
    ik02 = _indicator(office, "IK02")
    data = {
        **c.item_data(ik02),
        "name": "Nilai SAKIP",
        "work_unit": "pdi",
        "is_key": True,
        "polarity": "lower",
        "combine": "mean",
        "grade_scale": "sakip",
        "can_exceed_100": True,
        "weight": 2.5,
        "unit": "%",
        "cap_applies": "none",
        "renstra_targets": {2024: "B", 2025: {"printed": "B (baik)", "value": "B"}},
        "reference_targets": [{"label": "Target Nasional", "target": "BB", "year": 2025}],
        "retired_from": None,
    }
    assert c.update_item(planner, ik02, data)
    exported = export_dataset(office).indicator("IK02")
    assert exported is not None
    assert exported.model_dump(mode="json") == ds.Indicator.model_validate(data).model_dump(
        mode="json"
    )
    assert not c.update_item(planner, ik02, data)  # nothing changed, nothing written


def test_item_problems_are_named_by_field_in_indonesian(office: Agency, planner: Any) -> None:
    ik02 = _indicator(office, "IK02")
    data = {
        **c.item_data(ik02),
        "code": "IK 02",
        "polarity": "naik",
        "renstra_targets": {2025: "sembilan puluh%"},
    }
    with pytest.raises(c.PlanItemInvalid) as caught:
        c.update_item(planner, ik02, data)
    fields = caught.value.fields
    assert "format tidak sesuai" in fields["code"][0]
    assert fields["polarity"] == [
        "harus salah satu dari 'higher', 'lower' atau 'band' (ditemukan: 'naik')"
    ]
    assert fields["renstra_targets"][0].startswith("2025: ")


def test_dataset_rules_apply_to_the_item_in_its_place(office: Agency, planner: Any) -> None:
    ik02 = _indicator(office, "IK02")
    with pytest.raises(c.PlanItemInvalid) as caught:
        c.update_item(planner, ik02, {**c.item_data(ik02), "code": "IK01"})
    assert caught.value.fields["code"] == ["kode indikator 'IK01' dipakai lebih dari sekali"]
    with pytest.raises(c.PlanItemInvalid) as caught:
        c.update_item(planner, ik02, {**c.item_data(ik02), "work_unit": "gudang"})
    assert caught.value.fields["work_unit"] == ["kode unit kerja 'gudang' tidak dikenal"]
    assert _indicator(office, "IK02").work_unit.code == "pdi"  # type: ignore[union-attr]


def test_the_plan_header_is_checked_by_the_renstra_model(office: Agency, planner: Any) -> None:
    plan = StrategicPlan.objects.get(agency=office)
    with pytest.raises(c.PlanItemInvalid) as caught:
        c.update_item(planner, plan, {**c.item_data(plan), "start": 2026})
    assert caught.value.fields[""] == ["periode Renstra terbalik: 2026-2025"]
    c.update_item(planner, plan, {**c.item_data(plan), "vision": "Visi baru"})
    assert export_dataset(office).strategic_plan.vision == "Visi baru"


def test_items_are_added_moved_and_removed(office: Agency, planner: Any) -> None:
    mission = c.create_item(planner, office, "mission", {"code": "M9", "text": "Misi baru"})
    assert [m.code for m in export_dataset(office).strategic_plan.missions][-1] == "M9"
    assert c.move_item(planner, mission, -1)
    assert [m.code for m in export_dataset(office).strategic_plan.missions][-2] == "M9"
    c.remove_item(planner, Mission.objects.get(pk=mission.pk))
    assert "M9" not in [m.code for m in export_dataset(office).strategic_plan.missions]
    objective = c.create_item(
        planner,
        office,
        "objective",
        {"code": "SS99", "name": "Sasaran baru", "indicators": [{"code": "IK99", "name": "X"}]},
    )
    assert isinstance(objective, Objective)
    assert export_dataset(office).indicator("IK99") is not None
    program = c.create_item(planner, office, "program", {"code": "P9", "name": "Program baru"})
    c.create_item(planner, office, "activity", {"code": "K9", "name": "Kegiatan"}, parent=program)
    assert export_dataset(office).strategic_plan.programs[-1].activities[0].code == "K9"
    c.remove_item(planner, Program.objects.get(pk=program.pk))
    assert not Activity.objects.filter(code="K9").exists()
    c.remove_item(planner, Objective.objects.get(pk=objective.pk))
    assert export_dataset(office).indicator("IK99") is None


def test_an_objective_is_never_left_without_an_indicator(office: Agency, planner: Any) -> None:
    objective = c.create_item(
        planner,
        office,
        "objective",
        {"code": "SS99", "name": "Sasaran baru", "indicators": [{"code": "IK99", "name": "X"}]},
    )
    with pytest.raises(c.PlanItemInvalid, match="tidak boleh kosong"):
        c.remove_item(planner, _indicator(office, "IK99"))
    assert Objective.objects.get(pk=objective.pk).indicators.count() == 1


def test_an_indicator_with_realisations_is_retired_not_removed(
    office: Agency, planner: Any, operator: Any
) -> None:
    ik08 = _indicator(office, "IK08")
    year = ReportingYear.objects.get(agency=office, year=2024)
    save_realization(operator, year, ik08, 1, "25%")
    with pytest.raises(WorkflowError, match=r"IK08 sudah punya realisasi \(2024\).*pensiunkan"):
        c.remove_item(planner, ik08)
    assert AgreementRow.objects.filter(indicator=ik08).exists()
    c.retire_indicator(planner, ik08, 2025)
    assert export_dataset(office).indicator("IK08").retired_from == 2025  # type: ignore[union-attr]
    assert not _indicator(office, "IK08").active_in(2025)
    assert _indicator(office, "IK08").active_in(2024)


def test_an_indicator_without_realisations_goes_with_its_open_years_rows(
    office: Agency, planner: Any
) -> None:
    objective = Objective.objects.get(plan__agency=office, code="SS01")
    data = {"code": "IK98", "name": "Baru", "renstra_targets": {2025: "90%"}}
    ik98 = c.create_item(planner, office, "indicator", data, parent=objective)
    rollover(planner, office, 2024, 2025)
    assert AgreementRow.objects.filter(indicator=ik98).exists()
    c.remove_item(planner, ik98)
    assert export_dataset(office).indicator("IK98") is None
    assert not AgreementRow.objects.filter(indicator__code="IK98").exists()


def test_a_retired_indicator_survives_the_dataset_round_trip(office: Agency, planner: Any):
    c.retire_indicator(planner, _indicator(office, "IK08"), 2025)
    before = export_dataset(office)
    assert dump_yaml(export_dataset(import_dataset(before))) == dump_yaml(before)


def test_a_locked_year_needs_a_reason_and_records_a_revision(office: Agency, planner: Any):
    year = ReportingYear.objects.get(agency=office, year=2024)
    year.locked_at = timezone.now()
    year.save()
    ik02 = _indicator(office, "IK02")
    data = {**c.item_data(ik02), "name": "Nama baru"}
    with pytest.raises(WorkflowError, match=r"Tahun 2024 sudah dikunci .* alasan revisi"):
        c.update_item(planner, ik02, data)
    assert _indicator(office, "IK02").name != "Nama baru"
    c.update_item(planner, ik02, data, "Penyesuaian nomenklatur")
    revision = Revision.objects.get(reporting_year=year)
    assert revision.subject == "Indikator IK02" and revision.reason == "Penyesuaian nomenklatur"
    with pytest.raises(WorkflowError, match="sesudah 2024"):
        c.retire_indicator(planner, ik02, 2024, "tidak dipakai")
    with pytest.raises(WorkflowError, match="sudah punya realisasi"):
        c.remove_item(planner, ik02, "dihapus")


def test_a_work_unit_code_change_follows_its_members(
    office: Agency, planner: Any, operator: Any
) -> None:
    unit = WorkUnit.objects.get(agency=office, code="hukum-sdm")
    c.update_item(planner, unit, {**c.item_data(unit), "code": "hukum"})
    assert operator.memberships.get().work_unit_code == "hukum"
    with pytest.raises(WorkflowError, match="dipakai bagian narasi LKj 2024"):
        c.remove_item(planner, WorkUnit.objects.get(pk=unit.pk))
    store = c.create_item(planner, office, "work_unit", {"code": "gudang", "name": "Gudang"})
    operator.memberships.update(work_unit_code="gudang")
    with pytest.raises(WorkflowError, match="keanggotaan pengguna"):
        c.remove_item(planner, store)
    operator.memberships.update(work_unit_code="hukum")
    c.remove_item(planner, store)
    assert "gudang" not in [u.code for u in export_dataset(office).work_units]


def test_only_planners_change_the_plan(office: Agency, operator: Any) -> None:
    with pytest.raises(PermissionDenied):
        c.create_item(operator, office, "mission", {"code": "M9", "text": "Misi"})


def test_retiring_takes_the_indicator_out_of_later_years_agreements(
    office: Agency, planner: Any, operator: Any
) -> None:
    rollover(planner, office, 2024, 2025)
    ik08 = _indicator(office, "IK08")
    assert AgreementRow.objects.filter(indicator=ik08, agreement__year=2025).exists()
    year = ReportingYear.objects.get(agency=office, year=2025)
    save_realization(operator, year, ik08, 1, "20%")
    with pytest.raises(
        WorkflowError, match="realisasi tahun 2025: hentikan pemakaiannya mulai 2026"
    ):
        c.retire_indicator(planner, ik08, 2025)
    c.retire_indicator(planner, ik08, 2026)
    ik01 = _indicator(office, "IK01")
    c.retire_indicator(planner, ik01, 2025)
    assert not AgreementRow.objects.filter(indicator=ik01, agreement__year=2025).exists()
    assert AgreementRow.objects.filter(indicator=ik01, agreement__year=2024).exists()


def test_a_goal_that_objectives_serve_is_not_removed(office: Agency, planner: Any) -> None:
    goal = c.create_item(planner, office, "goal", {"code": "T9", "text": "Tujuan baru"})
    objective = Objective.objects.get(plan__agency=office, code="SS01")
    c.update_item(planner, objective, {**c.item_data(objective), "goal": "T9"})
    with pytest.raises(WorkflowError, match="Tujuan T9 masih dipakai sasaran SS01"):
        c.remove_item(planner, goal)
    c.update_item(planner, objective, {**c.item_data(objective), "goal": None})
    c.remove_item(planner, goal)
    assert "T9" not in [g.code for g in export_dataset(office).strategic_plan.goals]


def test_budget_shares_and_reporting_lines_are_edited_with_their_rules(
    office: Agency, planner: Any
) -> None:
    program = c.create_item(planner, office, "program", {"code": "P9", "name": "Program"})
    shares = [{"objective": "SS01", "share": 60}, {"objective": "SS02", "share": 30}]
    with pytest.raises(c.PlanItemInvalid) as caught:
        c.update_item(planner, program, {**c.item_data(program), "objectives": shares})
    assert caught.value.fields["objectives"] == ["jumlah porsi sasaran harus 100, bukan 90"]
    shares[1]["share"] = 40
    c.update_item(planner, program, {**c.item_data(program), "objectives": shares})
    stored = export_dataset(office).strategic_plan.programs[-1].objectives
    assert [(s.objective, s.share) for s in stored] == [("SS01", 60), ("SS02", 40)]
    ss01 = Objective.objects.get(plan__agency=office, code="SS01")
    c.update_item(planner, ss01, {**c.item_data(ss01), "code": "SS01a"})
    stored = export_dataset(office).strategic_plan.programs[-1].objectives
    assert stored[0].objective == "SS01a"
    unit = c.create_item(
        planner, office, "work_unit", {"code": "gudang", "name": "Gudang", "reports_to": "pdi"}
    )
    pdi = WorkUnit.objects.get(agency=office, code="pdi")
    c.update_item(planner, pdi, {**c.item_data(pdi), "code": "pdi2"})
    assert WorkUnit.objects.get(pk=unit.pk).reports_to == pdi
    assert c.item_data(WorkUnit.objects.get(pk=unit.pk))["reports_to"] == "pdi2"
