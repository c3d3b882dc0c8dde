"""Writing the synthetic tree into the database, or into dataset files.

Into the database: each office through `import_dataset` (the one import path, whose rows go in
by `bulk_create` per kind), then the workflow states of the realisations in a handful of
`UPDATE` statements per year and quarter, then each office's stored results
(`kinerja.consolidation.refresh.result_rows`, from the same verified view the database now
holds). All in one transaction: a failed run leaves nothing behind.

Into files: one YAML dataset per office (`<code>.yaml`) and `workflow.csv`, the states the
dataset format does not carry.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone

from kinerja.agencies.datasets import import_dataset
from kinerja.consolidation.refresh import refresh_paused, result_rows, store_results
from kinerja.dataset.yamlio import write_yaml
from kinerja.results.choices import RealizationStatus
from kinerja.results.deadlines import due_date
from kinerja.results.models import Realization
from kinerja.synth.plans import Entry, SynthOffice, verified_only

Progress = Callable[[str], None]
_CHUNK = 2000
_ON_TIME = dt.timedelta(days=-6)
_LATE = dt.timedelta(days=17)
_CHECKED = dt.timedelta(days=3)


def _moment(day: dt.date, shift: dt.timedelta) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day + shift, dt.time(10, 0)))


def _apply_states(entries: list[Entry], ids: dict[tuple[str, int, str, int], int]) -> None:
    """Set the states: verified on time by default, then the late, waiting and returned ones."""
    groups: dict[tuple[int, int, str, bool, str | None], list[int]] = defaultdict(list)
    for e in entries:
        groups[(e.year, e.quarter, e.status, e.late, e.reason)].append(
            ids[(e.office, e.year, e.indicator, e.quarter)]
        )
    for (year, quarter, status, late, reason), pks in groups.items():
        due = due_date(year, quarter)
        submitted = _moment(due, _LATE if late else _ON_TIME)
        verified = submitted + _CHECKED if status == RealizationStatus.VERIFIED else None
        for start in range(0, len(pks), _CHUNK):
            Realization.objects.filter(pk__in=pks[start : start + _CHUNK]).update(
                status=status,
                submitted_at=submitted,
                verified_at=verified,
                returned_reason=reason,
            )


def load(offices: Iterable[SynthOffice], progress: Progress) -> int:
    """Store the offices, their states and results in one transaction; the offices stored."""
    stored = 0
    with refresh_paused(), transaction.atomic():
        entries: list[Entry] = []
        results = []
        for office in offices:
            agency = import_dataset(office.dataset)
            entries.extend(office.entries)
            results.append((agency.pk, result_rows(agency.pk, verified_only(office))))
            stored += 1
            progress(office.spec.code)
        ids = {
            (code, year, indicator, quarter): pk
            for pk, code, year, indicator, quarter in Realization.objects.filter(
                reporting_year__agency__code__in={e.office for e in entries}
            ).values_list(
                "pk",
                "reporting_year__agency__code",
                "reporting_year__year",
                "indicator__code",
                "quarter",
            )
        }
        _apply_states(entries, ids)
        store_results(results)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # fresh statistics, so the planner knows the rows
            cursor.execute("ANALYZE")
    return stored


def write_files(offices: Iterable[SynthOffice], directory: Path, progress: Progress) -> int:
    """One YAML dataset per office and `workflow.csv` with every realisation's state."""
    directory.mkdir(parents=True, exist_ok=True)
    written = 0
    with (directory / "workflow.csv").open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["office", "year", "indicator", "quarter", "status", "late", "reason"])
        for office in offices:
            write_yaml(office.dataset, directory / f"{office.spec.code}.yaml")
            for e in office.entries:
                out.writerow(
                    [
                        e.office,
                        e.year,
                        e.indicator,
                        e.quarter,
                        e.status,
                        int(e.late),
                        e.reason or "",
                    ]
                )
            written += 1
            progress(office.spec.code)
    return written
