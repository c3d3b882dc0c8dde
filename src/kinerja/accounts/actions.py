"""The named changes of user management; each checks its rule, runs in one transaction, and
memberships carry their author in their history (django-simple-history).

An office keeps at least one active administrator: removing or demoting its last one, or
deactivating their account, is refused; so is removing or demoting one's own last administrator
membership, and deactivating one's own account. User accounts have no history table: their
changes (activation, passwords set by an administrator) are logged to `kinerja.accounts`.
"""

from __future__ import annotations

import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from kinerja.accounts import rules as r
from kinerja.accounts.choices import Role
from kinerja.accounts.models import Membership
from kinerja.accounts.rules import User, can
from kinerja.agencies.models import Agency
from kinerja.api.actions import revoke_token, revoke_tokens_of
from kinerja.api.models import ApiToken

log = logging.getLogger("kinerja.accounts")


class AccountError(Exception):
    """A change of users that is refused; the message is Indonesian and says why."""


def _require(actor: User, permission: str, obj: object) -> None:
    if not can(actor, permission, obj):
        raise PermissionDenied("Anda tidak berwenang melakukan ini.")


def _lock(agency: Agency) -> None:
    """Serialise the membership changes of one office (the last-administrator check)."""
    Agency.objects.select_for_update().filter(pk=agency.pk).values_list("pk").first()


def _active_admins(agency: Agency) -> int:
    return Membership.objects.filter(agency=agency, role=Role.ADMIN, user__is_active=True).count()


def _keep_an_administrator(actor: User, membership: Membership, what: str) -> None:
    """Refuse taking the administrator role away from `membership` when it is the last one."""
    if membership.role != Role.ADMIN:
        return
    _lock(membership.agency)
    if membership.user_id == actor.pk and not (
        Membership.objects.filter(user_id=actor.pk, role=Role.ADMIN)
        .exclude(pk=membership.pk)
        .exists()
    ):
        raise AccountError(
            f"Anda tidak dapat {what} keanggotaan administrator Anda sendiri yang terakhir: "
            "Anda akan kehilangan akses pengelolaan pengguna."
        )
    if membership.user.is_active and _active_admins(membership.agency) <= 1:
        raise AccountError(
            f"Tidak dapat {what} administrator aktif terakhir {membership.agency.name}. "
            "Tambahkan administrator lain terlebih dahulu."
        )


def _saved(membership: Membership, actor: User, reason: str) -> Membership:
    """Validate against the model's constraints, then save with author and reason."""
    try:
        membership.full_clean()
    except ValidationError as exc:
        raise AccountError(" ".join(exc.messages)) from exc
    membership._history_user = actor  # type: ignore[attr-defined]
    membership._change_reason = reason  # type: ignore[attr-defined]
    membership.save()
    return membership


OPERATOR_NEEDS_UNIT = "Operator harus punya unit kerja: pilih unit kerja instansi ini."
NOT_THE_OFFICES_UNIT = "Unit kerja itu bukan unit kerja instansi ini."
ONLY_OPERATOR_UNIT = "Hanya operator yang memakai unit kerja; kosongkan untuk peran ini."


def unit_problem(agency: Agency, role: str, unit: str | None) -> str | None:
    """What is wrong with `unit` for `role` in `agency` (the rule of the model's constraint
    `membership_unit_only_for_operator`, and the unit must be the office's), or None."""
    if role == Role.OPERATOR:
        if not unit:
            return OPERATOR_NEEDS_UNIT
        if not agency.work_units.filter(code=unit).exists():
            return NOT_THE_OFFICES_UNIT
    elif unit:
        return ONLY_OPERATOR_UNIT
    return None


def _check_unit(agency: Agency, role: str, unit: str | None) -> None:
    problem = unit_problem(agency, role, unit)
    if problem is not None:
        raise AccountError(problem)


def add_membership(
    actor: User, account: AbstractUser, agency: Agency, role: str, unit: str | None
) -> Membership:
    """Give an existing user a role in `agency`."""
    _require(actor, r.MANAGE_USERS, agency)
    _check_unit(agency, role, unit)
    with transaction.atomic():
        return _add(actor, account, agency, role, unit)


def _add(
    actor: User, account: AbstractUser, agency: Agency, role: str, unit: str | None
) -> Membership:
    _lock(agency)
    if Membership.objects.filter(user=account, agency=agency, role=role).exists():
        raise AccountError(
            f"{account.username} sudah punya peran {Role(role).label} di instansi ini."
        )
    membership = Membership(user=account, agency=agency, role=role, work_unit_code=unit or None)
    _saved(membership, actor, "ditambahkan")
    log.info(
        "role granted: %s %s in %s (unit %s) by %s", account, role, agency.code, unit or "-", actor
    )
    return membership


