"""What a typed value would do: the year's achievement if this quarter's value were verified.

The entry card asks this as the operator types (htmx, `ui:entry_preview`). It runs the real
calculation (`kinerja.dataset.measure` over the verified dataset with this one value put in), so
the card shows the target the calculation uses and its result, never a formula of its own. When
the value's kind or unit differs from the target's, it says so before the value is saved.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kinerja.core.achievement import Status
from kinerja.core.values import Quantity, Value, ValueKind, ValueParseError, parse_value
from kinerja.dataset import schema
from kinerja.dataset.measure import IndicatorResult, measure
from kinerja.formats import format_percent
from kinerja.plans.models import Indicator
from kinerja.results.models import ReportingYear
from kinerja.results.verified import verified_dataset

KIND_WORDS = {
    ValueKind.PERCENTAGE: "persentase",
    ValueKind.QUANTITY: "jumlah",
    ValueKind.GRADE: "nilai huruf",
    ValueKind.MILESTONE: "tahapan (selesai/belum)",
    ValueKind.BAND: "rentang",
    ValueKind.BOUND: "batas",
}


@dataclass
class Preview:
    """The target the calculation uses, the year's realisation and achievement, and warnings."""

    target: str | None
    realization: str | None
    achievement: str | None
    status: str
    reason: str | None
    warnings: list[str] = field(default_factory=list)


def _describe(value: Value) -> str:
    word = KIND_WORDS[value.kind]
    if isinstance(value, Quantity):
        units = ", ".join(dict.fromkeys(part.unit for part in value.parts))
        return f"{word} ({units})"
    return word


def mismatch(target_text: str | None, typed: Value, unit: str | None) -> str | None:
    """A warning when the typed value is of another kind or unit than the target used."""
    if not target_text:
        return None
    try:
        target = parse_value(target_text, unit)
    except ValueParseError:
        return None
    differ = target.kind != typed.kind
    if not differ and isinstance(target, Quantity) and isinstance(typed, Quantity):
        differ = {p.unit_key for p in target.parts}.isdisjoint(p.unit_key for p in typed.parts)
    if not differ:
        return None
    return (
        f"Jenis atau satuan tidak cocok: target yang dipakai {target_text} adalah "
        f"{_describe(target)}, sedangkan isian ini {_describe(typed)}. Capaian tidak akan "
        "dapat dihitung; periksa satuannya."
    )


def indicator_result(dataset: schema.Dataset, year: int, code: str) -> IndicatorResult | None:
    return next((i for i in measure(dataset, year).indicators if i.code == code), None)


def with_value(
    dataset: schema.Dataset, year: int, code: str, quarter: int, text: str
) -> schema.Dataset:
    """The dataset with this quarter's realisation of `code` replaced by `text`."""
    dataset = dataset.period_of(year)
    entry = dataset.year(year)
    kept = [z for z in entry.realizations if (z.indicator, z.quarter) != (code, quarter)]
    typed = schema.Realization.model_construct(
        indicator=code, quarter=quarter, value=text, note=None, evidence=[]
    )
    changed = entry.model_copy(update={"realizations": [*kept, typed]})
    years = [changed if y.year == year else y for y in dataset.years]
    return dataset.model_copy(update={"years": years})


def preview(year: ReportingYear, indicator: Indicator, quarter: int, text: str) -> Preview:
    """What the year's achievement of `indicator` would be with `text` verified for `quarter`."""
    return _preview(verified_dataset(year.agency), year.year, indicator, quarter, text)


def _preview(
    dataset: schema.Dataset, year: int, indicator: Indicator, quarter: int, text: str
) -> Preview:
    cleaned = " ".join(text.split())
    before = indicator_result(dataset, year, indicator.code)
    target = before.target if before is not None else None
    if not cleaned:
        return Preview(target, None, None, "empty", None)
    try:
        typed = parse_value(cleaned, indicator.unit)
    except ValueParseError as exc:
        return Preview(target, None, None, "unreadable", None, [f"Nilai tidak terbaca: {exc}."])
    after = indicator_result(
        with_value(dataset, year, indicator.code, quarter, cleaned), year, indicator.code
    )
    warnings = [w for w in (mismatch(target, typed, indicator.unit),) if w]
    if after is None:
        return Preview(target, cleaned, None, "unknown", None, warnings)
    result = after.achievement
    if result.status is Status.NOT_COMPUTABLE and not warnings:
        warnings.append(f"Capaian tidak dapat dihitung: {result.reason}.")
    return Preview(
        target=after.target,
        realization=after.realization,
        achievement=format_percent(result.value) if result.value is not None else None,
        status=result.status.value,
        reason=result.reason,
        warnings=warnings,
    )


def previews(year: ReportingYear, cards: list[tuple[Indicator, int, str]]) -> list[Preview]:
    """`preview` of several values of one year, reading the verified dataset once."""
    dataset = verified_dataset(year.agency)
    answers = []
    for indicator, quarter, text in cards:
        answers.append(_preview(dataset, year.year, indicator, quarter, text))
    return answers
