"""The office logo, publishing final documents, and the office's public page (no login).

Storage and rules live in `kinerja.agencies.logo` and `kinerja.agencies.publications`; these views
only read the request and show the result.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from kinerja.accounts import rules as r
from kinerja.accounts.access import access_year
from kinerja.agencies.logo import ImageRejected, clear_logo, logo_of, set_logo
from kinerja.agencies.models import Agency, Publication, WorkUnit
from kinerja.agencies.publications import archived_bytes, publish, published
from kinerja.documents.images import MAX_LOGO_BYTES, inspect_image
from kinerja.formats import format_date
from kinerja.ui import downloads
from kinerja.ui.pages import year_page

LOGO_FIELD = "logo"
FORMATS = ("pdf", "docx")


@login_required
def logo(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    """See, replace or remove the logo printed on the LKj cover and the PK."""
    access = access_year(request.user, agency, year, r.EDIT_PLAN)
    office = access.obj.agency
    error = None
    if request.method == "POST":
        if request.POST.get("remove"):
            clear_logo(office, request.user)
            messages.success(request, "Logo dihapus; dokumen dicetak tanpa logo.")
            return redirect("ui:logo", agency, year)
        upload = request.FILES.get(LOGO_FIELD)
        if upload is None:
            error = "Pilih berkas gambar logo (PNG atau JPEG)."
        else:
            data = upload.read(MAX_LOGO_BYTES + 1)  # one byte more is enough to refuse
            try:
                set_logo(office, data, request.user)
            except ImageRejected as exc:
                error = f"{upload.name}: {exc}"
            else:
                messages.success(request, "Logo disimpan; dicetak di sampul LKj dan PK.")
                return redirect("ui:logo", agency, year)
    return year_page(
        request,
        "ui/logo.html",
        access,
        status=400 if error else 200,
        error=error,
        has_logo=logo_of(office) is not None,
    )


@login_required
def logo_image(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    """The stored logo, for the preview on the logo page."""
    access = access_year(request.user, agency, year)
    data = logo_of(access.obj.agency)
    if data is None:
        raise Http404("Belum ada logo.")
    response = HttpResponse(data, content_type=inspect_image(data).content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def publish_document(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    """Make the final document and archive it as a new published version."""
    access = access_year(request.user, agency, year, r.PUBLISH)
    office = access.obj.agency
    kind = request.POST.get("kind", "")
    fmt = request.POST.get("fmt", "pdf")
    unit = request.POST.get("unit", "")
    if kind not in ("lkj", "pk") or fmt not in FORMATS:
        messages.error(request, "Dokumen yang akan diterbitkan tidak dikenal.")
        return redirect("ui:downloads", agency, year)
    unit_name = ""
    if kind == "pk" and unit:
        found = WorkUnit.objects.filter(agency=office, code=unit).first()
        if found is None:
            raise Http404("Unit kerja tidak ditemukan.")
        unit_name = found.name
    try:
        content = downloads.document(office, year, kind, fmt, unit or None, mode="final")
    except downloads.Incomplete as exc:
        return year_page(
            request,
            "ui/download_refused.html",
            access,
            status=409,
            title=exc.title,
            gaps=exc.gaps,
        )
    item = publish(
        office, year, kind, fmt, content, unit=unit, unit_name=unit_name, user=request.user
    )
    messages.success(
        request,
        f"{item.title} ({fmt.upper()}) diterbitkan sebagai versi {item.version}; "
        f"SHA-256 {item.sha256}.",
    )
    return redirect("ui:downloads", agency, year)


def _public_office(code: str) -> Agency:
    return get_object_or_404(Agency, code=code, has_dataset=True)


def public_office(request: HttpRequest, agency: str) -> HttpResponse:
    """The office's published documents, per year, for anyone (no login)."""
    office = _public_office(agency)
    years: dict[int, list[Publication]] = {}
    for item in published(office):
        years.setdefault(item.year, []).append(item)
    context = {
        "office": office,
        "years": [
            (year, [(item, format_date(item.published_at.date())) for item in items])
            for year, items in years.items()
        ],
    }
    return render(request, "ui/public_office.html", context)


def public_file(request: HttpRequest, agency: str, pk: int) -> HttpResponse:
    """A published document exactly as archived; its checksum travels in a header too."""
    office = _public_office(agency)
    item = get_object_or_404(Publication, agency=office, pk=pk)
    try:
        content = archived_bytes(item)
    except FileNotFoundError as exc:
        raise Http404("Berkas arsip tidak ditemukan di server.") from exc
    unit = f"-{item.unit}" if item.unit else ""
    name = f"{item.kind.upper()}-{office.code}{unit}-{item.year}-v{item.version}.{item.fmt}"
    response = downloads.attachment(content, name, item.fmt)
    response["X-Checksum-SHA256"] = item.sha256
    return response
