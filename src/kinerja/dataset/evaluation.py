"""The SAKIP evaluation (LKE) of one office's year: criteria checks, proposals, answers, score.

The worksheet comes from `kinerja.dataset.worksheet`; scoring is `kinerja.core.evaluation`'s. The
office's answers are `Year.evaluation`: one per sub-component, with the office's
self-assessment, the evaluator's value (the only one that counts), the criteria the office checked
as met, a note and evidence. For criteria the data can test (the PK exists and was signed on time,
realisation was measured quarterly, the LKj was made and reviewed), a check says whether the data
shows the criterion met, with its reason. The share of criteria met proposes the sub-component's
answer (`core.evaluation.proposal_for_share`); a person confirms or overrides it. Proposals never
enter the score on their own: an unanswered sub-component counts 0 and is listed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from kinerja.core.evaluation import (
    EvaluationScore,
    proposal_for_share,
    score,
    score_by_criterion,
)
from kinerja.dataset import schema
from kinerja.dataset.measure import MeasureResult, measure
from kinerja.dataset.review import ReviewResult, review
from kinerja.dataset.schema import Dataset
from kinerja.dataset.worksheet import LoadedWorksheet, load_worksheet
from kinerja.formats import format_date, format_percent

DEFAULT_REGULATION = "permenpanrb-88-2021"


class Outcome(StrEnum):
    """What a data check found."""

    MET = "met"
    PARTLY = "partly"
    UNMET = "unmet"


class EvaluationError(ValueError):
    """Answers that do not fit the worksheet (Indonesian message)."""


@dataclass(frozen=True)
class CriterionCheck:
    """A criterion of a sub-component: whether the office checked it as met, and what the data
    shows (None: no check tests it, or the check cannot judge)."""

    code: str
    text: str
    met: bool
    data: Outcome | None = None
    reason: str | None = None


@dataclass(frozen=True)
class Proposal:
    """The answer the system proposes for an item, and why (`met` of `total` criteria)."""

    item: str
    answer: str
    met: int
    total: int
    reason: str


@dataclass(frozen=True)
class ItemRow:
    """An answered item of the worksheet (a sub-component; a criterion in the variant) with the
    office's and the evaluator's answers, the criteria checks and the system's proposal."""

    code: str
    component: str
    name: str
    text: str
    weight: Any
    answer: str | None
    self_assessment: str | None
    note: str | None
    proposed: bool
    evidence: tuple[schema.Evidence, ...]
    criteria: tuple[CriterionCheck, ...]
    proposal: Proposal | None
    meaning: str | None

    @property
    def overrides_proposal(self) -> bool:
        """Whether the evaluator answered otherwise than the system proposed."""
        return bool(self.proposal and self.answer and self.answer != self.proposal.answer)


@dataclass(frozen=True)
class EvaluationResult:
    """The evaluated year: the evaluator's score (the one that counts), the office's
    self-assessment scored alike, and every item's row."""

    agency_code: str
    agency_name: str
    year: int
    title: str
    method: str
    score: EvaluationScore
    self_score: EvaluationScore
    rows: tuple[ItemRow, ...]
    # The evaluator's finalisation ("LKE final"): the score and predicate signed; None: a draft.
    final: schema.EvaluationFinal | None = None


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


def _review_recorded(f: _Facts) -> Finding:
    record = f.entry.review
    if record is None:
        return Outcome.UNMET, f"reviu LKj tahun {f.entry.year} belum dicatat auditor"
    return Outcome.MET, f"direviu {record.reviewer.name}, {format_date(record.date)}"


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
    "review-recorded": _review_recorded,
}


def _facts(dataset: Dataset, year: int | None, regulation: str | None) -> _Facts:
    dataset = dataset.period_of(year)
    entry = dataset.latest_year if year is None else dataset.year(year)
    chosen = regulation or (entry.evaluation.regulation if entry.evaluation else None)
    loaded = load_worksheet(chosen or DEFAULT_REGULATION)
    return _Facts(dataset, entry, loaded, measure(dataset, entry.year), review(dataset, entry.year))


