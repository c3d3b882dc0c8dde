"""Ordinal grade scales: the SAKIP predicate, the BPK audit opinion and the LKE answers.

Rule (`domain.md` sections 3 and 7): a grade belongs to its indicator's scale, and the scale alone
carries the order. On a scale listed best first, the worst grade has rank 1 and the best has rank
`len(grades)`. Symbols compare case-insensitively (`bb` is `BB`). A symbol that is not on the
scale has no rank: the reference sets `B` as the target of "Opini BPK", which is not an opinion.
"""

from __future__ import annotations

from dataclasses import dataclass


def _key(symbol: str) -> str:
    return symbol.strip().upper()


@dataclass(frozen=True)
class GradeScale:
    """An ordinal scale of grade symbols, listed BEST FIRST (`("AA", "A", ..., "D")`)."""

    name: str
    label: str
    grades: tuple[str, ...]

    def __post_init__(self) -> None:
        if not self.grades:
            raise ValueError(f"skala {self.label} tidak memiliki nilai")
        keys = [_key(grade) for grade in self.grades]
        if len(set(keys)) != len(keys):
            raise ValueError(f"skala {self.label} memuat nilai ganda")

    def rank(self, symbol: str) -> int | None:
        """Rank of a symbol: worst is 1, best is `len(grades)`; None when not on the scale.

        Rule: rank(g) = len(grades) - position of g in the best-first list; case-insensitive.
        """
        key = _key(symbol)
        for index, grade in enumerate(self.grades):
            if _key(grade) == key:
                return len(self.grades) - index
        return None

    def contains(self, symbol: str) -> bool:
        """Whether the symbol is a grade of this scale (case-insensitive)."""
        return self.rank(symbol) is not None

    def compare(self, a: str, b: str) -> int:
        """-1 when `a` is worse than `b`, 0 when equal, 1 when better (order of the scale).

        Raises ValueError (Indonesian message) when either symbol is not on the scale.
        """
        rank_a = self._require_rank(a)
        rank_b = self._require_rank(b)
        return (rank_a > rank_b) - (rank_a < rank_b)

    def _require_rank(self, symbol: str) -> int:
        rank = self.rank(symbol)
        if rank is None:
            raise ValueError(not_on_scale_message(symbol, self))
        return rank


def not_on_scale_message(symbol: str, scale: GradeScale) -> str:
    """The Indonesian message for a grade that is not on its scale."""
    return f"nilai '{symbol}' tidak ada pada skala {scale.label}"


SAKIP_PREDICATE = GradeScale("sakip", "Predikat SAKIP", ("AA", "A", "BB", "B", "CC", "C", "D"))
BPK_OPINION = GradeScale("bpk_opinion", "Opini BPK", ("WTP", "WDP", "TW", "TMP"))
LKE_ANSWER = GradeScale("lke", "Jawaban LKE", ("AA", "A", "BB", "B", "CC", "C", "D", "E"))

BUILTIN_GRADE_SCALES: dict[str, GradeScale] = {
    scale.name: scale for scale in (SAKIP_PREDICATE, BPK_OPINION, LKE_ANSWER)
}
