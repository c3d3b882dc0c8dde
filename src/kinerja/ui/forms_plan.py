"""The form of one plan item: its fields as the dataset writes them, checked by the dataset.

The form only gathers text: every rule (codes, values, references, units) is the dataset
schema's, applied by `kinerja.plans.catalogue`, whose problems come back on the fields they
are about. A target left as printed keeps its stored form (`{printed, value}` included).
"""

from __future__ import annotations

from typing import Any

from django import forms

from kinerja.agencies.models import Agency
from kinerja.dataset.references import BUILTIN_GRADE_SCALES
from kinerja.plans.actions import printed_text
from kinerja.plans.catalogue import PlanItemInvalid
from kinerja.plans.choices import CapScope, Combine, Polarity
from kinerja.plans.models import Goal, StrategicPlan

# The kinds as they appear in URLs (Indonesian) and in the catalogue (code names).
SLUGS = {
    "renstra": "plan",
    "unit-kerja": "work_unit",
    "misi": "mission",
    "tujuan": "goal",
    "indikator-tujuan": "goal_indicator",
    "sasaran": "objective",
    "indikator": "indicator",
    "program": "program",
    "kegiatan": "activity",
}
SLUG_OF = {kind: slug for slug, kind in SLUGS.items()}

LABELS = {
    "code": "Kode",
    "name": "Nama",
    "text": "Teks",
    "short_name": "Nama singkat",
    "division": "Divisi",
    "reports_to": "Melapor kepada unit kerja (kosong: sekretaris)",
    "objectives": "Sasaran yang didukung anggarannya (satu per baris: kode sasaran | porsi %)",
    "head_name": "Nama kepala",
    "head_position": "Jabatan kepala",
    "head_nip": "NIP kepala",
    "goal": "Tujuan",
    "weight": "Bobot",
    "work_unit": "Unit kerja",
    "is_key": "Indikator kinerja utama (IKU)",
    "polarity": "Polaritas",
    "combine": "Penggabungan triwulan",
    "grade_scale": "Skala predikat",
    "can_exceed_100": "Boleh melebihi 100%",
    "unit": "Satuan",
    "cap_applies": "Batas capaian berlaku pada",
    "reference_targets": "Target rujukan (satu per baris: label | target | tahun)",
    "retired_from": "Tidak dipakai lagi mulai tahun",
    "start": "Tahun mulai",
    "end": "Tahun selesai",
    "title": "Judul",
    "decree": "Surat keputusan",
    "established_on": "Ditetapkan pada (TTTT-BB-HH)",
    "vision": "Visi",
    "reason": "Alasan revisi (wajib: ada tahun yang sudah dikunci)",
}
OWN_FIELDS = {
    "plan": ("start", "end", "title", "decree", "established_on", "vision"),
    "work_unit": ("code", "name", "short_name", "division", "reports_to", "head_name",
                  "head_position", "head_nip"),
    "mission": ("code", "text"),
    "goal": ("code", "text"),
    "goal_indicator": ("code", "name"),
    "objective": ("code", "name", "goal", "weight"),
    "indicator": ("code", "name", "work_unit", "is_key", "polarity", "combine", "grade_scale",
                  "can_exceed_100", "weight", "unit", "cap_applies"),
    "program": ("code", "name", "objectives"),
    "activity": ("code", "name", "objectives"),
}  # fmt: skip
TARGETED = ("goal_indicator", "indicator")
LONG = ("text", "vision", "name")
PERSON = ("head_name", "head_position", "head_nip")


def _choice(options: list[tuple[str, str]]) -> forms.ChoiceField:
    return forms.ChoiceField(choices=[("", "—"), *options], required=False)


def _number_text(value: Any) -> str:
    if value is None:
        return ""
    # `str` of a float is its shortest exact form: saving the form unchanged keeps the weight.
    return str(value).replace(".", ",") if isinstance(value, float) else str(value)