def data_checks(facts: _Facts) -> dict[str, tuple[Outcome, str]]:
    """What the data shows for each criterion a check tests, by criterion code."""
    found: dict[str, tuple[Outcome, str]] = {}
    cache: dict[str, Finding] = {}
    for code, check in facts.loaded.checks.items():
        if check not in cache:
            cache[check] = CHECKS[check](facts)
        outcome = cache[check]
        if outcome is not None:
            found[code] = outcome
    return found


def _share_text(met: int, total: int) -> str:
    share = Decimal(met * 100) / Decimal(total)
    return f"{met} dari {total} kriteria terpenuhi ({format_percent(share, 1, trim=True)})"


def _proposal(
    loaded: LoadedWorksheet, sub: Any, checks: Sequence[CriterionCheck], answered: bool
) -> Proposal | None:
    """The share of criteria met proposes the answer: the office's checks once it answered the
    sub-component, otherwise what the data shows (None when no check tests any criterion)."""
    total = len(checks)
    if answered:
        met = sum(1 for c in checks if c.met)
        basis = _share_text(met, total) + " menurut centang kantor"
    else:
        tested = [c for c in checks if c.data is not None]
        if not tested:
            return None
        met = sum(1 for c in tested if c.data is Outcome.MET)
        basis = (
            _share_text(met, total)
            + f" menurut data ({len(tested)} kriteria dapat diuji; sisanya belum dicentang)"
        )
    answer = proposal_for_share(loaded.worksheet, met, total)
    reason = f"{basis}: {answer}, {loaded.meaning(answer, sub.code).lower()}."
    if met == total:
        reason += " AA dan A (dipertahankan, inovasi) ditetapkan evaluator."
    return Proposal(sub.code, answer, met, total, reason)


def _variant_proposal(
    loaded: LoadedWorksheet, code: str, found: tuple[Outcome, str] | None
) -> Proposal | None:
    """Per-criterion variant: a tested criterion proposes BB when met, C when partly, E when not
    (the share bands of 1/1, 1/2 and 0/1)."""
    if found is None:
        return None
    outcome, why = found
    met, total = {Outcome.MET: (1, 1), Outcome.PARTLY: (1, 2), Outcome.UNMET: (0, 1)}[outcome]
    answer = proposal_for_share(loaded.worksheet, met, total)
    return Proposal(code, answer, met, total, f"{why}: {answer}.")


def _check_answers(facts: _Facts, method: str, answers: dict[str, schema.EvaluationAnswer]) -> None:
    worksheet = facts.loaded.worksheet
    if method == "criterion":
        known = {c.code for c in worksheet.criteria}
        what = "kriteria"
    else:
        known = {s.code for s in worksheet.subcomponents}
        what = "subkomponen"
    unknown = [code for code in answers if code not in known]
    if unknown:
        raise EvaluationError(
            f"jawaban tahun {facts.entry.year} untuk {what} yang tidak ada di "
            f"{worksheet.regulation}: {', '.join(unknown)}"
        )
    for sub in worksheet.subcomponents:
        own = {c.code for c in sub.criteria}
        given = answers.get(sub.code)
        stray = [code for code in (given.met if given else []) if code not in own]
        if stray:
            raise EvaluationError(
                f"jawaban {sub.code} tahun {facts.entry.year}: kriteria {', '.join(stray)} "
                f"bukan kriteria subkomponen {sub.code}"
            )


