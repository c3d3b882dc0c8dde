"""Rating scales (kategori capaian): the word an agency gives an achievement (`domain.md` 4).

Each agency sets its own scale. Rule: a scale must give every real number exactly one category,
from minus infinity to plus infinity: no gaps (the reference prints `55-75%` and `76-100%`, so
75,5% has no category), no overlaps (`55-75` and `75-100` both inclusive give 75 two), a lowest
band open downwards and a highest band open upwards. `validate_scale` reports every breach;
the order in which the bands are listed does not matter. A band's bounds are inclusive or
exclusive; a bound of None is unbounded.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


def _number_text(amount: Decimal) -> str:
    """Unrounded Indonesian number for messages: `75.5` -> `75,5`."""
    text = f"{amount:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


@dataclass(frozen=True)
class RatingBand:
    """One category of a rating scale: `label` for values between `lower` and `upper`.

    None bounds are unbounded; the `*_inclusive` flags say whether the bound itself belongs.
    """

    label: str
    lower: Decimal | None
    upper: Decimal | None
    lower_inclusive: bool = True
    upper_inclusive: bool = True
    color: str | None = None

    def contains(self, value: Decimal) -> bool:
        """Whether `value` lies within the band's bounds (respecting inclusivity)."""
        if self.lower is not None and (
            value < self.lower or (value == self.lower and not self.lower_inclusive)
        ):
            return False
        return not (
            self.upper is not None
            and (value > self.upper or (value == self.upper and not self.upper_inclusive))
        )

    @property
    def is_empty(self) -> bool:
        """No number lies in the band: inverted bounds, or equal bounds not both inclusive."""
        if self.lower is None or self.upper is None:
            return False
        if self.lower > self.upper:
            return True
        return self.lower == self.upper and not (self.lower_inclusive and self.upper_inclusive)


@dataclass(frozen=True)
class RatingScale:
    """A named rating scale: its bands, in any order."""

    name: str
    bands: tuple[RatingBand, ...]

    def rate(self, value: Decimal | None) -> RatingBand | None:
        """The category of an achievement: the first band containing it; None for None or a gap."""
        if value is None:
            return None
        return next((band for band in self.bands if band.contains(value)), None)


@dataclass(frozen=True)
class ScaleProblem:
    """A breach of the rule "every value exactly once".

    `kind` is one of "gap", "overlap", "unbounded_low", "unbounded_high", "empty", "inverted";
    `lower`/`upper` locate it (None: unbounded or not applicable); `message` is Indonesian.
    """

    kind: str
    message: str
    lower: Decimal | None
    upper: Decimal | None


@dataclass(frozen=True)
class _Region:
    """An elementary piece of the number line: an open interval between cuts, or a cut point."""

    lower: Decimal | None
    upper: Decimal | None
    is_point: bool

    def sample(self) -> Decimal | None:
        """A number inside the region (None for the unbounded outer regions)."""
        if self.is_point:
            return self.lower
        if self.lower is not None and self.upper is not None:
            return (self.lower + self.upper) / 2
        return None


def _regions(cuts: list[Decimal]) -> list[_Region]:
    if not cuts:
        return [_Region(None, None, False)]
    regions = [_Region(None, cuts[0], False)]
    for index, cut in enumerate(cuts):
        regions.append(_Region(cut, cut, True))
        following = cuts[index + 1] if index + 1 < len(cuts) else None
        regions.append(_Region(cut, following, False))
    return regions


def _covers(band: RatingBand, region: _Region) -> bool:
    if region.is_point:
        assert region.lower is not None
        return band.contains(region.lower)
    # An open region between consecutive cuts lies inside a band whose bounds are cuts exactly
    # when the band reaches from the region's lower end to its upper end.
    low_ok = band.lower is None or (region.lower is not None and band.lower <= region.lower)
    high_ok = band.upper is None or (region.upper is not None and band.upper >= region.upper)
    return low_ok and high_ok


def _pct(value: Decimal) -> str:
    return f"{_number_text(value)}%"


def _gap_problem(run: list[_Region]) -> ScaleProblem:
    first, last = run[0], run[-1]
    low = first.lower
    high = last.upper
    if low is None and high is None:
        return ScaleProblem("empty", "skala tidak memiliki kategori", None, None)
    if low is None:
        assert high is not None
        upto = f"{_pct(high)} ke bawah" if last.is_point else f"di bawah {_pct(high)}"
        return ScaleProblem("unbounded_low", f"tidak ada kategori untuk nilai {upto}", None, high)
    if high is None:
        above = f"{_pct(low)} ke atas" if first.is_point else f"di atas {_pct(low)}"
        return ScaleProblem("unbounded_high", f"tidak ada kategori untuk nilai {above}", low, None)
    if low == high:
        message = f"celah di {_pct(low)}: nilai {_pct(low)} tidak mendapat kategori"
    else:
        middle = first.sample() if len(run) == 1 and not first.is_point else (low + high) / 2
        assert middle is not None
        message = (
            f"celah antara {_pct(low)} dan {_pct(high)}: nilai seperti {_pct(middle)} "
            "tidak mendapat kategori"
        )
    return ScaleProblem("gap", message, low, high)


