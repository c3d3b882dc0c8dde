"""The consolidation as an Excel workbook: overall, objectives, indicators, offices, trend.

Numbers are written as numbers (percentages with two decimals shown), so that the reader can
sort and compute on them; headers are in Indonesian.
"""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from kinerja.consolidation.summary import Consolidation
from kinerja.core.consolidation import Summary

_SUMMARY_HEAD = [
    "Jumlah instansi",
    "Terukur",
    "Capaian (%)",
    "Minimum (%)",
    "Median (%)",
    "Maksimum (%)",
    "Di bawah target",
    "Kelengkapan (%)",
]
_FORMAT = "0.00"


def _n(value: Decimal | None) -> float | None:
    return None if value is None else float(round(value, 2))


def _summary(summary: Summary, complete: Decimal | None) -> list[Any]:
    return [
        summary.offices,
        summary.measured,
        _n(summary.achievement),
        _n(summary.minimum),
        _n(summary.median),
        _n(summary.maximum),
        summary.below_target,
        _n(complete),
    ]


def _sheet(book: Workbook, title: str, head: list[str], rows: list[list[Any]]) -> None:
    sheet = book.create_sheet(title)
    sheet.append(head)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    for column in sheet.iter_cols(min_row=2):
        for cell in column:
            if isinstance(cell.value, float):
                cell.number_format = _FORMAT
    sheet.freeze_panes = "A2"


def build_workbook(result: Consolidation) -> Workbook:
    book = Workbook()
    book.remove(book.active)
    _sheet(
        book,
        "Ringkasan",
        ["Instansi", "Kode", "Tahun", *_SUMMARY_HEAD],
        [[result.name, result.code, result.year, *_summary(result.overall, result.completeness)]],
    )
    for title, items in (("Sasaran", result.objectives), ("Indikator", result.indicators)):
        _sheet(
            book,
            title,
            ["Kode", "Sasaran", "Nama", *_SUMMARY_HEAD],
            [[i.code, i.objective, i.name, *_summary(i.summary, i.completeness)] for i in items],
        )
    _sheet(
        book,
        "Instansi di bawahnya",
        ["Kode", "Instansi", *_SUMMARY_HEAD],
        [[c.code, c.name, *_summary(c.summary, c.completeness)] for c in result.children],
    )
    _sheet(
        book,
        "Peringkat",
        ["Peringkat", "Kode", "Instansi", "Induk", "Capaian (%)", "Kelengkapan (%)"],
        [
            [r.rank, r.code, r.name, r.parent, _n(r.achievement), _n(r.completeness)]
            for r in result.ranking
        ],
    )
    _sheet(
        book,
        "Tren",
        ["Tahun", *_SUMMARY_HEAD],
        [[p.year, *_summary(p.summary, p.completeness)] for p in result.trend],
    )
    return book


def workbook_bytes(result: Consolidation) -> bytes:
    buffer = BytesIO()
    build_workbook(result).save(buffer)
    return buffer.getvalue()


def write_workbook(result: Consolidation, path: Path) -> None:
    path.write_bytes(workbook_bytes(result))
