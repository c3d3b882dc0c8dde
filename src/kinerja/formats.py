"""Indonesian number, percentage, money and date formats for reports and screens.

Rounding happens here and only here, at print time, half up (`95,495` to 2 places is `95,50`):
the calculation core keeps exact Decimals. Thousands are separated by `.`, decimals by `,`.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, localcontext

from kinerja.core.values import Band, Bound, Grade, Milestone, Percentage, Quantity, Value

MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def round_half_up(value: Decimal, places: int) -> Decimal:
    """Round half away from zero to `places` decimals (the print-time rounding rule)."""
    if places < 0:
        raise ValueError("jumlah angka desimal tidak boleh negatif")
    with localcontext() as ctx:
        ctx.prec = max(ctx.prec, value.adjusted() + places + 2)
        return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _group_thousands(digits: str) -> str:
    groups: list[str] = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return ".".join(groups)


def format_number(value: Decimal | int, places: int = 0, *, trim: bool = False) -> str:
    """`15.534.394.000`, `95,50` (places=2), `95,5` (trim drops trailing zeros), `-5`."""
    amount = value if isinstance(value, Decimal) else Decimal(value)
    rounded = round_half_up(amount, places)
    text = f"{abs(rounded):f}"
    whole, _, fraction = text.partition(".")
    if trim:
        fraction = fraction.rstrip("0")
    result = _group_thousands(whole) + ("," + fraction if fraction else "")
    return "-" + result if rounded < 0 else result


_UNITS = (
    "nol",
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
    "sepuluh",
    "sebelas",
)


def number_words(count: int) -> str:
    """A count as Indonesian style writes it in running text: in words while one or two words
    say it (`satu`, `dua belas`, `dua puluh`), in digits beyond (`21`, `125`)."""
    if 0 <= count < len(_UNITS):
        return _UNITS[count]
    if 12 <= count <= 19:
        return f"{_UNITS[count - 10]} belas"
    if 20 <= count <= 90 and count % 10 == 0:
        return f"{_UNITS[count // 10]} puluh"
    return format_number(count)


def count_text(count: int, noun: str, predicate: str | None = None) -> str:
    """`tidak ada indikator`, `satu indikator`, `dua belas indikator`, `25 indikator`; with a
    predicate, `tidak ada indikator yang belum mencapai target`, `dua indikator belum ...`."""
    if count == 0:
        text = f"tidak ada {noun}"
        return f"{text} yang {predicate}" if predicate else text
    text = f"{number_words(count)} {noun}"
    return f"{text} {predicate}" if predicate else text


def format_billions(amount: float) -> str:
    """`12,7 M`: Rupiah in billions (miliar), for chart axes and labels."""
    return format_number(Decimal(str(amount)) / Decimal(10**9), 1, trim=True) + " M"


def format_percent(value: Decimal | None, places: int = 2, *, trim: bool = False) -> str:
    """`95,50%`; None (unmeasured) prints `-`."""
    if value is None:
        return "-"
    return format_number(value, places, trim=trim) + "%"


def format_rupiah(value: Decimal | int | None) -> str:
    """`Rp 15.534.394.000` (whole rupiah, half up); negative `-Rp 5.000`; None prints `-`."""
    if value is None:
        return "-"
    text = format_number(value)
    if text.startswith("-"):
        return "-Rp " + text[1:]
    return "Rp " + text


def format_date(d: date) -> str:
    """`6 Januari 2025`."""
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


_ENDS_IN_NUMBER = re.compile(r"\d$")


def _exact(amount: Decimal) -> str:
    """All the digits the number has, trailing zeros dropped: values print as entered."""
    exponent = amount.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return format_number(amount, places, trim=True)


def with_unit(text: str, unit: str | None) -> str:
    """A printed value with the indicator's unit when it ends in a bare number: `42` under
    `per 100.000 KH` is `42 per 100.000 KH`, `maksimal 2` under `%` is `maksimal 2%`,
    `70 - 75` is `70 - 75%`; a value that states its unit is left as it is."""
    stripped = text.strip()
    if unit is None or not _ENDS_IN_NUMBER.search(stripped):
        return text
    unit = unit.strip()
    return f"{stripped}%" if unit in {"%", "persen"} else f"{stripped} {unit}"


def format_value(value: Value) -> str:
    """A target or realisation as printed: `95%`, `1 gedung dan 1 gudang`, `BB`, `Selesai`,
    `90%–100%`, `2–5 orang`. Numbers are not rounded."""
    if isinstance(value, Percentage):
        return _exact(value.amount) + "%"
    if isinstance(value, Quantity):
        return " dan ".join(f"{_exact(part.amount)} {part.unit}" for part in value.parts)
    if isinstance(value, Grade):
        return value.symbol
    if isinstance(value, Milestone):
        return "Selesai" if value.done else "Belum selesai"
    if isinstance(value, Band):
        if value.unit.strip() == "%":
            return f"{_exact(value.lower)}%–{_exact(value.upper)}%"
        return f"{_exact(value.lower)}–{_exact(value.upper)} {value.unit}"
    if isinstance(value, Bound):
        return value.printed
    raise TypeError(f"bukan nilai target/realisasi: {value!r}")