class PlanItemForm(forms.Form):
    """The fields of one item of `kind`; `data()` is the item in the dataset's form."""

    def __init__(
        self,
        kind: str,
        agency: Agency,
        initial_item: dict[str, Any] | None,
        years: range,
        needs_reason: bool,
        *args: Any,
        plan: StrategicPlan | None = None,
        shown: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.kind, self.item, self.years = kind, initial_item or {}, years
        self.plan = plan
        for name in OWN_FIELDS[kind]:
            self.fields[name] = self._field(name, agency)
        if kind in TARGETED:
            for year in years:
                self.fields[f"target_{year}"] = forms.CharField(
                    label=f"Target {year}", required=False, max_length=200
                )
        if kind == "indicator":
            self.fields["reference_targets"] = forms.CharField(
                required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
            self.fields["retired_from"] = forms.CharField(required=False, max_length=4)
        if needs_reason:
            self.fields["reason"] = forms.CharField(max_length=500)
        for name, field in self.fields.items():
            field.label = field.label or LABELS.get(name, name)
        self._initial_from(self.item)
        if shown is not None:  # an edit: the item as shown (`catalogue.item_fingerprint`)
            self.fields["shown"] = forms.CharField(
                widget=forms.HiddenInput,
                max_length=64,
                error_messages={"required": "Versi butir tidak terkirim; muat ulang halaman."},
            )
            self.initial["shown"] = shown

    def _field(self, name: str, agency: Agency) -> forms.Field:
        if name in ("is_key", "can_exceed_100"):
            return forms.BooleanField(required=False)
        if name == "polarity":
            return forms.ChoiceField(choices=Polarity.choices)
        if name == "combine":
            return forms.ChoiceField(choices=Combine.choices)
        if name == "cap_applies":
            return _choice([(str(k), f"{v}") for k, v in CapScope.choices])
        if name == "work_unit":
            units = agency.work_units.order_by("position")
            return _choice([(u.code, u.name) for u in units])
        if name == "reports_to":
            units = agency.work_units.order_by("position")
            return _choice([(u.code, u.name) for u in units])
        if name == "objectives":
            return forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
        if name == "division":
            return _choice([(d.code, d.name) for d in agency.divisions.order_by("position")])
        if name == "goal":
            plan = self.plan or StrategicPlan.objects.latest_of(agency)
            goals = plan.goals.order_by("position") if plan is not None else Goal.objects.none()
            return _choice([(g.code, f"{g.code}: {g.text[:60]}") for g in goals])
        if name == "grade_scale":
            settings = getattr(agency, "achievement_settings", None)
            own = [s["code"] for s in (settings.grade_scales if settings else [])]
            return _choice([(code, code) for code in (*BUILTIN_GRADE_SCALES, *own)])
        widget = forms.Textarea(attrs={"rows": 2}) if name in LONG else None
        required = name in ("code", "name", "text", "vision", "start", "end")
        field = forms.CharField(required=required, widget=widget)
        if name == "code":
            field.help_text = "Huruf, angka, titik, garis bawah atau tanda hubung; tanpa spasi."
        return field

    def _initial_from(self, item: dict[str, Any]) -> None:
        for name in self.fields:
            if name in PERSON:
                head = item.get("head") or {}
                self.initial[name] = head.get(name.removeprefix("head_"))
            elif name.startswith("target_"):
                pairs = item.get("targets" if self.kind == "goal_indicator" else "renstra_targets")
                value = (pairs or {}).get(str(name.removeprefix("target_")))
                self.initial[name] = printed_text(value)
            elif name == "reference_targets":
                self.initial[name] = "\n".join(
                    " | ".join(
                        [r["label"], printed_text(r["target"]), str(r.get("year") or "")]
                    ).rstrip(" |")
                    for r in item.get("reference_targets") or ()
                )
            elif name == "objectives":
                self.initial[name] = "\n".join(
                    f"{o['objective']} | {_number_text(o['share'])}".removesuffix(" | ")
                    for o in item.get("objectives") or ()
                )
            elif name in ("weight", "retired_from", "start", "end"):
                self.initial[name] = _number_text(item.get(name))
            elif name != "reason":
                self.initial[name] = item.get(name)

    def data_item(self) -> dict[str, Any]:
        """The item in the dataset's form, from the cleaned fields (call after `is_valid`)."""
        data = self.cleaned_data
        out: dict[str, Any] = {}
        for name in OWN_FIELDS[self.kind]:
            if name in PERSON:
                continue
            if name == "objectives":
                out[name] = self._shares()
                continue
            value = data.get(name)
            if isinstance(value, str):
                value = value.strip() or None
            if name in ("weight",) and value is not None:
                value = value.replace(",", ".")
            out[name] = value
        if self.kind == "work_unit":
            head = {k: (data.get(f"head_{k}") or "").strip() for k in ("name", "position", "nip")}
            out["head"] = {k: v for k, v in head.items() if v} or None
        if self.kind in TARGETED:
            key = "targets" if self.kind == "goal_indicator" else "renstra_targets"
            out[key] = self._targets(self.item.get(key) or {})
        if self.kind == "indicator":
            out["reference_targets"] = self._references()
            out["retired_from"] = (data.get("retired_from") or "").strip() or None
        return out

    def _targets(self, old: dict[str, Any]) -> dict[int, Any]:
        targets: dict[int, Any] = {}
        for key, value in old.items():  # years outside the period are kept as they are
            if int(key) not in self.years:
                targets[int(key)] = value
        for year in self.years:
            text = " ".join((self.cleaned_data.get(f"target_{year}") or "").split())
            if not text:
                continue
            kept = old.get(str(year))
            targets[year] = kept if printed_text(kept) == text else text
        return dict(sorted(targets.items()))

    def _shares(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for line in (self.cleaned_data.get("objectives") or "").splitlines():
            code, _, share = (part.strip() for part in line.partition("|"))
            if code:
                out.append({"objective": code, "share": share.replace(",", ".") or None})
        return out

    def _references(self) -> list[dict[str, Any]]:
        old = {
            (r["label"], printed_text(r["target"])): r["target"]
            for r in self.item.get("reference_targets") or ()
        }
        out: list[dict[str, Any]] = []
        for line in (self.cleaned_data.get("reference_targets") or "").splitlines():
            parts = [part.strip() for part in line.split("|")]
            if not any(parts):
                continue
            label, target = [*parts, "", ""][:2]
            entry: dict[str, Any] = {"label": label, "target": old.get((label, target), target)}
            if len(parts) > 2 and parts[2]:
                entry["year"] = parts[2]
            out.append(entry)
        return out

    def show(self, problem: PlanItemInvalid) -> None:
        """Put each problem of the item on its field; the rest above the form."""
        for name, messages in problem.fields.items():
            for message in messages:
                self.add_error(self._field_for(name, message), message)

    def _field_for(self, name: str, message: str) -> str | None:
        if name in ("renstra_targets", "targets"):
            year = message.split(":")[0]
            return f"target_{year}" if f"target_{year}" in self.fields else None
        if name == "head":
            return "head_name"
        return name if name in self.fields else None
