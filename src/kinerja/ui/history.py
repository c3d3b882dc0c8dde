"""History as users read it: who changed what, when, from what to what."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from kinerja.evaluations.finality import FINALIZED, REOPENED
from kinerja.evaluations.models import Evaluation
from kinerja.formats import format_date
from kinerja.plans.actions import printed_text
from kinerja.plans.models import Indicator, in_period
from kinerja.results.models import NarrativeSection, Realization, ReportingYear, Revision

SHOWN_FIELDS = {
    "value": "Nilai",
    "note": "Catatan",
    "status": "Status",
    "returned_reason": "Alasan dikembalikan",
}
KINDS = {"+": "Dibuat", "~": "Diubah", "-": "Dihapus"}
STATUS_NAMES = {
    "draft": "Draf",
    "submitted": "Diajukan",
    "returned": "Dikembalikan",
    "verified": "Terverifikasi",
}
YEAR_LIMIT = 200


@dataclass(frozen=True)
class Entry:
    moment: Any
    when: str
    who: str
    what: str
    reason: str
    changes: list[tuple[str, str, str]]


def when(moment: Any) -> str:
    local = timezone.localtime(moment)
    return f"{format_date(local.date())} {local:%H.%M}"


def _shown(field: str, value: Any) -> str:
    if field == "status":
        return STATUS_NAMES.get(value, str(value))
    return printed_text(value) or "-"


def _entries(records: list[Any], label: Any) -> list[Entry]:
    entries = []
    for record, previous in zip(records, [*records[1:], None], strict=True):
        changes = []
        if previous is not None:
            delta = record.diff_against(previous, included_fields=list(SHOWN_FIELDS))
            changes = [
                (SHOWN_FIELDS[c.field], _shown(c.field, c.old), _shown(c.field, c.new))
                for c in delta.changes
            ]
        elif record.history_type == "+":
            changes = [("Nilai", "-", _shown("value", record.value))]
        user = record.history_user
        entries.append(
            Entry(
                moment=record.history_date,
                when=when(record.history_date),
                who=(user.get_full_name() or user.username) if user else "Sistem (impor)",
                what=f"{label(record)}: {KINDS.get(record.history_type, '')}",
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
    return entries


def realization_history(realization: Realization) -> list[Entry]:
    """Every recorded change of one realisation, newest first."""
    records = list(realization.history.select_related("history_user"))  # type: ignore[attr-defined]
    name = f"{realization.indicator.code} triwulan {realization.quarter}"
    return _entries(records, lambda _: name)


def year_history(year: ReportingYear) -> tuple[list[Revision], list[Entry]]:
    """The revisions of a year, and its latest realisation changes, newest first."""
    revisions = list(year.revisions.select_related("revised_by"))
    records = list(
        Realization.history.filter(reporting_year_id=year.pk)  # type: ignore[attr-defined]
        .select_related("history_user")
        .order_by("id", "-history_date", "-history_id")[:YEAR_LIMIT]
    )
    codes = dict(
        Indicator.objects.filter(
            objective__plan__agency=year.agency_id, **in_period(year.year)
        ).values_list("id", "code")
    )
    entries = []
    by_row: dict[int, list[Any]] = {}
    for record in records:
        by_row.setdefault(record.id, []).append(record)
    for rows in by_row.values():
        entries += _entries(
            rows, lambda x: f"{codes.get(x.indicator_id, '?')} triwulan {x.quarter}"
        )
    entries += narrative_history(year)
    entries += lke_history(year)
    entries.sort(key=lambda e: e.moment, reverse=True)
    return revisions, entries


def _shortened(text: str | None, limit: int = 80) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "\u2026"


def narrative_history(year: ReportingYear) -> list[Entry]:
    """The latest changes of the year's narrative sections (written, changed, set back to the
    drafted text), each with the start of the text before and after."""
    records = list(
        NarrativeSection.history.filter(reporting_year_id=year.pk)  # type: ignore[attr-defined]
        .select_related("history_user", "objective", "work_unit")
        .order_by("-history_date", "-history_id")[:YEAR_LIMIT]
    )
    before: dict[int, Any] = {}  # history id -> the section's record before it
    latest: dict[int, Any] = {}  # section id -> its last record so far
    for record in sorted(records, key=lambda r: (r.history_date, r.history_id)):
        before[record.history_id] = latest.get(record.id)
        latest[record.id] = record
    entries = []
    for record in records:
        previous = before.get(record.history_id)
        where = f" sasaran {record.objective.code}" if record.objective_id else ""
        where += f" unit {record.work_unit.code}" if record.work_unit_id else ""
        user = record.history_user
        old = _shortened(previous.text) if previous is not None else "-"
        new = "-" if record.history_type == "-" else _shortened(record.text)
        entries.append(
            Entry(
                moment=record.history_date,
                when=when(record.history_date),
                who=(user.get_full_name() or user.username) if user else "Sistem (impor)",
                what=f"Narasi {record.key}{where}: {KINDS.get(record.history_type, '')}",
                reason=record.history_change_reason or "",
                changes=[("Teks", old, new)],
            )
        )
    return entries


def lke_history(year: ReportingYear) -> list[Entry]:
    """Every finalisation and reopening of the year's LKE, with who and the reason."""
    records = (
        Evaluation.history.filter(  # type: ignore[attr-defined]
            reporting_year_id=year.pk, history_change_reason__regex=f"^({FINALIZED}|{REOPENED})"
        )
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[:YEAR_LIMIT]
    )
    entries = []
    for record in records:
        user = record.history_user
        final = record.finalized_at is not None
        entries.append(
            Entry(
                moment=record.history_date,
                when=when(record.history_date),
                who=(user.get_full_name() or user.username) if user else "Sistem (impor)",
                what="LKE: difinalkan" if final else "LKE: dibuka kembali",
                reason=record.history_change_reason or "",
                changes=[
                    ("Status LKE", "Draf" if final else "Final", "Final" if final else "Draf")
                ],
            )
        )
    return entries
