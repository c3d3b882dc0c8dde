"""Readiness before the lock: what is missing is listed; errors refuse the lock in the action
itself (not only on the page); warnings need an acknowledgement that is recorded (who, when,
which); a locked year says so instead of "not allowed".

The office is the consistent office of `tests/conftest.py` (the review finds nothing in it), made
ready step by step: its realisations verified, its budget realisation entered and verified, the
narrative sections the LKj would print as placeholders written, its signatories named.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.test import Client
from django.urls import reverse

from kinerja.accounts.models import Membership
from kinerja.agencies.datasets import import_dataset
from kinerja.agencies.models import Agency
from kinerja.plans.models import Objective, PerformanceAgreement, Program
from kinerja.results import actions
from kinerja.results import spending as budget
from kinerja.results.models import (
    LockAcknowledgement,
    NarrativeSection,
    Realization,
    ReportingYear,
)
from kinerja.results.readiness import assess


@dataclass
class Office:
    agency: Agency
    year: ReportingYear
    users: dict[str, AbstractUser]


@pytest.fixture
def office(db: None, consistent_dataset: Any) -> Office:
    """The consistent office with its imported realisations verified by a planner."""
    agency = import_dataset(consistent_dataset)
    users = {}
    for name, role, unit in (
        ("perencana", "planner", None),
        ("operator", "operator", "pdi"),
        ("pimpinan", "leader", None),
        ("auditor", "auditor", None),
    ):
        users[name] = get_user_model().objects.create_user(name, first_name=name.title())
        Membership.objects.create(user=users[name], agency=agency, role=role, work_unit_code=unit)
    year = ReportingYear.objects.select_related("agency").get(agency=agency, year=2024)
    for z in Realization.objects.filter(reporting_year=year):
        actions.verify_realization(users["perencana"], z, z.version)
    return Office(agency, year, users)


def messages(office: Office, severity: str, section: str) -> list[str]:
    found = assess(office.year)
    items = found.errors if severity == "error" else found.warnings
    return [i.message for i in items if i.section == section]


def make_ready(office: Office) -> None:
    """Fix every readiness error of the consistent office, leaving its warnings."""
    agency, year = office.agency, office.year
    operator, planner = office.users["operator"], office.users["perencana"]
    budget.set_finance_unit(planner, agency, "pdi")
    for code, spent in (("P1", "850.000.000"), ("P2", "200.000.000")):
        target = Program.objects.get(plan__agency=agency, code=code)
        row = budget.save_spending(operator, year, target, 4, spent)
        budget.submit_spending(operator, row, row.version)
        budget.verify_spending(planner, row, row.version)
    texts = {
        "tugas_fungsi": "Tugas dan fungsi KPU Kota.",
        "isu_strategis": "Isu strategis.",
        "permasalahan": "Permasalahan dan kendala.",
        # The review statement, recorded here as its narrative section.
        "pernyataan_reviu": "Telah direviu oleh Inspektorat.",
    }
    for position, (key, text) in enumerate(texts.items()):
        NarrativeSection.objects.create(reporting_year=year, key=key, text=text, position=position)
    for objective in Objective.objects.filter(plan__agency=agency):
        NarrativeSection.objects.create(
            reporting_year=year, key="analisis", objective=objective, text="Penyebab.", position=9
        )
    PerformanceAgreement.objects.filter(agency=agency, year=2024, work_unit=None).update(
        place="Contoh", signed_on=datetime.date(2024, 2, 1)
    )
    agency.head = {"name": "Ketua Contoh", "position": "Ketua"}
    agency.secretary = {"name": "Sekretaris Contoh", "position": "Sekretaris"}
    agency.save()


def test_the_readiness_lists_every_missing_thing_by_section(office: Office) -> None:
    z = Realization.objects.filter(
        reporting_year=office.year, indicator__work_unit__code="pdi"
    ).first()
    assert z is not None
    z.delete()  # entered again by the operator: a draft
    actions.save_realization(office.users["operator"], office.year, z.indicator, z.quarter, "41%")

    assert messages(office, "error", "values") == [
        "1 realisasi triwulan belum diverifikasi (1 draf)."
    ]
    assert (
        "Program Dukungan Manajemen (P2) belum punya realisasi anggaran yang "
        "terverifikasi: penyerapannya tidak dapat dihitung."
    ) in messages(office, "error", "budget")
    # What the final LKj lacks (documents.gaps), each with where it goes and how to supply it.
    narrative = messages(office, "error", "narrative")
    assert len(narrative) == 5 and all("belum diuraikan" in m for m in narrative)
    assert "BAB I E. Isu Strategis. Isu strategis belum diuraikan." in " ".join(narrative)
    signatories = " ".join(messages(office, "error", "signatories"))
    assert "Nama pihak pertama (Sekretaris KPU Kota Contoh) belum ada" in signatories
    assert "Tempat penandatanganan belum ada" in signatories
    # The review finds nothing; only its statement is missing.
    (review,) = messages(office, "error", "review")
    assert review.startswith("Lampiran, Pernyataan Telah Direviu.")
    warnings = messages(office, "warning", "narrative")
    assert "Kata Pengantar masih teks susunan otomatis dari angka (kunci 'kata_pengantar')." in (
        warnings
    )


def test_an_unfilled_indicator_and_review_errors_are_errors(office: Office) -> None:
    Realization.objects.filter(reporting_year=office.year, indicator__code="IK04").delete()
    office.year.measurement_tables.all().delete()
    values = messages(office, "error", "values")
    assert values == [
        "Indikator IK04 (Persentase produk hukum yang didokumentasikan) belum punya realisasi "
        "tahun 2024 yang terverifikasi."
    ]
    review = [m for m in messages(office, "error", "review") if "Direviu" not in m]
    assert review and all(m.endswith("]") for m in review)  # each names its rule


def test_errors_refuse_the_lock_in_the_action_itself(office: Office) -> None:
    leader = office.users["pimpinan"]
    with pytest.raises(actions.NotReady, match="galat kesiapan"):
        actions.lock_year(
            leader, office.year, actions.year_fingerprint(office.year), acknowledge_warnings=True
        )
    assert not ReportingYear.objects.get(pk=office.year.pk).is_locked

    client = Client()
    client.force_login(leader)
    url = reverse("ui:year_lock", args=[office.agency.code, 2024])
    page = client.get(url)
    errors = len(assess(office.year).errors)
    assert f"Perbaiki {errors} galat di atas sebelum menyetujui." in page.content.decode()
    refused = client.post(
        url,
        {
            "fingerprint": actions.year_fingerprint(office.year),
            "warnings": assess(office.year).digest,
            "acknowledge": "on",
        },
    )
    assert refused.status_code == 400
    assert "galat kesiapan" in refused.content.decode()
    assert not ReportingYear.objects.get(pk=office.year.pk).is_locked


def test_warnings_need_an_acknowledgement_which_is_recorded(office: Office) -> None:
    make_ready(office)
    found = assess(office.year)
    assert found.ready and found.warnings
    leader = office.users["pimpinan"]
    shown = actions.year_fingerprint(office.year)
    with pytest.raises(actions.NotReady, match="peringatan kesiapan"):
        actions.lock_year(leader, office.year, shown)
    assert not LockAcknowledgement.objects.exists()

    acknowledged = actions.lock_year(
        leader, office.year, shown, acknowledge_warnings=True, warnings_shown=found.digest
    )
    assert acknowledged is not None
    record = LockAcknowledgement.objects.get()
    assert record.acknowledged_by == leader
    assert record.warnings == found.warning_texts()
    year = ReportingYear.objects.get(pk=office.year.pk)
    assert year.is_locked and year.locked_by == leader
    assert record.created_at <= year.locked_at  # type: ignore[operator]


def test_warnings_other_than_those_shown_are_refused_as_a_stale_page(office: Office) -> None:
    make_ready(office)
    shown = assess(office.year).digest
    NarrativeSection.objects.create(
        reporting_year=office.year, key="kata_pengantar", text="Puji syukur.", position=20
    )
    with pytest.raises(actions.StaleVersion, match="Peringatan kesiapan berubah"):
        actions.lock_year(
            office.users["pimpinan"],
            office.year,
            actions.year_fingerprint(office.year),
            acknowledge_warnings=True,
            warnings_shown=shown,
        )
    assert not ReportingYear.objects.get(pk=office.year.pk).is_locked


def test_the_leader_acknowledges_and_locks_in_the_browser_then_the_year_says_it_is_locked(
    office: Office,
) -> None:
    make_ready(office)
    client = Client()
    client.force_login(office.users["pimpinan"])
    url = reverse("ui:year_lock", args=[office.agency.code, 2024])
    page = client.get(url).content.decode()
    assert "data-errors>0<" in page and "Saya telah membaca semua peringatan" in page
    form = {
        "fingerprint": actions.year_fingerprint(office.year),
        "warnings": assess(office.year).digest,
    }
    unacknowledged = client.post(url, form)
    assert unacknowledged.status_code == 400
    assert "Nyatakan bahwa Anda telah membacanya" in unacknowledged.content.decode()
    assert client.post(url, {**form, "acknowledge": "on"}).status_code == 302
    assert ReportingYear.objects.get(pk=office.year.pk).is_locked

    for persona in ("pimpinan", "auditor"):
        client.force_login(office.users[persona])
        for name in ("year_lock", "readiness"):
            again = client.get(reverse(f"ui:{name}", args=[office.agency.code, 2024]))
            text = again.content.decode()
            assert again.status_code == 200, (persona, name)
            assert "Tahun 2024 sudah dikunci" in text
            assert "oleh <strong>Pimpinan</strong>" in text
            assert "Diakui oleh Pimpinan" in text and "Kata Pengantar masih teks" in text


def test_locking_a_locked_year_says_so(office: Office) -> None:
    make_ready(office)
    leader = office.users["pimpinan"]
    shown = actions.year_fingerprint(office.year)
    actions.lock_year(leader, office.year, shown, acknowledge_warnings=True)
    with pytest.raises(actions.YearLocked, match="sudah disetujui dan dikunci"):
        actions.lock_year(leader, office.year, shown, acknowledge_warnings=True)


def test_the_readiness_page_is_for_everyone_of_the_office(office: Office) -> None:
    client = Client()
    client.force_login(office.users["operator"])
    page = client.get(reverse("ui:readiness", args=[office.agency.code, 2024]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Belum siap" in text and "Realisasi anggaran" in text
    assert "Setujui dan kunci tahun" not in text  # the approval is the leader's
