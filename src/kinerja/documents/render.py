"""From a dataset to a finished file: measure, build the tree, draw the charts, write.

The command line and the benchmark both go through `render`, so the path they time is the path
users get. `progress` is told each step's name (Indonesian) as it starts. `mode` is "draft"
(watermarked, with the list of what is missing) or "final" (`gaps.DocumentIncomplete` while
anything is missing).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Literal

from kinerja.dataset.schema import Dataset
from kinerja.documents.gaps import Mode
from kinerja.documents.tree import Document

if TYPE_CHECKING:
    from kinerja.documents.chart_processes import ChartWorker

Kind = Literal["lkj", "pk", "rencana-aksi", "triwulan"]
Format = Literal["docx", "pdf"]
STEPS = ("Menghitung capaian", "Menyusun dokumen", "Menggambar grafik", "Menulis berkas")


@contextlib.contextmanager
def without_cycle_collection() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a document is made.

    Making a report allocates many short-lived objects, which reference counting frees; the
    collector would otherwise walk every object the process holds (Django, matplotlib, Typst's
    bindings) several times over, a tenth of the PDF path. It runs again afterwards, and is left
    alone if something else had paused it.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def build_document(
    dataset: Dataset,
    *,
    year: int | None = None,
    kind: Kind = "lkj",
    unit: str | None = None,
    quarterly: bool | None = None,
    progress: Callable[[str], None] | None = None,
    mode: Mode = "draft",
    logo: bytes | None = None,
    quarter: int | None = None,
    parent_indicators: Mapping[str, str] | None = None,
) -> Document:
    """The document tree of an LKj, of the PK or the Rencana Aksi of the office (unit None) or
    of a work unit, or of the quarterly report of `quarter` (default: the fourth).

    Raises KeyError for a year the dataset lacks, `pk.AgreementNotFound` for a missing PK,
    ValueError for a quarter other than 1 to 4 and `gaps.DocumentIncomplete` for a final
    document while something is missing. The office logo is not part of the dataset: the caller
    passes it (`logo`, from `Agency.logo` or a file); so are the names of the parent office's
    indicators (`parent_indicators`, by code), which the LKj's pohon kinerja prints beside their
    codes when the caller knows the parent's plan.
    """
    from kinerja.documents.context import build_context

    step = progress or (lambda _: None)
    step(STEPS[0])
    if kind == "triwulan":
        from kinerja.documents.quarterly_report import build_quarterly_report, quarter_context

        chosen = 4 if quarter is None else quarter
        ctx = quarter_context(dataset, year, chosen)
        step(STEPS[1])
        return build_quarterly_report(ctx, chosen, mode=mode)
    ctx = build_context(dataset, year, parent_indicators)
    step(STEPS[1])
    if kind == "rencana-aksi":
        from kinerja.documents.action_plan import build_action_plan

        return build_action_plan(ctx, unit, mode=mode)
    if kind == "pk":
        from kinerja.documents.pk import build_pk

        return build_pk(ctx, unit, quarterly=quarterly, mode=mode, logo=logo)
    from kinerja.documents.lkj import build_lkj

    return build_lkj(ctx, mode=mode, logo=logo)


def write(
    document: Document,
    fmt: Format,
    progress: Callable[[str], None] | None = None,
    worker: ChartWorker | None = None,
) -> bytes:
    """The document as DOCX or PDF bytes; the charts are drawn once, first (by `worker` when
    one was started, see `chart_processes`)."""
    step = progress or (lambda _: None)
    charts = document.charts()
    if charts:
        step(STEPS[2])
        from kinerja.documents.chart_processes import draw_charts

        draw_charts(charts, png=fmt == "docx", worker=worker)
    elif worker is not None:
        worker.close()
    step(STEPS[3])
    if fmt == "docx":
        from kinerja.documents.docx_writer import write_docx

        return write_docx(document)
    from kinerja.documents.typst_writer import write_pdf

    return write_pdf(document)


def render(
    dataset: Dataset,
    fmt: Format,
    *,
    year: int | None = None,
    kind: Kind = "lkj",
    unit: str | None = None,
    quarterly: bool | None = None,
    progress: Callable[[str], None] | None = None,
    mode: Mode = "draft",
    logo: bytes | None = None,
    quarter: int | None = None,
    parent_indicators: Mapping[str, str] | None = None,
) -> bytes:
    """The whole path: dataset to DOCX or PDF bytes; `logo` (the office's PNG or JPEG, see
    `images.inspect_image`) is printed on the cover."""
    with without_cycle_collection():
        document = build_document(
            dataset,
            year=year,
            kind=kind,
            unit=unit,
            quarterly=quarterly,
            progress=progress,
            mode=mode,
            logo=logo,
            quarter=quarter,
            parent_indicators=parent_indicators,
        )
        return write(document, fmt, progress)
