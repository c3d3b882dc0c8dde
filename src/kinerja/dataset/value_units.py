"""Bare numbers against their indicator's unit, checked once the whole dataset is read.

A target or realisation written as a bare number ("186", "0,16") means a quantity in the unit
(Satuan) of the indicator it belongs to, or a percentage when that unit is `%`. Field by field the
schema cannot know the indicator, so this check runs with the cross-references: every value is
read again in its indicator's unit, and a bare number of an indicator without a unit is refused
with a message that says how to give one. A printed achievement (Capaian) is always a percentage.
Also checked here: an indicator that asks for a cap (`cap_applies`) needs the office's cap value.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from kinerja.core.settings import CapScope
from kinerja.core.values import ValueParseError, parse_value
from kinerja.dataset.references import Path, ReferencedDataset, ReferenceProblems

# The schema calls this module, never the other way round (as with `references`): a dataset is
# read through `ReferencedDataset`, and a value is the schema's `TargetValue`, a text or an
# object whose `.value` is the text to compute with.
Dataset = ReferencedDataset
TargetValue = Any

PERCENT = "%"


def _text(value: TargetValue) -> str:
    return value if isinstance(value, str) else str(value.value)


def _value_path(value: TargetValue, path: Path) -> Path:
    return path if isinstance(value, str) else (*path, "value")


def units_by_indicator(dataset: Dataset) -> dict[str, str | None]:
    """Each indicator code's unit (None: the indicator has none)."""
    return {
        ind.code: ind.unit for obj in dataset.strategic_plan.objectives for ind in obj.indicators
    }


def row_unit(units: dict[str, str | None], codes: list[str]) -> str | None:
    """The unit of a measurement row: its first indicator's (a shared row shares its unit)."""
    return units.get(codes[0]) if codes else None


def _values(dataset: Dataset) -> Iterator[tuple[Path, TargetValue, str | None]]:
    units = units_by_indicator(dataset)
    plan = dataset.strategic_plan
    for i, obj in enumerate(plan.objectives):
        for j, ind in enumerate(obj.indicators):
            base: Path = ("strategic_plan", "objectives", i, "indicators", j)
            for number, target in ind.renstra_targets.items():
                yield (*base, "renstra_targets", number), target, ind.unit
            for k, reference in enumerate(ind.reference_targets):
                yield (*base, "reference_targets", k, "target"), reference.target, ind.unit
    for i, goal in enumerate(plan.goals):
        for j, gind in enumerate(goal.indicators):
            for number, target in gind.targets.items():
                yield (
                    ("strategic_plan", "goals", i, "indicators", j, "targets", number),
                    target,
                    None,
                )
    for y, year in enumerate(dataset.years):
        for a, agreement in enumerate(year.agreements):
            for r, row in enumerate(agreement.rows):
                base = ("years", y, "agreements", a, "rows", r)
                unit = units.get(row.indicator)
                if row.target is not None:
                    yield (*base, "target"), row.target, unit
                for quarter, target in row.quarterly_targets.items():
                    yield (*base, "quarterly_targets", quarter), target, unit
        for t, table in enumerate(year.measurements):
            for r, mrow in enumerate(table.rows):
                base = ("years", y, "measurements", t, "rows", r)
                unit = row_unit(units, mrow.indicators)
                for name in ("target", "activity_target", "realization"):
                    value = getattr(mrow, name)
                    if value is not None:
                        yield (*base, name), value, unit
                if mrow.reported_achievement is not None:
                    yield (*base, "reported_achievement"), mrow.reported_achievement, PERCENT
        for r, real in enumerate(year.realizations):
            yield ("years", y, "realizations", r, "value"), real.value, units.get(real.indicator)


@lru_cache(maxsize=8192)
def _problem(text: str, unit: str | None) -> str | None:
    """Why `text` cannot be read in `unit`, or None; cached, as a dataset repeats few values."""
    try:
        parse_value(text, unit)
    except ValueParseError as exc:
        return str(exc)
    return None


def check_units(dataset: Dataset) -> None:
    """Raise `ReferenceProblems` for every bare number without a unit to read it in."""
    problems: list[tuple[Path, str]] = []
    for path, value, unit in _values(dataset):
        problem = _problem(_text(value), unit)
        if problem is not None:
            problems.append((_value_path(value, path), problem))
    if dataset.settings.cap is None:
        for i, obj in enumerate(dataset.strategic_plan.objectives):
            for j, ind in enumerate(obj.indicators):
                if ind.cap_applies not in (None, CapScope.NONE):
                    problems.append(
                        (
                            ("strategic_plan", "objectives", i, "indicators", j, "cap_applies"),
                            f"indikator '{ind.code}' meminta batas capaian "
                            f"('{ind.cap_applies.value}') tetapi settings.cap belum diisi: isi "
                            "batasnya di pengaturan (mis. cap: 100)",
                        )
                    )
    if problems:
        raise ReferenceProblems(problems)
