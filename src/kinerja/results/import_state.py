"""What an import keeps of the workflow: it never verifies what nobody verified.

The dataset format carries no workflow state, so an import decides it, by one rule shared by the
web import, `kinerja load` and `kinerja load-realizations` (the API writes only through the
named actions, as drafts):

- a realisation whose content is unchanged from the one stored for the same year, indicator and
  quarter keeps its state, its people (entered, submitted, verified by, when) and its version;
- a new or changed one arrives as **submitted** by the importer (nobody, when a server command
  names no user), with a version above the stored one, and waits for a planner's verification.
  Verification refuses one's own submission, so the importer never verifies their own import.

The content is the value and the note, and for a whole dataset also the evidence list (a
realisation workbook carries no evidence and keeps the stored evidence).

Budget realisation (`Spending`) follows the same rule, keyed by year, program, activity and
quarter, its content being the amount spent.

A dataset import replaces the office's years. It refuses a locked year unless the caller gives
a reason to unlock it (`kinerja load --unlock-reason`); the revisions of the years it replaces
are kept, and the unlocking is recorded as one more revision with that reason.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from kinerja.results.choices import RealizationStatus
from kinerja.results.models import Evidence, Realization, ReportingYear, Revision, Spending

# (year, indicator code, quarter)
Key = tuple[int, str, int]
# (year, program code, activity code, quarter)
SpendingKey = tuple[int, str | None, str | None, int | None]
Content = tuple[Any, ...]
WORKFLOW_FIELDS = (
    "status",
    "version",
    "entered_by_id",
    "submitted_by_id",
    "submitted_at",
    "verified_by_id",
    "verified_at",
    "returned_reason",
)
REVISION_FIELDS = (
    "reporting_year__year",
    "subject",
    "old_value",
    "new_value",
    "reason",
    "revised_by_id",
    "created_at",
)
UNLOCKED_SUBJECT = "Kunci tahun dibuka untuk memuat dataset (kinerja load)"


class YearsLocked(Exception):
    """The import would replace a locked year and no reason to unlock it was given."""

    def __init__(self, years: list[int]) -> None:
        self.years = years
        listed = ", ".join(str(y) for y in years)
        super().__init__(
            f"tahun {listed} sudah disetujui dan dikunci; memuat dataset akan mengganti nilainya. "
            "Ubah melalui revisi, atau buka kuncinya dengan alasan (--unlock-reason) "
            "dan pengguna yang bertanggung jawab (--user)"
        )


def content(value: Any, note: str | None, evidence: Iterable[Any] | None = None) -> Content:
    """What a verifier saw of a realisation: its value, its note and (when given) its evidence."""
    listed = None if evidence is None else tuple(tuple(item) for item in evidence)
    return (value, note or None, listed)


def evidence_rows(items: Iterable[Any]) -> list[tuple[Any, ...]]:
    """Evidence as compared: title, file, link and checksum, in order."""
    return [(e.title, e.file, e.url, e.sha256) for e in items]


@dataclass(frozen=True)
class Stored:
    """A stored realisation: its content and its workflow fields."""

    content: Content
    workflow: dict[str, Any]


def stored_states(found: QuerySet[Realization], *, with_evidence: bool) -> dict[Key, Stored]:
    """The stored realisations by year, indicator code and quarter (two queries at most)."""
    rows = found.select_related("reporting_year", "indicator")
    if with_evidence:
        rows = rows.prefetch_related(
            Prefetch("evidence", queryset=Evidence.objects.order_by("position", "id"))
        )
    return {
        (z.reporting_year.year, z.indicator.code, z.quarter): Stored(
            content(z.value, z.note, evidence_rows(z.evidence.all()) if with_evidence else None),
            {name: getattr(z, name) for name in WORKFLOW_FIELDS},
        )
        for z in rows
    }


def arrival(
    stored: Stored | None, incoming: Content, importer: AbstractBaseUser | None, now: datetime
) -> dict[str, Any]:
    """The workflow fields of an imported realisation (the rule above, in one place)."""
    if stored is not None and stored.content == incoming:
        return dict(stored.workflow)
    by = None if importer is None else importer.pk
    return {
        "status": RealizationStatus.SUBMITTED.value,
        "version": 1 if stored is None else stored.workflow["version"] + 1,
        "entered_by_id": by,
        "submitted_by_id": by,
        "submitted_at": now,
        "verified_by_id": None,
        "verified_at": None,
        "returned_reason": None,
    }


@dataclass
class KeptYears:
    """What a dataset import keeps of the years it replaces: states, revisions, the unlocking."""

    importer: AbstractBaseUser | None
    now: datetime = field(default_factory=timezone.now)
    states: dict[Key, Stored] = field(default_factory=dict)
    spending: dict[SpendingKey, Stored] = field(default_factory=dict)
    revisions: list[dict[str, Any]] = field(default_factory=list)

    def take(self, agency_id: int, unlock_reason: str | None) -> None:
        """Lock the office's years, refuse locked ones without a reason, note what to keep.

        Called inside the import's transaction, before the years are deleted; the years' state
        is read after their rows are locked, as every write to a year does.
        """
        years = list(ReportingYear.objects.select_for_update().filter(agency_id=agency_id))
        locked = sorted((y for y in years if y.is_locked), key=lambda y: y.year)
        reason = (unlock_reason or "").strip()
        if locked and (not reason or self.importer is None):
            raise YearsLocked([y.year for y in locked])
        self.revisions = list(
            Revision.objects.filter(reporting_year__agency_id=agency_id)
            .order_by("created_at", "id")
            .values(*REVISION_FIELDS)
        )
        self.revisions += [
            {
                "reporting_year__year": year.year,
                "subject": UNLOCKED_SUBJECT,
                "old_value": f"dikunci {timezone.localtime(year.locked_at):%Y-%m-%d %H:%M}",
                "new_value": "dibuka",
                "reason": reason,
                "revised_by_id": self.importer.pk if self.importer else None,
                "created_at": None,
            }
            for year in locked
        ]
        self.states = stored_states(
            Realization.objects.filter(reporting_year__agency_id=agency_id), with_evidence=True
        )
        rows = Spending.objects.filter(reporting_year__agency_id=agency_id).select_related(
            "reporting_year", "program", "activity"
        )
        self.spending = {
            (
                s.reporting_year.year,
                s.program.code if s.program else None,
                s.activity.code if s.activity else None,
                s.quarter,
            ): Stored((s.spent,), {name: getattr(s, name) for name in WORKFLOW_FIELDS})
            for s in rows
        }

    def arrival(self, key: Key, incoming: Content) -> dict[str, Any]:
        """The workflow fields of the dataset's realisation `key` with content `incoming`."""
        return arrival(self.states.get(key), incoming, self.importer, self.now)

    def spending_arrival(self, key: SpendingKey, spent: int) -> dict[str, Any]:
        """The workflow fields of the dataset's spending `key` with the amount `spent`."""
        return arrival(self.spending.get(key), (spent,), self.importer, self.now)

    def restore_revisions(self, years: dict[int, ReportingYear]) -> None:
        """Write the kept revisions on the new rows of their years, with their own dates."""
        for row in self.revisions:
            year = years.get(row["reporting_year__year"])
            if year is None:
                continue  # the dataset no longer has this year
            revision = Revision.objects.create(
                reporting_year=year,
                subject=row["subject"],
                old_value=row["old_value"],
                new_value=row["new_value"],
                reason=row["reason"],
                revised_by_id=row["revised_by_id"],
            )
            if row["created_at"] is not None:
                Revision.objects.filter(pk=revision.pk).update(created_at=row["created_at"])
