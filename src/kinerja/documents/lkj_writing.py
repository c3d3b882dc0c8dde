"""What the parts of the LKj share while they are written (`lkj.py` the layout, `lkj_analysis.py`
BAB III): the report context, the numbering, the planner's narrative, each section taken once so
that the Lampiran can print the ones no part claimed, and the gaps and notes found on the way
(`gaps.py`), which never reach the body.
"""

from __future__ import annotations

from collections.abc import Sequence

from kinerja.documents import remedies
from kinerja.documents.context import ReportContext
from kinerja.documents.gaps import Gaps
from kinerja.documents.narrative import text_blocks
from kinerja.documents.tree import Block, Heading, Numbering, PageBreak, Paragraph


class LkjWriting:
    """What every part of the LKj is written with: the context, the numbering of tables and
    figures, whether charts are drawn, and the planner's narrative taken at most once."""

    def __init__(self, ctx: ReportContext, *, charts: bool = True):
        self.ctx = ctx
        self.numbers = Numbering()
        self.charts = charts
        self.used: set[int] = set()
        self.gaps = Gaps()

    # --- narrative ------------------------------------------------------------------------------

    def planner(
        self, key: str, *, objective: str | None = None, work_unit: str | None = None
    ) -> list[Block] | None:
        """The planner's blocks for a key, marking the section as used."""
        section = self.ctx.narrative(key, objective=objective, work_unit=work_unit)
        if section is None:
            return None
        self.used.add(id(section))
        return text_blocks(section.text)

    def text(self, key: str, draft: Sequence[str | Block], **where: str | None) -> list[Block]:
        """The planner's text for `key`, or the drafted one."""
        written = self.planner(key, **where)
        if written is not None:
            return written
        return [Paragraph.of(t) if isinstance(t, str) else t for t in draft]

    def heading(self, key: str, default: str, level: int) -> Heading:
        """The heading of a section: the title the planner gave its narrative, else `default`."""
        section = self.ctx.narrative(key)
        return Heading(section.title if section and section.title else default, level)

    def required(
        self, key: str, place: str, what: str, *, objective: str | None = None
    ) -> list[Block]:
        """The planner's text for a section the data cannot draft; without it nothing is
        printed and the section is recorded as missing."""
        written = self.planner(key, objective=objective)
        if written is not None:
            return written
        self.gaps.need(place, f"{what} belum diuraikan", remedies.narrative(key, objective))
        return []

    def chapter(self, label: str, title: str) -> list[Block]:
        return [PageBreak(), Heading(title, 1, label=label)]
