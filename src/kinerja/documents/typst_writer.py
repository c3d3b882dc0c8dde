"""The PDF writer: a document tree, as JSON data, laid out by one fixed Typst template.

The tree travels to `templates/document.typ` through `sys.inputs` as JSON: every user text is a
JSON string that the template places as text, so no narrative can inject Typst markup or code.
Charts travel as SVG. Only the bundled fonts are used (system fonts are ignored), so the PDF is the
same on every machine.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

from kinerja.documents.bundled_fonts import font_book
from kinerja.documents.charts import Chart
from kinerja.documents.images import as_svg
from kinerja.documents.tree import Cell, Document, Run, printed_text

TEMPLATE = Path(__file__).parent / "templates" / "document.typ"


class PdfError(RuntimeError):
    """Typst could not lay out the document; the message names the cause."""


_NO_DEFAULT = object()
_layouts: dict[type, tuple[tuple[str, Any], ...]] = {}


def _layout(cls: type) -> tuple[tuple[str, Any], ...] | None:
    """A dataclass's (field name, plain default) pairs, worked out once per class; None for a
    class that is not a dataclass."""
    layout = _layouts.get(cls)
    if layout is None:
        if not dataclasses.is_dataclass(cls):
            return None
        layout = tuple(
            (f.name, _NO_DEFAULT if f.default is dataclasses.MISSING else f.default)
            for f in dataclasses.fields(cls)
        )
        _layouts[cls] = layout
    return layout


def document_data(document: Document) -> dict[str, Any]:
    """The tree as plain JSON data, compact: each node a mapping with its `type` and the fields
    that differ from their defaults; a cell or run with nothing but text is that text. Charts
    are SVG text, and so is a logo (its PNG or JPEG inside an SVG image). Text is as
    `printed_text` makes it (a rupiah amount never split from its "Rp")."""

    def convert(node: Any) -> Any:
        if isinstance(node, str):
            return printed_text(node)
        if node is None or isinstance(node, int | float):
            return node
        if isinstance(node, tuple | list):
            return [convert(item) for item in node]
        if isinstance(node, Chart):
            return node.svg().decode("utf-8")
        if isinstance(node, bytes):
            return as_svg(node)
        cls = type(node)
        layout = _layout(cls)
        if layout is None:
            return node
        data: dict[str, Any] = {}
        for name, default in layout:
            value = getattr(node, name)
            if default is not _NO_DEFAULT and value == default:
                continue
            data[name] = convert(value)
        if cls in (Cell, Run) and list(data) == ["text"]:
            return data["text"]
        data["type"] = cls.__name__.lower()
        return data

    return convert(document)  # type: ignore[no-any-return]


def write_pdf(document: Document) -> bytes:
    """The document as PDF bytes."""
    import typst

    data = json.dumps(document_data(document), ensure_ascii=False)
    try:
        pdf = typst.compile(
            str(TEMPLATE),
            root=str(TEMPLATE.parent),
            font_paths=font_book(),
            ignore_system_fonts=True,
            sys_inputs={"document": data},
            format="pdf",
            pdf_tags=False,
        )
    except typst.TypstError as exc:  # pragma: no cover - a template bug, not user data
        raise PdfError(f"Typst gagal menyusun PDF: {exc.message}") from exc
    assert isinstance(pdf, bytes)
    return pdf
