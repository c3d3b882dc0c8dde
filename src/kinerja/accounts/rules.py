"""Every permission of Kinerja, as rules (django-rules): the one place that decides who may do what.

A permission is tested against an object: an `Agency`, a `WorkUnit`, a `ReportingYear` or a
`Realization`. Whoever has no membership reaching the object's office cannot see it at all
(the access helpers answer 404); whoever can see it but lacks the permission gets 403.

Roles (`docs/web.md`):
- administrator: everything in their office and every office below it;
- planner (perencana): plans, imports, verifies or returns realisations, revises a locked year;
- operator: enters and submits the realisations of their own work unit;
- leader (pimpinan): approves the year, which locks it;
- the operators of the office's finance unit (`Agency.finance_unit_code`) enter and submit the
  budget realisation (`Spending`), which a planner verifies like a realisation;
- auditor: reads; records the review, sets the evaluator's values of the LKE, finalises the
  LKE and reopens it with a reason;
- viewer (pemantau): reads their office and every office below it.

Nobody verifies what they submitted themselves. Users are managed by administrators alone: the
memberships of their office and of every office below it (`MANAGE_USERS`, on an `Agency` or a
`Membership`), and a user account itself (`MANAGE_ACCOUNT`: activate, set a password) only when
every office the account belongs to is within their reach and it is no server staff account.
An administrator revokes the API tokens of any user of their offices (`MANAGE_TOKEN`, on an
`ApiToken`): a token acts with all its user's roles, theirs included (server staff excepted).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import rules
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from kinerja.accounts.choices import Role
from kinerja.accounts.models import Membership
from kinerja.agencies.models import Agency, WorkUnit
from kinerja.api.models import ApiToken
from kinerja.results.choices import RealizationStatus
from kinerja.results.models import Realization, ReportingYear, Spending

User = AbstractBaseUser | AnonymousUser

# The permission names; views and templates use these constants, never bare strings.
VIEW = "agency.view"
EXPORT = "agency.export"
EDIT_PLAN = "agency.edit_plan"
IMPORT = "agency.import"
LOCK_YEAR = "year.lock"
REVISE = "year.revise"
ENTER = "unit.enter"
EDIT_REALIZATION = "realization.edit"
SUBMIT = "realization.submit"
VERIFY = "realization.verify"
RETURN = "realization.return"
REVISE_REALIZATION = "realization.revise"
MANAGE_USERS = "agency.manage_users"
MANAGE_ACCOUNT = "account.manage"
MANAGE_TOKEN = "token.manage"
RECORD_REVIEW = "year.record_review"
ANSWER_LKE = "year.answer_lke"
EVALUATE_LKE = "year.evaluate_lke"
# Finalise the year's LKE ("LKE final") and reopen it: the evaluator's (docs/decisions.md).
FINALIZE_LKE = "year.finalize_lke"
REOPEN_LKE = "year.reopen_lke"
# Take a submission back to draft before it is verified (whoever may enter for the unit).
WITHDRAW = "realization.withdraw"
PUBLISH = "year.publish"
# Budget realisation (`Spending`): entered by the finance unit's operators or a planner.
ENTER_SPENDING = "spending.enter"
EDIT_SPENDING = "spending.edit"
SUBMIT_SPENDING = "spending.submit"
VERIFY_SPENDING = "spending.verify"
RETURN_SPENDING = "spending.return"

AGENCY_PERMISSIONS = (VIEW, EXPORT, EDIT_PLAN, IMPORT, REVISE, MANAGE_USERS)
MEMBERSHIP_PERMISSIONS = (VIEW, MANAGE_USERS)
YEAR_PERMISSIONS = (VIEW, EXPORT, EDIT_PLAN, IMPORT, LOCK_YEAR, REVISE, ENTER_SPENDING)
YEAR_PERMISSIONS += (RECORD_REVIEW, ANSWER_LKE, EVALUATE_LKE, FINALIZE_LKE, REOPEN_LKE)
UNIT_PERMISSIONS = (VIEW, ENTER)
REALIZATION_PERMISSIONS = (VIEW, EDIT_REALIZATION, SUBMIT, VERIFY, RETURN, REVISE_REALIZATION)
SPENDING_PERMISSIONS = (VIEW, EDIT_SPENDING, SUBMIT_SPENDING, VERIFY_SPENDING, RETURN_SPENDING)


# --- what an object belongs to --------------------------------------------------------------------


def agency_of(obj: Any) -> Agency | None:
    """The office an object belongs to (callers fetch the relations with `select_related`)."""
    if isinstance(obj, Agency):
        return obj
    if isinstance(obj, WorkUnit | ReportingYear):
        return obj.agency
    if isinstance(obj, Realization | Spending):
        return obj.reporting_year.agency
    if isinstance(obj, Membership):
        return obj.agency
    return None


def _unit_code(obj: Any) -> str | None:
    if isinstance(obj, WorkUnit):
        return obj.code
    if isinstance(obj, Realization) and obj.indicator.work_unit is not None:
        return obj.indicator.work_unit.code
    return None


def _year_of(obj: Any) -> ReportingYear | None:
    """The reporting year of an object; a work unit carries the year it is fetched for."""
    if isinstance(obj, ReportingYear):
        return obj
    if isinstance(obj, WorkUnit):
        return getattr(obj, "reporting_year", None)
    if isinstance(obj, Realization | Spending):
        return obj.reporting_year
    return None


def lineage(agency: Agency) -> frozenset[int]:
    """The office and every office above it, cached on the object (one query per level)."""
    cached: frozenset[int] | None = getattr(agency, "_kinerja_lineage", None)
    if cached is None:
        ids = {agency.pk}
        parent_id = agency.parent_id
        while parent_id is not None and parent_id not in ids:
            ids.add(parent_id)
            parent_id = Agency.objects.filter(pk=parent_id).values_list("parent_id", flat=True)[0]
        cached = frozenset(ids)
        agency._kinerja_lineage = cached  # type: ignore[attr-defined]
    return cached


def memberships(user: User) -> list[tuple[int, str | None, str]]:
    """The user's memberships as (agency id, work unit code, role), cached on the user object."""
    if not user.is_authenticated:
        return []
    cached: list[tuple[int, str | None, str]] | None = getattr(user, "_kinerja_memberships", None)
    if cached is None:
        cached = list(user.memberships.values_list("agency_id", "work_unit_code", "role"))  # type: ignore[union-attr]
        user._kinerja_memberships = cached  # type: ignore[union-attr]
    return cached


