"""Fetching objects with their permissions: the only way views reach office data.

Each helper returns the object and the actions the user may take on it. An object outside the
user's scope (another office, not below theirs) is answered with 404, as if it did not exist;
an object in scope for which the permission asked is missing is answered with 403.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from kinerja.accounts import rules as r
from kinerja.accounts.models import Membership
from kinerja.accounts.rules import User, can
from kinerja.agencies.models import Agency, WorkUnit
from kinerja.results.models import Evidence, Realization, ReportingYear, Spending

T = TypeVar("T")


@dataclass(frozen=True)
class Access(Generic[T]):
    """An object the user may see, and the permissions they hold on it."""

    obj: T
    allowed: frozenset[str]

    def may(self, permission: str) -> bool:
        return permission in self.allowed


def _check(user: User, obj: T, permission: str, names: tuple[str, ...]) -> Access[T]:
    if not can(user, r.VIEW, obj):
        raise Http404("Tidak ditemukan.")
    if not can(user, permission, obj):
        raise PermissionDenied("Anda tidak berwenang melakukan ini.")
    return Access(obj, r.allowed(user, obj, names))


def visible_agencies(user: User) -> QuerySet[Agency]:
    """The offices with a dataset that the user may see, for menus and the home page."""
    ids: set[int] = set()
    for agency_id, _, role in r.memberships(user):
        ids.add(agency_id)
        if role in (r.Role.ADMIN, r.Role.VIEWER):
            ids.update(Agency.objects.get(pk=agency_id).descendants().values_list("pk", flat=True))
    return Agency.objects.filter(pk__in=ids, has_dataset=True)


def access_agency(user: User, code: str, permission: str = r.VIEW) -> Access[Agency]:
    agency = Agency.objects.select_related("parent").filter(code=code, has_dataset=True).first()
    if agency is None:
        raise Http404("Instansi tidak ditemukan.")
    return _check(user, agency, permission, r.AGENCY_PERMISSIONS)


def access_year(
    user: User, code: str, year: int, permission: str = r.VIEW
) -> Access[ReportingYear]:
    record = (
        ReportingYear.objects.select_related("agency", "agency__parent", "locked_by")
        .filter(agency__code=code, agency__has_dataset=True, year=year)
        .first()
    )
    if record is None:
        raise Http404("Tahun laporan tidak ditemukan.")
    return _check(user, record, permission, r.YEAR_PERMISSIONS)


def access_unit(
    user: User, year: ReportingYear, unit_code: str, permission: str = r.VIEW
) -> Access[WorkUnit]:
    unit = WorkUnit.objects.filter(agency=year.agency, code=unit_code).first()
    if unit is None:
        raise Http404("Unit kerja tidak ditemukan.")
    unit.agency = year.agency
    unit.reporting_year = year  # type: ignore[attr-defined]  # the year the unit is entered for
    return _check(user, unit, permission, r.UNIT_PERMISSIONS)


def access_realization(user: User, pk: int, permission: str = r.VIEW) -> Access[Realization]:
    realization = (
        Realization.objects.select_related(
            "reporting_year__agency__parent", "indicator__work_unit", "indicator__objective"
        )
        .filter(pk=pk)
        .first()
    )
    if realization is None:
        raise Http404("Realisasi tidak ditemukan.")
    return _check(user, realization, permission, r.REALIZATION_PERMISSIONS)


def access_spending(user: User, pk: int, permission: str = r.VIEW) -> Access[Spending]:
    spending = (
        Spending.objects.select_related(
            "reporting_year__agency__parent", "program", "activity__program"
        )
        .filter(pk=pk)
        .first()
    )
    if spending is None:
        raise Http404("Realisasi anggaran tidak ditemukan.")
    return _check(user, spending, permission, r.SPENDING_PERMISSIONS)


def access_evidence(user: User, pk: int) -> Evidence:
    """A stored evidence file the user may read (any evidence of an office they can see)."""
    evidence = (
        Evidence.objects.select_related(
            "realization__reporting_year__agency__parent",
            "measurement_row__table__reporting_year__agency__parent",
        )
        .filter(pk=pk, sha256__isnull=False, size__isnull=False)
        .first()
    )
    if evidence is None:
        raise Http404("Bukti dukung tidak ditemukan.")
    year = (
        evidence.realization.reporting_year
        if evidence.realization is not None
        else evidence.measurement_row.table.reporting_year  # type: ignore[union-attr]
    )
    if not can(user, r.VIEW, year):
        raise Http404("Bukti dukung tidak ditemukan.")
    return evidence


# --- user management: offices with or without a dataset ------------------------------------------


def access_office(user: User, code: str, permission: str = r.MANAGE_USERS) -> Access[Agency]:
    """Any office of the tree, a bare parent office too (its administrators manage its users)."""
    agency = Agency.objects.select_related("parent").filter(code=code).first()
    if agency is None:
        raise Http404("Instansi tidak ditemukan.")
    return _check(user, agency, permission, r.AGENCY_PERMISSIONS)


def administered_offices(user: User) -> QuerySet[Agency]:
    """The offices where the user holds the administrator role (the roots of their reach)."""
    ids = {agency_id for agency_id, _, role in r.memberships(user) if role == r.Role.ADMIN}
    return Agency.objects.filter(pk__in=ids)


def access_membership(user: User, pk: int, permission: str = r.MANAGE_USERS) -> Access[Membership]:
    membership = Membership.objects.select_related("user", "agency__parent").filter(pk=pk).first()
    if membership is None:
        raise Http404("Keanggotaan tidak ditemukan.")
    return _check(user, membership, permission, r.MEMBERSHIP_PERMISSIONS)


def access_account(user: User, agency: Agency, pk: int) -> AbstractUser:
    """A user account that belongs to `agency` (fetched with `access_office`), to manage itself.

    404 when the account has no membership of the office; 403 when it also belongs to an office
    outside the user's reach, or is a server administrator's account.
    """
    account = get_user_model().objects.filter(pk=pk, memberships__agency=agency).distinct().first()
    if account is None:
        raise Http404("Pengguna tidak ditemukan.")
    if not can(user, r.MANAGE_ACCOUNT, account):
        raise PermissionDenied(
            "Akun ini juga terdaftar di instansi di luar kewenangan Anda, atau akun administrator "
            "server: kelola akunnya dari sana."
        )
    return account  # type: ignore[no-any-return]
