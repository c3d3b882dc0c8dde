"""Forms of user management: every message on the field it is about, in Bahasa Indonesia.

A role and, for an operator, a work unit of the office: the rule of `actions.unit_problem`,
checked here first so that its message stands on the field.
Passwords go through Django's validators (`AUTH_PASSWORD_VALIDATORS`).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.validators import UnicodeUsernameValidator

from kinerja.accounts.actions import NOT_THE_OFFICES_UNIT, unit_problem
from kinerja.accounts.choices import Role
from kinerja.agencies.models import Agency

NO_UNIT = ("", "— tanpa unit kerja —")
REQUIRED = "Bagian ini wajib diisi."


class MembershipForm(forms.Form):
    """A role in an office, and the operator's work unit."""

    # Adding a user starts from the least powerful role of an office (read only); a more
    # powerful one is chosen on purpose.
    role = forms.ChoiceField(
        label="Peran",
        choices=Role.choices,
        initial=Role.AUDITOR,
        error_messages={"required": "Pilih peran.", "invalid_choice": "Peran tidak dikenal."},
    )
    work_unit = forms.ChoiceField(
        label="Unit kerja (hanya untuk operator)",
        required=False,
        error_messages={"invalid_choice": NOT_THE_OFFICES_UNIT},
    )

    def __init__(self, *args: Any, office: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.office = office
        units = list(office.work_units.values_list("code", "name"))
        self.fields["work_unit"].choices = [NO_UNIT, *units]
        if not units:
            self.fields["work_unit"].help_text = (
                "Instansi ini belum punya unit kerja (dari datasetnya), jadi belum bisa punya "
                "operator."
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        role, unit = data.get("role"), data.get("work_unit") or None
        if role and "work_unit" not in self.errors:
            problem = unit_problem(self.office, role, unit)
            if problem is not None:
                self.add_error("work_unit", problem)
        data["work_unit"] = unit
        return data


def _password_fields(form: forms.Form, first_label: str) -> None:
    form.fields["password1"] = forms.CharField(
        label=first_label,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
        error_messages={"required": "Isi kata sandi."},
    )
    form.fields["password2"] = forms.CharField(
        label="Ulangi kata sandi",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Ulangi kata sandi."},
    )


def _check_passwords(form: forms.Form, user: AbstractUser) -> None:
    first = form.cleaned_data.get("password1")
    second = form.cleaned_data.get("password2")
    if not first or not second:
        return
    if first != second:
        form.add_error("password2", "Kedua kata sandi tidak sama.")
        return
    try:
        password_validation.validate_password(first, user)
    except forms.ValidationError as exc:
        form.add_error("password1", exc)


class NewUserForm(MembershipForm):
    """A new user account with its first role in the office."""

    username = forms.CharField(
        label="Nama pengguna",
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text="Untuk masuk; huruf, angka dan @ . + - _ saja, paling panjang 150.",
        error_messages={"required": "Isi nama pengguna."},
    )
    full_name = forms.CharField(
        label="Nama lengkap",
        max_length=150,
        error_messages={"required": "Isi nama lengkap."},
    )
    email = forms.EmailField(
        label="Surel",
        required=False,
        error_messages={"invalid": "Alamat surel tidak sah."},
    )
    field_order = ("username", "full_name", "email", "password1", "password2", "role")

    def __init__(self, *args: Any, office: Agency, **kwargs: Any) -> None:
        super().__init__(*args, office=office, **kwargs)
        _password_fields(self, "Kata sandi awal")
        self.order_fields(self.field_order)

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"].strip()
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(
                "Nama pengguna ini sudah dipakai. Jika orangnya sudah punya akun, tambahkan "
                "dengan formulir “Pengguna yang sudah terdaftar”."
            )
        return username

    def clean_full_name(self) -> str:
        name = " ".join(self.cleaned_data["full_name"].split())
        if not name:
            raise forms.ValidationError("Isi nama lengkap.")
        return name

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        candidate = get_user_model()(
            username=data.get("username") or "",
            first_name=data.get("full_name") or "",
            email=data.get("email") or "",
        )
        _check_passwords(self, candidate)
        return data


class ExistingUserForm(MembershipForm):
    """A role in the office for a user who already has an account."""

    username = forms.CharField(
        label="Nama pengguna yang sudah terdaftar",
        max_length=150,
        error_messages={"required": "Isi nama pengguna."},
    )
    field_order = ("username", "role", "work_unit")

    def __init__(self, *args: Any, office: Agency, **kwargs: Any) -> None:
        super().__init__(*args, office=office, **kwargs)
        self.account: AbstractUser | None = None
        self.order_fields(self.field_order)

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"].strip()
        users = get_user_model().objects
        account = users.filter(username=username).first() or (
            users.filter(username__iexact=username).first()
        )
        if account is None:
            raise forms.ValidationError(
                "Tidak ada pengguna dengan nama itu. Untuk orang baru, pakai formulir "
                "“Pengguna baru”."
            )
        self.account = account
        return account.username


class PasswordForm(forms.Form):
    """A new password set by an administrator."""

    def __init__(self, *args: Any, account: AbstractUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.account = account
        _password_fields(self, "Kata sandi baru")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        _check_passwords(self, self.account)
        return data


class ActiveForm(forms.Form):
    active = forms.TypedChoiceField(
        choices=(("1", "aktif"), ("0", "nonaktif")),
        coerce=lambda value: value == "1",
        widget=forms.HiddenInput,
        error_messages={"required": "Tidak jelas akun akan diaktifkan atau dinonaktifkan."},
    )


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(
        widget=forms.HiddenInput,
        error_messages={"required": "Penghapusan tidak dikonfirmasi."},
    )
