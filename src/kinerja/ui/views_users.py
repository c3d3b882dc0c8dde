"""User management (*Pengguna*): the memberships of an office, added, changed and removed by its
administrators and the administrators of the offices above it (`rules.MANAGE_USERS`).

A user account itself (activate or deactivate, set a password) is managed only by an administrator
who reaches every office the account belongs to (`rules.MANAGE_ACCOUNT`). Objects are fetched
through `kinerja.accounts.access` (404 outside the user's offices, 403 inside without the right);
every change is a named action of `kinerja.accounts.actions`, in one transaction.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from kinerja.accounts import actions
from kinerja.accounts import rules as r
from kinerja.accounts.access import (
    access_account,
    access_membership,
    access_office,
    administered_offices,
)
from kinerja.accounts.models import Membership
from kinerja.agencies.models import Agency
from kinerja.ui.forms_users import (
    ActiveForm,
    ConfirmForm,
    ExistingUserForm,
    MembershipForm,
    NewUserForm,
    PasswordForm,
)
from kinerja.ui.pages import roles_text

HISTORY_SHOWN = 20
HISTORY_WORDS = {"+": "ditambahkan", "~": "diubah", "-": "dihapus"}


def _page(request: HttpRequest, template: str, office: Agency, **context: Any) -> HttpResponse:
    """A page about one office's users, with the offices above it that the user manages too."""
    above = [a for a in office.ancestors() if r.can(request.user, r.MANAGE_USERS, a)]
    context.update(office=office, above=above, roles=roles_text(request))
    return render(request, template, context)


@login_required
def users_home(request: HttpRequest) -> HttpResponse:
    """The offices the user administers; straight to the users of the only one."""
    offices = list(administered_offices(request.user))
    if not offices:
        raise PermissionDenied("Hanya administrator instansi yang dapat mengelola pengguna.")
    if len(offices) == 1:
        return redirect("ui:users", offices[0].code)
    return render(request, "ui/users_home.html", {"offices": offices, "roles": roles_text(request)})


@login_required
def users(request: HttpRequest, agency: str) -> HttpResponse:
    office = access_office(request.user, agency).obj
    members = list(
        Membership.objects.filter(agency=office)
        .select_related("user")
        .order_by("user__username", "role")
    )
    units = dict(office.work_units.values_list("code", "name"))
    manageable = r.manageable_accounts(request.user, [m.user for m in members])
    rows = [
        (m, units.get(m.work_unit_code or "", m.work_unit_code), m.user_id in manageable)
        for m in members
    ]
    history = [
        (h, HISTORY_WORDS.get(h.history_type, h.history_type))
        for h in Membership.history.filter(agency_id=office.pk).select_related(
            "history_user", "user"
        )[:HISTORY_SHOWN]
    ]
    children = office.children.annotate(members=Count("memberships")).order_by("name")
    return _page(request, "ui/users.html", office, rows=rows, children=children, history=history)


@login_required
def user_add(request: HttpRequest, agency: str) -> HttpResponse:
    office = access_office(request.user, agency).obj
    kind = request.POST.get("kind") if request.method == "POST" else None
    new = NewUserForm(request.POST if kind == "baru" else None, office=office, prefix="baru")
    old = ExistingUserForm(request.POST if kind == "lama" else None, office=office, prefix="lama")
    if request.method == "POST":
        if kind == "baru" and new.is_valid():
            data = new.cleaned_data
            try:
                actions.create_account(
                    request.user,
                    office,
                    username=data["username"],
                    full_name=data["full_name"],
                    email=data["email"],
                    password=data["password1"],
                    role=data["role"],
                    unit=data["work_unit"],
                )
                messages.success(
                    request,
                    f"Pengguna {data['username']} dibuat sebagai "
                    f"{r.Role(data['role']).label}. Sampaikan kata sandi awalnya secara pribadi.",
                )
                return redirect("ui:users", office.code)
            except actions.AccountError as exc:
                new.add_error(None, str(exc))
        elif kind == "lama" and old.is_valid():
            data = old.cleaned_data
            try:
                actions.add_membership(
                    request.user, old.account, office, data["role"], data["work_unit"]
                )
                messages.success(
                    request,
                    f"{data['username']} ditambahkan sebagai {r.Role(data['role']).label}.",
                )
                return redirect("ui:users", office.code)
            except actions.AccountError as exc:
                old.add_error(None, str(exc))
        elif kind not in ("baru", "lama"):
            messages.error(request, "Pilih salah satu formulir: pengguna baru atau terdaftar.")
    return _page(request, "ui/user_add.html", office, new=new, old=old)


@login_required
def membership_edit(request: HttpRequest, pk: int) -> HttpResponse:
    membership = access_membership(request.user, pk).obj
    office = membership.agency
    form = MembershipForm(
        request.POST or None,
        office=office,
        initial={"role": membership.role, "work_unit": membership.work_unit_code or ""},
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.change_membership(
                request.user, membership, form.cleaned_data["role"], form.cleaned_data["work_unit"]
            )
            messages.success(request, f"Peran {membership.user.username} disimpan.")
            return redirect("ui:users", office.code)
        except actions.AccountError as exc:
            form.add_error(None, str(exc))
    return _page(request, "ui/membership_edit.html", office, membership=membership, form=form)


@login_required
@require_POST
def membership_remove(request: HttpRequest, pk: int) -> HttpResponse:
    membership = access_membership(request.user, pk).obj
    office = membership.agency
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Penghapusan tidak dikonfirmasi; keanggotaan tetap ada.")
        return redirect("ui:users", office.code)
    try:
        actions.remove_membership(request.user, membership)
        messages.success(
            request,
            f"Peran {membership.get_role_display()} {membership.user.username} di "
            f"{office.name} dihapus; akunnya tetap ada.",
        )
    except actions.AccountError as exc:
        messages.error(request, str(exc))
    return redirect("ui:users", office.code)


@login_required
@require_POST
def user_active(request: HttpRequest, agency: str, pk: int) -> HttpResponse:
    office = access_office(request.user, agency).obj
    account = access_account(request.user, office, pk)
    form = ActiveForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Tidak jelas akun akan diaktifkan atau dinonaktifkan.")
        return redirect("ui:users", office.code)
    active = form.cleaned_data["active"]
    try:
        actions.set_active(request.user, account, active)
        messages.success(
            request,
            f"Akun {account.username} diaktifkan."
            if active
            else f"Akun {account.username} dinonaktifkan: tidak bisa masuk lagi dan semua token "
            "API-nya dicabut.",
        )
    except actions.AccountError as exc:
        messages.error(request, str(exc))
    return redirect("ui:users", office.code)


@login_required
def user_password(request: HttpRequest, agency: str, pk: int) -> HttpResponse:
    office = access_office(request.user, agency).obj
    account = access_account(request.user, office, pk)
    form = PasswordForm(request.POST or None, account=account)
    if request.method == "POST" and form.is_valid():
        actions.set_password(request.user, account, form.cleaned_data["password1"])
        if account.pk == request.user.pk:
            update_session_auth_hash(request, account)  # stay logged in with the new password
        messages.success(
            request,
            f"Kata sandi {account.username} diganti; sesi yang masuk dengan kata sandi lama "
            "berakhir dan semua token API-nya dicabut. Sampaikan kata sandi baru secara pribadi.",
        )
        return redirect("ui:users", office.code)
    response = _page(request, "ui/user_password.html", office, account=account, form=form)
    response["Cache-Control"] = "no-store"
    return response
