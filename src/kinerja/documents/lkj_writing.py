"""What the parts of the LKj share while they are written (`lkj.py` the layout, `lkj_analysis.py`
BAB III): the report context, the numbering, the planner's narrative, each section taken once so
that the Lampiran can print the ones no part claimed, and the gaps and notes found on the way
(`gaps.py`), which never reach the body.

Every narrative place the LKj asks for is recorded as it is asked (`asked`, in document order):
its key, objective and work unit, the text drafted there and whether the final LKj needs the
planner's text. The web app's narrative editor lists the sections from it
(`narrative_sections.py`), so the editor and the document agree on which sections exist.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kinerja.documents import remedies
from kinerja.documents.context import ReportContext
from kinerja.documents.gaps import Gaps
from kinerja.documents.narrative import text_blocks
from kinerja.documents.tree import Block, Heading, Numbering, PageBreak, Paragraph

Where = tuple[str, str | None, str | None]  # key, objective, work unit


@dataclass
class Asked:
    """A narrative place of the LKj: its key and where, what the document drafts there when the
    planner wrote nothing (no draft: nothing is printed), and whether the final LKj needs text."""

    key: str
    objective: str | None
    work_unit: str | None
    draft: tuple[Block, ...] = ()
    required: bool = False


class LkjWriting:
    """What every part of the LKj is written with: the context, the numbering of tables and
    figures, whether charts are drawn, and the planner's narrative taken at most once."""

    def __init__(self, ctx: ReportContext, *, charts: bool = True):
        self.ctx = ctx
        self.numbers = Numbering()
        self.charts = charts
        self.used: set[int] = set()
        self.gaps = Gaps()
        self.asked: dict[Where, Asked] = {}

    def ask(
        self,
        key: str,
        objective: str | None = None,
        work_unit: str | None = None,
        draft: Sequence[str | Block] = (),
        *,
        required: bool = False,
    ) -> None:
        """Record a narrative place (the first ask of a place keeps its position)."""
        found = self.asked.setdefault((key, objective, work_unit), Asked(key, objective, work_unit))
        if draft and not found.draft:
            found.draft = tuple(Paragraph.of(t) if isinstance(t, str) else t for t in draft)
        found.required = found.required or required

    # --- narrative ------------------------------------------------------------------------------

    def planner(
        self, key: str, *, objective: str | None = None, work_unit: str | None = None
    ) -> list[Block] | None:
        """The planner's blocks for a key, marking the section as used."""
        self.ask(key, objective, work_unit)
        section = self.ctx.narrative(key, objective=objective, work_unit=work_unit)
        if section is None:
            return None
        self.used.add(id(section))
        return text_blocks(section.text)

    def text(self, key: str, draft: Sequence[str | Block], **where: str | None) -> list[Block]:
        """The planner's text for `key`, or the drafted one."""
        self.ask(key, where.get("objective"), where.get("work_unit"), draft)
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
        self.ask(key, objective, required=True)
        written = self.planner(key, objective=objective)
        if written is not None:
            return written
        self.gaps.need(place, f"{what} belum diuraikan", remedies.narrative(key, objective))
        return []

    def chapter(self, label: str, title: str) -> list[Block]:
        return [PageBreak(), Heading(title, 1, label=label)]
