"""From a dataset to a finished file: measure, build the tree, draw the charts, write.

The command line and the benchmark both go through `render`, so the path they time is the path
users get. `progress` is told each step's name (Indonesian) as it starts. `mode` is "draft"
(watermarked, with the list of what is missing) or "final" (`gaps.DocumentIncomplete` while
anything is missing).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Literal

from kinerja.dataset.schema import Dataset
from kinerja.documents.gaps import Mode
from kinerja.documents.tree import Document

if TYPE_CHECKING:
    from kinerja.documents.chart_processes import ChartWorker

Kind = Literal["lkj", "pk"]
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
) -> Document:
    """The document tree of an LKj, or of the PK of the office (unit None) or of a work unit.

    Raises KeyError for a year the dataset lacks, `pk.AgreementNotFound` for a missing PK and
    `gaps.DocumentIncomplete` for a final document while something is missing.
    """
    from kinerja.documents.context import build_context

    step = progress or (lambda _: None)
    step(STEPS[0])
    ctx = build_context(dataset, year)
    step(STEPS[1])
    if kind == "pk":
        from kinerja.documents.pk import build_pk

        return build_pk(ctx, unit, quarterly=quarterly, mode=mode)
    from kinerja.documents.lkj import build_lkj

    return build_lkj(ctx, mode=mode)


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
) -> bytes:
    """The whole path: dataset to DOCX or PDF bytes."""
    with without_cycle_collection():
        document = build_document(
            dataset,
            year=year,
            kind=kind,
            unit=unit,
            quarterly=quarterly,
            progress=progress,
            mode=mode,
        )
        return write(document, fmt, progress)
