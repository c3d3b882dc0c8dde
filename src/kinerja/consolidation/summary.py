"""The consolidation of a subtree: every office below an upper office (and itself), one year.

Read from the stored results (`OfficeResult`), never from realisations: a fixed number of
queries whatever the number of offices (one per level of the tree for the subtree, one for the
year's rows, one for the trend). Every figure comes from `kinerja.core.consolidation`: the
roll-up over offices, the distribution, offices below target, completeness and the ranking.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

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


def subtree(agency: Agency) -> list[Node]:
    """The office and every office below it: one query per level of the tree."""
    fields = ("pk", "code", "name", "level", "parent_id")
    nodes = [Node(agency.pk, agency.code, agency.name, agency.level, agency.parent_id)]
    seen = {agency.pk}
    frontier = [agency.pk]
    while frontier:
        below = [
            Node(*values)
            for values in Agency.objects.filter(parent_id__in=frontier)
            .order_by("code")
            .values_list(*fields)
            if values[0] not in seen
        ]
        seen.update(node.pk for node in below)
        nodes.extend(below)
        frontier = [node.pk for node in below]
    return nodes


def _completeness(pairs: list[tuple[int, int]]) -> Decimal | None:
    """Verified share of the due realisations summed over offices: (expected, entered) pairs."""
    return completeness(sum(done for _, done in pairs), sum(due for due, _ in pairs))


def consolidate(agency: Agency, year: int, level: str | None = None) -> Consolidation:
    """The consolidation of `agency`'s subtree in `year` (only offices of `level` if given)."""
    every = subtree(agency)
    nodes = every if level is None else [node for node in every if node.level == level]
    by_pk = {node.pk: node for node in nodes}
    rows = (
        OfficeResult.objects.filter(agency_id__in=list(by_pk), year=year)
        .order_by("position")
        .values_list(
            "agency_id", "kind", "code", "objective", "name", "value", "expected", "entered"
        )
    )
    items: dict[tuple[str, str], list[Decimal | None]] = defaultdict(list)
    counts: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    names: dict[tuple[str, str], tuple[str, str]] = {}
    office_value: dict[int, Decimal | None] = {}
    office_counts: dict[int, tuple[int, int]] = {}
    for agency_id, kind, code, objective, name, value, expected, entered in rows:
        if kind == Kind.OFFICE:
            office_value[agency_id] = value
            office_counts[agency_id] = (expected, entered)
            continue
        key = (kind, code)
        items[key].append(value)
        counts[key].append((expected, entered))
        names.setdefault(key, (objective, name))

    def item_rows(kind: str) -> list[ItemRow]:
        return [
            ItemRow(
                kind,
                code,
                names[(k, code)][0],
                names[(k, code)][1],
                summarize(values),
                _completeness(counts[(k, code)]),
            )
            for (k, code), values in items.items()
            if k == kind
        ]

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
                _completeness([office_counts[node.pk]]),
            )
            for node in measured_offices
        ),
        key=lambda row: (row.rank is None, row.rank or 0, row.code),
    )
    result = Consolidation(
        code=agency.code,
        name=agency.name,
        level=agency.level,
        year=year,
        level_filter=level,
        offices=len(nodes),
        overall=summarize([office_value[node.pk] for node in measured_offices]),
        completeness=_completeness([office_counts[node.pk] for node in measured_offices]),
        objectives=item_rows(Kind.OBJECTIVE),
        indicators=item_rows(Kind.INDICATOR),
        ranking=office_rows,
    )
    result.children = _children(agency, every, nodes, office_value, office_counts)
    result.trend = _trend(list(by_pk))
    return result


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

    branch: dict[int, list[int]] = defaultdict(list)
    for node in nodes:
        top = branch_of(node.pk) if node.pk != agency.pk else None
        if top is not None:
            branch[top].append(node.pk)
    by_pk = {node.pk: node for node in every}
    children = []
    for pk, members in branch.items():
        child = by_pk[pk]
        measured = [m for m in members if m in office_value]
        children.append(
            ChildRow(
                child.code,
                child.name,
                child.level,
                len(members),
                summarize([office_value[m] for m in measured]),
                _completeness([office_counts[m] for m in measured]),
            )
        )
    return sorted(children, key=lambda c: c.code)


def _trend(office_ids: list[int]) -> list[TrendPoint]:
    """The office-level consolidation of every stored year (one query)."""
    values: dict[int, list[Decimal | None]] = defaultdict(list)
    pairs: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for year, value, expected, entered in OfficeResult.objects.filter(
        agency_id__in=office_ids, kind=Kind.OFFICE
    ).values_list("year", "value", "expected", "entered"):
        values[year].append(value)
        pairs[year].append((expected, entered))
    return [
        TrendPoint(year, summarize(values[year]), _completeness(pairs[year]))
        for year in sorted(values)
    ]


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
