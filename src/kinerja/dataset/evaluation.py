"""The SAKIP evaluation (LKE) of one office's year: proposals from the data, answers, score.

The worksheet comes from `kinerja.dataset.worksheet`; scoring is `kinerja.core.evaluation`'s. The
office's answers are `Year.evaluation`. For criteria the data can support (the PK exists and was
signed on time, realisation was measured quarterly, the LKj was made, the review found no errors),
a check proposes an answer with its reason; a person confirms or overrides it in the dataset.
Proposals never enter the score on their own: an unanswered criterion counts 0 and is listed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from kinerja.core.evaluation import EvaluationScore, score
from kinerja.dataset import schema
from kinerja.dataset.measure import MeasureResult, measure
from kinerja.dataset.review import ReviewResult, review
from kinerja.dataset.schema import Dataset
from kinerja.dataset.worksheet import LoadedWorksheet, load_worksheet
from kinerja.formats import format_date

DEFAULT_REGULATION = "permenpanrb-88-2021"


class Outcome(StrEnum):
    """What a data check found."""

    MET = "met"
    PARTLY = "partly"
    UNMET = "unmet"


class EvaluationError(ValueError):
    """Answers that do not fit the worksheet (Indonesian message)."""


@dataclass(frozen=True)
class Proposal:
    """An answer the system proposes for a criterion, and why."""

    criterion: str
    check: str
    outcome: Outcome
    answer: str
    reason: str


@dataclass(frozen=True)
class CriterionRow:
    """A criterion with the office's answer (None: unanswered) and the system's proposal."""

    code: str
    text: str
    subcomponent: str
    answer: str | None
    note: str | None
    proposed: bool
    evidence: int
    proposal: Proposal | None

    @property
    def overrides_proposal(self) -> bool:
        """Whether a person answered otherwise than the system proposed."""
        return bool(self.proposal and self.answer and self.answer != self.proposal.answer)


@dataclass(frozen=True)
class EvaluationResult:
    """The evaluated year: worksheet title, scored answers and every criterion's row."""

    agency_code: str
    agency_name: str
    year: int
    title: str
    score: EvaluationScore
    criteria: tuple[CriterionRow, ...]


@dataclass(frozen=True)
class _Facts:
    dataset: Dataset
    entry: schema.Year
    loaded: LoadedWorksheet
    measured: MeasureResult
    reviewed: ReviewResult


Finding = tuple[Outcome, str] | None


def _share(found: int, total: int, what: str) -> tuple[Outcome, str]:
    reason = f"{found} dari {total} {what}"
    if total and found == total:
        return Outcome.MET, reason
    return (Outcome.PARTLY if found else Outcome.UNMET), reason


def _renstra(f: _Facts) -> Finding:
    plan = f.dataset.strategic_plan
    period = f"Renstra {plan.start}-{plan.end}"
    if not plan.start <= f.entry.year <= plan.end:
        return Outcome.UNMET, f"{period} tidak mencakup tahun {f.entry.year}"
    if plan.established_on is None:
        return Outcome.PARTLY, f"{period} tercatat, tetapi tanggal penetapannya tidak"
    return Outcome.MET, f"{period} ditetapkan {format_date(plan.established_on)}"


def _renstra_targets(f: _Facts) -> Finding:
    plan = f.dataset.strategic_plan
    years = set(range(plan.start, plan.end + 1))
    indicators = [i for o in plan.objectives for i in o.indicators]
    complete = sum(1 for i in indicators if years <= set(i.renstra_targets))
    some = sum(1 for i in indicators if i.renstra_targets)
    outcome, reason = _share(complete, len(indicators), "indikator Renstra punya target tiap tahun")
    if outcome is Outcome.UNMET and some:
        outcome = Outcome.PARTLY
    return outcome, reason


def _agreement_signed(f: _Facts) -> Finding:
    office = f.entry.office_agreement
    if office is None:
        return Outcome.UNMET, f"tidak ada PK kantor tahun {f.entry.year}"
    deadline = f.loaded.deadlines.agreement.date(f.entry.year)
    if office.signed_on is None:
        return Outcome.PARTLY, "PK kantor ada, tetapi tanggal penandatanganannya tidak tercatat"
    when = format_date(office.signed_on)
    if office.signed_on > deadline:
        return Outcome.PARTLY, f"PK ditandatangani {when}, setelah batas {format_date(deadline)}"
    return Outcome.MET, f"PK ditandatangani {when} (batas {format_date(deadline)})"


def _action_plan(f: _Facts) -> Finding:
    office = f.entry.office_agreement
    rows = office.rows if office else []
    planned = sum(1 for row in rows if row.quarterly_targets)
    return _share(planned, len(rows), "baris PK punya target triwulan (Rencana Aksi)")


