"""A dataset without the quarterly realisations still pending (not verified).

The one filter behind `kinerja.results.verified` (the stored office) and the synthetic tree
(`kinerja.synth`), so that both compute results from the same verified view.
"""

from __future__ import annotations

from collections.abc import Collection

from kinerja.dataset.schema import Dataset

# (year, indicator code, quarter)
Key = tuple[int, str, int]


def without_pending(dataset: Dataset, pending: Collection[Key]) -> Dataset:
    """The dataset with the realisations named in `pending` left out."""
    if not pending:
        return dataset
    years = [
        year.model_copy(
            update={
                "realizations": [
                    z
                    for z in year.realizations
                    if (year.year, z.indicator, z.quarter) not in pending
                ]
            }
        )
        for year in dataset.years
    ]
    return dataset.model_copy(update={"years": years})
