"""The named state changes of the realisation workflow; each checks its rule and writes history.

draft → submitted (by the operator) → verified, or returned with a reason (by the planner) →
locked with the whole year when the leader approves it. Nobody verifies what they submitted
themselves. Verifying, returning or approving a value that changed since it was shown is refused
(`version`, and the year's fingerprint). A locked year changes only through
`revise_locked_value`, which records a `Revision` with its reason.

Every change to a year first locks the year's row (`locked_year`) and reads the year's state
from that locked row, never from the object the caller holds: the leader's approval takes the
same row, so a save and the approval run one after the other and a locked year never holds a
value that is not verified. Rows are locked in one order, the year before its realisations.

A change to what is verified (a value verified, or a locked year's value revised; a verified
value cannot be edited back to a draft) announces `agencies.signals.office_changed`, so that
the office's stored results are refreshed once the transaction commits
(`kinerja.consolidation.refresh`).
"""

from __future__ import annotations

from typing import IO, Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from kinerja.accounts import rules as r
from kinerja.accounts.rules import User, can
from kinerja.agencies.signals import changed
from kinerja.core.values import ValueParseError, parse_value
from kinerja.dataset.storable import NOTE_MAX_LENGTH as NOTE_MAX_LENGTH  # the forms' limit too
from kinerja.digests import digest
from kinerja.notifications import send as notifications
from kinerja.plans.models import Indicator
from kinerja.results.choices import RealizationStatus
from kinerja.results.evidence_files import EvidenceNotStored, EvidenceRejected, store
from kinerja.results.models import (
    Evidence,
    LockAcknowledgement,
    Realization,
    ReportingYear,
    Revision,
    Spending,
)
from kinerja.results.readiness import assess
from kinerja.results.transactions import write_transaction

Status = RealizationStatus


class WorkflowError(Exception):
    """A workflow step that cannot be taken now; the message is Indonesian and says why."""


class StaleVersion(WorkflowError):
    """The value changed after it was shown to the user."""


CHANGED = "Nilai ini telah diubah orang lain. Muat ulang halaman."


class YearLocked(WorkflowError):
    """The year is approved and locked: only a revision can change it."""


class InvalidValue(WorkflowError):
    """The entered value cannot be read."""


class EvidenceNotSaved(WorkflowError):
    """The evidence file was refused or could not be written; nothing of it is kept."""


def _require(user: User, permission: str, obj: Any) -> None:
    if not can(user, permission, obj):
        raise PermissionDenied("Anda tidak berwenang melakukan ini.")


def _saved(record: Realization | ReportingYear, user: User, reason: str) -> None:
    """Save with the author and the reason in the history record (django-simple-history)."""
    record._history_user = user  # type: ignore[union-attr]
    record._change_reason = reason  # type: ignore[union-attr]
    record.save()


def locked_year(pk: int) -> ReportingYear:
    """The year's row, locked until the transaction ends, with its state as stored now."""
    return ReportingYear.objects.select_for_update().select_related("agency").get(pk=pk)


def writable_year(pk: int) -> ReportingYear:
    """Lock the year's row, then refuse when the year is locked (read after taking the lock)."""
    year = locked_year(pk)
    if year.is_locked:
        raise YearLocked("Tahun ini sudah dikunci; perubahan hanya melalui revisi.")
    return year


def _locked_row(realization: Realization, expected_version: int | None) -> Realization:
    """Lock the year's row, then the realisation's; the rules then judge the stored state."""
    year = locked_year(realization.reporting_year_id)
    current = Realization.objects.select_for_update().get(pk=realization.pk)
    if expected_version is not None and current.version != expected_version:
        raise StaleVersion(
            "Nilai ini telah berubah sejak ditampilkan. Muat ulang halaman dan periksa lagi."
        )
    realization.refresh_from_db()
    realization.reporting_year = year
    return realization


def checked_value(text: str, unit: str | None) -> str:
    """The entered text, trimmed, once it reads as a value (`95%`, `3 orang`, `B`, `selesai`,
    or a bare number in the indicator's `unit`)."""
    cleaned = " ".join(text.split())
    try:
        parse_value(cleaned, unit)
    except ValueParseError as exc:
        raise InvalidValue(f"Nilai tidak terbaca: {exc}.") from exc
    return cleaned


