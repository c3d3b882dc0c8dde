"""The pohon kinerja of an office and year as a tree to show: objectives, indicators, and what
serves each indicator below it (the office's work units, the indicators of the offices below).

Every figure is read from the stored results (`OfficeResult`), never measured again per
request. An office's tree is one level deep in offices: each indicator carries the roll-up of
the direct child offices' indicators that serve it (`kinerja.core.consolidation.summarize`),
and `served_below` lists them when the user opens that branch, so that the national tree never
reads the 552 offices below it at once. Both cost a fixed number of queries whatever the number
of offices below.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count

from kinerja.agencies.datasets import parent_indicator_names
from kinerja.agencies.models import Agency
from kinerja.consolidation.models import Kind, OfficeResult
from kinerja.core.consolidation import Summary, completeness, summarize
from kinerja.plans.models import AgreementRow, Indicator, in_period


@dataclass(frozen=True)
class Figures:
    """A node's stored achievement (None: unmeasured) and completeness (None: nothing due)."""

    achievement: Decimal | None
    completeness: Decimal | None


NOTHING = Figures(None, None)


@dataclass(frozen=True)
class UnitNode:
    """A work unit whose indicator serves the office indicator: it owns it or agrees it in its
    own PK. `indicator` is the unit PK's wording where it differs from the office's."""

    code: str
    name: str
    owner: bool
    indicator: str | None
    target: str | None


@dataclass(frozen=True)
class Below:
    """The direct child offices' indicators that serve an indicator, rolled up."""

    serving: int  # child offices with an indicator serving it
    offices: int  # child offices with a plan
    summary: Summary
    completeness: Decimal | None


@dataclass
class IndicatorNode:
    pk: int
    code: str
    name: str
    figures: Figures
    serves: str | None
    serves_name: str | None
    units: list[UnitNode] = field(default_factory=list)
    below: Below | None = None


@dataclass
class ObjectiveNode:
    code: str
    name: str
    figures: Figures
    indicators: list[IndicatorNode] = field(default_factory=list)


@dataclass
class OfficeTree:
    code: str
    name: str
    year: int
    figures: Figures
    parent: Agency | None  # the parent office when it has a plan of its own
    children: int  # child offices with a plan
    objectives: list[ObjectiveNode] = field(default_factory=list)

    @property
    def indicators(self) -> list[IndicatorNode]:
        return [i for o in self.objectives for i in o.indicators]


@dataclass(frozen=True)
class ServingNode:
    """An indicator of a child office that serves the indicator opened, with its own figures
    and how many of its own child offices serve it in turn."""

    office_code: str
    office_name: str
    office_pk: int
    code: str
    name: str
    figures: Figures
    served_by: int


def _printed(value: object) -> str | None:
    """A stored target as printed: the text, or the `printed` of `{printed, value}`."""
    if value is None:
        return None
    text = str(value.get("printed", "")) if isinstance(value, dict) else str(value)
    return text or None


def _figures(value: Decimal | None, expected: int, entered: int) -> Figures:
    return Figures(value, completeness(entered, expected))


def office_tree(agency: Agency, year: int) -> OfficeTree:
    """The office's tree of `year`: five queries whatever the number of offices below."""
    stored = {
        (kind, code): _figures(value, expected, entered)
        for kind, code, value, expected, entered in OfficeResult.objects.filter(
            agency=agency, year=year
        ).values_list("kind", "code", "value", "expected", "entered")
    }
    indicators = (
        Indicator.objects.filter(objective__plan__agency=agency, **in_period(year))
        .exclude(retired_from__lte=year)
        .order_by("objective__position", "objective_id", "position", "pk")
        .values_list(
            "pk",
            "code",
            "name",
            "serves",
            "objective__code",
            "objective__name",
            "work_unit__code",
            "work_unit__name",
        )
    )
    objectives: dict[str, ObjectiveNode] = {}
    nodes: dict[int, IndicatorNode] = {}
    for pk, code, name, serves, obj_code, obj_name, unit_code, unit_name in indicators:
        objective = objectives.get(obj_code)
        if objective is None:
            objective = ObjectiveNode(
                obj_code, obj_name, stored.get((Kind.OBJECTIVE, obj_code), NOTHING)
            )
            objectives[obj_code] = objective
        node = IndicatorNode(
            pk, code, name, stored.get((Kind.INDICATOR, code), NOTHING), serves, None
        )
        if unit_code is not None:
            node.units.append(UnitNode(unit_code, unit_name, True, None, None))
        objective.indicators.append(node)
        nodes[pk] = node
    _add_unit_agreements(agency, year, nodes)
    parent = agency.parent if agency.parent_id and agency.parent.has_dataset else None
    if parent is not None:
        names = parent_indicator_names(agency, year)
        for node in nodes.values():
            node.serves_name = names.get(node.serves or "")
    children = _add_below(agency, year, nodes)
    return OfficeTree(
        agency.code,
        agency.name,
        year,
        stored.get((Kind.OFFICE, ""), NOTHING),
        parent,
        children,
        list(objectives.values()),
    )