def evaluate(
    dataset: Dataset, year: int | None = None, regulation: str | None = None
) -> EvaluationResult:
    """Score the year's LKE answers (default: the latest year, its evaluation's regulation).

    Raises KeyError for a year not in the dataset, `WorksheetError` for an unknown regulation and
    `EvaluationError` for an answer to an item the worksheet does not have.
    """
    facts = _facts(dataset, year, regulation)
    loaded = facts.loaded
    worksheet = loaded.worksheet
    evaluation = facts.entry.evaluation
    method = evaluation.method if evaluation else "subcomponent"
    answers = {a.item: a for a in evaluation.answers} if evaluation else {}
    _check_answers(facts, method, answers)
    tested = data_checks(facts)
    rows: list[ItemRow] = []
    for comp in worksheet.components:
        for sub in comp.subcomponents:
            if method == "criterion":
                for criterion in sub.criteria:
                    given = answers.get(criterion.code)
                    found = tested.get(criterion.code)
                    check = CriterionCheck(
                        criterion.code,
                        criterion.text,
                        False,
                        found[0] if found else None,
                        found[1] if found else None,
                    )
                    rows.append(
                        _row(
                            loaded,
                            comp.code,
                            sub,
                            criterion.code,
                            criterion.text,
                            given,
                            (check,),
                            _variant_proposal(loaded, criterion.code, found),
                        )
                    )
                continue
            given = answers.get(sub.code)
            met = set(given.met) if given else set()
            checks = tuple(
                CriterionCheck(
                    c.code,
                    c.text,
                    c.code in met,
                    tested[c.code][0] if c.code in tested else None,
                    tested[c.code][1] if c.code in tested else None,
                )
                for c in sub.criteria
            )
            proposal = _proposal(loaded, sub, checks, given is not None)
            rows.append(
                _row(
                    loaded, comp.code, sub, sub.code, sub.title or sub.name, given, checks, proposal
                )
            )
    scorer = score_by_criterion if method == "criterion" else score
    counted = {code: a.answer for code, a in answers.items() if a.answer}
    own = {code: a.self_assessment for code, a in answers.items() if a.self_assessment}
    agency = dataset.agency
    return EvaluationResult(
        agency.code,
        agency.name,
        facts.entry.year,
        worksheet.title,
        method,
        scorer(worksheet, counted),
        scorer(worksheet, own),
        tuple(rows),
        evaluation.final if evaluation else None,
    )


def _row(
    loaded: LoadedWorksheet,
    component: str,
    sub: Any,
    code: str,
    text: str,
    given: schema.EvaluationAnswer | None,
    checks: tuple[CriterionCheck, ...],
    proposal: Proposal | None,
) -> ItemRow:
    answer = given.answer if given else None
    return ItemRow(
        code=code,
        component=component,
        name=sub.name,
        text=text,
        weight=sub.weight,
        answer=answer,
        self_assessment=given.self_assessment if given else None,
        note=given.note if given else None,
        proposed=given.proposed if given else False,
        evidence=tuple(given.evidence) if given else (),
        criteria=checks,
        proposal=proposal,
        meaning=loaded.meaning(answer, sub.code) if answer else None,
    )


def _number(value: Any) -> float:
    return float(value)


def _score_json(scored: EvaluationScore) -> dict[str, Any]:
    return {
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
                        "answer": sub.answer,
                        "answered": sub.answered,
                        "items": sub.items,
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
    }


def to_json(result: EvaluationResult) -> dict[str, Any]:
    """The stable JSON of `kinerja evaluate --json` and the API (see docs/cli.md, docs/api.md)."""
    return {
        "agency": result.agency_code,
        "year": result.year,
        "regulation": result.score.regulation,
        "method": result.method,
        **_score_json(result.score),
        "self_assessment": _score_json(result.self_score),
        "final": None
        if result.final is None
        else {
            "date": result.final.date.isoformat(),
            "by": result.final.by.name,
            "position": result.final.by.position,
            "score": float(result.final.score),
            "predicate": result.final.predicate,
        },
        "items": [
            {
                "code": row.code,
                "answer": row.answer,
                "self_assessment": row.self_assessment,
                "proposed": row.proposed,
                "note": row.note,
                "met": [c.code for c in row.criteria if c.met],
                "proposal": None
                if row.proposal is None
                else {
                    "answer": row.proposal.answer,
                    "met": row.proposal.met,
                    "total": row.proposal.total,
                    "reason": row.proposal.reason,
                },
            }
            for row in result.rows
        ],
    }
