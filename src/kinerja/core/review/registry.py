"""Running every registered review rule, in the order of `docs/review-rules.md`."""

from __future__ import annotations

from collections.abc import Iterable

from kinerja.core.review import (
    achievements,
    budgets,
    cascade,
    coverage,
    document,
    narrative,
    targets,
)
from kinerja.core.review.findings import RULES, Finding, Rule, Severity
from kinerja.core.review.inputs import ReviewInput

RULE_MODULES = (targets, achievements, budgets, coverage, document, narrative, cascade)
"""The modules whose `@rule` functions make up the review (imported for their registrations)."""


FAMILIES = (
    targets.FAMILY,
    achievements.FAMILY,
    budgets.FAMILY,
    coverage.FAMILY,
    document.FAMILY,
    cascade.FAMILY,
)


def ordered_rules() -> list[Rule]:
    """The registered rules by family (targets, achievements, budget, coverage, document,
    pohon kinerja)."""
    return sorted(RULES.values(), key=lambda item: FAMILIES.index(item.family))


def run_review(data: ReviewInput, rules: Iterable[str] | None = None) -> list[Finding]:
    """Every finding of the registered rules (or only of `rules`) on one office's year.

    Raises KeyError for an unknown rule identifier.
    """
    selected = [item.id for item in ordered_rules()] if rules is None else list(rules)
    findings: list[Finding] = []
    for rule_id in selected:
        findings.extend(RULES[rule_id].run(data))
    return findings


def has_errors(findings: Iterable[Finding]) -> bool:
    """Whether any finding is an error (the `kinerja check` exit status)."""
    return any(finding.severity is Severity.ERROR for finding in findings)
