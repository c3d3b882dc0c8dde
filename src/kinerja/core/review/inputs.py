"""The plain, typed facts the review rules read: one office, one year.

An adapter (`kinerja.dataset.review`) builds a `ReviewInput` from a dataset and the measured year;
the rules never see the dataset format. Every part has an empty default, so a test builds only
what its rule reads. `source` strings are what a person finds in the report: `Tabel 9`,
`PK kantor`, `Narasi 'A. Rencana Strategis 2020-2024'`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from kinerja.core.achievement import Achievement
from kinerja.core.grades import GradeScale
from kinerja.core.scales import RatingScale
from kinerja.core.settings import AchievementSettings, Polarity
from kinerja.core.values import Value


class Role(StrEnum):
    """Where a target is stated."""

    OFFICE_PK = "office_pk"
    UNIT_PK = "unit_pk"
    MEASUREMENT = "measurement"
    RENSTRA = "renstra"


@dataclass(frozen=True)
class IndicatorFacts:
    """An indicator of the plan: what its values may be."""

    code: str
    objective: str
    name: str
    grade_scale: GradeScale | None = None
    can_exceed_100: bool = True
    polarity: Polarity = Polarity.HIGHER_IS_BETTER


@dataclass(frozen=True)
class TargetStatement:
    """A target of one indicator as one place states it.

    A measurement row gives a percentage target (`value`) and an activity target (`activity`);
    `shared_with` lists every indicator of a row printed once for several.
    """

    indicator: str
    objective: str
    role: Role
    source: str
    value: Value | None
    printed: str | None
    activity: Value | None = None
    activity_printed: str | None = None
    shared_with: tuple[str, ...] = ()


@dataclass(frozen=True)
class RealizationStatement:
    """A realisation as stated: a row's yearly figure (`quarter` None) or a quarter's."""

    indicators: tuple[str, ...]
    objective: str
    source: str
    quarter: int | None
    value: Value
    printed: str
    evidence: int = 0


@dataclass(frozen=True)
class MeasuredRow:
    """A measurement row with its printed achievement and what the calculation core computes.

    `computed` uses the agency's settings; `alternative` the other reading of two targets (None
    when the row has one target). `target_printed` is the target `computed` was measured against.
    """

    indicators: tuple[str, ...]
    objective: str
    source: str
    target: Value | None
    target_printed: str | None
    activity: Value | None
    activity_printed: str | None
    realization: Value | None
    realization_printed: str | None
    computed: Achievement
    alternative: Achievement | None = None
    reported: Decimal | None = None
    reported_printed: str | None = None
    measured_against: str | None = None


@dataclass(frozen=True)
class IndicatorOutcome:
    """One agreed indicator's measured year: its achievement (uncapped) and where it came from.

    `realization` is the year's realisation (quarters combined), `rating` the category of the
    rating scale its achievement falls in, `reported_printed` the achievement the report prints.
    """

    indicator: str
    objective: str
    source: str | None
    achievement: Achievement
    target_printed: str | None = None
    realization_printed: str | None = None
    realization: Value | None = None
    rating: str | None = None
    reported_printed: str | None = None


@dataclass(frozen=True)
class ObjectiveOutcome:
    """One objective's measured year: its achievement (the roll-up) and category."""

    objective: str
    name: str
    achievement: Decimal | None
    rating: str | None


@dataclass(frozen=True)
class Passage:
    """A narrative section and the indicators it can speak of.

    `indicators` are the section's own (`indicators`, else its objective's or its work unit's),
    or every indicator of the plan for a general section.
    """

    source: str
    text: str
    indicators: tuple[str, ...]


@dataclass(frozen=True)
class PreviousRealization:
    """The previous year's realisation of an indicator."""

    indicator: str
    year: int
    value: Value
    printed: str


@dataclass(frozen=True)
class BudgetLineFact:
    """A budget line: `kind` is `program` or `activity`."""

    kind: str
    code: str
    name: str
    amount: int
    printed: str | None = None


@dataclass(frozen=True)
class BudgetTable:
    """The budget attached to one PK, with its printed total (`Jumlah`)."""

    source: str
    is_office: bool
    lines: tuple[BudgetLineFact, ...]
    printed_total: int | None = None


