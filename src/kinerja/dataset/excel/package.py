"""Opening an .xlsx file safely: size, container, formulas and merged cells, then the cell values.

An .xlsx file is a ZIP archive of XML parts. Before any cell is read this module refuses what
cannot be a workbook (a CSV renamed to .xlsx, an old .xls, a truncated archive), what is too big
to handle (over 20 MB on disk, more than 10,000 parts, parts that unpack to more than 400 MB or
to more than they declare, or a sheet whose used area exceeds 5 million cells), and notes every
formula and every merged range: python-calamine returns a formula's cached value, so formulas
are found in the sheet XML itself (`<f>`), and never evaluated. Cell values are read with
python-calamine.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from xml.etree import ElementTree

import python_calamine

from kinerja.dataset.archive_limits import ArchiveRefused, check_archive
from kinerja.dataset.errors import DatasetError, Problem

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 400 * 1024 * 1024
MAX_CELLS = 5_000_000
MAX_MEMBERS = 10_000

_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"

# Literal hints first (fast on a 30 MB sheet), the exact patterns only when a hint is found.
_FORMULA_HINTS = (b"<f>", b"<f ", b"<f/", b":f>", b":f ", b":f/")
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\s[^>]*?ref=\"([A-Za-z0-9:$]+)\"")
_ROW_NUMBER = re.compile(rb"<(?:\w+:)?row\s[^>]*?\br=\"(\d+)\"")
_ROW_NUMBER_FIRST = re.compile(rb'<row r="(\d+)"')
_WIDE_HINT = re.compile(rb'r="[A-Z][A-Z]')
_WIDE_CELL = re.compile(rb"\br=\"([A-Z]{2,})\d+\"")
_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")

Cell = Any
"""What python-calamine gives for a cell: str, int, float, bool, date, datetime, time, timedelta."""


@dataclass
class RawSheet:
    """One worksheet: its cells (row 0 is Excel row 1), formulas and merged ranges."""

    name: str
    rows: list[list[Cell]]
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    merged: list[tuple[int, int, str]] = field(default_factory=list)


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_index(letters: str) -> int:
    """A -> 0, AA -> 26."""
    number = 0
    for char in letters.upper():
        number = number * 26 + ord(char) - 64
    return number - 1


def _refuse(file: str, message: str, found: str | None = None) -> DatasetError:
    return DatasetError([Problem(file, None, "(berkas)", message, found)])


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",") + " MB"


def _not_a_zip(file: str, head: bytes) -> DatasetError:
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return _refuse(
            file,
            "berkas ini format Excel lama (.xls) atau dilindungi kata sandi; buka di Excel dan "
            "simpan sebagai 'Excel Workbook (.xlsx)' tanpa kata sandi",
        )
    if head.startswith(b"PK"):
        return _refuse(file, "berkas .xlsx rusak atau terpotong; unduh atau salin ulang berkasnya")
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return _refuse(file, "berkas bukan buku kerja Excel (.xlsx)")
    return _refuse(
        file,
        "berkas berisi teks biasa (mungkin CSV yang diganti namanya), bukan buku kerja Excel; "
        "buka di Excel dan simpan sebagai 'Excel Workbook (.xlsx)'",
    )


def _read_member(archive: zipfile.ZipFile, name: str, file: str) -> bytes:
    try:
        return archive.read(name)
    except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError) as exc:
        raise _refuse(
            file, "berkas .xlsx rusak atau terpotong; unduh atau salin ulang berkasnya"
        ) from exc


def _xml(data: bytes, file: str) -> ElementTree.Element:
    try:
        return ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise _refuse(file, "berkas .xlsx rusak: XML di dalamnya tidak sah") from exc


def _sheet_parts(archive: zipfile.ZipFile, file: str) -> dict[str, str]:
    """Sheet name -> path of its XML part, from the workbook and its relationships."""
    names = set(archive.namelist())
    if "xl/workbook.xml" not in names:
        raise _refuse(file, "berkas ZIP ini bukan buku kerja Excel (.xlsx): tidak ada workbook")
    workbook = _xml(_read_member(archive, "xl/workbook.xml", file), file)
    targets: dict[str, str] = {}
    if "xl/_rels/workbook.xml.rels" in names:
        rels = _xml(_read_member(archive, "xl/_rels/workbook.xml.rels", file), file)
        for rel in rels.iter(f"{{{_PKG_REL_NS}}}Relationship"):
            target = rel.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            targets[rel.get("Id", "")] = str(PurePosixPath(path))
    parts: dict[str, str] = {}
    for sheet in workbook.iter(f"{{{_MAIN_NS}}}sheet"):
        rel_id = sheet.get(f"{{{_REL_NS}}}id", "")
        parts[sheet.get("name", "")] = targets.get(rel_id, "")
    return parts


def _formulas(xml: bytes) -> dict[tuple[int, int], str]:
    """(row, column) -> formula text of every cell that holds a formula."""
    found: dict[tuple[int, int], str] = {}
    row, col = -1, -1
    for event, element in ElementTree.iterparse(io.BytesIO(xml), events=("start", "end")):
        tag = element.tag.rsplit("}", 1)[-1]
        if event == "start" and tag == "row":
            number = element.get("r")
            row = int(number) - 1 if number and number.isdigit() else row + 1
            col = -1
        elif event == "start" and tag == "c":
            match = _REF.match(element.get("r", ""))
            if match:
                row, col = int(match.group(2)) - 1, column_index(match.group(1))
            else:
                col += 1
        elif event == "end" and tag == "f":
            text = (element.text or "").strip()
            found[(row, col)] = f"={text}" if text else "(rumus bersama)"
        elif event == "end" and tag == "row":
            element.clear()
    return found


def _has_formula(xml: bytes) -> bool:
    return any(hint in xml for hint in _FORMULA_HINTS)


def _merged(xml: bytes) -> list[tuple[int, int, str]]:
    if b"mergeCell" not in xml:
        return []
    ranges = []
    for match in _MERGE.finditer(xml):
        text = match.group(1).decode("ascii").replace("$", "")
        start = _REF.match(text.split(":")[0])
        if start:
            ranges.append((int(start.group(2)) - 1, column_index(start.group(1)), text))
    return ranges


def _extent(xml: bytes) -> int:
    """How many cells a dense reading of the sheet would hold (rows x columns), at most."""
    numbers = _ROW_NUMBER_FIRST.findall(xml)
    if len(numbers) != xml.count(b"row "):  # rows written otherwise: the exact pattern
        numbers = _ROW_NUMBER.findall(xml)
    rows = max(max((int(m) for m in numbers), default=0), xml.count(b"<row"))
    wide = _WIDE_CELL.findall(xml) if _WIDE_HINT.search(xml) else []
    columns = max((column_index(m.decode("ascii")) + 1 for m in wide), default=26)
    return rows * columns


@dataclass
class RawBook:
    """The worksheets of a workbook, in workbook order."""

    file: str
    sheets: dict[str, RawSheet]


def open_book(
    path: str | Path, *, only: set[str] | None = None, skip: set[str] | None = None
) -> RawBook:
    """Check the file and read its worksheets; `DatasetError` when it is not a usable .xlsx.

    `only` reads just those sheets (others are listed, unread); `skip` leaves sheets unread.
    """
    file = str(path)
    source = Path(path)
    try:
        size = source.stat().st_size
    except FileNotFoundError as exc:
        raise _refuse(file, "berkas tidak ditemukan") from exc
    if size > MAX_FILE_BYTES:
        raise _refuse(
            file,
            f"berkas terlalu besar (batas {_megabytes(MAX_FILE_BYTES)}); "
            "bagi datanya ke beberapa berkas",
            _megabytes(size),
        )
    data = source.read_bytes()
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise _not_a_zip(file, data[:512]) from exc
    with archive:
        unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            raise _refuse(
                file,
                f"isi berkas terlalu besar setelah dibuka (batas {_megabytes(MAX_UNPACKED_BYTES)})",
                _megabytes(unpacked),
            )
        try:
            check_archive(
                io.BytesIO(data), max_members=MAX_MEMBERS, max_unpacked=MAX_UNPACKED_BYTES
            )
        except ArchiveRefused as exc:
            raise _refuse(file, str(exc)) from exc
        parts = _sheet_parts(archive, file)
        wanted = [
            name
            for name in parts
            if (only is None or name in only) and (skip is None or name not in skip)
        ]
        sheets: dict[str, RawSheet] = {name: RawSheet(name, []) for name in parts}
        members = set(archive.namelist())
        for name in wanted:
            part = parts[name]
            if part not in members:
                continue
            xml = _read_member(archive, part, file)
            if _extent(xml) > MAX_CELLS:
                raise _refuse(
                    file,
                    f"sheet '{name}' terlalu luas (lebih dari {MAX_CELLS:,} sel terpakai); "
                    "hapus baris dan kolom kosong di ujung sheet".replace(",", "."),
                )
            if _has_formula(xml):
                try:
                    sheets[name].formulas = _formulas(xml)
                except ElementTree.ParseError as exc:
                    raise _refuse(file, "berkas .xlsx rusak: XML di dalamnya tidak sah") from exc
            sheets[name].merged = _merged(xml)
    _read_cells(data, file, sheets, wanted)
    return RawBook(file, sheets)


def _read_cells(data: bytes, file: str, sheets: dict[str, RawSheet], wanted: list[str]) -> None:
    try:
        with python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data)) as book:
            for name in wanted:
                if name in book.sheet_names:
                    rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
                    sheets[name].rows = rows
    except python_calamine.PasswordError as exc:
        raise _refuse(file, "berkas dilindungi kata sandi; simpan tanpa kata sandi") from exc
    except python_calamine.CalamineError as exc:
        raise _refuse(file, "berkas .xlsx tidak dapat dibaca", str(exc)[:200]) from exc
    except BaseException as exc:
        # The reader is Rust: a cell it cannot convert (a date-formatted cell holding a number
        # far outside any date) panics, raised as pyo3's PanicException (a BaseException).
        if type(exc).__name__ != "PanicException":
            raise
        raise _refuse(
            file, "berkas .xlsx tidak dapat dibaca: ada sel tanggal atau waktu di luar jangkauan"
        ) from exc
