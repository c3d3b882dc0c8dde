"""Review rules on budgets: parts that add up to their totals.

- `budget-sum`: a PK's printed total (`Jumlah`) is not the sum of its lines.
- `budget-activities`: the activities of a program, over all PKs of the year, exceed the program's
  ceiling (each activity counted once).
- `budget-mismatch`: the same program or activity with different amounts in different PKs.
- `budget-units`: the unit PKs' budgets together exceed the office's ceiling.
- `amount-printed`: an amount printed in a form that is not a rupiah amount, or that differs from
  the amount recorded.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kinerja.core.budget import total
from kinerja.core.review.findings import Location, Severity, quoted, rule, rupiah_text
from kinerja.core.review.inputs import BudgetLineFact, ReviewInput
from kinerja.core.values import ValueParseError, parse_number

FAMILY = "anggaran"
_KIND = {"program": "program", "activity": "kegiatan"}
_RUPIAH_DECORATION = re.compile(r"^\s*rp\.?\s*|\s*,\s*-\s*$|\s*-\s*$", re.IGNORECASE)


def _line_name(line: BudgetLineFact) -> str:
    return f"{_KIND.get(line.kind, line.kind)} '{line.name}'"


@rule("budget-sum", Severity.ERROR, FAMILY, "Jumlah anggaran tidak sama dengan rinciannya")
def budget_sum(data: ReviewInput) -> Iterator[tuple[Location, str]]:
    """A printed total that is not the sum of the budget lines it totals."""
    for table in data.budgets:
        if table.printed_total is None or not table.lines:
            continue
        lines_total = total(line.amount for line in table.lines)
        if lines_total != table.printed_total:
            yield (
                Location(table.source),
                f"{table.source}: jumlah tercetak {rupiah_text(table.printed_total)} tidak sama "
                f"dengan jumlah rinciannya {rupiah_text(lines_total)} (selisih "
                f"{rupiah_text(table.printed_total - lines_total)}). Perbaiki angka jumlah atau "
                "rinciannya.",
            )


def _ceilings(data: ReviewInput) -> dict[str, tuple[str, BudgetLineFact]]:
    """Each program's ceiling: the office PK's line, else the first PK line of the program."""
    ceilings: dict[str, tuple[str, BudgetLineFact]] = {}
    ordered = sorted(data.budgets, key=lambda table: not table.is_office)
    for table in ordered:
        for line in table.lines:
            if line.kind == "program" and line.code not in ceilings:
                ceilings[line.code] = (table.source, line)
    return ceilings


@rule("budget-activities", Severity.ERROR, FAMILY, "Anggaran kegiatan melebihi pagu program")
def budget_activities(data: ReviewInput) -> Iterator[tuple[Location, str]]:
    """The activities of a program add up to more than the program's ceiling."""
    program_of = dict(data.activity_programs)
    first: dict[str, tuple[str, BudgetLineFact]] = {}
    for table in data.budgets:
        for line in table.lines:
            if line.kind == "activity" and line.code not in first:
                first[line.code] = (table.source, line)
    for program, (source, ceiling) in _ceilings(data).items():
        members = [
            (where, line) for where, line in first.values() if program_of.get(line.code) == program
        ]
        if not members:
            continue
        summed = total(line.amount for _, line in members)
        if summed > ceiling.amount:
            places = ", ".join(sorted({where for where, _ in members}))
            yield (
                Location(source),
                f"Anggaran {len(members)} kegiatan {_line_name(ceiling)} ({places}) berjumlah "
                f"{rupiah_text(summed)}, melebihi pagu programnya {rupiah_text(ceiling.amount)} "
                f"({source}). Periksa anggaran kegiatan atau pagu program.",
            )


@rule("budget-mismatch", Severity.ERROR, FAMILY, "Anggaran berbeda antartabel")
def budget_mismatch(data: ReviewInput) -> Iterator[tuple[Location, str]]:
    """The same program or activity with different amounts in different PKs."""
    seen: dict[tuple[str, str], tuple[str, BudgetLineFact]] = {}
    ordered = sorted(data.budgets, key=lambda table: not table.is_office)
    for table in ordered:
        for line in table.lines:
            key = (line.kind, line.code)
            if key not in seen:
                seen[key] = (table.source, line)
                continue
            where, earlier = seen[key]
            if earlier.amount != line.amount:
                yield (
                    Location(table.source),
                    f"Anggaran {_line_name(line)} di {table.source} {rupiah_text(line.amount)}, "
                    f"berbeda dengan {where} ({rupiah_text(earlier.amount)}). Samakan dengan "
                    "DIPA yang berlaku.",
                )


@rule("budget-units", Severity.WARNING, FAMILY, "Anggaran PK unit melebihi pagu kantor")
def budget_units(data: ReviewInput) -> Iterator[tuple[Location, str]]:
    """The unit PKs' budgets add up to more than the office PK's: amounts counted twice."""
    office = next((table for table in data.budgets if table.is_office and table.lines), None)
    units = [table for table in data.budgets if not table.is_office and table.lines]
    if office is None or not units:
        return
    ceiling = total(line.amount for line in office.lines)
    summed = total(line.amount for table in units for line in table.lines)
    if summed <= ceiling:
        return
    with_programs = [t.source for t in units if any(line.kind == "program" for line in t.lines)]
    detail = ""
    if with_programs:
        detail = f" PK unit yang mencantumkan anggaran program: {', '.join(with_programs)}."
    yield (
        Location(office.source),
        f"Anggaran pada {len(units)} PK unit kerja berjumlah {rupiah_text(summed)}, melebihi pagu "
        f"kantor {rupiah_text(ceiling)} ({office.source}): sebagian anggaran tercantum di lebih "
        f"dari satu PK.{detail} Cantumkan setiap anggaran pada satu PK unit saja.",
    )


@rule("amount-printed", Severity.WARNING, FAMILY, "Angka rupiah salah cetak")
def amount_printed(data: ReviewInput) -> Iterator[tuple[Location, str]]:
    """An amount printed in a form that is not a rupiah amount, or that is another amount."""
    for table in data.budgets:
        for line in table.lines:
            if not line.printed:
                continue
            bare = _RUPIAH_DECORATION.sub("", line.printed).strip()
            bare = _RUPIAH_DECORATION.sub("", bare).strip()
            try:
                amount = parse_number(bare)
            except ValueParseError:
                yield (
                    Location(table.source),
                    f"{table.source}: anggaran {_line_name(line)} tercetak "
                    f"{quoted(line.printed)}, bukan penulisan rupiah yang sah (titik pemisah "
                    f"ribuan). Tulis {rupiah_text(line.amount)}.",
                )
                continue
            if amount != line.amount:
                yield (
                    Location(table.source),
                    f"{table.source}: anggaran {_line_name(line)} tercetak {quoted(line.printed)}, "
                    f"tetapi tercatat {rupiah_text(line.amount)}. Samakan angka tercetak dengan "
                    "anggarannya.",
                )
