"""The review page: every finding, filtered, with a link to where it is fixed; and the review
record the auditor keeps (who, when, the statement, the findings)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from kinerja.accounts import rules as r
from kinerja.accounts.access import access_year
from kinerja.dataset.review import review
from kinerja.evaluations import findings as review_page
from kinerja.evaluations.actions import ReviewInput, record_review
from kinerja.evaluations.models import ReviewRecord
from kinerja.results.actions import WorkflowError
from kinerja.results.verified import verified_dataset
from kinerja.ui.pages import year_page


class ReviewRecordForm(forms.Form):
    reviewer_name = forms.CharField(label="Nama pereviu", max_length=200)
    reviewer_position = forms.CharField(label="Jabatan pereviu", max_length=200, required=False)
    reviewer_nip = forms.CharField(label="NIP pereviu", max_length=24, required=False)
    date = forms.DateField(label="Tanggal reviu", widget=forms.DateInput(attrs={"type": "date"}))
    place = forms.CharField(label="Tempat", max_length=200, required=False)
    statement = forms.CharField(
        label="Pernyataan telah direviu",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=8000,
    )
    findings = forms.CharField(
        label="Temuan reviu (satu per baris)",
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=20000,
        help_text="Awali baris dengan [x] untuk temuan yang sudah ditindaklanjuti.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def notes(self) -> list[dict[str, object]]:
        notes: list[dict[str, object]] = []
        for raw in self.cleaned_data["findings"].splitlines():
            line = raw.strip()
            settled = line.lower().startswith("[x]")
            text = line[3:].strip() if settled else line
            if text:
                notes.append({"text": text, "settled": settled})
        return notes


def _initial(record: ReviewRecord | None, statement: str) -> dict[str, object]:
    if record is None:
        return {"date": dt.date.today(), "statement": statement, "version": 0}
    lines = [("[x] " if n.get("settled") else "") + str(n["text"]) for n in record.findings]
    return {
        "reviewer_name": record.reviewer_name,
        "reviewer_position": record.reviewer_position,
        "reviewer_nip": record.reviewer_nip,
        "date": record.date,
        "place": record.place,
        "statement": record.statement,
        "findings": "\n".join(lines),
        "version": record.version,
    }


def default_statement(agency_name: str, year: int) -> str:
    """The statement the form starts from (the auditor edits it)."""
    return (
        f"Kami telah mereviu Laporan Kinerja {agency_name} Tahun {year} sesuai Pedoman Reviu atas "
        "Laporan Kinerja. Substansi informasi yang dimuat dalam Laporan Kinerja menjadi tanggung "
        "jawab manajemen. Reviu bertujuan memberikan keyakinan terbatas mengenai akurasi, "
        "keandalan dan keabsahan informasi kinerja dalam Laporan Kinerja kepada pimpinan. "
        "Berdasarkan reviu kami, tidak terdapat kondisi atau hal-hal yang menimbulkan perbedaan "
        "dalam meyakini keandalan informasi yang disajikan di dalam Laporan Kinerja ini."
    )


def _page(
    request: HttpRequest, agency: str, year: int, form: ReviewRecordForm | None, status: int = 200
) -> HttpResponse:
    access = access_year(request.user, agency, year)
    record_year = access.obj
    dataset = verified_dataset(record_year.agency)
    findings = list(review(dataset, year).findings)
    chosen = review_page.chosen_filters(request.GET)
    shown = [f for f in findings if review_page.matches(f, chosen)]
    record = ReviewRecord.objects.filter(reporting_year=record_year).first()
    may_record = r.RECORD_REVIEW in access.allowed
    if form is None and may_record:
        form = ReviewRecordForm(
            initial=_initial(record, default_statement(record_year.agency.name, year))
        )
    return year_page(
        request,
        "ui/review.html",
        access,
        status=status,
        rows=review_page.rows(shown, record_year, dataset),
        total=len(findings),
        errors=review_page.open_errors(findings),
        choices=review_page.choices(findings),
        chosen=chosen,
        severity_names={k.value: v for k, v in review_page.SEVERITY_NAMES.items()},
        record=record,
        form=form if may_record else None,
    )


@login_required
def review_findings(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    return _page(request, agency, year, None)


@login_required
@require_POST
def review_record(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    access = access_year(request.user, agency, year, r.RECORD_REVIEW)
    form = ReviewRecordForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            record_review(
                request.user,  # type: ignore[arg-type]
                access.obj,
                ReviewInput(
                    data["reviewer_name"],
                    data["reviewer_position"],
                    data["reviewer_nip"],
                    data["date"],
                    data["place"],
                    data["statement"],
                    form.notes(),
                ),
                data["version"],
            )
            messages.success(request, "Catatan reviu disimpan.")
            return redirect("ui:review", agency, year)
        except WorkflowError as exc:
            form.add_error(None, str(exc))
    return _page(request, agency, year, form, status=422)
