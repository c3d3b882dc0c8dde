"""The dataset schema: one office's plan and results, for one or more years.

One Pydantic model validates the YAML file, the Excel workbook and the database export.
Field names are English code names from the glossary (`domain.md` section 2);
`docs/dataset-format.md` is the field-by-field reference. The schema accepts what a report
prints, including values that contradict each other: finding those is the review's job, not the
loader's. It refuses only what cannot be meant (unknown codes, a value of no known kind, a
quarter 5).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PlainSerializer,
    Tag,
    model_validator,
)

from kinerja.core.settings import (
    CapScope,
    Combine,
    DualTargetReading,
    GradeMethod,
    LowerIsBetterFormula,
    Polarity,
    unknown_choice_message,
)
from kinerja.core.values import Value, ValueParseError, parse_value
from kinerja.dataset.references import ReferenceProblems, check_references
from kinerja.dataset.storable import NUL_MESSAGE, Amount, CalendarYear, Count, Note, nul_paths
from kinerja.dataset.value_units import check_units

FORMAT_VERSION = 1

Code = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=64)]
Text = Annotated[str, Field(min_length=1)]
Quarter = Annotated[int, Field(ge=1, le=4)]
Level = Literal["national", "province", "regency_city"]


UNIT_CHECKED_LATER = "satuan"
"""Field by field a bare number is read in a stand-in unit: whether the indicator has a unit is
checked once the whole dataset is read (`kinerja.dataset.value_units`)."""


def _check_printed(text: str) -> str:
    try:
        parse_value(text, UNIT_CHECKED_LATER)
    except ValueParseError as exc:
        raise ValueError(str(exc)) from exc
    return text


def unquoted_number_message(raw: float) -> str:
    """What to write instead of an unquoted YAML number (Indonesian)."""
    text = str(raw).replace(".", ",")
    return (
        f"angka {text} ditulis tanpa tanda kutip: tulis nilai sebagai teks dalam tanda kutip "
        f'dengan satuannya, mis. "{text}%" atau "{text} orang"; bila indikator punya satuan '
        f'(unit), cukup "{text}"'
    )


def _refuse_number(raw: Any) -> Any:
    raise ValueError(unquoted_number_message(raw))


def _choice(setting: str, kind: type[Any]) -> Any:
    """A validator that names every choice of `setting` with its formula when one is unknown."""

    def check(raw: Any) -> Any:
        if isinstance(raw, str) and raw not in {member.value for member in kind}:
            raise ValueError(unknown_choice_message(setting, raw))
        return raw

    return BeforeValidator(check)


class Model(BaseModel):
    """Strict base: unknown fields are errors, so a typo never vanishes silently."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True, allow_inf_nan=False
    )


class PrintedValue(Model):
    """A value printed in a form the parser cannot read, with the reading to compute with.

    `printed` is kept verbatim for the report; `value` is a parseable form of it.
    """

    printed: Text
    value: Annotated[str, AfterValidator(_check_printed)]


ValueText = Annotated[str, AfterValidator(_check_printed)]
"""A printed value: `95%`, `3 orang`, `B`, `selesai`, `90%-100%`, `1 gedung dan 1 gudang`."""


def _value_form(raw: Any) -> str:
    if isinstance(raw, str):
        return "_text"
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return "_number"
    return "_mapping"


TargetValue = Annotated[
    Annotated[ValueText, Tag("_text")]
    | Annotated[PrintedValue, Tag("_mapping")]
    | Annotated[PrintedValue, BeforeValidator(_refuse_number), Tag("_number")],
    Discriminator(_value_form),
]
"""A printed value, or `{printed, value}` when the printed form cannot be read as it stands.
An unquoted YAML number is refused with a message that says what to write."""

VALUE_FORM_TAGS = frozenset({"_text", "_mapping", "_number"})


def value_text(value: TargetValue) -> str:
    """The text to compute with: the value itself, or the reading of `{printed, value}`."""
    return value.value if isinstance(value, PrintedValue) else value


def typed(value: TargetValue, unit: str | None = None) -> Value:
    """The core value a dataset value stands for; a bare number is read in `unit`."""
    return parse_value(value_text(value), unit)


def printed(value: TargetValue) -> str:
    """The value as the source printed it."""
    return value.printed if isinstance(value, PrintedValue) else value


# --- the office and its organisation ------------------------------------------------------------