def _overlap_problem(run: list[_Region], labels: tuple[str, ...]) -> ScaleProblem:
    low, high = run[0].lower, run[-1].upper
    names = " dan ".join(f"'{label}'" for label in labels)
    if low is not None and low == high:
        where = f"di {_pct(low)}: nilai {_pct(low)}"
    elif low is None and high is None:
        where = "di semua nilai: setiap nilai"
    elif low is None:
        assert high is not None
        where = f"di bawah {_pct(high)}: nilai tersebut"
    elif high is None:
        where = f"di atas {_pct(low)}: nilai tersebut"
    else:
        where = f"antara {_pct(low)} dan {_pct(high)}: nilai tersebut"
    return ScaleProblem("overlap", f"tumpang tindih {where} masuk kategori {names}", low, high)


def validate_scale(scale: RatingScale) -> list[ScaleProblem]:
    """Check the rule "every real number in exactly one category" and list each breach.

    Reports empty and inverted bands, gaps (also a single number such as 75 between `< 75` and
    `> 75`), overlaps (also a shared inclusive boundary), and an unbounded end left uncovered.
    The result does not depend on the order of the bands; an empty list means the scale is valid.
    """
    if not scale.bands:
        return [ScaleProblem("empty", "skala tidak memiliki kategori", None, None)]
    problems: list[ScaleProblem] = []
    valid: list[RatingBand] = []
    for band in scale.bands:
        if band.lower is not None and band.upper is not None and band.lower > band.upper:
            problems.append(
                ScaleProblem(
                    "inverted",
                    f"kategori '{band.label}': batas bawah {_pct(band.lower)} lebih besar dari "
                    f"batas atas {_pct(band.upper)}",
                    band.lower,
                    band.upper,
                )
            )
        elif band.is_empty:
            assert band.lower is not None
            problems.append(
                ScaleProblem(
                    "empty",
                    f"kategori '{band.label}' kosong: tidak ada nilai di antara batasnya "
                    f"({_pct(band.lower)})",
                    band.lower,
                    band.upper,
                )
            )
        else:
            valid.append(band)
    # Sorted so that the report does not depend on the order the bands were listed in.
    problems.sort(key=lambda problem: (problem.lower, problem.upper, problem.message))
    cuts = sorted(
        {bound for band in valid for bound in (band.lower, band.upper) if bound is not None}
    )
    # Consecutive regions with the same breach (no band, or the same several bands) merge into
    # one problem; regions covered exactly once are fine (key None).
    runs: list[tuple[tuple[str, ...] | None, list[_Region]]] = []
    for region in _regions(cuts):
        labels = tuple(band.label for band in valid if _covers(band, region))
        key = None if len(labels) == 1 else labels
        if runs and runs[-1][0] == key:
            runs[-1][1].append(region)
        else:
            runs.append((key, [region]))
    for key, run in runs:
        if key == ():
            problems.append(_gap_problem(run))
        elif key is not None:
            problems.append(_overlap_problem(run, key))
    return problems


def _band(
    label: str,
    lower: str | None,
    upper: str | None,
    color: str,
) -> RatingBand:
    return RatingBand(
        label=label,
        lower=None if lower is None else Decimal(lower),
        upper=None if upper is None else Decimal(upper),
        lower_inclusive=False,
        upper_inclusive=True,
        color=color,
    )


DEFAULT_RATING_SCALE = RatingScale(
    name="Skala bawaan Kinerja",
    bands=(
        _band("Sangat Kurang", None, "50", "#B91C1C"),
        _band("Kurang", "50", "65", "#C2410C"),
        _band("Cukup", "65", "75", "#A16207"),
        _band("Baik", "75", "90", "#4D7C0F"),
        RatingBand("Sangat Baik", Decimal(90), None, lower_inclusive=False, color="#15803D"),
    ),
)
"""The gap-free default: (-inf, 50] Sangat Kurang, (50, 65] Kurang, (65, 75] Cukup,
(75, 90] Baik, (90, +inf) Sangat Baik; colours red to green, each with at least 4.5:1 contrast
on white. The common printed form (91-100, 76-90, 66-75, 51-65, <= 50) leaves decimals such as
90,5 without a category and nothing above 100."""
