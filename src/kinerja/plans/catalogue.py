"""The plan's catalogue edited item by item: the Renstra, its parts, and the work units.

One implementation for the web editor and the API. An item is written in the dataset's form and
checked by the dataset's own schema (`kinerja.dataset.schema`): the item alone first (its fields,
codes, values), then the office's whole dataset with the change in place (duplicate codes,
references, units), so the editor accepts exactly what a dataset file may hold, with the same
Indonesian messages. Nothing is written unless the whole dataset stays valid.

An indicator that has realisations is never removed: it is retired from a year on
(`retired_from`), and later years neither agree nor measure it. Every year's documents print
the plan, so while any year of the office is locked a change needs a reason and is recorded as
a `Revision` in each locked year (the rule `actions.update_strategic_plan` follows).

An office may hold several Renstra periods (`plans.periods`): an item belongs to one plan, is
checked within that plan's period (its place in the dataset: `strategic_plan`, or one of
`other_periods`), and a code change follows the references of that period only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.utils import timezone
from pydantic import ValidationError

from kinerja.accounts.models import Membership
from kinerja.accounts.rules import User
from kinerja.agencies.datasets import export_dataset
from kinerja.agencies.datasets.jsonforms import plain, targets_to_json
from kinerja.agencies.models import Agency, Division, WorkUnit
from kinerja.dataset import schema as ds
from kinerja.dataset.errors import format_path, problems_from_validation
from kinerja.digests import digest_of
from kinerja.plans.actions import PlanChange, begin_plan_change
from kinerja.plans.models import (
    Activity,
    AgreementRow,
    BudgetLine,
    BudgetObjective,
    Goal,
    GoalIndicator,
    Indicator,
    Mission,
    Objective,
    Program,
    StrategicPlan,
)
from kinerja.results.actions import StaleVersion, WorkflowError
from kinerja.results.models import (
    MeasurementRow,
    MeasurementRowIndicator,
    NarrativeIndicator,
    NarrativeSection,
    Realization,
    ReportingYear,
    Spending,
)

Data = dict[str, Any]


class PlanItemInvalid(WorkflowError):
    """The item, or the dataset with it, breaks the dataset's rules: every problem, by field.

    `fields` maps a field of the item (`code`, `renstra_targets`) to its messages; problems
    elsewhere in the dataset are under `""`.
    """

    def __init__(self, fields: dict[str, list[str]]) -> None:
        self.fields = fields
        lines = [f"{name}: {m}" if name else m for name, ms in fields.items() for m in ms]
        super().__init__("; ".join(lines))


@dataclass(frozen=True)
class Kind:
    """A kind of plan item: its table, its dataset model and where its list is."""

    name: str
    label: str
    model: type[models.Model]
    schema: type[ds.Model]
    parent: str | None  # the kind of the item whose list holds it; None: a list of the office
    parent_field: str  # the foreign key to the parent (or to the plan / the office)
    children: tuple[str, ...] = ()  # lists of other kinds inside, not edited with the item


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("work_unit", "Unit kerja", WorkUnit, ds.WorkUnit, None, "agency"),
        Kind("mission", "Misi", Mission, ds.Mission, None, "plan"),
        Kind("goal", "Tujuan", Goal, ds.Goal, None, "plan", ("indicators",)),
        Kind("goal_indicator", "Indikator tujuan", GoalIndicator, ds.GoalIndicator, "goal", "goal"),
        Kind("objective", "Sasaran", Objective, ds.Objective, None, "plan", ("indicators",)),
        Kind("indicator", "Indikator", Indicator, ds.Indicator, "objective", "objective"),
        Kind("program", "Program", Program, ds.Program, None, "plan", ("activities",)),
        Kind("activity", "Kegiatan", Activity, ds.Activity, "program", "program"),
    )
}
PLAN_FIELDS = ("start", "end", "title", "decree", "established_on", "vision")


def kind_of(record: models.Model) -> Kind:
    return next(k for k in KINDS.values() if isinstance(record, k.model))


# --- where an item is -------------------------------------------------------------------------


def agency_of_item(record: models.Model) -> Agency:
    """The office an item (or its plan) belongs to."""
    if isinstance(record, WorkUnit):
        return record.agency
    if isinstance(record, StrategicPlan):
        return record.agency
    if isinstance(record, Mission | Goal | Objective | Program):
        return record.plan.agency
    if isinstance(record, GoalIndicator):
        return record.goal.plan.agency
    if isinstance(record, Indicator):
        return record.objective.plan.agency
    assert isinstance(record, Activity)
    return record.program.plan.agency


def plan_of_item(record: models.Model) -> StrategicPlan | None:
    """The Renstra an item belongs to (None for a work unit, which is the office's)."""
    if isinstance(record, StrategicPlan):
        return record
    if isinstance(record, Mission | Goal | Objective | Program):
        return record.plan
    if isinstance(record, GoalIndicator):
        return record.goal.plan
    if isinstance(record, Indicator):
        return record.objective.plan
    if isinstance(record, Activity):
        return record.program.plan
    return None


def default_plan(agency: Agency) -> StrategicPlan:
    """The plan edited when none is named: the office's latest period."""
    found = StrategicPlan.objects.latest_of(agency)
    if found is None:
        raise WorkflowError(f"{agency.name} belum punya Renstra.")
    return found


def _plan_path(tree: Data, plan: StrategicPlan) -> tuple[str | int, ...]:
    """Where the plan stands in the dataset's plain form."""
    if tree["strategic_plan"]["start"] == plan.start:
        return ("strategic_plan",)
    for k, other in enumerate(tree.get("other_periods") or ()):
        if other["strategic_plan"]["start"] == plan.start:
            return ("other_periods", k, "strategic_plan")
    raise KeyError(plan.start)


def _period_parts(tree: Data, plan_path: tuple[str | int, ...]) -> list[Any]:
    """The parts of the dataset a plan's codes are referred from: its plan and its years."""
    if plan_path == ("strategic_plan",):
        return [tree["strategic_plan"], tree["years"]]
    return [_at(tree, plan_path[:-1])]


def siblings(kind: Kind, owner: models.Model) -> models.QuerySet[Any]:
    """The list an item of `kind` stands in, under `owner` (its parent, plan or office)."""
    return kind.model.objects.filter(**{kind.parent_field: owner}).order_by("position", "pk")  # type: ignore[attr-defined,no-any-return]


def owner_of(record: models.Model) -> models.Model:
    kind = kind_of(record)
    owner: models.Model = getattr(record, kind.parent_field)
    return owner


def _list_path(kind: Kind, owner: models.Model, tree: Data) -> tuple[str | int, ...]:
    """The path of the item's list in the dataset's plain form."""
    if kind.name == "work_unit":
        return ("work_units",)
    plan_lists = {"mission": "missions", "goal": "goals", "objective": "objectives"}
    if kind.name in plan_lists:
        assert isinstance(owner, StrategicPlan)
        return (*_plan_path(tree, owner), plan_lists[kind.name])
    if kind.name == "program":
        assert isinstance(owner, StrategicPlan)
        return (*_plan_path(tree, owner), "programs")
    parent_kind = KINDS[kind.parent]  # type: ignore[index]
    index = list(siblings(parent_kind, owner_of(owner))).index(owner)
    field = "activities" if kind.name == "activity" else "indicators"
    return (*_list_path(parent_kind, owner_of(owner), tree), index, field)


def _at(tree: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        tree = tree[part]
    return tree


def item_data(record: models.Model) -> Data:
    """The item in the dataset's plain form, without the lists of other kinds inside it."""
    agency = agency_of_item(record)
    tree = _plain(agency)
    if isinstance(record, StrategicPlan):
        return {k: v for k, v in _at(tree, _plan_path(tree, record)).items() if k in PLAN_FIELDS}
    kind = kind_of(record)
    owner = owner_of(record)
    index = list(siblings(kind, owner)).index(record)
    data = dict(_at(tree, _list_path(kind, owner, tree))[index])
    return {k: v for k, v in data.items() if k not in kind.children}


def data_fingerprint(data: Data) -> str:
    """A digest of an item's data (`item_data`, `items_of`)."""
    return digest_of(data)


def item_fingerprint(record: models.Model) -> str:
    """A digest of the item as stored: what the planner was shown. A change from a page (or an
    API client) that read something else is refused (`update_item`)."""
    return data_fingerprint(item_data(record))


ITEM_CHANGED = (
    "Butir ini telah diubah orang lain sejak halaman dibuka; isian Anda belum disimpan. Muat "
    "ulang halaman, periksa, lalu simpan lagi bila perlu."
)


def items_of(
    agency: Agency, kind_name: str, plan: StrategicPlan | None = None
) -> list[tuple[models.Model, Data]]:
    """Every item of a kind in the office's plan (by default its latest period), in order,
    with its data (one export for all); `plan` kind: every Renstra period of the office."""
    tree = _plain(agency)
    if kind_name == "plan":
        plans = [plan] if plan is not None else list(agency.strategic_plans.order_by("start"))
        return [
            (p, {k: v for k, v in _at(tree, _plan_path(tree, p)).items() if k in PLAN_FIELDS})
            for p in plans
        ]
    plan = plan or default_plan(agency)
    kind = KINDS[kind_name]
    owners: list[models.Model]
    if kind.parent is None:
        owners = [agency if kind.name == "work_unit" else plan]
    else:
        parent = KINDS[kind.parent]
        owners = list(siblings(parent, plan))
    found: list[tuple[models.Model, Data]] = []
    for owner in owners:
        listed = _at(tree, _list_path(kind, owner, tree))
        for record, data in zip(siblings(kind, owner), listed, strict=True):
            found.append((record, {k: v for k, v in data.items() if k not in kind.children}))
    return found


def _plain(agency: Agency) -> Data:
    return export_dataset(agency).model_dump(mode="json")


# --- validation by the dataset schema --------------------------------------------------------


def _problems(error: ValidationError, item: tuple[str | int, ...]) -> dict[str, list[str]]:
    """Problems by field of the item at `item` (a path in the dataset), `""` for elsewhere."""
    prefix = format_path(item) if item else ""
    fields: dict[str, list[str]] = {}
    for problem in problems_from_validation(error, "", lambda _: None):
        text = problem.field
        if prefix and not text.startswith(prefix + "."):
            fields.setdefault("", []).append(f"{text}: {problem.message}")
            continue
        inner = text[len(prefix) + 1 :] if prefix else text
        if inner == "(dokumen)":
            fields.setdefault("", []).append(problem.message)
            continue
        name, _, rest = inner.replace("[", ".").replace("]", "").partition(".")
        where = f"{rest.replace('.', ' ')}: " if rest else ""
        found = f" (ditemukan: {problem.found})" if problem.found is not None else ""
        fields.setdefault(name, []).append(f"{where}{problem.message}{found}")
    return fields


# The field that refers to an item of each kind elsewhere in the dataset, by its code.
REFERENCED_AS = {
    "work_unit": "work_unit",  # and `reports_to`, followed below
    "goal": "goal",
    "objective": "objective",
    "indicator": "indicator",
    "program": "program",
    "activity": "activity",
}


def _rename(tree: Any, field: str, old: str, new: str) -> None:
    """Follow a code change through every reference to it (`field`, or a list `fields`)."""
    if isinstance(tree, list):
        for value in tree:
            _rename(value, field, old, new)
        return
    if not isinstance(tree, dict):
        return
    for key, value in tree.items():
        if key == field and value == old:
            tree[key] = new
        elif key == f"{field}s" and isinstance(value, list):
            tree[key] = [new if item == old else item for item in value]
            _rename(value, field, old, new)
        else:
            _rename(value, field, old, new)


def _checked_item(kind: Kind, data: Data) -> Any:
    """The item read by its dataset model; raises `PlanItemInvalid` naming each field."""
    children = {name: _stub_children(kind, name) for name in kind.children}
    unknown = sorted(set(data) - set(kind.schema.model_fields) | set(data) & set(kind.children))
    if unknown:
        raise PlanItemInvalid({name: ["kolom tidak dikenal"] for name in unknown})
    try:
        return kind.schema.model_validate({**data, **children})
    except ValidationError as exc:
        raise PlanItemInvalid(_problems(exc, ())) from None


def _own(kind: Kind, item: Any) -> Data:
    """The item's own fields in the dataset's plain form."""
    return {k: v for k, v in item.model_dump(mode="json").items() if k not in kind.children}


def _stub_children(kind: Kind, name: str) -> list[Any]:
    """An objective needs an indicator to be read alone; its own are checked with the dataset."""
    if kind.name == "objective" and name == "indicators":
        return [{"code": "x", "name": "x"}]
    return []


def _check_dataset(tree: Data, item: tuple[str | int, ...]) -> None:
    try:
        ds.Dataset.model_validate(tree)
    except ValidationError as exc:
        raise PlanItemInvalid(_problems(exc, item)) from None


# --- the rule of locked years ------------------------------------------------------------------


def locked_years(agency: Agency, plan: StrategicPlan | None = None) -> list[int]:
    """The office's locked years (of `plan`'s period, when given): while there are any, a
    change to that plan needs a reason."""
    found = ReportingYear.objects.filter(agency=agency, locked_at__isnull=False)
    if plan is not None:
        found = found.filter(year__gte=plan.start, year__lte=plan.end)
    return list(found.order_by("year").values_list("year", flat=True))


# --- writing an item into its row --------------------------------------------------------------


def _by_code(model: type[models.Model], code: str | None, **scope: Any) -> Any:
    return None if code is None else model.objects.get(code=code, **scope)  # type: ignore[attr-defined]


def _assign(record: models.Model, item: Any, agency: Agency) -> None:
    """Copy the fields of a dataset item into its row (references by code)."""
    if isinstance(record, StrategicPlan):
        for name in PLAN_FIELDS:
            setattr(record, name, getattr(item, name))
        return
    record.code = item.code  # type: ignore[attr-defined]
    if isinstance(record, WorkUnit):
        record.name, record.short_name = item.name, item.short_name
        record.division = _by_code(Division, item.division, agency=agency)
        record.head = plain(item.head)
        record.reports_to = _by_code(WorkUnit, item.reports_to, agency=agency)
    elif isinstance(record, Mission | Goal):
        record.text = item.text
    elif isinstance(record, GoalIndicator):
        record.name, record.targets = item.name, targets_to_json(item.targets)
    elif isinstance(record, Objective):
        record.name, record.weight = item.name, item.weight
        record.goal = _by_code(Goal, item.goal, plan=record.plan)
    elif isinstance(record, Indicator):
        _assign_indicator(record, item, agency)
    else:
        assert isinstance(record, Program | Activity)
        record.name = item.name


def _write_shares(record: models.Model, item: Any) -> None:
    """The objectives a program's or an activity's budget serves, written again whole."""
    if not isinstance(record, Program | Activity):
        return
    side = "program" if isinstance(record, Program) else "activity"
    plan = record.plan if isinstance(record, Program) else record.program.plan
    BudgetObjective.objects.filter(**{side: record}).delete()
    BudgetObjective.objects.bulk_create(
        BudgetObjective(
            **{side: record},
            objective=Objective.objects.get(plan=plan, code=share.objective),
            share=share.share,
            position=k,
        )
        for k, share in enumerate(item.objectives)
    )


def _assign_indicator(record: Indicator, item: ds.Indicator, agency: Agency) -> None:
    record.name = item.name
    record.work_unit = _by_code(WorkUnit, item.work_unit, agency=agency)
    record.is_key = item.is_key
    record.polarity = item.polarity.value
    record.combine = item.combine.value
    record.grade_scale = item.grade_scale
    record.can_exceed_100 = item.can_exceed_100
    record.weight = item.weight
    record.renstra_targets = targets_to_json(item.renstra_targets)
    record.unit = item.unit
    record.cap_applies = None if item.cap_applies is None else item.cap_applies.value
    record.reference_targets = [plain(reference) for reference in item.reference_targets]
    record.retired_from = item.retired_from


def _label(record: models.Model) -> str:
    if isinstance(record, StrategicPlan):
        return f"Renstra {record.start}-{record.end}"
    return f"{kind_of(record).label} {record.code}"  # type: ignore[attr-defined]


def _retire_guard(record: Indicator, old: int | None, new: int | None, change: PlanChange) -> None:
    """A retirement may not reach back into a locked year: its measurement is signed."""
    if old == new:
        return
    reached = [y.year for y in change.locked if y.year >= min(x for x in (old, new) if x)]
    if reached:
        raise WorkflowError(
            f"Tahun {', '.join(map(str, reached))} sudah dikunci: indikator {record.code} hanya "
            f"dapat dihentikan mulai tahun sesudah {max(reached)}."
        )


# --- the operations ----------------------------------------------------------------------------


@transaction.atomic
def update_item(
    user: User, record: models.Model, data: Data, reason: str = "", shown: str | None = None
) -> bool:
    """Change an item's fields (the dataset's form); returns whether anything changed.

    `shown` is the `item_fingerprint` of the item as the planner read it: when the item changed
    since, the change is refused (`StaleVersion`) rather than overwriting the other change. The
    office's years are locked first (`begin_plan_change`), so two changes run one after the
    other and the second reads the first's result.
    """
    agency = agency_of_item(record)
    change = begin_plan_change(user, agency, reason, plan_of_item(record))
    record.refresh_from_db()
    old = item_data(record)
    if shown is not None and shown != data_fingerprint(old):
        raise StaleVersion(ITEM_CHANGED)
    tree = _plain(agency)
    if isinstance(record, StrategicPlan):
        path: tuple[str | int, ...] = _plan_path(tree, record)
        item = _checked_plan(_at(tree, path), data)
        new = {k: v for k, v in item.model_dump(mode="json").items() if k in PLAN_FIELDS}
        _at(tree, path).update(new)
    else:
        kind = kind_of(record)
        owner = owner_of(record)
        index = list(siblings(kind, owner)).index(record)
        path = (*_list_path(kind, owner, tree), index)
        item = _checked_item(kind, data)
        new = _own(kind, item)
        listed = _at(tree, path[:-1])
        listed[index] = {**listed[index], **new}
        if kind.name in REFERENCED_AS and old["code"] != new["code"]:
            plan = plan_of_item(record)
            # A work unit is the office's: referred to from every period.
            scope = [tree] if plan is None else _period_parts(tree, _plan_path(tree, plan))
            for part in scope:
                _rename(part, REFERENCED_AS[kind.name], old["code"], new["code"])
                if kind.name == "work_unit":
                    _rename(part, "reports_to", old["code"], new["code"])
    if new == old:
        return False
    change.require_reason()
    _check_dataset(tree, path)
    retiring = isinstance(record, Indicator) and record.retired_from != new.get("retired_from")
    if retiring:
        _retire_guard(record, record.retired_from, new.get("retired_from"), change)  # type: ignore[arg-type]
    if isinstance(record, WorkUnit) and record.code != new["code"]:
        Membership.objects.filter(agency=agency, work_unit_code=record.code).update(
            work_unit_code=new["code"]
        )
    _assign(record, item, agency)
    change.save(record)
    _write_shares(record, item)
    if retiring and new.get("retired_from") is not None:
        _leave_later_years(record, new["retired_from"])  # type: ignore[arg-type]
        _check_stored(agency)
    change.subjects.append((_label(record), old, new))
    change.finish()
    return True


def _leave_later_years(record: Indicator, year: int) -> None:
    """A retired indicator leaves the PKs and measurement tables of its later years; it may not
    be retired from a year it already has realisations in."""
    done = [y for y in realized_years(record) if y >= year]
    if done:
        raise WorkflowError(
            f"Indikator {record.code} sudah punya realisasi tahun {_years(done)}: hentikan "
            f"pemakaiannya mulai {max(done) + 1}."
        )
    AgreementRow.objects.filter(indicator=record, agreement__year__gte=year).delete()
    links = MeasurementRowIndicator.objects.filter(
        indicator=record, row__table__reporting_year__year__gte=year
    )
    emptied = list(links.values_list("row_id", flat=True))
    links.delete()
    MeasurementRow.objects.filter(pk__in=emptied, indicator_links__isnull=True).delete()


def _check_stored(agency: Agency) -> None:
    """The stored dataset is still valid (after rows went with an item), else nothing is."""
    try:
        export_dataset(agency)
    except ValidationError as exc:
        raise PlanItemInvalid(_problems(exc, ())) from None


def _checked_plan(current: Data, data: Data) -> Any:
    unknown = sorted(set(data) - set(PLAN_FIELDS))
    if unknown:
        raise PlanItemInvalid({name: ["kolom tidak dikenal"] for name in unknown})
    merged = {**current, **data}
    try:
        return ds.StrategicPlan.model_validate(merged)
    except ValidationError as exc:
        raise PlanItemInvalid(_problems(exc, ())) from None


@transaction.atomic
def create_item(
    user: User,
    agency: Agency,
    kind_name: str,
    data: Data,
    parent: models.Model | None = None,
    reason: str = "",
    plan: StrategicPlan | None = None,
) -> models.Model:
    """Add an item at the end of its list (under `parent` for indicators and activities; in
    `plan`, by default the office's latest period, for the plan's own lists).

    A new objective carries its first indicator in `indicators`: the dataset has no objective
    without one.
    """
    kind = KINDS[kind_name]
    if kind.name == "objective":
        first = (data.get("indicators") or [None])[0]
        if not isinstance(first, dict):
            raise PlanItemInvalid({"indicators": ["sasaran baru perlu indikator pertamanya"]})
        own = {k: v for k, v in data.items() if k != "indicators"}
        return create_objective(user, agency, own, first, reason, plan)
    if parent is not None:
        plan = plan_of_item(parent)
    elif kind.name != "work_unit":
        plan = _owned_plan(agency, plan)
    change = begin_plan_change(user, agency, reason, plan)
    item = _checked_item(kind, data)
    change.require_reason()
    owner = _owner(kind, agency, parent, plan)
    record = _new(kind, owner, agency)
    tree = _plain(agency)
    path = _list_path(kind, owner, tree)
    new = _own(kind, item)
    _at(tree, path).append({**{c: [] for c in kind.children}, **new})
    _check_dataset(tree, (*path, len(_at(tree, path)) - 1))
    _assign(record, item, agency)
    change.save(record)
    _write_shares(record, item)
    change.subjects.append((f"{_label(record)} ditambahkan", None, new))
    change.finish()
    return record


@transaction.atomic
def create_objective(
    user: User,
    agency: Agency,
    data: Data,
    indicator: Data,
    reason: str = "",
    plan: StrategicPlan | None = None,
) -> Objective:
    """Add an objective with its first indicator: the dataset has no objective without one."""
    kind, child = KINDS["objective"], KINDS["indicator"]
    plan = _owned_plan(agency, plan)
    change = begin_plan_change(user, agency, reason, plan)
    item = _checked_item(kind, data)
    change.require_reason()
    first = _checked_item(child, indicator)
    tree = _plain(agency)
    at = (*_plan_path(tree, plan), "objectives")
    listed = _at(tree, at)
    new = {**_own(kind, item), "indicators": [_own(child, first)]}
    listed.append(new)
    _check_dataset(tree, (*at, len(listed) - 1))
    record = _new(kind, plan, agency)
    _assign(record, item, agency)
    change.save(record)
    row = _new(child, record, agency)
    _assign(row, first, agency)
    change.save(row)
    change.subjects.append((f"{_label(record)} ditambahkan", None, new))
    change.finish()
    return record  # type: ignore[return-value]


def _owned_plan(agency: Agency, plan: StrategicPlan | None) -> StrategicPlan:
    if plan is None:
        return default_plan(agency)
    if plan.agency_id != agency.pk:
        raise WorkflowError("Renstra itu bukan milik instansi ini.")
    return plan


def _owner(
    kind: Kind, agency: Agency, parent: models.Model | None, plan: StrategicPlan | None = None
) -> models.Model:
    if kind.parent is None:
        return agency if kind.name == "work_unit" else _owned_plan(agency, plan)
    if not isinstance(parent, KINDS[kind.parent].model) or agency_of_item(parent) != agency:
        raise WorkflowError(f"{kind.label} perlu induk: {KINDS[kind.parent].label.lower()}.")
    return parent


def _new(kind: Kind, owner: models.Model, agency: Agency) -> models.Model:
    last = siblings(kind, owner).aggregate(models.Max("position"))["position__max"]
    return kind.model(**{kind.parent_field: owner, "position": 0 if last is None else last + 1})


@transaction.atomic
def move_item(user: User, record: models.Model, offset: int, reason: str = "") -> bool:
    """Move an item `offset` places in its list (−1 up, +1 down); False at either end."""
    agency = agency_of_item(record)
    change = begin_plan_change(user, agency, reason, plan_of_item(record))
    rows = list(siblings(kind_of(record), owner_of(record)))
    index = rows.index(record)
    target = index + offset
    if not 0 <= target < len(rows):
        return False
    change.require_reason()
    rows.insert(target, rows.pop(index))
    for position, row in enumerate(rows):
        if row.position != position:
            row.position = position
            change.save(row)
    codes = [row.code for row in rows]
    change.subjects.append((f"Urutan {kind_of(record).label.lower()}", None, codes))
    change.finish()
    return True


def realized_years(record: Indicator) -> list[int]:
    """The years in which the indicator has a realisation (quarterly or in a measurement)."""
    years = set(
        Realization.objects.filter(indicator=record).values_list("reporting_year__year", flat=True)
    )
    years |= set(
        MeasurementRow.objects.filter(
            indicator_links__indicator=record, realization__isnull=False
        ).values_list("table__reporting_year__year", flat=True)
    )
    return sorted(years)


def realized_indicators(agency: Agency) -> set[int]:
    """The office's indicators (ids) that have a realisation in some year."""
    found = set(
        Realization.objects.filter(reporting_year__agency=agency).values_list(
            "indicator_id", flat=True
        )
    )
    found |= set(
        MeasurementRowIndicator.objects.filter(
            row__table__reporting_year__agency=agency, row__realization__isnull=False
        ).values_list("indicator_id", flat=True)
    )
    return found


@transaction.atomic
def retire_indicator(user: User, record: Indicator, year: int | None, reason: str = "") -> None:
    """Stop agreeing and measuring an indicator from `year` on (None: use it again)."""
    data = {**item_data(record), "retired_from": year}
    update_item(user, record, data, reason)


@transaction.atomic
def remove_item(user: User, record: models.Model, reason: str = "") -> None:
    """Remove an item and what it holds, when nothing realised or locked depends on it.

    An indicator with realisations is refused (retire it instead); so is anything a locked year
    uses or budget already spent on. Rows of open years that only name the item (PK rows,
    budget lines, measurement links) go with it.
    """
    agency = agency_of_item(record)
    change = begin_plan_change(user, agency, reason, plan_of_item(record))
    change.require_reason()
    label = _label(record)
    old = item_data(record)
    for indicator in _indicators_in(record):
        done = realized_years(indicator)
        if done:
            raise WorkflowError(
                f"Indikator {indicator.code} sudah punya realisasi ({_years(done)}): tidak dapat "
                f"dihapus. Hentikan pemakaiannya mulai tahun berikutnya (pensiunkan)."
            )
        _refuse_locked_use(indicator, change.locked)
        AgreementRow.objects.filter(indicator=indicator).delete()
        links = MeasurementRowIndicator.objects.filter(indicator=indicator)
        emptied = list(links.values_list("row_id", flat=True))
        links.delete()
        MeasurementRow.objects.filter(pk__in=emptied, indicator_links__isnull=True).delete()
        NarrativeIndicator.objects.filter(indicator=indicator).delete()
    for line_owner in _budget_holders(record):
        spent = Spending.objects.filter(**line_owner).values_list("reporting_year__year", flat=True)
        if spent:
            raise WorkflowError(
                f"{label} sudah punya realisasi anggaran ({_years(sorted(set(spent)))}): "
                "tidak dapat dihapus."
            )
        lines = BudgetLine.objects.filter(**line_owner)
        if lines.filter(agreement__year__in=[y.year for y in change.locked]).exists():
            raise WorkflowError(f"{label} dipakai anggaran tahun yang sudah dikunci.")
        lines.delete()
    if isinstance(record, Goal):
        served = [o.code for o in record.objectives.all()]
        if served:
            raise WorkflowError(f"{label} masih dipakai sasaran {', '.join(served)}.")
    if isinstance(record, Objective | WorkUnit):
        held = NarrativeSection.objects.filter(**{kind_of(record).name: record})
        if held.exists():
            years = sorted(set(held.values_list("reporting_year__year", flat=True)))
            raise WorkflowError(f"{label} dipakai bagian narasi LKj {_years(years)}.")
    if (
        isinstance(record, WorkUnit)
        and Membership.objects.filter(agency=agency, work_unit_code=record.code).exists()
    ):
        raise WorkflowError(f"{label} masih dipakai keanggotaan pengguna: pindahkan dulu.")
    try:
        with transaction.atomic():
            _record_removal(record, user, change.note)
            record.delete()
    except (models.ProtectedError, models.RestrictedError):
        raise WorkflowError(f"{label} masih dipakai data lain; hapus pemakaiannya dulu.") from None
    _check_stored(agency)
    change.subjects.append((f"{label} dihapus", old, None))
    change.finish()


def _record_removal(record: models.Model, user: User, note: str) -> None:
    """The item's last state as a deletion in its history, with who removed it (the history
    records no deletion by itself; see `kinerja.audit`)."""
    history = type(record).history.model  # type: ignore[attr-defined]
    history.objects.create(
        history_date=timezone.now(),
        history_type="-",
        history_user=user,
        history_change_reason=f"Dihapus; {note}" if note else "Dihapus",
        **{f.attname: getattr(record, f.attname) for f in type(record)._meta.concrete_fields},
    )


def _years(years: list[int]) -> str:
    return ", ".join(map(str, years))


def _indicators_in(record: models.Model) -> list[Indicator]:
    if isinstance(record, Indicator):
        return [record]
    if isinstance(record, Objective):
        return list(record.indicators.all())
    return []


def _budget_holders(record: models.Model) -> list[dict[str, Any]]:
    if isinstance(record, Program):
        return [{"program": record}, *({"activity": a} for a in record.activities.all())]
    if isinstance(record, Activity):
        return [{"activity": record}]
    return []


def _refuse_locked_use(indicator: Indicator, locked: list[ReportingYear]) -> None:
    years = set(
        AgreementRow.objects.filter(
            indicator=indicator, agreement__year__in=[year.year for year in locked]
        ).values_list("agreement__year", flat=True)
    )
    years |= set(
        MeasurementRowIndicator.objects.filter(
            indicator=indicator, row__table__reporting_year__in=locked
        ).values_list("row__table__reporting_year__year", flat=True)
    )
    if years:
        raise WorkflowError(
            f"Indikator {indicator.code} dipakai tahun yang sudah dikunci ({_years(sorted(years))})"
            ": tidak dapat dihapus."
        )