class Person(Model):
    """A named official: head, secretary, unit head, signatory."""

    name: Text
    position: str | None = None
    nip: Annotated[str, Field(pattern=r"^[0-9 ]{8,24}$")] | None = None
    work_unit: Code | None = None


class OfficeRef(Model):
    """A parent office, named but not described in this dataset."""

    code: Code
    name: Text
    level: Level


class Agency(Model):
    """The office this dataset describes (satuan kerja)."""

    code: Code
    name: Text
    full_name: str | None = None
    level: Level
    address: str | None = None
    city: str | None = None
    parents: list[OfficeRef] = Field(
        default_factory=list,
        description="Parent offices from the top (KPU RI) down to the direct parent.",
    )
    signing_place: str | None = None
    head: Person | None = None
    secretary: Person | None = None


class Division(Model):
    """A commissioners' portfolio (divisi)."""

    code: Code
    name: Text


class CommissionerSeat(Model):
    """One commissioner of a period and the division they lead."""

    name: Text
    position: str | None = None
    division: Code | None = None


class CommissionerPeriod(Model):
    """A term of the commissioners, e.g. 2019-2024."""

    start: CalendarYear
    end: CalendarYear
    decree: str | None = None
    figure: str | None = None
    members: list[CommissionerSeat] = Field(default_factory=list)


class StaffCount(Model):
    """A staff count along one dimension (type, education, rank, certification)."""

    dimension: Text
    category: Text
    count: Count


class WorkUnit(Model):
    """A work unit of the secretariat that owns targets (sub bagian).

    `reports_to` is the work unit it reports to; empty: it reports to the secretary (or, with no
    secretary, the head of the office). The organisation chart is drawn from these lines.
    """

    code: Code
    name: Text
    short_name: str | None = None
    division: Code | None = None
    head: Person | None = None
    reports_to: Code | None = None


class Organization(Model):
    """Divisions, commissioner periods, staff counts and named people."""

    divisions: list[Division] = Field(default_factory=list)
    commissioner_periods: list[CommissionerPeriod] = Field(default_factory=list)
    staff: list[StaffCount] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)


# --- the strategic plan (Renstra) ---------------------------------------------------------------


class Mission(Model):
    code: Code
    text: Text


class GoalIndicator(Model):
    """An indicator the Renstra names under a goal (indikator kinerja tujuan)."""

    code: Code
    name: Text
    targets: dict[CalendarYear, TargetValue] = Field(default_factory=dict)


class Goal(Model):
    """A goal (tujuan) of the Renstra."""

    code: Code
    text: Text
    indicators: list[GoalIndicator] = Field(default_factory=list)


class ReferenceTarget(Model):
    """A further target the year's realisation is set against: a national target, a
    minimum-service standard (SPM). `year` empty: the same target every year."""

    label: Text
    target: TargetValue
    year: Annotated[int, Field(ge=2000, le=2100)] | None = None


class Indicator(Model):
    """A performance indicator of an objective, with how it is measured.

    `renstra_targets` holds the Renstra's target per year (the last year's is the end-of-period
    target). `grade_scale` names the scale of a grade-valued indicator. `can_exceed_100` is false
    for percentages that cannot pass 100 (a share of staff trained). `unit` is the Satuan: a bare
    number in a target or realisation of this indicator is a quantity in it (a percentage when it
    is `%`). `cap_applies` overrides the office's setting of where the cap applies.
    `reference_targets` are further targets the realisation is set against (a national target,
    a minimum-service standard). `retired_from` is the first year the indicator is no longer
    agreed or measured: an indicator that has realisations is retired instead of removed.
    `serves` is the code of the parent office's indicator this one serves (pohon kinerja); the
    parent's plan is another dataset, so the database checks it.
    """

    code: Code
    name: Text
    work_unit: Code | None = None
    is_key: bool = False
    polarity: Polarity = Polarity.HIGHER_IS_BETTER
    combine: Combine = Combine.LAST
    grade_scale: Code | None = None
    can_exceed_100: bool = False
    weight: Annotated[float, Field(ge=0)] | None = None
    renstra_targets: dict[CalendarYear, TargetValue] = Field(default_factory=dict)
    unit: Annotated[str, Field(min_length=1, max_length=64)] | None = None
    cap_applies: Annotated[CapScope, _choice("cap_applies", CapScope)] | None = None
    reference_targets: list[ReferenceTarget] = Field(default_factory=list)
    retired_from: CalendarYear | None = None
    serves: Code | None = Field(
        None,
        description="Pohon kinerja: kode indikator instansi induk yang dilayani indikator ini.",
    )

    def active_in(self, year: int) -> bool:
        """False from the year the indicator is retired on."""
        return self.retired_from is None or year < self.retired_from


