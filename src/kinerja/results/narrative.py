"""The LKj's narrative written in the web app and the API: save a section at a version, or set it
back to the drafted text (delete it).

A section is found by its place: key, objective and work unit (`docs/reports.md`, "Narrative
keys"); the dataset holds it as `years[].narrative`. Each change first locks the year's row and
refuses a locked year (`writable_year`), then compares the version the writer read (0: no text
yet) with the stored one inside the same transaction: of two writers holding the same version,
the second is refused (`StaleVersion`), so no text is lost. Every save is in the section's
history with its author and a reason; a deletion is recorded there too (`audit` leaves deletions
to bulk deletes, so this module writes that record itself).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.utils import timezone
from pydantic import ValidationError

from kinerja.accounts import rules as r
from kinerja.accounts.rules import User, can
from kinerja.agencies.models import WorkUnit
from kinerja.agencies.signals import changed
from kinerja.dataset import schema
from kinerja.dataset.storable import NUL_MESSAGE
from kinerja.plans.models import Objective, in_period
from kinerja.results.actions import InvalidValue, StaleVersion, YearLocked, writable_year
from kinerja.results.models import NarrativeSection, ReportingYear
from kinerja.results.transactions import write_transaction

TEXT_MAX_LENGTH = 100_000
"""The longest narrative section the web app and the API take (a long BAB is ~20,000)."""
TITLE_MAX_LENGTH = 300
LOCKED = "Tahun ini sudah dikunci; narasinya tidak dapat diubah lagi."
CHANGED = (
    "Teks bagian ini telah diubah orang lain sejak Anda membukanya. Salin teks Anda, muat ulang "
    "halaman, lalu gabungkan."
)


@dataclass(frozen=True)
class Place:
    """Where a section stands in the LKj: its key, and the objective or work unit it is of."""

    key: str
    objective: str | None = None
    work_unit: str | None = None

    @property
    def label(self) -> str:
        where = f", sasaran {self.objective}" if self.objective else ""
        where += f", unit kerja {self.work_unit}" if self.work_unit else ""
        return f"{self.key}{where}"


def _require(user: User, year: ReportingYear) -> None:
    if not can(user, r.EDIT_PLAN, year):
        raise PermissionDenied("Anda tidak berwenang melakukan ini.")


def checked(place: Place, text: str, title: str | None = None) -> schema.NarrativeSection:
    """The section as the dataset schema reads it (the same rules as a file import)."""
    body = text.replace("\r\n", "\n").strip()
    if not body:
        raise InvalidValue("Teks narasi kosong; tulis teksnya, atau kembalikan ke teks otomatis.")
    if len(body) > TEXT_MAX_LENGTH:
        raise InvalidValue(f"Teks narasi paling panjang {TEXT_MAX_LENGTH} karakter.")
    heading = (title or "").strip() or None
    if heading and len(heading) > TITLE_MAX_LENGTH:
        raise InvalidValue(f"Judul bagian paling panjang {TITLE_MAX_LENGTH} karakter.")
    if "\x00" in body or (heading and "\x00" in heading):
        raise InvalidValue(f"Teks narasi {NUL_MESSAGE}.")
    try:
        return schema.NarrativeSection.model_validate(
            {
                "key": place.key,
                "objective": place.objective,
                "work_unit": place.work_unit,
                "title": heading,
                "text": body,
            }
        )
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise InvalidValue(f"Bagian narasi tidak sah ({where}): {first['msg']}") from exc


def _targets(year: ReportingYear, place: Place) -> tuple[Objective | None, WorkUnit | None]:
    objective = unit = None
    if place.objective:
        objective = Objective.objects.filter(
            plan__agency=year.agency, code=place.objective, **in_period(year.year, "plan__")
        ).first()
        if objective is None:
            raise InvalidValue(f"Sasaran strategis '{place.objective}' tidak ada di Renstra.")
    if place.work_unit:
        unit = WorkUnit.objects.filter(agency=year.agency, code=place.work_unit).first()
        if unit is None:
            raise InvalidValue(f"Unit kerja '{place.work_unit}' tidak ada di instansi ini.")
    return objective, unit


def find(year: ReportingYear, place: Place, *, lock: bool = False) -> NarrativeSection | None:
    """The stored section of a place (the first, as the document takes it), or None."""
    found = NarrativeSection.objects.filter(reporting_year=year, key=place.key)
    found = (
        found.filter(objective__code=place.objective)
        if place.objective
        else found.filter(objective__isnull=True)
    )
    found = (
        found.filter(work_unit__code=place.work_unit)
        if place.work_unit
        else found.filter(work_unit__isnull=True)
    )
    if lock:
        found = found.select_for_update()
    return found.order_by("position", "id").first()


def versions(year: ReportingYear) -> dict[tuple[str, str | None, str | None], int]:
    """The version of every stored section of the year by (key, objective, work unit): one
    query (the first section of a place, as the document takes it)."""
    found: dict[tuple[str, str | None, str | None], int] = {}
    rows = NarrativeSection.objects.filter(reporting_year=year).order_by("-position", "-id")
    for key, objective, unit, version in rows.values_list(
        "key", "objective__code", "work_unit__code", "version"
    ):
        found[(key, objective, unit)] = version
    return found


def history(year: ReportingYear, place: Place) -> Any:
    """The recorded changes of the section of `place`, newest first, its deletions included."""
    objective = (
        Objective.objects.filter(
            plan__agency=year.agency, code=place.objective, **in_period(year.year, "plan__")
        )
        .values_list("pk", flat=True)
        .first()
        if place.objective
        else None
    )
    unit = (
        WorkUnit.objects.filter(agency=year.agency, code=place.work_unit)
        .values_list("pk", flat=True)
        .first()
        if place.work_unit
        else None
    )
    return (
        NarrativeSection.history.filter(  # type: ignore[attr-defined]
            reporting_year_id=year.pk, key=place.key, objective_id=objective, work_unit_id=unit
        )
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )


def _open_year(year: ReportingYear) -> ReportingYear:
    """The year's row locked for this change; a locked year is refused."""
    try:
        return writable_year(year.pk)
    except YearLocked as exc:
        raise YearLocked(LOCKED) from exc