def _add_unit_agreements(agency: Agency, year: int, nodes: dict[int, IndicatorNode]) -> None:
    """The work units whose PK of the year lists each indicator, with their wording and target."""
    rows = (
        AgreementRow.objects.filter(
            agreement__agency=agency, agreement__year=year, agreement__work_unit__isnull=False
        )
        .order_by("agreement__position", "position", "pk")
        .values_list(
            "indicator_id",
            "agreement__work_unit__code",
            "agreement__work_unit__name",
            "printed_indicator",
            "target",
        )
    )
    for indicator_id, unit_code, unit_name, printed, target in rows:
        node = nodes.get(indicator_id)
        if node is None:
            continue
        wording = printed if printed and printed.strip() != node.name.strip() else None
        shown = _printed(target)
        for index, unit in enumerate(node.units):
            if unit.code == unit_code:
                node.units[index] = UnitNode(unit_code, unit_name, unit.owner, wording, shown)
                break
        else:
            node.units.append(UnitNode(unit_code, unit_name, False, wording, shown))


def _add_below(agency: Agency, year: int, nodes: dict[int, IndicatorNode]) -> int:
    """Each indicator's roll-up over the direct child offices' indicators serving it; the
    number of child offices with a plan. Three queries (one when there are no child offices)."""
    offices: int = Agency.objects.filter(parent=agency, has_dataset=True).count()
    if not offices:
        return 0
    serving: dict[tuple[int, str], str] = {}  # (child office, its indicator) -> code served
    for agency_id, code, serves in (
        Indicator.objects.filter(
            objective__plan__agency__parent=agency, serves__isnull=False, **in_period(year)
        )
        .exclude(retired_from__lte=year)
        .values_list("objective__plan__agency_id", "code", "serves")
    ):
        serving[(agency_id, code)] = serves
    values: dict[str, list[Decimal | None]] = defaultdict(list)
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    offices_serving: dict[str, set[int]] = defaultdict(set)
    measured: set[tuple[int, str]] = set()
    for agency_id, code, value, expected, entered in OfficeResult.objects.filter(
        agency__parent=agency, year=year, kind=Kind.INDICATOR
    ).values_list("agency_id", "code", "value", "expected", "entered"):
        served = serving.get((agency_id, code))
        if served is None:
            continue
        measured.add((agency_id, code))
        values[served].append(value)
        counts[served][0] += expected
        counts[served][1] += entered
        offices_serving[served].add(agency_id)
    for (agency_id, code), served in serving.items():
        if (agency_id, code) not in measured:  # no stored row for the year: unmeasured
            values[served].append(None)
            offices_serving[served].add(agency_id)
    for node in nodes.values():
        expected, entered = counts.get(node.code, (0, 0))
        node.below = Below(
            len(offices_serving.get(node.code, ())),
            offices,
            summarize(values.get(node.code, [])),
            completeness(entered, expected),
        )
    return offices


def served_below(agency: Agency, year: int, code: str) -> list[ServingNode]:
    """The indicators of the direct child offices that serve `agency`'s indicator `code`, each
    with its stored figures and the number of its own child offices serving it: three queries."""
    found = list(
        Indicator.objects.filter(
            objective__plan__agency__parent=agency, serves=code, **in_period(year)
        )
        .exclude(retired_from__lte=year)
        .order_by("objective__plan__agency__code", "objective__position", "position", "pk")
        .values_list(
            "objective__plan__agency_id",
            "objective__plan__agency__code",
            "objective__plan__agency__name",
            "code",
            "name",
        )
    )
    if not found:
        return []
    stored = {
        (agency_id, item): _figures(value, expected, entered)
        for agency_id, item, value, expected, entered in OfficeResult.objects.filter(
            agency__parent=agency,
            year=year,
            kind=Kind.INDICATOR,
            code__in={row[3] for row in found},
        ).values_list("agency_id", "code", "value", "expected", "entered")
    }
    below = {
        (parent_id, served): n
        for parent_id, served, n in Indicator.objects.filter(
            objective__plan__agency__parent__parent=agency,
            serves__in={row[3] for row in found},
            **in_period(year),
        )
        .exclude(retired_from__lte=year)
        .values_list("objective__plan__agency__parent_id", "serves")
        .annotate(n=Count("objective__plan__agency", distinct=True))
        .order_by()
    }
    return [
        ServingNode(
            office_code,
            office_name,
            agency_id,
            item,
            name,
            stored.get((agency_id, item), NOTHING),
            below.get((agency_id, item), 0),
        )
        for agency_id, office_code, office_name, item, name in found
    ]
