"""The year as it stood at the end of a quarter: the data a quarterly report is measured from.

No formula lives here: the year's data is cut to what was known at the end of quarter Q and then
measured by `kinerja.dataset.measure` like any year, so the quarters combine by the indicator's
rule (`core.quarters`), the cap and the rating scale apply as in the LKj.

- The target of each PK row is the Rencana Aksi's (cumulative) target of quarter Q; at the fourth
  quarter a row without one keeps the year's target. Earlier quarters without one have no target.
- The realisation is the quarterly realisations of quarters 1 to Q combined. The work units'
  measurement tables hold the year's realisation, so they count only at the fourth quarter.
- The spending is what was recorded up to Q (each entry is cumulative to its quarter); a yearly
  entry counts as the fourth quarter's.
"""

from __future__ import annotations

from kinerja.dataset import schema

QUARTER_NAMES = {1: "I", 2: "II", 3: "III", 4: "IV"}


def quarter_name(quarter: int) -> str:
    """`Triwulan II`."""
    return f"Triwulan {QUARTER_NAMES[quarter]}"


def check_quarter(quarter: int) -> None:
    if quarter not in QUARTER_NAMES:
        raise ValueError(f"triwulan harus 1, 2, 3 atau 4, bukan {quarter}")


def quarter_target(row: schema.AgreementRow, quarter: int) -> schema.TargetValue | None:
    """The row's target at the end of `quarter` (see the module's rule)."""
    if quarter in row.quarterly_targets:
        return row.quarterly_targets[quarter]
    return row.target if quarter == 4 else None


def up_to_quarter(dataset: schema.Dataset, year: int, quarter: int) -> schema.Dataset:
    """The dataset holding only `year`, cut to the end of `quarter` (KeyError: no such year)."""
    check_quarter(quarter)
    dataset = dataset.period_of(year)
    entry = dataset.year(year)
    agreements = [
        agreement.model_copy(
            update={
                "rows": [
                    row.model_copy(update={"target": quarter_target(row, quarter)})
                    for row in agreement.rows
                ]
            }
        )
        for agreement in entry.agreements
    ]
    cut = entry.model_copy(
        update={
            "agreements": agreements,
            "realizations": [r for r in entry.realizations if r.quarter <= quarter],
            "measurements": entry.measurements if quarter == 4 else [],
            "spending": [s for s in entry.spending if (s.quarter or 4) <= quarter],
        }
    )
    return dataset.model_copy(update={"years": [cut]})
