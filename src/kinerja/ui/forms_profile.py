"""The form of the office's profile: its texts, the head and the secretary, and its officials.

Like the plan's item form (`forms_plan.py`) it only gathers text; the rules are the dataset's,
applied by `kinerja.agencies.profile`, whose problems come back on the fields they are about.
The NIP is checked here too, with the schema's own pattern, so the message is at the field.
"""

from __future__ import annotations

from typing import Any

from django import forms

from kinerja.agencies.models import Agency
from kinerja.agencies.profile import NIP_MESSAGE, NIP_PATTERN, ProfileInvalid

TEXT_MAX = 300
LABELS = {
    "name": "Nama instansi",
    "full_name": "Nama lengkap",
    "address": "Alamat",
    "city": "Kota",
    "signing_place": "Tempat penandatanganan",
}
HELP = {
    "name": "Nama singkat, mis. KPU Kota Metro; dicetak di judul dan jabatan dokumen.",
    "full_name": "Dicetak di sampul LKj, PK dan rencana aksi; kosong: nama instansi.",
    "signing_place": "Tempat di bawah tanda tangan LKj dan PK; kosong: kota.",
}
PREFIX = "pejabat"
ROLES = {"head": "Ketua (pimpinan)", "secretary": "Sekretaris"}
PERSON_LABELS = {"name": "Nama", "position": "Jabatan", "nip": "NIP"}


def _nip() -> forms.RegexField:
    return forms.RegexField(
        label="NIP",
        regex=NIP_PATTERN,
        required=False,
        max_length=24,
        error_messages={"invalid": NIP_MESSAGE},
    )


def _person_value(data: dict[str, Any], prefix: str, kept: dict[str, Any] | None) -> Any:
    """A person from the fields `<prefix>_name`, `_position`, `_nip`; None when all are empty.
    Fields the form does not show (a person's work unit) are kept as stored."""
    person = {k: (data.get(f"{prefix}_{k}") or "").strip() for k in PERSON_LABELS}
    person = {k: v for k, v in person.items() if v}
    if not person:
        return None
    extra = {k: v for k, v in (kept or {}).items() if k not in PERSON_LABELS}
    return {**extra, **person}


class ProfileForm(forms.Form):
    """The office's texts and its head and secretary; `data_profile()` is the dataset's form."""

    version = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, stored: dict[str, Any], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.stored = stored
        for name, label in LABELS.items():
            widget = forms.Textarea(attrs={"rows": 2}) if name == "address" else None
            self.fields[name] = forms.CharField(
                label=label,
                required=name == "name",
                max_length=TEXT_MAX,
                widget=widget,
                help_text=HELP.get(name, ""),
            )
            self.initial[name] = stored.get(name)
        for role, title in ROLES.items():
            person = stored.get(role) or {}
            for part, label in PERSON_LABELS.items():
                name = f"{role}_{part}"
                field = _nip() if part == "nip" else forms.CharField(required=False, max_length=200)
                field.label = f"{label} {title.split(' ')[0].lower()}"
                self.fields[name] = field
                self.initial[name] = person.get(part)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for role, title in ROLES.items():
            filled = [part for part in ("position", "nip") if data.get(f"{role}_{part}")]
            if filled and not (data.get(f"{role}_name") or "").strip():
                self.add_error(f"{role}_name", f"Isi nama {title.split(' ')[0]}, atau kosongkan "
                               "jabatan dan NIP-nya.")  # fmt: skip
        return data

    def person_fields(self, role: str) -> list[forms.BoundField]:
        return [self[f"{role}_{part}"] for part in PERSON_LABELS]

    @property
    def head_fields(self) -> list[forms.BoundField]:
        return self.person_fields("head")

    @property
    def secretary_fields(self) -> list[forms.BoundField]:
        return self.person_fields("secretary")

    def text_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in LABELS]

    def data_profile(self) -> dict[str, Any]:
        """The profile's texts, head and secretary in the dataset's form (after `is_valid`)."""
        data = self.cleaned_data
        out: dict[str, Any] = {name: (data.get(name) or "").strip() or None for name in LABELS}
        for role in ROLES:
            out[role] = _person_value(data, role, self.stored.get(role))
        return out

    def show(self, problem: ProfileInvalid) -> None:
        """Put each problem on its field; the officials' and the rest's above the form."""
        for name, messages in problem.fields.items():
            for message in messages:
                shown = f"Pejabat baris {message}" if name == "people" else message
                part, _, rest = message.partition(": ")
                if name in ROLES and part in PERSON_LABELS:
                    shown = rest
                self.add_error(self._field_for(name, message), shown)

    def _field_for(self, name: str, message: str) -> str | None:
        if name in ROLES:
            part = message.split(":")[0]
            return f"{name}_{part}" if part in PERSON_LABELS else f"{name}_name"
        return name if name in LABELS else None


class OfficialForm(forms.Form):
    """One official (pejabat) of the office: name, position, NIP and work unit."""

    name = forms.CharField(label="Nama", required=False, max_length=200)
    position = forms.CharField(label="Jabatan", required=False, max_length=200)
    nip = _nip()
    work_unit = forms.ChoiceField(label="Unit kerja", required=False)

    def __init__(self, *args: Any, units: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["work_unit"].choices = [("", "—"), *units]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        others = [data.get(k) for k in ("position", "nip", "work_unit")]
        if any(others) and not (data.get("name") or "").strip():
            self.add_error("name", "Isi nama pejabat, atau kosongkan barisnya.")
        return data

    def person(self) -> dict[str, Any] | None:
        data = self.cleaned_data
        person = {k: (data.get(k) or "").strip() for k in ("name", "position", "nip", "work_unit")}
        person = {k: v for k, v in person.items() if v}
        return person if person.get("name") else None


class BaseOfficials(forms.BaseFormSet):  # type: ignore[type-arg]
    def people(self) -> list[dict[str, Any]]:
        """The officials in their order, without deleted and empty rows (after `is_valid`)."""
        found = []
        for form in self.forms:
            if self.can_delete and self._should_delete_form(form):
                continue
            person = form.person()  # type: ignore[attr-defined]
            if person is not None:
                found.append(person)
        return found


OfficialFormSet = forms.formset_factory(
    OfficialForm, formset=BaseOfficials, extra=1, can_delete=True, max_num=200, validate_max=True
)


def unit_choices(agency: Agency, people: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """The office's work units, and any code a stored official names that is not one of them."""
    units = [(u.code, u.short_name or u.name) for u in agency.work_units.order_by("position")]
    known = {code for code, _ in units}
    stray = sorted({p["work_unit"] for p in people if p.get("work_unit")} - known)
    return [*units, *((code, code) for code in stray)]


def officials(
    agency: Agency, stored: list[dict[str, Any]], data: Any = None, more: int = 0
) -> BaseOfficials:
    """The officials' rows: the stored ones and one empty row (`more` rows more when asked)."""
    initial = [{k: p.get(k) for k in ("name", "position", "nip", "work_unit")} for p in stored]
    if data is not None and more:
        data = data.copy()
        total = str(data.get(f"{PREFIX}-TOTAL_FORMS") or "")
        if total.isdigit():
            data[f"{PREFIX}-TOTAL_FORMS"] = str(int(total) + more)
    formset = OfficialFormSet(
        data, initial=initial, prefix=PREFIX, form_kwargs={"units": unit_choices(agency, stored)}
    )
    return formset  # type: ignore[no-any-return]
