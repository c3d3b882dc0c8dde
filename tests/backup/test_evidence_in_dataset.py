"""An uploaded evidence file keeps its size and type through a dataset export and import."""

from __future__ import annotations

from pathlib import Path

import pytest

from kinerja.agencies.datasets import export_dataset, import_dataset
from kinerja.dataset.excel.tree import read_xlsx
from kinerja.dataset.excel.writer import write_xlsx
from kinerja.dataset.yamlio import read_yaml, write_yaml
from kinerja.results.models import Evidence, MeasurementRow

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "kpu-kota-metro-2024.yaml"
SHA = "ab" * 32

pytestmark = pytest.mark.django_db


def _uploaded() -> Evidence:
    agency = import_dataset(read_yaml(EXAMPLE))
    row = MeasurementRow.objects.filter(table__reporting_year__agency=agency).first()
    assert row is not None
    return Evidence.objects.create(
        measurement_row=row,
        position=99,
        title="laporan.pdf",
        file=f"{SHA[:12]}.pdf",
        sha256=SHA,
        size=48_213,
        content_type="application/pdf",
    )


@pytest.mark.parametrize("suffix", [".yaml", ".xlsx"])
def test_an_uploaded_file_keeps_its_size_and_type_through_export_and_import(tmp_path, suffix):
    evidence = _uploaded()
    path = tmp_path / f"dataset{suffix}"
    dataset = export_dataset(evidence.measurement_row.table.reporting_year.agency)  # type: ignore[union-attr]
    if suffix == ".yaml":
        write_yaml(dataset, path)
        again = read_yaml(path)
    else:
        write_xlsx(dataset, path)
        again = read_xlsx(path)
    import_dataset(again)
    restored = Evidence.objects.get(sha256=SHA)
    assert (restored.size, restored.content_type, restored.file) == (
        48_213,
        "application/pdf",
        f"{SHA[:12]}.pdf",
    )
