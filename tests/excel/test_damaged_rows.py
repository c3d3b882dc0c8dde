"""Damaged rows, cells and bytes: the only outcomes are a clean import or a `DatasetError`.

Hypothesis writes arbitrary cells (text, numbers, booleans, dates, formulas, codes that exist
and codes that do not) into the sheets of a valid workbook, or damages the file's bytes. Reading
never raises anything but `DatasetError`, and a refused workbook leaves the database unchanged.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import zipfile
from functools import cache
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from excel_helpers import consistent_dataset, stored_rows
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kinerja.dataset.errors import DatasetError
from kinerja.dataset.excel.layout import SHEETS
from kinerja.dataset.excel.package import RawBook, open_book
from kinerja.dataset.excel.tree import read_book, read_xlsx
from kinerja.dataset.excel.writer import dataset_workbook
from kinerja.dataset.schema import Dataset

SHEET_NAMES = [sheet.name for sheet in SHEETS]
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=24
) | st.sampled_from(
    ["IK01", "IK02", "SS01", "pdi", "hukum", "2024", "ya", "tidak", "95%", "3 orang", "B",
     "(kosong)", "kolom", "baris", "=1+1", "+62", "-", "@", "IK01, IK99", "nasional", " "]
)  # fmt: skip
CELL = st.one_of(
    st.none(),
    TEXT,
    st.integers(min_value=-(10**16), max_value=10**16),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2100, 1, 1)),
    st.sampled_from([2023.0, 2024.0, 1.0, 4.0, 5.0, 0.95]),
)
ROW = st.lists(CELL, max_size=12)
DAMAGE = st.lists(
    st.tuples(st.sampled_from(SHEET_NAMES), st.integers(min_value=0, max_value=40), ROW),
    min_size=1,
    max_size=4,
)


@cache
def _consistent() -> Dataset:
    return consistent_dataset()


@cache
def _workbook_bytes() -> bytes:
    stream = io.BytesIO()
    dataset_workbook(_consistent()).save(stream)
    return stream.getvalue()


@cache
def _raw_book(tmp: str) -> RawBook:
    path = Path(tmp) / "konsisten.xlsx"
    path.write_bytes(_workbook_bytes())
    return open_book(path, skip={"Petunjuk"})


def _damaged(book: RawBook, damage: list[tuple[str, int, list[Any]]]) -> RawBook:
    sheets = copy.deepcopy(book.sheets)
    for name, number, row in damage:
        rows = sheets[name].rows
        if number < len(rows):
            rows[number] = row
        else:
            rows.append(row)
    return RawBook(book.file, sheets)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damage=DAMAGE, formula=st.booleans(), merged=st.booleans())
def test_damaged_cells_give_a_dataset_or_a_dataset_error(tmp_path_factory, damage, formula, merged):
    book = _damaged(_raw_book(str(tmp_path_factory.getbasetemp())), damage)
    name, number, _ = damage[0]
    if formula:
        book.sheets[name].formulas[(number, 1)] = "=A1"
    if merged:
        book.sheets[name].merged.append((number, 0, "A1:B2"))
    try:
        read_book(book)
    except DatasetError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.message
            assert problem.place is None or problem.place.startswith("sheet '")


def _write_damaged(path: Path, damage: list[tuple[str, int, list[Any]]]) -> None:
    book = openpyxl.load_workbook(io.BytesIO(_workbook_bytes()))
    for name, number, row in damage:
        sheet = book[name]
        for col, value in enumerate(row, start=1):
            cell = sheet.cell(row=number + 1, column=col)
            if isinstance(value, str):
                value = "".join(ch for ch in value if ch.isprintable() or ch in "\n\t")
            cell.value = value  # a text starting with '=' becomes a formula, on purpose
    book.save(path)


@pytest.mark.django_db
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(damage=DAMAGE)
def test_a_damaged_workbook_loads_whole_or_leaves_the_database_unchanged(tmp_path, damage):
    from kinerja.agencies.datasets import import_dataset

    import_dataset(_consistent())
    before = stored_rows()
    path = tmp_path / "rusak.xlsx"
    _write_damaged(path, damage)
    try:
        dataset = read_xlsx(path)
    except DatasetError:
        assert stored_rows() == before
        return
    import_dataset(dataset)


@settings(max_examples=60, deadline=None)
@given(
    cut=st.integers(min_value=0, max_value=100_000),
    flips=st.lists(st.tuples(st.integers(min_value=0), st.integers(1, 255)), max_size=6),
)
def test_damaged_bytes_give_a_dataset_error(tmp_path_factory, cut, flips):
    data = bytearray(_workbook_bytes())
    for position, mask in flips:
        data[position % len(data)] ^= mask
    if cut:
        data = data[: max(1, len(data) - cut)]
    path = tmp_path_factory.mktemp("bytes") / "rusak.xlsx"
    path.write_bytes(bytes(data))
    try:
        read_xlsx(path)
    except DatasetError as error:
        assert error.problems


INSERTS = [b"<f>1</f>", b'<c r="ZZZ9">', b'<row r="99999999">', b"&", b"<", b"\xff\xfe"]


@settings(max_examples=80, deadline=None)
@given(
    part=st.integers(min_value=0),
    edits=st.lists(
        st.tuples(st.integers(min_value=0), st.integers(0, 2), st.sampled_from(INSERTS)),
        min_size=1,
        max_size=5,
    ),
)
def test_damaged_xml_inside_the_archive_gives_a_dataset_or_a_dataset_error(
    tmp_path_factory, part, edits
):
    source = zipfile.ZipFile(io.BytesIO(_workbook_bytes()))
    names = [n for n in source.namelist() if n.endswith(".xml")]
    target = names[part % len(names)]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            data = bytearray(source.read(info.filename))
            if info.filename == target:
                for position, kind, insert in edits:
                    at = position % max(len(data), 1)
                    if kind == 0:
                        data[at : at + 1] = b"#"
                    elif kind == 1:
                        del data[at : at + 20]
                    else:
                        data[at:at] = insert
            archive.writestr(info.filename, bytes(data))
    path = tmp_path_factory.mktemp("xml") / "rusak.xlsx"
    path.write_bytes(out.getvalue())
    try:
        read_xlsx(path)
    except DatasetError as error:
        assert error.problems
