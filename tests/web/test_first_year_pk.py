"""A first year's PKs drafted from the Renstra (the office's and its work units'), the signing
data of the year, and each PK's two parties.

Our office (tests/web/conftest.py) has PKs for 2024 (the office's and four units') and a locked
2023; a 2025 without any PK is made here as an office that starts in the web app would have it.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kinerja.agencies.datasets import export_dataset, import_dataset
from kinerja.dataset import schema
from kinerja.plans.models import (
    Activity,
    BudgetObjective,
    Indicator,
    Objective,
    PerformanceAgreement,
    Program,
    StrategicPlan,
)
from kinerja.plans.parties import official_key
from kinerja.results.models import ReportingYear


def _client(world: Any, who: str) -> Client:
    client = Client()
    client.force_login(world.users[who])
    return client


def _url(world: Any, name: str, year: int) -> str:
    return reverse(f"ui:{name}", args=[world.own.agency.code, year])


def _new_year(world: Any) -> ReportingYear:
    agency = world.own.agency
    plan = StrategicPlan.objects.get(agency=agency)
    plan.end = 2025
    plan.save()
    ik08 = Indicator.objects.get(objective__plan=plan, code="IK08")
    ik08.renstra_targets = [[2025, "90%"]]
    ik08.save()
    return ReportingYear.objects.create(agency=agency, year=2025, position=5)


def _units_year(world: Any) -> ReportingYear:
    """2025 with targets for an indicator of Hukum dan SDM (IK08) and two of PDI (IK02, IK03,
    objective SS02), and the planning activity's budget set against SS02 in the catalogue."""
    year = _new_year(world)
    plan = StrategicPlan.objects.get(agency=year.agency)
    for code, target in (("IK02", "B"), ("IK03", "A")):
        indicator = Indicator.objects.get(objective__plan=plan, code=code)
        indicator.renstra_targets = [[2025, target]]
        indicator.save()
    BudgetObjective.objects.create(
        activity=Activity.objects.get(program__plan=plan, code="perencanaan-program-anggaran"),
        objective=Objective.objects.get(plan=plan, code="SS02"),
    )
    return year


def test_the_office_pk_and_every_units_pk_are_drafted_from_the_renstra(world: Any) -> None:
    year = _units_year(world)
    client = _client(world, "planner")
    page = client.get(_url(world, "agreements", 2025)).content.decode()
    assert "PK Sub Bagian Perencanaan, Data dan Informasi (2 indikator)" in page
    assert "PK Sub Bagian Hukum dan SDM (1 indikator)" in page
    assert 'value="keuangan-umum-logistik"' not in page  # no indicator of 2025
    made = client.post(_url(world, "agreements_draft", 2025), {"unit": ["pdi", "hukum-sdm"]})
    office = PerformanceAgreement.objects.get(agency=year.agency, year=2025, work_unit=None)
    assert made["Location"] == reverse(
        "ui:agreement_edit", args=[year.agency.code, 2025, office.pk]
    )
    found = {
        a.work_unit.code if a.work_unit else None: a
        for a in PerformanceAgreement.objects.filter(agency=year.agency, year=2025)
    }
    assert set(found) == {None, "pdi", "hukum-sdm"}

    def rows(code: str | None) -> list[tuple[str, Any]]:
        return [(r.indicator.code, r.target) for r in found[code].rows.select_related("indicator")]

    assert rows(None) == [("IK02", "B"), ("IK03", "A"), ("IK08", "90%")]
    assert rows("pdi") == [("IK02", "B"), ("IK03", "A")]
    assert rows("hukum-sdm") == [("IK08", "90%")]
    # The unit's budget: the activity the catalogue sets against its objective only, at Rp 0.
    lines = [(line.activity.code, line.amount) for line in found["pdi"].budget_lines.all()]
    assert lines == [("perencanaan-program-anggaran", 0)]
    assert not found["hukum-sdm"].budget_lines.exists()
    assert (
        found["pdi"].title == "Perjanjian Kinerja 2025 Sub Bagian Perencanaan, Data dan Informasi"
    )
    listed = client.get(_url(world, "agreements", 2025)).content.decode()
    assert "PK Sub Bagian Perencanaan, Data dan Informasi (2 indikator)" not in listed
    assert "Buat PK dari Renstra" not in listed  # nothing left to make
    again = client.post(
        _url(world, "agreements_draft", 2025), {"unit": ["pdi", "hukum-sdm"]}, follow=True
    )
    text = again.content.decode()
    assert "sudah punya PK kantor, PK Sub Bagian Perencanaan" in text
    assert PerformanceAgreement.objects.filter(agency=year.agency, year=2025).count() == 3
    assert rows("pdi") == [("IK02", "B"), ("IK03", "A")]


