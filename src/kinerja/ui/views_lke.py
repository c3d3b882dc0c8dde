"""The evaluation (LKE) screen: the office checks each sub-component's criteria and answers it
with a note and evidence links; the auditor sets the evaluator's value; the system's proposal and
its reason, the component scores and the predicate follow every answer (htmx swaps the card and
the score panel). The evaluation report downloads as DOCX or PDF. While the LKE is final the
cards are read-only; finalising and reopening are `views_lke_final`'s."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_POST
from pydantic import ValidationError

from kinerja.accounts import rules as r
from kinerja.accounts.access import Access, access_year
from kinerja.dataset import schema
from kinerja.dataset.evaluation import (
    DEFAULT_REGULATION,
    EvaluationError,
    EvaluationResult,
    evaluate,
)
from kinerja.dataset.worksheet import load_worksheet
from kinerja.documents.lke import build_evaluation_document
from kinerja.documents.render import write
from kinerja.evaluations.actions import AnswerInput, save_answer
from kinerja.evaluations.finality import fingerprint
from kinerja.evaluations.models import Evaluation, EvaluationAnswer
from kinerja.formats import format_date
from kinerja.results.actions import WorkflowError
from kinerja.results.models import ReportingYear
from kinerja.results.verified import verified_dataset
from kinerja.ui import downloads
from kinerja.ui.pages import year_page

ANSWERS = ("AA", "A", "BB", "B", "CC", "C", "D", "E")
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _result(year: ReportingYear) -> EvaluationResult:
    try:
        return evaluate(verified_dataset(year.agency), year.year)
    except EvaluationError as exc:
        raise Http404(str(exc)) from exc


def parse_links(text: str) -> list[dict[str, str]]:
    """Evidence links, one a line: `judul | https://...` (or a bare address)."""
    links = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        title, _, url = line.rpartition("|") if "|" in line else ("", "", line)
        links.append({"title": title.strip() or url.strip(), "url": url.strip()})
    return links


def lke_page(
    request: HttpRequest,
    access: Access[ReportingYear],
    status: int = 200,
    result: EvaluationResult | None = None,
) -> HttpResponse:
    year = access.obj
    preview = result is not None
    result = result or _result(year)
    evaluation = (
        Evaluation.objects.select_related("finalized_by").filter(reporting_year=year).first()
    )
    final = evaluation if evaluation is not None and evaluation.is_final else None
    versions = dict(
        EvaluationAnswer.objects.filter(evaluation__reporting_year=year).values_list(
            "item", "version"
        )
    )
    loaded = load_worksheet(result.score.regulation)
    components = [
        {
            "score": comp,
            "own": own,
            "rows": [row for row in result.rows if row.component == comp.code],
        }
        for comp, own in zip(result.score.components, result.self_score.components, strict=True)
    ]
    meanings = {
        row.code: [(a, loaded.meaning(a, row.code)) for a in ANSWERS] for row in result.rows
    }
    return year_page(
        request,
        "ui/lke.html",
        access,
        status=status,
        result=result,
        components=components,
        versions=versions,
        meanings=meanings,
        answers=ANSWERS,
        may_answer=r.ANSWER_LKE in access.allowed and final is None,
        may_evaluate=r.EVALUATE_LKE in access.allowed and final is None,
        may_finalize=r.FINALIZE_LKE in access.allowed and final is None,
        may_reopen=r.REOPEN_LKE in access.allowed and final is not None,
        final=final,
        final_on=format_date(timezone.localtime(final.finalized_at).date()) if final else None,
        final_differs=final is not None and final.final_score != result.score.total,
        fingerprint=fingerprint(year),
        preview=preview,
    )


@login_required
def lke(request: HttpRequest, agency: str, year: int) -> HttpResponse:
    return lke_page(request, access_year(request.user, agency, year))


@login_required
@require_POST
def lke_save(request: HttpRequest, agency: str, year: int, item: str) -> HttpResponse:
    access = access_year(request.user, agency, year)
    allowed = access.allowed
    if r.ANSWER_LKE not in allowed and r.EVALUATE_LKE not in allowed:
        access = access_year(request.user, agency, year, r.ANSWER_LKE)  # answers 403
    post = request.POST
    office = r.ANSWER_LKE in allowed
    evaluator = r.EVALUATE_LKE in allowed
    change = AnswerInput(
        met=post.getlist("met") if office else None,
        self_assessment=post.get("self_assessment", "") if office else None,
        note=post.get("note", "") if office else None,
        evidence=parse_links(post.get("evidence", "")) if office else None,
        answer=post.get("answer", "") if evaluator else None,
        proposed=(post.get("proposed") == "1") if evaluator else None,
    )
    status = 200
    try:
        version = int(post["version"])
        save_answer(request.user, access.obj, item, change, version)  # type: ignore[arg-type]
        messages.success(request, f"Jawaban {item} disimpan.")
    except (KeyError, ValueError):
        messages.error(request, "Formulir jawaban tidak lengkap (versi); muat ulang halaman.")
        status = 422
    except WorkflowError as exc:
        messages.error(request, str(exc))
        status = 409
    if not request.headers.get("HX-Request"):
        if status == 200:
            return redirect(f"{request.path.rsplit('/', 3)[0]}/#sub-{item.replace('.', '')}")
        return lke_page(request, access, status)
    # htmx swaps only 2xx answers: the message says what went wrong.
    return lke_page(request, access, 200)


def _previewed(
    year: ReportingYear, item: str, post: Any, office: bool, evaluator: bool
) -> EvaluationResult:
    """The evaluation as it would be with the posted answer of `item` (nothing is written). The
    part the user may not write (a disabled fieldset posts nothing) stays as stored."""
    dataset = verified_dataset(year.agency).period_of(year.year)
    entry = dataset.year(year.year)
    evaluation = entry.evaluation or schema.Evaluation(regulation=DEFAULT_REGULATION)
    stored = next((a for a in evaluation.answers if a.item == item), None)
    kept = stored.model_dump() if stored else {"item": item}
    if office:
        kept.update(
            met=post.getlist("met"),
            self_assessment=post.get("self_assessment") or None,
            note=post.get("note") or None,
        )
    if evaluator:
        kept.update(answer=post.get("answer") or None)
    try:
        answer = schema.EvaluationAnswer.model_validate(kept)
    except ValidationError as exc:
        raise Http404("Jawaban pratinjau tidak sah.") from exc
    answers = [a for a in evaluation.answers if a.item != item] + [answer]
    changed = entry.model_copy(
        update={"evaluation": evaluation.model_copy(update={"answers": answers})}
    )
    years = [changed if y.year == year.year else y for y in dataset.years]
    try:
        return evaluate(dataset.model_copy(update={"years": years}), year.year)
    except EvaluationError as exc:
        raise Http404(str(exc)) from exc


@login_required
@require_POST
def lke_preview(request: HttpRequest, agency: str, year: int, item: str) -> HttpResponse:
    """What the proposal and the scores would be with the answer as it stands in the form, while
    it is being filled in (htmx, on every change); nothing is saved."""
    access = access_year(request.user, agency, year)
    if r.ANSWER_LKE not in access.allowed and r.EVALUATE_LKE not in access.allowed:
        access = access_year(request.user, agency, year, r.ANSWER_LKE)  # answers 403
    office = r.ANSWER_LKE in access.allowed
    evaluator = r.EVALUATE_LKE in access.allowed
    result = _previewed(access.obj, item, request.POST, office, evaluator)
    return lke_page(request, access, result=result)


@login_required
def lke_download(request: HttpRequest, agency: str, year: int, fmt: str) -> HttpResponse:
    if fmt not in CONTENT_TYPES:
        raise Http404("Format tidak dikenal.")
    access = access_year(request.user, agency, year)
    content = write(build_evaluation_document(_result(access.obj)), fmt)  # type: ignore[arg-type]
    return downloads.attachment(content, f"LKE-{agency}-{year}.{fmt}", fmt)