class Objective(Model):
    """A strategic objective (sasaran strategis) with its indicators."""

    code: Code
    name: Text
    goal: Code | None = None
    weight: Annotated[float, Field(ge=0)] | None = None
    indicators: list[Indicator] = Field(min_length=1)


def _share(raw: Any) -> Any:
    """A share as written: `60`, `33.33`, `"60%"` or `"33,33%"`; read exactly as a Decimal."""
    if isinstance(raw, str):
        text = raw.strip().removesuffix("%").strip().replace(",", ".")
        try:
            return Decimal(text)
        except InvalidOperation:
            raise ValueError(
                f"porsi '{raw}' tidak terbaca: tulis persentase, mis. 60 atau \"33,33%\""
            ) from None
    if isinstance(raw, float):
        return Decimal(str(raw))
    return raw


def _plain_share(share: Decimal) -> int | float:
    return int(share) if share == share.to_integral_value() else float(share)


Share = Annotated[
    Decimal,
    BeforeValidator(_share),
    Field(gt=0, le=100, max_digits=5, decimal_places=2),
    PlainSerializer(_plain_share, return_type=int | float, when_used="json"),
]
"""A percentage of a budget line, more than 0 and at most 100, with at most two decimals."""


class ObjectiveShare(Model):
    """An objective (sasaran) a program or activity serves, with its share of the budget in
    percent. `share` may be left out when the line serves one objective only (it is then 100)."""

    objective: Code
    share: Share | None = None


def _check_shares(shares: list[ObjectiveShare]) -> list[ObjectiveShare]:
    codes = [s.objective for s in shares]
    doubled = sorted({code for code in codes if codes.count(code) > 1})
    if doubled:
        raise ValueError(f"sasaran {', '.join(doubled)} disebut lebih dari sekali")
    if not shares:
        return shares
    if len(shares) == 1:
        share = shares[0].share
        if share is not None and share != 100:
            raise ValueError(
                f"satu-satunya sasaran mendapat seluruh anggaran: porsinya 100, bukan {share}"
            )
        return shares
    if any(s.share is None for s in shares):
        raise ValueError(
            "anggaran yang mendukung beberapa sasaran harus menyebut porsi setiap sasaran"
        )
    total = sum((s.share for s in shares if s.share is not None), Decimal(0))
    if total != 100:
        raise ValueError(f"jumlah porsi sasaran harus 100, bukan {total}")
    return shares


ObjectiveShares = Annotated[list[ObjectiveShare], AfterValidator(_check_shares)]
"""The objectives a budget line serves: shares in percent adding up to exactly 100."""


class Activity(Model):
    """An activity (kegiatan) of a program, with the objectives its budget serves."""

    code: Code
    name: Text
    objectives: ObjectiveShares = Field(default_factory=list)


class Program(Model):
    """A program carrying budget, with its activities and the objectives its own budget lines
    serve (used for budget lines written on the program, not on an activity)."""

    code: Code
    name: Text
    activities: list[Activity] = Field(default_factory=list)
    objectives: ObjectiveShares = Field(default_factory=list)

    @model_validator(mode="after")
    def _program_or_its_activities(self) -> Program:
        if self.objectives and any(a.objectives for a in self.activities):
            raise ValueError(
                f"program '{self.code}' dan kegiatannya sama-sama menyebut sasaran: anggaran "
                "kegiatan termasuk dalam anggaran programnya, jadi sebutkan sasaran pada program "
                "atau pada kegiatannya saja, agar tidak dihitung dua kali"
            )
        return self


