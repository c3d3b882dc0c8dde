"""Review rules on targets and values: one target per indicator, values that fit their kind.

- `target-mismatch`: the same indicator has different targets in different places (office PK,
  unit PK, measurement table, Renstra year target). The reference is the office PK's target
  (else the first unit PK's, else the Renstra's); a measurement row is compared by the target of
  the same kind (its percentage target, or its activity target). A row printed once for several
  indicators gives one finding, and only when its target is none of theirs.
- `target-missing`: a PK row without a target.
- `target-below-previous`: the year's target is below what the previous year already realised.
- `grade-off-scale`: a grade that is not on its indicator's scale (`B` for a BPK opinion).
- `quantity-without-unit`: a quantity whose unit is empty.
- `percentage-over-100`: a percentage above 100 for an indicator that cannot exceed 100.
- `unit-mismatch`: a realisation stated in another unit than its target.
- `period-mismatch`: one span of time stated in two units that disagree (`12 Bulan/3 triwulan`).
- `wording-target`: a "Jumlah ..." indicator with a percentage target, or a "Persentase ..."
  indicator with a target in counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from kinerja.core.achievement import number_text
from kinerja.core.grades import SAKIP_PREDICATE
from kinerja.core.review.findings import Location, Severity, quoted, rule
from kinerja.core.review.inputs import ReviewInput, Role, TargetStatement
from kinerja.core.settings import Polarity
from kinerja.core.values import (
    Band,
    Bound,
    Grade,
    Milestone,
    Percentage,
    Quantity,
    Value,
    normalize_unit,
)

FAMILY = "target dan nilai"

_KIND_NAMES = {
    "percentage": "persentase",
    "quantity": "jumlah dengan satuan",
    "grade": "predikat",
    "milestone": "tahapan",
    "band": "rentang",
    "bound": "batas",
}


def same_value(a: Value, b: Value) -> bool:
    """Whether two printed values state the same target (units compared by their key)."""
    if isinstance(a, Percentage) and isinstance(b, Percentage):
        return a.amount == b.amount
    if isinstance(a, Grade) and isinstance(b, Grade):
        return a.symbol.strip().upper() == b.symbol.strip().upper()
    if isinstance(a, Milestone) and isinstance(b, Milestone):
        return a.done == b.done
    if isinstance(a, Band) and isinstance(b, Band):
        return (a.lower, a.upper, a.unit.strip().lower()) == (
            b.lower,
            b.upper,
            b.unit.strip().lower(),
        )
    if isinstance(a, Bound) and isinstance(b, Bound):
        return (a.amount, normalize_unit(a.unit), a.at_most, a.strict) == (
            b.amount,
            normalize_unit(b.unit),
            b.at_most,
            b.strict,
        )
    if isinstance(a, Quantity) and isinstance(b, Quantity):
        return sorted((p.unit_key, p.amount) for p in a.parts) == sorted(
            (p.unit_key, p.amount) for p in b.parts
        )
    return False


def _reference(statements: list[TargetStatement]) -> TargetStatement | None:
    for role in (Role.OFFICE_PK, Role.UNIT_PK, Role.RENSTRA, Role.MEASUREMENT):
        for statement in statements:
            if statement.role is role and statement.value is not None:
                return statement
    return None


def _compared(statement: TargetStatement, reference: Value) -> tuple[Value | None, str | None]:
    """The value of `statement` to compare with the reference: the one of the same kind."""
    if statement.value is not None and statement.value.kind is reference.kind:
        return statement.value, statement.printed
    if statement.activity is not None and statement.activity.kind is reference.kind:
        return statement.activity, statement.activity_printed
    if statement.value is not None:
        return statement.value, statement.printed
    return statement.activity, statement.activity_printed


def _by_indicator(data: ReviewInput) -> dict[str, list[TargetStatement]]:
    grouped: dict[str, list[TargetStatement]] = {}
    for statement in data.targets:
        grouped.setdefault(statement.indicator, []).append(statement)
    return grouped


def shared_row_targets(
    data: ReviewInput, source: str, codes: tuple[str, ...]
) -> list[tuple[str, TargetStatement, Value, str | None, bool]]:
    """For a row printed once for `codes` in `source`: per indicator, its reference statement,
    the row's value compared with it, as printed, and whether the two agree."""
    grouped = _by_indicator(data)
    compared: list[tuple[str, TargetStatement, Value, str | None, bool]] = []
    for code in codes:
        statements = grouped.get(code, [])
        reference = _reference(statements)
        mine = next((s for s in statements if s.source == source and s.shared_with == codes), None)
        if reference is None or reference.value is None or mine is None or mine is reference:
            continue
        value, printed = _compared(mine, reference.value)
        if value is not None:
            compared.append((code, reference, value, printed, same_value(value, reference.value)))
    return compared


