"""A `kinerja worker` lays out PDFs on `KINERJA_WORKER_THREADS` Typst threads (default one), set
before its first document: the number of workers, not threads inside one, decides how many
cores documents in bulk take."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kinerja.cli import worker_cmd

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "kpu-kota-metro-2024.yaml"

PROBE = """
import os, sys
from kinerja.cli.worker_cmd import limit_threads
limit_threads(int(sys.argv[1]))
from kinerja.documents.context import build_context
from kinerja.documents.lkj import build_lkj
from kinerja.documents.typst_writer import write_pdf
from kinerja.cli.sources import read_dataset
from pathlib import Path
document = build_lkj(build_context(read_dataset(Path(sys.argv[2])), 2024), charts=False)
assert write_pdf(document).startswith(b"%PDF")
print(len(os.listdir("/proc/self/task")))
"""


def _threads_after_a_pdf(threads: int) -> int:
    env = {k: v for k, v in os.environ.items() if k != "RAYON_NUM_THREADS"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(threads), str(EXAMPLE)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return int(done.stdout.strip().splitlines()[-1])


def test_the_setting_is_the_number_of_typst_threads():
    assert _threads_after_a_pdf(3) - _threads_after_a_pdf(1) == 2


def test_zero_leaves_typst_its_own_choice(monkeypatch):
    monkeypatch.setenv("RAYON_NUM_THREADS", "4")
    worker_cmd.limit_threads(0)
    assert "RAYON_NUM_THREADS" not in os.environ
    worker_cmd.limit_threads(2)
    assert os.environ["RAYON_NUM_THREADS"] == "2"


def test_the_worker_limits_threads_before_its_first_document(monkeypatch, settings):
    monkeypatch.delenv("RAYON_NUM_THREADS", raising=False)
    settings.WORKER_THREADS = 1
    seen = {}

    class Ready(Exception):
        pass

    def warm_up():
        seen["threads"] = os.environ.get("RAYON_NUM_THREADS")
        raise Ready

    monkeypatch.setattr(worker_cmd, "warm_up", warm_up)
    monkeypatch.setattr(worker_cmd, "setup_django", lambda migrate=True: None)
    with pytest.raises(Ready):
        worker_cmd.worker(until_empty=True, interval=1.0, after_go=False)
    assert seen == {"threads": "1"}