class StrategicPlan(Model):
    """The Renstra of a five-year period."""

    start: CalendarYear
    end: CalendarYear
    title: str | None = None
    decree: str | None = None
    established_on: dt.date | None = None
    vision: Text
    missions: list[Mission] = Field(default_factory=list)
    goals: list[Goal] = Field(default_factory=list)
    # Empty only in a Renstra just started (`kinerja renstra-baru`, the web's *Renstra baru*),
    # before its first objective is added; the review reports a plan without objectives.
    objectives: list[Objective] = Field(default_factory=list)
    programs: list[Program] = Field(default_factory=list)

    @model_validator(mode="after")
    def _period_in_order(self) -> StrategicPlan:
        if self.end < self.start:
            raise ValueError(f"periode Renstra terbalik: {self.start}-{self.end}")
        return self

    def covers(self, year: int) -> bool:
        return self.start <= year <= self.end

    @property
    def period(self) -> str:
        return f"{self.start}-{self.end}"


# --- settings -----------------------------------------------------------------------------------


class RatingBand(Model):
    """One category of the rating scale; a missing bound is unbounded."""

    label: Text
    lower: float | None = None
    lower_inclusive: bool = True
    upper: float | None = None
    upper_inclusive: bool = True
    color: Annotated[str, Field(pattern=r"^#[0-9A-Fa-f]{6}$")] | None = None
    printed: str | None = None


class RatingScale(Model):
    """The agency's rating scale (kategori capaian), as its report prints it."""

    name: Text
    table: str | None = None
    bands: list[RatingBand] = Field(min_length=1)


class GradeScaleDef(Model):
    """An ordinal scale of grades, best first; built in: `sakip`, `bpk_opinion`, `lke`."""

    code: Code
    label: Text
    grades: list[Text] = Field(min_length=2)


class Settings(Model):
    """The achievement settings of the agency (`domain.md` section 4)."""

    cap: Annotated[float, Field(gt=0)] | None = None
    cap_to: Annotated[float, Field(gt=0)] | None = None
    cap_applies: Annotated[CapScope, _choice("cap_applies", CapScope)] = CapScope.ROLLUP
    lower_is_better: Annotated[
        LowerIsBetterFormula, _choice("lower_is_better", LowerIsBetterFormula)
    ] = LowerIsBetterFormula.MIRROR
    grade_method: Annotated[GradeMethod, _choice("grade_method", GradeMethod)] = (
        GradeMethod.REACHED_OR_RANK_RATIO
    )
    dual_target: Annotated[DualTargetReading, _choice("dual_target", DualTargetReading)] = (
        DualTargetReading.ACTIVITY
    )
    rating_scale: RatingScale | None = None
    grade_scales: list[GradeScaleDef] = Field(default_factory=list)


# --- one year: agreements, measurement, realisation, budget, report -----------------------------


class AgreementRow(Model):
    """One indicator's target in a Perjanjian Kinerja, with the action plan's quarters.

    `printed_objective` / `printed_indicator` keep the wording of this table where it differs
    from the plan's.
    """

    objective: Code
    indicator: Code
    target: TargetValue | None = None
    quarterly_targets: dict[Quarter, TargetValue] = Field(default_factory=dict)
    printed_objective: str | None = None
    printed_indicator: str | None = None


class BudgetLine(Model):
    """A budget amount of a program or an activity (exactly one of the two)."""

    program: Code | None = None
    activity: Code | None = None
    amount: Amount
    printed: str | None = None

    @model_validator(mode="after")
    def _one_target(self) -> BudgetLine:
        if (self.program is None) == (self.activity is None):
            raise ValueError("isi tepat satu dari 'program' atau 'activity'")
        return self


class Agreement(Model):
    """A Perjanjian Kinerja: of the office (`work_unit` empty) or of one work unit."""

    work_unit: Code | None = None
    table: str | None = None
    title: str | None = None
    place: str | None = None
    signed_on: dt.date | None = None
    first_party: Person | None = None
    second_party: Person | None = None
    rows: list[AgreementRow] = Field(min_length=1)
    budget: list[BudgetLine] = Field(default_factory=list)
    printed_total: Amount | None = None


class Evidence(Model):
    """Evidence (bukti dukung) for a realisation: a stored file or a link."""

    title: Text
    file: str | None = None
    url: str | None = None
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")] | None = None
    # What the application stored with an uploaded file, so that a dataset round trip keeps it
    # downloadable under its type.
    size: Annotated[int, Field(ge=0, le=2_147_483_647)] | None = None
    content_type: Annotated[str, Field(max_length=100)] | None = None


