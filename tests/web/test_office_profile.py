"""The office's profile in the browser (`/o/<office>/profil/`): the dataset's rules on each field
in Indonesian, the officials' rows, a stale page refused without losing anything, the history and
the data stamp, locked years keeping the signatories they were signed with, and the round trip
through `kinerja export` and `kinerja load`.

Our office (tests/web/conftest.py) is the KPU Kota Metro example: head Erzal Syahreza Aswir, no
secretary, signing place Metro; 2024 open, 2023 locked.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from typer.testing import CliRunner

from kinerja.agencies.datasets import export_dataset
from kinerja.agencies.models import Agency
from kinerja.agencies.profile import (
    CHANGED,
    profile_data,
    profile_version,
    update_profile,
)
from kinerja.cli import app
from kinerja.consolidation.models import OfficeState
from kinerja.dataset.yamlio import read_yaml
from kinerja.documents.context import build_context
from kinerja.documents.lkj import build_lkj
from kinerja.documents.pk import build_pk
from kinerja.documents.tree import Signatures
from kinerja.plans.models import PerformanceAgreement
from kinerja.results.actions import StaleVersion
from kinerja.results.models import ReportingYear
from kinerja.results.verified import verified_dataset

World = Any  # tests/web/conftest.py
OLD_HEAD = "Erzal Syahreza Aswir"
NEW_HEAD = {"name": "Rahmat Hidayat", "position": "Ketua", "nip": "198001012005011001"}
SECRETARY = {"name": "Sri Lestari", "position": "Sekretaris", "nip": "197502032000032002"}


def _client(world: World, who: str = "planner") -> Client:
    client = Client()
    client.force_login(world.users[who])
    return client


def _url(agency: Agency) -> str:
    return reverse("ui:profile", kwargs={"agency": agency.code})


def _form(client: Client, url: str) -> dict[str, Any]:
    """Every field as the page fills it, the officials' rows with their management form."""
    page = client.get(url)
    assert page.status_code == 200
    form, people = page.context["form"], page.context["people"]
    data = {name: form.initial.get(name) for name in form.fields}
    data.update({f"pejabat-{k}": v for k, v in people.management_form.initial.items()})
    for row in people.forms:
        for name in row.fields:
            if name != "DELETE":
                data[row.add_prefix(name)] = row.initial.get(name)
    return {k: ("" if v is None else v) for k, v in data.items()}


def _stamp(agency: Agency) -> tuple[int, str]:
    state = OfficeState.objects.filter(agency=agency).first()
    return (state.version, state.stamp) if state else (0, "")


def test_the_planner_edits_the_profile_and_it_is_recorded(world: World) -> None:
    agency = world.own.agency
    client = _client(world)
    url = _url(agency)
    data = _form(client, url)
    assert data["head_name"] == OLD_HEAD and data["signing_place"] == "Metro"
    before = _stamp(agency)
    answer = client.post(
        url,
        {
            **data,
            "address": "Jl. Baru No. 1, Kota Metro",
            **{f"head_{k}": v for k, v in NEW_HEAD.items()},
            **{f"secretary_{k}": v for k, v in SECRETARY.items()},
            "pejabat-TOTAL_FORMS": "1",
            "pejabat-0-name": "Andi Saputra",
            "pejabat-0-position": "Kepala Sub Bagian PDI",
            "pejabat-0-nip": "19850505 201001 1 003",
            "pejabat-0-work_unit": "pdi",
        },
    )
    assert answer.status_code == 302
    stored = export_dataset(agency)
    assert stored.agency.address == "Jl. Baru No. 1, Kota Metro"
    assert stored.agency.head is not None and stored.agency.head.name == "Rahmat Hidayat"
    assert stored.agency.head.nip == NEW_HEAD["nip"]
    assert stored.agency.secretary is not None and stored.agency.secretary.name == "Sri Lestari"
    [official] = stored.organization.people
    assert (official.name, official.work_unit) == ("Andi Saputra", "pdi")
    after = _stamp(agency)
    assert after[0] > before[0] and after[1] != before[1]
    page = client.get(url).content.decode()
    assert "Profil instansi disimpan." in page
    assert (
        "Ketua</strong>: Erzal Syahreza Aswir, Ketua → Rahmat Hidayat, Ketua, "
        "NIP 198001012005011001" in page
    )
    history = Agency.history.filter(id=agency.pk).order_by("history_date")  # type: ignore[attr-defined]
    assert [h.history_user for h in history] == [None, world.users["planner"]]
    assert history.last().history_change_reason == "Profil instansi diubah"


