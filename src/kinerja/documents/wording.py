"""One wording for each state of a figure, shared by tables, charts and text.

An indicator without a realisation is `belum diukur`; one whose realisation exists but whose
achievement the rule cannot give is `tidak dapat dihitung`; a comparison the data does not call
for is `tidak berlaku`. An objective takes the state of its indicators: `tidak dapat dihitung`
when any of them could not be computed, else `belum diukur`.
"""

from __future__ import annotations

from collections.abc import Iterable

from kinerja.core.achievement import Status

UNMEASURED = "belum diukur"
NOT_COMPUTABLE = "tidak dapat dihitung"
NOT_APPLICABLE = "tidak berlaku"


def state_text(status: Status) -> str:
    """The words for an achievement that has no figure."""
    return NOT_COMPUTABLE if status is Status.NOT_COMPUTABLE else UNMEASURED


def group_state_text(statuses: Iterable[Status]) -> str:
    """The words for an average (objective, office) that has no figure."""
    return NOT_COMPUTABLE if Status.NOT_COMPUTABLE in set(statuses) else UNMEASURED