class MeasurementRow(Model):
    """A row of a measurement table: targets, the year's realisation and the printed achievement.

    A row that the source prints once for several indicators lists them all in `indicators`.
    """

    indicators: list[Code] = Field(min_length=1)
    target: TargetValue | None = None
    activity_target: TargetValue | None = None
    realization: TargetValue | None = None
    reported_achievement: TargetValue | None = None
    printed_objective: str | None = None
    printed_indicator: str | None = None
    evidence: list[Evidence] = Field(default_factory=list)


class MeasurementTable(Model):
    """A work unit's measurement table (pengukuran kinerja) for the year."""

    work_unit: Code | None = None
    table: str | None = None
    title: str | None = None
    rows: list[MeasurementRow] = Field(min_length=1)


class Realization(Model):
    """A quarterly realisation of an indicator, as an operator enters it, with evidence."""

    indicator: Code
    quarter: Quarter
    value: TargetValue
    note: Note | None = None
    evidence: list[Evidence] = Field(default_factory=list)


class Spending(Model):
    """Budget spent (realisasi anggaran) on a program or activity, for the year or to a quarter."""

    program: Code | None = None
    activity: Code | None = None
    quarter: Quarter | None = None
    spent: Amount

    @model_validator(mode="after")
    def _one_target(self) -> Spending:
        if (self.program is None) == (self.activity is None):
            raise ValueError("isi tepat satu dari 'program' atau 'activity'")
        return self


Cell = str | int | float | None


class SupportingTable(Model):
    """A supporting table printed in the report (ad hoc bodies, legal documents, vehicles, ...)."""

    key: Code
    table: str | None = None
    title: Text
    columns: list[Text] = Field(min_length=1)
    rows: list[list[Cell]] = Field(default_factory=list)
    work_unit: Code | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _rows_fit(self) -> SupportingTable:
        for number, row in enumerate(self.rows, start=1):
            if len(row) != len(self.columns):
                raise ValueError(
                    f"baris {number} berisi {len(row)} sel, padahal tabel punya "
                    f"{len(self.columns)} kolom"
                )
        return self


class NarrativeSection(Model):
    """A narrative section written by the planner; it replaces the drafted text of its `key`.

    Paragraphs are separated by a blank line; lines starting with `- ` are list items.
    """

    key: Code
    title: str | None = None
    objective: Code | None = None
    indicators: list[Code] = Field(default_factory=list)
    work_unit: Code | None = None
    text: Text


LkeAnswer = Literal["AA", "A", "BB", "B", "CC", "C", "D", "E"]


class EvaluationAnswer(Model):
    """The answer to one item of the evaluation worksheet (LKE): a sub-component (`1.a`), or a
    criterion (`1.a.1`) in the per-criterion variant.

    Two columns, as the worksheet has them: `self_assessment`, the office's own answer, and
    `answer`, the evaluator's value, the only one that counts in the score. `met` lists the
    criteria of the sub-component the office checked as met (the probing questions); `proposed`
    is true when the evaluator's value is the system's proposal, confirmed unchanged.
    """

    item: Code
    answer: LkeAnswer | None = None
    self_assessment: LkeAnswer | None = None
    met: list[Code] = Field(default_factory=list)
    note: str | None = None
    evidence: list[Evidence] = Field(default_factory=list)
    proposed: bool = False


EvaluationMethod = Literal["subcomponent", "criterion"]


def _score(raw: Any) -> Any:
    """A score as written: `71.55` or `"71,55"`; read exactly as a Decimal."""
    if isinstance(raw, str):
        try:
            return Decimal(raw.strip().replace(",", "."))
        except InvalidOperation:
            raise ValueError(f"nilai '{raw}' tidak terbaca: tulis angka, mis. 71.55") from None
    if isinstance(raw, float | int):
        return Decimal(str(raw))
    return raw


FinalScore = Annotated[
    Decimal,
    BeforeValidator(_score),
    Field(ge=0, le=100, max_digits=5, decimal_places=2),
    PlainSerializer(float, return_type=float, when_used="json"),
]


class Finalizer(Model):
    """Who finalised an evaluation, as printed: the name and the position."""

    name: Annotated[str, Field(min_length=1, max_length=200)]
    position: Annotated[str, Field(max_length=200)] | None = None


class EvaluationFinal(Model):
    """The evaluation made final ("LKE final") by the evaluator: the day, who, and the total
    and predicate as computed then (what the LKE document prints as signed). Absent: a draft."""

    date: dt.date
    by: Finalizer
    score: FinalScore
    predicate: LkeAnswer