def _cascading(f: _Facts) -> Finding:
    office = f.entry.office_agreement
    if office is None:
        return Outcome.UNMET, f"tidak ada PK kantor tahun {f.entry.year}"
    owner = {i.code: i.work_unit for o in f.dataset.strategic_plan.objectives for i in o.indicators}
    units = {owner[row.indicator] for row in office.rows if owner.get(row.indicator)}
    with_pk = {a.work_unit for a in f.entry.agreements if a.work_unit}
    return _share(len(units & with_pk), len(units), "unit kerja pemilik indikator punya PK unit")


def _errors(f: _Facts, rules: set[str]) -> int:
    return sum(1 for finding in f.reviewed.findings if finding.rule in rules)


def _targets_consistent(f: _Facts) -> Finding:
    count = _errors(f, {"target-mismatch", "target-missing", "grade-off-scale"})
    if count:
        return Outcome.UNMET, f"reviu menemukan {count} kesalahan target (beda antartabel/kosong)"
    return Outcome.MET, "reviu tidak menemukan target yang berbeda antartabel"


def _quarters(f: _Facts) -> dict[str, set[int]]:
    quarters: dict[str, set[int]] = {}
    for real in f.entry.realizations:
        quarters.setdefault(real.indicator, set()).add(real.quarter)
    return quarters


def _measured_quarterly(f: _Facts) -> Finding:
    office = f.entry.office_agreement
    codes = list(dict.fromkeys(row.indicator for row in office.rows)) if office else []
    quarters = _quarters(f)
    complete = sum(1 for code in codes if quarters.get(code) == {1, 2, 3, 4})
    outcome, reason = _share(complete, len(codes), "indikator PK punya realisasi TW I-IV")
    if outcome is Outcome.UNMET and quarters:
        outcome = Outcome.PARTLY
    return outcome, reason


def _evidence(f: _Facts) -> Finding:
    items = [len(r.evidence) for r in f.entry.realizations]
    items += [len(row.evidence) for t in f.entry.measurements for row in t.rows if row.realization]
    return _share(sum(1 for n in items if n), len(items), "realisasi disertai bukti dukung")


def _measured_in_system(f: _Facts) -> Finding:
    if not f.entry.realizations:
        return None  # the office may measure in another application: no proposal
    with_evidence = sum(1 for r in f.entry.realizations if r.evidence)
    if with_evidence == len(f.entry.realizations):
        return Outcome.MET, "realisasi triwulanan dan bukti dukungnya dicatat di Kinerja"
    return Outcome.PARTLY, "realisasi triwulanan dicatat di Kinerja, sebagian tanpa bukti dukung"


def _achievements_consistent(f: _Facts) -> Finding:
    count = _errors(f, {"reported-achievement", "achievement-not-computable"})
    if count:
        return Outcome.UNMET, f"reviu menemukan {count} capaian tercetak yang tidak sesuai hitungan"
    return Outcome.MET, "capaian yang dilaporkan sesuai perhitungan"


def _lkj_generated(f: _Facts) -> Finding:
    report = f.entry.report
    if report is None:
        return Outcome.UNMET, f"LKj tahun {f.entry.year} belum dibuat (tidak ada data laporan)"
    if report.date is None or report.signatory is None:
        return Outcome.PARTLY, "LKj ada, tetapi tanggal atau penandatangannya tidak tercatat"
    return Outcome.MET, f"LKj ditandatangani {report.signatory.name}, {format_date(report.date)}"


def _lkj_on_time(f: _Facts) -> Finding:
    report = f.entry.report
    if report is None or report.date is None:
        return None
    deadline = f.loaded.deadlines.report.date(f.entry.year)
    when = format_date(report.date)
    if report.date > deadline:
        return Outcome.PARTLY, f"LKj bertanggal {when}, setelah batas {format_date(deadline)}"
    return Outcome.MET, f"LKj bertanggal {when} (batas {format_date(deadline)})"


def _indicators_reported(f: _Facts) -> Finding:
    indicators = f.measured.indicators
    measured = sum(1 for ind in indicators if ind.achievement.is_measured)
    outcome, reason = _share(measured, len(indicators), "indikator PK punya capaian terukur")
    if outcome is Outcome.PARTLY and measured * 2 < len(indicators):
        outcome = Outcome.UNMET
    return outcome, reason


def _review_clean(f: _Facts) -> Finding:
    errors = sum(1 for x in f.reviewed.findings if x.severity.value == "error")
    warnings = sum(1 for x in f.reviewed.findings if x.severity.value == "warning")
    if errors:
        return Outcome.UNMET, f"reviu menemukan {errors} kesalahan dan {warnings} peringatan"
    if warnings:
        return Outcome.PARTLY, f"reviu tidak menemukan kesalahan, tetapi {warnings} peringatan"
    return Outcome.MET, "reviu tidak menemukan kesalahan maupun peringatan"


