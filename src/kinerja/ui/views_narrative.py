"""The LKj's narrative in the browser: every section in the LKj's order with its state, and an
editor per section that starts from the saved text or the drafted one, shows the figures the
draft is made from, and previews the section as the document prints it (htmx, nothing saved).

The sections and their drafts come from building the LKj (`documents.narrative_sections`) on the
verified dataset, as the downloads do; the preview goes through the document's own reading of a
planner's text (`narrative.text_blocks`) and the HTML writer of the document tree. Saving and
setting back to the drafted text are `kinerja.results.narrative`, shared with the API: a version
read with the page (no lost update), a locked year refused, every change in the history.

Planners (`EDIT_PLAN`) write; the leader and the auditor read (`EXPORT`).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from kinerja.accounts import rules as r
from kinerja.accounts.access import Access, access_year
from kinerja.documents import narrative_sections as ns
from kinerja.documents.context import ReportContext, build_context
from kinerja.documents.html_writer import blocks_html
from kinerja.documents.narrative import text_blocks
from kinerja.results import narrative
from kinerja.results.actions import StaleVersion, WorkflowError
from kinerja.results.models import ReportingYear
from kinerja.results.verified import verified_dataset
from kinerja.ui.history import when
from kinerja.ui.pages import year_page

READ = r.EXPORT
WRITE = r.EDIT_PLAN
LOCKED = narrative.LOCKED
HISTORY_LIMIT = 20


def _context(year: ReportingYear) -> ReportContext:
    return build_context(verified_dataset(year.agency), year.year)


def _place(request: HttpRequest, key: str) -> narrative.Place:
    source = request.POST if request.method == "POST" else request.GET
    objective = (request.GET.get("sasaran") or source.get("sasaran") or "").strip() or None
    unit = (request.GET.get("unit") or source.get("unit") or "").strip() or None
    return narrative.Place(key, objective, unit)


def edit_url(agency: str, year: int, section: ns.Section | narrative.Place, name: str = "") -> str:
    """The editor of a section, or with `name` (`preview`, `reset`) one of its actions."""
    url = reverse(
        f"ui:narrative_{name}" if name else "ui:narrative_edit", args=[agency, year, section.key]
    )
    query = {}
    if section.objective:
        query["sasaran"] = section.objective
    if section.work_unit:
        query["unit"] = section.work_unit
    return url + ("?" + urlencode(query) if query else "")


def _section(ctx: ReportContext, place: narrative.Place) -> ns.Section:
    found = ns.find(ns.sections(ctx), place.key, place.objective, place.work_unit)
    if found is None:
        raise Http404("Bagian narasi ini tidak ada di LKj tahun ini.")
    return found


@login_required
def narrative_list(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    access = access_year(request.user, agency, year, READ)
    items = ns.sections(_context(access.obj))
    counts = {state: sum(1 for s in items if s.state == state) for state in ns.STATE_NAMES}
    rows = [(s, edit_url(agency, year, s)) for s in items]
    return year_page(
        request,
        "ui/narrative.html",
        access,
        rows=rows,
        counts=counts,
        state_names=ns.STATE_NAMES,
        may_write=WRITE in access.allowed and not access.obj.is_locked,
    )


def _history(year: ReportingYear, place: narrative.Place) -> list[dict[str, Any]]:
    """The section's recorded changes, newest first (a deleted section's too)."""
    out = []
    for record in narrative.history(year, place)[:HISTORY_LIMIT]:
        user = record.history_user
        out.append(
            {
                "when": when(record.history_date),
                "who": (user.get_full_name() or user.username) if user else "Sistem (impor)",
                "what": record.history_change_reason or "",
                "length": len(record.text or ""),
            }
        )
    return out


def _editor(
    request: HttpRequest,
    access: Access[ReportingYear],
    place: narrative.Place,
    *,
    text: str | None = None,
    title: str | None = None,
    version: int | None = None,
    status: int = 200,
    error: str | None = None,
    stored: ns.Section | None = None,
) -> HttpResponse:
    year = access.obj
    ctx = _context(year)
    section = _section(ctx, place)
    written = section.written
    stored_version = _stored_version(year, place)
    shown = section.text if text is None else text
    agency, number = year.agency.code, year.year
    return year_page(
        request,
        "ui/narrative_edit.html",
        access,
        status=status,
        section=section,
        text=shown,
        title=(written.title or "" if written else "") if title is None else title,
        version=stored_version if version is None else version,
        figures=ns.figures(ctx, section),
        preview=_preview_html(section, shown),
        error=error,
        stored=stored,
        history=_history(year, place),
        may_write=WRITE in access.allowed and not year.is_locked,
        locked=year.is_locked,
        action=edit_url(agency, number, section),
        preview_url=edit_url(agency, number, section, "preview"),
        reset_url=edit_url(agency, number, section, "reset"),
        list_url=reverse("ui:narrative", args=[agency, number]),
    )


def _stored_version(year: ReportingYear, place: narrative.Place) -> int:
    record = narrative.find(year, place)
    return record.version if record else 0


def _preview_html(section: ns.Section, text: str) -> str:
    """The section as the LKj prints it with `text`: the planner's blocks, or with no text the
    drafted blocks (tables and all), or a line saying nothing is printed. The draft left as it
    is in the editor of a section not written shows what prints now, the draft's tables too."""
    if section.written is None and section.draft and text.strip() == section.draft_text.strip():
        html = blocks_html(section.draft)
    elif text.strip():
        html = blocks_html(text_blocks(text.replace("\r\n", "\n")))
    elif section.draft:
        html = blocks_html(section.draft)
    else:
        html = (
            '<p class="muted">Tanpa teks, bagian ini tidak dicetak'
            + (" dan LKj final ditolak sampai diisi." if section.required else ".")
            + "</p>"
        )
    return mark_safe(html)  # every text is escaped by the HTML writer


