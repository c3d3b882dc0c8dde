"""The LKE of a year goes draft → final ("LKE final") and, with a reason, back to draft.

Finalising is the evaluator's act (`accounts.rules.FINALIZE_LKE`: the auditor/APIP, or an
administrator): it keeps the total and predicate computed from the stored answers at that moment,
with who and when, and from then on no write path changes an answer (`refuse_if_final`: the web
form, the API, a dataset import). Reopening (`REOPEN_LKE`, the same role) needs a reason, which
the history keeps with its author (`kinerja.audit`), and puts the evaluation back to draft.

Four eyes: whoever wrote the office's part of an answer of this evaluation (the criteria checked,
the self-assessment, the note, the evidence) may not finalise it: the office does not sign off
its own evaluation (docs/decisions.md).

Concurrency: every change takes the evaluation's row first (`locked_evaluation`), the answer
rows after it, and reads the state from the locked row. A save and a finalisation therefore run
one after the other; the finalisation is given the fingerprint of what the evaluator was shown
(`fingerprint`: the evaluation's version and every answer's) and refuses when it changed, so a
save that came first is neither lost nor finalised unseen, and a save that comes second is
refused as final.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from kinerja.accounts import rules as r
from kinerja.agencies.signals import changed
from kinerja.core.evaluation import EvaluationScore, score, score_by_criterion
from kinerja.dataset.worksheet import load_worksheet
from kinerja.digests import digest
from kinerja.evaluations.choices import EvaluationMethod
from kinerja.evaluations.models import Evaluation, EvaluationAnswer
from kinerja.formats import format_date, format_number
from kinerja.results.actions import InvalidValue, StaleVersion, WorkflowError
from kinerja.results.models import ReportingYear
from kinerja.results.transactions import write_transaction

DEFAULT_REGULATION = "permenpanrb-88-2021"
REASON_LIMIT = 1000
# The history's reason of a save that changed the office's part of an answer (four eyes).
OFFICE_PART = "bagian kantor"
FINALIZED = "LKE difinalkan"
REOPENED = "LKE dibuka kembali"


class LkeFinal(WorkflowError):
    """The year's LKE is final: its answers do not change until it is reopened."""


def final_message(year: int) -> str:
    return (
        f"LKE tahun {year} sudah final; jawabannya tidak dapat diubah. Auditor dapat membukanya "
        "kembali dengan alasan bila perlu diubah."
    )


def evaluation_of(year: ReportingYear) -> Evaluation:
    """The year's evaluation, made (88/2021, one answer per sub-component) when it has none."""
    evaluation, _ = Evaluation.objects.get_or_create(
        reporting_year=year,
        defaults={"regulation": DEFAULT_REGULATION, "method": EvaluationMethod.SUBCOMPONENT},
    )
    return evaluation


def locked_evaluation(year: ReportingYear) -> Evaluation:
    """The year's evaluation row, locked until the transaction ends, as stored now."""
    evaluation_of(year)
    return Evaluation.objects.select_for_update().get(reporting_year=year)


def refuse_if_final(evaluation: Evaluation, year: int) -> None:
    """Raise `LkeFinal` when the (locked) evaluation is final."""
    if evaluation.is_final:
        raise LkeFinal(final_message(year))


def fingerprint(year: ReportingYear) -> str:
    """A digest of the evaluation's version and every answer's item and version: what the
    evaluator was shown ("0" for a year without an evaluation)."""
    evaluation = Evaluation.objects.filter(reporting_year=year).values("pk", "version").first()
    if evaluation is None:
        return "0"
    rows = EvaluationAnswer.objects.filter(evaluation_id=evaluation["pk"]).order_by("item")
    parts = [f"e{evaluation['version']}"]
    parts += [f"{item}:{version}" for item, version in rows.values_list("item", "version")]
    return digest(";".join(parts))


def computed_score(evaluation: Evaluation) -> EvaluationScore:
    """The evaluator's score of the stored answers, as `kinerja.dataset.evaluation` scores it."""
    worksheet = load_worksheet(evaluation.regulation).worksheet
    counted = dict(
        EvaluationAnswer.objects.filter(evaluation=evaluation)
        .exclude(answer="")
        .values_list("item", "answer")
    )
    scorer = score_by_criterion if evaluation.method == EvaluationMethod.CRITERION else score
    return scorer(worksheet, counted)


