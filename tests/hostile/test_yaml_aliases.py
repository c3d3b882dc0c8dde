"""Billion laughs: a small YAML file whose aliases expand to billions of nodes is refused
before anything walks the tree, in every reader path, with memory bounded."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kinerja.dataset.errors import DatasetError
from kinerja.dataset.yamlio import dump_yaml, parse_yaml, read_yaml

MINIMAL = Path(__file__).parents[1] / "dataset" / "minimal.yaml"
ALIASES = "anchor dan alias YAML"
MEMORY_LIMIT = 700 * 1024 * 1024  # address space; the hostile file needs many gigabytes


def laughs(levels: int = 9, width: int = 10) -> str:
    """The minimal dataset with a staff list that expands to width**levels entries."""
    lines = ['x0: &x0 {dimension: jenis, category: "lol", count: 1}']
    for level in range(1, levels + 1):
        items = ", ".join([f"*x{level - 1}"] * width)
        lines.append(f"x{level}: &x{level} [{items}]")
    anchors = textwrap.indent("\n".join(lines), "    ")
    return (
        MINIMAL.read_text(encoding="utf-8")
        + f"organization:\n  anchors:\n{anchors}\n  staff: *x{levels}\n"
    )


def test_an_alias_is_refused_with_its_line():
    with pytest.raises(DatasetError) as caught:
        parse_yaml(laughs(levels=2), "bom.yaml")
    [problem] = caught.value.problems
    assert ALIASES in problem.message
    assert problem.place is not None and problem.place.startswith("baris ")
    assert problem.file == "bom.yaml"


def test_an_anchor_without_alias_is_refused_too():
    text = MINIMAL.read_text(encoding="utf-8").replace("name: KPU Kota Contoh", "name: &n KPU")
    with pytest.raises(DatasetError) as caught:
        parse_yaml(text, "jangkar.yaml")
    assert ALIASES in caught.value.problems[0].message
    assert caught.value.problems[0].place == "baris 3"


def test_texts_with_ampersand_and_star_still_load():
    text = MINIMAL.read_text(encoding="utf-8").replace(
        "name: KPU Kota Contoh", 'name: "KPU & *Kota* Contoh"'
    )
    assert parse_yaml(text, "teks.yaml").agency.name == "KPU & *Kota* Contoh"


def test_an_export_never_writes_anchors():
    dataset = read_yaml(MINIMAL)
    text = dump_yaml(dataset)
    assert parse_yaml(text, "again.yaml") == dataset


def test_deep_nesting_is_refused_not_a_recursion_error():
    text = MINIMAL.read_text(encoding="utf-8") + "organization: " + "[" * 200 + "]" * 200
    with pytest.raises(DatasetError) as caught:
        parse_yaml(text, "dalam.yaml")
    assert "terlalu dalam" in caught.value.problems[0].message


_RUNNER = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
from kinerja.cli import app
sys.argv = ["kinerja", *sys.argv[1:]]
app()
"""


@pytest.mark.parametrize("command", [["check"], ["measure"], ["load"]])
def test_the_cli_refuses_the_hostile_file_within_bounded_memory(tmp_path, command):
    hostile = tmp_path / "bom.yaml"
    hostile.write_text(laughs(), encoding="utf-8")
    assert hostile.stat().st_size < 2_000
    done = subprocess.run(
        [sys.executable, "-c", _RUNNER.format(limit=MEMORY_LIMIT), *command, str(hostile)],
        capture_output=True,
        text=True,
        timeout=120,
        env={
            **__import__("os").environ,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'k.sqlite3'}",
            "KINERJA_DATA_DIR": str(tmp_path),
        },
    )
    output = done.stdout + done.stderr
    assert "MemoryError" not in output
    assert "Traceback" not in output
    assert done.returncode == 2, output
    assert ALIASES in output
    assert "bom.yaml" in output


_PARSE = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
from kinerja.dataset.errors import DatasetError
from kinerja.dataset.yamlio import parse_yaml
try:
    parse_yaml(open(sys.argv[1], encoding="utf-8").read(), "bom.yaml")
except DatasetError as exc:
    print(exc.render())
print("peak KiB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def test_the_web_reader_refuses_the_hostile_file_within_bounded_memory(tmp_path):
    hostile = tmp_path / "bom.yaml"
    hostile.write_text(laughs(), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", _PARSE.format(limit=MEMORY_LIMIT), str(hostile)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert ALIASES in done.stdout
