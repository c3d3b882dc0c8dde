"""Review rules on achievements and the rating scale.

- `reported-achievement`: a printed achievement (Capaian (%)) that does not follow from target and
  realisation. It follows when it lies within half a unit of its last printed digit (0,5 for
  `95%`, 0,005 for `95,50%`) of the achievement computed by the agency's settings, or by the
  other reading of two targets, or that value capped: the document's own rounding is no error.
- `achievement-high`: an achievement above the agency's cap, or above 120% when no cap is set
  (the highest cap in use): a possible target-setting problem.
- `achievement-not-computable`: a realisation exists but the calculation rules give no value.
- `scale-gap`, `scale-overlap`, `scale-band-invalid`: the rating scale does not give every value
  exactly one category (`kinerja.core.scales.validate_scale`).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal, localcontext

from kinerja.core.achievement import Achievement, Status, capped
from kinerja.core.review.findings import Location, Severity, percent_text, quoted, rule
from kinerja.core.review.inputs import MeasuredRow, ReviewInput
from kinerja.core.scales import validate_scale
from kinerja.core.values import Percentage

FAMILY = "capaian"
HIGH_ACHIEVEMENT = Decimal(120)
"""Without a cap, an achievement above this is flagged: the highest cap in use (domain.md §4)."""


def rounding_tolerance(printed: Decimal) -> Decimal:
    """Half a unit of the last digit printed: 0,5 for `95%`, 0,05 for `95,5%`, 0,005 for `95,50%`.

    A document may round half up or half down (or to even); any of these leaves the printed
    figure within this distance of the exact value, inclusive.
    """
    exponent = min(int(printed.as_tuple().exponent), 0)
    return Decimal(5).scaleb(exponent - 1)


def follows(value: Decimal, printed: Decimal) -> bool:
    """Whether `printed` is `value` rounded by the document to the digits it prints."""
    with localcontext() as ctx:
        ctx.prec = max(ctx.prec, value.adjusted() + 10, printed.adjusted() + 10)
        return abs(value - printed) <= rounding_tolerance(printed)


def _candidates(row: MeasuredRow, data: ReviewInput) -> list[Decimal]:
    values: list[Decimal] = []
    for result in (row.computed, row.alternative):
        if result is not None and result.value is not None:
            values.append(result.value)
            values.append(capped(result.value, data.settings))
    return values


def _hint(row: MeasuredRow, reported: Decimal, computed: Decimal) -> str:
    if reported == 100 and computed > 100:
        return (
            " Bila capaian memang dibatasi 100%, catat batas itu di pengaturan (cap) agar "
            "perhitungan dan laporan sama."
        )
    if isinstance(row.target, Percentage) and row.target.amount == reported:
        return (
            f" Angka tercetak sama dengan target persentase ({quoted(row.target_printed)}): "
            "tampaknya target disalin sebagai capaian."
        )
    return ""


@rule("reported-achievement", Severity.ERROR, FAMILY, "Capaian tercetak tidak sesuai perhitungan")
def reported_achievement(data: ReviewInput) -> Iterator[tuple[Location, str]]:
    """A printed achievement that does not follow from the row's target and realisation."""
    for row in data.rows:
        if row.reported is None:
            continue
        codes = ", ".join(row.indicators)
        location = Location(row.source, row.objective, codes)
        candidates = _candidates(row, data)
        if not candidates:
            reason = row.computed.reason or "realisasi belum diisi"
            yield (
                location,
                f"{row.source} mencetak capaian {quoted(row.reported_printed)} untuk {codes}, "
                f"tetapi capaian tidak dapat dihitung dari data ({reason}). Lengkapi target dan "
                "realisasinya, atau hapus angka capaian itu.",
            )
            continue
        if any(follows(value, row.reported) for value in candidates):
            continue
        computed = row.computed.value if row.computed.value is not None else candidates[0]
        against = row.measured_against or row.target_printed
        yield (
            location,
            f"{row.source} mencetak capaian {quoted(row.reported_printed)} untuk {codes}, padahal "
            f"realisasi {quoted(row.realization_printed)} terhadap target {quoted(against)} "
            f"memberi capaian {percent_text(computed)}.{_hint(row, row.reported, computed)} "
            "Perbaiki angka capaian sesuai perhitungan.",
        )


@rule("achievement-high", Severity.WARNING, FAMILY, "Capaian jauh di atas 100%")
def achievement_high(data: ReviewInput) -> Iterator[tuple[Location, str]]:
    """An achievement above the cap (or above 120% without a cap): the target may be too low."""
    cap = data.settings.cap
    limit = cap if cap is not None else HIGH_ACHIEVEMENT
    for outcome in data.outcomes:
        value = outcome.achievement.value
        if value is None or value <= limit:
            continue
        above = (
            f"di atas batas capaian {percent_text(cap)}"
            if cap is not None
            else f"jauh di atas 100% (lebih dari {percent_text(HIGH_ACHIEVEMENT)})"
        )
        yield (
            Location(outcome.source, outcome.objective, outcome.indicator),
            f"Capaian {outcome.indicator} {percent_text(value)} (realisasi "
            f"{quoted(outcome.realization_printed)} terhadap target "
            f"{quoted(outcome.target_printed)}) {above}: kemungkinan target ditetapkan terlalu "
            "rendah. Tinjau penetapan target tahun berikutnya.",
        )


def _not_computable(result: Achievement) -> bool:
    return result.status is Status.NOT_COMPUTABLE


@rule("achievement-not-computable", Severity.ERROR, FAMILY, "Capaian tidak dapat dihitung")
def achievement_not_computable(data: ReviewInput) -> Iterator[tuple[Location, str]]:
    """A realisation exists, but target and realisation give no achievement."""
    for outcome in data.outcomes:
        if _not_computable(outcome.achievement):
            yield (
                Location(outcome.source, outcome.objective, outcome.indicator),
                f"Capaian {outcome.indicator} tidak dapat dihitung: {outcome.achievement.reason}. "
                "Perbaiki target atau realisasinya agar keduanya dapat dibandingkan.",
            )


def _scale_problems(data: ReviewInput, kinds: set[str]) -> Iterator[tuple[Location, str]]:
    if data.rating_scale is None:
        return
    source = data.rating_scale_source or f"skala '{data.rating_scale.name}'"
    for problem in validate_scale(data.rating_scale):
        if problem.kind in kinds:
            yield (
                Location(source),
                f"Skala penilaian capaian ({source}): {problem.message}. Perbaiki batas "
                "kategorinya agar setiap nilai capaian masuk tepat satu kategori.",
            )


@rule("scale-gap", Severity.ERROR, FAMILY, "Celah pada skala penilaian")
def scale_gap(data: ReviewInput) -> Iterator[tuple[Location, str]]:
    """Values the rating scale gives no category (also an uncovered end)."""
    return _scale_problems(data, {"gap", "unbounded_low", "unbounded_high"})


@rule("scale-overlap", Severity.ERROR, FAMILY, "Tumpang tindih pada skala penilaian")
def scale_overlap(data: ReviewInput) -> Iterator[tuple[Location, str]]:
    """Values the rating scale gives two categories."""
    return _scale_problems(data, {"overlap"})


@rule("scale-band-invalid", Severity.ERROR, FAMILY, "Kategori skala kosong atau terbalik")
def scale_band_invalid(data: ReviewInput) -> Iterator[tuple[Location, str]]:
    """A category whose bounds hold no value (inverted, or equal and not both inclusive)."""
    return _scale_problems(data, {"empty", "inverted"})
