"""The review's facts about the report as a document: wordings, counts, titles, numbering."""

from __future__ import annotations

from collections.abc import Iterator

from kinerja.core.review.inputs import CountFact, Counts, NumberedRows, Passage, Text, Wording
from kinerja.dataset import schema
from kinerja.dataset.review_index import PlanIndex


def wordings(plan: PlanIndex) -> Iterator[Wording]:
    seen: set[tuple[str, tuple[str, ...], str]] = set()

    def once(wording: Wording) -> Iterator[Wording]:
        key = (wording.source, wording.codes, wording.printed)
        if key not in seen:
            seen.add(key)
            yield wording

    for agreement in plan.entry.agreements:
        label = plan.agreement_label(agreement)
        for row in agreement.rows:
            if row.printed_objective:
                yield from once(
                    Wording(
                        label,
                        "sasaran",
                        (row.objective,),
                        row.objective,
                        row.printed_objective,
                        (plan.objective_names[row.objective],),
                    )
                )
            if row.printed_indicator:
                yield from once(
                    Wording(
                        label,
                        "indikator",
                        (row.indicator,),
                        row.objective,
                        row.printed_indicator,
                        (plan.indicator_names[row.indicator],),
                    )
                )
    for label, _, mrow in plan.rows():
        objective = plan.objective_of[mrow.indicators[0]]
        if mrow.printed_objective:
            yield from once(
                Wording(
                    label,
                    "sasaran",
                    (objective,),
                    objective,
                    mrow.printed_objective,
                    (plan.objective_names[objective],),
                )
            )
        if mrow.printed_indicator:
            yield from once(
                Wording(
                    label,
                    "indikator",
                    tuple(mrow.indicators),
                    objective,
                    mrow.printed_indicator,
                    tuple(plan.indicator_names[code] for code in mrow.indicators),
                )
            )


def _count(noun: str, counts: list[tuple[int, str]], note: str = "") -> CountFact:
    """Counts with the same number merged: `(16, "Tabel 1 dan Renstra")`."""
    merged: dict[int, list[str]] = {}
    for number, where in counts:
        merged.setdefault(number, []).append(where)
    return CountFact(noun, tuple((n, " dan ".join(places)) for n, places in merged.items()), note)


def counts(plan: PlanIndex) -> Counts:
    renstra = plan.dataset.strategic_plan
    office = plan.entry.office_agreement
    pk = plan.agreement_label(office) if office else None
    rows = office.rows if office else []
    plan_indicators = [i for o in renstra.objectives for i in o.indicators]
    pk_indicators = list(dict.fromkeys(row.indicator for row in rows))
    keys = {i.code for i in plan_indicators if i.is_key}

    def with_pk(pk_count: int, plan_count: int) -> list[tuple[int, str]]:
        return ([(pk_count, pk)] if pk else []) + [(plan_count, "Renstra")]

    indicators = with_pk(len(pk_indicators), len(plan_indicators))
    if keys:
        key_fact = _count(
            "indikator kinerja utama",
            with_pk(len([c for c in pk_indicators if c in keys]), len(keys)),
        )
    else:
        key_fact = _count("indikator kinerja", indicators, "tidak ada yang ditandai IKU")
    year_activities = {
        line.activity for a in plan.entry.agreements for line in a.budget if line.activity
    }
    return Counts(
        objectives=_count(
            "sasaran strategis",
            with_pk(len({row.objective for row in rows}), len(renstra.objectives)),
        ),
        indicators=_count("indikator kinerja", indicators),
        key_indicators=key_fact,
        programs=_count(
            "program",
            [(len(renstra.programs), "Renstra")]
            + ([(len([b for b in office.budget if b.program]), pk)] if office and pk else []),
        ),
        activities=_count(
            "kegiatan",
            [(sum(len(p.activities) for p in renstra.programs), "Renstra")]
            + ([(len(year_activities), f"PK Tahun {plan.entry.year}")] if year_activities else []),
        ),
        goals=len(renstra.goals) or None,
    )


def section_label(section: schema.NarrativeSection, plan: PlanIndex | None = None) -> str:
    """`Narasi 'A. Latar Belakang'`; an untitled section of a unit names the unit:
    `Narasi 'analisis' (Sub Bagian Hukum dan SDM)`."""
    label = f"Narasi '{section.title or section.key}'"
    if plan is not None and section.title is None and section.work_unit is not None:
        label += f" ({plan.units.get(section.work_unit, section.work_unit)})"
    return label


def passages(plan: PlanIndex) -> Iterator[Passage]:
    """Each narrative section with the indicators it can speak of: its own, else its objective's,
    else its work unit's, else (a general section) every indicator of the plan."""
    objectives = plan.dataset.strategic_plan.objectives
    every = [ind for obj in objectives for ind in obj.indicators]
    for section in plan.entry.narrative:
        if section.indicators:
            codes = list(section.indicators)
        elif section.objective is not None:
            codes = [
                i.code for o in objectives if o.code == section.objective for i in o.indicators
            ]
        elif section.work_unit is not None:
            codes = [i.code for i in every if i.work_unit == section.work_unit]
        else:
            codes = [i.code for i in every]
        yield Passage(section_label(section, plan), section.text, tuple(codes))


def titles(plan: PlanIndex) -> tuple[list[Text], list[Text]]:
    """(titles that must name the year, every title)."""
    year_titles: list[Text] = []
    for agreement in plan.entry.agreements:
        if agreement.title:
            year_titles.append(Text(plan.agreement_label(agreement), agreement.title))
    for table in plan.entry.measurements:
        if table.title:
            year_titles.append(Text(plan.table_label(table), table.title))
    report = plan.entry.report
    if report and report.title:
        year_titles.append(Text("Judul laporan", report.title))
    titles = list(year_titles)
    titles += [Text(t.table or t.title, t.title) for t in plan.entry.supporting_tables if t.title]
    renstra = plan.dataset.strategic_plan
    if renstra.title:
        titles.append(Text("Judul Renstra", renstra.title))
    return year_titles, titles


def table_labels(plan: PlanIndex) -> tuple[str, ...]:
    labels = [a.table for a in plan.entry.agreements if a.table]
    labels += [t.table for t in plan.entry.measurements if t.table]
    labels += [t.table for t in plan.entry.supporting_tables if t.table]
    scale = plan.dataset.settings.rating_scale
    if labels and scale is not None and scale.table:
        labels.append(scale.table)
    periods = plan.dataset.organization.commissioner_periods
    labels += [period.figure for period in periods if period.figure]
    return tuple(labels)


def numbered_rows(plan: PlanIndex) -> Iterator[NumberedRows]:
    for table in plan.entry.supporting_tables:
        header = table.columns[0].strip().lower().rstrip(".")
        if header in ("no", "nomor") and table.rows:
            yield NumberedRows(table.table or table.title, tuple(row[0] for row in table.rows))
