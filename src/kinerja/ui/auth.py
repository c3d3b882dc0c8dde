"""Logging in (throttled by django-axes) and the pages for refused and missing objects."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


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


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(
        request,
        "ui/error.html",
        {"title": "Tidak diizinkan", "message": str(exception or "") or "Anda tidak berwenang."},
        status=403,
    )


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(
        request,
        "ui/error.html",
        {"title": "Tidak ditemukan", "message": "Halaman atau data yang Anda cari tidak ada."},
        status=404,
    )
