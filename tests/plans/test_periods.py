"""Renstra periods (issue 13, point 1): an office holds one plan per period, periods never
overlap, a new period is started from the previous one or from nothing, every year uses the
plan covering it, and the rollover crosses into a new period."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from kinerja.accounts.models import Membership
from kinerja.agencies.datasets import export_dataset, import_dataset
from kinerja.agencies.models import Agency
from kinerja.dataset.errors import DatasetError
from kinerja.dataset.measure import measure
from kinerja.dataset.schema import Dataset
from kinerja.dataset.yamlio import parse_yaml, read_yaml
from kinerja.plans import catalogue
from kinerja.plans.models import (
    AgreementRow,
    BudgetLine,
    Indicator,
    Objective,
    PerformanceAgreement,
    Program,
    StrategicPlan,
)
from kinerja.plans.periods import (
    PeriodRefused,
    next_period,
    plan_for_year,
    start_first_plan,
    start_next_plan,
)
from kinerja.plans.rollover import RolloverRefused, rollover
from kinerja.results.models import ReportingYear, Revision

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "kpu-kota-metro-2024.yaml"


@pytest.fixture
def metro(db: None, settings: Any, tmp_path: Path) -> Agency:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.DATA_DIR = tmp_path / "data"
    settings.EVIDENCE_DIR = tmp_path / "data" / "evidence"
    return import_dataset(read_yaml(EXAMPLE))


@pytest.fixture
def perencana(metro: Agency) -> Any:
    user = get_user_model().objects.create_user("perencana", password="x-7391-uji")
    Membership.objects.create(user=user, agency=metro, role="planner")
    return user


def _old(agency: Agency) -> StrategicPlan:
    return StrategicPlan.objects.get(agency=agency, start=2020)


def _new_period(agency: Agency, user: Any = None) -> StrategicPlan:
    return start_next_plan(user, agency, _old(agency), 2025, 2029)


# --- storage ----------------------------------------------------------------------------------


def test_the_plan_covering_a_year_is_found_and_a_missing_one_is_named(metro: Agency) -> None:
    old = _old(metro)
    assert plan_for_year(metro, 2024) == old
    with pytest.raises(PeriodRefused, match=r"^Belum ada Renstra yang mencakup tahun 2025; "):
        plan_for_year(metro, 2025)
    new = _new_period(metro)
    assert plan_for_year(metro, 2025) == new
    assert plan_for_year(metro, 2029) == new
    assert StrategicPlan.objects.covering(metro, 2019) is None
    assert StrategicPlan.objects.latest_of(metro) == new
    assert next_period(old) == (2025, 2029)


def test_periods_may_not_overlap_nor_share_a_start(metro: Agency) -> None:
    with pytest.raises(PeriodRefused, match="2024-2028 bertumpang tindih dengan Renstra 2020-2024"):
        start_next_plan(None, metro, _old(metro), 2024, 2028)
    with pytest.raises(PeriodRefused, match="tidak boleh sebelum tahun mulai"):
        start_next_plan(None, metro, _old(metro), 2030, 2026)
    assert StrategicPlan.objects.filter(agency=metro).count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        StrategicPlan.objects.create(agency=metro, start=2020, end=2020, vision="x")


def test_only_a_planner_starts_a_period(metro: Agency) -> None:
    stranger = get_user_model().objects.create_user("tamu", password="x-7391-uji")
    with pytest.raises(PermissionDenied):
        _new_period(metro, stranger)
    assert StrategicPlan.objects.filter(agency=metro).count() == 1


def test_the_next_period_copies_the_plan_with_its_codes_and_empty_targets(
    metro: Agency, perencana: Any
) -> None:
    old = _old(metro)
    ik03 = Indicator.objects.get(objective__plan=old, code="IK03")
    ik03.retired_from = 2025
    ik03.save()
    new = _new_period(metro, perencana)
    assert (new.start, new.end, new.vision) == (2025, 2029, old.vision)
    stored = export_dataset(metro)
    # The new plan has no year yet: it waits in `other_periods`, the years' plan stays first.
    after = stored.other_periods[0].strategic_plan
    assert after.start == 2025 and stored.other_periods[0].years == []
    source = stored.strategic_plan
    assert source.start == 2020
    assert [m.code for m in after.missions] == [m.code for m in source.missions]
    assert [g.code for g in after.goals] == [g.code for g in source.goals]
    assert all(not i.targets for g in after.goals for i in g.indicators)
    assert [o.code for o in after.objectives] == [o.code for o in source.objectives]
    kept = [i.code for o in source.objectives for i in o.indicators if i.code != "IK03"]
    assert [i.code for o in after.objectives for i in o.indicators] == kept
    assert all(not i.renstra_targets for o in after.objectives for i in o.indicators)
    old_settings = {
        i.code: (i.polarity, i.combine, i.grade_scale, i.can_exceed_100, i.unit, i.work_unit)
        for o in source.objectives
        for i in o.indicators
    }
    for indicator in (i for o in after.objectives for i in o.indicators):
        assert old_settings[indicator.code] == (
            indicator.polarity,
            indicator.combine,
            indicator.grade_scale,
            indicator.can_exceed_100,
            indicator.unit,
            indicator.work_unit,
        )
    assert [(p.code, [a.code for a in p.activities]) for p in after.programs] == [
        (p.code, [a.code for a in p.activities]) for p in source.programs
    ]
    # The old plan and its years are untouched; its rows still name its own items.
    assert Indicator.objects.get(pk=ik03.pk).objective.plan == old
    assert AgreementRow.objects.filter(indicator__objective__plan=new).count() == 0
    record = StrategicPlan.history.filter(id=new.pk).first()  # type: ignore[attr-defined]
    assert record.history_user == perencana
    assert "dimulai dari Renstra 2020-2024" in record.history_change_reason


def test_a_first_renstra_starts_an_office_that_has_none(db: None, settings: Any) -> None:
    bare = Agency.objects.create(code="kpu-baru", name="KPU Kota Baru", level="regency_city")
    with pytest.raises(PeriodRefused, match="Visi Renstra wajib diisi"):
        start_first_plan(None, bare, 2025, 2029, "  ")
    with pytest.raises(PeriodRefused, match="Tahun pelaporan 2031 harus di dalam periode"):
        start_first_plan(None, bare, 2025, 2029, "Visi", 2031)
    plan = start_first_plan(None, bare, 2025, 2029, "Menjadi penyelenggara pemilu terpercaya")
    bare.refresh_from_db()
    assert bare.has_dataset
    assert list(bare.reporting_years.values_list("year", flat=True)) == [2025]
    dataset = export_dataset(bare)
    assert dataset.strategic_plan.period == "2025-2029"
    assert dataset.strategic_plan.objectives == []
    # The catalogue takes it from there, with the dataset's rules.
    planner = get_user_model().objects.create_user("perencana-baru", password="x-7391-uji")
    Membership.objects.create(user=planner, agency=bare, role="planner")
    catalogue.create_item(planner, bare, "work_unit", {"code": "umum", "name": "Sub Bagian Umum"})
    catalogue.create_objective(
        planner,
        bare,
        {"code": "SS01", "name": "Pemilu yang berintegritas"},
        {"code": "IK01", "name": "Indeks partisipasi", "unit": "%", "work_unit": "umum"},
    )
    assert [o.code for o in export_dataset(bare).strategic_plan.objectives] == ["SS01"]
    assert Objective.objects.get(code="SS01").plan == plan
    with pytest.raises(PeriodRefused, match="sudah punya Renstra"):
        start_first_plan(None, bare, 2030, 2034, "Visi lain")


# --- the dataset: two periods, losslessly ----------------------------------------------------


def test_an_office_with_two_periods_exports_and_imports_both(metro: Agency) -> None:
    _new_period(metro)
    rollover(None, metro, 2024, 2025)
    exported = export_dataset(metro)
    assert exported.strategic_plan.period == "2025-2029"
    assert [y.year for y in exported.years] == [2025]
    assert [
        (o.strategic_plan.period, [y.year for y in o.years]) for o in exported.other_periods
    ] == [("2020-2024", [2024, 2023])]
    again = import_dataset(Dataset.model_validate(exported.model_dump(mode="json")))
    assert export_dataset(again) == exported
    assert StrategicPlan.objects.filter(agency=again).count() == 2


def test_each_year_is_measured_with_the_plan_of_its_period(metro: Agency) -> None:
    new = _new_period(metro)
    IK01 = Indicator.objects.get(objective__plan=new, code="IK01")
    IK01.name = "Nama indikator di Renstra baru"
    IK01.save()
    rollover(None, metro, 2024, 2025)
    dataset = export_dataset(metro)
    old_name = next(i for i in measure(dataset, 2024).indicators if i.code == "IK01").name
    new_name = next(i for i in measure(dataset, 2025).indicators if i.code == "IK01").name
    assert new_name == "Nama indikator di Renstra baru"
    assert old_name != new_name
    assert dataset.period_of(2024).strategic_plan.period == "2020-2024"
    assert dataset.period_of(2025).strategic_plan.period == "2025-2029"


def _problems(data: dict[str, Any]) -> str:
    with pytest.raises(DatasetError) as caught:
        # Through JSON: the parts shared between the dicts above become copies, not YAML aliases.
        text = yaml.safe_dump(json.loads(json.dumps(data)), allow_unicode=True, sort_keys=False)
        parse_yaml(text, "dua-periode.yaml")
    return str(caught.value)


def test_a_year_outside_its_period_and_overlapping_periods_are_named_in_indonesian() -> None:
    data = read_yaml(EXAMPLE).model_dump(mode="json", exclude_defaults=True)
    moved = {**data, "years": [{**data["years"][0], "year": 2026}]}
    assert (
        "years[0].year: tahun 2026 berada di luar periode Renstra 2020-2024; letakkan tahun itu "
        "pada periode Renstra yang mencakupnya"
    ) in _problems(moved)
    other = {**data["strategic_plan"], "start": 2024, "end": 2028}
    overlapping = {**data, "other_periods": [{"strategic_plan": other}]}
    assert (
        "other_periods[0].strategic_plan.start: periode Renstra 2024-2028 bertumpang tindih "
        "dengan periode 2020-2024"
    ) in _problems(overlapping)
    # A year of an earlier period refers to that period's codes, not to the current plan's.
    earlier = {**data["strategic_plan"], "start": 2015, "end": 2019, "objectives": []}
    year = {"year": 2019, "realizations": [{"indicator": "IK01", "quarter": 1, "value": "1%"}]}
    dangling = {**data, "other_periods": [{"strategic_plan": earlier, "years": [year]}]}
    assert (
        "other_periods[0].years[0].realizations[0].indicator: kode indikator 'IK01' tidak dikenal"
    ) in _problems(dangling)


def test_the_example_files_load_unchanged() -> None:
    dataset = read_yaml(EXAMPLE)
    assert dataset.other_periods == []
    assert dataset.plans == [dataset.strategic_plan]
    assert dataset.period_of(2024) is dataset


# --- editing one period -----------------------------------------------------------------------


def test_the_new_period_is_edited_without_touching_the_locked_years_of_the_old(
    metro: Agency, perencana: Any
) -> None:
    ReportingYear.objects.filter(agency=metro, year=2024).update(locked_at=timezone.now())
    new = _new_period(metro, perencana)
    ik01 = Indicator.objects.get(objective__plan=new, code="IK01")
    data = {**catalogue.item_data(ik01), "renstra_targets": {2025: "80%", 2029: "100%"}}
    # No reason asked and no revision written: 2024 prints the Renstra 2020-2024.
    assert catalogue.update_item(perencana, ik01, data)
    assert Revision.objects.count() == 0
    objective = Objective.objects.get(plan=new, code="SS01")
    catalogue.update_item(perencana, objective, {**catalogue.item_data(objective), "code": "S1"})
    stored = export_dataset(metro)
    old = stored.strategic_plan
    assert old.period == "2020-2024"
    assert "SS01" in [o.code for o in old.objectives]
    # The rename followed the new period's references only; 2024's rows keep SS01.
    assert all(
        row.objective == "SS01"
        for y in stored.years
        for a in y.agreements
        for row in a.rows
        if row.indicator == "IK01"
    )
    new_plan = stored.other_periods[0].strategic_plan
    assert new_plan.objectives[0].code == "S1"
    assert new_plan.objectives[0].indicators[0].renstra_targets[2025] == "80%"
    # The old period still needs a reason while 2024 is locked.
    old_objective = Objective.objects.get(plan=_old(metro), code="SS01")
    with pytest.raises(Exception, match="sudah dikunci"):
        catalogue.update_item(
            perencana, old_objective, {**catalogue.item_data(old_objective), "name": "Baru"}
        )


# --- the rollover into a new period ----------------------------------------------------------


def test_the_rollover_refuses_a_year_no_renstra_covers(metro: Agency, perencana: Any) -> None:
    with pytest.raises(
        RolloverRefused,
        match=r"^Belum ada Renstra yang mencakup tahun 2025; mulai Renstra baru dahulu\.$",
    ):
        rollover(perencana, metro, 2024, 2025)
    assert not ReportingYear.objects.filter(agency=metro, year=2025).exists()


def test_the_rollover_into_a_new_period_uses_its_plan_and_targets(
    metro: Agency, perencana: Any
) -> None:
    new = _new_period(metro, perencana)
    ik01 = Indicator.objects.get(objective__plan=new, code="IK01")
    ik01.renstra_targets = [[2025, "85%"]]
    ik01.save()
    # A program the new Renstra no longer has (2024's PKs budget it and its activities).
    Program.objects.filter(plan=new, code="penyelenggaraan-pemilu").delete()
    result = rollover(perencana, metro, 2024, 2025)
    rows = AgreementRow.objects.filter(agreement__agency=metro, agreement__year=2025)
    assert rows.exists()
    assert not rows.exclude(indicator__objective__plan=new).exists()
    assert not rows.exclude(objective__plan=new).exists()
    assert {row.target for row in rows.filter(indicator__code="IK01")} == {"85%"}
    lines = BudgetLine.objects.filter(agreement__agency=metro, agreement__year=2025)
    assert not lines.exclude(program__plan=new).exclude(activity__program__plan=new).exists()
    assert result.dropped == [
        "penyelenggaraan-pemilu",
        "perencanaan-program-anggaran",
        "pembentukan-badan-adhoc",
        "masa-kampanye",
        "pemungutan-penghitungan-suara",
        "pengucapan-sumpah-janji",
        "penetapan-hasil-pemilu",
    ]
    assert "Tidak ada di Renstra periode baru, tidak disalin: penyelenggaraan-pemilu" in (
        result.summary()
    )
    assert lines.filter(program__code="dukungan-manajemen").count() == 2
    assert PerformanceAgreement.objects.filter(agency=metro, year=2025).count() == (
        PerformanceAgreement.objects.filter(agency=metro, year=2024).count()
    )
    # The new year exports within the new period, and measures with its plan.
    exported = export_dataset(metro)
    assert [y.year for y in exported.years] == [2025]
    assert measure(exported, 2025).year == 2025
