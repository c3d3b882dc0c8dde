"""The report command's start-up: the chart worker forked first, and the paused collector."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

from kinerja.documents import chart_processes
from kinerja.documents.charts import budget_chart, indicators_chart, objectives_chart
from kinerja.documents.context import ReportContext
from kinerja.documents.render import without_cycle_collection

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "kpu-kota-metro-2024.yaml"


def test_worker_started_early_is_handed_over_once() -> None:
    chart_processes.start_early()
    early = chart_processes._early
    assert early is not None and early.pid is not None
    worker = chart_processes.start_worker()
    assert worker is early and chart_processes._early is None
    other = chart_processes.start_worker()
    assert other is not None and other is not early
    for started in (worker, other):
        started.close()
        assert started.pid is None


def test_worker_draws_the_same_charts_as_this_process(example_ctx: ReportContext) -> None:
    result = example_ctx.result
    here = [objectives_chart(result), indicators_chart(result), budget_chart(result.budget)]
    there = [objectives_chart(result), indicators_chart(result), budget_chart(result.budget)]
    worker = chart_processes.start_worker()
    assert worker is not None
    assert worker.draw(there, png=True)
    assert worker.pid is None  # reaped
    for mine, theirs in zip(here, there, strict=True):
        assert theirs._svg == mine.svg()
        assert theirs._png is not None and theirs._png.startswith(b"\x89PNG")


def test_kinerja_script_writes_the_lkj_pdf(tmp_path: Path) -> None:
    """The installed `kinerja` script (whose entry point forks the chart worker first)."""
    script = Path(sys.executable).with_name("kinerja")
    output = tmp_path / "lkj.pdf"
    completed = subprocess.run(
        [str(script), "report", str(EXAMPLE), "-o", str(output)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    assert "ditulis ke" in completed.stdout
    assert output.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir()] == ["lkj.pdf"]  # no temporary file left


def test_kinerja_script_reports_bad_input_with_the_early_worker(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("kinerja")
    completed = subprocess.run(
        [str(script), "report", str(tmp_path / "tidak-ada.yaml"), "-o", str(tmp_path / "x.pdf")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode != 0
    assert "tidak-ada.yaml" in completed.stdout + completed.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_collector_is_paused_while_a_document_is_made_and_restored() -> None:
    assert gc.isenabled()
    with without_cycle_collection():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with without_cycle_collection():
            assert not gc.isenabled()
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()


def test_collector_comes_back_when_making_the_document_fails() -> None:
    try:
        with without_cycle_collection():
            raise KeyError("2031")
    except KeyError:
        pass
    assert gc.isenabled()
