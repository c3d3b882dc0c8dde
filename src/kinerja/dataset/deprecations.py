"""Former names a dataset may still use, each with the name to write instead.

They load and compute as their new names do; `kinerja check` prints a warning for each, so that
a file is brought up to date before the old name is dropped.
"""

from __future__ import annotations

from kinerja.core.settings import DEPRECATED_CHOICES
from kinerja.dataset.schema import Dataset


def deprecation_notes(dataset: Dataset) -> list[str]:
    """One Indonesian warning per former name the dataset uses."""
    notes = []
    formula = dataset.settings.lower_is_better
    if formula.value in DEPRECATED_CHOICES:
        new = DEPRECATED_CHOICES[formula.value]
        notes.append(
            f"settings.lower_is_better: '{formula.value}' adalah nama lama dan akan dihapus; "
            f"tulis '{new}' (T / R × 100). Perhitungannya sama."
        )
    return notes
