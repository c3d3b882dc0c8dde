"""The LKj's narrative sections of a year: list them in the LKj's order, read one with its draft
and the figures the draft is made from, write one at a version, or set it back to the drafted
text. The same sections, rules and actions as the web app's narrative editor
(`documents.narrative_sections`, `results.narrative`): planners write, whoever may export the
year's data reads; a stale version answers 409 with the current section in `details.current`; a
locked year answers 409."""

from __future__ import annotations

from typing import Annotated, Any

from django.http import Http404, HttpRequest
from ninja import Path, Query, Router

from kinerja.accounts import rules as r
from kinerja.accounts.access import access_year
from kinerja.accounts.rules import User
from kinerja.api.errors import ERROR_RESPONSES, ApiError
from kinerja.api.realization_writes import serialised
from kinerja.api.schemas import CODE_PATTERN
from kinerja.api.schemas_narrative import (
    NarrativeIn,
    NarrativeListOut,
    NarrativeOut,
    PlaceQuery,
    VersionQuery,
)
from kinerja.documents import narrative_sections as ns
from kinerja.documents.context import ReportContext, build_context
from kinerja.results import narrative
from kinerja.results.actions import StaleVersion
from kinerja.results.models import ReportingYear
from kinerja.results.verified import verified_dataset

router = Router(tags=["Narasi LKj"])
ONE = {200: NarrativeOut, **ERROR_RESPONSES}
Key = Annotated[str, Path(..., pattern=CODE_PATTERN, description="Kunci bagian narasi")]


def _context(year: ReportingYear) -> ReportContext:
    return build_context(verified_dataset(year.agency), year.year)


def _out(
    section: ns.Section, versions: dict[Any, int], ctx: ReportContext | None = None
) -> dict[str, Any]:
    written = section.written
    answer: dict[str, Any] = {
        "key": section.key,
        "objective": section.objective,
        "work_unit": section.work_unit,
        "place": section.place,
        "state": section.state,
        "required": section.required,
        "title": written.title if written else None,
        "text": written.text if written else None,
        "draft_text": section.draft_text,
        "kept_apart": section.kept_apart,
        "version": versions.get((section.key, section.objective, section.work_unit), 0),
    }
    if ctx is not None:
        answer["figures"] = [
            {"title": f.title, "header": list(f.header), "rows": [list(r) for r in f.rows]}
            for f in ns.figures(ctx, section)
        ]
    return answer


def _one(year: ReportingYear, place: narrative.Place) -> dict[str, Any]:
    ctx = _context(year)
    found = ns.find(ns.sections(ctx), place.key, place.objective, place.work_unit)
    if found is None:
        raise Http404("Bagian narasi ini tidak ada di LKj tahun ini.")
    return _out(found, narrative.versions(year), ctx)


def _place(key: str, query: PlaceQuery) -> narrative.Place:
    return narrative.Place(key, query.objective, query.work_unit)


@router.get(
    "",
    response={200: NarrativeListOut, **ERROR_RESPONSES},
    summary="Bagian narasi LKj",
    description=(
        "Setiap bagian narasi LKj tahun itu menurut urutan LKj, dengan keadaannya: `written` "
        "(ditulis perencana), `drafted` (teks otomatis dari angka), `required` (wajib ditulis: "
        "LKj final ditolak tanpanya) atau `optional`."
    ),
)
def list_sections(request: HttpRequest, query: Query[PlaceQuery]) -> dict[str, Any]:
    year = access_year(request.auth, query.office, query.year, r.EXPORT).obj
    items = ns.sections(_context(year))
    versions = narrative.versions(year)
    return {
        "office": year.agency.code,
        "year": year.year,
        "locked": year.is_locked,
        "items": [_out(s, versions) for s in items],
    }


@router.get(
    "/{key}",
    response=ONE,
    summary="Satu bagian narasi",
    description=(
        "Teks yang ditulis (atau kosong), teks otomatisnya, dan angka yang dipakai teks otomatis "
        "itu (`figures`). Sasaran (`objective`) atau unit kerja (`work_unit`) menentukan bagian "
        "yang kuncinya sama, mis. `capaian` tiap sasaran."
    ),
)
def get_section(request: HttpRequest, key: Key, query: Query[PlaceQuery]) -> dict[str, Any]:
    year = access_year(request.auth, query.office, query.year, r.EXPORT).obj
    return _one(year, _place(key, query))


def _conflict(year: ReportingYear, place: narrative.Place, exc: Exception) -> ApiError:
    return ApiError(409, str(exc), {"current": _one(year, place)})


@router.put(
    "/{key}",
    response=ONE,
    summary="Tulis bagian narasi",
    description=(
        "Perencana menulis atau mengubah teks bagian itu. Kirim `version` yang terakhir dibaca "
        "(0 bila belum ditulis); bila sudah diubah orang lain: 409, dan `error.details.current` "
        "berisi bagian sekarang. Tahun yang sudah dikunci: 409."
    ),
)
def put_section(
    request: HttpRequest, key: Key, query: Query[PlaceQuery], body: NarrativeIn
) -> dict[str, Any]:
    user: User = request.auth  # type: ignore[assignment]
    year = access_year(user, query.office, query.year, r.EDIT_PLAN).obj
    place = _place(key, query)
    _one(year, place)  # 404 for a place the LKj has not

    def write() -> None:
        try:
            narrative.save_section(user, year, place, body.text, body.version, body.title)
        except StaleVersion as exc:
            raise _conflict(year, place, exc) from exc

    serialised(write)
    return _one(year, place)


@router.delete(
    "/{key}",
    response=ONE,
    summary="Kembalikan ke teks otomatis",
    description=(
        "Hapus teks yang ditulis (di `version` yang terakhir dibaca): LKj kembali mencetak teks "
        "otomatis. Tercatat di riwayat."
    ),
)
def delete_section(request: HttpRequest, key: Key, query: Query[VersionQuery]) -> dict[str, Any]:
    user: User = request.auth  # type: ignore[assignment]
    year = access_year(user, query.office, query.year, r.EDIT_PLAN).obj
    place = narrative.Place(key, query.objective, query.work_unit)
    _one(year, place)

    def write() -> None:
        try:
            narrative.delete_section(user, year, place, query.version)
        except StaleVersion as exc:
            raise _conflict(year, place, exc) from exc

    serialised(write)
    return _one(year, place)
