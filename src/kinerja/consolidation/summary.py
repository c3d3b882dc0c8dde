"""The consolidation of a subtree: every office below an upper office (and itself), one year.

Read from the stored results (`OfficeResult`), never from realisations, in a fixed number of
queries whatever the number of offices or the depth of the tree: the subtree is one recursive
query, used as a subquery by the others, so no list of ids travels. Every figure comes from
`kinerja.core.consolidation`: the roll-up over offices, the distribution, offices below
target, completeness and the ranking.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

from kinerja.agencies.models import Agency
from kinerja.consolidation.models import Kind, OfficeResult
from kinerja.core.consolidation import Summary, completeness, ranking, summarize
from kinerja.formats import round_half_up


@dataclass(frozen=True)
class Node:
    """An office of the subtree."""

    pk: int
    code: str
    name: str
    level: str
    parent_id: int | None


@dataclass(frozen=True)
class ItemRow:
    """An objective or an indicator over the subtree's offices."""

    kind: str
    code: str
    objective: str
    name: str
    summary: Summary
    completeness: Decimal | None


@dataclass(frozen=True)
class OfficeRow:
    """One office of the subtree with its own achievement and its place in the ranking."""

    code: str
    name: str
    level: str
    parent: str | None
    rank: int | None
    achievement: Decimal | None
    completeness: Decimal | None


@dataclass(frozen=True)
class ChildRow:
    """A direct child office with the consolidation of its own subtree (the drill-down)."""

    code: str
    name: str
    level: str
    offices: int
    summary: Summary
    completeness: Decimal | None


@dataclass(frozen=True)
class TrendPoint:
    year: int
    summary: Summary
    completeness: Decimal | None


@dataclass
class Consolidation:
    code: str
    name: str
    level: str
    year: int
    level_filter: str | None
    offices: int  # offices in the subtree (after the level filter)
    overall: Summary
    completeness: Decimal | None
    objectives: list[ItemRow] = field(default_factory=list)
    indicators: list[ItemRow] = field(default_factory=list)
    ranking: list[OfficeRow] = field(default_factory=list)
    children: list[ChildRow] = field(default_factory=list)
    trend: list[TrendPoint] = field(default_factory=list)


def below_ids(agency_id: int) -> RawSQL:
    """The ids of the office and of every office below it, as one recursive query (a subquery
    of the queries below: PostgreSQL and SQLite both run it, no list of ids travels)."""
    return RawSQL(
        "WITH RECURSIVE tree(id) AS ("
        " SELECT id FROM agencies_agency WHERE id = %s"
        " UNION ALL"
        " SELECT a.id FROM agencies_agency a JOIN tree t ON a.parent_id = t.id"
        ") SELECT id FROM tree",
        (agency_id,),
    )


def subtree(agency: Agency) -> list[Node]:
    """The office and every office below it, by code: one query."""
    return [
        Node(*values)
        for values in Agency.objects.filter(pk__in=below_ids(agency.pk))
        .order_by("code")
        .values_list("pk", "code", "name", "level", "parent_id")
    ]


def _results(agency: Agency, level: str | None) -> QuerySet[OfficeResult]:
    found = OfficeResult.objects.filter(agency_id__in=below_ids(agency.pk))
    return found if level is None else found.filter(agency__level=level)


@dataclass
class _Tally:
    """The offices' values of one item, and their due and verified realisations summed."""

    values: list[Decimal | None] = field(default_factory=list)
    expected: int = 0
    entered: int = 0

    def add(self, value: Decimal | None, expected: int, entered: int) -> None:
        self.values.append(value)
        self.expected += expected
        self.entered += entered

    @property
    def completeness(self) -> Decimal | None:
        return completeness(self.entered, self.expected)


def _names(
    agency: Agency, level: str | None, year: int, sample: int | None, keys: set[tuple[str, str]]
) -> dict[tuple[str, str], tuple[str, str, int]]:
    """(objective, name, position) of each item, read from one office's rows (a second query
    only for items that office does not have)."""
    fields = ("kind", "code", "objective", "name", "position")
    found: dict[tuple[str, str], tuple[str, str, int]] = {}
    own = OfficeResult.objects.filter(agency_id=sample, year=year).exclude(kind=Kind.OFFICE)
    for kind, code, objective, name, position in own.values_list(*fields):
        found[(kind, code)] = (objective, name, position)
    missing = keys - set(found)
    if missing:
        rest = _results(agency, level).filter(year=year, code__in={code for _, code in missing})
        for kind, code, objective, name, position in rest.exclude(kind=Kind.OFFICE).values_list(
            *fields
        ):
            found.setdefault((kind, code), (objective, name, position + 10_000))
    return found


