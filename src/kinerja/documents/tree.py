"""The document tree: what a report is made of, independent of any file format.

A builder (`lkj.py`, `pk.py`) turns a read-only context into a `Document`; the writers
(`docx_writer.py`, `typst_writer.py`) turn a `Document` into a file. The nodes are frozen
dataclasses and carry only presentation: neither writer knows what an LKj is.

Numbers of tables and figures are assigned by the builder (`Numbering`) so that both writers print
the same numbers and the text can refer to them. Both writers pass every text through
`printed_text`, so "Rp" never ends a line apart from its amount.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from kinerja.documents.charts import Chart

Align = Literal["left", "center", "right", "justify"]
PageNumbering = Literal["none", "roman", "arabic"]
ContentsKind = Literal["headings", "tables", "figures"]

NO_BREAK_SPACE = "\u00a0"
_MONEY = re.compile(r"\b(Rp\.?)[ \t]+(?=-?\d)")


def printed_text(text: str) -> str:
    """Text as both writers print it: "Rp" (or "Rp.") bound to its amount by a no-break space,
    so that a line never ends on "Rp" (`Rp 15.534.394.000` stays whole)."""
    return _MONEY.sub(lambda m: m.group(1) + NO_BREAK_SPACE, text)


@dataclass(frozen=True)
class Run:
    """A piece of text with one emphasis."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of runs. `size` is a point size relative to body text (None: body size)."""

    runs: tuple[Run, ...]
    align: Align = "justify"
    size: float | None = None
    keep_with_next: bool = False
    indent: float = 0.0
    space_after: float | None = None

    @classmethod
    def of(
        cls, text: str, *, bold: bool = False, italic: bool = False, **options: object
    ) -> Paragraph:
        """A paragraph of one run."""
        return cls((Run(text, bold=bold, italic=italic),), **options)  # type: ignore[arg-type]

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class Heading:
    """A heading. `label` is a chapter label printed on its own line above the text (`BAB I`).

    `outlined` headings appear in the table of contents.
    """

    text: str
    level: int
    label: str | None = None
    outlined: bool = True

    @property
    def full_text(self) -> str:
        """The heading as the table of contents prints it."""
        return f"{self.label} {self.text}" if self.label else self.text


@dataclass(frozen=True)
class ListItem:
    """A list item; `label` is its own marker (`a.`, `1.`, `(2)`), None for a bullet."""

    runs: tuple[Run, ...]
    label: str | None = None

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class ItemList:
    """A list of items printed with hanging indentation."""

    items: tuple[ListItem, ...]


@dataclass(frozen=True)
class Cell:
    """A table cell; lines of `text` are separated by newlines.

    A cell spanning several rows (`rowspan`) is given once; the rows below leave its place out.
    """

    text: str
    bold: bool = False
    italic: bool = False
    align: Align | None = None
    colspan: int = 1
    rowspan: int = 1
    fill: str | None = None


@dataclass(frozen=True)
class Column:
    """A table column: its relative width and the alignment of its body cells."""

    width: float
    align: Align = "left"


@dataclass(frozen=True)
class Table:
    """A table with header rows that repeat on every page, body rows and footer rows.

    A table with a `number` has a caption (`Tabel 3. ...`) and appears in the list of tables.
    """

    columns: tuple[Column, ...]
    header: tuple[tuple[Cell, ...], ...]
    rows: tuple[tuple[Cell, ...], ...]
    footer: tuple[tuple[Cell, ...], ...] = ()
    caption: str | None = None
    number: int | None = None
    size: float = 9.5
    borders: bool = True


@dataclass(frozen=True)
class Figure:
    """A chart with its caption (`Gambar 2. ...`); `width` is a fraction of the text width."""

    chart: Chart
    caption: str
    number: int
    width: float = 1.0


@dataclass(frozen=True)
class PageBreak:
    """Start a new page."""


@dataclass(frozen=True)
class Spacer:
    """Vertical space in points."""

    height: float


@dataclass(frozen=True)
class Signature:
    """A signature block: place and date, role lines, room to sign, name and NIP."""

    role: tuple[str, ...]
    name: str
    nip: str | None = None
    place_date: str | None = None


@dataclass(frozen=True)
class Signatures:
    """One signature block (to the right) or several side by side."""

    blocks: tuple[Signature, ...]


@dataclass(frozen=True)
class Contents:
    """A list generated from the document: headings with pages, tables, or figures."""

    kind: ContentsKind


@dataclass(frozen=True)
class Logo:
    """The office logo, centred: PNG or JPEG bytes (checked by `images.inspect_image`), printed
    `height` centimetres high."""

    data: bytes
    height: float = 3.0


@dataclass(frozen=True)
class Cover:
    """A title page: title lines, the office logo (if any), an organisation block and a footer,
    all centred."""

    title: tuple[str, ...]
    subtitle: tuple[str, ...] = ()
    organisation: tuple[str, ...] = ()
    footer: tuple[str, ...] = ()
    logo: Logo | None = None


Block = (
    Paragraph
    | Heading
    | ItemList
    | Table
    | Figure
    | PageBreak
    | Spacer
    | Signatures
    | Contents
    | Cover
    | Logo
)


@dataclass(frozen=True)
class Section:
    """A run of pages with one page-number style; `restart` starts the numbers at 1."""

    blocks: tuple[Block, ...]
    numbering: PageNumbering = "arabic"
    restart: bool = True
    header: str | None = None


@dataclass(frozen=True)
class Document:
    """A whole document: metadata and sections. `watermark` (a draft's `DRAFT`) is printed
    across every page by both writers."""

    title: str
    sections: tuple[Section, ...]
    author: str = ""
    subject: str = ""
    language: str = "id"
    watermark: str | None = None

    def blocks(self) -> list[Block]:
        """Every block in document order."""
        return [block for section in self.sections for block in section.blocks]

    def headings(self) -> list[Heading]:
        return [b for b in self.blocks() if isinstance(b, Heading)]

    def tables(self) -> list[Table]:
        return [b for b in self.blocks() if isinstance(b, Table)]

    def figures(self) -> list[Figure]:
        return [b for b in self.blocks() if isinstance(b, Figure)]

    def charts(self) -> list[Chart]:
        """The charts of the document, each once."""
        seen: dict[int, Chart] = {}
        for figure in self.figures():
            seen.setdefault(id(figure.chart), figure.chart)
        return list(seen.values())


@dataclass
class Numbering:
    """Hands out table and figure numbers in document order (builders create blocks in order)."""

    tables: int = 0
    figures: int = 0

    def table(self) -> int:
        self.tables += 1
        return self.tables

    def figure(self) -> int:
        self.figures += 1
        return self.figures


@dataclass
class Blocks:
    """A growing list of blocks: what a builder appends to while it walks the layout."""

    items: list[Block] = field(default_factory=list)

    def add(self, *blocks: Block) -> None:
        self.items.extend(blocks)

    def extend(self, blocks: Sequence[Block]) -> None:
        self.items.extend(blocks)

    def freeze(self) -> tuple[Block, ...]:
        return tuple(self.items)
