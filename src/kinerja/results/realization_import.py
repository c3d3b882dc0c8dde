"""Loading the quarterly realisations of many offices from one workbook, all or nothing.

`kinerja load-realizations FILE.xlsx`: every row is checked first (the cells, then the known
offices, their indicators, locked years and rows entered twice), and every problem is listed
with its row and column. Only a file without problems is written, in one transaction: a
realisation already stored for the office, year, indicator and quarter is replaced (its
position and evidence are kept, its version grows), a new one is added, and a year the office
has no record of yet is created. The queries do not grow with the number of rows: one per kind
of lookup and one bulk upsert per batch.

The workflow state follows the rule of `kinerja.results.import_state`: a row whose value and
note equal the stored ones is left as it is (state, verifier, version); a new or changed one
arrives submitted by the importer (`--user`, or nobody) and waits for a planner's verification.
The offices' years are locked (`select_for_update`) and checked for a lock inside the same
transaction that writes, so a year the leader locks meanwhile is refused, never written. As one
import event the rows write no per-row history (see `kinerja.audit`).
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import connections, router, transaction
from django.db.models import Max
from django.utils import timezone

from kinerja.agencies.datasets.jsonforms import value_to_json
from kinerja.agencies.models import Agency
from kinerja.agencies.signals import changed
from kinerja.core.values import ValueParseError, parse_value
from kinerja.dataset.excel.realizations import (
    RealizationEntry,
    RealizationSheet,
    read_realization_sheet,
)
from kinerja.dataset.schema import PrintedValue
from kinerja.plans.models import Indicator, StrategicPlan
from kinerja.plans.periods import no_plan_message
from kinerja.results.import_state import WORKFLOW_FIELDS, Stored, arrival, content
from kinerja.results.models import Realization, ReportingYear

VALUES_BATCH = 1000
UNIQUE_FIELDS = ("indicator", "reporting_year", "quarter")
_PREPARED = {"JSONField", "DateTimeField", "DateField"}


@dataclass(frozen=True)
class ImportSummary:
    """What a realisation import wrote."""

    rows: int
    created: int
    updated: int
    agencies: int
    new_years: tuple[tuple[str, int], ...]
    unchanged: int = 0


@dataclass(frozen=True)
class _Known:
    """What the database knows about the offices the file names."""

    agencies: dict[str, Agency]
    # By office, indicator code and year: each Renstra period has its own indicators.
    indicators: dict[tuple[str, str, int], int]
    units: dict[tuple[str, str, int], str | None]
    years: dict[tuple[str, int], ReportingYear]
    codes: set[tuple[str, str]]
    periods: dict[str, list[tuple[int, int]]]  # each office's Renstra periods

    def covered(self, agency: str, year: int) -> bool:
        return any(start <= year <= end for start, end in self.periods.get(agency, ()))


def _known(codes: set[str]) -> _Known:
    """Called inside the import's transaction: the years' rows are locked, then read."""
    agencies = {a.code: a for a in Agency.objects.filter(code__in=codes)}
    rows = list(
        Indicator.objects.filter(objective__plan__agency__code__in=codes).values_list(
            "objective__plan__agency__code",
            "code",
            "pk",
            "unit",
            "objective__plan__start",
            "objective__plan__end",
        )
    )
    indicators: dict[tuple[str, str, int], int] = {}
    units: dict[tuple[str, str, int], str | None] = {}
    for agency, code, pk, unit, start, end in rows:
        for year in range(start, end + 1):
            indicators[(agency, code, year)] = pk
            units[(agency, code, year)] = unit
    known_codes = {(agency, code) for agency, code, *_ in rows}
    years = {
        (record.agency.code, record.year): record
        for record in ReportingYear.objects.select_for_update(of=("self",))
        .filter(agency__code__in=codes)
        .select_related("agency")
    }
    periods: dict[str, list[tuple[int, int]]] = {}
    for agency, start, end in StrategicPlan.objects.filter(agency__code__in=codes).values_list(
        "agency__code", "start", "end"
    ):
        periods.setdefault(agency, []).append((start, end))
    return _Known(agencies, indicators, units, years, known_codes, periods)


def _check(sheet: RealizationSheet, known: _Known, only: str | None = None) -> None:
    """Report every row the database cannot take; partly valid rows as far as they go.

    `only` names the one office the rows may be of (an upload on that office's page)."""
    first_row: dict[tuple[str, int, str, int], int] = {}
    for row in sheet.rows:
        code = row.get("agency", str)
        if code is None:
            continue
        if only is not None and code != only:
            sheet.report(
                row.number,
                "Kode Instansi",
                f"baris ini untuk instansi lain; unggahan ini hanya untuk instansi '{only}'",
                code,
            )
            continue
        agency = known.agencies.get(code)
        if agency is None:
            sheet.report(row.number, "Kode Instansi", "instansi tidak dikenal", code)
            continue
        if not agency.has_dataset:
            sheet.report(
                row.number,
                "Kode Instansi",
                "instansi ini belum punya dataset; muat datasetnya dahulu (kinerja load)",
                code,
            )
            continue
        indicator = row.get("indicator", str)
        at = row.get("year", int)
        if indicator is not None and (code, indicator) not in known.codes:
            sheet.report(
                row.number,
                "Kode Indikator",
                f"indikator tidak dikenal di instansi '{code}'",
                indicator,
            )
        elif at is not None and not known.covered(code, at):
            sheet.report(row.number, "Tahun", f"instansi '{code}': {no_plan_message(at)}", at)
        elif (
            indicator is not None
            and at is not None
            and (code, indicator, at) not in known.indicators
        ):
            sheet.report(
                row.number,
                "Kode Indikator",
                f"indikator ini tidak ada di Renstra yang mencakup tahun {at} (instansi '{code}')",
                indicator,
            )
        year = known.years.get((code, row.get("year", int)))
        if year is not None and year.locked_at is not None:
            sheet.report(
                row.number,
                "Tahun",
                f"tahun ini sudah disetujui dan dikunci untuk instansi '{code}'; "
                "perubahan hanya melalui revisi",
                year.year,
            )
        if row.entry is None:
            continue
        unit = known.units.get((code, row.entry.indicator, row.entry.year))
        _check_unit(sheet, row.number, row.entry, unit)
        key = (code, row.entry.year, row.entry.indicator, row.entry.quarter)
        if key in first_row:
            sheet.report(
                row.number,
                "Triwulan",
                f"realisasi ini sudah tertulis di baris {first_row[key]}",
                row.entry.quarter,
            )
        else:
            first_row[key] = row.number


@lru_cache(maxsize=8192)
def _unit_problem(text: str, unit: str | None) -> str | None:
    try:
        parse_value(text, unit)
    except ValueParseError as exc:
        return str(exc)
    return None


def _check_unit(
    sheet: RealizationSheet, number: int, entry: RealizationEntry, unit: str | None
) -> None:
    """A bare number is read in the indicator's unit (Satuan); without one it is refused."""
    text = entry.value.value if isinstance(entry.value, PrintedValue) else entry.value
    problem = _unit_problem(text, unit)
    if problem is not None:
        sheet.report(number, "Nilai", problem, text)


def import_realizations(
    path: str | Path,
    importer: AbstractBaseUser | None = None,
    *,
    only: str | None = None,
    dry_run: bool = False,
) -> ImportSummary:
    """Check the whole workbook, then store its realisations in one transaction.

    Raises `DatasetError` listing every problem; nothing is written then. New and changed
    values arrive submitted by `importer` (None: by nobody named). `only` refuses rows of any
    office but that one; `dry_run` checks and counts everything, then writes nothing (the
    web's preview).
    """
    sheet = read_realization_sheet(path)
    with transaction.atomic():
        known = _known({code for row in sheet.rows if (code := row.get("agency", str))})
        _check(sheet, known, only)
        sheet.raise_if_problems()
        entries = [row.entry for row in sheet.rows if row.entry is not None]
        summary = _store(entries, known, importer)
        if dry_run:
            transaction.set_rollback(True)
        return summary


def _store(
    rows: list[RealizationEntry], known: _Known, importer: AbstractBaseUser | None
) -> ImportSummary:
    years = dict(known.years)
    new_years = _create_years(rows, known, years)
    year_ids = {key: record.pk for key, record in years.items()}
    involved = {year_ids[(r.agency, r.year)] for r in rows}
    found = Realization.objects.select_for_update().filter(reporting_year_id__in=involved)
    states = {
        (z.reporting_year_id, z.indicator_id, z.quarter): (
            z.position,
            Stored(content(z.value, z.note), {f: getattr(z, f) for f in WORKFLOW_FIELDS}),
        )
        for z in found.only(
            "reporting_year",
            "indicator",
            "quarter",
            "position",
            "value",
            "note",
            *(f.removesuffix("_id") for f in WORKFLOW_FIELDS),
        )
    }
    next_position: dict[int, int] = defaultdict(int)
    for year, last in (
        Realization.objects.filter(reporting_year_id__in=involved)
        .values_list("reporting_year_id")
        .annotate(last=Max("position"))
        .values_list("reporting_year_id", "last")
    ):
        next_position[year] = last + 1
    now = timezone.now()
    records: list[dict[str, Any]] = []
    updated = unchanged = 0
    for entry in rows:
        year = year_ids[(entry.agency, entry.year)]
        indicator = known.indicators[(entry.agency, entry.indicator, entry.year)]
        value = value_to_json(entry.value)
        position, stored = states.get((year, indicator, entry.quarter), (None, None))
        state = arrival(stored, content(value, entry.note), importer, now)
        if stored is not None and state == stored.workflow:
            unchanged += 1
            continue
        if position is None:
            position = next_position[year]
            next_position[year] += 1
        else:
            updated += 1
        records.append(
            {
                "reporting_year": year,
                "indicator": indicator,
                "quarter": entry.quarter,
                "position": position,
                "value": value,
                "note": entry.note,
                **{name.removesuffix("_id"): state[name] for name in WORKFLOW_FIELDS},
                "created_at": now,
                "updated_at": now,
            }
        )
    written = ("value", "note", *(f.removesuffix("_id") for f in WORKFLOW_FIELDS))
    _upsert(records, update=(*written, "updated_at"))
    for agency_id in sorted({years[(r.agency, r.year)].agency_id for r in rows}):
        changed(agency_id)
    return ImportSummary(
        rows=len(rows),
        created=len(records) - updated,
        updated=updated,
        agencies=len({r.agency for r in rows}),
        new_years=tuple(new_years),
        unchanged=unchanged,
    )


def _upsert(records: list[dict[str, Any]], update: tuple[str, ...]) -> None:
    """Insert realisations, replacing the stored one of the same indicator, year and quarter.

    Plain SQL, `INSERT ... ON CONFLICT (indicator, year, quarter) DO UPDATE`, because the ORM's
    `bulk_create(update_conflicts=True)` prepares every field of every row in Python (16 fields
    x 110,000 rows took 20 s of a load). PostgreSQL receives the rows with COPY into a temporary
    table first; SQLite takes multi-row `VALUES`. Fields the import does not set get their
    model default.
    """
    if not records:
        return
    db = connections[router.db_for_write(Realization)]
    meta = Realization._meta
    fields = {f.name: f for f in meta.concrete_fields if not f.primary_key}
    given = [fields[name] for name in records[0]]
    defaults = [
        (f, default)
        for name, f in fields.items()
        if name not in records[0] and (default := f.get_default()) is not None
    ]
    quote = db.ops.quote_name
    target = [*given, *(f for f, _ in defaults)]
    conflict = (
        f" ON CONFLICT ({', '.join(quote(meta.get_field(n).column) for n in UNIQUE_FIELDS)})"
        " DO UPDATE SET "
        + ", ".join(f"{quote(c)} = EXCLUDED.{quote(c)}" for c in (fields[n].column for n in update))
    )
    insert = f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(f.column) for f in target)}) "
    with db.cursor() as cursor:
        if db.vendor == "postgresql":
            source = _copied(cursor, db, given, records)
            constants = [f.get_db_prep_save(value, db) for f, value in defaults]
            select = ", ".join(
                [*(quote(f.column) for f in given), *(f"%s::{f.db_type(db)}" for f, _ in defaults)]
            )
            cursor.execute(f"{insert}SELECT {select} FROM {source}{conflict}", constants)
            return
        for sql, params in _values(db, given, defaults, records):
            cursor.execute(insert + sql + conflict, params)


