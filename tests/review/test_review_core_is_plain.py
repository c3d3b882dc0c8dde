"""The review rules and LKE scoring live in the core: no Django, no dataset format, no I/O."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import kinerja


def test_review_and_evaluation_import_neither_django_nor_the_dataset_format() -> None:
    source_root = str(Path(kinerja.__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": source_root}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    code = (
        "import kinerja.core.review, kinerja.core.evaluation, sys; "
        "leaked = sorted(m for m in sys.modules if m.split('.')[0] == 'django' "
        "or m.startswith('kinerja.dataset') or m in ('pydantic', 'yaml')); "
        "assert not leaked, leaked"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, completed.stderr
