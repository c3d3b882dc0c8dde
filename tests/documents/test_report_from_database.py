"""`kinerja report --agency`: the database path exports a dataset and builds the same document."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kinerja.cli import app
from kinerja.dataset.yamlio import read_yaml
from kinerja.documents.context import build_context
from kinerja.documents.lkj import build_lkj

RICH = Path(__file__).with_name("rich.yaml")
runner = CliRunner()
pytestmark = pytest.mark.django_db


def test_report_from_the_database_matches_the_file(tmp_path: Path) -> None:
    assert runner.invoke(app, ["load", str(RICH)]).exit_code == 0
    out = tmp_path / "pk.docx"
    result = runner.invoke(
        app, ["report", "--agency", "kpu-contoh", "--year", "2024", "--kind", "pk", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"PK")

    from kinerja.cli.sources import dataset_from_database

    from_db = build_lkj(build_context(dataset_from_database("kpu-contoh"), 2024))
    from_file = build_lkj(build_context(read_yaml(RICH), 2024))
    assert [h.full_text for h in from_db.headings()] == [h.full_text for h in from_file.headings()]
    assert [t.rows for t in from_db.tables()] == [t.rows for t in from_file.tables()]