def _kinds(value: Value, reference: Value) -> str:
    if value.kind is reference.kind:
        return ""
    return (
        f" (jenisnya pun berbeda: {_KIND_NAMES[value.kind.value]} dan "
        f"{_KIND_NAMES[reference.kind.value]})"
    )


def _shared_mismatch(
    data: ReviewInput, statement: TargetStatement
) -> Iterator[tuple[Location, str]]:
    """A row printed once for several indicators: one finding, and only when its target is no
    one's (a target that is one of them is the `shared-row` finding's to name)."""
    compared = shared_row_targets(data, statement.source, statement.shared_with)
    if not compared or any(agrees for *_, agrees in compared):
        return
    printed = compared[0][3]
    references = "; ".join(
        f"{code} {quoted(reference.printed)} di {reference.source}"
        for code, reference, *_ in compared
    )
    codes = ", ".join(statement.shared_with)
    yield (
        Location(statement.source, statement.objective, codes),
        f"Target baris {codes} di {statement.source} adalah {quoted(printed)}, berbeda dengan "
        f"target setiap indikatornya ({references}). Baris ini dicetak satu kali untuk {codes}. "
        "Samakan target di semua tabel dengan Perjanjian Kinerja yang ditandatangani.",
    )


@rule("target-mismatch", Severity.ERROR, FAMILY, "Target berbeda antartabel")
def target_mismatch(data: ReviewInput) -> Iterator[tuple[Location, str]]:
    """The same indicator with different targets in different places."""
    for code, statements in _by_indicator(data).items():
        reference = _reference(statements)
        if reference is None or reference.value is None:
            continue
        for statement in statements:
            if statement is reference:
                continue
            if len(statement.shared_with) > 1:
                if code == statement.shared_with[0]:
                    yield from _shared_mismatch(data, statement)
                continue
            value, printed = _compared(statement, reference.value)
            if value is None or same_value(value, reference.value):
                continue
            yield (
                Location(statement.source, statement.objective, code),
                f"Target {code} di {statement.source} adalah {quoted(printed)}, berbeda dengan "
                f"{reference.source} ({quoted(reference.printed)})"
                f"{_kinds(value, reference.value)}. Samakan target di semua tabel dengan "
                "Perjanjian Kinerja yang ditandatangani.",
            )


@rule("target-missing", Severity.ERROR, FAMILY, "Target PK kosong")
def target_missing(data: ReviewInput) -> Iterator[tuple[Location, str]]:
    """A Perjanjian Kinerja row without a target."""
    for statement in data.targets:
        if statement.role in (Role.OFFICE_PK, Role.UNIT_PK) and statement.value is None:
            yield (
                Location(statement.source, statement.objective, statement.indicator),
                f"{statement.source} tidak menetapkan target untuk {statement.indicator}. "
                "Isi target tahun ini: tanpa target capaian tidak dapat dihitung.",
            )


def _below(
    target: Value, previous: Value, polarity: Polarity, data: ReviewInput, code: str
) -> bool:
    if isinstance(target, Grade) and isinstance(previous, Grade):
        facts = data.indicator(code)
        scale = facts.grade_scale if facts and facts.grade_scale else SAKIP_PREDICATE
        target_rank, previous_rank = scale.rank(target.symbol), scale.rank(previous.symbol)
        return target_rank is not None and previous_rank is not None and target_rank < previous_rank
    numbers: list[Decimal] = []
    for value in (target, previous):
        if isinstance(value, Percentage):
            numbers.append(value.amount)
        elif isinstance(value, Quantity) and value.is_single:
            numbers.append(value.parts[0].amount)
    if len(numbers) != 2 or target.kind is not previous.kind:
        return False
    if (
        isinstance(target, Quantity)
        and isinstance(previous, Quantity)
        and target.parts[0].unit_key != previous.parts[0].unit_key
    ):
        return False
    if polarity is Polarity.HIGHER_IS_BETTER:
        return numbers[0] < numbers[1]
    if polarity is Polarity.LOWER_IS_BETTER:
        return numbers[0] > numbers[1]
    return False


