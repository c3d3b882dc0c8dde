"""Personal API tokens: a user makes a token for the JSON API (shown once) and revokes it.

A token acts as its user, with exactly their roles (`kinerja.accounts.rules`); it is not tied to
an office, so these screens need only a login. Each user sees and revokes only their own tokens.

An office's administrators list the tokens of the office's users and revoke any of them
(`rules.MANAGE_TOKEN`), on a page of user management (*Pengguna → Token API*).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from kinerja.accounts import actions
from kinerja.accounts import rules as r
from kinerja.accounts.access import access_office
from kinerja.api.actions import create_token, revoke_token
from kinerja.api.models import ApiToken
from kinerja.ui.pages import roles_text


class TokenForm(forms.Form):
    name = forms.CharField(
        label="Nama token",
        max_length=100,
        help_text="Untuk apa token ini, misalnya: skrip rekap triwulan.",
        error_messages={"required": "Isi nama token."},
    )

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name or "\x00" in name:
            raise forms.ValidationError("Isi nama token.")
        return name


class RevokeForm(forms.Form):
    token = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


def _page(request: HttpRequest, form: TokenForm, raw: str | None = None) -> HttpResponse:
    tokens = ApiToken.objects.filter(user=request.user)
    return render(
        request,
        "ui/tokens.html",
        {"form": form, "tokens": tokens, "raw": raw, "roles": roles_text(request)},
    )


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _, raw = create_token(request.user, form.cleaned_data["name"])
        # Shown in this answer only: the token is neither stored nor put in a message or session.
        response = _page(request, TokenForm(), raw)
        response["Cache-Control"] = "no-store"
        return response
    return _page(request, form)


@login_required
@require_POST
def token_revoke(request: HttpRequest) -> HttpResponse:
    form = RevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Token yang akan dicabut tidak disebutkan.")
        return redirect("ui:tokens")
    token = get_object_or_404(ApiToken, pk=form.cleaned_data["token"], user=request.user)
    revoke_token(token)
    messages.success(request, f"Token “{token.name}” dicabut; token itu tidak bisa dipakai lagi.")
    return redirect("ui:tokens")


@login_required
def office_tokens(request: HttpRequest, agency: str) -> HttpResponse:
    """The API tokens of the office's users, active ones first, for its administrators."""
    office = access_office(request.user, agency).obj
    found = list(
        ApiToken.objects.filter(user__memberships__agency=office)
        .distinct()
        .select_related("user")
        .order_by(F("revoked_at").desc(nulls_first=True), "user__username", "-created_at")
    )
    rows = [(t, t.revoked_at is None and r.can(request.user, r.MANAGE_TOKEN, t)) for t in found]
    above = [a for a in office.ancestors() if r.can(request.user, r.MANAGE_USERS, a)]
    return render(
        request,
        "ui/office_tokens.html",
        {"office": office, "above": above, "rows": rows, "roles": roles_text(request)},
    )


@login_required
@require_POST
def office_token_revoke(request: HttpRequest, agency: str) -> HttpResponse:
    office = access_office(request.user, agency).obj
    form = RevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Token yang akan dicabut tidak disebutkan.")
        return redirect("ui:office_tokens", office.code)
    token = get_object_or_404(
        ApiToken.objects.select_related("user").distinct(),
        pk=form.cleaned_data["token"],
        user__memberships__agency=office,
    )
    actions.revoke_user_token(request.user, token)
    messages.success(
        request,
        f"Token “{token.name}” milik {token.user.username} dicabut; token itu tidak bisa "
        "dipakai lagi.",
    )
    return redirect("ui:office_tokens", office.code)
