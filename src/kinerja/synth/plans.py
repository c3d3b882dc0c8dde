"""Synthetic office datasets, derived from the example's plan, with plausible results.

Every office gets the example office's Renstra (its objectives, indicators, work units and
programs), its PK targets, and for each year quarterly realisations with evidence. What
varies, deterministically for a seed and an office code:

- an office's steadiness (some offices do better than others, a little better every year);
- each value around it; a percentage that cannot pass 100 stays at or under 100;
- missing entries (nothing entered for a quarter), more of them in the latest year;
- the workflow: late submissions, values still waiting for verification and values returned
  with a reason (in the latest year), the rest verified. The dataset format carries no
  workflow, so these come beside the dataset as `Entry` records.

Grades (SAKIP predicate, BPK opinion) are measured once a year, in the fourth quarter. Each
indicator of an office below KPU RI serves its parent office's indicator of the same code (the
pohon kinerja), so the cascade review finds nothing in the synthetic tree.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from kinerja.dataset import schema as ds
from kinerja.dataset.pending import without_pending
from kinerja.synth.tree import OfficeSpec

LAST_YEAR = 2024
SAKIP = ("AA", "A", "BB", "B", "CC", "C", "D")
OPINIONS = ("WTP", "WDP", "TW", "TMP")
_HEADS = (
    "Ahmad", "Budi", "Citra", "Dewi", "Eko", "Fitri", "Gunawan", "Hendra", "Indah", "Joko",
    "Kartika", "Lukman", "Maya", "Nur", "Oktaviani", "Putu", "Rahmat", "Sri", "Taufik", "Wahyu",
)  # fmt: skip
_FAMILY = (
    "Saputra", "Siregar", "Nasution", "Wibowo", "Lestari", "Hidayat", "Simanjuntak", "Pratama",
    "Kurniawan", "Harahap", "Setiawan", "Rahayu", "Sinaga", "Wijaya", "Susanto", "Purba",
)  # fmt: skip
RETURN_REASONS = (
    "Bukti dukung belum dilampirkan.",
    "Nilai tidak sesuai dengan laporan triwulan.",
    "Mohon lengkapi rincian perhitungan.",
)
_BUDGET_SCALE = {"national": Decimal(40), "province": Decimal(4), "regency_city": Decimal(1)}


@dataclass(frozen=True)
class Entry:
    """The workflow state of one synthetic realisation (not part of the dataset format)."""

    office: str
    year: int
    indicator: str
    quarter: int
    status: str  # verified, submitted, returned
    late: bool
    reason: str | None = None


@dataclass(frozen=True)
class SynthOffice:
    spec: OfficeSpec
    dataset: ds.Dataset
    entries: tuple[Entry, ...]


def _two(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _percent(value: Decimal) -> str:
    return f"{_two(value).normalize():f}%"


def _parents(spec: OfficeSpec, by_code: dict[str, OfficeSpec]) -> list[ds.OfficeRef]:
    chain: list[ds.OfficeRef] = []
    code = spec.parent
    while code is not None:
        parent = by_code[code]
        chain.insert(0, ds.OfficeRef(code=parent.code, name=parent.name, level=parent.level))
        code = parent.parent
    return chain


class _Office:
    """The random draws of one office, in a fixed order."""

    def __init__(self, seed: int, spec: OfficeSpec) -> None:
        self.rng = random.Random(f"{seed}:{spec.code}")
        self.steadiness = min(1.12, max(0.72, self.rng.gauss(0.96, 0.07)))

    def factor(self, year_index: int) -> Decimal:
        value = self.steadiness * self.rng.gauss(1.0, 0.06) * (1 + 0.012 * year_index)
        return Decimal(str(round(max(0.3, value), 4)))

    def person(self) -> str:
        return f"{self.rng.choice(_HEADS)} {self.rng.choice(_FAMILY)}"


def _grade(options: Sequence[str], target: str, office: _Office) -> str:
    """A grade near the target: better, equal or worse by the office's steadiness."""
    index = options.index(target)
    draw = office.rng.random() * office.steadiness
    step = -1 if draw > 0.93 else (0 if draw > 0.3 else 1)
    return options[min(len(options) - 1, max(0, index + step))]


def _quarters_of(
    indicator: ds.Indicator, target: str, office: _Office, year_index: int
) -> tuple[str, dict[int, str]]:
    """The PK target and the four quarters' values (before any goes missing)."""
    if indicator.grade_scale == "sakip":
        target = office.rng.choice(("B", "BB")) if year_index else "B"
        return target, {4: _grade(SAKIP, target, office)}
    if indicator.grade_scale == "bpk_opinion":
        return "WTP", {4: _grade(OPINIONS, "WTP", office)}
    if target.endswith("triwulan"):
        return target, {q: "1 triwulan" for q in (1, 2, 3, 4)}
    base = Decimal(target.rstrip("%"))
    final = base * office.factor(year_index)
    if not indicator.can_exceed_100:
        final = min(final, Decimal(100))
    final = _two(final)
    if indicator.combine == ds.Combine.SUM:
        parts = [Decimal(str(0.2 + office.rng.random() * 0.1)) for _ in range(4)]
        total = sum(parts)
        shares = [_two(final * p / total) for p in parts[:3]]
        shares.append(final - sum(shares))
        return target, {q: _percent(v) for q, v in zip((1, 2, 3, 4), shares, strict=True)}
    steps = (Decimal("0.3"), Decimal("0.55"), Decimal("0.8"), Decimal(1))
    return target, {q: _percent(final * s) for q, s in zip((1, 2, 3, 4), steps, strict=True)}