def consolidate(agency: Agency, year: int, level: str | None = None) -> Consolidation:
    """The consolidation of `agency`'s subtree in `year` (only offices of `level` if given).

    Three queries whatever the number of offices: the subtree, the rows (the year's, and every
    year's office rows for the trend), the items' names (a fourth only when offices' plans
    differ in their items).
    """
    every = subtree(agency)
    nodes = every if level is None else [node for node in every if node.level == level]
    items: dict[tuple[str, str], _Tally] = defaultdict(_Tally)
    office_value: dict[int, Decimal | None] = {}
    office_counts: dict[int, tuple[int, int]] = {}
    sample: int | None = None
    years: dict[int, _Tally] = defaultdict(_Tally)  # the trend: every year's office rows
    office = Kind.OFFICE.value
    rows = _results(agency, level).filter(Q(year=year) | Q(kind=office)).order_by()
    for agency_id, row_year, kind, code, value, expected, entered in rows.values_list(
        "agency_id", "year", "kind", "code", "value", "expected", "entered"
    ):
        if kind == office:
            years[row_year].add(value, expected, entered)
            if row_year == year:
                office_value[agency_id] = value
                office_counts[agency_id] = (expected, entered)
            continue
        tally = items[(kind, code)]  # the hot loop: one row per office and item
        tally.values.append(value)
        tally.expected += expected
        tally.entered += entered
        if sample is None:
            sample = agency_id
    names = _names(agency, level, year, sample, set(items))

    def item_rows(kind: str) -> list[ItemRow]:
        keys = sorted((key for key in items if key[0] == kind), key=lambda k: names[k][2])
        return [
            ItemRow(
                kind,
                key[1],
                names[key][0],
                names[key][1],
                summarize(items[key].values),
                items[key].completeness,
            )
            for key in keys
        ]

    by_pk = {node.pk: node for node in nodes}
    measured_offices = [node for node in nodes if node.pk in office_value]
    ranks = dict(
        (code, rank)
        for rank, code in ranking([(node.code, office_value[node.pk]) for node in measured_offices])
    )
    office_rows = sorted(
        (
            OfficeRow(
                node.code,
                node.name,
                node.level,
                by_pk[node.parent_id].code if node.parent_id in by_pk else None,
                ranks[node.code],
                office_value[node.pk],
                completeness(office_counts[node.pk][1], office_counts[node.pk][0]),
            )
            for node in measured_offices
        ),
        key=lambda row: (row.rank is None, row.rank or 0, row.code),
    )
    overall = _Tally()
    for node in measured_offices:
        overall.add(office_value[node.pk], *office_counts[node.pk])
    return Consolidation(
        code=agency.code,
        name=agency.name,
        level=agency.level,
        year=year,
        level_filter=level,
        offices=len(nodes),
        overall=summarize(overall.values),
        completeness=overall.completeness,
        objectives=item_rows(Kind.OBJECTIVE),
        indicators=item_rows(Kind.INDICATOR),
        ranking=office_rows,
        children=_children(agency, every, nodes, office_value, office_counts),
        trend=[
            TrendPoint(y, summarize(years[y].values), years[y].completeness) for y in sorted(years)
        ],
    )


def _children(
    agency: Agency,
    every: list[Node],
    nodes: list[Node],
    office_value: dict[int, Decimal | None],
    office_counts: dict[int, tuple[int, int]],
) -> list[ChildRow]:
    """Each direct child of the office with the offices of its own subtree, for drilling down."""
    parent_of = {node.pk: node.parent_id for node in every}

    def branch_of(pk: int | None) -> int | None:
        while pk is not None and parent_of.get(pk) != agency.pk:
            pk = parent_of.get(pk)
        return pk

    members: dict[int, int] = defaultdict(int)
    tallies: dict[int, _Tally] = defaultdict(_Tally)
    for node in nodes:
        top = branch_of(node.pk) if node.pk != agency.pk else None
        if top is None:
            continue
        members[top] += 1
        if node.pk in office_value:
            tallies[top].add(office_value[node.pk], *office_counts[node.pk])
    by_pk = {node.pk: node for node in every}
    children = [
        ChildRow(
            by_pk[pk].code,
            by_pk[pk].name,
            by_pk[pk].level,
            count,
            summarize(tallies[pk].values),
            tallies[pk].completeness,
        )
        for pk, count in members.items()
    ]
    return sorted(children, key=lambda c: c.code)


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(round_half_up(value, 2))


def _summary_json(summary: Summary) -> dict[str, Any]:
    return {
        "offices": summary.offices,
        "measured": summary.measured,
        "achievement": _number(summary.achievement),
        "min": _number(summary.minimum),
        "median": _number(summary.median),
        "max": _number(summary.maximum),
        "below_target": summary.below_target,
    }


def _item_json(item: ItemRow) -> dict[str, Any]:
    return {
        "code": item.code,
        "objective": item.objective,
        "name": item.name,
        **_summary_json(item.summary),
        "completeness": _number(item.completeness),
    }


def to_json(result: Consolidation) -> dict[str, Any]:
    """The consolidation as plain JSON (numbers rounded half-up to 2 decimals), for the CLI and
    the API alike."""
    return {
        "agency": result.code,
        "name": result.name,
        "level": result.level,
        "year": result.year,
        "level_filter": result.level_filter,
        "offices": result.offices,
        "overall": {**_summary_json(result.overall), "completeness": _number(result.completeness)},
        "objectives": [_item_json(item) for item in result.objectives],
        "indicators": [_item_json(item) for item in result.indicators],
        "ranking": [
            {
                "rank": row.rank,
                "code": row.code,
                "name": row.name,
                "level": row.level,
                "parent": row.parent,
                "achievement": _number(row.achievement),
                "completeness": _number(row.completeness),
            }
            for row in result.ranking
        ],
        "children": [
            {
                "code": child.code,
                "name": child.name,
                "level": child.level,
                "offices": child.offices,
                **_summary_json(child.summary),
                "completeness": _number(child.completeness),
            }
            for child in result.children
        ],
        "trend": [
            {"year": p.year, **_summary_json(p.summary), "completeness": _number(p.completeness)}
            for p in result.trend
        ],
    }
