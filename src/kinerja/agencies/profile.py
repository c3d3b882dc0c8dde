"""The office's profile kept by its planners: names, address, signing place and its officials.

One action for the web app (`ui/views_profile.py`) and the API (`PUT /offices/{code}/profile`).
The profile is the dataset's `agency` (name, full name, address, city, signing place, head,
secretary) and `organization.people`, in the dataset's form and checked by the dataset's own
models (`Person`: a name, an optional position, a NIP of the schema's pattern), so the editor
accepts exactly what a dataset file may hold.

A write:

- needs the planner's right (`agency.edit_plan`) and runs in one transaction that first locks the
  office's row;
- compares the version the writer read (`profile_version`, a digest of the stored profile) with
  the stored one inside that transaction: a profile changed since, by anyone and anywhere (this
  editor, the API, an import), is refused (`StaleVersion`), so no change is lost;
- keeps every locked year's documents as they were signed: before the head, the secretary, the
  signing place or the city change, each locked year takes the signatories and the place its LKj,
  PKs and review statement print today where it names none of its own (`report.signatory`,
  `report.place`, the PK's parties and place, the review's place), so a later profile prints
  only in the open years;
- is recorded in the office's history (author, time, reason, the whole profile after it) and
  moves the office's data stamp (`agencies.signals.changed`), like the plan's edits.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from pydantic import ValidationError

from kinerja.accounts import rules as r
from kinerja.accounts.rules import User, can
from kinerja.agencies.datasets.jsonforms import plain
from kinerja.agencies.models import Agency
from kinerja.agencies.signals import changed
from kinerja.dataset import schema as ds
from kinerja.dataset.errors import problems_from_validation
from kinerja.dataset.storable import NUL_MESSAGE, nul_paths
from kinerja.digests import digest_of
from kinerja.evaluations.models import ReviewRecord
from kinerja.plans.models import PerformanceAgreement
from kinerja.results.actions import StaleVersion, WorkflowError
from kinerja.results.models import ReportingYear
from kinerja.results.transactions import write_transaction

Data = dict[str, Any]

TEXTS = ("name", "full_name", "address", "city", "signing_place")
PEOPLE = ("head", "secretary")
FIELDS = (*TEXTS, *PEOPLE, "people")
# What a locked year's signatures are taken from when the year names none of its own.
SIGNING = ("head", "secretary", "signing_place", "city")

NIP_PATTERN: str = ds.Person.model_json_schema()["properties"]["nip"]["anyOf"][0]["pattern"]
"""The dataset schema's NIP pattern (digits and spaces, 8 to 24): the form checks the same."""
NIP_MESSAGE = "NIP hanya angka (boleh dengan spasi), 8 sampai 24 karakter."

CHANGED = (
    "Profil instansi telah diubah orang lain sejak Anda membukanya. Muat ulang halaman, periksa "
    "profil yang sekarang, lalu ubah lagi."
)
NOTE = "Profil instansi diubah"
KEPT_NOTE = "Penanda tangan tahun terkunci dicatat sebelum profil instansi diubah"


class ProfileInvalid(WorkflowError):
    """The profile breaks the dataset's rules: every problem by field (`head`, `people`, ...).

    A field's messages name the part they are about (`nip: ...`, `2 nama: ...` for the second
    official); problems of no one field are under `""`.
    """

    def __init__(self, fields: dict[str, list[str]]) -> None:
        self.fields = fields
        lines = [f"{name}: {m}" if name else m for name, ms in fields.items() for m in ms]
        super().__init__("; ".join(lines))


@dataclass(frozen=True)
class ProfileChange:
    """What a write did: whether the profile changed, and the locked years that took their
    signatories from the profile before it changed."""

    changed: bool
    kept_years: list[int] = field(default_factory=list)


def profile_data(agency: Agency) -> Data:
    """The office's profile in the dataset's plain form (people without empty fields)."""
    return {
        "name": agency.name,
        "full_name": agency.full_name,
        "address": agency.address,
        "city": agency.city,
        "signing_place": agency.signing_place,
        "head": agency.head,
        "secretary": agency.secretary,
        "people": list(agency.people or []),
    }


def profile_version(agency: Agency) -> str:
    """A digest of the stored profile: what the writer was shown (any change gives another)."""
    return digest_of(profile_data(agency))


