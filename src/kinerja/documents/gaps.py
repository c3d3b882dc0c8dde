"""What a document still lacks, and what its planner should know, kept out of its body.

A builder records a `Gap` wherever the data cannot give what the layout needs (a narrative the
data cannot draft, a signatory's name, an indicator's realisation, the review statement) and a
`Note` for what only the planner needs to know (a gap in the rating scale, how a figure was
computed). Neither is ever printed in the body: a draft lists both in its last appendix and is
watermarked; a final document is refused while any gap remains (`DocumentIncomplete`), and its
notes belong to the review (`kinerja check`), not to the document a leader signs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from kinerja.formats import count_text

Mode = Literal["draft", "final"]
WATERMARK = "DRAFT"


@dataclass(frozen=True)
class Gap:
    """Something the document needs and the data lacks: where, what, and how to supply it."""

    place: str
    what: str
    remedy: str

    @property
    def text(self) -> str:
        return f"{self.place}. {self.what}. {self.remedy}."


@dataclass(frozen=True)
class Note:
    """A remark for the planner (how a figure was computed, a flaw in a scale)."""

    place: str
    text: str


@dataclass
class Gaps:
    """The gaps and notes a builder found, each once, in the order found."""

    missing: list[Gap] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)

    def need(self, place: str, what: str, remedy: str) -> None:
        gap = Gap(place, what, remedy)
        if gap not in self.missing:
            self.missing.append(gap)

    def note(self, place: str, text: str) -> None:
        item = Note(place, text)
        if item not in self.notes:
            self.notes.append(item)


class DocumentIncomplete(Exception):
    """A final document was asked for while something is missing; `gaps` lists what."""

    def __init__(self, title: str, gaps: list[Gap]):
        self.title = title
        self.gaps = gaps
        super().__init__(self.message())

    def message(self) -> str:
        lines = [
            f"{self.title} belum dapat dibuat sebagai dokumen final; "
            f"{count_text(len(self.gaps), 'hal', 'masih kurang')}:"
        ]
        lines += [f"{n}. {gap.text}" for n, gap in enumerate(self.gaps, start=1)]
        return "\n".join(lines)
