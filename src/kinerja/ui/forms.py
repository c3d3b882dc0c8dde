"""Forms of the screens: every message on the field it is about, in Bahasa Indonesia."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings

from kinerja.dataset.schema import UNIT_CHECKED_LATER
from kinerja.formats import format_number
from kinerja.plans.actions import plan_texts_fingerprint, printed_text
from kinerja.plans.models import AgreementRow, BudgetLine, StrategicPlan
from kinerja.results.actions import NOTE_MAX_LENGTH, InvalidValue, checked_value
from kinerja.results.evidence_files import EvidenceRejected, sniff
from kinerja.results.spending import InvalidAmount, parse_rupiah

QUARTER_NAMES = {1: "TW I", 2: "TW II", 3: "TW III", 4: "TW IV"}


def _value(text: str, required: bool = True) -> str:
    if not text.strip():
        if required:
            raise forms.ValidationError("Isi nilainya, misalnya 95%, 3 orang, B atau selesai.")
        return ""
    try:
        return checked_value(text, UNIT_CHECKED_LATER)
    except InvalidValue as exc:
        raise forms.ValidationError(str(exc)) from exc


def _checked_file(upload: Any) -> Any:
    if upload is None:
        return None
    if upload.size > settings.EVIDENCE_MAX_BYTES:
        raise forms.ValidationError("Berkas lebih dari 10 MB.")
    try:
        kind = sniff(upload.file)
    except EvidenceRejected as exc:
        raise forms.ValidationError(str(exc)) from exc
    if kind is None:
        raise forms.ValidationError(
            "Isi berkas bukan PDF, JPG, PNG, XLSX atau DOCX (diperiksa dari isinya, bukan namanya)."
        )
    upload.file.seek(0)
    return upload


EVIDENCE_LABEL = "Bukti dukung (PDF, JPG, PNG, XLSX atau DOCX; paling besar 10 MB)"
EVIDENCE_ACCEPT = ".pdf,.jpg,.jpeg,.png,.xlsx,.docx"


class RealizationForm(forms.Form):
    value = forms.CharField(label="Realisasi", max_length=200)
    note = forms.CharField(
        label="Catatan",
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    evidence = forms.FileField(
        label=EVIDENCE_LABEL,
        required=False,
        widget=forms.FileInput(attrs={"accept": EVIDENCE_ACCEPT}),
    )
    # The version the card showed (0: it was empty); a save of a value changed since is refused.
    version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=0,
        error_messages={"required": "Versi nilai tidak terkirim; muat ulang halaman."},
    )

    def clean_value(self) -> str:
        return _value(self.cleaned_data["value"])

    def clean_evidence(self) -> Any:
        return _checked_file(self.cleaned_data.get("evidence"))


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ReturnForm(VersionForm):
    reason = forms.CharField(label="Alasan dikembalikan", max_length=1000)


class ReviseForm(forms.Form):
    value = forms.CharField(label="Nilai baru", max_length=200)
    reason = forms.CharField(label="Alasan revisi", widget=forms.Textarea(attrs={"rows": 3}))

    def clean_value(self) -> str:
        return _value(self.cleaned_data["value"])


class ImportForm(forms.Form):
    file = forms.FileField(label="Berkas dataset (.yaml)")

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError("Berkas dataset lebih dari 5 MB.")
        return upload


class ApplyImportForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput, max_length=64)


class RenstraForm(forms.Form):
    """The Renstra's vision, and the names of its objectives and indicators."""

    def __init__(self, plan: StrategicPlan, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["vision"] = forms.CharField(
            label="Visi", initial=plan.vision, widget=forms.Textarea(attrs={"rows": 3})
        )
        self.records: dict[str, Any] = {}
        for objective in plan.objectives.all():
            self._name_field(f"obj-{objective.pk}", f"Sasaran {objective.code}", objective)
            for indicator in objective.indicators.all():
                self._name_field(f"ind-{indicator.pk}", f"Indikator {indicator.code}", indicator)
        self.fields["reason"] = forms.CharField(
            label="Alasan revisi (wajib bila ada tahun yang sudah dikunci)",
            required=False,
            widget=forms.Textarea(attrs={"rows": 2}),
        )
        # What the page showed: texts changed by someone else since are not overwritten.
        self.fields["shown"] = forms.CharField(
            widget=forms.HiddenInput,
            max_length=64,
            initial=plan_texts_fingerprint(plan),
            error_messages={"required": "Versi Renstra tidak terkirim; muat ulang halaman."},
        )

    def _name_field(self, key: str, label: str, record: Any) -> None:
        self.fields[key] = forms.CharField(
            label=label, initial=record.name, widget=forms.Textarea(attrs={"rows": 2})
        )
        self.records[key] = record

    def names(self) -> dict[Any, str]:
        return {record: self.cleaned_data[key] for key, record in self.records.items()}


class RupiahField(forms.CharField):
    """A rupiah amount typed as offices write it (`15.534.394.000`, `Rp 15.534.394.000` or
    `15534394000`), shown with thousand separators; cleaned to whole rupiah."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
        )
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        return format_number(value) if isinstance(value, int) else value

    def to_python(self, value: Any) -> int | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        if len(text) > 40:
            raise forms.ValidationError("Jumlah rupiah terlalu panjang.")
        try:
            return parse_rupiah(text)
        except InvalidAmount as exc:
            raise forms.ValidationError(str(exc)) from exc


class AgreementForm(forms.Form):
    """A PK's targets with the action plan's quarters, and its budget lines."""

    reason = forms.CharField(
        label="Alasan revisi (wajib bila tahun sudah dikunci)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    # What the page showed (`plans.actions.agreement_fingerprint`): a PK changed since is refused.
    shown = forms.CharField(
        widget=forms.HiddenInput,
        max_length=64,
        error_messages={"required": "Versi PK tidak terkirim; muat ulang halaman."},
    )

    def __init__(
        self, rows: list[AgreementRow], lines: list[BudgetLine], *args: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.rows, self.lines = rows, lines
        for row in rows:
            quarters = {int(q): v for q, v in row.quarterly_targets}
            self.fields[f"t-{row.pk}"] = forms.CharField(
                label=f"Target {row.indicator.code}",
                required=False,
                initial=printed_text(row.target),
            )
            for q, name in QUARTER_NAMES.items():
                self.fields[f"q{q}-{row.pk}"] = forms.CharField(
                    label=f"{name} {row.indicator.code}",
                    required=False,
                    initial=printed_text(quarters.get(q)),
                )
        for line in lines:
            self.fields[f"b-{line.pk}"] = RupiahField(label=f"Anggaran {line}", initial=line.amount)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for name, field in self.fields.items():
            if isinstance(field, forms.CharField) and name[0] in "tq" and name in data:
                if " ".join(data[name].split()) == (field.initial or ""):
                    continue  # unchanged, kept as stored even when it is printed free text
                try:
                    data[name] = _value(data[name], required=False)
                except forms.ValidationError as exc:
                    self.add_error(name, exc)
        return data

    def row_fields(self) -> list[tuple[AgreementRow, list[forms.BoundField]]]:
        return [
            (row, [self[f"t-{row.pk}"], *(self[f"q{q}-{row.pk}"] for q in QUARTER_NAMES)])
            for row in self.rows
        ]

    def line_fields(self) -> list[tuple[BudgetLine, forms.BoundField]]:
        return [(line, self[f"b-{line.pk}"]) for line in self.lines]
