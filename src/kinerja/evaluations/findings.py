"""The review's findings as the review page and the API give them: filtered by severity, rule,
table, objective and indicator, each with a link to the screen where it is fixed; and the count
of open errors the dashboard shows."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from kinerja.core.review.findings import Finding, Severity, location_codes
from kinerja.dataset import schema
from kinerja.results.models import ReportingYear

FILTERS = ("severity", "rule", "table", "objective", "indicator")
SEVERITY_NAMES = {Severity.ERROR: "Galat", Severity.WARNING: "Peringatan", Severity.INFO: "Info"}


@dataclass(frozen=True)
class Row:
    finding: Finding
    severity_name: str
    fix_url: str
    fix_label: str


def matches(finding: Finding, chosen: Mapping[str, str]) -> bool:
    """Whether a finding passes every chosen filter (an empty choice passes all)."""
    loc = finding.location
    tests = {
        "severity": finding.severity.value,
        "rule": finding.rule,
        "table": loc.table or "",
        "objective": loc.objective or "",
    }
    for name, value in chosen.items():
        if not value:
            continue
        if name == "indicator":
            if value not in location_codes(loc):
                return False
        elif tests.get(name) != value:
            return False
    return True


def choices(findings: Iterable[Finding]) -> dict[str, list[str]]:
    """The values each filter offers: those the findings have, sorted."""
    found: dict[str, set[str]] = {name: set() for name in FILTERS}
    for f in findings:
        found["severity"].add(f.severity.value)
        found["rule"].add(f.rule)
        if f.location.table:
            found["table"].add(f.location.table)
        if f.location.objective:
            found["objective"].add(f.location.objective)
        found["indicator"].update(location_codes(f.location))
    order = [s.value for s in Severity]
    return {
        name: sorted(values, key=order.index) if name == "severity" else sorted(values)
        for name, values in found.items()
    }


# Where each rule's finding is fixed: the PK (targets, budget lines, which indicators are agreed),
# the realisation screens (values, quarters, evidence), the Renstra (names), the narrative editor
# (what the narrative says), and for the printed tables of an imported report: the dataset import.
AGREEMENT_RULES = frozenset(
    {
        "target-mismatch", "target-missing", "target-below-previous", "grade-off-scale",
        "quantity-without-unit", "percentage-over-100", "wording-target", "budget-sum",
        "budget-activities", "budget-mismatch", "budget-units", "indicator-unplanned",
        "indicator-not-agreed", "unit-unplanned", "shared-row",
    }
)  # fmt: skip
REALIZATION_RULES = frozenset(
    {
        "reported-achievement", "achievement-high", "achievement-not-computable",
        "unit-mismatch", "period-mismatch", "indicator-unreported", "quarters-absent",
        "quarter-missing", "evidence-missing",
    }
)  # fmt: skip
# Names and the cascade (which indicator serves which, pohon kinerja): the Renstra catalogue.
PLAN_RULES = frozenset(
    {"wording-mismatch", "cascade-unknown", "cascade-unserved", "cascade-unlinked"}
)
# What the narrative says against the data: the narrative editor.
NARRATIVE_RULES = frozenset(
    {"narrative-count", "narrative-category", "narrative-number", "narrative-none"}
)
IMPORT_RULES = frozenset(
    {
        "scale-gap", "scale-overlap", "scale-band-invalid", "amount-printed",
        "table-numbering", "row-numbering", "title-year", "office-name",
    }
)  # fmt: skip


def fix_link(
    finding: Finding, year: ReportingYear, units: Mapping[str, str | None]
) -> tuple[str, str]:
    """The screen where a finding is fixed, and its label.

    A quarter's value of an indicator: the entry form of its work unit and quarter; other
    realisation findings: the entry overview; targets, budget lines and what the PK agrees: the PK
    page; names: the Renstra; what the narrative says: the narrative editor; the printed tables of
    an imported report (and any rule not named here): the import page, where the corrected
    dataset is uploaded.
    """
    args = [year.agency.code, year.year]
    loc = finding.location
    codes = location_codes(loc)
    unit = units.get(codes[0]) if codes else None
    if finding.rule in REALIZATION_RULES:
        if loc.quarter is not None and unit:
            return reverse("ui:entry", args=[*args, unit, loc.quarter]), "Isian realisasi"
        return reverse("ui:entry_index", args=args), "Isian realisasi"
    if finding.rule in AGREEMENT_RULES:
        return reverse("ui:agreements", args=args), "PK & rencana aksi"
    if finding.rule in PLAN_RULES:
        return reverse("ui:plan_catalogue", args=args), "Renstra"
    if finding.rule in NARRATIVE_RULES:
        return reverse("ui:narrative", args=args), "Narasi LKj"
    return reverse("ui:import", args=args), "Impor dataset"


def rows(findings: Iterable[Finding], year: ReportingYear, dataset: schema.Dataset) -> list[Row]:
    plan = dataset.period_of(year.year).strategic_plan  # the Renstra the year's findings name
    units = {i.code: i.work_unit for o in plan.objectives for i in o.indicators}
    out = []
    for f in findings:
        url, label = fix_link(f, year, units)
        out.append(Row(f, SEVERITY_NAMES[f.severity], url, label))
    return out


def open_errors(findings: Iterable[Finding]) -> int:
    """The errors the review finds: each must be fixed before the LKj is signed."""
    return sum(1 for f in findings if f.severity is Severity.ERROR)


def chosen_filters(query: Mapping[str, Any]) -> dict[str, str]:
    return {name: str(query.get(name, "")).strip()[:80] for name in FILTERS}