def test_a_units_pk_is_added_later_and_the_existing_ones_are_named(world: Any) -> None:
    year = _units_year(world)
    client = _client(world, "planner")
    client.post(_url(world, "agreements_draft", 2025))  # the office's PK only
    assert PerformanceAgreement.objects.filter(agency=year.agency, year=2025).count() == 1
    signing = {
        "report_date": "2026-01-20",
        "place": "Metro",
        "name": "Ahmad Ketua",
        "position": "Ketua",
        "nip": "",
        "signed_on": "2025-01-08",
    }
    assert client.post(_url(world, "signing", 2025), signing).status_code == 302
    added = client.post(_url(world, "agreements_draft", 2025), {"unit": "pdi"}, follow=True)
    text = added.content.decode()
    assert "PK Sub Bagian Perencanaan, Data dan Informasi (2 indikator, 1 kegiatan)" in text
    assert "Sudah ada, tidak diubah: PK kantor" in text
    pdi = PerformanceAgreement.objects.get(agency=year.agency, year=2025, work_unit__code="pdi")
    # Made after the signing data: it takes the year's signing date and place.
    assert (str(pdi.signed_on), pdi.place) == ("2025-01-08", "Metro")
    assert pdi.history.get().history_user == world.users["planner"]  # type: ignore[attr-defined]
    unknown = client.post(_url(world, "agreements_draft", 2025), {"unit": "xx"}, follow=True)
    assert "Unit kerja tidak dikenal di KPU Kota Metro: xx" in unknown.content.decode()
    idle = client.post(
        _url(world, "agreements_draft", 2025), {"unit": "teknis-hupmas"}, follow=True
    )
    assert "tidak memuat indikator Sub Bagian Teknis dan Hupmas" in idle.content.decode()
    assert PerformanceAgreement.objects.filter(agency=year.agency, year=2025).count() == 2


def test_a_locked_year_drafts_nothing(world: Any) -> None:
    year = _units_year(world)
    year.locked_at = timezone.now()
    year.save()
    client = _client(world, "planner")
    assert (
        "Buat PK dari Renstra" not in client.get(_url(world, "agreements", 2025)).content.decode()
    )
    refused = client.post(_url(world, "agreements_draft", 2025), {"unit": "pdi"}, follow=True)
    assert "Tahun 2025 sudah dikunci" in refused.content.decode()
    assert not PerformanceAgreement.objects.filter(agency=year.agency, year=2025).exists()


def test_the_office_pk_is_drafted_once_from_the_renstras_targets(world: Any) -> None:
    year = _new_year(world)
    client = _client(world, "planner")
    page = client.get(_url(world, "agreements", 2025))
    assert "Buat PK dari Renstra" in page.content.decode()
    made = client.post(_url(world, "agreements_draft", 2025))
    agreement = PerformanceAgreement.objects.get(agency=year.agency, year=2025)
    assert made["Location"] == reverse(
        "ui:agreement_edit", args=[year.agency.code, 2025, agreement.pk]
    )
    rows = list(agreement.rows.select_related("indicator"))
    assert [(r.indicator.code, r.target) for r in rows] == [("IK08", "90%")]
    programs = Program.objects.filter(plan__agency=year.agency).count()
    assert agreement.budget_lines.count() == programs
    assert {line.amount for line in agreement.budget_lines.all()} == {0}
    again = client.post(_url(world, "agreements_draft", 2025), follow=True)
    assert "sudah punya PK" in again.content.decode()
    assert PerformanceAgreement.objects.filter(agency=year.agency, year=2025).count() == 1


def test_without_a_target_for_the_year_nothing_is_drafted(world: Any) -> None:
    agency = world.own.agency
    ReportingYear.objects.create(agency=agency, year=2025, position=5)
    answer = _client(world, "planner").post(_url(world, "agreements_draft", 2025), follow=True)
    assert "belum memuat target tahun 2025" in answer.content.decode()
    assert not PerformanceAgreement.objects.filter(agency=agency, year=2025).exists()


