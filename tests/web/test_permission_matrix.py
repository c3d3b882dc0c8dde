"""Every URL of the web application × every role × an object of their own and of another office.

The URL list comes from the URL configuration: a view added without a row in EXPECTED fails
`test_every_url_has_an_expectation`. Answers: 200/302 allowed (302 where an allowed request
redirects), 403 in scope but not allowed, 404 outside the user's scope, 405 wrong method.
POST-only URLs are sent an empty form, which an allowed user gets back as a form error.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from kinerja.accounts.models import Membership

ROLES = (
    "anonymous",
    "admin",
    "planner",
    "operator_a",
    "operator_b",
    "leader",
    "auditor",
    "viewer",
    "outsider",
)
IN_SCOPE = ("admin", "planner", "operator_a", "operator_b", "leader", "auditor", "viewer")
PLANNERS = ("admin", "planner")
ADMINS = ("admin",)

Office = Any  # tests/web/conftest.py: Office
World = Any  # tests/web/conftest.py: World
Kwargs = Callable[[Office], dict[str, Any]]


def year(o: Office) -> dict[str, Any]:
    return {"agency": o.agency.code, "year": 2024}


def office(o: Office) -> dict[str, Any]:
    return {"agency": o.agency.code}


def indicator(o: Office) -> dict[str, Any]:
    return {**year(o), "kind": "indikator", "pk": o.indicator.pk}


def member(o: Office) -> Membership:
    """A membership of the office that is not an administrator's (the first one made)."""
    found = Membership.objects.filter(agency=o.agency).exclude(role="admin").order_by("pk").first()
    assert found is not None
    return found


def account(o: Office) -> dict[str, Any]:
    return {**office(o), "pk": member(o).user_id}


def finished_batch(o: Office) -> dict[str, Any]:
    """A finished batch of documents for the office, with its (empty) archive on disk."""
    from kinerja.batches import actions
    from kinerja.batches.models import DocumentBatch

    found = DocumentBatch.objects.filter(root=o.agency).first()
    if found is None:
        finished = o.year.created_at
        found = DocumentBatch.objects.create(root=o.agency, year=2024, finished_at=finished)
        path = actions.archive_path(found)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"PK\x05\x06" + bytes(18))
    return {"pk": found.pk}


TINY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def with_logo(o: Office) -> dict[str, Any]:
    """The office's year, the office having a logo to show."""
    from kinerja.agencies.logo import set_logo

    set_logo(o.agency, TINY_PNG)
    return year(o)


def publication(o: Office) -> dict[str, Any]:
    """A published document of the office (its archived bytes on disk)."""
    from kinerja.agencies.models import Publication
    from kinerja.agencies.publications import publish

    found = Publication.objects.filter(agency=o.agency).first()
    if found is None:
        found = publish(
            o.agency, 2024, "lkj", "pdf", b"%PDF-1.7 published " + o.agency.code.encode()
        )
    return {**office(o), "pk": found.pk}


def only(roles: tuple[str, ...], ok: int = 200) -> dict[str, int]:
    """`ok` for the given roles, 403 for the other roles in scope."""
    return {role: (ok if role in roles else 403) for role in IN_SCOPE}


EVERYONE = only(IN_SCOPE)

