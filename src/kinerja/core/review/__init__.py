"""The review: rules that find a report's errors before the auditors do (`docs/review-rules.md`).

Each rule has an identifier, a severity and an Indonesian message saying what is wrong and what to
do. The rules read plain facts (`inputs.ReviewInput`) and never the dataset format; the adapter
`kinerja.dataset.review` builds those facts from a dataset and its measured year.
"""

from kinerja.core.review.findings import RULES, Finding, Location, Rule, Severity
from kinerja.core.review.inputs import ReviewInput
from kinerja.core.review.registry import has_errors, run_review

__all__ = [
    "RULES",
    "Finding",
    "Location",
    "ReviewInput",
    "Rule",
    "Severity",
    "has_errors",
    "run_review",
]
