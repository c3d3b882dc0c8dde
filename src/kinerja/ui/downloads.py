"""Downloads: the LKj and the PKs (DOCX and PDF) from `kinerja.documents`, and the dataset file.

Documents are built from the verified dataset, so an unverified value is never printed. A
document is a draft (watermarked, with what is missing listed at its end) unless the final one is
asked for, which is refused with that list while anything is missing (`Incomplete`).
"""

from __future__ import annotations

from django.http import Http404, HttpResponse

from kinerja.agencies.models import Agency
from kinerja.dataset.yamlio import dump_yaml
from kinerja.results.verified import verified_dataset

MODES = ("draft", "final")


class Incomplete(Exception):
    """The final document was asked for while something is missing; `gaps` are its texts."""

    def __init__(self, title: str, gaps: list[str]):
        super().__init__(title)
        self.title = title
        self.gaps = gaps


CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "yaml": "application/yaml; charset=utf-8",
}


def documents_available() -> bool:
    """Whether the document builder is installed in this version."""
    try:
        from kinerja.documents.render import render  # noqa: F401
    except ImportError:
        return False
    return True


def attachment(content: bytes, name: str, kind: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[kind])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def document(
    agency: Agency,
    year: int,
    kind: str,
    fmt: str,
    unit: str | None = None,
    mode: str = "draft",
    quarter: int | None = None,
) -> bytes:
    """The LKj (`kind="lkj"`), a PK or Rencana Aksi (`kind="pk"` or `"rencana-aksi"`, unit None
    for the office) or the quarterly report (`kind="triwulan"`, `quarter`) as bytes: a draft,
    or the final document (`Incomplete` while anything is missing)."""
    try:
        from kinerja.documents.gaps import DocumentIncomplete
        from kinerja.documents.pk import AgreementNotFound
        from kinerja.documents.render import render
    except ImportError as exc:
        raise Http404("Pembuat dokumen belum tersedia.") from exc
    if mode not in MODES:
        raise Http404("Jenis dokumen tidak dikenal.")
    from kinerja.agencies.datasets import parent_indicator_names
    from kinerja.agencies.logo import logo_of

    try:
        return render(
            verified_dataset(agency),
            fmt,  # type: ignore[arg-type]
            year=year,
            kind=kind,  # type: ignore[arg-type]
            unit=unit,
            mode=mode,  # type: ignore[arg-type]
            logo=logo_of(agency),
            quarter=quarter,
            parent_indicators=parent_indicator_names(agency, year),
        )
    except (AgreementNotFound, KeyError, ValueError) as exc:
        raise Http404("Dokumen tidak ditemukan.") from exc
    except DocumentIncomplete as exc:
        raise Incomplete(exc.title, [gap.text for gap in exc.gaps]) from exc


def dataset_file(agency: Agency) -> bytes:
    """The whole dataset as YAML: the backup, with every value as stored (verified or not)."""
    from kinerja.agencies.datasets import export_dataset

    return dump_yaml(export_dataset(agency)).encode("utf-8")