def _saved(record: NarrativeSection, user: User, reason: str) -> None:
    record._history_user = user  # type: ignore[attr-defined]
    record._change_reason = reason  # type: ignore[attr-defined]
    record.save()


@write_transaction
def save_section(
    user: User, year: ReportingYear, place: Place, text: str, version: int, title: str | None = None
) -> NarrativeSection:
    """Write the section of `place` at the version read (0: the section has no text yet)."""
    _require(user, year)
    section = checked(place, text, title)
    year = _open_year(year)
    objective, unit = _targets(year, place)
    record = find(year, place, lock=True)
    if version != (record.version if record else 0):
        raise StaleVersion(CHANGED)
    if record is None:
        last = NarrativeSection.objects.filter(reporting_year=year).aggregate(m=Max("position"))
        record = NarrativeSection(
            reporting_year=year,
            position=0 if last["m"] is None else last["m"] + 1,
            key=place.key,
            objective=objective,
            work_unit=unit,
            version=1,
        )
        reason = "Narasi ditulis"
    else:
        if record.text == section.text and record.title == section.title:
            return record
        record.version += 1
        reason = "Narasi diubah"
    record.text = section.text
    record.title = section.title
    _saved(record, user, reason)
    changed(year.agency_id)  # part of the dataset the office's pages keep (its review)
    return record


@write_transaction
def delete_section(user: User, year: ReportingYear, place: Place, version: int) -> bool:
    """Set the section of `place` back to the drafted text, at the version read. False when
    there was no text to delete (version 0)."""
    _require(user, year)
    year = _open_year(year)
    record = find(year, place, lock=True)
    if version != (record.version if record else 0):
        raise StaleVersion(CHANGED)
    if record is None:
        return False
    history = NarrativeSection.history.model  # type: ignore[attr-defined]
    history.objects.create(
        history_date=timezone.now(),
        history_type="-",
        history_user=user,
        history_change_reason="Dikembalikan ke teks otomatis",
        **{f.attname: getattr(record, f.attname) for f in NarrativeSection._meta.concrete_fields},
    )
    record.delete()
    changed(year.agency_id)
    return True