@rule("target-below-previous", Severity.WARNING, FAMILY, "Target di bawah realisasi tahun lalu")
def target_below_previous(data: ReviewInput) -> Iterator[tuple[Location, str]]:
    """A target set below what the indicator already realised the previous year."""
    grouped = _by_indicator(data)
    for previous in data.previous:
        reference = _reference(grouped.get(previous.indicator, []))
        if reference is None or reference.value is None:
            continue
        facts = data.indicator(previous.indicator)
        polarity = facts.polarity if facts else Polarity.HIGHER_IS_BETTER
        if _below(reference.value, previous.value, polarity, data, previous.indicator):
            yield (
                Location(reference.source, reference.objective, previous.indicator),
                f"Target {data.year} {previous.indicator} {quoted(reference.printed)} "
                f"({reference.source}) lebih rendah dari realisasi {previous.year} "
                f"{quoted(previous.printed)}: target tidak menantang. Tetapkan target "
                "sekurang-kurangnya setara dengan capaian tahun sebelumnya.",
            )


def _stated_values(
    data: ReviewInput,
) -> Iterator[tuple[Location, str, str, Value, str | None]]:
    """Every stated value: (location, indicator, what, value, printed)."""
    for statement in data.targets:
        if statement.shared_with and statement.indicator != statement.shared_with[0]:
            continue  # a row printed once for several indicators is checked once
        codes = ", ".join(statement.shared_with) or statement.indicator
        location = Location(statement.source, statement.objective, codes)
        if statement.value is not None:
            yield location, statement.indicator, "target", statement.value, statement.printed
        if statement.activity is not None:
            yield (
                location,
                statement.indicator,
                "target kegiatan",
                statement.activity,
                statement.activity_printed,
            )
    for real in data.realizations:
        location = Location(real.source, real.objective, ", ".join(real.indicators), real.quarter)
        yield location, real.indicators[0], "realisasi", real.value, real.printed


@rule("grade-off-scale", Severity.ERROR, FAMILY, "Predikat di luar skalanya")
def grade_off_scale(data: ReviewInput) -> Iterator[tuple[Location, str]]:
    """A grade that is not on the indicator's scale (SAKIP predicate when none is set)."""
    for location, code, what, value, printed in _stated_values(data):
        if not isinstance(value, Grade):
            continue
        facts = data.indicator(code)
        scale = facts.grade_scale if facts and facts.grade_scale else SAKIP_PREDICATE
        if scale.contains(value.symbol):
            continue
        yield (
            location,
            f"{what.capitalize()} {code} di {location.table} {quoted(printed)} bukan nilai skala "
            f"{scale.label} ({', '.join(scale.grades)}). Tetapkan {what} dengan salah satu nilai "
            "skala itu.",
        )


@rule("quantity-without-unit", Severity.ERROR, FAMILY, "Jumlah tanpa satuan")
def quantity_without_unit(data: ReviewInput) -> Iterator[tuple[Location, str]]:
    """A quantity with an empty unit: `3` says nothing of what was counted."""
    for location, code, what, value, printed in _stated_values(data):
        if isinstance(value, Quantity) and any(not part.unit.strip() for part in value.parts):
            yield (
                location,
                f"{what.capitalize()} {code} di {location.table} {quoted(printed)} berupa angka "
                "tanpa satuan. Tulis satuannya, misalnya '3 orang' atau '4 laporan'.",
            )


@rule("percentage-over-100", Severity.ERROR, FAMILY, "Persentase di atas 100%")
def percentage_over_100(data: ReviewInput) -> Iterator[tuple[Location, str]]:
    """A percentage above 100 for an indicator that cannot exceed 100 (a share)."""
    for location, code, what, value, printed in _stated_values(data):
        facts = data.indicator(code)
        if facts is None or facts.can_exceed_100 or facts.grade_scale is not None:
            continue
        if isinstance(value, Percentage) and value.amount > 100:
            yield (
                location,
                f"{what.capitalize()} {code} di {location.table} {quoted(printed)} melebihi 100%, "
                "padahal indikator ini tidak dapat melampaui 100%. Periksa angkanya, atau tandai "
                "indikator dapat melampaui 100% (can_exceed_100).",
            )