@write_transaction
def save_realization(
    user: User,
    year: ReportingYear,
    indicator: Indicator,
    quarter: int,
    value: str,
    note: str = "",
    expected_version: int | None = None,
) -> Realization:
    """Enter or correct a quarter's realisation; it becomes (or stays) a draft."""
    text = checked_value(value, indicator.unit)
    if len(note) > NOTE_MAX_LENGTH:
        raise InvalidValue(f"Catatan terlalu panjang (paling banyak {NOTE_MAX_LENGTH} karakter).")
    year = writable_year(year.pk)
    record = (
        Realization.objects.select_for_update()
        .filter(reporting_year=year, indicator=indicator, quarter=quarter)
        .first()
    )
    if record is None:
        unit = indicator.work_unit
        if unit is None:
            raise WorkflowError("Indikator ini tidak punya unit kerja pengisi.")
        unit.agency = year.agency
        unit.reporting_year = year  # type: ignore[attr-defined]
        _require(user, r.ENTER, unit)
        last = Realization.objects.filter(reporting_year=year).aggregate(m=Max("position"))["m"]
        record = Realization(
            reporting_year=year,
            indicator=indicator,
            quarter=quarter,
            position=0 if last is None else last + 1,
            version=0,
        )
    else:
        record.reporting_year = year
        record.indicator = indicator
        _require(user, r.EDIT_REALIZATION, record)
        if expected_version is not None and record.version != expected_version:
            raise StaleVersion(CHANGED)
    record.value = text
    record.note = note.strip() or None
    record.status = Status.DRAFT
    record.entered_by = user  # type: ignore[assignment]
    record.version += 1
    try:
        with transaction.atomic():
            _saved(record, user, "Diisi")
    except IntegrityError as exc:  # another first save of the quarter got there before
        raise StaleVersion(CHANGED) from exc
    return record


@transaction.atomic
def add_evidence(
    user: User, realization: Realization, upload: IO[bytes], size: int, name: str
) -> Evidence:
    """Attach a checked evidence file to a realisation that its author may still edit.

    The file is complete on disk before its row is written; a caller that saves the value in
    the same transaction saves both or neither (a refused or unwritable file raises
    `EvidenceNotSaved`, which rolls the transaction back).
    """
    _locked_row(realization, None)
    _require(user, r.EDIT_REALIZATION, realization)
    try:
        stored = store(upload, size)
    except (EvidenceRejected, EvidenceNotStored) as exc:
        raise EvidenceNotSaved(str(exc)) from exc
    last = realization.evidence.aggregate(m=Max("position"))["m"]
    evidence = Evidence(
        realization=realization,
        position=0 if last is None else last + 1,
        title=name[:200] or "Bukti dukung",
        file=f"{stored.sha256[:12]}.{stored.kind}",
        sha256=stored.sha256,
        content_type=stored.content_type,
        size=stored.size,
        uploaded_by=user,
    )
    evidence._history_user = user  # type: ignore[attr-defined]
    evidence.save()
    realization.version += 1
    _saved(realization, user, f"Bukti dukung ditambahkan: {evidence.title}")
    return evidence


@write_transaction
def submit_realization(user: User, realization: Realization, expected_version: int) -> None:
    """The operator submits a draft (or a returned value) for verification."""
    _locked_row(realization, expected_version)
    _require(user, r.SUBMIT, realization)
    realization.status = Status.SUBMITTED
    realization.submitted_by = user  # type: ignore[assignment]
    realization.submitted_at = timezone.now()
    realization.version += 1
    _saved(realization, user, "Diajukan")
    notifications.realization_submitted(realization, user)


@write_transaction
def verify_realization(user: User, realization: Realization, expected_version: int) -> None:
    """The planner verifies a submitted value, exactly as it was shown to them."""
    _locked_row(realization, expected_version)
    if realization.submitted_by_id == user.pk:
        raise PermissionDenied("Anda tidak boleh memverifikasi isian yang Anda ajukan sendiri.")
    _require(user, r.VERIFY, realization)
    realization.status = Status.VERIFIED
    realization.verified_by = user  # type: ignore[assignment]
    realization.verified_at = timezone.now()
    realization.returned_reason = None
    realization.version += 1
    _saved(realization, user, "Diverifikasi")
    changed(realization.reporting_year.agency_id)
    notifications.realization_verified(realization, user)


@write_transaction
def return_realization(
    user: User, realization: Realization, expected_version: int, reason: str
) -> None:
    """The planner returns a submitted value to its operator, saying why."""
    if not reason.strip():
        raise WorkflowError("Tuliskan alasan pengembalian.")
    _locked_row(realization, expected_version)
    if realization.submitted_by_id == user.pk:
        raise PermissionDenied("Anda tidak boleh memeriksa isian yang Anda ajukan sendiri.")
    _require(user, r.RETURN, realization)
    realization.status = Status.RETURNED
    realization.returned_reason = reason.strip()
    realization.version += 1
    _saved(realization, user, f"Dikembalikan: {reason.strip()}")
    notifications.realization_returned(realization, user)


