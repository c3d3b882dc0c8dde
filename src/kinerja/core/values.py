"""Typed target and realisation values, and the parser for the forms offices print.

A value is one of the kinds of `domain.md` section 3: a percentage, a quantity with a unit (possibly
several parts, "1 gedung dan 1 gudang"), an ordinal grade, a milestone, a band, or a bound
("maksimal 2%", "paling sedikit 3 laporan"). Values are plain, immutable and hold `Decimal`
numbers; nothing here rounds.

A bare number ("186", "0,16") has no kind of its own: it is a quantity in the indicator's unit, or a
percentage when that unit is `%` (`parse_value(text, unit=...)`). Without a unit it is refused with
a message that says how to give one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum


class ValueKind(StrEnum):
    """The kinds of target and realisation a SAKIP indicator uses."""

    PERCENTAGE = "percentage"
    QUANTITY = "quantity"
    GRADE = "grade"
    MILESTONE = "milestone"
    BAND = "band"
    BOUND = "bound"


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


@dataclass(frozen=True, slots=True)
class Bound:
    """A target that is a limit: `maksimal 2%` (at most), `minimal 80%` (at least).

    `unit` is `%` for a percentage limit. `strict` is true for `kurang dari` / `lebih dari`,
    where the limit itself does not meet the target. `printed` keeps the wording for messages.
    """

    amount: Decimal
    unit: str
    at_most: bool
    strict: bool
    printed: str = field(compare=False)

    @property
    def kind(self) -> ValueKind:
        return ValueKind.BOUND

    @property
    def is_percentage(self) -> bool:
        return normalize_unit(self.unit) in PERCENT_UNITS


Value = Percentage | Quantity | Grade | Milestone | Band | Bound

PERCENT_UNITS = frozenset({"%", "persen"})


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
_BARE_RE = re.compile(rf"^({_NUMBER})$")
_BETWEEN_RE = re.compile(
    rf"^antara\s+({_NUMBER})\s*(%?)\s+(?:dan|hingga|s\.?d\.?|sampai(?: dengan)?)\s+"
    rf"({_NUMBER})\s*(%|[^\d%].*)?$",
    re.IGNORECASE,
)
# Bound words, longest first so that `tidak kurang dari` is not read as `kurang dari`:
# (words, at_most, strict).
_BOUND_WORDS: tuple[tuple[str, bool, bool], ...] = (
    ("tidak lebih dari", True, False),
    ("tidak kurang dari", False, False),
    ("sekurang-kurangnya", False, False),
    ("sebanyak-banyaknya", True, False),
    ("setinggi-tingginya", True, False),
    ("serendah-rendahnya", False, False),
    ("paling sedikit", False, False),
    ("paling banyak", True, False),
    ("paling rendah", False, False),
    ("paling tinggi", True, False),
    ("setidaknya", False, False),
    ("kurang dari", True, True),
    ("lebih dari", False, True),
    ("maksimal", True, False),
    ("maksimum", True, False),
    ("minimal", False, False),
    ("minimum", False, False),
    ("di bawah", True, True),
    ("di atas", False, True),
    ("maks.", True, False),
    ("maks", True, False),
    ("min.", False, False),
    ("min", False, False),
    ("<=", True, False),
    (">=", False, False),
    ("≤", True, False),
    ("≥", False, False),
    ("<", True, True),
    (">", False, True),
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


def missing_unit_message(text: str) -> str:
    """The message for a bare number where no unit is known (Indonesian)."""
    return (
        f"'{text}': angka tanpa satuan; tulis satuannya di nilai ('{text} orang', '{text}%') "
        "atau isi satuan indikator (unit, kolom Satuan), lalu angka saja dibaca dalam satuan itu"
    )


def _bare(amount: Decimal, text: str, unit: str | None) -> Value:
    if unit is None or not unit.strip():
        raise ValueParseError(missing_unit_message(text))
    if normalize_unit(unit) in PERCENT_UNITS:
        return Percentage(amount)
    return Quantity((QuantityPart(amount, unit.strip()),))


def _bound(raw: str, unit: str | None) -> Bound | None:
    lowered = raw.lower()
    for words, at_most, strict in _BOUND_WORDS:
        if not lowered.startswith(words):
            continue
        rest = raw[len(words) :].strip()
        if not rest or (words[-1].isalpha() and raw[len(words) : len(words) + 1].isalnum()):
            return None
        if _BARE_RE.match(rest) and (unit is None or not unit.strip()):
            raise ValueParseError(missing_unit_message(raw))
        limit = parse_value(rest, unit)
        if isinstance(limit, Percentage):
            amount, limit_unit = limit.amount, "%"
        elif isinstance(limit, Quantity) and limit.is_single:
            amount, limit_unit = limit.parts[0].amount, limit.parts[0].unit
        else:
            raise ValueParseError(
                f"'{raw}': batas harus satu angka dengan satuan, mis. 'maksimal 2%' atau "
                "'paling sedikit 3 laporan'"
            )
        return Bound(amount, limit_unit, at_most=at_most, strict=strict, printed=raw)
    return None


def _band(
    text: str,
    lower_text: str,
    lower_percent: str,
    upper_text: str,
    unit_text: str | None,
    unit: str | None,
) -> Band:
    lower, upper = parse_number(lower_text), parse_number(upper_text)
    band_unit = (unit_text or lower_percent or "").strip()
    if lower_percent and band_unit != "%":
        if band_unit:
            raise ValueParseError(
                f"'{text}': satuan batas bawah (%) berbeda dengan satuan batas atas ({band_unit})"
            )
        band_unit = "%"
    if not band_unit:
        if unit is None or not unit.strip():
            raise ValueParseError(
                f"'{text}': rentang tanpa satuan; tulis misalnya '90%-100%' atau isi satuan "
                "indikator (unit)"
            )
        band_unit = "%" if normalize_unit(unit) in PERCENT_UNITS else unit.strip()
    if lower > upper:
        raise ValueParseError(f"'{text}': batas bawah lebih besar dari batas atas")
    return Band(lower=lower, upper=upper, unit=band_unit)


def parse_value(text: str, unit: str | None = None) -> Value:
    """Read a printed target or realisation: `95%`, `3 orang`, `B`, `selesai`, `90%-100%`,
    `maksimal 2%`, or a bare number in the indicator's `unit` (`%`: a percentage).

    Raises `ValueParseError` with an Indonesian message when the text is none of these.
    """
    raw = " ".join(str(text).split())
    if not raw:
        raise ValueParseError("nilai kosong")
    bare = _BARE_RE.match(raw)
    if bare:
        return _bare(parse_number(raw), raw, unit)
    lowered = raw.lower()
    if lowered in _DONE_WORDS:
        return Milestone(done=True)
    if lowered in _NOT_DONE_WORDS:
        return Milestone(done=False)
    percent = _PERCENT_RE.match(raw)
    if percent:
        return Percentage(parse_number(percent.group(1)))
    band = _BAND_RE.match(raw) or _BETWEEN_RE.match(raw)
    if band:
        return _band(text, band.group(1), band.group(2), band.group(3), band.group(4), unit)
    bound = _bound(raw, unit)
    if bound is not None:
        return bound
    if _GRADE_RE.match(raw):
        return Grade(raw)
    parts: list[QuantityPart] = []
    for chunk in _PART_SPLIT_RE.split(raw):
        match = _PART_RE.match(chunk.strip())
        if not match:
            raise ValueParseError(
                f"'{text}' tidak dikenali: tulis persentase ('95%'), jumlah dengan satuan "
                "('3 orang'), predikat ('B'), 'selesai'/'belum', rentang ('90%-100%') atau "
                "batas ('maksimal 2%')"
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