@rule("unit-mismatch", Severity.WARNING, FAMILY, "Satuan realisasi berbeda dengan target")
def unit_mismatch(data: ReviewInput) -> Iterator[tuple[Location, str]]:
    """A realisation stated in another unit than the target it is measured against."""
    for row in data.rows:
        target = row.activity if row.activity is not None else row.target
        printed = row.activity_printed if row.activity is not None else row.target_printed
        real = row.realization
        if not isinstance(target, Quantity) or not isinstance(real, Quantity):
            continue
        if target.is_single and real.is_single:
            missing = target.parts[0].unit_key != real.parts[0].unit_key
        else:
            real_units = {part.unit_key for part in real.parts}
            missing = any(part.unit_key not in real_units for part in target.parts)
        if missing:
            yield (
                Location(row.source, row.objective, ", ".join(row.indicators)),
                f"Realisasi {quoted(row.realization_printed)} di {row.source} memakai satuan "
                f"berbeda dengan targetnya {quoted(printed)}. Nyatakan realisasi dalam satuan "
                "target agar capaiannya bermakna.",
            )


# Months in one of each unit of time a value may name (units as `normalize_unit` gives them).
_MONTHS = {
    "bulan": Decimal(1),
    "triwulan": Decimal(3),
    "semester": Decimal(6),
    "tahun": Decimal(12),
}


@rule("period-mismatch", Severity.ERROR, FAMILY, "Lama waktu dalam dua satuan tidak sepadan")
def period_mismatch(data: ReviewInput) -> Iterator[tuple[Location, str]]:
    """A value that states one span of time in two units that disagree: `12 Bulan/3 triwulan`
    (12 months are 4 quarters)."""
    for location, code, what, value, printed in _stated_values(data):
        if not isinstance(value, Quantity):
            continue
        spans = [part for part in value.parts if part.unit_key in _MONTHS]
        if len(spans) < 2:
            continue
        first = spans[0]
        months = first.amount * _MONTHS[first.unit_key]
        wrong = [p for p in spans[1:] if p.amount * _MONTHS[p.unit_key] != months]
        if not wrong:
            continue
        corrections = "; ".join(
            f"{number_text(first.amount)} {first.unit_key} = "
            f"{number_text(months / _MONTHS[p.unit_key])} {p.unit_key}, bukan "
            f"{number_text(p.amount)}"
            for p in wrong
        )
        yield (
            location,
            f"{what.capitalize()} {code} di {location.table} {quoted(printed)} menyatakan lama "
            f"waktu dengan dua satuan yang tidak sepadan: {corrections}. Tulis satu satuan saja, "
            "atau betulkan angkanya.",
        )


_COUNT_NAME = re.compile(r"^\W*jumlah\b", re.IGNORECASE)
_SHARE_NAME = re.compile(r"^\W*(?:persentase|prosentase|presentase)\b", re.IGNORECASE)


def _wording_clash(name: str, value: Value) -> str | None:
    """What a target contradicts in the indicator's wording, or None."""
    if _COUNT_NAME.match(name) and isinstance(value, Percentage):
        return "count"
    if _SHARE_NAME.match(name) and isinstance(value, Quantity):
        return "share"
    return None


@rule("wording-target", Severity.WARNING, FAMILY, "Rumusan indikator tidak sesuai jenis target")
def wording_target(data: ReviewInput) -> Iterator[tuple[Location, str]]:
    """A "Jumlah ..." indicator with a percentage target, or a "Persentase ..." indicator with a
    target in counts. A row printed once for several indicators is left out: whose target it
    states is the `shared-row` finding's."""
    for code, statements in _by_indicator(data).items():
        facts = data.indicator(code)
        if facts is None:
            continue
        clashing: dict[str, list[str]] = {}
        first: TargetStatement | None = None
        kind = None
        for statement in statements:
            if statement.value is None or len(statement.shared_with) > 1:
                continue
            clash = _wording_clash(facts.name, statement.value)
            if clash is None:
                continue
            kind = clash
            first = first or statement
            clashing.setdefault(statement.printed or "", []).append(statement.source)
        if first is None:
            continue
        places = "; ".join(
            f"{quoted(printed)} di {', '.join(sources)}" for printed, sources in clashing.items()
        )
        if kind == "count":
            problem = f"dirumuskan sebagai jumlah, tetapi targetnya berupa persentase ({places})"
            advice = (
                "Nyatakan target dengan banyaknya yang dihitung beserta satuannya (misalnya "
                "'4 laporan'), atau rumuskan indikatornya sebagai persentase."
            )
        else:
            problem = (
                f"dirumuskan sebagai persentase, tetapi targetnya berupa jumlah dengan satuan "
                f"({places})"
            )
            advice = (
                "Nyatakan target dalam persen (misalnya '100%'), atau rumuskan indikatornya "
                "sebagai jumlah."
            )
        yield (
            Location(first.source, first.objective, code),
            f"Indikator {code} {problem}. {advice}",
        )