def office_authors(evaluation: Evaluation) -> set[int]:
    """The accounts that wrote the office's part of an answer of this evaluation (history)."""
    history = EvaluationAnswer.history.filter(  # type: ignore[attr-defined]
        evaluation_id=evaluation.pk, history_change_reason__contains=OFFICE_PART
    )
    return {pk for pk in history.values_list("history_user_id", flat=True) if pk is not None}


def _require(user: AbstractBaseUser, permission: str, year: ReportingYear) -> None:
    if not r.can(user, permission, year):
        raise PermissionDenied("Anda tidak berwenang melakukan ini.")


def _stale(year: ReportingYear, shown: str) -> None:
    if shown != fingerprint(year):
        raise StaleVersion(
            "Jawaban LKE berubah sejak halaman ditampilkan; muat ulang dan periksa lagi nilainya."
        )


def _saved(
    evaluation: Evaluation, year: ReportingYear, user: AbstractBaseUser, reason: str
) -> None:
    evaluation.version += 1
    evaluation._history_user = user  # type: ignore[attr-defined]
    evaluation._change_reason = reason  # type: ignore[attr-defined]
    evaluation.save()
    changed(year.agency_id)  # the dataset's evaluation: what the office's pages show of it


def _name(user: AbstractBaseUser) -> str:
    full = getattr(user, "get_full_name", lambda: "")()
    return full or user.get_username()


@write_transaction
def finalize_lke(
    user: AbstractBaseUser, year: ReportingYear, shown: str, position: str | None = None
) -> Evaluation:
    """Make the year's LKE final: every sub-component evaluated, nothing changed since it was
    shown (`shown`, the `fingerprint`), and the finaliser not among the office's authors.
    Keeps the total and predicate computed now, with who and when."""
    _require(user, r.FINALIZE_LKE, year)
    evaluation = locked_evaluation(year)
    refuse_if_final(evaluation, year.year)
    _stale(year, shown)
    scored = computed_score(evaluation)
    if scored.unanswered:
        listed = ", ".join(scored.unanswered)
        raise WorkflowError(
            f"LKE belum dapat difinalkan: {len(scored.unanswered)} butir belum dinilai "
            f"evaluator ({listed})."
        )
    if user.pk in office_authors(evaluation):
        raise PermissionDenied(
            "Anda mengisi bagian kantor (kriteria, penilaian mandiri, catatan atau bukti) pada "
            "LKE ini, sehingga tidak dapat memfinalkannya sendiri (empat mata). Mintalah "
            "auditor lain memfinalkannya."
        )
    if position is not None and len(position) > 200:
        raise InvalidValue("Jabatan paling panjang 200 karakter.")
    evaluation.finalized_at = timezone.now()
    evaluation.finalized_by = user  # type: ignore[assignment]
    evaluation.finalizer_name = _name(user)
    evaluation.finalizer_position = (position or "").strip()
    evaluation.final_score = scored.total
    evaluation.final_predicate = scored.predicate.grade
    total = format_number(scored.total, 2)
    _saved(evaluation, year, user, f"{FINALIZED}: nilai {total}, predikat {scored.predicate.grade}")
    return evaluation


@write_transaction
def reopen_lke(user: AbstractBaseUser, year: ReportingYear, shown: str, reason: str) -> Evaluation:
    """Put a final LKE back to draft, with the reason (kept in the history with its author)."""
    _require(user, r.REOPEN_LKE, year)
    cleaned = " ".join(reason.split())
    if not cleaned:
        raise InvalidValue("Tuliskan alasan membuka kembali LKE.")
    if len(cleaned) > REASON_LIMIT:
        raise InvalidValue(f"Alasan paling panjang {REASON_LIMIT} karakter.")
    evaluation = locked_evaluation(year)
    if not evaluation.is_final:
        raise WorkflowError(f"LKE tahun {year.year} belum final; tidak ada yang dibuka kembali.")
    _stale(year, shown)
    since = format_date(timezone.localtime(evaluation.finalized_at).date())  # type: ignore[arg-type]
    score_text = format_number(evaluation.final_score or 0, 2)
    was = f"final sejak {since}, nilai {score_text} {evaluation.final_predicate}"
    evaluation.finalized_at = None
    evaluation.finalized_by = None
    evaluation.finalizer_name = ""
    evaluation.finalizer_position = ""
    evaluation.final_score = None
    evaluation.final_predicate = ""
    _saved(evaluation, year, user, f"{REOPENED} ({was}): {cleaned}")
    return evaluation
