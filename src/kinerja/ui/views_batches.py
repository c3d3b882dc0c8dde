"""Documents in bulk: the LKj of every office of a subtree, made by background workers.

A planner, leader, auditor or administrator of an upper office (a province, KPU RI) starts a
batch for their office or an office below it; the page follows its progress (htmx polling while
it runs) and offers the archive once every document is made or has failed. The work itself is
`kinerja.batches` on the Tasks API queue, the same as `kinerja report --subtree`.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from kinerja.accounts import rules as r
from kinerja.agencies.models import Agency
from kinerja.batches import actions
from kinerja.batches.models import DocumentBatch, DocumentState
from kinerja.batches.tasks import start_batch
from kinerja.ui.pages import roles_text

RECENT = 20


def _offices(user: r.User) -> list[Agency]:
    """Offices the user may start a batch for: their own, and those below with offices below."""
    ids: set[int] = set()
    for agency_id, _, _ in r.memberships(user):
        ids.add(agency_id)
        below = Agency.objects.get(pk=agency_id).descendants()
        ids.update(below.filter(children__isnull=False).values_list("pk", flat=True))
    candidates = Agency.objects.filter(pk__in=ids).order_by("code")
    return [a for a in candidates if r.can(user, r.EXPORT, a)]


class BatchForm(forms.Form):
    office = forms.ChoiceField(
        label="Instansi (beserta instansi di bawahnya)",
        error_messages={
            "required": "Pilih instansi.",
            "invalid_choice": "Instansi %(value)s bukan salah satu pilihan Anda.",
        },
    )
    year = forms.IntegerField(
        label="Tahun",
        min_value=2000,
        max_value=2100,
        error_messages={
            "required": "Isi tahun laporan.",
            "invalid": "Tahun harus berupa bilangan, misalnya 2024.",
            "min_value": "Tahun paling awal 2000.",
            "max_value": "Tahun paling akhir 2100.",
        },
    )
    fmt = forms.ChoiceField(label="Format", choices=(("pdf", "PDF"), ("docx", "DOCX")))

    def __init__(self, offices: list[Agency], *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["office"].choices = [(a.code, f"{a.name} ({a.code})") for a in offices]


def _batch(user: r.User, pk: int) -> DocumentBatch:
    batch = get_object_or_404(DocumentBatch.objects.select_related("root", "requested_by"), pk=pk)
    if not r.can(user, r.VIEW, batch.root):
        raise Http404("Tidak ditemukan.")
    if not r.can(user, r.EXPORT, batch.root):
        raise PermissionDenied("Anda tidak berwenang melakukan ini.")
    return batch


@login_required
def batches(request: HttpRequest) -> HttpResponse:
    offices = _offices(request.user)
    form = BatchForm(offices, request.POST or None)
    if request.method == "POST" and not offices:
        raise PermissionDenied("Anda tidak berwenang melakukan ini.")
    if request.method == "POST" and form.is_valid():
        root = next(a for a in offices if a.code == form.cleaned_data["office"])
        try:
            batch = start_batch(
                root, form.cleaned_data["year"], user=request.user, fmt=form.cleaned_data["fmt"]
            )
        except actions.BatchRefused as exc:
            form.add_error("year", str(exc))
        else:
            messages.success(
                request, f"Permintaan dicatat: {batch.documents.count()} dokumen akan dibuat."
            )
            return redirect("ui:batch", batch.pk)
    recent = (
        DocumentBatch.objects.filter(root__in=offices)
        .select_related("root", "requested_by")
        .order_by("-created_at", "-pk")[:RECENT]
    )
    rows = [(b, actions.progress(b)) for b in recent]
    return render(
        request,
        "ui/batches.html",
        {"form": form, "offices": offices, "rows": rows, "roles": roles_text(request)},
    )


@login_required
def batch(request: HttpRequest, pk: int) -> HttpResponse:
    found = _batch(request.user, pk)
    failed = found.documents.filter(state=DocumentState.FAILED).select_related("agency")
    context = {
        "batch": found,
        "state": actions.progress(found),
        "failed": failed,
        "archive": actions.archive_name(found),
        "roles": roles_text(request),
    }
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "ui/_batch_progress.html", context)
    return render(request, "ui/batch.html", context)


@login_required
def batch_download(request: HttpRequest, pk: int) -> FileResponse:
    found = _batch(request.user, pk)
    path = actions.archive_path(found)
    if found.finished_at is None or not path.is_file():
        raise Http404("Arsip belum tersedia.")
    response = FileResponse(
        path.open("rb"), as_attachment=True, filename=actions.archive_name(found)
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
