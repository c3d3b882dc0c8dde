"""Typed target and realisation values, and the parser for the forms offices print.

A value is one of the kinds of `domain.md` section 3: a percentage, a quantity with a unit (possibly
several parts, "1 gedung dan 1 gudang"), an ordinal grade, a milestone, or a band. Values are plain,
immutable and hold `Decimal` numbers; nothing here rounds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum


class ValueKind(StrEnum):
    """The kinds of target and realisation a SAKIP indicator uses."""

    PERCENTAGE = "percentage"
    QUANTITY = "quantity"
    GRADE = "grade"
    MILESTONE = "milestone"
    BAND = "band"


@dataclass(frozen=True, slots=True)
class Percentage:
    """A percentage, e.g. `95%` is `Percentage(Decimal("95"))`."""

    amount: Decimal

    @property
    def kind(self) -> ValueKind:
        return ValueKind.PERCENTAGE


@dataclass(frozen=True, slots=True)
class QuantityPart:
    """One number with its unit, e.g. `3 orang`."""

    amount: Decimal
    unit: str

    @property
    def unit_key(self) -> str:
        """The unit normalised for comparison (case, spacing and common abbreviations)."""
        return normalize_unit(self.unit)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A quantity with a unit; several parts when printed as `1 gedung dan 1 gudang`."""

    parts: tuple[QuantityPart, ...]

    @property
    def kind(self) -> ValueKind:
        return ValueKind.QUANTITY

    @property
    def is_single(self) -> bool:
        return len(self.parts) == 1

    def part_for(self, unit_key: str) -> QuantityPart | None:
        """The part with the given normalised unit, if any."""
        for part in self.parts:
            if part.unit_key == unit_key:
                return part
        return None


@dataclass(frozen=True, slots=True)
class Grade:
    """An ordinal grade such as a SAKIP predicate (`BB`) or a BPK opinion (`WTP`).

    The grade's scale belongs to the indicator, not to the value: the same letters can be valid
    on one scale and meaningless on another (the reference sets `B` as an audit opinion).
    """

    symbol: str

    @property
    def kind(self) -> ValueKind:
        return ValueKind.GRADE


@dataclass(frozen=True, slots=True)
class Milestone:
    """A milestone: done or not done."""

    done: bool

    @property
    def kind(self) -> ValueKind:
        return ValueKind.MILESTONE


@dataclass(frozen=True, slots=True)
class Band:
    """A target band between two inclusive bounds; `unit` is `%` for a percentage band."""

    lower: Decimal
    upper: Decimal
    unit: str

    @property
    def kind(self) -> ValueKind:
        return ValueKind.BAND


Value = Percentage | Quantity | Grade | Milestone | Band


class ValueParseError(ValueError):
    """A printed value that is none of the known kinds. The message is Indonesian."""


_UNIT_ALIASES = {
    "bln": "bulan",
    "bln.": "bulan",
    "tw": "triwulan",
    "keg": "kegiatan",
    "lap": "laporan",
    "dok": "dokumen",
    "org": "orang",
}

_NUMBER = r"-?\d+(?:[.,]\d+)*"
_PERCENT_RE = re.compile(rf"^({_NUMBER})\s*%$")
_BAND_RE = re.compile(
    rf"^({_NUMBER})\s*(%?)\s*(?:-|–|—|s\.?d\.?|sampai dengan|sampai)\s*"
    rf"({_NUMBER})\s*(%|[^\d%].*)?$",
    re.IGNORECASE,
)
_PART_RE = re.compile(rf"^({_NUMBER})\s+([^\d\s].*)$")
# A slash separates parts only before a number: `1 Gedung/ 1 gudang` has two parts, while
# `60 km/jam` is one quantity whose unit contains a slash.
_PART_SPLIT_RE = re.compile(r"\s+dan\s+|\s*/\s*(?=-?\d)|\s*\+\s*|\s*,\s+|\s*;\s*", re.IGNORECASE)
_GRADE_RE = re.compile(r"^[A-Z]{1,3}[+-]?$")
_DONE_WORDS = {"selesai", "tercapai", "sudah", "ya", "terlaksana", "ada"}
_NOT_DONE_WORDS = {
    "belum",
    "belum selesai",
    "tidak",
    "tidak tercapai",
    "tidak terlaksana",
    "tidak ada",
}
# Dots as thousands separators need a first group without a leading zero: `0.500` is a half.
_THOUSANDS_RE = re.compile(r"-?[1-9]\d{0,2}(?:\.\d{3})+")
_COMMA_DECIMAL_RE = re.compile(r"-?(?:\d+|[1-9]\d{0,2}(?:\.\d{3})+),\d+")
_POINT_DECIMAL_RE = re.compile(r"-?\d+(?:\.\d+)?")


