"""The notation of the workbook layout: kinds of cells, fixed choices, columns and sheets.

`layout` uses it to declare which sheet holds which part of a dataset; the reader, the
writer and the instructions sheet read that declaration.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

FieldPath = tuple[str | int, ...]

INSTRUCTIONS_SHEET = "Petunjuk"
EMPTY_TEXT = "(kosong)"
"""Written for an empty string, which Excel cannot tell from an empty cell."""


class Kind(StrEnum):
    """How a cell is read and written."""

    TEXT = "text"  # text; a whole number is taken as its digits
    CODE = "code"  # a code (`SS01`, `kpu-kota-metro`)
    CODES = "codes"  # codes separated by commas
    TEXTS = "texts"  # texts separated by commas
    INT = "int"
    FLOAT = "float"
    AMOUNT = "amount"  # whole rupiah
    BOOL = "bool"  # ya / tidak
    CHOICE = "choice"  # one of a fixed list, by its Indonesian label or its code
    DATE = "date"
    VALUE = "value"  # a printed value (`95%`, `3 orang`)
    READING = "reading"  # the reading of the printed value next to it
    PRESENCE = "presence"  # ya: the optional object exists even when all its fields are empty
    CELL = "cell"  # a supporting-table cell: text, a number or empty


@dataclass(frozen=True)
class Choice:
    """A fixed list of codes with the Indonesian labels the workbook shows."""

    labels: tuple[tuple[str, str], ...]  # (code, label)

    def code_of(self, text: str) -> str | None:
        wanted = " ".join(text.split()).casefold()
        for code, label in self.labels:
            if wanted in (code.casefold(), label.casefold()):
                return code
        return None

    def label_of(self, code: str) -> str:
        return dict(self.labels).get(code, code)

    @property
    def shown(self) -> tuple[str, ...]:
        return tuple(label for _, label in self.labels)


LEVELS = Choice(
    (("national", "nasional"), ("province", "provinsi"), ("regency_city", "kabupaten/kota"))
)
POLARITIES = Choice(
    (
        ("higher", "makin tinggi makin baik"),
        ("lower", "makin rendah makin baik"),
        ("band", "dalam rentang"),
    )
)
COMBINES = Choice((("sum", "dijumlahkan"), ("last", "nilai terakhir"), ("mean", "dirata-ratakan")))
LOWER_IS_BETTER = Choice(
    (
        ("mirror", "(2T − R) / T × 100"),
        ("inverse", "T / R × 100"),
        ("ratio", "T / R × 100 (nama lama)"),
    )
)
CAP_SCOPES = Choice(
    (
        ("rollup", "hanya saat dirata-ratakan"),
        ("indicator", "capaian indikator"),
        ("both", "capaian indikator dan rata-rata"),
        ("none", "tidak dibatasi"),
    )
)
GRADE_METHODS = Choice(
    (
        ("reached_or_rank_ratio", "100 jika tercapai; selain itu rasio peringkat"),
        ("reached", "tercapai (100) atau tidak (0)"),
        ("rank_ratio", "rasio peringkat"),
    )
)
DUAL_TARGETS = Choice(
    (
        ("activity", "terhadap target kegiatan"),
        ("share", "persentase target kegiatan terhadap target persentase"),
    )
)
ROW_KINDS = Choice((("columns", "kolom"), ("row", "baris")))
BUILTIN_SCALES = ("sakip", "bpk_opinion", "lke")
LKE_ANSWERS = ("AA", "A", "BB", "B", "CC", "C", "D", "E")
YES, NO = "ya", "tidak"


@dataclass(frozen=True)
class Column:
    """A column of a list sheet, or a row of a form sheet.

    `field` is the path inside the sheet's item (`("head", "name")`); None for a column that only
    names the parent row. `required` columns must be present in the header row. `ref` names the
    sheet whose first key column feeds a drop-down (`Unit Kerja`); `options` is a fixed list.
    """

    header: str
    field: FieldPath | None
    kind: Kind
    required: bool = False
    choice: Choice | None = None
    ref: str | None = None
    options: tuple[str, ...] = ()
    note: str = ""
    width: int | None = None


class Shape(StrEnum):
    FORM = "form"
    LIST = "list"
    MAP = "map"
    GRID = "grid"


@dataclass(frozen=True)
class Sheet:
    """A sheet and the part of the dataset it holds.

    `at` is the path from the dataset's root to the object (form) or list (list) the sheet holds,
    when it has no parent sheet. With a parent sheet, the sheet's items go into the parent item's
    field `field`, and `parent_keys` are this sheet's headers whose values match the parent's
    `key` headers, in order. `key` are the headers whose values identify a row for child sheets.
    """

    name: str
    shape: Shape
    description: str
    columns: tuple[Column, ...]
    at: tuple[str, ...] = ()
    parent: str | None = None
    field: str = ""
    parent_keys: tuple[str, ...] = ()
    key: tuple[str, ...] = ()
    map_key: str | None = None
    required: bool = False

    @property
    def field_path(self) -> tuple[str, ...]:
        """The field of the parent item that holds this sheet's items (`evaluation.answers`)."""
        return tuple(self.field.split(".")) if self.field else ()