def _copied(cursor: Any, db: Any, columns: list[Any], records: list[dict[str, Any]]) -> str:
    """PostgreSQL: COPY the rows into a temporary table; return its name."""
    quote = db.ops.quote_name
    table = "kinerja_realization_import"
    names = ", ".join(quote(f.column) for f in columns)
    definition = ", ".join(f"{quote(f.column)} {f.db_type(db)}" for f in columns)
    cursor.execute(f"DROP TABLE IF EXISTS {table}")
    cursor.execute(f"CREATE TEMPORARY TABLE {table} ({definition}) ON COMMIT DROP")
    json_fields = {f.name for f in columns if f.get_internal_type() == "JSONField"}
    with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
        for record in records:
            copy.write_row(
                [
                    json.dumps(record[f.name]) if f.name in json_fields else record[f.name]
                    for f in columns
                ]
            )
    return table


def _parameter_limit(db: Any) -> int:
    """How many parameters one statement may hold: SQLite says (Django assumes 999)."""
    raw = getattr(db.connection, "getlimit", None)
    if raw is not None:
        return int(raw(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER))
    return int(db.features.max_query_params or 999)


def _values(
    db: Any, columns: list[Any], defaults: list[tuple[Any, Any]], records: list[dict[str, Any]]
) -> Iterator[tuple[str, list[Any]]]:
    """SQLite: `VALUES (...), (...)`, as many rows per statement as its parameter limit allows.

    The JSON value and the timestamps are prepared by their field once per distinct value.
    """
    width = len(columns) + len(defaults)
    limit = _parameter_limit(db)
    batch = max(1, min(VALUES_BATCH, limit // width))
    one = "(" + ", ".join(["%s"] * width) + ")"
    constant = [f.get_db_prep_save(value, db) for f, value in defaults]
    caches: list[dict[Any, Any] | None] = [
        {} if f.get_internal_type() in _PREPARED else None for f in columns
    ]
    plan = list(zip(columns, caches, strict=True))
    rows: list[list[Any]] = []
    for record in records:
        row: list[Any] = []
        for field, cache in plan:
            value = record[field.name]
            if cache is not None and value is not None:
                key = json.dumps(value, sort_keys=True) if isinstance(value, dict) else value
                if key not in cache:
                    cache[key] = field.get_db_prep_save(value, db)
                value = cache[key]
            row.append(value)
        rows.append(row + constant)
    for start in range(0, len(rows), batch):
        chunk = rows[start : start + batch]
        yield "VALUES " + ", ".join([one] * len(chunk)), list(chain(*chunk))


def _create_years(
    rows: list[RealizationEntry], known: _Known, years: dict[tuple[str, int], ReportingYear]
) -> list[tuple[str, int]]:
    """Create the reporting years the file needs and the database lacks, after the last one."""
    missing = sorted({(r.agency, r.year) for r in rows} - set(years))
    if not missing:
        return []
    last = dict(
        ReportingYear.objects.filter(agency__code__in={code for code, _ in missing})
        .values_list("agency__code")
        .annotate(last=Max("position"))
        .values_list("agency__code", "last")
    )
    records = []
    for code, year in missing:
        position = last.get(code, -1) + 1
        last[code] = position
        records.append(ReportingYear(agency=known.agencies[code], year=year, position=position))
    for record in ReportingYear.objects.bulk_create(records):
        years[(record.agency.code, record.year)] = record
    return missing
