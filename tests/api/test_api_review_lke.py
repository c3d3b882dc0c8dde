"""The review and the LKE through the API: filtered findings, the review record (read, write at
a version) and the evaluation answers (read, write at a version), with the web app's permissions:
every new operation × every persona (tests/web/test_permission_matrix.py does the same for URLs)."""

from __future__ import annotations

from typing import Any

import pytest

from kinerja.evaluations.models import EvaluationAnswer, ReviewRecord

IN_SCOPE = ("admin", "planner", "operator_a", "operator_b", "leader", "auditor", "viewer")
REVIEWERS = ("admin", "auditor")
ANSWERERS = ("admin", "planner")
EVALUATORS = ("admin", "auditor")

RECORD = {
    "reviewer": {"name": "Siti Aminah", "position": "Auditor Ahli Muda"},
    "date": "2025-02-20",
    "statement": "Kami telah mereviu Laporan Kinerja ini.",
    "findings": [{"text": "Bukti IK08 TW II belum ada.", "rule": "evidence-missing"}],
    "version": 0,
}


def q(world: Any, other: bool = False) -> str:
    office = world.other if other else world.own
    return f"?office={office.agency.code}&year=2024"


def own(world: Any) -> dict[str, Any]:
    return {"office": world.own.agency.code, "year": 2024}


def answer_version(world: Any, item: str = "1.a") -> int:
    found = EvaluationAnswer.objects.filter(
        evaluation__reporting_year__agency=world.own.agency, item=item
    ).first()
    return found.version if found else 0


@pytest.mark.parametrize("persona", IN_SCOPE)
def test_every_persona_in_scope_reads_findings_and_evaluation(persona, world, api_as) -> None:
    client = api_as(persona)
    found = client.get("/reviews/findings" + q(world))
    assert found.status_code == 200
    assert client.get("/evaluations" + q(world)).status_code == 200
    assert client.get("/reviews/record" + q(world)).status_code == 404  # not recorded yet
    assert client.get("/reviews/findings" + q(world, other=True)).status_code == 404
    assert client.get("/evaluations" + q(world, other=True)).status_code == 404


@pytest.mark.parametrize("persona", IN_SCOPE)
def test_writing_the_review_record_is_the_auditors(persona, world, api_as) -> None:
    answer = api_as(persona).put("/reviews/record" + q(world), RECORD)
    assert answer.status_code == (200 if persona in REVIEWERS else 403), answer.json()
    other = api_as(persona).put("/reviews/record" + q(world, other=True), RECORD)
    assert other.status_code == 404


@pytest.mark.parametrize("persona", IN_SCOPE)
def test_answers_by_role(persona, world, api_as) -> None:
    client = api_as(persona)
    office_part = {"met": ["1.a.1"], "self_assessment": "B", "version": answer_version(world)}
    answer = client.put("/evaluations/answers/1.a" + q(world), office_part)
    assert answer.status_code == (200 if persona in ANSWERERS else 403), answer.json()
    evaluator_part = {"answer": "BB", "version": answer_version(world)}
    answer = client.put("/evaluations/answers/1.a" + q(world), evaluator_part)
    assert answer.status_code == (200 if persona in EVALUATORS else 403), answer.json()


def test_findings_filter_and_page(world, api_as) -> None:
    client = api_as("viewer")
    every = client.get("/reviews/findings", **own(world), page_size=200).json()
    assert every["count"] == len(every["items"]) > 25
    errors = client.get("/reviews/findings", **own(world), severity="error", page_size=200).json()
    assert errors["count"] == every["errors"]
    assert {item["severity"] for item in errors["items"]} == {"error"}
    rule = errors["items"][0]["rule"]
    by_rule = client.get("/reviews/findings", **own(world), rule=rule, page_size=200).json()
    assert {item["rule"] for item in by_rule["items"]} == {rule}
    page2 = client.get("/reviews/findings", **own(world), page=2, page_size=10).json()
    assert page2["items"] == every["items"][10:20]
    assert all(item["fix_url"].startswith("/o/") for item in every["items"])


def test_the_review_record_round_trips_with_versions(world, api_as) -> None:
    auditor = api_as("auditor")
    first = auditor.put("/reviews/record" + q(world), RECORD).json()
    assert (first["version"], first["recorded_by"]) == (1, world.users["auditor"].username)
    stale = auditor.put("/reviews/record" + q(world), RECORD)
    assert stale.status_code == 409
    changed = auditor.put(
        "/reviews/record" + q(world), {**RECORD, "statement": "Direviu ulang.", "version": 1}
    ).json()
    assert changed["version"] == 2
    read = api_as("viewer").get("/reviews/record" + q(world)).json()
    assert read["statement"] == "Direviu ulang."
    assert read["findings"] == [{"text": "Bukti IK08 TW II belum ada.", "rule": "evidence-missing"}]
    assert ReviewRecord.objects.get(reporting_year__agency=world.own.agency).history.count() == 2


def test_an_invalid_review_record_is_refused_in_indonesian(world, api_as) -> None:
    bad = {**RECORD, "reviewer": {"name": "Siti", "nip": "bukan-nip"}}
    answer = api_as("auditor").put("/reviews/record" + q(world), bad)
    assert answer.status_code == 422
    assert "Catatan reviu tidak sah (reviewer.nip)" in answer.json()["error"]["message"]


def test_answers_move_the_score_and_refuse_stale_versions(world, api_as) -> None:
    before = api_as("viewer").get("/evaluations" + q(world)).json()
    assert before["total"] == 71.55 and before["versions"]["1.a"] == 1
    auditor = api_as("auditor")
    saved = auditor.put("/evaluations/answers/1.a" + q(world), {"answer": "BB", "version": 1})
    assert saved.json()["version"] == 2
    stale = auditor.put("/evaluations/answers/1.a" + q(world), {"answer": "E", "version": 1})
    assert stale.status_code == 409
    after = api_as("viewer").get("/evaluations" + q(world)).json()
    assert after["total"] == 72.15  # 1.a from B (70%) to BB (80%) of 6
    unknown = auditor.put("/evaluations/answers/9.z" + q(world), {"answer": "A", "version": 0})
    assert unknown.status_code == 422
    stray = api_as("planner").put(
        "/evaluations/answers/1.b" + q(world), {"met": ["2.a.1"], "version": 1}
    )
    assert stray.status_code == 422
    assert "bukan kriteria butir 1.b" in stray.json()["error"]["message"]