class Evaluation(Model):
    """The SAKIP evaluation (LKE) answers of the year, under one regulation's worksheet.

    `method` is `subcomponent` (one answer per sub-component, PermenPAN-RB 88/2021) or the
    documented variant `criterion` (one answer per criterion, averaged per sub-component).
    """

    regulation: Code
    method: EvaluationMethod = "subcomponent"
    answers: list[EvaluationAnswer] = Field(default_factory=list)
    final: EvaluationFinal | None = None

    @model_validator(mode="before")
    @classmethod
    def _former_criterion_answers(cls, data: Any) -> Any:
        """Answers written before the 88/2021 worksheet was followed (`criterion: 1.a.1`) are
        read as the per-criterion variant: `criterion` is the former name of `item`."""
        if not isinstance(data, dict) or not isinstance(data.get("answers"), list):
            return data
        answers = data["answers"]
        former = [
            a for a in answers if isinstance(a, dict) and "criterion" in a and "item" not in a
        ]
        if not former:
            return data
        converted = [
            {"item": a["criterion"], **{k: v for k, v in a.items() if k != "criterion"}}
            if a in former
            else a
            for a in answers
        ]
        return {"method": "criterion", **data, "answers": converted}

    @model_validator(mode="after")
    def _one_answer_per_item(self) -> Evaluation:
        seen: set[str] = set()
        for answer in self.answers:
            if answer.item in seen:
                raise ValueError(f"butir '{answer.item}' dijawab lebih dari sekali")
            seen.add(answer.item)
            if self.method == "criterion" and answer.met:
                raise ValueError(
                    f"butir '{answer.item}': daftar kriteria terpenuhi ('met') hanya untuk "
                    "jawaban per subkomponen"
                )
        return self


class ReviewNote(Model):
    """A finding the reviewer records in the review: what, where, and whether it is settled."""

    text: Text
    rule: Code | None = None
    location: str | None = None
    settled: bool = False


class ReviewRecord(Model):
    """The review of the year's LKj by the internal auditor (APIP): who, when, the statement
    printed on the page "Pernyataan Telah Direviu", and the findings recorded."""

    reviewer: Person
    date: dt.date
    place: str | None = None
    statement: Text
    findings: list[ReviewNote] = Field(default_factory=list)


class ReportInfo(Model):
    """The LKj of the year: its title and signature."""

    title: str | None = None
    place: str | None = None
    date: dt.date | None = None
    signatory: Person | None = None


class Year(Model):
    """Everything of one budget year."""

    year: Annotated[int, Field(ge=2000, le=2100)]
    agreements: list[Agreement] = Field(default_factory=list)
    measurements: list[MeasurementTable] = Field(default_factory=list)
    realizations: list[Realization] = Field(default_factory=list)
    spending: list[Spending] = Field(default_factory=list)
    supporting_tables: list[SupportingTable] = Field(default_factory=list)
    narrative: list[NarrativeSection] = Field(default_factory=list)
    report: ReportInfo | None = None
    evaluation: Evaluation | None = None
    review: ReviewRecord | None = None

    @property
    def office_agreement(self) -> Agreement | None:
        """The office's own PK (the one with no work unit)."""
        return next((a for a in self.agreements if a.work_unit is None), None)


class OtherPeriod(Model):
    """Another Renstra period of the office, with the years it covers (maybe none yet)."""

    strategic_plan: StrategicPlan
    years: list[Year] = Field(default_factory=list)


