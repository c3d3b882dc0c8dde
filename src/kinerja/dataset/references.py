"""Cross-reference checks of a dataset: codes are unique and every reference resolves.

These run inside schema validation, so a dataset with a dangling code never loads. Each problem
carries the path of the offending field, which the loader turns into file and line. The schema
calls this module, never the other way round: what the checks read of a dataset is stated here
(`ReferencedDataset`), and `schema.Dataset` is one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

Path = tuple[str | int, ...]


class ReferencedDataset(Protocol):
    """The parts of a dataset whose codes the checks read (`schema.Dataset` has them)."""

    @property
    def work_units(self) -> Sequence[Any]: ...

    @property
    def organization(self) -> Any: ...

    @property
    def settings(self) -> Any: ...

    @property
    def strategic_plan(self) -> Any: ...

    @property
    def years(self) -> Sequence[Any]: ...


BUILTIN_GRADE_SCALES = ("sakip", "bpk_opinion", "lke")


class ReferenceProblems(ValueError):
    """One or more codes that are duplicated or do not resolve; each with its path."""

    def __init__(self, problems: list[tuple[Path, str]]) -> None:
        self.problems = problems
        super().__init__("; ".join(message for _, message in problems))


def _duplicates(codes: Iterable[tuple[Path, str]], what: str) -> list[tuple[Path, str]]:
    items = list(codes)
    counts = Counter(code for _, code in items)
    return [
        (path, f"kode {what} '{code}' dipakai lebih dari sekali")
        for path, code in items
        if counts[code] > 1
    ]


def check_references(dataset: ReferencedDataset) -> None:
    """Raise `ReferenceProblems` listing every duplicate code and dangling reference."""
    plan = dataset.strategic_plan
    problems: list[tuple[Path, str]] = []

    unit_codes = [(("work_units", i, "code"), u.code) for i, u in enumerate(dataset.work_units)]
    objective_codes = [
        (("strategic_plan", "objectives", i, "code"), o.code) for i, o in enumerate(plan.objectives)
    ]
    indicator_codes = [
        (("strategic_plan", "objectives", i, "indicators", j, "code"), ind.code)
        for i, o in enumerate(plan.objectives)
        for j, ind in enumerate(o.indicators)
    ]
    program_codes = [
        (("strategic_plan", "programs", i, "code"), p.code) for i, p in enumerate(plan.programs)
    ]
    activity_codes = [
        (("strategic_plan", "programs", i, "activities", j, "code"), a.code)
        for i, p in enumerate(plan.programs)
        for j, a in enumerate(p.activities)
    ]
    goal_codes = [
        (("strategic_plan", "goals", i, "code"), g.code) for i, g in enumerate(plan.goals)
    ]
    division_codes = [
        (("organization", "divisions", i, "code"), d.code)
        for i, d in enumerate(dataset.organization.divisions)
    ]
    scale_codes = [
        (("settings", "grade_scales", i, "code"), s.code)
        for i, s in enumerate(dataset.settings.grade_scales)
    ]
    problems += _duplicates(unit_codes, "unit kerja")
    problems += _duplicates(objective_codes, "sasaran")
    problems += _duplicates(indicator_codes, "indikator")
    problems += _duplicates([*program_codes, *activity_codes], "program/kegiatan")
    problems += _duplicates(goal_codes, "tujuan")
    problems += _duplicates(division_codes, "divisi")
    problems += _duplicates(scale_codes, "skala predikat")
    problems += _duplicates(
        [(("strategic_plan", "missions", i, "code"), m.code) for i, m in enumerate(plan.missions)],
        "misi",
    )
    problems += _duplicates(
        [
            (("strategic_plan", "goals", i, "indicators", j, "code"), gi.code)
            for i, g in enumerate(plan.goals)
            for j, gi in enumerate(g.indicators)
        ],
        "indikator tujuan",
    )
    problems += _duplicates(
        [(("years", i, "year"), str(y.year)) for i, y in enumerate(dataset.years)], "tahun"
    )

    units = {code for _, code in unit_codes}
    objectives = {o.code: {ind.code for ind in o.indicators} for o in plan.objectives}
    indicators = {code for _, code in indicator_codes}
    programs = {code for _, code in program_codes}
    activities = {code for _, code in activity_codes}
    goals = {code for _, code in goal_codes}
    divisions = {code for _, code in division_codes}
    scales = set(BUILTIN_GRADE_SCALES) | {code for _, code in scale_codes}

    def need(
        path: Path, code: str | None, known: set[str] | dict[str, set[str]], what: str
    ) -> None:
        if code is not None and code not in known:
            problems.append((path, f"{what} '{code}' tidak dikenal"))

    reports_to = {u.code: u.reports_to for u in dataset.work_units}
    for i, unit in enumerate(dataset.work_units):
        need(("work_units", i, "division"), unit.division, divisions, "kode divisi")
        need(("work_units", i, "reports_to"), unit.reports_to, units, "kode unit kerja")
        seen, above = {unit.code}, unit.reports_to
        while above is not None and above in reports_to:
            if above in seen:
                problems.append(
                    (
                        ("work_units", i, "reports_to"),
                        f"garis pelaporan unit kerja '{unit.code}' berputar kembali ke dirinya",
                    )
                )
                break
            seen.add(above)
            above = reports_to[above]
    for p, period in enumerate(dataset.organization.commissioner_periods):
        for m, seat in enumerate(period.members):
            need(
                ("organization", "commissioner_periods", p, "members", m, "division"),
                seat.division,
                divisions,
                "kode divisi",
            )
    for i, program in enumerate(plan.programs):
        for k, share in enumerate(program.objectives):
            need(
                ("strategic_plan", "programs", i, "objectives", k, "objective"),
                share.objective,
                objectives,
                "kode sasaran",
            )
        for j, activity in enumerate(program.activities):
            for k, share in enumerate(activity.objectives):
                need(
                    (
                        "strategic_plan",
                        "programs",
                        i,
                        "activities",
                        j,
                        "objectives",
                        k,
                        "objective",
                    ),
                    share.objective,
                    objectives,
                    "kode sasaran",
                )
    for i, objective in enumerate(plan.objectives):
        need(("strategic_plan", "objectives", i, "goal"), objective.goal, goals, "kode tujuan")
        for j, indicator in enumerate(objective.indicators):
            base: Path = ("strategic_plan", "objectives", i, "indicators", j)
            need((*base, "work_unit"), indicator.work_unit, units, "kode unit kerja")
            need((*base, "grade_scale"), indicator.grade_scale, scales, "skala predikat")

    for y, year in enumerate(dataset.years):
        agreement_owners = Counter(a.work_unit for a in year.agreements)
        for a, agreement in enumerate(year.agreements):
            if agreement_owners[agreement.work_unit] > 1:
                owner = (
                    "kantor"
                    if agreement.work_unit is None
                    else f"unit kerja '{agreement.work_unit}'"
                )
                problems.append(
                    (
                        ("years", y, "agreements", a),
                        f"tahun {year.year} punya lebih dari satu PK {owner}",
                    )
                )
        for a, agreement in enumerate(year.agreements):
            base = ("years", y, "agreements", a)
            need((*base, "work_unit"), agreement.work_unit, units, "kode unit kerja")
            for r, row in enumerate(agreement.rows):
                need((*base, "rows", r, "objective"), row.objective, objectives, "kode sasaran")
                if row.objective in objectives and row.indicator not in objectives[row.objective]:
                    problems.append(
                        (
                            (*base, "rows", r, "indicator"),
                            f"indikator '{row.indicator}' bukan indikator sasaran "
                            f"'{row.objective}'",
                        )
                    )
            for b, line in enumerate(agreement.budget):
                need((*base, "budget", b, "program"), line.program, programs, "kode program")
                need((*base, "budget", b, "activity"), line.activity, activities, "kode kegiatan")
        for t, mtable in enumerate(year.measurements):
            base = ("years", y, "measurements", t)
            need((*base, "work_unit"), mtable.work_unit, units, "kode unit kerja")
            for r, mrow in enumerate(mtable.rows):
                for k, code in enumerate(mrow.indicators):
                    need((*base, "rows", r, "indicators", k), code, indicators, "kode indikator")
        for r, realization in enumerate(year.realizations):
            need(
                ("years", y, "realizations", r, "indicator"),
                realization.indicator,
                indicators,
                "kode indikator",
            )
        seen_quarters = Counter((z.indicator, z.quarter) for z in year.realizations)
        for r, realization in enumerate(year.realizations):
            if seen_quarters[(realization.indicator, realization.quarter)] > 1:
                problems.append(
                    (
                        ("years", y, "realizations", r),
                        f"realisasi '{realization.indicator}' triwulan "
                        f"{realization.quarter} tercatat lebih dari sekali",
                    )
                )
        for s, spending in enumerate(year.spending):
            base = ("years", y, "spending", s)
            need((*base, "program"), spending.program, programs, "kode program")
            need((*base, "activity"), spending.activity, activities, "kode kegiatan")
        for n, section in enumerate(year.narrative):
            base = ("years", y, "narrative", n)
            need((*base, "objective"), section.objective, objectives, "kode sasaran")
            need((*base, "work_unit"), section.work_unit, units, "kode unit kerja")
            for k, code in enumerate(section.indicators):
                need((*base, "indicators", k), code, indicators, "kode indikator")
        for s, table in enumerate(year.supporting_tables):
            need(
                ("years", y, "supporting_tables", s, "work_unit"),
                table.work_unit,
                units,
                "kode unit kerja",
            )
        problems += _duplicates(
            [
                (("years", y, "supporting_tables", s, "key"), t.key)
                for s, t in enumerate(year.supporting_tables)
            ],
            "tabel pendukung",
        )

    if problems:
        raise ReferenceProblems(problems)