# --- predicates -----------------------------------------------------------------------------------


def _role_here(*roles: Role) -> rules.Predicate:
    wanted = {role.value for role in roles}

    @rules.predicate(name=f"role_here({','.join(sorted(wanted))})")
    def check(user: User, obj: Any) -> bool:
        agency = agency_of(obj)
        return agency is not None and any(
            agency_id == agency.pk and role in wanted for agency_id, _, role in memberships(user)
        )

    return check


def _role_at_or_above(role: Role) -> rules.Predicate:
    @rules.predicate(name=f"role_at_or_above({role.value})")
    def check(user: User, obj: Any) -> bool:
        agency = agency_of(obj)
        if agency is None:
            return False
        held = {agency_id for agency_id, _, r in memberships(user) if r == role}
        return bool(held) and not held.isdisjoint(lineage(agency))

    return check


@rules.predicate
def is_unit_operator(user: User, obj: Any) -> bool:
    """An operator of the object's own work unit."""
    agency, unit_code = agency_of(obj), _unit_code(obj)
    return (
        agency is not None
        and unit_code is not None
        and any(
            agency_id == agency.pk and code == unit_code and role == Role.OPERATOR
            for agency_id, code, role in memberships(user)
        )
    )


@rules.predicate
def is_finance_operator(user: User, obj: Any) -> bool:
    """An operator of the office's finance unit (`Agency.finance_unit_code`)."""
    agency = agency_of(obj)
    code = agency.finance_unit_code if agency is not None else None
    return (
        agency is not None
        and code is not None
        and any(
            agency_id == agency.pk and unit == code and role == Role.OPERATOR
            for agency_id, unit, role in memberships(user)
        )
    )


@rules.predicate
def year_open(user: User, obj: Any) -> bool:
    year = _year_of(obj)
    return year is not None and not year.is_locked


@rules.predicate
def year_locked(user: User, obj: Any) -> bool:
    year = _year_of(obj)
    return year is not None and year.is_locked


@rules.predicate
def is_editable(user: User, obj: Any) -> bool:
    """A draft, or a realisation (or budget realisation) returned to its operator."""
    return isinstance(obj, Realization | Spending) and obj.status in (
        RealizationStatus.DRAFT,
        RealizationStatus.RETURNED,
    )


@rules.predicate
def is_submitted(user: User, obj: Any) -> bool:
    return isinstance(obj, Realization | Spending) and obj.status == RealizationStatus.SUBMITTED


@rules.predicate
def is_own_submission(user: User, obj: Any) -> bool:
    return isinstance(obj, Realization | Spending) and obj.submitted_by_id == user.pk


is_admin = _role_at_or_above(Role.ADMIN)


