"""The evaluation (LKE) of an office's year: the scored worksheet with every item's answers and
the system's proposals (read), and one item's answer (write at a version). The same actions as
the web app's LKE screen."""

from __future__ import annotations

from typing import Annotated, Any

from django.http import Http404, HttpRequest
from ninja import Path, Query, Router

from kinerja.accounts.access import access_year
from kinerja.api.errors import ERROR_RESPONSES
from kinerja.api.schemas import OfficeYearQuery
from kinerja.api.schemas_review import AnswerIn, AnswerOut, FinalizeIn, LkeStateOut, ReopenIn
from kinerja.dataset.evaluation import EvaluationError, evaluate, to_json
from kinerja.evaluations.actions import AnswerInput, save_answer
from kinerja.evaluations.finality import finalize_lke, fingerprint, reopen_lke
from kinerja.evaluations.models import Evaluation, EvaluationAnswer
from kinerja.results.models import ReportingYear
from kinerja.results.verified import verified_dataset

router = Router(tags=["Evaluasi SAKIP (LKE)"])

Item = Annotated[
    str,
    Path(..., pattern=r"^[0-9]\.[a-z](\.[0-9]{1,2})?$", description="Subkomponen (1.a)"),
]


@router.get(
    "",
    response={200: dict[str, Any], **ERROR_RESPONSES},
    summary="Lembar kerja evaluasi",
    description=(
        "Nilai per komponen dan subkomponen (evaluator dan penilaian mandiri), predikat, dan "
        "setiap butir dengan kriteria terpenuhi, usulan sistem dan alasannya, serta `versions` "
        "(versi jawaban tiap butir untuk penulisan). Bentuknya sama dengan "
        "`kinerja evaluate --json`, ditambah `state`: draf atau final (nilai dan predikat yang "
        "disimpan saat difinalkan, siapa dan kapan) dan `fingerprint` untuk memfinalkan."
    ),
)
def get_evaluation(request: HttpRequest, query: Query[OfficeYearQuery]) -> dict[str, Any]:
    year = access_year(request.auth, query.office, query.year).obj
    try:
        result = evaluate(verified_dataset(year.agency), year.year)
    except EvaluationError as exc:
        raise Http404(str(exc)) from exc
    versions = dict(
        EvaluationAnswer.objects.filter(evaluation__reporting_year=year).values_list(
            "item", "version"
        )
    )
    return {**to_json(result), "versions": versions, "state": lke_state(year)}


def lke_state(year: ReportingYear) -> dict[str, Any]:
    """The year's LKE state as `LkeStateOut`."""
    evaluation = (
        Evaluation.objects.select_related("finalized_by").filter(reporting_year=year).first()
    )
    state: dict[str, Any] = {
        "status": "draft",
        "finalized_at": None,
        "finalized_by": None,
        "finalizer_position": None,
        "score": None,
        "predicate": None,
        "version": evaluation.version if evaluation is not None else 0,
        "fingerprint": fingerprint(year),
    }
    if evaluation is not None and evaluation.final_score is not None and evaluation.is_final:
        state.update(
            status="final",
            finalized_at=evaluation.finalized_at,
            finalized_by=evaluation.finalizer_name,
            finalizer_position=evaluation.finalizer_position or None,
            score=float(evaluation.final_score),
            predicate=evaluation.final_predicate,
        )
    return state


@router.post(
    "/finalize",
    response={200: LkeStateOut, **ERROR_RESPONSES},
    summary="Finalkan LKE",
    description=(
        "Auditor (dan administrator): menjadikan LKE tahun itu final. Nilai total dan predikat "
        "saat itu disimpan beserta siapa dan kapan; setelahnya setiap perubahan jawaban ditolak "
        "(409). Kirim `fingerprint` dari `state` yang terakhir dibaca: bila jawaban berubah "
        "sejak itu, atau masih ada butir yang belum dinilai evaluator: 409. Yang mengisi bagian "
        "kantor pada LKE ini tidak dapat memfinalkannya sendiri (empat mata): 403."
    ),
)
def post_finalize(
    request: HttpRequest, query: Query[OfficeYearQuery], body: FinalizeIn
) -> dict[str, Any]:
    year = access_year(request.auth, query.office, query.year).obj
    finalize_lke(request.auth, year, body.fingerprint, body.position)
    return lke_state(year)


@router.post(
    "/reopen",
    response={200: LkeStateOut, **ERROR_RESPONSES},
    summary="Buka kembali LKE",
    description=(
        "Auditor (dan administrator): mengembalikan LKE final menjadi draf, dengan alasan yang "
        "dicatat dalam riwayat. Kirim `fingerprint` dari `state` yang terakhir dibaca."
    ),
)
def post_reopen(
    request: HttpRequest, query: Query[OfficeYearQuery], body: ReopenIn
) -> dict[str, Any]:
    year = access_year(request.auth, query.office, query.year).obj
    reopen_lke(request.auth, year, body.fingerprint, body.reason)
    return lke_state(year)


@router.put(
    "/answers/{item}",
    response={200: AnswerOut, **ERROR_RESPONSES},
    summary="Jawab butir LKE",
    description=(
        "Perencana: `met`, `self_assessment`, `note`, `evidence`; auditor: `answer` (nilai "
        "evaluator) dan `proposed`. Kolom yang tidak dikirim tetap. Kirim `version` yang "
        "terakhir dibaca (0 untuk butir yang belum dijawab); bila sudah diubah orang lain: 409."
    ),
)
def put_answer(
    request: HttpRequest, item: Item, query: Query[OfficeYearQuery], body: AnswerIn
) -> dict[str, Any]:
    year = access_year(request.auth, query.office, query.year).obj
    saved = save_answer(
        request.auth,
        year,
        item,
        AnswerInput(
            met=body.met,
            self_assessment=body.self_assessment,
            note=body.note,
            evidence=[link.dict() for link in body.evidence] if body.evidence is not None else None,
            answer=body.answer,
            proposed=body.proposed,
        ),
        body.version,
    )
    return {
        "item": saved.item,
        "met": saved.met,
        "self_assessment": saved.self_assessment or None,
        "answer": saved.answer or None,
        "note": saved.note,
        "evidence": saved.evidence,
        "proposed": saved.proposed,
        "version": saved.version,
    }