# --- validation by the dataset's models -------------------------------------------------------

# Pydantic's message for the NIP pattern names the regular expression; people read this instead.
_PATTERN = "format tidak sesuai"


def _problems(error: ValidationError) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for problem in problems_from_validation(error, "", lambda _: None):
        parts = problem.field.replace("[", ".").replace("]", "").split(".")
        name, rest = parts[0], parts[1:]
        if name == "people" and rest and rest[0].isdigit():
            rest = [str(int(rest[0]) + 1), *rest[1:]]
        message = NIP_MESSAGE if rest[-1:] == ["nip"] and _PATTERN in problem.message else None
        found = (
            f" (ditemukan: {problem.found})" if problem.found is not None and not message else ""
        )
        where = f"{' '.join(rest)}: " if rest else ""
        fields.setdefault(name, []).append(f"{where}{message or problem.message}{found}")
    return fields


def _unencodable(merged: Data) -> list[str]:
    """The fields holding a text no database keeps (a lone surrogate from JSON)."""

    def bad(value: Any) -> bool:
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return True
            return False
        if isinstance(value, dict):
            return any(bad(k) or bad(v) for k, v in value.items())
        if isinstance(value, list):
            return any(bad(v) for v in value)
        return False

    return [name for name, value in merged.items() if bad(value)]


def checked_profile(current: Data, data: Data) -> Data:
    """The profile with `data`'s fields in place of the current ones (a field left out stays),
    read by the dataset's models; raises `ProfileInvalid` naming each field."""
    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        raise ProfileInvalid({name: ["kolom tidak dikenal"] for name in unknown})
    merged = {**current, **data}
    if merged.get("people") is None:
        merged["people"] = []
    nul = nul_paths(merged)
    if nul:
        raise ProfileInvalid({str(path[0]): [NUL_MESSAGE] for path in nul})
    unreadable = _unencodable(merged)
    if unreadable:
        raise ProfileInvalid({name: ["berisi karakter yang tidak sah"] for name in unreadable})
    office = {name: merged[name] for name in (*TEXTS, *PEOPLE)}
    problems: dict[str, list[str]] = {}
    agency: ds.Agency | None = None
    people: list[ds.Person] = []
    try:
        agency = ds.Agency.model_validate({"code": "x", "level": "national", **office})
    except ValidationError as exc:
        problems |= _problems(exc)
    try:
        people = ds.Organization.model_validate({"people": merged["people"]}).people
    except ValidationError as exc:
        problems |= _problems(exc)
    if problems or agency is None:
        raise ProfileInvalid(problems)
    out: Data = {name: getattr(agency, name) or None for name in TEXTS}
    out["name"] = agency.name
    out |= {name: plain(getattr(agency, name)) for name in PEOPLE}
    out["people"] = [plain(person) for person in people]
    return out


# --- a locked year keeps what it was signed with ----------------------------------------------


def _save(record: Any, user: User, note: str) -> None:
    record._history_user = user
    record._change_reason = note
    record.save()


def _keep_signatories(user: User, agency: Agency, old: Data) -> list[int]:
    """Write into each locked year the signatories and place it prints from the profile now,
    where it names none of its own; returns the years written to."""
    place = old["signing_place"] or old["city"]
    head, secretary = old["head"], old["secretary"]
    kept: set[int] = set()
    years = ReportingYear.objects.select_for_update().filter(agency=agency, locked_at__isnull=False)
    for year in years.order_by("year"):
        touched = False
        if year.report_signatory is None and head is not None:
            year.report_signatory, touched = head, True
        if not year.report_place and place:
            year.report_place, touched = place, True
        if touched:
            year.has_report = True
            _save(year, user, KEPT_NOTE)
            kept.add(year.year)
        for agreement in PerformanceAgreement.objects.filter(agency=agency, year=year.year):
            touched = False
            # The office's PK: the secretary first, the head second; a unit's: the secretary
            # second (its first party is the unit's head, kept with the work unit).
            first, second = (
                (secretary, head) if agreement.work_unit_id is None else (None, secretary)
            )
            if agreement.first_party is None and first is not None:
                agreement.first_party, touched = first, True
            if agreement.second_party is None and second is not None:
                agreement.second_party, touched = second, True
            if not agreement.place and place:
                agreement.place, touched = place, True
            if touched:
                _save(agreement, user, KEPT_NOTE)
                kept.add(year.year)
        review = ReviewRecord.objects.filter(reporting_year=year).first()
        if review is not None and not review.place and place:
            review.place = place
            review.version += 1
            _save(review, user, KEPT_NOTE)
            kept.add(year.year)
    return sorted(kept)


