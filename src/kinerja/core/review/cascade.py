"""Review rules on the pohon kinerja: each indicator serves one of its parent office's.

An office's indicators cascade from its parent's: each names the parent office's indicator it
serves, and every indicator of an office with offices below it is served by some indicator of
theirs. The facts (`inputs.Cascade`) come from the database, where the offices are stored
together; a dataset read from a file has no parent or children in view, and these rules find
nothing in it.

- `cascade-unlinked`: an indicator names no indicator of the parent office.
- `cascade-unknown`: it names a code the parent office's plan does not have.
- `cascade-unserved`: an indicator that no indicator of the offices below serves.
"""

from __future__ import annotations

from collections.abc import Iterator

from kinerja.core.review.findings import Location, Severity, rule
from kinerja.core.review.inputs import ReviewInput

FAMILY = "pohon kinerja"
SOURCE = "Pohon kinerja"


@rule("cascade-unlinked", Severity.WARNING, FAMILY, "Indikator tidak terhubung ke instansi induk")
def cascade_unlinked(data: ReviewInput) -> Iterator[tuple[Location, str]]:
    cascade = data.cascade
    if cascade.parent_office is None:
        return
    for code, objective, serves in cascade.serves:
        if serves is None:
            yield (
                Location(SOURCE, objective, code),
                f"Indikator {code} tidak menyebut indikator {cascade.parent_office} yang "
                "didukungnya. Isi kolom 'serves' (Melayani Indikator Induk) dengan kode "
                "indikator instansi induk.",
            )


@rule("cascade-unknown", Severity.ERROR, FAMILY, "Indikator induk tidak dikenal")
def cascade_unknown(data: ReviewInput) -> Iterator[tuple[Location, str]]:
    cascade = data.cascade
    if cascade.parent_office is None:
        return
    known = set(cascade.parent_indicators)
    for code, objective, serves in cascade.serves:
        if serves is not None and serves not in known:
            yield (
                Location(SOURCE, objective, code),
                f"Indikator {code} melayani {serves}, yang tidak ada di Renstra "
                f"{cascade.parent_office}. Periksa kode indikator induknya.",
            )


@rule("cascade-unserved", Severity.WARNING, FAMILY, "Indikator tanpa dukungan dari bawah")
def cascade_unserved(data: ReviewInput) -> Iterator[tuple[Location, str]]:
    cascade = data.cascade
    if not cascade.children:
        return
    served = set(cascade.served)
    for code, objective, _ in cascade.serves:
        if code not in served:
            yield (
                Location(SOURCE, objective, code),
                f"Tidak satu pun indikator dari {len(cascade.children)} instansi di bawahnya "
                f"melayani {code}. Turunkan indikator ini ke Renstra instansi di bawahnya.",
            )