def test_each_field_is_checked_in_indonesian_and_nothing_is_written(world: World) -> None:
    agency = world.own.agency
    client = _client(world)
    url = _url(agency)
    version = profile_version(agency)
    answer = client.post(
        url,
        {
            **_form(client, url),
            "name": "  ",
            "head_nip": "1980-01-01",
            "secretary_position": "Sekretaris",
            "pejabat-TOTAL_FORMS": "1",
            "pejabat-0-position": "Bendahara",
        },
    )
    assert answer.status_code == 400
    errors = answer.context["form"].errors
    assert "name" in errors
    assert errors["head_nip"] == ["NIP hanya angka (boleh dengan spasi), 8 sampai 24 karakter."]
    assert errors["secretary_name"] == ["Isi nama Sekretaris, atau kosongkan jabatan dan NIP-nya."]
    row = answer.context["people"].forms[0].errors
    assert row["name"] == ["Isi nama pejabat, atau kosongkan barisnya."]
    assert "Belum disimpan" in answer.content.decode()
    agency.refresh_from_db()
    assert profile_version(agency) == version


def test_the_action_reads_people_with_the_datasets_person(world: World) -> None:
    agency = world.own.agency
    planner = world.users["planner"]
    version = profile_version(agency)
    with pytest.raises(Exception) as caught:
        update_profile(planner, agency, {"head": {"position": "Ketua"}, "kota": "X"}, version)
    assert caught.value.fields == {"kota": ["kolom tidak dikenal"]}  # type: ignore[attr-defined]
    with pytest.raises(Exception) as caught:
        people = [{"name": "A"}, {"name": "B", "nip": "satu dua"}]
        update_profile(planner, agency, {"head": {"position": "Ketua"}, "people": people}, version)
    assert caught.value.fields == {  # type: ignore[attr-defined]
        "head": ["name: wajib diisi"],
        "people": ["2 nip: NIP hanya angka (boleh dengan spasi), 8 sampai 24 karakter."],
    }
    assert profile_version(Agency.objects.get(pk=agency.pk)) == version


def test_a_stale_page_is_refused_and_the_other_change_is_kept(world: World) -> None:
    agency = world.own.agency
    client = _client(world)
    url = _url(agency)
    shown = _form(client, url)  # the planner opens the page ...
    update_profile(world.users["admin"], agency, {"city": "Kota Metro"}, shown["version"])
    answer = client.post(url, {**shown, "address": "Alamat dari halaman lama"})
    assert answer.status_code == 400
    assert answer.context["form"].non_field_errors() == [CHANGED]
    agency.refresh_from_db()
    assert agency.city == "Kota Metro" and agency.address != "Alamat dari halaman lama"
    with pytest.raises(StaleVersion):
        update_profile(world.users["planner"], agency, {"city": "Metro"}, shown["version"])


def test_officials_rows_are_added_and_removed(world: World) -> None:
    agency = world.own.agency
    update_profile(
        world.users["planner"],
        agency,
        {"people": [{"name": "Andi"}, {"name": "Budi", "position": "Bendahara"}]},
        profile_version(agency),
    )
    client = _client(world)
    url = _url(agency)
    data = _form(client, url)
    assert data["pejabat-TOTAL_FORMS"] == 3  # two officials and an empty row
    more = client.post(url, {**data, "tambah": "1"})
    assert more.status_code == 200 and len(more.context["people"].forms) == 4
    assert profile_data(Agency.objects.get(pk=agency.pk))["people"][0] == {"name": "Andi"}
    assert client.post(url, {**data, "pejabat-0-DELETE": "on"}).status_code == 302
    agency.refresh_from_db()
    assert agency.people == [{"name": "Budi", "position": "Bendahara"}]


def _lkj_signature(agency: Agency, year: int) -> tuple[str, str]:
    document = build_lkj(build_context(verified_dataset(agency), year), charts=False)
    first = next(b for b in document.blocks() if isinstance(b, Signatures)).blocks[0]
    return first.name, str(first.place_date)


def _pk_parties(agency: Agency, year: int) -> list[tuple[str, str]]:
    document = build_pk(build_context(verified_dataset(agency), year))
    signatures = next(b for b in document.blocks() if isinstance(b, Signatures))
    return [(s.name, s.place_date or "") for s in signatures.blocks]


