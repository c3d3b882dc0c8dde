"""What the review reports: a finding, its severity and where it applies, and the rule registry.

A rule is a function over the plain review input (`inputs.ReviewInput`) that yields
`(Location, message)` pairs; the registry gives each rule its identifier, severity and family, so
that a rule cannot report under another rule's name or severity. Messages are Indonesian and say
what is wrong and what to do; the registry adds each named indicator's name after its code.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext
from enum import StrEnum
from typing import TYPE_CHECKING

from kinerja.core.achievement import number_text

if TYPE_CHECKING:
    from kinerja.core.review.inputs import ReviewInput


class Severity(StrEnum):
    """How serious a finding is: an error must be fixed before the report is signed."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


SEVERITY_LABELS = {
    Severity.ERROR: "kesalahan",
    Severity.WARNING: "peringatan",
    Severity.INFO: "info",
}

QUARTER_NAMES = {1: "TW I", 2: "TW II", 3: "TW III", 4: "TW IV"}


@dataclass(frozen=True)
class Location:
    """Where a finding applies: a table (or document part), objective, indicator and quarter.

    `indicator` names several codes joined by ", " when a measurement row covers several.
    """

    table: str | None = None
    objective: str | None = None
    indicator: str | None = None
    quarter: int | None = None

    def __str__(self) -> str:
        parts = [self.table, self.objective, self.indicator]
        if self.quarter is not None:
            parts.append(QUARTER_NAMES.get(self.quarter, f"TW {self.quarter}"))
        shown = " · ".join(part for part in parts if part)
        return shown or "(seluruh tahun)"


@dataclass(frozen=True)
class Finding:
    """One thing the review found: the rule, its severity, where, and what to do (Indonesian).

    `indicator_names` gives the name of each code of `location.indicator`, in order (None for a
    code the plan does not know).
    """

    rule: str
    severity: Severity
    location: Location
    message: str
    indicator_names: tuple[str | None, ...] = ()


def location_codes(location: Location) -> list[str]:
    """The indicator codes a location names: `IK12, IK13` is `["IK12", "IK13"]`."""
    return [code.strip() for code in (location.indicator or "").split(",") if code.strip()]


def with_names(message: str, names: Mapping[str, str]) -> str:
    """The message with each indicator it names by code followed by the name at its first
    mention (`IK13 (Jumlah Laporan ...)`), unless the message states the name already."""
    for code, name in names.items():
        if not name or name in message:
            continue
        pattern = re.compile(rf"(?<![\w.-]){re.escape(code)}(?![\w-])(?!\s*\()")
        match = pattern.search(message)
        if match is not None:
            message = f"{message[: match.end()]} ({name}){message[match.end() :]}"
    return message


Check = Callable[["ReviewInput"], Iterable[tuple[Location, str]]]


@dataclass(frozen=True)
class Rule:
    """A registered review rule."""

    id: str
    severity: Severity
    family: str
    title: str
    check: Check

    def run(self, data: ReviewInput) -> list[Finding]:
        """The rule's findings on `data`, in the order the rule yields them.

        A finding that names an indicator by code also gives its name, in the message and in
        `indicator_names`, so that the code alone never has to be looked up.
        """
        names = {indicator.code: indicator.name for indicator in data.indicators}
        return [
            Finding(
                self.id,
                self.severity,
                location,
                with_names(message, names),
                tuple(names.get(code) for code in location_codes(location)),
            )
            for location, message in self.check(data)
        ]


RULES: dict[str, Rule] = {}


def rule(rule_id: str, severity: Severity, family: str, title: str) -> Callable[[Check], Check]:
    """Register a check under `rule_id` (unique) with its severity, family and Indonesian title."""

    def register(check: Check) -> Check:
        if rule_id in RULES:
            raise ValueError(f"aturan '{rule_id}' terdaftar dua kali")
        RULES[rule_id] = Rule(rule_id, severity, family, title, check)
        return check

    return register


def percent_text(value: Decimal) -> str:
    """A percentage for a message, rounded half up to 2 places: `166,67%`, `100%`."""
    with localcontext() as ctx:
        ctx.prec = max(ctx.prec, value.adjusted() + 6)
        rounded = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return number_text(rounded) + "%"


def rupiah_text(amount: int | Decimal) -> str:
    """An amount of money for a message: `Rp 15.534.394.000`."""
    text = number_text(Decimal(amount))
    return f"-Rp {text[1:]}" if text.startswith("-") else f"Rp {text}"


def quoted(text: str | None) -> str:
    """A printed value in quotes, or `(kosong)`."""
    return f"'{text}'" if text else "(kosong)"
