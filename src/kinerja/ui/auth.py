"""Logging in (throttled by django-axes), changing one's own password, and the pages for refused
and missing objects."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import reverse

from kinerja.accounts import actions
from kinerja.ui.pages import roles_text
from kinerja.web.request_id import current_request_id


class LoginForm(AuthenticationForm):
    error_messages: ClassVar[dict[str, str]] = {
        "invalid_login": "Nama pengguna atau kata sandi salah.",
        "inactive": "Akun ini tidak aktif.",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Nama pengguna"
        self.fields["password"].label = "Kata sandi"


class LoginView(auth_views.LoginView):
    template_name = "ui/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class OwnPasswordForm(PasswordChangeForm):
    error_messages: ClassVar[dict[str, str]] = {
        "password_incorrect": "Kata sandi lama salah. Masukkan lagi.",
        "password_mismatch": "Kedua kata sandi baru tidak sama.",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Kata sandi lama"
        self.fields["new_password1"].label = "Kata sandi baru"
        self.fields["new_password2"].label = "Ulangi kata sandi baru"
        for field in self.fields.values():
            field.error_messages["required"] = "Bagian ini wajib diisi."


class PasswordChangeView(auth_views.PasswordChangeView):
    """Every logged-in user changes their own password, knowing the old one.

    The change is `actions.change_own_password`: this session stays logged in, every other
    session of the user ends, and every API token of theirs is revoked.
    """

    template_name = "ui/password_change.html"
    form_class = OwnPasswordForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "roles": roles_text(self.request)}

    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:
        actions.change_own_password(form.user, form.cleaned_data["new_password1"])
        update_session_auth_hash(self.request, form.user)
        messages.success(
            self.request,
            "Kata sandi Anda diganti. Sesi di peramban lain berakhir dan semua token API Anda "
            "dicabut; buat token baru bila masih perlu.",
        )
        return HttpResponseRedirect(reverse("ui:home"))


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(
        request,
        "403.html",
        {"message": str(exception or "") or "Anda tidak berwenang membuka halaman ini."},
        status=403,
    )


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page with the request id to quote. Rendered without the request's context (no
    user, no session, no database): whatever failed may fail again."""
    request_id = current_request_id()
    try:
        page = loader.get_template("500.html").render({"request_id": request_id})
    except Exception:  # the templates themselves may be what failed
        page = (
            '<!doctype html><html lang="id"><title>Terjadi kesalahan</title>'
            f"<h1>Terjadi kesalahan</h1><p>Kode permintaan: {request_id}</p></html>"
        )
    return HttpResponseServerError(page)