def test_the_signing_data_reach_the_lkj_and_every_pk_of_the_year(world: Any) -> None:
    client = _client(world, "planner")
    url = _url(world, "signing", 2024)
    form = {
        "report_date": "2025-01-20",
        "place": "Metro",
        "name": "Ahmad Ketua",
        "position": "Ketua",
        "nip": "",
        "signed_on": "2024-01-08",
    }
    bad = client.post(url, {**form, "nip": "bukan nip", "report_date": "kemarin"})
    assert bad.status_code == 400
    assert "NIP hanya angka" in bad.content.decode()
    assert client.post(url, form).status_code == 302
    year = ReportingYear.objects.get(agency=world.own.agency, year=2024)
    assert (year.report_place, year.report_signatory) == (
        "Metro",
        {"name": "Ahmad Ketua", "position": "Ketua"},
    )
    assert str(year.report_date) == "2025-01-20"
    dates = {
        str(a.signed_on) for a in PerformanceAgreement.objects.filter(agency=year.agency, year=2024)
    }
    assert dates == {"2024-01-08"}
    locked = client.post(_url(world, "signing", 2023), form)
    assert locked.status_code == 400 and "sudah dikunci" in locked.content.decode()
    assert _client(world, "operator_a").get(url).status_code == 403


# --- the parties of a PK ------------------------------------------------------------------------

SECRETARY = {
    "name": "Sri Wahyuni",
    "position": "Sekretaris KPU Kota Metro",
    "nip": "197501012000032001",
}
UNIT_HEAD = {
    "name": "Andi Pratama",
    "position": "Kepala Sub Bagian Perencanaan, Data dan Informasi",
    "nip": "198501012010011002",
}


def _parties_url(world: Any, agreement: PerformanceAgreement) -> str:
    return reverse(
        "ui:agreement_parties", args=[world.own.agency.code, agreement.year, agreement.pk]
    )


def _unit_pk(world: Any) -> PerformanceAgreement:
    return PerformanceAgreement.objects.get(
        agency=world.own.agency, year=2024, work_unit__code="pdi"
    )


def _form(page: Any) -> dict[str, str]:
    """The parties form as shown: every field's initial value."""
    form = page.context["form"]
    return {name: form[name].value() or "" for name in form.fields}


def test_the_planner_sets_both_parties_and_the_pk_prints_them(world: Any) -> None:
    agency = world.own.agency
    agency.people = [SECRETARY]  # the office's officials (the office profile page keeps them)
    agency.save()
    client = _client(world, "planner")
    agreement = _unit_pk(world)
    signing = client.get(_url(world, "signing", 2024)).content.decode()
    assert "Kepala Sub Bagian Perencanaan, Data dan Informasi" in signing
    assert _parties_url(world, agreement) in signing
    page = client.get(_parties_url(world, agreement))
    text = page.content.decode()
    # What `parties()` prints without parties of the PK's own: the unit's head (not named in the
    # example) to the Sekretaris, both as dotted lines in the document.
    form = _form(page)
    assert (form["first-name"], form["first-position"]) == (
        "",
        "Kepala Sub Bagian Perencanaan, Data dan Informasi",
    )
    assert form["second-position"] == "Sekretaris KPU Kota Metro"
    assert "Erzal Syahreza Aswir — Ketua" in text and "Sri Wahyuni — Sekretaris" in text
    form.update({f"first-{k}": v for k, v in UNIT_HEAD.items()})
    form["second-official"] = official_key(SECRETARY)
    saved = client.post(_parties_url(world, agreement), form)
    assert saved.status_code == 302, saved.content.decode()
    agreement.refresh_from_db()
    assert (agreement.first_party, agreement.second_party) == (UNIT_HEAD, SECRETARY)
    last = agreement.history.latest("history_id")  # type: ignore[attr-defined]
    assert (last.history_user, last.history_change_reason) == (
        world.users["planner"],
        "Pihak PK diubah",
    )
    sys.path.insert(0, str(Path(__file__).parents[1] / "documents"))
    from document_readers import docx_text, pdf_text

    for fmt, read in (("docx", docx_text), ("pdf", pdf_text)):
        url = reverse("ui:download_pk", args=[agency.code, 2024, "pdi", fmt])
        answer = client.get(url + "?mode=draft")
        assert answer.status_code == 200
        printed = " ".join(read(answer.content).split())
        for person in (UNIT_HEAD, SECRETARY):
            assert person["name"] in printed and person["nip"] in printed, fmt
    # Unchanged fields keep what is stored; "Dari data instansi" gives the PK back to the
    # organisation's people.
    again = client.post(
        _parties_url(world, agreement), _form(client.get(_parties_url(world, agreement)))
    )
    assert again.status_code == 302
    agreement.refresh_from_db()
    assert (agreement.first_party, agreement.second_party) == (UNIT_HEAD, SECRETARY)