# name: (method, kwargs of an object, answers for roles in scope of the own office)
EXPECTED: dict[str, tuple[str, Kwargs | None, dict[str, int]]] = {
    "dashboard": ("get", year, EVERYONE),
    "entry_index": ("get", year, EVERYONE),
    "entry": ("get", lambda o: {**year(o), "unit": o.unit, "quarter": 4}, EVERYONE),
    # The live achievement of a typed value: whoever may enter for the unit.
    "entry_preview": (
        "get",
        lambda o: {**year(o), "unit": o.unit, "quarter": 3, "indicator": o.indicator.pk},
        only(("admin", "planner", "operator_a")),
    ),
    "entry_save": (
        "post",
        lambda o: {**year(o), "unit": o.unit, "quarter": 3, "indicator": o.indicator.pk},
        only(("admin", "planner", "operator_a")),
    ),
    "verification": ("get", year, EVERYONE),
    # Verify or return several at once (tests/web/test_verification_cards.py).
    "verification_batch": ("post", year, only(PLANNERS, 302)),
    "year_lock": ("get", year, only(("leader",))),
    "readiness": ("get", year, EVERYONE),
    # Budget realisation: operator_a's unit is the office's finance unit (tests/web/conftest.py).
    "budget": ("get", year, EVERYONE),
    "budget_quarter": ("get", lambda o: {**year(o), "quarter": 3}, EVERYONE),
    "budget_save": (
        "post",
        lambda o: {**year(o), "quarter": 3},
        only(("admin", "planner", "operator_a"), 400),
    ),
    "budget_finance_unit": ("post", year, only(PLANNERS, 302)),
    "spending_submit": (
        "post",
        lambda o: {"pk": o.spending_draft.pk},
        only(("admin", "planner", "operator_a"), 302),
    ),
    "spending_verify": ("post", lambda o: {"pk": o.spending_submitted.pk}, only(PLANNERS, 302)),
    "spending_return": ("post", lambda o: {"pk": o.spending_submitted.pk}, only(PLANNERS, 302)),
    # Excel in the browser: everyone reads the template, the workbook of the data is an export.
    "excel": ("get", year, EVERYONE),
    "excel_template": ("get", year, EVERYONE),
    "excel_dataset": ("get", year, only(("admin", "planner", "leader", "auditor"))),
    "excel_upload": ("post", year, only(PLANNERS, 400)),
    "excel_apply": ("post", year, only(PLANNERS, 302)),
    "year_history": ("get", year, EVERYONE),
    "realization_submit": (
        "post",
        lambda o: {"pk": o.draft.pk},
        only(("admin", "planner", "operator_a"), 302),
    ),
    "realization_verify": ("post", lambda o: {"pk": o.submitted.pk}, only(PLANNERS, 302)),
    "realization_return": ("post", lambda o: {"pk": o.submitted.pk}, only(PLANNERS, 302)),
    "realization_revise": ("get", lambda o: {"pk": o.locked.pk}, only(PLANNERS)),
    "realization_history": ("get", lambda o: {"pk": o.submitted.pk}, EVERYONE),
    "evidence_file": ("get", lambda o: {"pk": o.evidence.pk}, EVERYONE),
    "renstra": ("get", year, only(PLANNERS)),
    # The plan's catalogue and the new year (tests/web/test_plan_catalogue.py): planners.
    "plan_catalogue": ("get", year, only(PLANNERS)),
    "plan_item_add": ("get", lambda o: {**year(o), "kind": "misi"}, only(PLANNERS)),
    "plan_item_edit": ("get", indicator, only(PLANNERS)),
    "plan_item_move": ("post", indicator, only(PLANNERS, 302)),
    "plan_item_remove": ("post", indicator, only(PLANNERS, 302)),
    "plan_item_retire": ("post", lambda o: {**year(o), "pk": o.indicator.pk}, only(PLANNERS, 302)),
    "year_rollover": ("get", year, only(PLANNERS)),
    # A first year's PK from the Renstra (refused here: the year has PKs) and the signing data.
    "agreements_draft": ("post", year, only(PLANNERS, 302)),
    "signing": ("get", year, only(PLANNERS)),
    # Renstra periods (tests/web/test_plan_periods.py): the next period, an office's first.
    "plan_next": ("get", year, only(PLANNERS)),
    "plan_start": ("get", office, only(PLANNERS)),
    # The office's profile (tests/web/test_office_profile.py): planners, like the catalogue.
    "profile": ("get", office, only(PLANNERS)),
    "agreements": ("get", year, EVERYONE),
    "agreement_edit": ("get", lambda o: {**year(o), "pk": o.agreement.pk}, only(PLANNERS)),
    "agreement_view": ("get", lambda o: {**year(o), "pk": o.agreement.pk}, EVERYONE),
    # A PK's two parties (tests/web/test_first_year_pk.py): planners.
    "agreement_parties": ("get", lambda o: {**year(o), "pk": o.agreement.pk}, only(PLANNERS)),
    "downloads": ("get", year, EVERYONE),
    "download_lkj": ("get", lambda o: {**year(o), "fmt": "docx"}, EVERYONE),
    "download_pk": ("get", lambda o: {**year(o), "unit": "kantor", "fmt": "pdf"}, EVERYONE),
    "download_action_plan": (
        "get",
        lambda o: {**year(o), "unit": "kantor", "fmt": "pdf"},
        EVERYONE,
    ),
    "download_quarterly": ("get", lambda o: {**year(o), "quarter": 2, "fmt": "docx"}, EVERYONE),
    "download_dataset": ("get", year, only(("admin", "planner", "leader", "auditor"))),
    # The logo on the documents' covers: set by planners, seen by everyone in the office.
    "logo": ("get", year, only(PLANNERS)),
    "logo_image": ("get", with_logo, EVERYONE),
    # Publishing a final document: planners and the leader (an empty form comes back home).
    "publish": ("post", year, only(("admin", "planner", "leader"), ok=302)),
    # The public page and its archived files: anyone, logged in or not, any office.
    "public_office": ("get", office, EVERYONE),
    "public_file": ("get", publication, EVERYONE),
    "import": ("get", year, only(PLANNERS)),
    "import_apply": ("post", year, only(PLANNERS, 302)),
    # The review and the LKE (tests/web/test_review_lke_screens.py): everyone reads; the auditor
    # records the review; planners answer the LKE, the auditor sets the evaluator's values.
    "review": ("get", year, EVERYONE),
    "review_record": ("post", year, only(("admin", "auditor"), 422)),
    # The LKj narrative (tests/web/test_narrative_editor.py): planners write, the leader and the
    # auditor read; the preview writes nothing; an empty reset form has no version (400).
    "narrative": ("get", year, only(("admin", "planner", "leader", "auditor"))),
    "narrative_edit": (
        "get",
        lambda o: {**year(o), "key": "kata_pengantar"},
        only(("admin", "planner", "leader", "auditor")),
    ),
    "narrative_preview": (
        "post",
        lambda o: {**year(o), "key": "kata_pengantar"},
        only(("admin", "planner", "leader", "auditor")),
    ),
    "narrative_reset": (
        "post",
        lambda o: {**year(o), "key": "kata_pengantar"},
        only(PLANNERS, 400),
    ),
    "lke": ("get", year, EVERYONE),
    "lke_save": (
        "post",
        lambda o: {**year(o), "item": "1.a"},
        only(("admin", "planner", "auditor"), 422),  # an empty form: no version
    ),
    "lke_preview": (
        "post",
        lambda o: {**year(o), "item": "1.a"},
        only(("admin", "planner", "auditor")),
    ),
    "lke_download": ("get", lambda o: {**year(o), "fmt": "docx"}, EVERYONE),
    # Finalising and reopening the LKE (tests/web/test_lke_final_screens.py): the evaluator's;
    # an empty form has no confirmation, no reason (422).
    "lke_finalize": ("post", year, only(("admin", "auditor"), 422)),
    "lke_reopen": ("post", year, only(("admin", "auditor"), 422)),
    # Consolidation of the office's subtree: whoever sees the office
    # (tests/web/test_consolidation_pages.py).
    "consolidation": ("get", year, EVERYONE),
    "consolidation_workbook": ("get", year, EVERYONE),
    # The pohon kinerja of the office's year and the offices below an indicator: whoever sees
    # the office (tests/web/test_cascade_pages.py).
    "cascade": ("get", year, EVERYONE),
    "cascade_below": ("get", lambda o: {**year(o), "indicator": o.indicator.code}, EVERYONE),
    # Documents in bulk: whoever may download the office's dataset (tests/batches/).
    "batch": ("get", finished_batch, only(("admin", "planner", "leader", "auditor"))),
    "batch_download": ("get", finished_batch, only(("admin", "planner", "leader", "auditor"))),
    # User management: the office's administrators (tests/web/test_user_management.py).
    "users": ("get", office, only(ADMINS)),
    "user_add": ("get", office, only(ADMINS)),
    "office_tokens": ("get", office, only(ADMINS)),
    "office_token_revoke": ("post", office, only(ADMINS, 302)),
    "user_active": ("post", account, only(ADMINS, 302)),
    "user_password": ("get", account, only(ADMINS)),
    "membership_edit": ("get", lambda o: {"pk": member(o).pk}, only(ADMINS)),
    "membership_remove": ("post", lambda o: {"pk": member(o).pk}, only(ADMINS, 302)),
    # Not about an office's object: the same answer for own and other.
    # Each role's home (tests/web/test_role_homes.py).
    "home": ("get", None, {**{role: 200 for role in IN_SCOPE}, "outsider": 200}),
    # An office's page with the offices below it; a parent office's too (test_role_homes.py).
    "office": ("get", office, EVERYONE),
    # Everyone reads their own notifications and chooses about email copies.
    "notifications": ("get", None, {**{role: 200 for role in IN_SCOPE}, "outsider": 200}),
    "notifications_read": ("post", None, {**{role: 302 for role in IN_SCOPE}, "outsider": 302}),
    "notifications_email": ("post", None, {**{role: 302 for role in IN_SCOPE}, "outsider": 302}),
    # The submitted value's evidence cannot be deleted (only a draft's); withdrawing the
    # submission is for whoever may enter for the unit (tests/web/test_withdraw_and_evidence.py).
    "evidence_remove": ("post", lambda o: {"pk": o.evidence.pk}, only(())),
    "realization_withdraw": (
        "post",
        lambda o: {"pk": o.submitted.pk},
        only(("admin", "planner", "operator_a"), 302),
    ),
    "login": ("get", None, {**{role: 302 for role in IN_SCOPE}, "outsider": 302}),
    "logout": ("get", None, {**{role: 405 for role in IN_SCOPE}, "outsider": 405}),
    # Personal API tokens: everyone logged in manages their own (tests/api/test_api_tokens.py).
    "tokens": ("get", None, {**{role: 200 for role in IN_SCOPE}, "outsider": 200}),
    "token_revoke": ("post", None, {**{role: 302 for role in IN_SCOPE}, "outsider": 302}),
    # Everyone logged in changes their own password (tests/web/test_account_tokens.py).
    "password_change": ("get", None, {**{role: 200 for role in IN_SCOPE}, "outsider": 200}),
    # The page lists only the offices where the user may ask; it opens for everyone logged in.
    "batches": ("get", None, {**{role: 200 for role in IN_SCOPE}, "outsider": 200}),
    # The offices the user administers: the only one's users page, or 403 for non-administrators.
    "users_home": ("get", None, {**only(ADMINS, 302), "outsider": 403}),
}
ANONYMOUS = {"login": 200, "logout": 405}
PUBLIC = ("public_office", "public_file")


