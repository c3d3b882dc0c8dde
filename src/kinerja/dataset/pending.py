"""A dataset without the quarterly realisations still pending (not verified).

The one filter behind `kinerja.results.verified` (the stored office) and the synthetic tree
(`kinerja.synth`), so that both compute results from the same verified view.
"""

from __future__ import annotations

from collections.abc import Collection

from kinerja.dataset.schema import Dataset, Year

# (year, indicator code, quarter)
Key = tuple[int, str, int]


def without_pending(dataset: Dataset, pending: Collection[Key]) -> Dataset:
    """The dataset with the realisations named in `pending` left out."""
    if not pending:
        return dataset

    def kept(year: Year) -> Year:
        return year.model_copy(
            update={
                "realizations": [
                    z
                    for z in year.realizations
                    if (year.year, z.indicator, z.quarter) not in pending
                ]
            }
        )

    return dataset.with_years(kept)
