"""LKE finalisation through the API: `state` in the evaluation, `POST /evaluations/finalize` and
`/reopen` by persona, answers refused (409, Indonesian) while final, a stale fingerprint (409),
a reopening without a reason (422)."""

from __future__ import annotations

from typing import Any

import pytest

from kinerja.evaluations.models import Evaluation, EvaluationAnswer

IN_SCOPE = ("admin", "planner", "operator_a", "operator_b", "leader", "auditor", "viewer")
EVALUATORS = ("admin", "auditor")


def q(world: Any, other: bool = False) -> str:
    office = world.other if other else world.own
    return f"?office={office.agency.code}&year=2024"


def state(api_as: Any, world: Any) -> dict[str, Any]:
    return api_as("viewer").get("/evaluations" + q(world)).json()["state"]


@pytest.mark.parametrize("persona", IN_SCOPE)
def test_finalising_and_reopening_are_the_evaluators(persona, world, api_as) -> None:
    client = api_as(persona)
    shown = state(api_as, world)["fingerprint"]
    final = client.post("/evaluations/finalize" + q(world), {"fingerprint": shown})
    assert final.status_code == (200 if persona in EVALUATORS else 403), final.json()
    other = client.post("/evaluations/finalize" + q(world, other=True), {"fingerprint": shown})
    assert other.status_code == 404
    if persona not in EVALUATORS:
        api_as("auditor").post("/evaluations/finalize" + q(world), {"fingerprint": shown})
    shown = state(api_as, world)["fingerprint"]
    reopened = client.post(
        "/evaluations/reopen" + q(world), {"fingerprint": shown, "reason": "Koreksi 1.a"}
    )
    assert reopened.status_code == (200 if persona in EVALUATORS else 403), reopened.json()


def test_a_final_lke_keeps_its_score_and_refuses_every_answer(world, api_as) -> None:
    before = state(api_as, world)
    assert (before["status"], before["score"], before["version"]) == ("draft", None, 1)
    auditor = api_as("auditor")
    final = auditor.post(
        "/evaluations/finalize" + q(world),
        {"fingerprint": before["fingerprint"], "position": "Auditor Ahli Muda"},
    ).json()
    assert (final["status"], final["score"], final["predicate"]) == ("final", 71.55, "BB")
    assert final["finalized_by"] == world.users["auditor"].username
    assert final["finalizer_position"] == "Auditor Ahli Muda" and final["version"] == 2
    read = api_as("viewer").get("/evaluations" + q(world)).json()
    assert read["state"] == final
    assert read["final"]["score"] == 71.55 and read["final"]["predicate"] == "BB"

    version = EvaluationAnswer.objects.get(
        evaluation__reporting_year__agency=world.own.agency, item="1.a"
    ).version
    for persona, body in (
        ("planner", {"self_assessment": "AA", "version": version}),
        ("auditor", {"answer": "AA", "version": version}),
    ):
        refused = api_as(persona).put("/evaluations/answers/1.a" + q(world), body)
        assert refused.status_code == 409
        assert refused.json()["error"]["message"].startswith("LKE tahun 2024 sudah final")
    again = auditor.post("/evaluations/finalize" + q(world), {"fingerprint": final["fingerprint"]})
    assert again.status_code == 409

    no_reason = auditor.post(
        "/evaluations/reopen" + q(world), {"fingerprint": final["fingerprint"], "reason": ""}
    )
    assert no_reason.status_code == 422
    stale = auditor.post(
        "/evaluations/reopen" + q(world), {"fingerprint": before["fingerprint"], "reason": "X"}
    )
    assert stale.status_code == 409
    draft = auditor.post(
        "/evaluations/reopen" + q(world),
        {"fingerprint": final["fingerprint"], "reason": "Bukti 2.a ditambah"},
    ).json()
    assert (draft["status"], draft["score"], draft["version"]) == ("draft", None, 3)
    history = Evaluation.history.filter(  # type: ignore[attr-defined]
        reporting_year__agency=world.own.agency
    ).order_by("history_date")
    reasons = [h.history_change_reason for h in history]
    assert reasons[-1].startswith("LKE dibuka kembali (final sejak ")
    assert reasons[-1].endswith("nilai 71,55 BB): Bukti 2.a ditambah")
    assert [h.history_user for h in history][-2:] == [world.users["auditor"]] * 2
    saved = api_as("planner").put(
        "/evaluations/answers/1.a" + q(world), {"self_assessment": "AA", "version": version}
    )
    assert saved.status_code == 200
