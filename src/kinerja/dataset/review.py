"""The review of one office's year: every rule of `kinerja.core.review` run on a dataset.

`review` is what `kinerja check` prints; `review_summary` is what a report's appendix shows (the
LKj builder calls it); `to_json` is the stable JSON of `kinerja check --json`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from typing import Any

from kinerja.core.review import RULES, Finding, Severity, has_errors, run_review
from kinerja.core.review.findings import SEVERITY_LABELS
from kinerja.core.review.inputs import Cascade
from kinerja.dataset.review_facts import review_input
from kinerja.dataset.schema import Dataset


@dataclass(frozen=True)
class ReviewResult:
    """The findings of the review of one office's year, in rule order."""

    agency_code: str
    agency_name: str
    year: int
    findings: tuple[Finding, ...]

    @property
    def has_errors(self) -> bool:
        """Whether any finding is an error (non-zero exit status of `kinerja check`)."""
        return has_errors(self.findings)

    def count(self, severity: Severity) -> int:
        """How many findings have `severity`."""
        return sum(1 for finding in self.findings if finding.severity is severity)


def review(
    dataset: Dataset, year: int | None = None, cascade: Cascade | None = None
) -> ReviewResult:
    """Run every review rule on `year` of the dataset (default: its latest year).

    `cascade` is the office's pohon kinerja where it is known (from the database); without it
    the cascade rules find nothing. Raises KeyError when the dataset has no such year.
    """
    data = review_input(dataset, year)
    if cascade is not None:
        data = replace(data, cascade=cascade)
    return ReviewResult(
        dataset.agency.code, dataset.agency.name, data.year, tuple(run_review(data))
    )


def finding_json(finding: Finding) -> dict[str, Any]:
    """One finding as `kinerja check --json` prints it."""
    location = finding.location
    return {
        "rule": finding.rule,
        "severity": finding.severity.value,
        "location": {
            "table": location.table,
            "objective": location.objective,
            "indicator": location.indicator,
            "quarter": location.quarter,
            "indicator_names": list(finding.indicator_names),
        },
        "message": finding.message,
    }


def to_json(result: ReviewResult) -> list[dict[str, Any]]:
    """The stable JSON of `kinerja check --json`: a list of findings (see docs/cli.md)."""
    return [finding_json(finding) for finding in result.findings]


@dataclass(frozen=True)
class SummaryRow:
    """One rule's share of the findings: for the review summary table of a report."""

    rule: str
    title: str
    severity: Severity
    severity_label: str
    count: int


@dataclass(frozen=True)
class ReviewSummary:
    """What a report's appendix says about the review: counts, one row per rule, the findings."""

    year: int
    errors: int
    warnings: int
    infos: int
    rows: tuple[SummaryRow, ...]
    findings: tuple[Finding, ...]

    @property
    def sentence(self) -> str:
        """One Indonesian sentence: `Reviu data tahun 2024: 3 kesalahan, 2 peringatan, 1 info.`"""
        if not self.findings:
            return f"Reviu data tahun {self.year} tidak menemukan masalah."
        return (
            f"Reviu data tahun {self.year}: {self.errors} kesalahan, {self.warnings} peringatan, "
            f"{self.infos} info."
        )


def review_summary(dataset: Dataset, year: int | None = None) -> ReviewSummary:
    """The review summary for a report's appendix (`kinerja.documents` calls this).

    Rows follow the rule order and list only rules with findings.
    """
    result = review(dataset, year)
    counts = Counter(finding.rule for finding in result.findings)
    rows = tuple(
        SummaryRow(
            rule_id,
            RULES[rule_id].title,
            RULES[rule_id].severity,
            SEVERITY_LABELS[RULES[rule_id].severity],
            number,
        )
        for rule_id, number in counts.items()
    )
    return ReviewSummary(
        result.year,
        result.count(Severity.ERROR),
        result.count(Severity.WARNING),
        result.count(Severity.INFO),
        rows,
        result.findings,
    )