CHECKS: dict[str, Callable[[_Facts], Finding]] = {
    "renstra": _renstra,
    "renstra-targets": _renstra_targets,
    "agreement-signed": _agreement_signed,
    "action-plan": _action_plan,
    "cascading": _cascading,
    "targets-consistent": _targets_consistent,
    "measured-quarterly": _measured_quarterly,
    "evidence": _evidence,
    "measured-in-system": _measured_in_system,
    "achievements-consistent": _achievements_consistent,
    "lkj-generated": _lkj_generated,
    "lkj-on-time": _lkj_on_time,
    "indicators-reported": _indicators_reported,
    "review-clean": _review_clean,
}


def _facts(dataset: Dataset, year: int | None, regulation: str | None) -> _Facts:
    entry = dataset.latest_year if year is None else dataset.year(year)
    chosen = regulation or (entry.evaluation.regulation if entry.evaluation else None)
    loaded = load_worksheet(chosen or DEFAULT_REGULATION)
    return _Facts(dataset, entry, loaded, measure(dataset, entry.year), review(dataset, entry.year))


def _proposals(facts: _Facts) -> dict[str, Proposal]:
    proposals: dict[str, Proposal] = {}
    for code, spec in facts.loaded.proposals.items():
        found = CHECKS[spec.check](facts)
        if found is None:
            continue
        outcome, reason = found
        answer = {Outcome.MET: spec.met, Outcome.PARTLY: spec.partly, Outcome.UNMET: spec.unmet}
        proposals[code] = Proposal(code, spec.check, outcome, answer[outcome], reason)
    return proposals


def propose(
    dataset: Dataset, year: int | None = None, regulation: str | None = None
) -> dict[str, Proposal]:
    """The answers the data supports, by criterion code, each with its reason."""
    return _proposals(_facts(dataset, year, regulation))


def evaluate(
    dataset: Dataset, year: int | None = None, regulation: str | None = None
) -> EvaluationResult:
    """Score the year's LKE answers (default: the latest year, its evaluation's regulation).

    Raises KeyError for a year not in the dataset, `WorksheetError` for an unknown regulation and
    `EvaluationError` for an answer to a criterion the worksheet does not have.
    """
    facts = _facts(dataset, year, regulation)
    worksheet = facts.loaded.worksheet
    evaluation = facts.entry.evaluation
    answers = {a.criterion: a for a in evaluation.answers} if evaluation else {}
    known = {c.code for c in worksheet.criteria}
    unknown = [code for code in answers if code not in known]
    if unknown:
        raise EvaluationError(
            f"jawaban tahun {facts.entry.year} untuk kriteria yang tidak ada di "
            f"{worksheet.regulation}: {', '.join(unknown)}"
        )
    proposals = _proposals(facts)
    scored = score(worksheet, {code: a.answer for code, a in answers.items()})
    rows = tuple(
        CriterionRow(
            criterion.code,
            criterion.text,
            sub.code,
            answers[criterion.code].answer if criterion.code in answers else None,
            answers[criterion.code].note if criterion.code in answers else None,
            answers[criterion.code].proposed if criterion.code in answers else False,
            len(answers[criterion.code].evidence) if criterion.code in answers else 0,
            proposals.get(criterion.code),
        )
        for comp in worksheet.components
        for sub in comp.subcomponents
        for criterion in sub.criteria
    )
    agency = dataset.agency
    return EvaluationResult(
        agency.code, agency.name, facts.entry.year, worksheet.title, scored, rows
    )


def _number(value: Any) -> float:
    return float(value)


def to_json(result: EvaluationResult) -> dict[str, Any]:
    """The stable JSON of `kinerja evaluate --json` (see docs/cli.md)."""
    scored = result.score
    return {
        "agency": result.agency_code,
        "year": result.year,
        "regulation": scored.regulation,
        "components": [
            {
                "code": comp.code,
                "name": comp.name,
                "weight": _number(comp.weight),
                "score": _number(comp.score),
                "subcomponents": [
                    {
                        "code": sub.code,
                        "name": sub.name,
                        "weight": _number(sub.weight),
                        "score": _number(sub.score),
                        "answered": sub.answered,
                        "criteria": sub.criteria,
                    }
                    for sub in comp.subcomponents
                ],
            }
            for comp in scored.components
        ],
        "total": _number(scored.total),
        "predicate": scored.predicate.grade,
        "predicate_label": scored.predicate.label,
        "complete": scored.complete,
        "unanswered": list(scored.unanswered),
        "criteria": [
            {
                "code": row.code,
                "answer": row.answer,
                "proposed": row.proposed,
                "note": row.note,
                "proposal": None
                if row.proposal is None
                else {
                    "answer": row.proposal.answer,
                    "outcome": row.proposal.outcome.value,
                    "reason": row.proposal.reason,
                },
            }
            for row in result.criteria
        ],
    }
