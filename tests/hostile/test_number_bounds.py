"""Out-of-range numbers and NUL characters are refused by the schema, naming the field, so
`check`, `measure` and `load` give a message, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kinerja.cli import app
from kinerja.dataset.errors import DatasetError
from kinerja.dataset.yamlio import parse_yaml

EXAMPLE = Path(__file__).parents[2] / "examples" / "kpu-kota-metro-2024.yaml"
MINIMAL = Path(__file__).parents[1] / "dataset" / "minimal.yaml"
runner = CliRunner()

# name: (text to replace, replacement, field named in the message, message)
HOSTILE = {
    "amount >= 2^63": (
        "amount: 12692171000",
        f"amount: {2**63}",
        "amount",
        "harus ≤ 9223372036854775807",
    ),
    "staff count 10^12": ("count: 14", f"count: {10**12}", "organization.staff[1].count", "≤"),
    "year 10^20": ("- start: 2019", f"- start: {10**20}", "commissioner_periods[0].start", "≤"),
    "NUL in a text": (
        "  name: KPU Kota Metro\n",
        '  name: "KPU Kota\\0 Metro"\n',
        "agency.name",
        "tidak boleh berisi karakter NUL",
    ),
}


def hostile_text(case: str) -> str:
    old, new, _, _ = HOSTILE[case]
    text = EXAMPLE.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


@pytest.mark.parametrize("case", list(HOSTILE))
def test_the_schema_refuses_it_naming_the_field(case):
    with pytest.raises(DatasetError) as caught:
        parse_yaml(hostile_text(case), "data.yaml")
    rendered = caught.value.render()
    _, _, field, message = HOSTILE[case]
    assert field in rendered
    assert message in rendered
    assert "data.yaml, baris " in rendered
    assert "\x00" not in rendered


def test_the_year_keys_of_targets_are_bounded():
    text = MINIMAL.read_text(encoding="utf-8").replace(
        "          work_unit: pdi\n",
        f'          work_unit: pdi\n          renstra_targets: {{{10**20}: "5%"}}\n',
    )
    with pytest.raises(DatasetError) as caught:
        parse_yaml(text, "data.yaml")
    rendered = caught.value.render()
    assert "strategic_plan.objectives[0].indicators[0].renstra_targets" in rendered
    assert "harus ≤ 2200" in rendered


@pytest.mark.django_db
@pytest.mark.parametrize("command", ["check", "measure", "load"])
@pytest.mark.parametrize("case", ["amount >= 2^63", "staff count 10^12", "NUL in a text"])
def test_the_commands_give_a_message_not_a_traceback(tmp_path, command, case):
    from kinerja.agencies.models import Agency

    path = tmp_path / "bahaya.yaml"
    path.write_text(hostile_text(case), encoding="utf-8")
    result = runner.invoke(app, [command, str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 2, result.output
    assert "Dataset tidak dapat dimuat" in result.stderr
    assert HOSTILE[case][2] in result.stderr
    assert not Agency.objects.filter(code="kpu-kota-metro").exists()


def _realization_workbook(path: Path, note: str) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Realisasi"
    sheet.append(["Kode Instansi", "Tahun", "Kode Indikator", "Triwulan", "Nilai", "Catatan"])
    sheet.append(["kpu-kota-metro", 2024, "IK10", 1, "3 laporan", note])
    book.save(path)
    return path


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("note", "message"),
    [
        ("awal_x0000_akhir", "tidak boleh berisi karakter NUL"),  # Excel's escape for NUL
        ("n" * 2001, "terlalu panjang (maksimal 2000)"),
    ],
)
def test_the_realisation_workbook_refuses_nul_and_long_notes(tmp_path, note, message):
    from kinerja.results.models import Realization

    assert runner.invoke(app, ["load", str(EXAMPLE)]).exit_code == 0
    before = Realization.objects.count()
    path = _realization_workbook(tmp_path / "realisasi.xlsx", note)
    result = runner.invoke(app, ["load-realizations", str(path)])
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Catatan" in result.stderr or "note" in result.stderr
    assert Realization.objects.count() == before
