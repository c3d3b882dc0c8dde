"""The calculation core and the formats never import Django (style.md, rule 1)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import kinerja

MODULES = [
    "kinerja.core.values",
    "kinerja.core.settings",
    "kinerja.core.grades",
    "kinerja.core.achievement",
    "kinerja.core.scales",
    "kinerja.core.rollup",
    "kinerja.core.quarters",
    "kinerja.core.budget",
    "kinerja.formats",
]


def test_core_and_formats_never_import_django() -> None:
    source_root = str(Path(kinerja.__file__).resolve().parents[1])
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([source_root, os.environ.get("PYTHONPATH", "")]),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    code = (
        "import " + ", ".join(MODULES) + "; import sys; "
        "leaked = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')); "
        "assert not leaked, leaked"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, completed.stderr