@dataclass(frozen=True)
class UnitCoverage:
    """A work unit's PK indicators and the indicators its measurement table reports."""

    unit: str
    pk_source: str | None
    pk_indicators: tuple[tuple[str, str], ...]
    table_source: str | None
    table_indicators: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Coverage:
    """Which indicators are planned, agreed and reported in the year.

    Pairs are `(objective, indicator)`. `realized` holds every indicator with a realisation
    (yearly or quarterly); `reported_in` every `(source, objective, indicator)` of a measurement
    table or a quarterly realisation.
    """

    office_pk: str | None = None
    agreed: tuple[tuple[str, str], ...] = ()
    realized: frozenset[str] = frozenset()
    reported_in: tuple[tuple[str, str, str], ...] = ()
    renstra_year: tuple[tuple[str, str], ...] = ()
    units: tuple[UnitCoverage, ...] = ()


@dataclass(frozen=True)
class Wording:
    """How a table prints an objective or indicator name, next to the plan's wording."""

    source: str
    what: str  # "sasaran" or "indikator"
    codes: tuple[str, ...]
    objective: str
    printed: str
    planned: tuple[str, ...]


@dataclass(frozen=True)
class CountFact:
    """The counts of one thing the data holds, each with where: `(16, "PK kantor")`."""

    noun: str
    counts: tuple[tuple[int, str], ...]
    note: str = ""


@dataclass(frozen=True)
class Counts:
    """What a narrative's "3 sasaran strategis" is compared with."""

    objectives: CountFact = CountFact("sasaran strategis", ())
    indicators: CountFact = CountFact("indikator kinerja", ())
    key_indicators: CountFact = CountFact("indikator kinerja utama", ())
    programs: CountFact = CountFact("program", ())
    activities: CountFact = CountFact("kegiatan", ())
    goals: int | None = None


@dataclass(frozen=True)
class Text:
    """A title or a narrative text and where it stands."""

    source: str
    text: str


@dataclass(frozen=True)
class NumberedRows:
    """The first column of a table whose first column is a row number (`No`)."""

    source: str
    numbers: tuple[str | int | float | None, ...]


@dataclass(frozen=True)
class Cascade:
    """The office's place in the pohon kinerja, known only where the offices around it are
    stored together (the database); empty (no parent office, no children) otherwise.

    `serves` pairs each indicator of the office's plan (code, objective) with the code of the
    parent office's indicator it serves (None: none named). `served` lists the office's own
    indicators that some indicator of an office below serves.
    """

    parent_office: str | None = None
    parent_indicators: tuple[str, ...] = ()
    serves: tuple[tuple[str, str, str | None], ...] = ()
    children: tuple[str, ...] = ()
    served: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReviewInput:
    """Everything the review rules read about one office and one year."""

    year: int
    settings: AchievementSettings = AchievementSettings()  # noqa: RUF009 - frozen
    indicators: tuple[IndicatorFacts, ...] = ()
    targets: tuple[TargetStatement, ...] = ()
    realizations: tuple[RealizationStatement, ...] = ()
    rows: tuple[MeasuredRow, ...] = ()
    outcomes: tuple[IndicatorOutcome, ...] = ()
    previous: tuple[PreviousRealization, ...] = ()
    rating_scale: RatingScale | None = None
    rating_scale_source: str | None = None
    budgets: tuple[BudgetTable, ...] = ()
    activity_programs: tuple[tuple[str, str], ...] = ()
    coverage: Coverage = field(default_factory=Coverage)
    wordings: tuple[Wording, ...] = ()
    counts: Counts = field(default_factory=Counts)
    narrative: tuple[Text, ...] = ()
    passages: tuple[Passage, ...] = ()
    objective_outcomes: tuple[ObjectiveOutcome, ...] = ()
    rating_labels: tuple[str, ...] = ()
    texts: tuple[Text, ...] = ()
    year_titles: tuple[Text, ...] = ()
    table_labels: tuple[str, ...] = ()
    numbered_rows: tuple[NumberedRows, ...] = ()
    office_names: tuple[str, ...] = ()
    cascade: Cascade = field(default_factory=Cascade)

    def indicator(self, code: str) -> IndicatorFacts | None:
        """The facts of an indicator of the plan, if known."""
        return next((ind for ind in self.indicators if ind.code == code), None)