@login_required
def narrative_edit(request: HttpRequest, agency: str, year: int, key: str) -> HttpResponse:
    if request.method != "POST":
        access = access_year(request.user, agency, year, READ)
        return _editor(request, access, _place(request, key))
    access = access_year(request.user, agency, year, WRITE)
    place = _place(request, key)
    text = request.POST.get("text", "")
    title = request.POST.get("title", "")
    if access.obj.is_locked:
        return _editor(request, access, place, text=text, title=title, status=409, error=LOCKED)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        return _editor(
            request,
            access,
            place,
            text=text,
            title=title,
            status=400,
            error="Formulir tidak lengkap (versi); muat ulang halaman.",
        )
    label = _section(_context(access.obj), place).place  # 404 for a place the LKj has not
    try:
        narrative.save_section(request.user, access.obj, place, text, version, title)
    except StaleVersion as exc:
        stored = _section(_context(access.obj), place)
        # The writer keeps their text and now sees the stored one: saving again is a choice
        # made with both in view.
        return _editor(
            request,
            access,
            place,
            text=text,
            title=title,
            status=409,
            error=str(exc),
            stored=stored,
        )
    except WorkflowError as exc:
        access.obj.refresh_from_db()
        return _editor(
            request,
            access,
            place,
            text=text,
            title=title,
            version=version,
            status=409 if access.obj.is_locked else 400,
            error=str(exc),
        )
    messages.success(request, f"Narasi \u201c{label}\u201d disimpan.")
    return redirect(edit_url(agency, year, place))


@login_required
@require_POST
def narrative_preview(request: HttpRequest, agency: str, year: int, key: str) -> HttpResponse:
    """The section as it would print with the text in the editor (htmx); nothing is saved."""
    access = access_year(request.user, agency, year, READ)
    section = _section(_context(access.obj), _place(request, key))
    text = request.POST.get("text", "")[: narrative.TEXT_MAX_LENGTH]
    return render(request, "ui/_narrative_preview.html", {"preview": _preview_html(section, text)})


@login_required
@require_POST
def narrative_reset(request: HttpRequest, agency: str, year: int, key: str) -> HttpResponse:
    """Delete the written text: the LKj prints the drafted text again."""
    access = access_year(request.user, agency, year, WRITE)
    place = _place(request, key)
    if access.obj.is_locked:
        return _editor(request, access, place, status=409, error=LOCKED)
    try:
        version = int(request.POST.get("version", ""))
        deleted = narrative.delete_section(request.user, access.obj, place, version)
    except ValueError:
        return _editor(
            request, access, place, status=400, error="Versi tidak terkirim; muat ulang halaman."
        )
    except WorkflowError as exc:
        return _editor(request, access, place, status=409, error=str(exc))
    if deleted:
        messages.success(request, "Narasi dikembalikan ke teks otomatis.")
    return redirect(edit_url(agency, year, place))
