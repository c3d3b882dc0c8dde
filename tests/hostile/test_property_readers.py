"""Property tests: malformed, huge, nested and hostile input to the YAML and Excel readers gives
a `DatasetError` (the Indonesian message), never another exception, a hang or a partial write.

Examples per test are fixed (`max_examples`) so CI stays fast; the deadline catches a hang.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from kinerja.cli import app
from kinerja.dataset.errors import DatasetError
from kinerja.dataset.excel.tree import read_xlsx
from kinerja.dataset.excel.writer import write_xlsx
from kinerja.dataset.yamlio import parse_yaml, read_yaml

MINIMAL = Path(__file__).parents[1] / "dataset" / "minimal.yaml"
MINIMAL_TEXT = MINIMAL.read_text(encoding="utf-8")
MINIMAL_DATA: dict[str, Any] = yaml.safe_load(MINIMAL_TEXT)

FAST = settings(max_examples=60, deadline=3000, derandomize=True)
SLOW = settings(
    max_examples=20,
    deadline=5000,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

HOSTILE_SNIPPETS = [
    "&a ",
    "*a",
    "<<: *a\n",
    "[" * 300,
    "{" * 70,
    "!!python/object/apply:os.system ['true']",
    "!!binary AAAA",
    '"\\0"',
    "\x00",
    "\ufeff",
    "\ud7ff",
    str(2**80),
    "1e999",
    ".nan",
    "x" * 100_000,
    "- " * 80,
    "\t",
    "? complex key\n: v\n",
    "%YAML 1.1\n---\n",
    "--- \n...\n---\n",
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**80), max_value=2**80),
    st.floats(),
    st.text(max_size=40),
    st.dates(),
)
trees = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(max_size=8) | st.integers(), children, max_size=4)
    ),
    max_leaves=25,
)


def _only_dataset_errors(text: str) -> None:
    try:
        parse_yaml(text, "acak.yaml")
    except DatasetError as exc:
        assert exc.problems
        assert all(p.file == "acak.yaml" and p.message for p in exc.problems)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for number, item in enumerate(value):
            found += _paths(item, (*path, number))
    return found


MINIMAL_PATHS = _paths(MINIMAL_DATA)[1:]


def _spliced(path: tuple[Any, ...], tree: Any) -> dict[str, Any]:
    data = yaml.safe_load(MINIMAL_TEXT)
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = tree
    return data


@FAST
@given(trees)
def test_any_yaml_document_gives_a_dataset_or_a_dataset_error(tree):
    _only_dataset_errors(yaml.safe_dump(tree, allow_unicode=True))


@FAST
@given(st.sampled_from(MINIMAL_PATHS), trees)
def test_any_value_anywhere_in_a_dataset_gives_a_dataset_or_a_dataset_error(path, tree):
    _only_dataset_errors(yaml.safe_dump(_spliced(path, tree), allow_unicode=True))


@FAST
@given(
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=len(MINIMAL_TEXT)),
            st.sampled_from(HOSTILE_SNIPPETS) | st.text(max_size=20),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_hostile_text_inserted_anywhere_gives_a_dataset_error(insertions):
    text = MINIMAL_TEXT
    for position, snippet in sorted(insertions, reverse=True):
        text = text[:position] + snippet + text[position:]
    _only_dataset_errors(text)


@pytest.mark.django_db
@SLOW
@given(st.sampled_from(MINIMAL_PATHS), trees)
def test_load_of_any_spliced_dataset_writes_all_or_nothing(path, tree):
    from kinerja.agencies.models import Agency
    from kinerja.plans.models import Indicator

    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "acak.yaml"
        file.write_text(yaml.safe_dump(_spliced(path, tree), allow_unicode=True), "utf-8")
        before = (Agency.objects.count(), Indicator.objects.count())
        result = CliRunner().invoke(app, ["load", str(file)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    if result.exit_code == 0:
        assert Agency.objects.filter(code=MINIMAL_DATA["agency"]["code"]).exists()
    else:
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output
        assert (Agency.objects.count(), Indicator.objects.count()) == before


# --- the Excel workbook ---------------------------------------------------------------------

_WORKBOOK = io.BytesIO()


def _workbook_bytes() -> bytes:
    if not _WORKBOOK.getvalue():
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "minimal.xlsx"
            write_xlsx(read_yaml(MINIMAL), path)
            _WORKBOOK.write(path.read_bytes())
    return _WORKBOOK.getvalue()


def _read(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "acak.xlsx"
        path.write_bytes(data)
        try:
            read_xlsx(path)
        except DatasetError as exc:
            assert exc.problems
            assert all(p.file == str(path) and p.message for p in exc.problems)


@FAST
@given(
    st.integers(min_value=0, max_value=40_000),
    st.lists(
        st.tuples(st.integers(min_value=0, max_value=40_000), st.integers(0, 255)), max_size=8
    ),
)
def test_a_truncated_or_damaged_workbook_gives_a_dataset_error(cut, flips):
    data = bytearray(_workbook_bytes())
    for offset, byte in flips:
        if offset < len(data):
            data[offset] = byte
    _read(bytes(data[: max(cut, 1)]) if cut < len(data) else bytes(data))


@FAST
@given(st.data(), st.binary(max_size=2000) | st.text(max_size=2000).map(str.encode))
def test_a_workbook_part_replaced_by_anything_gives_a_dataset_error(data, content):
    source = zipfile.ZipFile(io.BytesIO(_workbook_bytes()))
    names = source.namelist()
    replaced = data.draw(st.sampled_from(names))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in names:
            target.writestr(name, content if name == replaced else source.read(name))
    _read(out.getvalue())


cell_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=60),
    st.sampled_from(["=1+1", "_x0000_", "#REF!", "95%", "2024-13-45", "x" * 5000]),
    st.dates(),
)


@settings(SLOW, max_examples=10)
@given(
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=12),
            st.integers(min_value=1, max_value=12),
            st.integers(min_value=1, max_value=12),
            cell_values,
        ),
        min_size=1,
        max_size=6,
    )
)
def test_any_cell_value_anywhere_gives_a_dataset_or_a_dataset_error(edits):
    book = openpyxl.load_workbook(io.BytesIO(_workbook_bytes()))
    for sheet_number, row, column, value in edits:
        sheet = book.worksheets[sheet_number % len(book.worksheets)]
        sheet.cell(row=row, column=column, value=value)
    out = io.BytesIO()
    book.save(out)
    _read(out.getvalue())
