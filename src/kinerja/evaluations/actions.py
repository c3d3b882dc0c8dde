"""The named changes of the review record and the LKE answers, shared by the web app and the API.

Each checks the permission, refuses a stale version (`StaleVersion`, the client read an older
one) and writes history with its author. What a role may write: the office's planners check the
criteria, give the self-assessment, the note and the evidence links (`ANSWER_LKE`); the auditor
sets the evaluator's value and whether it accepts the system's proposal (`EVALUATE_LKE`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from pydantic import ValidationError

from kinerja.accounts import rules as r
from kinerja.agencies.signals import changed
from kinerja.dataset import schema
from kinerja.dataset.worksheet import load_worksheet
from kinerja.evaluations.choices import EvaluationMethod
from kinerja.evaluations.finality import (
    OFFICE_PART,
    locked_evaluation,
    refuse_if_final,
)
from kinerja.evaluations.models import EvaluationAnswer, ReviewRecord
from kinerja.results.actions import InvalidValue, StaleVersion
from kinerja.results.models import ReportingYear
from kinerja.results.transactions import write_transaction

NOTE_LIMIT = 4000


def _saved(record: Any, user: AbstractBaseUser, reason: str) -> None:
    record._history_user = user
    record._change_reason = reason
    record.save()


def _require(user: AbstractBaseUser, permission: str, year: ReportingYear) -> None:
    if not r.can(user, permission, year):
        raise PermissionDenied("Anda tidak berwenang melakukan ini.")


@dataclass(frozen=True)
class ReviewInput:
    """What the auditor records: the reviewer, the date and place, the statement, the findings
    (`{text, rule, location, settled}`)."""

    reviewer_name: str
    reviewer_position: str | None
    reviewer_nip: str | None
    date: dt.date
    place: str | None
    statement: str
    findings: list[dict[str, Any]] = field(default_factory=list)


def _checked_review(data: ReviewInput) -> schema.ReviewRecord:
    """The record validated by the dataset schema (the same rules as a file import)."""
    try:
        return schema.ReviewRecord.model_validate(
            {
                "reviewer": {
                    "name": data.reviewer_name.strip(),
                    "position": (data.reviewer_position or "").strip() or None,
                    "nip": (data.reviewer_nip or "").strip() or None,
                },
                "date": data.date,
                "place": (data.place or "").strip() or None,
                "statement": data.statement.strip(),
                "findings": data.findings,
            }
        )
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise InvalidValue(f"Catatan reviu tidak sah ({where}): {first['msg']}") from exc


def record_review(
    user: AbstractBaseUser, year: ReportingYear, data: ReviewInput, version: int
) -> ReviewRecord:
    """Record (version 0: first time) or change the year's review at the version read."""
    _require(user, r.RECORD_REVIEW, year)
    checked = _checked_review(data)
    with transaction.atomic():
        record = ReviewRecord.objects.select_for_update().filter(reporting_year=year).first()
        current = record.version if record else 0
        if version != current:
            raise StaleVersion(
                "Catatan reviu sudah diubah orang lain sejak Anda membukanya; muat ulang halaman."
            )
        if record is None:
            record = ReviewRecord(reporting_year=year, version=1)
            reason = "Reviu dicatat"
        else:
            record.version += 1
            reason = "Catatan reviu diubah"
        record.reviewer_name = checked.reviewer.name
        record.reviewer_position = checked.reviewer.position
        record.reviewer_nip = checked.reviewer.nip
        record.date = checked.date
        record.place = checked.place
        record.statement = checked.statement
        record.findings = [
            note.model_dump(mode="json", exclude_defaults=True) for note in checked.findings
        ]
        record.recorded_by = user  # type: ignore[assignment]
        _saved(record, user, reason)
        changed(year.agency_id)  # the dataset's review: what the office's pages show of it
    return record


@dataclass(frozen=True)
class AnswerInput:
    """A change to one item's answer; None leaves a field as it is."""

    met: list[str] | None = None
    self_assessment: str | None = None
    note: str | None = None
    evidence: list[dict[str, Any]] | None = None
    answer: str | None = None
    proposed: bool | None = None


def _grade(value: str, what: str) -> str:
    grade = value.strip().upper()
    if grade and grade not in schema.LkeAnswer.__args__:  # type: ignore[attr-defined]
        raise InvalidValue(f"{what} '{value}' tidak dikenal; pilih AA, A, BB, B, CC, C, D atau E.")
    return grade


def _office_part(record: EvaluationAnswer) -> tuple[Any, ...]:
    return (record.met, record.self_assessment, record.note, record.evidence)


@write_transaction
def save_answer(
    user: AbstractBaseUser, year: ReportingYear, item: str, change: AnswerInput, version: int
) -> EvaluationAnswer:
    """Save one item's answer at the version read (0: not answered yet); refused while the
    year's LKE is final (`finality.LkeFinal`). The evaluation's row is locked first, so that a
    save and a finalisation run one after the other (`kinerja.evaluations.finality`)."""
    office_part = (change.met, change.self_assessment, change.note, change.evidence)
    if any(part is not None for part in office_part):
        _require(user, r.ANSWER_LKE, year)
    if change.answer is not None or change.proposed is not None:
        _require(user, r.EVALUATE_LKE, year)
    evaluation = locked_evaluation(year)
    refuse_if_final(evaluation, year.year)
    worksheet = load_worksheet(evaluation.regulation).worksheet
    if evaluation.method == EvaluationMethod.CRITERION:
        items = {c.code: () for c in worksheet.criteria}
    else:
        items = {s.code: tuple(c.code for c in s.criteria) for s in worksheet.subcomponents}
    if item not in items:
        raise InvalidValue(f"Butir '{item}' tidak ada di lembar kerja {evaluation.regulation}.")
    record = (
        EvaluationAnswer.objects.select_for_update()
        .filter(evaluation=evaluation, item=item)
        .first()
    )
    if version != (record.version if record else 0):
        raise StaleVersion(
            f"Jawaban {item} sudah diubah orang lain sejak Anda membukanya; muat ulang halaman."
        )
    if record is None:
        position = list(items).index(item)
        record = EvaluationAnswer(evaluation=evaluation, item=item, position=position)
    else:
        record.version += 1
    before = _office_part(record)
    if change.met is not None:
        stray = [code for code in change.met if code not in items[item]]
        if stray:
            raise InvalidValue(f"Kriteria {', '.join(stray)} bukan kriteria butir {item}.")
        record.met = [code for code in items[item] if code in set(change.met)]
    if change.self_assessment is not None:
        record.self_assessment = _grade(change.self_assessment, "Penilaian mandiri")
    if change.note is not None:
        if len(change.note) > NOTE_LIMIT:
            raise InvalidValue(f"Catatan paling panjang {NOTE_LIMIT} karakter.")
        record.note = change.note.strip() or None
    if change.evidence is not None:
        try:
            links = [schema.Evidence.model_validate(e) for e in change.evidence]
        except ValidationError as exc:
            raise InvalidValue(f"Bukti dukung tidak sah: {exc.errors()[0]['msg']}") from exc
        record.evidence = [e.model_dump(mode="json", exclude_defaults=True) for e in links]
    if change.answer is not None:
        record.answer = _grade(change.answer, "Nilai evaluator")
    if change.proposed is not None:
        record.proposed = change.proposed and bool(record.answer)
    reason = f"Jawaban LKE {item} disimpan"
    if _office_part(record) != before:
        reason += f" ({OFFICE_PART})"  # who wrote the office's part may not finalise
    _saved(record, user, reason)
    changed(year.agency_id)  # the dataset's evaluation: what the office's pages show of it
    return record