def year_fingerprint(year: ReportingYear) -> str:
    """A digest of every realisation's and budget realisation's id, version and status: what
    the leader was shown."""
    parts = []
    for model, mark in ((Realization, ""), (Spending, "s")):
        rows = model.objects.filter(reporting_year=year).order_by("pk")  # type: ignore[attr-defined]
        parts += [f"{mark}{pk}:{v}:{s}" for pk, v, s in rows.values_list("pk", "version", "status")]
    return digest(";".join(parts))


class NotReady(WorkflowError):
    """The readiness check finds errors, or warnings the leader has not acknowledged."""


@write_transaction
def lock_year(
    user: User,
    year: ReportingYear,
    fingerprint: str,
    acknowledge_warnings: bool = False,
    warnings_shown: str | None = None,
) -> LockAcknowledgement | None:
    """The leader approves the year: every value verified as shown, no readiness error, and
    the readiness warnings acknowledged (recorded with who and when; `kinerja.results.readiness`).
    `warnings_shown` is the digest of the warnings the leader read (`Readiness.digest`): when
    given, other warnings now are refused as a stale page.
    """
    year = locked_year(year.pk)
    if year.is_locked:
        raise YearLocked("Tahun ini sudah disetujui dan dikunci.")
    _require(user, r.LOCK_YEAR, year)
    if fingerprint != year_fingerprint(year):
        raise StaleVersion(
            "Data tahun ini berubah sejak ditampilkan. Periksa lagi sebelum menyetujui."
        )
    pending = year.realizations.exclude(status=Status.VERIFIED).count()
    if pending:
        raise NotReady(f"Masih ada {pending} realisasi yang belum diverifikasi.")
    readiness = assess(year)
    if readiness.errors:
        first = readiness.errors[0]
        raise NotReady(
            f"Tahun belum siap dikunci: {len(readiness.errors)} galat kesiapan, "
            f"mis. {first.section_label}: {first.message}"
        )
    acknowledgement = None
    if readiness.warnings:
        if warnings_shown is not None and warnings_shown != readiness.digest:
            raise StaleVersion(
                "Peringatan kesiapan berubah sejak ditampilkan. Periksa lagi sebelum menyetujui."
            )
        if not acknowledge_warnings:
            raise NotReady(
                f"Ada {len(readiness.warnings)} peringatan kesiapan. Nyatakan bahwa Anda telah "
                "membacanya sebelum menyetujui."
            )
        acknowledgement = LockAcknowledgement.objects.create(
            reporting_year=year, acknowledged_by=user, warnings=readiness.warning_texts()
        )
    year.locked_at = timezone.now()
    year.locked_by = user  # type: ignore[assignment]
    _saved(year, user, "Tahun disetujui dan dikunci")
    notifications.year_locked(year, user)
    return acknowledgement


@write_transaction
def revise_locked_value(user: User, realization: Realization, value: str, reason: str) -> Revision:
    """Change a realisation of a locked year: recorded with the reason, the author and the time."""
    if not reason.strip():
        raise WorkflowError("Tuliskan alasan revisi.")
    _locked_row(realization, None)
    _require(user, r.REVISE_REALIZATION, realization)
    text = checked_value(value, realization.indicator.unit)
    revision = Revision.objects.create(
        reporting_year=realization.reporting_year,
        subject=f"Realisasi {realization.indicator.code} triwulan {realization.quarter}",
        old_value=realization.value,
        new_value=text,
        reason=reason.strip(),
        revised_by=user,
    )
    realization.value = text
    realization.version += 1
    _saved(realization, user, f"Revisi: {reason.strip()}")
    changed(realization.reporting_year.agency_id)
    return revision


@write_transaction
def withdraw_realization(user: User, realization: Realization, expected_version: int) -> None:
    """Take a submission back to draft before a planner verifies or returns it."""
    _locked_row(realization, expected_version)
    _require(user, r.WITHDRAW, realization)
    realization.status = Status.DRAFT
    realization.submitted_by = None
    realization.submitted_at = None
    realization.version += 1
    _saved(realization, user, "Pengajuan ditarik kembali")


@write_transaction
def remove_evidence(user: User, evidence: Evidence, expected_version: int) -> None:
    """Delete a wrong evidence file from a value its author may still edit (draft, returned).

    The row goes (its history keeps it); the stored file stays under its SHA-256, since the
    history, a backup or another row may name the same content.
    """
    realization = evidence.realization
    if realization is None:
        raise WorkflowError("Bukti dukung ini bukan milik isian realisasi.")
    _locked_row(realization, expected_version)
    _require(user, r.EDIT_REALIZATION, realization)
    title = evidence.title
    evidence._history_user = user  # type: ignore[attr-defined]
    evidence.delete()
    realization.version += 1
    _saved(realization, user, f"Bukti dukung dihapus: {title}")