def ui_url_names() -> list[str]:
    def walk(patterns: list[Any], namespace: str | None) -> list[str]:
        names: list[str] = []
        for p in patterns:
            if isinstance(p, URLResolver):
                names += walk(p.url_patterns, p.namespace or namespace)
            elif isinstance(p, URLPattern) and namespace == "ui":
                assert p.name, f"URL {p.pattern} of the web application has no name"
                names.append(p.name)
        return names

    return walk(get_resolver().url_patterns, None)


def test_every_url_has_an_expectation() -> None:
    names = ui_url_names()
    assert set(names) == set(EXPECTED), (
        f"without expectation: {sorted(set(names) - set(EXPECTED))}; "
        f"stale: {sorted(set(EXPECTED) - set(names))}"
    )


def expected(name: str, role: str, which: str) -> int:
    _, kwargs, answers = EXPECTED[name]
    if name in PUBLIC:
        return 200
    if role == "anonymous":
        return ANONYMOUS.get(name, 302)
    if kwargs is None:
        return answers[role]
    if role == "outsider":  # the other office's planner
        return answers["planner"] if which == "other" else 404
    return 404 if which == "other" else answers[role]


@pytest.fixture
def no_documents(monkeypatch: pytest.MonkeyPatch) -> None:
    """Permissions are decided before a document is built: skip the slow building here."""
    monkeypatch.setattr("kinerja.ui.downloads.document", lambda *args, **kwargs: b"%PDF-1.4")


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(role: str, world: World, no_documents: None) -> None:
    client = Client()
    if role != "anonymous":
        client.force_login(world.users[role])
    wrong = []
    for name in ui_url_names():
        method, kwargs, _ = EXPECTED[name]
        for which in ("own", "other"):
            office = world.own if which == "own" else world.other
            url = reverse(f"ui:{name}", kwargs=kwargs(office) if kwargs else None)
            status = getattr(client, method)(url).status_code
            if status != expected(name, role, which):
                wrong.append(
                    f"{method.upper()} {url} ({which}): {status}, "
                    f"expected {expected(name, role, which)}"
                )
    assert not wrong, f"{role}:\n" + "\n".join(wrong)