def normalize_unit(unit: str) -> str:
    """Lower-case, single-spaced unit with common abbreviations expanded (`Bln` -> `bulan`)."""
    words = unit.strip().lower().split()
    return " ".join(_UNIT_ALIASES.get(word, word) for word in words)


def parse_number(text: str) -> Decimal:
    """Parse a number as Indonesians print it: `1.645` is 1645, `95,5` is 95.5.

    With a comma the comma is the decimal mark and any dots before it group thousands
    (`1.234,5`). With dots only, a number grouped exactly in threes after a first group that does
    not start with 0 (`15.534.394.000`) is read as thousands, a single dot otherwise (`95.5`,
    `0.500`) as a decimal point. Anything else (`1,000.5`, `1.2.3`, `1,2,3`) is refused rather
    than guessed.
    """
    raw = text.strip()
    if not re.fullmatch(_NUMBER, raw):
        raise ValueParseError(f"'{text}' bukan angka")
    if _THOUSANDS_RE.fullmatch(raw):
        normalized = raw.replace(".", "")
    elif _COMMA_DECIMAL_RE.fullmatch(raw):
        normalized = raw.replace(".", "").replace(",", ".")
    elif _POINT_DECIMAL_RE.fullmatch(raw):
        normalized = raw
    else:
        raise ValueParseError(
            f"'{text}' bukan angka yang jelas: pakai titik untuk ribuan dan koma untuk desimal "
            "(1.645 atau 95,5)"
        )
    try:
        return Decimal(normalized)
    except InvalidOperation as exc:  # pragma: no cover - the patterns admit only numbers
        raise ValueParseError(f"'{text}' bukan angka") from exc


def parse_value(text: str) -> Value:
    """Read a printed target or realisation: `95%`, `3 orang`, `B`, `selesai`, `90%-100%`.

    Raises `ValueParseError` with an Indonesian message when the text is none of these.
    """
    raw = " ".join(str(text).split())
    if not raw:
        raise ValueParseError("nilai kosong")
    lowered = raw.lower()
    if lowered in _DONE_WORDS:
        return Milestone(done=True)
    if lowered in _NOT_DONE_WORDS:
        return Milestone(done=False)
    percent = _PERCENT_RE.match(raw)
    if percent:
        return Percentage(parse_number(percent.group(1)))
    band = _BAND_RE.match(raw)
    if band:
        lower, upper = parse_number(band.group(1)), parse_number(band.group(3))
        unit = (band.group(4) or band.group(2) or "").strip()
        if band.group(2) and unit != "%":
            if unit:
                raise ValueParseError(
                    f"'{text}': satuan batas bawah (%) berbeda dengan satuan batas atas ({unit})"
                )
            unit = "%"
        if not unit:
            raise ValueParseError(f"'{text}': rentang tanpa satuan; tulis misalnya '90%-100%'")
        if lower > upper:
            raise ValueParseError(f"'{text}': batas bawah lebih besar dari batas atas")
        return Band(lower=lower, upper=upper, unit=unit)
    if _GRADE_RE.match(raw):
        return Grade(raw)
    parts: list[QuantityPart] = []
    for chunk in _PART_SPLIT_RE.split(raw):
        match = _PART_RE.match(chunk.strip())
        if not match:
            raise ValueParseError(
                f"'{text}' tidak dikenali: tulis persentase ('95%'), jumlah dengan satuan "
                "('3 orang'), predikat ('B'), 'selesai'/'belum', atau rentang ('90%-100%')"
            )
        parts.append(QuantityPart(parse_number(match.group(1)), match.group(2).strip()))
    return Quantity(tuple(parts))


def numeric(value: Value) -> Decimal | None:
    """The single number a value stands for, if it has one (percentage, one-part quantity)."""
    if isinstance(value, Percentage):
        return value.amount
    if isinstance(value, Quantity) and value.is_single:
        return value.parts[0].amount
    return None
