"""The YAML form of a dataset: validation, Indonesian errors with file/line/field, round trip."""

from pathlib import Path

import pytest

from kinerja.dataset.errors import DatasetError
from kinerja.dataset.schema import Dataset, PrintedValue, printed, typed
from kinerja.dataset.yamlio import dump_yaml, parse_yaml, read_yaml, write_yaml

MINIMAL = Path(__file__).with_name("minimal.yaml")


def minimal_text() -> str:
    return MINIMAL.read_text(encoding="utf-8")


def problems_of(text: str) -> list[str]:
    with pytest.raises(DatasetError) as caught:
        parse_yaml(text, "data.yaml")
    return [p.render() for p in caught.value.problems]


def test_minimal_dataset_loads():
    dataset = read_yaml(MINIMAL)
    assert dataset.agency.code == "kpu-contoh"
    assert dataset.latest_year.year == 2024
    row = dataset.year(2024).measurements[0].rows[0]
    assert printed(row.activity_target) == "3 orang"


def test_dump_then_parse_gives_the_same_dataset(tmp_path):
    dataset = read_yaml(MINIMAL)
    again = parse_yaml(dump_yaml(dataset), "again.yaml")
    assert again == dataset
    write_yaml(dataset, tmp_path / "out.yaml")
    assert read_yaml(tmp_path / "out.yaml") == dataset


def test_unparseable_value_names_file_line_and_field():
    text = minimal_text().replace('target: "100%"', 'target: "9x%"')
    [problem] = problems_of(text)
    assert problem.startswith("data.yaml, baris 26: years[0].agreements[0].rows[0].target:")
    assert "'9x%' tidak dikenali" in problem


def test_every_problem_is_listed_not_only_the_first():
    text = minimal_text().replace("level: regency_city", "level: kota\n  warna: merah")
    problems = problems_of(text)
    assert len(problems) == 2
    assert any("agency.level: harus salah satu dari" in p and "atau" in p for p in problems)
    assert any("agency.warna: kolom tidak dikenal" in p for p in problems)


def test_unknown_codes_are_reported_with_their_path():
    text = minimal_text().replace("indicator: IK01, target", "indicator: IK99, target")
    text = text.replace("indicators: [IK01]", "indicators: [IK77]")
    problems = problems_of(text)
    assert any(
        "years[0].agreements[0].rows[0].indicator: indikator 'IK99' bukan indikator sasaran" in p
        for p in problems
    )
    assert any(
        "years[0].measurements[0].rows[0].indicators[0]: kode indikator 'IK77' tidak dikenal" in p
        for p in problems
    )


def test_duplicate_codes_are_refused():
    text = minimal_text().replace(
        "  - code: pdi\n    name: Sub Bagian Perencanaan, Data dan Informasi\n",
        "  - code: pdi\n    name: A\n  - code: pdi\n    name: B\n",
    )
    problems = problems_of(text)
    assert sum("kode unit kerja 'pdi' dipakai lebih dari sekali" in p for p in problems) == 2


def test_duplicate_yaml_keys_are_refused():
    text = minimal_text().replace("  name: KPU Kota Contoh\n", "  name: A\n  name: B\n")
    [problem] = problems_of(text)
    assert "kunci 'name' ditulis dua kali" in problem
    assert "baris" in problem


def test_broken_yaml_names_the_line():
    [problem] = problems_of("agency: [unclosed\n")
    assert problem.startswith("data.yaml, baris")
    assert "YAML tidak sah" in problem


def test_a_file_that_is_not_a_mapping_is_refused():
    [problem] = problems_of("- just\n- a list\n")
    assert "pemetaan" in problem


def test_missing_file_is_reported(tmp_path):
    with pytest.raises(DatasetError) as caught:
        read_yaml(tmp_path / "nope.yaml")
    assert "berkas tidak ditemukan" in caught.value.render()


def test_printed_value_keeps_the_source_text_and_computes_with_its_reading():
    value = PrintedValue(printed="dua belas bulan", value="12 bulan")
    assert printed(value) == "dua belas bulan"
    assert typed(value) == typed("12 bulan")


def test_budget_line_needs_exactly_one_of_program_and_activity():
    text = minimal_text().replace("- {program: DM, amount: 1000000}", "- {amount: 1000000}")
    [problem] = problems_of(text)
    assert "isi tepat satu dari 'program' atau 'activity'" in problem


def test_schema_is_frozen():
    dataset = read_yaml(MINIMAL)
    assert isinstance(dataset, Dataset)
    with pytest.raises(Exception):  # noqa: B017 - pydantic raises ValidationError
        dataset.agency.code = "x"  # type: ignore[misc]
