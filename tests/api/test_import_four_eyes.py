"""Four eyes through imports: an import never verifies what nobody verified.

The rule (`kinerja.results.import_state`), the same for the web import, `kinerja load` and
`kinerja load-realizations`: an unchanged realisation keeps its state, its people and its
version; a new or changed one arrives submitted by the importer, who can never verify it (in
the browser or through the API); another planner can.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse
from typer.testing import CliRunner

from kinerja.agencies.datasets import export_dataset
from kinerja.cli import app
from kinerja.dataset.yamlio import dump_yaml, write_yaml
from kinerja.results import actions
from kinerja.results.models import Realization, ReportingYear

runner = CliRunner()
FIELDS = ("status", "version", "entered_by", "submitted_by", "verified_by", "verified_at")


def _states(agency: Any) -> dict[tuple[int, str, int], tuple[Any, ...]]:
    return {
        (year, code, quarter): tuple(rest)
        for year, code, quarter, *rest in Realization.objects.filter(
            reporting_year__agency=agency
        ).values_list("reporting_year__year", "indicator__code", "quarter", *FIELDS)
    }


def _verified_by_planner(world: Any) -> Realization:
    """Q1 of the own indicator: entered and submitted by the operator, verified by the planner."""
    own, operator = world.own, world.users["operator_a"]
    z = actions.save_realization(operator, own.year, own.indicator, 1, "40%", "awal tahun")
    actions.submit_realization(operator, z, z.version)
    z = Realization.objects.get(pk=z.pk)
    actions.verify_realization(world.users["planner"], z, z.version)
    return Realization.objects.get(pk=z.pk)


def _unlock_other_years(world: Any) -> None:
    """The web import refuses an office with a locked year; these tests are about the rest."""
    ReportingYear.objects.filter(agency=world.own.agency).update(locked_at=None)


def _web_import(world: Any, persona: str, text: str) -> Any:
    client = Client()
    client.force_login(world.users[persona])
    args = [world.own.agency.code, 2024]
    upload = client.post(
        reverse("ui:import", args=args),
        {"file": _file(text)},
    )
    assert upload.status_code == 200
    token = upload.context["preview"].token
    return client.post(reverse("ui:import_apply", args=args), {"token": token})


def _file(text: str) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("dataset.yaml", text.encode("utf-8"))


def _edited(world: Any, change: Any) -> str:
    """The office's export, with `change(year_2024_plain)` applied to the 2024 year."""
    dataset = export_dataset(world.own.agency)
    years = [y for y in dataset.years]
    i = next(i for i, y in enumerate(years) if y.year == 2024)
    years[i] = change(years[i])
    return dump_yaml(dataset.model_copy(update={"years": years}))


def test_reimporting_the_downloaded_dataset_verifies_nothing(world: Any) -> None:
    _unlock_other_years(world)
    verified = _verified_by_planner(world)
    before = _states(world.own.agency)
    assert {s[0] for s in before.values()} >= {"draft", "submitted", "verified"}

    answer = _web_import(world, "planner", dump_yaml(export_dataset(world.own.agency)))

    assert answer.status_code == 302
    assert _states(world.own.agency) == before
    again = Realization.objects.get(
        reporting_year__year=2024, indicator__code=world.own.indicator.code, quarter=1
    )
    assert (again.verified_by, again.version) == (world.users["planner"], verified.version)


def _change_and_add(year: Any) -> Any:
    """Q3 gets another value; Q2 is new."""
    from kinerja.dataset.schema import Realization as Row

    rows = [
        z.model_copy(update={"value": "91%"}) if z.quarter == 3 else z for z in year.realizations
    ]
    template = next(z for z in year.realizations if z.quarter == 3)
    rows.append(Row.model_validate({"indicator": template.indicator, "quarter": 2, "value": "70%"}))
    return year.model_copy(update={"realizations": rows})


def test_a_changed_or_new_value_arrives_submitted_by_the_importer_who_cannot_verify_it(
    world: Any, api_as: Any
) -> None:
    _unlock_other_years(world)
    old = Realization.objects.get(pk=world.own.draft.pk)

    answer = _web_import(world, "planner", _edited(world, _change_and_add))
    assert answer.status_code == 302

    code = world.own.indicator.code
    changed = Realization.objects.get(reporting_year__year=2024, indicator__code=code, quarter=3)
    new = Realization.objects.get(reporting_year__year=2024, indicator__code=code, quarter=2)
    for z, version in ((changed, old.version + 1), (new, 1)):
        assert (z.status, z.version, z.submitted_by, z.verified_by) == (
            "submitted", version, world.users["planner"], None
        )  # fmt: skip
    # The importer cannot verify it, neither in the browser's action nor through the API ...
    refused = api_as("planner").post(f"/realizations/{new.pk}/verify", {"version": 1})
    assert refused.status_code == 403
    with pytest.raises(actions.PermissionDenied):
        actions.verify_realization(world.users["planner"], new, 1)
    # ... another planner (here the administrator) can.
    accepted = api_as("admin").post(f"/realizations/{new.pk}/verify", {"version": 1})
    assert (accepted.status_code, accepted.json()["status"]) == (200, "verified")