# --- the action --------------------------------------------------------------------------------


def _record_history(agency: Agency, user: User, before: Agency) -> None:
    """The office's history row of this change, after a row of the profile before it when
    the office has none yet (so its first change shows what it was)."""
    history = Agency.history  # type: ignore[attr-defined]
    if not history.filter(id=agency.pk).exists():
        before._history_user = None  # type: ignore[attr-defined]  # not the author of the change
        history.bulk_history_create(
            [before],
            default_date=before.updated_at,
            default_change_reason="Profil sebelum perubahan pertama di aplikasi",
        )
    history.bulk_history_create(
        [agency], update=True, default_user=user, default_change_reason=NOTE
    )


@write_transaction
def update_profile(user: User, agency: Agency, data: Data, version: str) -> ProfileChange:
    """Change the office's profile (`data`: any of `FIELDS` in the dataset's form) at the
    `version` read; raises `StaleVersion`, `ProfileInvalid`, or `PermissionDenied`.

    Nothing changes, and no version is compared, when `data` holds the stored profile.
    """
    if not can(user, r.EDIT_PLAN, agency):
        raise PermissionDenied("Anda tidak berwenang mengubah profil instansi.")
    current = Agency.objects.select_for_update().get(pk=agency.pk)
    old = profile_data(current)
    new = checked_profile(old, data)
    if new == old:
        return ProfileChange(changed=False)
    if version != profile_version(current):
        raise StaleVersion(CHANGED)
    kept: list[int] = []
    if any(old[name] != new[name] for name in SIGNING):
        kept = _keep_signatories(user, current, old)
    before = copy.copy(current)
    for name, value in new.items():
        setattr(current, name, value)
    current.save(update_fields=[*FIELDS, "updated_at"])
    _record_history(current, user, before)
    changed(current.pk)
    for name, value in new.items():
        setattr(agency, name, value)
    return ProfileChange(changed=True, kept_years=kept)


# --- the history as people read it ---------------------------------------------------------------

LABELS = {
    "name": "Nama",
    "full_name": "Nama lengkap",
    "address": "Alamat",
    "city": "Kota",
    "signing_place": "Tempat penandatanganan",
    "head": "Ketua",
    "secretary": "Sekretaris",
    "people": "Pejabat",
}


def person_text(person: Any) -> str:
    """`Nama, Jabatan, NIP 1987...` of a stored person; `-` for none."""
    if not person:
        return "-"
    parts = [person.get("name") or "", person.get("position") or ""]
    if person.get("nip"):
        parts.append(f"NIP {person['nip']}")
    return ", ".join(p for p in parts if p)


def shown(name: str, value: Any) -> str:
    """A profile field's value as the history shows it."""
    if name in PEOPLE:
        return person_text(value)
    if name == "people":
        return "; ".join(person_text(p) for p in value or ()) or "-"
    return str(value) if value else "-"


@dataclass(frozen=True)
class HistoryEntry:
    moment: Any
    who: str
    reason: str
    changes: list[tuple[str, str, str]]


def profile_history(agency: Agency, limit: int = 20) -> list[HistoryEntry]:
    """The profile's recorded changes, newest first: who, when, which field from what to what."""
    history = Agency.history  # type: ignore[attr-defined]
    rows = list(
        history.filter(id=agency.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[: limit + 1]
    )
    entries: list[HistoryEntry] = []
    if not rows:
        return entries
    for row, previous in zip(rows, [*rows[1:], None], strict=True):
        if previous is None and len(rows) > limit:
            break
        changes = []
        if previous is not None:
            for name, label in LABELS.items():
                old, new = getattr(previous, name), getattr(row, name)
                if old != new:
                    changes.append((label, shown(name, old), shown(name, new)))
        user = row.history_user
        entries.append(
            HistoryEntry(
                moment=row.history_date,
                who=(user.get_full_name() or user.username) if user else "Sistem",
                reason=row.history_change_reason or "",
                changes=changes,
            )
        )
    return entries
