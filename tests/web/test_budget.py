"""Budget realisation: entered by the finance unit's operator, verified like a realisation by a
planner who did not submit it, versioned, refused in a locked year; only verified spending counts
in the dashboard and the LKj; a dataset round trip keeps each row's workflow state."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kinerja.agencies.datasets import export_dataset, import_dataset
from kinerja.plans.models import Activity, Program
from kinerja.results import spending as budget
from kinerja.results.actions import YearLocked
from kinerja.results.models import ReportingYear, Spending
from kinerja.results.verified import verified_dataset
from kinerja.ui.dashboard import build_dashboard


def fresh(s: Spending) -> Spending:
    return Spending.objects.select_related("reporting_year__agency").get(pk=s.pk)


def program(world: Any) -> Program:
    """The programme of the office's spending rows made in tests/web/conftest.py."""
    found = world.own.spending_draft.program
    assert isinstance(found, Program)
    return found


@pytest.mark.parametrize(
    ("text", "amount"),
    [("15.534.394.000", 15_534_394_000), ("Rp 1.250.000", 1_250_000), ("2500000", 2_500_000),
     ("Rp. 7.000,00", 7_000), (12, 12)],
)  # fmt: skip
def test_amounts_are_read_as_whole_rupiah(text: Any, amount: int) -> None:
    assert budget.parse_rupiah(text) == amount


@pytest.mark.parametrize("text", ["1,5 juta", "12.34", "-5000", "satu juta", ""])
def test_an_unreadable_amount_is_refused_with_a_message(text: str) -> None:
    with pytest.raises(budget.InvalidAmount, match=r"tidak terbaca|antara 0"):
        budget.parse_rupiah(text)


def test_the_finance_operator_enters_submits_and_a_planner_verifies(world: Any) -> None:
    operator, planner = world.users["operator_a"], world.users["planner"]
    saved = budget.save_spending(operator, world.own.year, program(world), 3, "9.000.000.000")
    assert (saved.status, saved.version, saved.spent) == ("draft", 1, 9_000_000_000)

    budget.submit_spending(operator, fresh(saved), 1)
    assert (fresh(saved).status, fresh(saved).submitted_by) == ("submitted", operator)
    with pytest.raises(PermissionDenied):
        budget.verify_spending(operator, fresh(saved), 2)

    budget.return_spending(planner, fresh(saved), 2, "Lampirkan SP2D triwulan III")
    assert (fresh(saved).status, fresh(saved).returned_reason) == (
        "returned",
        "Lampirkan SP2D triwulan III",
    )
    budget.save_spending(operator, world.own.year, program(world), 3, "9.100.000.000", 3)
    budget.submit_spending(operator, fresh(saved), 4)
    budget.verify_spending(planner, fresh(saved), 5)
    done = fresh(saved)
    assert (done.status, done.spent, done.verified_by, done.version) == (
        "verified",
        9_100_000_000,
        planner,
        6,
    )
    reasons = [h.history_change_reason for h in done.history.order_by("history_id")]  # type: ignore[attr-defined]
    assert reasons == [
        "Diisi",
        "Diajukan",
        "Dikembalikan: Lampirkan SP2D triwulan III",
        "Diisi",
        "Diajukan",
        "Diverifikasi",
    ]


def test_only_the_finance_unit_and_planners_enter_spending(world: Any) -> None:
    for persona in ("operator_b", "leader", "auditor", "viewer"):
        with pytest.raises(PermissionDenied):
            budget.save_spending(world.users[persona], world.own.year, program(world), 3, 5)
    activity = Activity.objects.get(
        program__plan__agency=world.own.agency, code="perencanaan-program-anggaran"
    )
    saved = budget.save_spending(world.users["planner"], world.own.year, activity, 1, 100)
    assert saved.activity == activity and saved.program is None


def test_nobody_verifies_their_own_submission(world: Any) -> None:
    planner = world.users["planner"]
    draft = fresh(world.own.spending_draft)
    budget.submit_spending(planner, draft, draft.version)
    with pytest.raises(PermissionDenied, match="sendiri"):
        budget.verify_spending(planner, fresh(draft), fresh(draft).version)


def test_a_change_made_since_it_was_shown_is_refused(world: Any) -> None:
    operator = world.users["operator_a"]
    shown = world.own.spending_draft.version
    budget.save_spending(operator, world.own.year, program(world), 1, 7, shown)
    with pytest.raises(budget.StaleVersion):
        budget.save_spending(operator, world.own.year, program(world), 1, 8, shown)
    with pytest.raises(budget.StaleVersion):
        budget.verify_spending(
            world.users["planner"], fresh(world.own.spending_submitted), shown + 5
        )
    assert fresh(world.own.spending_draft).spent == 7


