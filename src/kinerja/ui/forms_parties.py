"""The form of a PK's two parties: each picked from the office's officials, typed, or left to
the organisation's data (`kinerja.plans.parties`)."""

from __future__ import annotations

from typing import Any

from django import forms

from kinerja.plans.models import PerformanceAgreement
from kinerja.plans.parties import as_fields, digest, official_key, officials, shown

ROLES = (("first", "pihak pertama"), ("second", "pihak kedua"))
TYPED = ""
OFFICE = "instansi"


def _label(person: dict[str, str]) -> str:
    text = person["name"]
    if person.get("position"):
        text += f" — {person['position']}"
    if person.get("nip"):
        text += f" (NIP {person['nip']})"
    return text


def _same(typed: dict[str, str], shown_fields: dict[str, str]) -> bool:
    return all(" ".join(typed[k].split()) == shown_fields[k] for k in shown_fields)


class PartiesForm(forms.Form):
    """Both parties of a PK; `cleaned_data["first"]`/`["second"]` hold what to store (a person,
    or None for the organisation's), `["seen"]` what the page showed."""

    seen = forms.CharField(widget=forms.HiddenInput, max_length=32)

    def __init__(self, agreement: PerformanceAgreement, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agreement = agreement
        self.people = {official_key(p): p for p in officials(agreement)}
        printed = shown(agreement)
        defaults = shown(agreement, own=False)
        self.shown = {role: as_fields(p) for (role, _), p in zip(ROLES, printed, strict=True)}
        self.fields["seen"].initial = digest(agreement)
        for (role, title), default in zip(ROLES, defaults, strict=True):
            office = as_fields(default)
            choices = [
                (TYPED, "Isi sendiri (kolom di bawah)"),
                (OFFICE, f"Dari data instansi: {_label(office) if office['name'] else '(kosong)'}"),
                *((key, _label(p)) for key, p in self.people.items()),
            ]
            self.fields[f"{role}-official"] = forms.ChoiceField(
                label=f"Pilih {title}", choices=choices, required=False, initial=TYPED
            )
            self.fields[f"{role}-name"] = forms.CharField(
                label=f"Nama {title}", max_length=200, required=False
            )
            self.fields[f"{role}-position"] = forms.CharField(
                label=f"Jabatan {title}", max_length=200, required=False
            )
            self.fields[f"{role}-nip"] = forms.RegexField(
                label=f"NIP {title}",
                regex=r"^[0-9 ]{8,24}$",
                required=False,
                error_messages={"invalid": "NIP hanya angka (8 sampai 24 digit)."},
            )
            for key, value in self.shown[role].items():
                self.fields[f"{role}-{key}"].initial = value

    def roles(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [
            (title, [self[f"{role}-{k}"] for k in ("official", "name", "position", "nip")])
            for role, title in ROLES
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        stored = {"first": self.agreement.first_party, "second": self.agreement.second_party}
        for role, title in ROLES:
            choice = data.get(f"{role}-official", TYPED)
            if choice == OFFICE:
                data[role] = None
            elif choice in self.people:
                data[role] = dict(self.people[choice])
            else:
                typed = {k: data.get(f"{role}-{k}") or "" for k in ("name", "position", "nip")}
                if _same(typed, self.shown[role]):
                    data[role] = stored[role]  # unchanged: kept as stored (or the organisation's)
                elif not typed["name"].strip() or not typed["position"].strip():
                    self.add_error(f"{role}-name", f"Nama dan jabatan {title} wajib diisi.")
                else:
                    data[role] = typed
        return data
