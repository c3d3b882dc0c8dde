"""The office logo: checked by its content (`documents.images`), kept on the `Agency` row.

One implementation for the web page and the command line. The logo lives in the database, so a
backup carries it like any other column; it is not part of the dataset file (a dataset describes
the office's plans and results, the logo is how its documents look).
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction

from kinerja.agencies.models import Agency
from kinerja.documents.images import ImageRejected, inspect_image

__all__ = ["ImageRejected", "clear_logo", "logo_of", "set_logo"]

# Who changed an office's setting, and when (the log's time): `kinerja.offices`.
log = logging.getLogger("kinerja.offices")


def set_logo(agency: Agency, data: bytes, user: Any = None) -> str:
    """Check and store `data` as the office logo; returns its kind (`png`/`jpeg`).

    Raises `ImageRejected` (Indonesian message) for a file that is not a PNG or JPEG, is empty,
    larger than 1 MB or larger than 4000 pixels on a side.
    """
    info = inspect_image(data)
    with transaction.atomic():
        Agency.objects.filter(pk=agency.pk).update(logo=data)
    agency.logo = data
    log.info("logo of %s set (%s, %d bytes) by %s", agency.code, info.kind, len(data), _who(user))
    return info.kind


def clear_logo(agency: Agency, user: Any = None) -> None:
    """Print the documents without a logo again."""
    Agency.objects.filter(pk=agency.pk).update(logo=None)
    agency.logo = None
    log.info("logo of %s removed by %s", agency.code, _who(user))


def _who(user: Any) -> str:
    """The user named in the log; without one, the server's command line (`kinerja logo`)."""
    return str(user) if user is not None else "the command line"


def logo_of(agency: Agency) -> bytes | None:
    """The stored logo bytes, or None."""
    value = Agency.objects.filter(pk=agency.pk).values_list("logo", flat=True).first()
    return bytes(value) if value else None