def test_a_locked_year_keeps_the_signatories_it_was_signed_with(world: World) -> None:
    agency = world.own.agency
    planner = world.users["planner"]
    # 2024 names no signatory of its own: its LKj and PK print the office's head.
    ReportingYear.objects.filter(agency=agency, year=2024).update(
        report_signatory=None, report_place=None
    )
    assert _lkj_signature(agency, 2024)[0] == OLD_HEAD
    assert _pk_parties(agency, 2024)[0][0] == OLD_HEAD

    # While 2024 is open, a new head (and a named secretary) sign its documents.
    first = {"head": NEW_HEAD, "secretary": SECRETARY}
    done = update_profile(planner, agency, first, profile_version(agency))
    assert done.changed and done.kept_years == [2023]
    assert _lkj_signature(agency, 2024)[0] == NEW_HEAD["name"]
    assert [name for name, _ in _pk_parties(agency, 2024)] == [NEW_HEAD["name"], "Sri Lestari"]

    # The leader approves 2024; later the head, secretary and signing place change again.
    ReportingYear.objects.filter(agency=agency, year=2024).update(locked_at=timezone.now())
    signed_lkj = _lkj_signature(agency, 2024)
    signed_pk = _pk_parties(agency, 2024)
    later = {
        "head": {"name": "Pengganti Ketua", "position": "Ketua"},
        "secretary": {"name": "Pengganti Sekretaris", "position": "Sekretaris"},
        "signing_place": "Bandar Lampung",
    }
    done = update_profile(planner, agency, later, profile_version(agency))
    assert done.kept_years == [2024]
    assert _lkj_signature(agency, 2024) == signed_lkj
    assert signed_lkj[1].startswith("Metro, ")
    assert _pk_parties(agency, 2024) == signed_pk
    assert "Pengganti" not in str(_pk_parties(agency, 2024))
    office_pk = PerformanceAgreement.objects.get(agency=agency, year=2024, work_unit=None)
    assert (office_pk.second_party, office_pk.first_party) == (NEW_HEAD, SECRETARY)
    assert office_pk.history.first().history_change_reason.startswith("Penanda tangan tahun")  # type: ignore[attr-defined]
    # The year's own data holds them: an export carries them (and the office's new profile).
    exported = export_dataset(agency)
    year = next(y for y in exported.years if y.year == 2024)
    assert year.report is not None and year.report.signatory is not None
    assert year.report.signatory.name == NEW_HEAD["name"] and year.report.place == "Metro"
    assert exported.agency.head is not None and exported.agency.head.name == "Pengganti Ketua"


def test_an_edit_in_the_browser_round_trips_through_export_and_load(
    world: World, tmp_path: Path
) -> None:
    agency = world.own.agency
    client = _client(world)
    url = _url(agency)
    answer = client.post(
        url,
        {
            **_form(client, url),
            "full_name": "Komisi Pemilihan Umum Kota Metro (Lampung)",
            **{f"secretary_{k}": v for k, v in SECRETARY.items()},
            "pejabat-0-name": "Andi Saputra",
            "pejabat-0-nip": "198505052010011003",
            "pejabat-0-work_unit": "pdi",
        },
    )
    assert answer.status_code == 302
    edited = profile_data(Agency.objects.get(pk=agency.pk))
    out = tmp_path / "kantor.yaml"
    runner = CliRunner()
    result = runner.invoke(app, ["export", "--agency", agency.code, "-o", str(out)])
    assert result.exit_code == 0, result.output
    written = read_yaml(out)
    assert written.agency.secretary is not None and written.agency.secretary.nip == SECRETARY["nip"]
    assert [p.name for p in written.organization.people] == ["Andi Saputra"]
    # The file replaces the office's data (its locked year opened first, as a load asks).
    ReportingYear.objects.filter(agency=agency).update(locked_at=None)
    Agency.objects.filter(pk=agency.pk).update(secretary=None, people=[], full_name=None)
    result = runner.invoke(app, ["load", str(out)])
    assert result.exit_code == 0, result.output
    assert profile_data(Agency.objects.get(pk=agency.pk)) == edited


def test_the_admin_shows_the_profile_but_does_not_edit_it(world: World) -> None:
    agency = world.own.agency
    root = get_user_model().objects.create_superuser("root", password="kata-sandi-uji-7391")
    client = Client()
    client.force_login(root)
    url = f"/admin/agencies/agency/{agency.pk}/change/"
    page = client.get(url).content.decode()
    assert OLD_HEAD in page and "/profil/" in page
    for name in ("head", "secretary", "people", "signing_place", "name"):
        assert f'name="{name}"' not in page
    client.post(url, {"code": agency.code, "level": agency.level, "head": '{"name": "X"}'})
    agency.refresh_from_db()
    assert agency.head == {"name": OLD_HEAD, "position": "Ketua"}
    add = client.get("/admin/agencies/agency/add/").content.decode()
    assert 'name="name"' in add and 'name="head"' not in add