def manageable_accounts(user: User, accounts: Iterable[AbstractBaseUser]) -> set[int]:
    """The ids of those `accounts` that `user` may manage (`MANAGE_ACCOUNT`): every office the
    account belongs to is one `user` administers (or lies below one), and it is no server
    administrator's account (Django admin: managed on the server, never here).

    One query for the accounts' offices, then the lineage of each distinct office: a page of an
    office's users costs the same few queries whatever its length.
    """
    candidates = {
        a.pk
        for a in accounts
        if a.pk is not None
        and not (getattr(a, "is_staff", False) or getattr(a, "is_superuser", False))
    }
    offices_of: dict[int, set[int]] = {}
    for account_id, agency_id in Membership.objects.filter(user_id__in=candidates).values_list(
        "user_id", "agency_id"
    ):
        offices_of.setdefault(account_id, set()).add(agency_id)
    offices = Agency.objects.in_bulk({a for ids in offices_of.values() for a in ids})
    administered = {pk for pk, office in offices.items() if is_admin.test(user, office)}
    return {account for account, ids in offices_of.items() if ids <= administered}


@rules.predicate
def manages_account(user: User, obj: Any) -> bool:
    """A user account that `user` may manage (see `manageable_accounts`)."""
    return isinstance(obj, AbstractBaseUser) and obj.pk in manageable_accounts(user, [obj])


@rules.predicate
def administers_token_user(user: User, obj: Any) -> bool:
    """A token of a user who belongs to an office that `user` administers (or one below it)."""
    if not isinstance(obj, ApiToken):
        return False
    owner = obj.user
    if owner.is_staff or owner.is_superuser:
        return False
    offices = Agency.objects.filter(memberships__user_id=owner.pk).distinct()
    return any(is_admin.test(user, office) for office in offices)


is_viewer = _role_at_or_above(Role.VIEWER)
is_planner = _role_here(Role.PLANNER)
is_leader = _role_here(Role.LEADER)
is_member = _role_here(Role.PLANNER, Role.OPERATOR, Role.LEADER, Role.AUDITOR)

can_view = is_admin | is_viewer | is_member
plans_office = is_admin | is_planner
enters_unit = plans_office | is_unit_operator
enters_spending = plans_office | is_finance_operator

permissions = rules.RuleSet()
permissions.add_rule(VIEW, can_view)
permissions.add_rule(EXPORT, plans_office | is_leader | _role_here(Role.AUDITOR))
permissions.add_rule(EDIT_PLAN, plans_office)
permissions.add_rule(PUBLISH, plans_office | is_leader)
permissions.add_rule(IMPORT, plans_office)
permissions.add_rule(LOCK_YEAR, is_leader & year_open)
permissions.add_rule(REVISE, plans_office)
permissions.add_rule(ENTER, enters_unit & year_open)
permissions.add_rule(EDIT_REALIZATION, enters_unit & year_open & is_editable)
permissions.add_rule(SUBMIT, enters_unit & year_open & is_editable)
permissions.add_rule(VERIFY, plans_office & year_open & is_submitted & ~is_own_submission)
permissions.add_rule(RETURN, plans_office & year_open & is_submitted & ~is_own_submission)
permissions.add_rule(REVISE_REALIZATION, plans_office & year_locked)
permissions.add_rule(WITHDRAW, enters_unit & year_open & is_submitted)
permissions.add_rule(ENTER_SPENDING, enters_spending & year_open)
permissions.add_rule(EDIT_SPENDING, enters_spending & year_open & is_editable)
permissions.add_rule(SUBMIT_SPENDING, enters_spending & year_open & is_editable)
permissions.add_rule(VERIFY_SPENDING, plans_office & year_open & is_submitted & ~is_own_submission)
permissions.add_rule(RETURN_SPENDING, plans_office & year_open & is_submitted & ~is_own_submission)
permissions.add_rule(MANAGE_USERS, is_admin)
permissions.add_rule(MANAGE_ACCOUNT, manages_account)
permissions.add_rule(MANAGE_TOKEN, administers_token_user)
# The review and the LKE (docs/web.md): the auditor (APIP) records the review and sets the
# evaluator's values; the office's planners check criteria and give the self-assessment.
permissions.add_rule(RECORD_REVIEW, is_admin | _role_here(Role.AUDITOR))
permissions.add_rule(ANSWER_LKE, plans_office)
permissions.add_rule(EVALUATE_LKE, is_admin | _role_here(Role.AUDITOR))
# Finalising fixes the evaluator's score: the evaluator's act (the auditor, or an administrator
# standing in). Reopening belongs to the same role. Four eyes and the state are checked by the
# actions (`kinerja.evaluations.finality`), which say why in Indonesian.
permissions.add_rule(FINALIZE_LKE, is_admin | _role_here(Role.AUDITOR))
permissions.add_rule(REOPEN_LKE, is_admin | _role_here(Role.AUDITOR))


def can(user: User, permission: str, obj: Any) -> bool:
    """Whether `user` holds `permission` on `obj`. Superusers get no bypass: roles decide."""
    return permissions.test_rule(permission, user, obj)


def allowed(user: User, obj: Any, names: tuple[str, ...]) -> frozenset[str]:
    """The permissions among `names` that `user` holds on `obj`."""
    return frozenset(name for name in names if can(user, name, obj))
