"""LKE finalisation on the screen: the auditor finalises ("Finalkan LKE"), the score and predicate
are kept with who and when, every answer is then refused in Indonesian until the auditor reopens
it with a reason ("Buka kembali"), which the year's history shows; four eyes; a stale page; an
incomplete worksheet; the document marked draft or final; the admin cannot change it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from kinerja.documents.lke import build_evaluation_document
from kinerja.documents.tree import Paragraph
from kinerja.evaluations.actions import AnswerInput, save_answer
from kinerja.evaluations.finality import fingerprint
from kinerja.evaluations.models import Evaluation, EvaluationAnswer
from kinerja.ui.views_lke import _result

World = Any


def client_for(world: World, role: str) -> Client:
    client = Client()
    client.force_login(world.users[role])
    return client


def url(world: World, name: str, **kw: Any) -> str:
    return reverse(f"ui:{name}", kwargs={"agency": world.own.agency.code, "year": 2024, **kw})


def evaluation(world: World) -> Evaluation:
    return Evaluation.objects.get(
        reporting_year__agency=world.own.agency, reporting_year__year=2024
    )


def year(world: World) -> Any:
    return world.own.agency.reporting_years.get(year=2024)


def finalize(world: World, role: str, **extra: str) -> Any:
    form = {"confirm": "1", "fingerprint": fingerprint(year(world)), **extra}
    return client_for(world, role).post(url(world, "lke_finalize"), form)


def document_text(world: World) -> tuple[str, str | None]:
    document = build_evaluation_document(_result(year(world)))
    paragraphs = [b for b in document.blocks() if isinstance(b, Paragraph)]
    return "\n".join("".join(r.text for r in p.runs) for p in paragraphs), document.watermark


def test_the_auditor_finalises_answers_are_refused_and_reopening_needs_a_reason(
    world: World,
) -> None:
    page = client_for(world, "auditor").get(url(world, "lke"))
    assert 'id="lke-state">Draf<' in page.text and "Finalkan LKE" in page.text
    text, watermark = document_text(world)
    assert "DRAF: LKE ini belum difinalkan evaluator" in text and watermark == "DRAFT"

    done = finalize(world, "auditor", position="Auditor Ahli Muda")
    assert done.status_code == 302, done.content
    stored = evaluation(world)
    assert stored.is_final and stored.finalized_by == world.users["auditor"]
    assert (stored.final_score, stored.final_predicate) == (Decimal("71.55"), "BB")
    assert stored.finalizer_position == "Auditor Ahli Muda"
    page = client_for(world, "viewer").get(url(world, "lke"))
    assert 'id="lke-state">LKE final<' in page.text
    assert "Finalkan LKE" not in page.text and "Buka kembali" not in page.text  # a viewer
    assert "Simpan 1.a" not in client_for(world, "planner").get(url(world, "lke")).text
    text, watermark = document_text(world)
    name = world.users["auditor"].get_full_name() or world.users["auditor"].username
    signed = "LKE FINAL: nilai 71,55, predikat BB (Sangat Baik), difinalkan oleh"
    assert f"{signed} {name}, Auditor Ahli Muda pada " in text
    assert watermark is None

    answer = EvaluationAnswer.objects.get(evaluation=stored, item="1.a")
    for role, form in (
        ("planner", {"version": str(answer.version), "self_assessment": "AA"}),
        ("auditor", {"version": str(answer.version), "answer": "AA"}),
    ):
        refused = client_for(world, role).post(url(world, "lke_save", item="1.a"), form)
        assert refused.status_code == 409
        assert "LKE tahun 2024 sudah final; jawabannya tidak dapat diubah" in refused.text
    assert EvaluationAnswer.objects.get(pk=answer.pk).version == answer.version

    shown = fingerprint(year(world))
    planner = client_for(world, "planner").post(
        url(world, "lke_reopen"), {"fingerprint": shown, "reason": "x"}
    )
    assert planner.status_code == 403
    empty = client_for(world, "auditor").post(
        url(world, "lke_reopen"), {"fingerprint": shown, "reason": "  "}
    )
    assert empty.status_code == 422 and "Tuliskan alasan" in empty.text
    reopened = client_for(world, "auditor").post(
        url(world, "lke_reopen"),
        {"fingerprint": shown, "reason": "Bukti 1.a ternyata belum lengkap"},
    )
    assert reopened.status_code == 302
    stored = evaluation(world)
    assert not stored.is_final and stored.final_score is None and stored.version == 3
    history = client_for(world, "viewer").get(url(world, "year_history"))
    assert "LKE: dibuka kembali" in history.text and "LKE: difinalkan" in history.text
    assert "Bukti 1.a ternyata belum lengkap" in history.text
    saved = client_for(world, "planner").post(
        url(world, "lke_save", item="1.a"),
        {"version": str(answer.version), "self_assessment": "AA"},
    )
    assert saved.status_code == 302


def test_whoever_wrote_the_office_part_does_not_finalise_alone(world: World) -> None:
    admin = world.users["admin"]
    item = EvaluationAnswer.objects.get(evaluation=evaluation(world), item="1.b")
    save_answer(admin, year(world), "1.b", AnswerInput(answer="A"), item.version)
    allowed = finalize(world, "admin")  # the evaluator's values only: fine
    assert allowed.status_code == 302
    client_for(world, "admin").post(
        url(world, "lke_reopen"), {"fingerprint": fingerprint(year(world)), "reason": "Uji"}
    )
    item.refresh_from_db()
    save_answer(admin, year(world), "1.b", AnswerInput(self_assessment="AA"), item.version)
    refused = finalize(world, "admin")
    assert refused.status_code == 403
    assert "empat mata" in refused.text
    assert not evaluation(world).is_final
    assert finalize(world, "auditor").status_code == 302


def test_a_stale_page_an_unconfirmed_form_and_an_incomplete_lke_are_refused(world: World) -> None:
    shown = fingerprint(year(world))
    answer = EvaluationAnswer.objects.get(evaluation=evaluation(world), item="2.a")
    save_answer(
        world.users["planner"], year(world), "2.a", AnswerInput(note="Ditambah"), answer.version
    )
    stale = client_for(world, "auditor").post(
        url(world, "lke_finalize"), {"confirm": "1", "fingerprint": shown}
    )
    assert stale.status_code == 409 and "berubah sejak halaman ditampilkan" in stale.text
    unconfirmed = client_for(world, "auditor").post(
        url(world, "lke_finalize"), {"fingerprint": fingerprint(year(world))}
    )
    assert unconfirmed.status_code == 422 and "Centang pernyataan" in unconfirmed.text
    answer.refresh_from_db()
    save_answer(world.users["auditor"], year(world), "2.a", AnswerInput(answer=""), answer.version)
    incomplete = finalize(world, "auditor")
    assert incomplete.status_code == 409
    assert "1 butir belum dinilai evaluator (2.a)" in incomplete.text
    assert not evaluation(world).is_final


def test_the_admin_shows_a_final_lke_but_cannot_change_it(world: World) -> None:
    assert finalize(world, "auditor").status_code == 302
    root = get_user_model().objects.create_superuser("root", password="kata-sandi-uji-7391")
    client = Client()
    client.force_login(root)
    change = f"/admin/evaluations/evaluation/{evaluation(world).pk}/change/"
    assert client.get(change).status_code == 200
    assert client.post(change, {"final_score": "99"}).status_code == 403
    assert evaluation(world).final_score == Decimal("71.55")