def test_a_locked_year_refuses_budget_realisation(world: Any) -> None:
    ReportingYear.objects.filter(pk=world.own.year.pk).update(locked_at=timezone.now())
    with pytest.raises(YearLocked):
        budget.save_spending(world.users["planner"], world.own.year, program(world), 4, 1)
    draft = fresh(world.own.spending_draft)
    with pytest.raises(PermissionDenied):
        budget.submit_spending(world.users["operator_a"], draft, draft.version)


def test_only_verified_spending_counts_in_the_dashboard_and_the_documents(world: Any) -> None:
    """Q1 is a draft and Q2 submitted (conftest): nothing is spent yet as far as the LKj goes."""
    year = world.own.year
    assert verified_dataset(year.agency).year(2024).spending == []
    board = build_dashboard(year, timezone.localdate())
    assert "Rp" not in board.budget_total["spent"]

    submitted = fresh(world.own.spending_submitted)
    budget.verify_spending(world.users["planner"], submitted, submitted.version)
    spent = verified_dataset(year.agency).year(2024).spending
    assert [(s.program, s.quarter, s.spent) for s in spent] == [(program(world).code, 2, 2_000_000)]
    board = build_dashboard(year, timezone.localdate())
    assert board.budget_total["spent"] == "Rp 2.000.000"


def test_a_dataset_round_trip_keeps_each_rows_workflow_state(world: Any) -> None:
    agency = world.own.agency
    planner = world.users["planner"]
    before = {
        s.pk: (s.status, s.version, s.submitted_by_id)
        for s in Spending.objects.filter(reporting_year__agency=agency)
    }
    dataset = export_dataset(agency)
    import_dataset(dataset, importer=planner, unlock_reason="Uji impor ulang")
    after = {
        (s.quarter, s.spent): (s.status, s.version, s.submitted_by_id)
        for s in Spending.objects.filter(reporting_year__agency=agency)
    }
    assert sorted(after.values()) == sorted(before.values())

    entry = dataset.year(2024)
    changed = [s.model_copy(update={"spent": s.spent + 1}) for s in entry.spending]
    years = [
        y if y.year != 2024 else y.model_copy(update={"spending": changed}) for y in dataset.years
    ]
    import_dataset(
        dataset.model_copy(update={"years": years}), importer=planner, unlock_reason="Uji ulang"
    )
    rows = Spending.objects.filter(reporting_year__agency=agency)
    assert {(s.status, s.submitted_by_id) for s in rows} == {("submitted", planner.pk)}


def test_the_quarter_page_saves_a_draft_and_answers_409_on_a_stale_version(world: Any) -> None:
    client = Client()
    client.force_login(world.users["operator_a"])
    url = reverse("ui:budget_save", args=[world.own.agency.code, 2024, 1])
    code = program(world).code
    prefix = f"s-program-{code}"
    version = world.own.spending_draft.version
    form = {
        "key": f"program:{code}",
        f"{prefix}-amount": "Rp 3.500.000",
        f"{prefix}-version": version,
    }
    assert client.post(url, form).status_code == 302
    assert fresh(world.own.spending_draft).spent == 3_500_000

    stale = client.post(url, {**form, f"{prefix}-amount": "4.000.000"})
    assert stale.status_code == 409
    assert "telah diubah orang lain" in stale.content.decode()
    bad = client.post(
        url, {**form, f"{prefix}-amount": "tiga juta", f"{prefix}-version": version + 1}
    )
    assert bad.status_code == 400
    assert "tidak terbaca" in bad.content.decode()
    assert fresh(world.own.spending_draft).spent == 3_500_000


def test_the_overview_shows_ceiling_quarters_and_states(world: Any) -> None:
    client = Client()
    client.force_login(world.users["leader"])
    page = client.get(reverse("ui:budget", args=[world.own.agency.code, 2024]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Rp 12.692.171.000" in text  # the programme's ceiling on the office PK
    assert "Rp 1.000.000" in text and "Draf" in text and "Diajukan" in text
    assert "Sub Bagian Hukum dan SDM" in text  # who enters it


def test_the_dashboard_judges_efficiency_from_verified_spending(world: Any) -> None:
    year = world.own.year
    client = Client()
    client.force_login(world.users["auditor"])
    url = reverse("ui:dashboard", args=[world.own.agency.code, 2024])
    assert "belum dapat dinilai" in client.get(url).content.decode()

    planner, operator = world.users["planner"], world.users["operator_a"]
    for code, spent in (("penyelenggaraan-pemilu", 12_000_000_000), ("dukungan-manajemen", 1)):
        target = Program.objects.get(plan__agency=year.agency, code=code)
        row = budget.save_spending(operator, year, target, 4, spent)
        budget.submit_spending(operator, row, row.version)
        budget.verify_spending(planner, row, row.version)
    board = build_dashboard(year, timezone.localdate())
    assert board.budget_total["spent"] == "Rp 12.000.000.001"
    assert board.budget_total["absorption"] == "77,25%"  # of Rp 15.534.394.000 on the office PK
    text = client.get(url).content.decode()
    assert "terhadap penyerapan 77,25%" in text
    assert "belum dapat dinilai" not in text and "efisien" in text
