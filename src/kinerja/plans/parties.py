"""The two parties of a PK: who promises (first party) and their superior (second party).

A PK stores its own parties where the dataset does (`first_party`, `second_party`, each a
`Person`: name, position, NIP); a PK without them prints the organisation's: the office's PK is
promised by the Sekretaris to the Ketua, a unit's PK by the unit's head to the Sekretaris
(`documents.pk.choose_parties`, the one rule the documents and the web app share).

`shown` is what the PK prints now; `officials` the people the planner may pick (the office's
head and secretary, the units' heads, the office's officials); `set_parties` records both
parties, refused in a locked year and when the parties changed after the planner saw them
(`digest` of what the page showed), with the history's author and reason.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from django.core.exceptions import PermissionDenied

from kinerja.accounts import rules as r
from kinerja.accounts.rules import User, can
from kinerja.agencies.signals import changed
from kinerja.dataset import schema
from kinerja.digests import digest_of
from kinerja.documents.pk import BLANK, Party, choose_parties
from kinerja.plans.models import PerformanceAgreement
from kinerja.results.actions import StaleVersion, WorkflowError
from kinerja.results.models import ReportingYear
from kinerja.results.transactions import write_transaction

NIP = re.compile(r"^[0-9 ]{8,24}$")
FIELDS = ("name", "position", "nip")


class PartiesRefused(WorkflowError):
    """The parties cannot be recorded (see the message)."""


class PartiesChanged(StaleVersion):
    """The PK's parties (or the office's people they default to) changed after they were shown."""


def _person(data: Any) -> schema.Person | None:
    """A stored person as the documents read it (no validation: it is only shown)."""
    if not isinstance(data, dict) or not str(data.get("name") or "").strip():
        return None
    return schema.Person.model_construct(
        name=str(data["name"]),
        position=str(data["position"]) if data.get("position") else None,
        nip=str(data["nip"]) if data.get("nip") else None,
    )


def shown(agreement: PerformanceAgreement, *, own: bool = True) -> tuple[Party, Party]:
    """The first and second party the PK prints now (`agreement` with its agency and unit);
    `own=False`: those it prints without parties of its own, from the organisation."""
    agency = agreement.agency
    unit = agreement.work_unit
    return choose_parties(
        agency.name,
        _person(agency.head),
        _person(agency.secretary),
        _person(agreement.first_party) if own else None,
        _person(agreement.second_party) if own else None,
        (unit.name, _person(unit.head)) if unit is not None else None,
    )


def as_fields(party: Party) -> dict[str, str]:
    """A printed party as the form's fields (a blank name: empty)."""
    return {
        "name": "" if party.name == BLANK else party.name,
        "position": party.position,
        "nip": party.nip or "",
    }


def officials(agreement: PerformanceAgreement) -> list[dict[str, str]]:
    """The people the planner may pick as a party, once each: the office's head and secretary,
    the head of each work unit (the PK's own first), and the office's officials."""
    agency = agreement.agency
    units = list(agency.work_units.order_by("position", "pk"))
    units.sort(key=lambda u: u.pk != agreement.work_unit_id)
    found: list[dict[str, str]] = []
    for data in (agency.head, agency.secretary, *(u.head for u in units), *(agency.people or ())):
        person = _person(data)
        if person is None:
            continue
        entry = {k: str(getattr(person, k) or "").strip() for k in FIELDS}
        if entry not in found:
            found.append(entry)
    return found


def official_key(person: dict[str, str]) -> str:
    """A stable choice value for an official."""
    text = json.dumps([person.get(k, "") for k in FIELDS], ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def digest(agreement: PerformanceAgreement) -> str:
    """What the parties page showed: the stored parties and the ones printed."""
    first, second = shown(agreement)
    state = [
        agreement.first_party,
        agreement.second_party,
        as_fields(first),
        as_fields(second),
    ]
    return digest_of(state)


def cleaned(person: dict[str, str] | None, role: str) -> dict[str, str] | None:
    """A person to store (name, position, NIP; empty fields left out), or None: the PK prints
    the organisation's. `role` names the party in the messages."""
    if person is None:
        return None
    kept = {k: " ".join(str(person.get(k) or "").split()) for k in FIELDS}
    if not kept["name"] or not kept["position"]:
        raise PartiesRefused(f"Nama dan jabatan {role} wajib diisi.")
    if kept["nip"] and not NIP.match(kept["nip"]):
        raise PartiesRefused(f"NIP {role} hanya angka (8 sampai 24 digit).")
    if len(kept["name"]) > 200 or len(kept["position"]) > 200:
        raise PartiesRefused(f"Nama dan jabatan {role} paling banyak 200 karakter.")
    return {k: v for k, v in kept.items() if v}


@write_transaction
def set_parties(
    user: User,
    agreement: PerformanceAgreement,
    first: dict[str, str] | None,
    second: dict[str, str] | None,
    seen: str | None,
) -> bool:
    """Record the PK's first and second party (None: the organisation's); returns whether
    anything changed. Refused in a locked year; `seen` (the `digest` the page showed; None from
    a caller that showed nothing) refuses a change made on stale parties."""
    if not can(user, r.EDIT_PLAN, agreement.agency):
        raise PermissionDenied("Anda tidak berwenang mengubah rencana.")
    first, second = cleaned(first, "pihak pertama"), cleaned(second, "pihak kedua")
    # The year's row first, as every write to the year: a change racing the approval is either
    # before it or refused.
    year = (
        ReportingYear.objects.select_for_update()
        .filter(agency_id=agreement.agency_id, year=agreement.year)
        .first()
    )
    if year is not None and year.is_locked:
        raise PartiesRefused(f"Tahun {year.year} sudah dikunci: pihak PK tidak dapat diubah.")
    record = (
        PerformanceAgreement.objects.select_for_update(of=("self",))
        .select_related("agency", "work_unit")
        .get(pk=agreement.pk)
    )
    if seen is not None and seen != digest(record):
        raise PartiesChanged(
            "Pihak PK ini telah diubah orang lain sejak halaman dibuka. Muat ulang halaman."
        )
    if (record.first_party, record.second_party) == (first, second):
        return False
    record.first_party, record.second_party = first, second
    record._history_user = user  # type: ignore[attr-defined]
    record._change_reason = "Pihak PK diubah"  # type: ignore[attr-defined]
    record.save()
    agreement.first_party, agreement.second_party = first, second
    changed(record.agency_id)
    return True
