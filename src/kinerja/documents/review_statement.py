"""The LKj's page "Pernyataan Telah Direviu", filled from the review the auditor recorded
(`Year.review`): the statement, then the reviewer's place, date, position, name and NIP.

Without a recorded review there is no page: the builder records `REVIEW_GAP` among what the
document still lacks (`documents.gaps`), and nothing in the body stands in for it.
"""

from __future__ import annotations

from kinerja.dataset import schema
from kinerja.documents import remedies
from kinerja.documents.narrative import text_blocks
from kinerja.documents.tree import Block, Paragraph, Signature, Signatures, Spacer
from kinerja.formats import format_date

TITLE = "PERNYATAAN TELAH DIREVIU"


REVIEW_GAP = (
    "Lampiran, Pernyataan Telah Direviu",
    "Reviu oleh Aparat Pengawasan Intern Pemerintah belum dicatat",
    remedies.REVIEW,
)


def review_statement(entry: schema.Year, agency_name: str, city: str | None) -> list[Block]:
    """The statement page of the recorded review (empty without one)."""
    record = entry.review
    if record is None:
        return []
    reviewer = record.reviewer
    place = record.place or city
    when = format_date(record.date)
    blocks: list[Block] = [
        Paragraph.of(TITLE, bold=True, align="center", size=13),
        Paragraph.of(f"{agency_name.upper()} TAHUN {entry.year}", bold=True, align="center"),
        Spacer(12),
        *text_blocks(record.statement),
        Spacer(12),
        Signatures(
            (
                Signature(
                    role=(f"{reviewer.position}," if reviewer.position else "Pereviu,",),
                    name=reviewer.name,
                    nip=reviewer.nip,
                    place_date=f"{place}, {when}" if place else when,
                ),
            )
        ),
    ]
    return blocks