class Dataset(Model):
    """One office's plan and results: the whole of a `kinerja` dataset file.

    `strategic_plan` is the Renstra whose period covers `years`; an office with several Renstra
    periods lists the others, each with its own years, in `other_periods` (`period_of` gives the
    dataset of one year's period, which is what measurement, review and documents read).
    """

    format_version: Literal[1] = 1
    agency: Agency
    organization: Organization = Field(default_factory=Organization)
    work_units: list[WorkUnit] = Field(default_factory=list)
    settings: Settings = Field(default_factory=Settings)
    strategic_plan: StrategicPlan
    years: list[Year] = Field(min_length=1)
    other_periods: list[OtherPeriod] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _storable_texts(cls, data: Any) -> Any:
        """No text may hold a NUL character: PostgreSQL cannot store one. Checked in one pass
        over the plain data, before the fields, so that every such text is named."""
        found = nul_paths(data)
        if found:
            raise ReferenceProblems([(path, NUL_MESSAGE) for path in found])
        return data

    @model_validator(mode="after")
    def _references_resolve(self) -> Dataset:
        problems = _period_problems(self)
        if problems:
            raise ReferenceProblems(problems)
        check_references(self)
        check_units(self)
        for k, other in enumerate(self.other_periods):
            prefix: tuple[str | int, ...] = ("other_periods", k)
            try:
                view = self._with_period(other.strategic_plan, other.years)
                check_references(view)
                check_units(view)
            except ReferenceProblems as exc:
                raise ReferenceProblems(
                    [((*prefix, *path), message) for path, message in exc.problems]
                ) from None
        return self

    def _with_period(self, plan: StrategicPlan, years: list[Year]) -> Dataset:
        """This office's dataset for another period: the same office, that plan and its years."""
        fields = {name: getattr(self, name) for name in type(self).model_fields}
        fields.update(strategic_plan=plan, years=years, other_periods=[])
        return self.model_construct(**fields)

    @property
    def plans(self) -> list[StrategicPlan]:
        """Every Renstra period of the office, earliest first."""
        found = [self.strategic_plan, *(o.strategic_plan for o in self.other_periods)]
        return sorted(found, key=lambda plan: plan.start)

    def period_of(self, year: int | None) -> Dataset:
        """The dataset of the period that covers `year` (None: the latest year's): one plan and
        the years it covers. A dataset of one period is returned as it is."""
        if not self.other_periods or year is None:
            return self
        if self.strategic_plan.covers(year):
            return self
        for other in self.other_periods:
            if other.strategic_plan.covers(year):
                return self._with_period(other.strategic_plan, other.years)
        return self

    def with_years(self, change: Callable[[Year], Year]) -> Dataset:
        """The dataset with every year of every period passed through `change`."""
        others = [
            other.model_copy(update={"years": [change(y) for y in other.years]})
            for other in self.other_periods
        ]
        years = [change(y) for y in self.years]
        return self.model_copy(update={"years": years, "other_periods": others})

    def all_years(self) -> list[Year]:
        """Every year of every period, in the file's order (`years`, then `other_periods`')."""
        return [*self.years, *(y for o in self.other_periods for y in o.years)]

    def indicator(self, code: str) -> Indicator | None:
        """The plan's indicator with this code, if any."""
        for objective in self.strategic_plan.objectives:
            for indicator in objective.indicators:
                if indicator.code == code:
                    return indicator
        return None

    def year(self, year: int) -> Year:
        """The entry for `year`; KeyError if the dataset has none."""
        for entry in self.years:
            if entry.year == year:
                return entry
        raise KeyError(year)

    @property
    def latest_year(self) -> Year:
        return max(self.years, key=lambda entry: entry.year)


def _period_problems(dataset: Dataset) -> list[tuple[tuple[str | int, ...], str]]:
    """Renstra periods do not overlap, and every year lies within its period's plan."""
    problems: list[tuple[tuple[str | int, ...], str]] = []
    periods: list[tuple[tuple[str | int, ...], StrategicPlan, list[Year]]] = [
        ((), dataset.strategic_plan, dataset.years),
        *(
            (("other_periods", k), o.strategic_plan, o.years)
            for k, o in enumerate(dataset.other_periods)
        ),
    ]
    for at, plan, years in periods:
        for i, entry in enumerate(years):
            if not plan.covers(entry.year):
                problems.append(
                    (
                        (*at, "years", i, "year"),
                        f"tahun {entry.year} berada di luar periode Renstra {plan.period}; "
                        "letakkan tahun itu pada periode Renstra yang mencakupnya",
                    )
                )
    for n, (at, plan, _) in enumerate(periods):
        for _, earlier, _ in periods[:n]:
            if plan.start <= earlier.end and earlier.start <= plan.end:
                problems.append(
                    (
                        (*at, "strategic_plan", "start"),
                        f"periode Renstra {plan.period} bertumpang tindih dengan periode "
                        f"{earlier.period}",
                    )
                )
    return problems


def as_plain(dataset: Dataset) -> dict[str, Any]:
    """The dataset as plain data, without defaults, in field order: what the writers emit.

    `format_version` is always written, so that a file states which format it follows.
    """
    plain = dataset.model_dump(mode="json", exclude_defaults=True)
    return {"format_version": dataset.format_version, **plain}