def _state(
    office: _Office, code: str, year: int, indicator: str, quarter: int, latest: bool
) -> Entry:
    draw = office.rng.random()
    late = office.rng.random() < 0.08
    if latest and draw < 0.04:
        return Entry(code, year, indicator, quarter, "submitted", late)
    if draw > 0.985:
        reason = office.rng.choice(RETURN_REASONS)
        return Entry(code, year, indicator, quarter, "returned", late, reason)
    return Entry(code, year, indicator, quarter, "verified", late)


def _year(
    base: ds.Dataset,
    spec: OfficeSpec,
    office: _Office,
    year: int,
    year_index: int,
    latest: bool,
    entries: list[Entry],
) -> ds.Year:
    example = base.year(LAST_YEAR)
    agreement = example.office_agreement
    assert agreement is not None, "the example has an office PK"
    indicators = {i.code: i for o in base.strategic_plan.objectives for i in o.indicators}
    rows: list[ds.AgreementRow] = []
    realizations: list[ds.Realization] = []
    missing = 0.10 if latest else 0.03
    for row in agreement.rows:
        indicator = indicators[row.indicator]
        target, quarters = _quarters_of(indicator, str(row.target), office, year_index)
        planned = {4: target} if len(quarters) == 1 else {}
        rows.append(
            ds.AgreementRow(
                objective=row.objective,
                indicator=row.indicator,
                target=target,
                quarterly_targets=planned,
            )
        )
        for quarter, value in quarters.items():
            if office.rng.random() < missing:
                continue
            evidence = ds.Evidence(
                title=f"Laporan {row.indicator} triwulan {quarter} tahun {year}",
                url=f"https://{spec.code}.kpu.go.id/bukti/{year}/{row.indicator}-tw{quarter}.pdf",
            )
            realizations.append(
                ds.Realization(
                    indicator=row.indicator, quarter=quarter, value=value, evidence=[evidence]
                )
            )
            entries.append(_state(office, spec.code, year, row.indicator, quarter, latest))
    scale = _BUDGET_SCALE[spec.level] * Decimal(str(round(0.6 + office.rng.random(), 3)))
    budget = [
        ds.BudgetLine(program=line.program, amount=int(Decimal(line.amount) * scale / 1000) * 1000)
        for line in agreement.budget
    ]
    spending = [
        ds.Spending(
            program=line.program,
            spent=int(line.amount * min(1.0, office.rng.gauss(0.93, 0.04)) / 1000) * 1000,
        )
        for line in budget
    ]
    return ds.Year(
        year=year,
        agreements=[
            ds.Agreement(
                table="Tabel 1",
                title=f"Perjanjian Kinerja {spec.name} Tahun {year}",
                place=spec.city,
                rows=rows,
                budget=budget,
            )
        ],
        realizations=realizations,
        spending=spending,
    )


def _cascaded(objectives: list[ds.Objective], has_parent: bool) -> list[ds.Objective]:
    """The plan's objectives with each indicator serving the parent's indicator of its code:
    every office below has the same plan, so the pohon kinerja is complete."""
    if not has_parent:
        return objectives
    return [
        objective.model_copy(
            update={
                "indicators": [
                    indicator.model_copy(update={"serves": indicator.code})
                    for indicator in objective.indicators
                ]
            }
        )
        for objective in objectives
    ]


def office_dataset(
    base: ds.Dataset,
    spec: OfficeSpec,
    by_code: dict[str, OfficeSpec],
    years: int,
    seed: int,
) -> SynthOffice:
    """One office's dataset over `years` years ending in 2024, and its realisations' states."""
    office = _Office(seed, spec)
    first = LAST_YEAR - years + 1
    plan = base.strategic_plan.model_copy(
        update={
            "start": first,
            "end": LAST_YEAR,
            "title": f"Rencana Strategis {first}-{LAST_YEAR}",
            "goals": [],
            "objectives": _cascaded(base.strategic_plan.objectives, spec.parent is not None),
        }
    )
    agency = ds.Agency(
        code=spec.code,
        name=spec.name,
        full_name=spec.full_name,
        level=spec.level,
        city=spec.city,
        address=f"Jl. Pemilu No. {office.rng.randint(1, 120)}, {spec.city}",
        parents=_parents(spec, by_code),
        signing_place=spec.city,
        head=ds.Person(name=office.person(), position="Ketua"),
        secretary=ds.Person(name=office.person(), position="Sekretaris"),
    )
    entries: list[Entry] = []
    year_list = [
        _year(base, spec, office, y, y - first, y == LAST_YEAR, entries)
        for y in range(first, LAST_YEAR + 1)
    ]
    dataset = ds.Dataset(
        agency=agency,
        organization=ds.Organization(divisions=base.organization.divisions),
        work_units=base.work_units,
        settings=base.settings,
        strategic_plan=plan,
        years=year_list,
    )
    return SynthOffice(spec, dataset, tuple(entries))


def verified_only(office: SynthOffice) -> ds.Dataset:
    """The dataset as its office has verified it: what the results are computed from."""
    pending = {(e.year, e.indicator, e.quarter) for e in office.entries if e.status != "verified"}
    return without_pending(office.dataset, pending)
