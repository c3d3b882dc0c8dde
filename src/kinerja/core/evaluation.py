"""Scoring the SAKIP evaluation worksheet (LKE, PermenPAN-RB 88/2021, `domain.md` section 7).

The worksheet (components, sub-components, criteria, weights, answer values, predicate bands) is
data, loaded from a file shipped with Kinerja and versioned by regulation; this module only scores.

Rules (`score`, the 88/2021 worksheet):
- an answer (AA, A, BB, B, CC, C, D, E) is worth the percentage the worksheet gives it
  (100, 90, 80, 70, 60, 50, 30, 0 in the 88/2021 worksheet);
- each sub-component gets ONE answer; it scores the answer's value times its weight / 100. Its
  criteria are probing questions: the share of criteria met proposes an answer
  (`proposal_for_share`), which never enters a score on its own;
- a component scores the sum of its sub-components; the total is the sum of the components
  (0-100);
- an unanswered sub-component counts as 0 (as an empty cell of the worksheet does) and is listed
  in `unanswered`, so the total is never silently presented as complete;
- the documented variant `score_by_criterion` answers every criterion instead, and a
  sub-component scores the mean of its criteria's values times its weight / 100 (older
  worksheets and some local adaptations);
- all arithmetic is exact (fractions); the total is rounded half up to two decimals, and the
  predicate is read from that rounded total, so the printed total and its predicate always agree:
  80,00 is BB and 80,01 is A when A is "above 80".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

HUNDRED = Fraction(100)
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Criterion:
    """A question of the worksheet, answered with a grade."""

    code: str
    text: str


@dataclass(frozen=True)
class SubComponent:
    """A sub-component (pemenuhan, kualitas, pemanfaatan) with its weight in points."""

    code: str
    name: str
    weight: Decimal
    criteria: tuple[Criterion, ...]
    title: str = ""


@dataclass(frozen=True)
class Component:
    """A component (e.g. Perencanaan Kinerja) with its weight in points."""

    code: str
    name: str
    weight: Decimal
    subcomponents: tuple[SubComponent, ...]


@dataclass(frozen=True)
class PredicateBand:
    """A predicate for totals above `above` (None: from 0); bands are listed best first."""

    grade: str
    label: str
    above: Decimal | None


@dataclass(frozen=True)
class ShareBand:
    """The answer a share of criteria met proposes: every criterion (`every`), or above `above`%
    (None: any share, the last band); bands are listed best first."""

    answer: str
    above: Decimal | None = None
    every: bool = False


@dataclass(frozen=True)
class Worksheet:
    """An evaluation worksheet of one regulation."""

    regulation: str
    title: str
    answers: tuple[tuple[str, Decimal], ...]
    predicates: tuple[PredicateBand, ...]
    components: tuple[Component, ...]
    share_bands: tuple[ShareBand, ...] = ()

    def answer_value(self, answer: str) -> Decimal:
        """The percentage an answer is worth; ValueError (Indonesian) for an unknown answer."""
        key = answer.strip().upper()
        for grade, value in self.answers:
            if grade == key:
                return value
        known = ", ".join(grade for grade, _ in self.answers)
        raise ValueError(f"jawaban '{answer}' tidak dikenal (pilihan: {known})")

    @property
    def subcomponents(self) -> tuple[SubComponent, ...]:
        """Every sub-component, in worksheet order."""
        return tuple(sub for comp in self.components for sub in comp.subcomponents)

    @property
    def criteria(self) -> tuple[Criterion, ...]:
        """Every criterion, in worksheet order."""
        return tuple(
            c for comp in self.components for sub in comp.subcomponents for c in sub.criteria
        )


def round_score(value: Fraction) -> Decimal:
    """An exact score rounded half up to two decimals: `Fraction(2401, 30)` -> `80.03`."""
    with localcontext() as ctx:
        ctx.prec = 60
        exact = Decimal(value.numerator) / Decimal(value.denominator)
        return exact.quantize(CENT, rounding=ROUND_HALF_UP)


def predicate(worksheet: Worksheet, total: Decimal) -> PredicateBand:
    """The predicate of a (rounded) total: the first band, best first, whose bound it exceeds."""
    for band in worksheet.predicates:
        if band.above is None or total > band.above:
            return band
    return worksheet.predicates[-1]


def proposal_for_share(worksheet: Worksheet, met: int, total: int) -> str:
    """The answer `met` of `total` criteria met proposes: the first band, best first, that the
    share fits (`every`: all criteria; otherwise strictly above `above` percent).

    ValueError (Indonesian) for counts that are not a share, or a worksheet without bands.
    """
    if total <= 0 or not 0 <= met <= total:
        raise ValueError(f"{met} dari {total} kriteria bukan bagian yang sah")
    share = Fraction(met * 100, total)
    for band in worksheet.share_bands:
        if band.every:
            if met == total:
                return band.answer
        elif band.above is None or share > Fraction(band.above):
            return band.answer
    raise ValueError(f"lembar kerja {worksheet.regulation} tidak punya pita usulan jawaban")


@dataclass(frozen=True)
class SubComponentScore:
    """A sub-component's score. `answer` is its one answer (None: unanswered, or the per-criterion
    variant); `answered` of `items` counts what was answered (sub-component: 0 or 1 of 1)."""

    code: str
    name: str
    weight: Decimal
    exact: Fraction
    answered: int
    items: int
    answer: str | None = None

    @property
    def score(self) -> Decimal:
        """Rounded half up to two decimals, for print."""
        return round_score(self.exact)


@dataclass(frozen=True)
class ComponentScore:
    code: str
    name: str
    weight: Decimal
    exact: Fraction
    subcomponents: tuple[SubComponentScore, ...]

    @property
    def score(self) -> Decimal:
        """Rounded half up to two decimals, for print."""
        return round_score(self.exact)


@dataclass(frozen=True)
class EvaluationScore:
    """The scored worksheet: per component and sub-component, the total and the predicate.

    `unanswered` lists the codes (sub-components; criteria in the variant) without an answer.
    """

    regulation: str
    components: tuple[ComponentScore, ...]
    exact: Fraction
    total: Decimal
    predicate: PredicateBand
    unanswered: tuple[str, ...]

    @property
    def complete(self) -> bool:
        """Whether everything that is answered has an answer."""
        return not self.unanswered


def _refuse_unknown(
    worksheet: Worksheet, answers: Mapping[str, str], known: set[str], what: str
) -> None:
    unknown = sorted(code for code in answers if code not in known)
    if unknown:
        raise ValueError(f"{what} tidak dikenal pada {worksheet.regulation}: {', '.join(unknown)}")


def _total(
    worksheet: Worksheet, subs: list[list[SubComponentScore]], unanswered: list[str]
) -> EvaluationScore:
    components = tuple(
        ComponentScore(
            comp.code,
            comp.name,
            comp.weight,
            sum((s.exact for s in scored), Fraction(0)),
            tuple(scored),
        )
        for comp, scored in zip(worksheet.components, subs, strict=True)
    )
    exact_total = sum((c.exact for c in components), Fraction(0))
    total = round_score(exact_total)
    return EvaluationScore(
        worksheet.regulation,
        components,
        exact_total,
        total,
        predicate(worksheet, total),
        tuple(unanswered),
    )


def score(worksheet: Worksheet, answers: Mapping[str, str]) -> EvaluationScore:
    """Score the worksheet from one answer per sub-component, keyed by its code (`1.a`).

    Raises ValueError (Indonesian) for an answer to an unknown sub-component or an unknown answer.
    """
    _refuse_unknown(
        worksheet, answers, {sub.code for sub in worksheet.subcomponents}, "subkomponen"
    )
    unanswered: list[str] = []
    scored: list[list[SubComponentScore]] = []
    for component in worksheet.components:
        subs: list[SubComponentScore] = []
        for sub in component.subcomponents:
            answer = answers.get(sub.code)
            if answer is None:
                unanswered.append(sub.code)
                exact = Fraction(0)
            else:
                answer = answer.strip().upper()
                exact = Fraction(worksheet.answer_value(answer)) * Fraction(sub.weight) / HUNDRED
            subs.append(
                SubComponentScore(
                    sub.code, sub.name, sub.weight, exact, int(answer is not None), 1, answer
                )
            )
        scored.append(subs)
    return _total(worksheet, scored, unanswered)


def score_by_criterion(worksheet: Worksheet, answers: Mapping[str, str]) -> EvaluationScore:
    """The documented variant: score from one answer per criterion, keyed by its code (`1.a.1`);
    a sub-component scores the mean of its criteria's values times its weight / 100.

    Raises ValueError (Indonesian) for an answer to an unknown criterion or an unknown answer.
    """
    _refuse_unknown(worksheet, answers, {c.code for c in worksheet.criteria}, "kriteria")
    unanswered: list[str] = []
    scored: list[list[SubComponentScore]] = []
    for component in worksheet.components:
        subs: list[SubComponentScore] = []
        for sub in component.subcomponents:
            values: list[Fraction] = []
            for criterion in sub.criteria:
                answer = answers.get(criterion.code)
                if answer is None:
                    unanswered.append(criterion.code)
                    values.append(Fraction(0))
                else:
                    values.append(Fraction(worksheet.answer_value(answer)))
            mean = sum(values, Fraction(0)) / len(values) if values else Fraction(0)
            exact = mean * Fraction(sub.weight) / HUNDRED
            answered = sum(1 for c in sub.criteria if c.code in answers)
            subs.append(
                SubComponentScore(
                    sub.code, sub.name, sub.weight, exact, answered, len(sub.criteria)
                )
            )
        scored.append(subs)
    return _total(worksheet, scored, unanswered)
