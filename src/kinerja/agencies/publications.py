"""Publishing final documents: archived once, unchangeable, listed on the office's public page.

A publication keeps the exact bytes of a final document (`documents.render` with mode "final",
refused while anything is missing) under the evidence folder by their SHA-256, with who published
it and when. A document is never regenerated for the public page: the stored bytes are served, and
their checksum is printed next to them. Publishing the same document again adds a new version and
keeps the old ones.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max, QuerySet

from kinerja.agencies.models import Agency, Publication
from kinerja.results.evidence_files import evidence_path, store_bytes

KIND_TITLES = {"lkj": "Laporan Kinerja", "pk": "Perjanjian Kinerja"}


def publish(
    agency: Agency,
    year: int,
    kind: str,
    fmt: str,
    content: bytes,
    *,
    unit: str = "",
    unit_name: str = "",
    user: Any = None,
) -> Publication:
    """Archive `content` (a final document already made) as the next version of this document."""
    stored = store_bytes(content)
    title = f"{KIND_TITLES[kind]} Tahun {year}"
    if kind == "pk":
        title += f" {unit_name}" if unit else f" {agency.name}"
    name = ""
    if user is not None:
        name = user.get_full_name() or user.get_username()
    with transaction.atomic():
        same = Publication.objects.select_for_update().filter(
            agency=agency, year=year, kind=kind, unit=unit, fmt=fmt
        )
        latest = same.aggregate(latest=Max("version"))["latest"] or 0
        return Publication.objects.create(
            agency=agency,
            year=year,
            kind=kind,
            unit=unit,
            fmt=fmt,
            version=latest + 1,
            title=title,
            sha256=stored.sha256,
            size=stored.size,
            published_by=user,
            published_by_name=name,
        )


def published(agency: Agency) -> QuerySet[Publication]:
    """The office's publications, newest year first, every version kept."""
    return Publication.objects.filter(agency=agency).order_by(
        "-year", "kind", "unit", "fmt", "-version"
    )


def archived_bytes(publication: Publication) -> bytes:
    """The bytes as published (never regenerated)."""
    return evidence_path(publication.sha256).read_bytes()