def create_account(
    actor: User,
    agency: Agency,
    *,
    username: str,
    full_name: str,
    email: str,
    password: str,
    role: str,
    unit: str | None,
) -> Membership:
    """Create a user account with its first membership; both or nothing."""
    _require(actor, r.MANAGE_USERS, agency)
    _check_unit(agency, role, unit)
    with transaction.atomic():
        users = get_user_model()
        if users.objects.filter(username__iexact=username).exists():
            raise AccountError(f"Nama pengguna {username} sudah dipakai.")
        account = users(username=username, first_name=full_name, email=email, is_active=True)
        account.set_password(password)
        account.save()
        membership = _add(actor, account, agency, role, unit)
    log.info("account %s created by %s in %s", username, actor, agency.code)
    return membership


def change_membership(
    actor: User, membership: Membership, role: str, unit: str | None
) -> Membership:
    """Change the role (and the operator's work unit) of a membership."""
    _require(actor, r.MANAGE_USERS, membership)
    _check_unit(membership.agency, role, unit)
    with transaction.atomic():
        current = (
            Membership.objects.select_for_update()
            .select_related("user", "agency")
            .get(pk=membership.pk)
        )
        if role != Role.ADMIN:
            _keep_an_administrator(actor, current, "menurunkan")
        if (
            role != current.role
            and Membership.objects.filter(
                user_id=current.user_id, agency_id=current.agency_id, role=role
            ).exists()
        ):
            raise AccountError(
                f"{current.user.username} sudah punya peran {Role(role).label} di instansi ini."
            )
        before = (current.role, current.work_unit_code or "-")
        current.role = role
        current.work_unit_code = unit or None
        _saved(current, actor, "diubah")
    log.info(
        "role changed: %s in %s from %s (unit %s) to %s (unit %s) by %s",
        current.user,
        current.agency.code,
        *before,
        role,
        unit or "-",
        actor,
    )
    return current


def remove_membership(actor: User, membership: Membership) -> None:
    """Remove a membership; the user account stays."""
    _require(actor, r.MANAGE_USERS, membership)
    with transaction.atomic():
        current = (
            Membership.objects.select_for_update()
            .select_related("user", "agency")
            .filter(pk=membership.pk)
            .first()
        )
        if current is None:
            return
        _keep_an_administrator(actor, current, "menghapus")
        current._history_user = actor  # type: ignore[attr-defined]
        current._change_reason = "dihapus"  # type: ignore[attr-defined]
        current.delete()
    log.info(
        "role removed: %s %s in %s by %s", current.user, current.role, current.agency.code, actor
    )


def set_active(actor: User, account: AbstractUser, active: bool) -> None:
    """Activate or deactivate a user account: an inactive account cannot log in or use a token."""
    _require(actor, r.MANAGE_ACCOUNT, account)
    with transaction.atomic():
        if not active:
            if account.pk == actor.pk:
                raise AccountError("Anda tidak dapat menonaktifkan akun Anda sendiri.")
            admin_of = Membership.objects.filter(user=account, role=Role.ADMIN).select_related(
                "agency"
            )
            for membership in admin_of:
                _lock(membership.agency)
                if account.is_active and _active_admins(membership.agency) <= 1:
                    raise AccountError(
                        f"{account.username} adalah administrator aktif terakhir "
                        f"{membership.agency.name}. Tambahkan administrator lain terlebih dahulu."
                    )
        get_user_model().objects.filter(pk=account.pk).update(is_active=active)
        account.is_active = active
        if not active:
            revoke_tokens_of(account, actor, "account deactivated")
    log.info("account %s %s by %s", account, "activated" if active else "deactivated", actor)


def set_password(actor: User, account: AbstractUser, password: str) -> None:
    """Set a new password chosen by an administrator (validated by the form)."""
    _require(actor, r.MANAGE_ACCOUNT, account)
    with transaction.atomic():
        account.set_password(password)
        account.save(update_fields=["password"])
        revoke_tokens_of(account, actor, "password set by an administrator")
    log.info("password of %s set by %s", account, actor)


def change_own_password(account: AbstractUser, password: str) -> None:
    """A user's new password of their own (the old one checked by the form): every other session
    ends (the caller keeps the current one) and every API token of theirs is revoked."""
    if not account.is_authenticated or not account.is_active:
        raise PermissionDenied("Anda tidak berwenang melakukan ini.")
    with transaction.atomic():
        account.set_password(password)
        account.save(update_fields=["password"])
        revoke_tokens_of(account, account, "password changed by its user")
    log.info("password of %s changed by its user", account)


def revoke_user_token(actor: User, token: ApiToken) -> None:
    """An administrator revokes an API token of a user of their offices."""
    _require(actor, r.MANAGE_TOKEN, token)
    revoke_token(token, actor)