CELL_HEADER = re.compile(r"^sel\s*(\d+)$", re.IGNORECASE)
FORM_HEADERS = ("Isian", "Nilai", "Keterangan")
GRID_MIN_CELLS = 8


def header_key(text: str) -> str:
    """Headers match without regard to case or runs of spaces."""
    return " ".join(text.split()).casefold()


# --- constructors used by the layout table ---------------------------------------------------


def text(
    header: str, name: str, *, required: bool = False, note: str = "", width: int = 0
) -> Column:
    return Column(header, (name,), Kind.TEXT, required, note=note, width=width or None)


def code(header: str, name: str, *, required: bool = False, ref: str | None = None) -> Column:
    return Column(header, (name,), Kind.CODE, required, ref=ref)


def value_pair(header: str, path: FieldPath, *, required: bool = False) -> tuple[Column, Column]:
    note = "nilai seperti tercetak, mis. '95%', '3 orang', 'B', 'selesai'"
    reading = (
        "isi hanya bila nilai tercetak tidak dapat dibaca: bentuk yang dihitung, mis. '12 bulan'"
    )
    return (
        Column(header, path, Kind.VALUE, required, note=note),
        Column(f"{header} (dibaca)", path, Kind.READING, note=reading),
    )


def person(label: str, *path: str) -> tuple[Column, ...]:
    return (
        Column(f"Nama {label}", (*path, "name"), Kind.TEXT),
        Column(f"Jabatan {label}", (*path, "position"), Kind.TEXT),
        Column(
            f"NIP {label}", (*path, "nip"), Kind.TEXT, note="8-24 angka dan spasi, sebagai teks"
        ),
        Column(f"Unit Kerja {label}", (*path, "work_unit"), Kind.CODE),
    )


def of_kind(kind: Kind) -> Callable[..., Column]:
    """A column constructor for one kind: `integer("Jumlah", "count", required=True)`."""

    def make(header: str, name: str, *, required: bool = False, **extra: Any) -> Column:
        return Column(header, (name,), kind, required, **extra)

    return make


integer, number, yes_no = of_kind(Kind.INT), of_kind(Kind.FLOAT), of_kind(Kind.BOOL)
date_of, amount = of_kind(Kind.DATE), of_kind(Kind.AMOUNT)


def choice_of(header: str, name: str, choice: Choice, *, required: bool = False) -> Column:
    return Column(header, (name,), Kind.CHOICE, required, choice)


def parent_key(header: str, kind: Kind = Kind.CODE, ref: str | None = None) -> Column:
    return Column(header, None, kind, required=True, ref=ref)


YEAR = Column("Tahun", None, Kind.INT, required=True, ref="Tahun")
UNIT = Column("Unit Kerja", ("work_unit",), Kind.CODE, ref="Unit Kerja", note="kosong = kantor")
QUARTER_NAMES = {1: "TW I", 2: "TW II", 3: "TW III", 4: "TW IV"}
EVIDENCE = (
    text("Judul", "title", required=True),
    text("Berkas", "file"),
    text("Tautan", "url"),
    text("SHA-256", "sha256", note="64 digit heksadesimal huruf kecil"),
    integer("Ukuran (bita)", "size", note="diisi aplikasi untuk berkas yang diunggah"),
    text("Jenis Berkas", "content_type", note="diisi aplikasi, mis. 'application/pdf'"),
)