def test_the_parties_survive_export_and_import(world: Any) -> None:
    agreement = _unit_pk(world)
    client = _client(world, "planner")
    form = _form(client.get(_parties_url(world, agreement)))
    form.update({f"first-{k}": v for k, v in UNIT_HEAD.items()})
    form.update({f"second-{k}": v for k, v in SECRETARY.items()})
    assert client.post(_parties_url(world, agreement), form).status_code == 302
    exported = export_dataset(world.own.agency)
    (unit,) = [a for a in exported.year(2024).agreements if a.work_unit == "pdi"]
    assert unit.first_party == schema.Person(**UNIT_HEAD)
    assert unit.second_party == schema.Person(**SECRETARY)
    import_dataset(exported, importer=world.users["planner"], unlock_reason="uji pulang-pergi")
    again = _unit_pk(world)
    assert (again.first_party, again.second_party) == (UNIT_HEAD, SECRETARY)
    assert export_dataset(world.own.agency).year(2024).agreements == exported.year(2024).agreements


def test_the_organisations_party_comes_back_and_a_typed_party_needs_a_name(world: Any) -> None:
    agreement = world.own.agreement  # the office's PK: Sekretaris (unnamed) to the Ketua
    assert agreement.work_unit_id is None
    agreement.second_party = {"name": "Pengganti", "position": "Plh. Ketua"}
    agreement.save()
    client = _client(world, "planner")
    form = _form(client.get(_parties_url(world, agreement)))
    # Printed as the document prints it: the office's name after the position.
    assert (form["second-name"], form["second-position"]) == (
        "Pengganti",
        "Plh. Ketua KPU Kota Metro",
    )
    bad = client.post(
        _parties_url(world, agreement), {**form, "first-name": "", "first-position": "x"}
    )
    assert (
        bad.status_code == 400
        and "Nama dan jabatan pihak pertama wajib diisi" in bad.content.decode()
    )
    nip = client.post(_parties_url(world, agreement), {**form, "first-nip": "bukan nip"})
    assert nip.status_code == 400 and "NIP hanya angka" in nip.content.decode()
    back = client.post(_parties_url(world, agreement), {**form, "second-official": "instansi"})
    assert back.status_code == 302
    agreement.refresh_from_db()
    assert agreement.second_party is None
    page = client.get(_parties_url(world, agreement)).content.decode()
    assert "Erzal Syahreza Aswir" in page and "Ketua KPU Kota Metro" in page


def test_parties_changed_meanwhile_are_not_overwritten(world: Any) -> None:
    agreement = _unit_pk(world)
    first, second = _client(world, "planner"), _client(world, "admin")
    shown_first = _form(first.get(_parties_url(world, agreement)))
    shown_second = _form(second.get(_parties_url(world, agreement)))
    saved = second.post(
        _parties_url(world, agreement),
        {**shown_second, **{f"first-{k}": v for k, v in UNIT_HEAD.items()}},
    )
    assert saved.status_code == 302
    stale = first.post(
        _parties_url(world, agreement),
        {**shown_first, "first-name": "Orang Lain", "first-position": "Kepala Sub Bagian"},
    )
    assert stale.status_code == 409
    assert "telah diubah orang lain" in stale.content.decode()
    assert UNIT_HEAD["name"] in stale.content.decode()  # the page shows what is stored now
    agreement.refresh_from_db()
    assert agreement.first_party == UNIT_HEAD


def test_a_locked_year_refuses_the_parties(world: Any) -> None:
    agreement = _unit_pk(world)
    client = _client(world, "planner")
    form = _form(client.get(_parties_url(world, agreement)))
    year = world.own.year
    year.locked_at = timezone.now()
    year.save()
    page = client.get(_parties_url(world, agreement)).content.decode()
    assert "pihak PK tidak dapat diubah" in page and "Simpan pihak PK" not in page
    refused = client.post(
        _parties_url(world, agreement), {**form, **{f"first-{k}": v for k, v in UNIT_HEAD.items()}}
    )
    assert refused.status_code == 400
    assert "Tahun 2024 sudah dikunci: pihak PK tidak dapat diubah" in refused.content.decode()
    agreement.refresh_from_db()
    assert agreement.first_party is None
    assert _client(world, "operator_b").get(_parties_url(world, agreement)).status_code == 403