def test_kinerja_load_keeps_unchanged_values_and_submits_changed_ones(
    world: Any, tmp_path: Path
) -> None:
    verified = _verified_by_planner(world)
    ReportingYear.objects.filter(agency=world.own.agency).update(locked_at=None)
    before = _states(world.own.agency)
    path = tmp_path / "dataset.yaml"
    path.write_text(_edited(world, _change_and_add), encoding="utf-8")

    loaded = runner.invoke(app, ["load", str(path), "--user", "admin"])

    assert loaded.exit_code == 0, loaded.output
    after = _states(world.own.agency)
    code = world.own.indicator.code
    assert after[(2024, code, 1)] == before[(2024, code, 1)]  # verified, kept as it was
    assert after[(2024, code, 4)] == before[(2024, code, 4)]  # submitted, kept
    admin = world.users["admin"].pk
    expected = ("submitted", before[(2024, code, 3)][1] + 1, admin, admin, None)
    assert after[(2024, code, 3)][:5] == expected
    assert after[(2024, code, 2)][0] == "submitted"
    assert verified.verified_by == world.users["planner"]
    newly_verified = [
        key for key, s in after.items() if s[0] == "verified" and before.get(key) != s
    ]
    assert newly_verified == []


def test_load_realizations_keeps_unchanged_rows_and_submits_new_and_changed(
    world: Any, tmp_path: Path
) -> None:
    verified = _verified_by_planner(world)
    code, office = world.own.indicator.code, world.own.agency.code
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Realisasi"
    sheet.append(["Kode Instansi", "Tahun", "Kode Indikator", "Triwulan", "Nilai", "Catatan"])
    sheet.append([office, 2024, code, 1, "40%", "awal tahun"])  # as verified: unchanged
    sheet.append([office, 2024, code, 2, "70%", None])  # new
    path = tmp_path / "realisasi.xlsx"
    book.save(path)

    loaded = runner.invoke(app, ["load-realizations", str(path), "--user", "planner"])

    assert loaded.exit_code == 0, loaded.output
    assert "1 realisasi tidak berubah" in loaded.stdout
    kept = Realization.objects.get(pk=verified.pk)
    assert (kept.status, kept.version, kept.verified_by) == (
        "verified", verified.version, world.users["planner"]
    )  # fmt: skip
    new = Realization.objects.get(reporting_year__year=2024, indicator__code=code, quarter=2)
    assert (new.status, new.submitted_by, new.verified_by) == (
        "submitted", world.users["planner"], None
    )  # fmt: skip
    with pytest.raises(actions.PermissionDenied):
        actions.verify_realization(world.users["planner"], new, new.version)


def test_a_year_file_written_by_kinerja_export_reloads_without_verifying(
    world: Any, tmp_path: Path
) -> None:
    """The backup path: `export` then `load` (no user named) leaves every state as it was."""
    ReportingYear.objects.filter(agency=world.own.agency).update(locked_at=None)
    before = _states(world.own.agency)
    path = tmp_path / "cadangan.yaml"
    write_yaml(export_dataset(world.own.agency), path)

    assert runner.invoke(app, ["load", str(path)]).exit_code == 0
    assert _states(world.own.agency) == before


def test_a_value_loaded_by_nobody_named_waits_on_the_verification_page(
    world: Any, tmp_path: Path
) -> None:
    ReportingYear.objects.filter(agency=world.own.agency).update(locked_at=None)
    path = tmp_path / "dataset.yaml"
    path.write_text(_edited(world, _change_and_add), encoding="utf-8")
    assert runner.invoke(app, ["load", str(path)]).exit_code == 0
    new = Realization.objects.get(
        reporting_year__year=2024, indicator__code=world.own.indicator.code, quarter=2
    )
    assert (new.status, new.submitted_by, new.verified_by) == ("submitted", None, None)

    client = Client()
    client.force_login(world.users["planner"])
    page = client.get(reverse("ui:verification", args=[world.own.agency.code, 2024]))

    assert page.status_code == 200
    assert "impor dataset" in page.content.decode()
    actions.verify_realization(world.users["planner"], new, new.version)
    assert Realization.objects.get(pk=new.pk).verified_by == world.users["planner"]
