"""Every write path of Kinerja, declared with the promises it keeps, and each promise exercised.

The paths are found mechanically: every URL of the web application whose view takes a POST,
every operation of the API that is a POST, PUT, PATCH or DELETE (the OpenAPI schema), every
command of `kinerja`. Each must have a row in `WEB`, `API` or `CLI` saying what it touches and
which of the four promises apply (docs/reliability.md, "The write-path table"):

- `lock`: what a locked year does to it. `REFUSED`: refused, nothing written. `REASON`: refused
  without a reason while a year that prints it is locked; with one, recorded as a `Revision` of
  each. `REVISES`: the one way to change a locked year's value (a reason, a `Revision`). `NEW`:
  writes only a year or a period that does not exist yet; an existing one is refused. Otherwise
  `open: ...` (not frozen by the lock, and why) or `office: ...` (touches no year's data).
- `stale`: `VERSION` when the path changes an existing thing at the version (or fingerprint)
  the user was shown, and refuses a stale one; otherwise `none: ...`, saying why.
- `audit`: `HISTORY` (a history row naming the author), `REVISION` (that, and a `Revision` of
  the locked years), `LOG` (a line of the accounts log naming who), `record: Model.field` (the
  written row itself names its author), or `none: ...`.
- `four_eyes`: `VERIFIES` (verifies or returns: never one's own submission), `SUBMITS` (values
  arrive submitted by the importer, never verified), or "".

A new path without a row fails `test_every_*_is_declared`; a declared promise without an
exercise in `EXERCISES` fails `test_every_declared_promise_is_exercised`. The exercises run on
one world per module (tests/web/conftest.py's offices and personas), each test in a savepoint
rolled back after it: on a locked year the write is refused with its status and Indonesian
message and the database is unchanged, row for row; a stale version likewise; a successful write
leaves its audit entry.
"""

from __future__ import annotations

import datetime as dt
import html
import importlib.util
import inspect
import io
import logging
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import typer
from django.apps import apps
from django.contrib import messages
from django.db import connection, transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from typer.testing import CliRunner

from kinerja.api.actions import create_token
from kinerja.api.models import ApiToken
from kinerja.cli import app
from kinerja.results.choices import RealizationStatus
from kinerja.results.models import (
    Realization,
    ReportingYear,
    Revision,
    Spending,
)

World = Any  # tests/web/conftest.py: World

# --- the declarations -----------------------------------------------------------------------------

REFUSED = "refused"
REASON = "reason"
REVISES = "revises"
NEW = "new"
VERSION = "version"
HISTORY = "history"
REVISION = "revision"
LOG = "log"
VERIFIES = "verifies"
SUBMITS = "submits"


@dataclass(frozen=True)
class Write:
    """A write path: what it touches and which promises apply (see the module)."""

    touches: str
    lock: str
    stale: str
    audit: str
    four_eyes: str = ""


def office(why: str) -> str:
    return f"office: {why}"


def open_(why: str) -> str:
    return f"open: {why}"


def none(why: str) -> str:
    return f"none: {why}"


LKE_OPEN = open_("the evaluation follows the locked LKj")
ACCOUNT = office("an account, a membership or a token, not a year's data")
PREVIEW = none("a preview: nothing is stored")
NO_EDIT = none("makes something new; nothing existing is edited")
REASON_NO_VERSION = none(
    "a step relative to what is stored now (move one place, remove, "
    "retire from a year), not a copy of what was shown"
)

# Web application: URL name -> the write.
WEB: dict[str, Write] = {
    "login": Write("the session", ACCOUNT, none("a login"), "record: security log of logins"),
    "logout": Write("the session", ACCOUNT, none("a logout"), "record: security log of logouts"),
    "password_change": Write("own password", ACCOUNT, none("whole password"), LOG),
    "entry_save": Write("a realisation and its evidence", REFUSED, VERSION, HISTORY),
    "verification_batch": Write("realisations verified or returned", REFUSED, VERSION, HISTORY,
                                VERIFIES),
    "year_lock": Write("the year's approval", REFUSED, VERSION, HISTORY),
    "realization_submit": Write("a realisation's status", REFUSED, VERSION, HISTORY),
    "realization_verify": Write("a realisation's status", REFUSED, VERSION, HISTORY, VERIFIES),
    "realization_return": Write("a realisation's status", REFUSED, VERSION, HISTORY, VERIFIES),
    "realization_withdraw": Write("a realisation's status", REFUSED, VERSION, HISTORY),
    "realization_revise": Write("a locked year's realisation", REVISES,
                                none("a revision of the stored value, with its reason"), REVISION),
    "evidence_remove": Write("a realisation's evidence", REFUSED, VERSION, HISTORY),
    "plan_item_add": Write("the Renstra's catalogue", REASON, NO_EDIT, REVISION),
    "plan_item_edit": Write("the Renstra's catalogue", REASON, VERSION, REVISION),
    "plan_item_move": Write("the Renstra's order", REASON, REASON_NO_VERSION, REVISION),
    "plan_item_remove": Write("the Renstra's catalogue", REASON, REASON_NO_VERSION, REVISION),
    "plan_item_retire": Write("an indicator's last year", REASON, REASON_NO_VERSION, REVISION),
    "renstra": Write("the Renstra's vision and names", REASON, VERSION, REVISION),
    "agreement_edit": Write("a PK's targets and budget", REASON, VERSION, HISTORY),
    "agreement_parties": Write("a PK's two parties", REFUSED, VERSION, HISTORY),
    "agreements_draft": Write("a first year's PK", REFUSED, NO_EDIT, HISTORY),
    "signing": Write("the LKj's and PKs' signing", REFUSED, none("whole record"), HISTORY),
    "year_rollover": Write("the next year's PKs", NEW, NO_EDIT, HISTORY),
    "plan_next": Write("the next Renstra period", NEW, NO_EDIT, HISTORY),
    "plan_start": Write("an office's first Renstra", NEW, NO_EDIT, HISTORY),
    "import": Write("nothing: the import's preview", office("a preview file"), PREVIEW, PREVIEW),
    "import_apply": Write("the office's dataset", REFUSED, none("replaces the whole dataset"),
                          none("one import event; bulk rows write no history (kinerja.audit)"),
                          SUBMITS),
    "excel_upload": Write("nothing: the workbook's preview", office("a preview file"), PREVIEW,
                          PREVIEW),
    "excel_apply": Write("realisations, or the dataset", REFUSED, none("values as in the file"),
                         none("one import event; bulk rows write no history (kinerja.audit)"),
                         SUBMITS),
    "budget_save": Write("a budget realisation", REFUSED, VERSION, HISTORY),
    "spending_submit": Write("a budget realisation's status", REFUSED, VERSION, HISTORY),
    "spending_verify": Write("a budget realisation's status", REFUSED, VERSION, HISTORY, VERIFIES),
    "spending_return": Write("a budget realisation's status", REFUSED, VERSION, HISTORY, VERIFIES),
    "budget_finance_unit": Write("who enters the budget", office("the office's finance unit"),
                                 none("one setting"), LOG),
    "logo": Write("the office's logo", office("printed on every year's cover; what was handed in "
                  "stays in the publication archive"), none("whole image"), LOG),
    "profile": Write("the office's profile and officials", office("each locked year keeps the "
                     "signatories and place it prints"), VERSION, HISTORY),
    "publish": Write("the publication archive", open_("publishing a locked year's final "
                     "document is the point"), NO_EDIT, "record: Publication.published_by"),
    "review_record": Write("the review the LKj prints", REFUSED, VERSION, HISTORY),
    "lke_save": Write("an LKE answer", open_("the evaluation follows the locked LKj"), VERSION,
                      HISTORY),
    "lke_preview": Write("nothing", open_("a preview"), PREVIEW, PREVIEW),
    "lke_finalize": Write("the LKE's final score", LKE_OPEN, VERSION,
                          "record: Evaluation.finalized_by"),
    "lke_reopen": Write("the LKE's final state", LKE_OPEN, VERSION, HISTORY),
    # A page; its helper `selected_plan` also reads the chosen period from a posted form.
    "plan_catalogue": Write("nothing: the catalogue page", open_("a page"), PREVIEW, PREVIEW),
    "narrative_edit": Write("a narrative section", REFUSED, VERSION, HISTORY),
    "narrative_reset": Write("a narrative section", REFUSED, VERSION, HISTORY),
    "narrative_preview": Write("nothing", open_("a preview"), PREVIEW, PREVIEW),
    "tokens": Write("a new API token", ACCOUNT, NO_EDIT, LOG),
    "token_revoke": Write("an API token", ACCOUNT, none("a revoked token stays revoked"), LOG),
    "office_token_revoke": Write("an API token", ACCOUNT, none("a revoked token stays revoked"),
                                 LOG),
    "user_add": Write("an account or a membership", ACCOUNT, NO_EDIT, LOG),
    "user_active": Write("an account", ACCOUNT, none("sets a state"), LOG),
    "user_password": Write("an account's password", ACCOUNT, none("whole password"), LOG),
    "membership_edit": Write("a membership", ACCOUNT, none("whole role"), LOG),
    "membership_remove": Write("a membership", ACCOUNT, none("removes"), LOG),
    "notifications_read": Write("own notifications", ACCOUNT, none("marks all read"),
                                "record: Notification.read_at"),
    "notifications_email": Write("own email choice", ACCOUNT, none("one setting"),
                                 none("a personal preference")),
    "batches": Write("a batch of documents to make", office("documents made from the data"),
                     NO_EDIT, "record: DocumentBatch.requested_by"),
}  # fmt: skip

# API: "METHOD /path" (as in the OpenAPI schema, below /api/v1) -> the write.
API: dict[str, Write] = {
    "POST /realizations": Write("a realisation", REFUSED, VERSION, HISTORY),
    "PUT /realizations/{pk}": Write("a realisation", REFUSED, VERSION, HISTORY),
    "POST /realizations/{pk}/submit": Write("a realisation's status", REFUSED, VERSION, HISTORY),
    "POST /realizations/{pk}/verify": Write("a realisation's status", REFUSED, VERSION, HISTORY,
                                            VERIFIES),
    "POST /realizations/{pk}/return": Write("a realisation's status", REFUSED, VERSION, HISTORY,
                                            VERIFIES),
    "POST /budget-realizations": Write("a budget realisation", REFUSED, VERSION, HISTORY),
    "PUT /budget-realizations/{pk}": Write("a budget realisation", REFUSED, VERSION, HISTORY),
    "POST /budget-realizations/{pk}/submit": Write("a budget realisation's status", REFUSED,
                                                   VERSION, HISTORY),
    "POST /budget-realizations/{pk}/verify": Write("a budget realisation's status", REFUSED,
                                                   VERSION, HISTORY, VERIFIES),
    "POST /budget-realizations/{pk}/return": Write("a budget realisation's status", REFUSED,
                                                   VERSION, HISTORY, VERIFIES),
    "PUT /narrative/{key}": Write("a narrative section", REFUSED, VERSION, HISTORY),
    "DELETE /narrative/{key}": Write("a narrative section", REFUSED, VERSION, HISTORY),
    "PUT /reviews/record": Write("the review the LKj prints", REFUSED, VERSION, HISTORY),
    "PUT /evaluations/answers/{item}": Write("an LKE answer", open_("the evaluation follows "
                                             "the locked LKj"), VERSION, HISTORY),
    "PUT /offices/{code}/profile": Write("the office's profile and officials", office("each "
                                         "locked year keeps the signatories and place it prints"),
                                         VERSION, HISTORY),
    "PUT /first-year/parties": Write("a PK's two parties", REFUSED, VERSION, HISTORY),
    "POST /evaluations/finalize": Write("the LKE's final score", LKE_OPEN, VERSION,
                                        "record: Evaluation.finalized_by"),
    "POST /evaluations/reopen": Write("the LKE's final state", LKE_OPEN, VERSION, HISTORY),
    "POST /first-year/agreements": Write("a first year's PK", REFUSED, NO_EDIT, HISTORY),
    "PUT /first-year/signing": Write("the LKj's and PKs' signing", REFUSED, none("whole record"),
                                     HISTORY),
    "POST /plan-items/{kind}": Write("the Renstra's catalogue", REASON, NO_EDIT, REVISION),
    "PUT /plan-items/{kind}/{pk}": Write("the Renstra's catalogue", REASON, VERSION, REVISION),
    "POST /plan-items/{kind}/{pk}/move": Write("the Renstra's order", REASON, REASON_NO_VERSION,
                                               REVISION),
    "POST /plan-items/{kind}/{pk}/remove": Write("the Renstra's catalogue", REASON,
                                                 REASON_NO_VERSION, REVISION),
    "POST /plan-items/indicator/{pk}/retire": Write("an indicator's last year", REASON,
                                                    REASON_NO_VERSION, REVISION),
    "POST /rollover": Write("the next year's PKs", NEW, NO_EDIT, HISTORY),
    "POST /plans": Write("a new Renstra period", NEW, NO_EDIT, HISTORY),
}  # fmt: skip

SERVER = office("the server operator's tool, run on the server, not a user's path")
READS = "reads"  # a command that writes nothing to the database (files, the screen)

# `kinerja` commands: name -> the write, or READS.
CLI: dict[str, Write | str] = {
    "measure": READS,
    "export": READS,
    "backup": READS,
    "template": READS,
    "results": READS,
    "check": READS,
    "evaluate": READS,
    "serve": READS,
    "consolidate": READS,
    "load": Write("an office's dataset", REASON, none("replaces the whole dataset"),
                  none("one import event; an unlock is a Revision"), SUBMITS),
    "load-realizations": Write("realisations of many offices", REFUSED, none("values as in the "
                               "file"), none("one import event (kinerja.audit)"), SUBMITS),
    "restore": Write("the whole database", SERVER, none("a backup replaces everything"),
                     none("the server operator's recovery")),
    "logo": Write("an office's logo", SERVER, none("whole image"),
                  none("the server operator's; logged as by the command line")),
    "renstra-baru": Write("a new Renstra period", NEW, NO_EDIT, HISTORY),
    "rollover": Write("the next year's PKs", NEW, NO_EDIT, HISTORY),
    "remind": Write("reminders", office("notifications only"), NO_EDIT,
                    "record: Notification.created_at"),
    "report": Write("a batch of documents (--subtree)", office("documents made from the data"),
                    NO_EDIT, "record: DocumentBatch.created_at"),
    "demo": Write("the example office on an empty database", SERVER, NO_EDIT,
                  none("the demonstration")),
    "synth": Write("synthetic offices for benchmarks", SERVER, NO_EDIT, none("synthetic data")),
    "worker": Write("documents and stored results", office("derived from the data"), NO_EDIT,
                    none("derived data")),
    "manage": Write("Django's own commands", SERVER, none("-"), none("the server operator's")),
}  # fmt: skip


def _all() -> dict[str, Write]:
    found = {f"web:{k}": v for k, v in WEB.items()}
    found.update({f"api:{k}": v for k, v in API.items()})
    found.update({f"cli:{k}": v for k, v in CLI.items() if isinstance(v, Write)})
    return found


ALL = _all()

# --- finding the paths ----------------------------------------------------------------------------

WRITE_METHODS = re.compile(r"(?<![A-Za-z])(POST|PUT|PATCH|DELETE)(?![A-Za-z])")  # require_POST too


def _source(function: Any, seen: set[Any]) -> str:
    """The function's source and that of the functions of its module it calls, recursively."""
    function = inspect.unwrap(function)
    if function in seen:
        return ""
    seen.add(function)
    text = inspect.getsource(function)
    module = sys.modules[function.__module__]
    for name in function.__code__.co_names:
        called = getattr(module, name, None)
        if inspect.isfunction(called) and called.__module__ == function.__module__:
            text += _source(called, seen)
    return text


def takes_writes(callback: Any) -> bool:
    """Whether a view answers a POST (PUT, PATCH, DELETE) other than with 405."""
    view_class = getattr(callback, "view_class", None)
    if view_class is not None:
        return any(
            m in view_class.http_method_names and hasattr(view_class, m)
            for m in ("post", "put", "patch", "delete")
        )
    return bool(WRITE_METHODS.search(_source(callback, set())))


def web_writes() -> set[str]:
    def walk(patterns: list[Any], namespace: str | None) -> set[str]:
        names: set[str] = set()
        for p in patterns:
            if isinstance(p, URLResolver):
                names |= walk(p.url_patterns, p.namespace or namespace)
            elif isinstance(p, URLPattern) and namespace == "ui" and takes_writes(p.callback):
                assert p.name, f"URL {p.pattern} of the web application has no name"
                names.add(p.name)
        return names

    return walk(get_resolver().url_patterns, None)


def api_writes() -> set[str]:
    from kinerja.api.api import api

    schema = api.get_openapi_schema(path_prefix="")
    return {
        f"{method.upper()} /{path.strip('/')}".rstrip("/")
        for path, operations in schema["paths"].items()
        for method in operations
        if method in ("post", "put", "patch", "delete")
    }


def cli_commands() -> set[str]:
    group = typer.main.get_command(app)
    return set(group.commands)  # type: ignore[attr-defined]


def _differ(found: set[str], declared: set[str]) -> str:
    return f"undeclared: {sorted(found - declared)}; stale rows: {sorted(declared - found)}"


def test_every_web_write_is_declared() -> None:
    found = web_writes()
    assert found == set(WEB), _differ(found, set(WEB))


def test_every_api_write_is_declared() -> None:
    found = api_writes()
    assert found == set(API), _differ(found, set(API))


def test_every_command_is_declared() -> None:
    found = cli_commands()
    assert found == set(CLI), _differ(found, set(CLI))


def test_a_read_only_view_is_not_taken_for_a_write() -> None:
    """The finder itself: a GET-only view is no write, a POST-only one and a class view are."""
    from kinerja.ui import views, views_entry_live
    from kinerja.ui.auth import LoginView

    assert not takes_writes(views.dashboard)
    assert not takes_writes(views_entry_live.entry_preview)
    assert takes_writes(views.entry_save)  # @require_POST
    assert takes_writes(views.realization_submit)  # through its module's `_step`
    assert takes_writes(LoginView.as_view())


def test_every_declaration_uses_the_tables_words() -> None:
    wrong = []
    for key, write in ALL.items():
        if not write.touches:
            wrong.append(f"{key}: touches nothing named")
        if write.lock not in (REFUSED, REASON, REVISES, NEW) and not write.lock.startswith(
            ("open: ", "office: ")
        ):
            wrong.append(f"{key}: lock {write.lock!r}")
        if write.stale != VERSION and not write.stale.startswith("none: "):
            wrong.append(f"{key}: stale {write.stale!r}")
        if write.audit not in (HISTORY, REVISION, LOG) and not write.audit.startswith(
            ("none: ", "record: ")
        ):
            wrong.append(f"{key}: audit {write.audit!r}")
        if write.four_eyes not in ("", VERIFIES, SUBMITS):
            wrong.append(f"{key}: four eyes {write.four_eyes!r}")
    assert not wrong, "\n".join(wrong)


def test_every_declared_promise_is_exercised() -> None:
    missing = []
    for key, write in ALL.items():
        exercised = (
            write.lock in (REFUSED, REASON, REVISES, NEW)
            or write.stale == VERSION
            or write.audit in (HISTORY, REVISION, LOG)
            or write.four_eyes
        )
        if exercised and key not in EXERCISES:
            missing.append(key)
    stray = set(EXERCISES) - set(ALL)
    assert not missing and not stray, f"without exercise: {missing}; stray: {sorted(stray)}"


# --- the world, once per module ------------------------------------------------------------------


def _personas() -> Any:
    """tests/web/conftest.py under the name the API tests load it by (one module, one copy)."""
    name = "kinerja_web_personas"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name("conftest.py"))
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


personas = _personas()


@pytest.fixture(scope="module")
def shared_world(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    """tests/web/conftest.py's world, built once in a transaction rolled back at the end."""
    data = tmp_path_factory.mktemp("write-paths")
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        override_settings(PASSWORD_HASHERS=fast, DATA_DIR=data, EVIDENCE_DIR=data / "evidence"),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        from kinerja.agencies.datasets import import_dataset
        from kinerja.agencies.models import Agency

        own = import_dataset(personas.dataset(personas.EXAMPLE))
        other = import_dataset(personas.dataset(personas.MINIMAL))
        parent = Agency.objects.get(code="kpu-provinsi-lampung")
        offices = {"own": own, "other": other, "parent": parent}
        users = {
            name: personas.make_user(name, role, offices[where], unit)
            for name, (role, where, unit) in personas.PERSONAS.items()
        }
        other_operator = personas.make_user("other_operator", "operator", other, "pdi")
        yield personas.World(
            own=personas._office(own, "hukum-sdm", "IK08", users["operator_a"], 2023),
            other=personas._office(other, "pdi", "IK01", other_operator, 2023),
            users=users,
        )
        transaction.set_rollback(True)


@pytest.fixture
def w(shared_world: World, db: None, readiness_waived: None, tmp_path: Path) -> World:
    """The shared world; each test's changes are rolled back after it (a savepoint)."""
    _TMP["dir"] = tmp_path  # where a command's input file is written
    return shared_world


# --- calling a path -------------------------------------------------------------------------------


_TMP: dict[str, Path] = {}


@dataclass
class Call:
    """One call of a path by a persona, and the answer expected in the mode asked for."""

    who: str
    method: str  # get, post, put, delete (web or API), or cli
    url: str = ""
    data: Any = None
    api: bool = False
    args: list[str] = field(default_factory=list)
    status: int = 302  # HTTP status, or the command's exit code
    says: str = ""  # a part of the Indonesian message shown


@dataclass
class Answer:
    status: int
    text: str


def _client(w: World, who: str) -> Client:
    client = Client()
    client.force_login(w.users[who])
    return client


def prepared(w: World, call: Call) -> Callable[[], Answer]:
    """Log in (or make the token) now; the returned function makes the call itself."""
    if call.method == "cli":
        runner = CliRunner()

        def run() -> Answer:
            result = runner.invoke(app, call.args)
            return Answer(result.exit_code, result.output)

        return run
    if call.api:
        _, raw = create_token(w.users[call.who], "uji jalur tulis")
        client = Client(headers={"Authorization": f"Bearer {raw}"})
    else:
        client = _client(w, call.who)

    def send() -> Answer:
        method = getattr(client, call.method)
        if call.api:
            answer = method("/api/v1" + call.url, call.data, content_type="application/json")
        else:
            answer = method(call.url, call.data or {})
        text = answer.content.decode(errors="replace")
        if answer.status_code == 302 and not call.api:  # the message the next page shows
            text += " ".join(str(m) for m in messages.get_messages(answer.wsgi_request))
        return Answer(answer.status_code, text)

    return send


def snapshot() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of Kinerja (history included), but API tokens' last use."""
    rows = {}
    with connection.cursor() as cursor:
        for model in apps.get_models():
            if not model.__module__.startswith("kinerja.") or model is ApiToken:
                continue
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"SELECT * FROM {table} ORDER BY 1")  # the table of a model
            rows[model._meta.label] = cursor.fetchall()
    return rows


def assert_unchanged(before: dict[str, list[Any]], after: dict[str, list[Any]]) -> None:
    changed = [label for label in before if before[label] != after[label]]
    assert not changed, f"changed by a refused write: {changed}"


def lock(*years: ReportingYear) -> None:
    ReportingYear.objects.filter(pk__in=[y.pk for y in years]).update(locked_at=timezone.now())


def unlock(year: ReportingYear) -> None:
    ReportingYear.objects.filter(pk=year.pk).update(locked_at=None)


# --- the exercises: a call of each path in a mode -------------------------------------------------
# Modes: "write" (a valid write on the open year 2024), "locked" (the same on a locked year, or
# without its reason), "stale" (at a version older than the stored one), "own" (the planner
# verifies or returns a value they submitted themselves).

Exercise = Callable[[World, str], Call]
EXERCISES: dict[str, Exercise] = {}
NOT_ALLOWED = "Anda tidak berwenang"
ASK_REASON = "tuliskan alasan revisi"  # a plan change while a year that prints it is locked
STALE_PRINT = "0" * 32  # a fingerprint of something no longer stored
CHANGED = "diubah"


def exercise(*keys: str) -> Callable[[Exercise], Exercise]:
    def register(function: Exercise) -> Exercise:
        for key in keys:
            EXERCISES[key] = function
        return function

    return register


def _year_url(w: World, name: str, **kwargs: Any) -> str:
    return reverse(f"ui:{name}", kwargs={"agency": w.own.agency.code, "year": 2024, **kwargs})


def _version(model: Any, pk: int, mode: str) -> int:
    version: int = model.objects.get(pk=pk).version
    return version - 1 if mode == "stale" else version


def _planner_submitted(w: World, model: Any, pk: int) -> None:
    """The value as if the planner had submitted it: they may not verify or return it."""
    model.objects.filter(pk=pk).update(submitted_by=w.users["planner"])


def _form(w: World, who: str, url: str) -> dict[str, Any]:
    """The form's fields as the page fills them (what a browser sends back)."""
    form = _client(w, who).get(url).context["form"]
    data = {}
    for name, f in form.fields.items():
        value = form.initial.get(name, f.initial)
        if value is None or value is False:
            continue
        data[name] = value.isoformat() if isinstance(value, dt.date) else value
    return data


def _expect(mode: str, call: Call, **answers: tuple[int, str]) -> Call:
    call.status, call.says = answers[mode]
    return call


@exercise("web:entry_save")
def _entry_save(w: World, mode: str) -> Call:
    z = w.own.draft
    prefix = f"i{z.indicator_id}"
    data = {f"{prefix}-value": "91%", f"{prefix}-note": "", f"{prefix}-version": 0}
    data[f"{prefix}-version"] = _version(Realization, z.pk, mode)
    url = _year_url(w, "entry_save", unit=w.own.unit, quarter=3, indicator=z.indicator_id)
    call = Call("operator_a", "post", url, data)
    return _expect(
        mode,
        call,
        write=(302, "disimpan sebagai draf"),
        locked=(403, NOT_ALLOWED),
        stale=(409, "telah diubah orang lain"),
    )


def _step(w: World, mode: str, z: Realization, name: str, who: str) -> Call:
    prefix = {"realization_return": "r", "realization_withdraw": "w"}.get(name, "v")
    data: dict[str, Any] = {f"{prefix}{z.indicator_id}-version": _version(Realization, z.pk, mode)}
    if name == "realization_return":
        data[f"r{z.indicator_id}-reason"] = "Bukti belum lengkap"
    return Call(who, "post", reverse(f"ui:{name}", args=[z.pk]), data)


@exercise("web:realization_submit")
def _submit(w: World, mode: str) -> Call:
    return _expect(
        mode,
        _step(w, mode, w.own.draft, "realization_submit", "operator_a"),
        write=(302, "Diajukan"),
        locked=(403, NOT_ALLOWED),
        stale=(302, "berubah sejak ditampilkan"),
    )


def _checking(name: str) -> Exercise:
    def build(w: World, mode: str) -> Call:
        z = w.own.submitted
        if mode == "own":
            _planner_submitted(w, Realization, z.pk)
        word = "Terverifikasi" if name == "realization_verify" else "Dikembalikan"
        return _expect(
            mode,
            _step(w, mode, z, name, "planner"),
            write=(302, word),
            locked=(403, NOT_ALLOWED),
            stale=(302, "berubah sejak ditampilkan"),
            own=(403, NOT_ALLOWED),
        )

    return build


EXERCISES["web:realization_verify"] = _checking("realization_verify")
EXERCISES["web:realization_return"] = _checking("realization_return")


@exercise("web:realization_withdraw")
def _withdraw(w: World, mode: str) -> Call:
    return _expect(
        mode,
        _step(w, mode, w.own.submitted, "realization_withdraw", "operator_a"),
        write=(302, "ditarik kembali"),
        locked=(403, NOT_ALLOWED),
        stale=(302, "berubah sejak ditampilkan"),
    )


@exercise("web:evidence_remove")
def _evidence_remove(w: World, mode: str) -> Call:
    from kinerja.results.actions import add_evidence

    z = Realization.objects.get(pk=w.own.draft.pk)
    evidence = add_evidence(
        w.users["operator_a"], z, io.BytesIO(personas.PDF), len(personas.PDF), "salah.pdf"
    )
    data = {f"e{evidence.pk}-version": _version(Realization, z.pk, mode)}
    call = Call("operator_a", "post", reverse("ui:evidence_remove", args=[evidence.pk]), data)
    return _expect(
        mode,
        call,
        write=(302, "dihapus"),
        locked=(403, NOT_ALLOWED),
        stale=(302, "berubah sejak ditampilkan"),
    )


@exercise("web:verification_batch")
def _batch(w: World, mode: str) -> Call:
    z = w.own.submitted
    if mode == "own":
        _planner_submitted(w, Realization, z.pk)
    data = {"step": "verify", "pick": [z.pk], f"version-{z.pk}": _version(Realization, z.pk, mode)}
    call = Call("planner", "post", _year_url(w, "verification_batch"), data)
    return _expect(
        mode,
        call,
        write=(302, "1 isian diverifikasi"),
        locked=(302, "1 tidak diproses"),
        stale=(302, "1 tidak diproses"),
        own=(302, "1 tidak diproses"),
    )


@exercise("web:year_lock")
def _year_lock(w: World, mode: str) -> Call:
    from kinerja.results.actions import year_fingerprint

    year = w.own.year
    Realization.objects.filter(reporting_year=year).update(status=RealizationStatus.VERIFIED)
    Spending.objects.filter(reporting_year=year).update(status=RealizationStatus.VERIFIED)
    fingerprint = year_fingerprint(year) if mode != "stale" else STALE_PRINT
    data = {"fingerprint": fingerprint, "warnings": "-"}  # no warnings (readiness_waived)
    call = Call("leader", "post", _year_url(w, "year_lock"), data)
    return _expect(
        mode,
        call,
        write=(302, "disetujui dan dikunci"),
        locked=(200, "dikunci"),
        stale=(409, "berubah sejak ditampilkan"),
    )


@exercise("web:realization_revise")
def _revise(w: World, mode: str) -> Call:
    z = w.own.locked  # a value of the locked 2023
    data = {"value": "85%", "reason": "" if mode == "locked" else "Salah ketik pada laporan"}
    call = Call("planner", "post", reverse("ui:realization_revise", args=[z.pk]), data)
    return _expect(mode, call, write=(302, "Revisi"), locked=(200, "tidak boleh kosong"))


REASON_TEXT = "Penyesuaian Renstra"


def _reason(mode: str) -> str:
    return "" if mode == "locked" else REASON_TEXT


def _plan_answers(mode: str, call: Call, done: str, refused: tuple[int, str]) -> Call:
    return _expect(mode, call, write=(302, done), locked=refused)


@exercise("web:plan_item_edit")
def _plan_item_edit(w: World, mode: str) -> Call:
    url = _year_url(w, "plan_item_edit", kind="indikator", pk=w.own.indicator.pk)
    data = {**_form(w, "planner", url), "name": "Nama indikator baru", "reason": _reason(mode)}
    if mode == "stale":
        data["shown"] = STALE_PRINT
    call = Call("planner", "post", url, data)
    return _expect(
        mode,
        call,
        write=(302, "disimpan"),
        locked=(400, "tidak boleh kosong"),
        stale=(409, "telah diubah orang lain"),
    )


@exercise("web:plan_item_add")
def _plan_item_add(w: World, mode: str) -> Call:
    url = _year_url(w, "plan_item_add", kind="misi")
    data = {**_form(w, "planner", url), "code": "M9", "text": "Misi baru", "reason": _reason(mode)}
    call = Call("planner", "post", url, data)
    return _plan_answers(mode, call, "ditambahkan", (400, "tidak boleh kosong"))


def _first_mission(w: World) -> Any:
    from kinerja.plans.models import Mission

    found = Mission.objects.filter(plan__agency=w.own.agency).order_by("position", "pk")
    assert found.count() > 1, "the example's Renstra has missions to reorder"
    return found.first()


@exercise("web:plan_item_move")
def _plan_item_move(w: World, mode: str) -> Call:
    url = _year_url(w, "plan_item_move", kind="misi", pk=_first_mission(w).pk)
    call = Call("planner", "post", url, {"arah": "turun", "reason": _reason(mode)})
    return _plan_answers(mode, call, "", (302, ASK_REASON))


@exercise("web:plan_item_remove")
def _plan_item_remove(w: World, mode: str) -> Call:
    from kinerja.plans.models import Mission

    mission = Mission.objects.filter(plan__agency=w.own.agency).order_by("pk").first()
    assert mission is not None
    url = _year_url(w, "plan_item_remove", kind="misi", pk=mission.pk)
    call = Call("planner", "post", url, {"reason": _reason(mode)})
    return _plan_answers(mode, call, "dihapus", (302, ASK_REASON))


@exercise("web:plan_item_retire")
def _plan_item_retire(w: World, mode: str) -> Call:
    url = _year_url(w, "plan_item_retire", pk=w.own.indicator.pk)
    call = Call("planner", "post", url, {"tahun": "2025", "reason": _reason(mode)})
    return _plan_answers(mode, call, "tidak dipakai lagi", (302, ASK_REASON))


@exercise("web:renstra")
def _renstra(w: World, mode: str) -> Call:
    from kinerja.plans.models import StrategicPlan
    from kinerja.ui.forms import RenstraForm

    plan = StrategicPlan.objects.get(agency=w.own.agency)
    data = {name: f.initial for name, f in RenstraForm(plan).fields.items()}
    data["vision"] = "Visi yang diubah"
    data["reason"] = _reason(mode)
    if mode == "stale":
        data["shown"] = STALE_PRINT
    call = Call("planner", "post", _year_url(w, "renstra"), data)
    return _expect(
        mode,
        call,
        write=(302, "Renstra disimpan"),
        locked=(200, ASK_REASON),
        stale=(409, "telah diubah orang lain"),
    )


@exercise("web:agreement_edit")
def _agreement_edit(w: World, mode: str) -> Call:
    url = _year_url(w, "agreement_edit", pk=w.own.agreement.pk)
    data = _form(w, "planner", url)
    row = w.own.agreement.rows.order_by("pk").first()
    data[f"t-{row.pk}"] = "97%"
    data["reason"] = ""
    if mode == "stale":
        data["shown"] = STALE_PRINT
    call = Call("planner", "post", url, data)
    return _expect(
        mode,
        call,
        write=(302, "PK disimpan"),
        locked=(200, "alasan revisi PK"),
        stale=(409, "telah diubah orang lain"),
    )


def _first_year_ready(w: World, mode: str) -> None:
    """2023 has no PK; the Renstra gets a target of 2023 for IK08. Locked (as in the world),
    unless the mode is a write."""
    from kinerja.plans.models import Indicator

    Indicator.objects.filter(pk=w.own.indicator.pk).update(renstra_targets=[[2023, "85%"]])
    if mode == "write":
        unlock(ReportingYear.objects.get(agency=w.own.agency, year=2023))


def _lke_state(w: World, final: bool) -> str:
    """The year's evaluation, final when asked (as the auditor left it); its fingerprint."""
    from kinerja.evaluations.finality import evaluation_of, fingerprint
    from kinerja.evaluations.models import Evaluation

    evaluation = evaluation_of(w.own.year)
    if final:
        Evaluation.objects.filter(pk=evaluation.pk).update(
            finalized_at=timezone.now(),
            finalized_by=w.users["auditor"],
            finalizer_name="Auditor Uji",
            final_score=70,
            final_predicate="B",
        )
    return fingerprint(w.own.year)


LKE_CHANGED = "Jawaban LKE berubah sejak halaman ditampilkan"


@exercise("web:lke_finalize")
def _lke_finalize(w: World, mode: str) -> Call:
    _lke_state(w, final=False)
    data = {"confirm": "1", "fingerprint": STALE_PRINT}
    call = Call("auditor", "post", _year_url(w, "lke_finalize"), data)
    return _expect(mode, call, stale=(409, LKE_CHANGED))


@exercise("web:lke_reopen")
def _lke_reopen(w: World, mode: str) -> Call:
    shown = _lke_state(w, final=True)
    data = {"reason": "Nilai 1.a salah", "fingerprint": STALE_PRINT if mode == "stale" else shown}
    call = Call("auditor", "post", _year_url(w, "lke_reopen"), data)
    return _expect(mode, call, write=(302, "dibuka kembali"), stale=(409, LKE_CHANGED))


@exercise("api:POST /evaluations/finalize")
def _api_lke_finalize(w: World, mode: str) -> Call:
    _lke_state(w, final=False)
    call = _api("auditor", "post", _ids(w, "/evaluations/finalize?"), {"fingerprint": STALE_PRINT})
    return _expect(mode, call, stale=(409, LKE_CHANGED))


@exercise("api:POST /evaluations/reopen")
def _api_lke_reopen(w: World, mode: str) -> Call:
    shown = _lke_state(w, final=True)
    body = {"reason": "Nilai 1.a salah", "fingerprint": STALE_PRINT if mode == "stale" else shown}
    call = _api("auditor", "post", _ids(w, "/evaluations/reopen?"), body)
    return _expect(mode, call, write=(200, ""), stale=(409, LKE_CHANGED))


def _page_form(w: World, who: str, url: str) -> dict[str, Any]:
    """The page's form and its formset of officials as the browser sends them back."""
    context = _client(w, who).get(url).context
    data = _form(w, who, url)
    people = context["people"]
    management = people.management_form
    data.update({f"{people.prefix}-{k}": v for k, v in management.initial.items()})
    for sub in people.forms:
        for name, f in sub.fields.items():
            value = sub.initial.get(name, f.initial)
            if value not in (None, False):
                data[f"{sub.prefix}-{name}"] = value
    return data


@exercise("web:profile")
def _profile(w: World, mode: str) -> Call:
    url = reverse("ui:profile", args=[w.own.agency.code])
    data = {**_page_form(w, "planner", url), "city": "Kota Metro Baru"}
    if mode == "stale":
        data["version"] = STALE_PRINT
    call = Call("planner", "post", url, data)
    return _expect(mode, call, write=(302, ""), stale=(409, "telah diubah orang lain"))


@exercise("api:PUT /offices/{code}/profile")
def _api_profile(w: World, mode: str) -> Call:
    from kinerja.agencies.profile import profile_version

    version = STALE_PRINT if mode == "stale" else profile_version(w.own.agency)
    body = {"data": {"city": "Kota Metro Baru"}, "version": version}
    call = _api("planner", "put", f"/offices/{w.own.agency.code}/profile", body)
    return _expect(mode, call, write=(200, ""), stale=(409, "diubah"))


@exercise("web:agreement_parties")
def _agreement_parties(w: World, mode: str) -> Call:
    url = _year_url(w, "agreement_parties", pk=w.own.agreement.pk)
    data = {**_form(w, "planner", url), "first-name": "Ketua Uji", "first-position": "Ketua"}
    if mode == "stale":
        data["seen"] = STALE_PRINT
    call = Call("planner", "post", url, data)
    return _expect(
        mode,
        call,
        write=(302, "Pihak PK disimpan"),
        locked=(400, "Tahun 2024 sudah dikunci"),
        stale=(409, "diubah"),
    )


@exercise("api:PUT /first-year/parties")
def _api_parties(w: World, mode: str) -> Call:
    from kinerja.plans.parties import digest

    body = {
        "office": w.own.agency.code,
        "year": 2024,
        "agreement": w.own.agreement.pk,
        "first_party": {"name": "Ketua Uji", "position": "Ketua"},
        "digest": STALE_PRINT if mode == "stale" else digest(w.own.agreement),
    }
    return _expect(
        mode,
        _api("planner", "put", "/first-year/parties", body),
        write=(200, ""),
        locked=(409, "Tahun 2024 sudah dikunci"),
        stale=(409, "diubah"),
    )


@exercise("web:agreements_draft")
def _agreements_draft(w: World, mode: str) -> Call:
    _first_year_ready(w, mode)
    url = reverse("ui:agreements_draft", args=[w.own.agency.code, 2023])
    call = Call("planner", "post", url)
    return _expect(
        mode, call, write=(302, "dibuat dari Renstra"), locked=(302, "Tahun 2023 sudah dikunci")
    )


@exercise("web:signing")
def _signing(w: World, mode: str) -> Call:
    url = _year_url(w, "signing")
    data = {
        **_form(w, "planner", url),
        "report_date": "2025-02-10",
        "place": "Metro",
        "name": "Ketua Uji",
        "position": "Ketua",
        "signed_on": "2024-01-15",
    }
    call = Call("planner", "post", url, data)
    return _expect(mode, call, write=(302, "disimpan"), locked=(400, "Tahun 2024 sudah dikunci"))


@exercise("web:year_rollover")
def _rollover(w: World, mode: str) -> Call:
    from kinerja.plans.models import StrategicPlan

    StrategicPlan.objects.filter(agency=w.own.agency).update(end=2025)
    if mode == "locked":  # the next year exists already, locked
        ReportingYear.objects.create(
            agency=w.own.agency, year=2025, position=10, locked_at=timezone.now()
        )
    call = Call("planner", "post", _year_url(w, "year_rollover"))
    return _expect(mode, call, write=(302, ""), locked=(200, "sudah ada"))


@exercise("web:plan_next")
def _plan_next(w: World, mode: str) -> Call:
    start = 2020 if mode == "locked" else 2025  # 2020: the period of the existing Renstra
    data = {"start": start, "end": start + 4, "vision": ""}
    call = Call("planner", "post", _year_url(w, "plan_next"), data)
    return _expect(mode, call, write=(302, "dimulai"), locked=(400, "2020"))


@exercise("web:plan_start")
def _plan_start(w: World, mode: str) -> Call:
    from kinerja.agencies.models import Agency

    code = w.own.agency.code
    if mode == "write":  # an office below ours, without a Renstra yet
        Agency.objects.create(code="kpu-uji-baru", name="KPU Uji", level="regency_city",
                              parent=w.own.agency)  # fmt: skip
        code = "kpu-uji-baru"
    data = {"start": 2025, "end": 2029, "vision": "Visi pertama"}
    call = Call("admin", "post", reverse("ui:plan_start", args=[code]), data)
    return _expect(mode, call, write=(302, ""), locked=(400, "sudah punya Renstra"))


def _verified_value_changed(w: World) -> None:
    """The values of 2024 stored other than the file has them: the import changes them."""
    assert Realization.objects.filter(reporting_year=w.own.year).update(value="1%")


def _dataset_preview(w: World) -> str:
    """A preview of the office's own dataset, prepared while no year is locked."""
    from kinerja.agencies.datasets import export_dataset
    from kinerja.dataset.yamlio import dump_yaml
    from kinerja.ui import importing

    old = ReportingYear.objects.get(agency=w.own.agency, year=2023)
    unlock(old)
    preview = importing.prepare(w.own.agency, dump_yaml(export_dataset(w.own.agency)), "x.yaml")
    lock(old)
    return preview.token


@exercise("web:import_apply")
def _import_apply(w: World, mode: str) -> Call:
    token = _dataset_preview(w)
    if mode == "write":
        ReportingYear.objects.filter(agency=w.own.agency).update(locked_at=None)
        _verified_value_changed(w)
    call = Call("planner", "post", _year_url(w, "import_apply"), {"token": token})
    return _expect(mode, call, write=(302, "Dataset diimpor"), locked=(302, "dikunci"))


def _realisations_book(rows: list[list[Any]]) -> io.BytesIO:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Realisasi"
    sheet.append(["Kode Instansi", "Tahun", "Kode Indikator", "Triwulan", "Nilai", "Catatan"])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "realisasi.xlsx"
    return out


@exercise("web:excel_apply")
def _excel_apply(w: World, mode: str) -> Call:
    from kinerja.ui import excel_uploads

    code = w.own.indicator.code
    book = _realisations_book([[w.own.agency.code, 2024, code, 1, "30%", "awal"]])
    preview = excel_uploads.prepare(w.own.agency, "realisasi", book, "realisasi.xlsx")
    data = {"kind": "realisasi", "token": preview.token}
    call = Call("planner", "post", _year_url(w, "excel_apply"), data)
    return _expect(mode, call, write=(302, "1 realisasi"), locked=(302, "dikunci"))


def _spending_step(w: World, mode: str, name: str, s: Spending, who: str) -> Call:
    prefix = "r" if name == "spending_return" else "v"
    data: dict[str, Any] = {f"{prefix}{s.pk}-version": _version(Spending, s.pk, mode)}
    if name == "spending_return":
        data[f"r{s.pk}-reason"] = "Bukti belum lengkap"
    call = Call(who, "post", reverse(f"ui:{name}", args=[s.pk]), data)
    word = {"spending_submit": "Diajukan", "spending_verify": "Terverifikasi"}.get(name)
    return _expect(
        mode,
        call,
        write=(302, word or "Dikembalikan"),
        locked=(403, NOT_ALLOWED),
        stale=(302, "berubah sejak ditampilkan"),
        own=(403, NOT_ALLOWED),
    )


@exercise("web:spending_submit")
def _spending_submit(w: World, mode: str) -> Call:
    return _spending_step(w, mode, "spending_submit", w.own.spending_draft, "operator_a")


def _spending_checking(name: str) -> Exercise:
    def build(w: World, mode: str) -> Call:
        s = w.own.spending_submitted
        if mode == "own":
            _planner_submitted(w, Spending, s.pk)
        return _spending_step(w, mode, name, s, "planner")

    return build


EXERCISES["web:spending_verify"] = _spending_checking("spending_verify")
EXERCISES["web:spending_return"] = _spending_checking("spending_return")


@exercise("web:budget_save")
def _budget_save(w: World, mode: str) -> Call:
    s = w.own.spending_draft
    code = s.program.code
    prefix = f"s-program-{code}"
    data = {
        "key": f"program:{code}",
        f"{prefix}-amount": "1.500.000",
        f"{prefix}-version": _version(Spending, s.pk, mode),
    }
    call = Call("operator_a", "post", _year_url(w, "budget_save", quarter=1), data)
    return _expect(
        mode,
        call,
        write=(302, "disimpan sebagai draf"),
        locked=(403, NOT_ALLOWED),
        stale=(409, "diubah orang lain"),
    )


REVIEW_FORM = {
    "reviewer_name": "Siti Aminah",
    "reviewer_position": "Auditor Ahli Muda",
    "reviewer_nip": "19800101 200501 2 001",
    "date": "2025-02-20",
    "place": "Metro",
    "statement": "Kami telah mereviu Laporan Kinerja ini.",
    "findings": "",
}


def _recorded_review(w: World) -> int:
    """The review recorded (again) by the auditor; its version now."""
    from kinerja.evaluations.actions import ReviewInput, record_review
    from kinerja.evaluations.models import ReviewRecord

    found = ReviewRecord.objects.filter(reporting_year=w.own.year)
    current = found.values_list("version", flat=True).first() or 0
    record = record_review(
        w.users["auditor"],
        w.own.year,
        ReviewInput("Siti Aminah", None, None, dt.date(2025, 2, 20), "Metro", "Direviu."),
        current,
    )
    return record.version


@exercise("web:review_record")
def _review_record(w: World, mode: str) -> Call:
    version = _recorded_review(w)
    data = {**REVIEW_FORM, "version": version - 1 if mode == "stale" else version}
    call = Call("auditor", "post", _year_url(w, "review_record"), data)
    return _expect(
        mode,
        call,
        write=(302, "Catatan reviu disimpan"),
        locked=(422, "dikunci"),
        stale=(422, "diubah orang lain"),
    )


def _lke_version(w: World) -> int:
    """Item 1.a answered (again) by the planner; its version now."""
    from kinerja.evaluations.actions import AnswerInput, save_answer
    from kinerja.evaluations.models import EvaluationAnswer

    found = EvaluationAnswer.objects.filter(evaluation__reporting_year=w.own.year, item="1.a")
    current = found.values_list("version", flat=True).first() or 0
    saved = save_answer(w.users["planner"], w.own.year, "1.a", AnswerInput(met=["1.a.2"]), current)
    return saved.version


@exercise("web:lke_save")
def _lke_save(w: World, mode: str) -> Call:
    version = _lke_version(w)
    data = {
        "version": version - 1 if mode == "stale" else version,
        "met": ["1.a.1"],
        "self_assessment": "B",
        "note": "",
        "evidence": "",
    }
    call = Call("planner", "post", _year_url(w, "lke_save", item="1.a"), data)
    return _expect(mode, call, write=(302, "disimpan"), stale=(409, "diubah"))


def _written_section(w: World, key: str) -> int:
    """The section written (again) by the planner; its version now."""
    from kinerja.results import narrative

    place = narrative.Place(key)
    found = narrative.find(w.own.year, place)
    current = found.version if found else 0
    saved = narrative.save_section(
        w.users["planner"], w.own.year, place, "Teks yang ditulis.", current
    )
    return saved.version


@exercise("web:narrative_edit")
def _narrative_edit(w: World, mode: str) -> Call:
    version = _written_section(w, "isu_strategis")
    data = {"text": "Isu strategis baru.", "version": version - 1 if mode == "stale" else version}
    call = Call("planner", "post", _year_url(w, "narrative_edit", key="isu_strategis"), data)
    return _expect(
        mode,
        call,
        write=(302, "disimpan"),
        locked=(409, "dikunci"),
        stale=(409, "diubah orang lain"),
    )


@exercise("web:narrative_reset")
def _narrative_reset(w: World, mode: str) -> Call:
    version = _written_section(w, "isu_strategis")
    data = {"version": version - 1 if mode == "stale" else version}
    call = Call("planner", "post", _year_url(w, "narrative_reset", key="isu_strategis"), data)
    return _expect(
        mode,
        call,
        write=(302, "teks otomatis"),
        locked=(409, "dikunci"),
        stale=(409, "diubah orang lain"),
    )


@exercise("web:budget_finance_unit")
def _finance_unit(w: World, mode: str) -> Call:
    call = Call("planner", "post", _year_url(w, "budget_finance_unit"), {"unit": "pdi"})
    return _expect(mode, call, write=(302, "disimpan"))


@exercise("web:logo")
def _logo(w: World, mode: str) -> Call:
    call = Call("planner", "post", _year_url(w, "logo"), {"remove": "1"})
    return _expect(mode, call, write=(302, "Logo dihapus"))


@exercise("web:password_change")
def _password_change(w: World, mode: str) -> Call:
    data = {
        "old_password": personas.PASSWORD,
        "new_password1": "Rahasia-Baru-2025!",
        "new_password2": "Rahasia-Baru-2025!",
    }
    call = Call("operator_b", "post", reverse("ui:password_change"), data)
    return _expect(mode, call, write=(302, "Kata sandi Anda diganti"))


@exercise("web:tokens")
def _tokens(w: World, mode: str) -> Call:
    call = Call("operator_b", "post", reverse("ui:tokens"), {"name": "skrip laporan"})
    return _expect(mode, call, write=(200, "skrip laporan"))


@exercise("web:token_revoke")
def _token_revoke(w: World, mode: str) -> Call:
    token, _ = create_token(w.users["operator_b"], "lama")
    call = Call("operator_b", "post", reverse("ui:token_revoke"), {"token": token.pk})
    return _expect(mode, call, write=(302, "dicabut"))


@exercise("web:office_token_revoke")
def _office_token_revoke(w: World, mode: str) -> Call:
    token, _ = create_token(w.users["operator_b"], "lama")
    url = reverse("ui:office_token_revoke", args=[w.own.agency.code])
    call = Call("admin", "post", url, {"token": token.pk})
    return _expect(mode, call, write=(302, "dicabut"))


def _membership(w: World, who: str) -> Any:
    from kinerja.accounts.models import Membership

    return Membership.objects.get(user=w.users[who], agency=w.own.agency)


@exercise("web:user_add")
def _user_add(w: World, mode: str) -> Call:
    data = {
        "kind": "baru",
        "baru-username": "operator_baru",
        "baru-full_name": "Operator Baru",
        "baru-email": "",
        "baru-password1": "Rahasia-Baru-2025!",
        "baru-password2": "Rahasia-Baru-2025!",
        "baru-role": "viewer",
        "baru-work_unit": "",
    }
    call = Call("admin", "post", reverse("ui:user_add", args=[w.own.agency.code]), data)
    return _expect(mode, call, write=(302, "operator_baru dibuat"))


@exercise("web:user_active")
def _user_active(w: World, mode: str) -> Call:
    url = reverse("ui:user_active", args=[w.own.agency.code, w.users["operator_b"].pk])
    call = Call("admin", "post", url, {"active": "0"})
    return _expect(mode, call, write=(302, "dinonaktifkan"))


@exercise("web:user_password")
def _user_password(w: World, mode: str) -> Call:
    url = reverse("ui:user_password", args=[w.own.agency.code, w.users["operator_b"].pk])
    data = {"password1": "Rahasia-Baru-2025!", "password2": "Rahasia-Baru-2025!"}
    call = Call("admin", "post", url, data)
    return _expect(mode, call, write=(302, "diganti"))


@exercise("web:membership_edit")
def _membership_edit(w: World, mode: str) -> Call:
    url = reverse("ui:membership_edit", args=[_membership(w, "operator_b").pk])
    call = Call("admin", "post", url, {"role": "viewer", "work_unit": ""})
    return _expect(mode, call, write=(302, "disimpan"))


@exercise("web:membership_remove")
def _membership_remove(w: World, mode: str) -> Call:
    url = reverse("ui:membership_remove", args=[_membership(w, "operator_b").pk])
    call = Call("admin", "post", url, {"confirm": "on"})
    return _expect(mode, call, write=(302, "dihapus"))


# The API: the same paths through the actions they share with the web application.


def _api(who: str, method: str, url: str, data: Any = None) -> Call:
    return Call(who, method, url, data, api=True)


def _ids(w: World, query: str) -> str:
    return f"{query}office={w.own.agency.code}&year=2024"


@exercise("api:POST /realizations")
def _api_create(w: World, mode: str) -> Call:
    body = {"office": w.own.agency.code, "year": 2024, "indicator": w.own.indicator.code,
            "quarter": 1 if mode != "stale" else 3, "value": "30%"}  # fmt: skip
    return _expect(
        mode,
        _api("operator_a", "post", "/realizations", body),
        write=(201, ""),
        locked=(403, NOT_ALLOWED),
        stale=(409, "sudah ada"),  # the quarter was entered meanwhile
    )


@exercise("api:PUT /realizations/{pk}")
def _api_update(w: World, mode: str) -> Call:
    z = w.own.draft
    body = {"value": "92%", "version": _version(Realization, z.pk, mode)}
    return _expect(
        mode,
        _api("operator_a", "put", f"/realizations/{z.pk}", body),
        write=(200, ""),
        locked=(403, NOT_ALLOWED),
        stale=(409, CHANGED),
    )


def _api_step(w: World, mode: str, kind: str, name: str) -> Call:
    model: Any = Realization if kind == "realizations" else Spending
    if name == "submit":
        record = w.own.draft if kind == "realizations" else w.own.spending_draft
        who = "operator_a"
    else:
        record = w.own.submitted if kind == "realizations" else w.own.spending_submitted
        who = "planner"
        if mode == "own":
            _planner_submitted(w, model, record.pk)
    body: dict[str, Any] = {"version": _version(model, record.pk, mode)}
    if name == "return":
        body["reason"] = "Bukti belum lengkap"
    return _expect(
        mode,
        _api(who, "post", f"/{kind}/{record.pk}/{name}", body),
        write=(200, ""),
        locked=(403, NOT_ALLOWED),
        stale=(409, CHANGED),
        own=(403, NOT_ALLOWED),
    )


for _kind, _path in (("realizations", "realizations"), ("budget-realizations", "budget")):
    for _name in ("submit", "verify", "return"):
        EXERCISES[f"api:POST /{_kind}/{{pk}}/{_name}"] = lambda w, mode, k=_kind, n=_name: (
            _api_step(w, mode, k, n)
        )


@exercise("api:POST /budget-realizations")
def _api_spending_create(w: World, mode: str) -> Call:
    s = w.own.spending_draft
    body = {"office": w.own.agency.code, "year": 2024, "program": s.program.code,
            "quarter": 3 if mode != "stale" else 1, "spent": 3_000_000}  # fmt: skip
    return _expect(
        mode,
        _api("operator_a", "post", "/budget-realizations", body),
        write=(201, ""),
        locked=(403, NOT_ALLOWED),
        stale=(409, "sudah ada"),
    )


@exercise("api:PUT /budget-realizations/{pk}")
def _api_spending_update(w: World, mode: str) -> Call:
    s = w.own.spending_draft
    body = {"spent": 1_250_000, "version": _version(Spending, s.pk, mode)}
    return _expect(
        mode,
        _api("operator_a", "put", f"/budget-realizations/{s.pk}", body),
        write=(200, ""),
        locked=(403, NOT_ALLOWED),
        stale=(409, CHANGED),
    )


@exercise("api:PUT /narrative/{key}")
def _api_narrative_put(w: World, mode: str) -> Call:
    version = _written_section(w, "isu_strategis")
    body = {"text": "Isu baru.", "version": version - 1 if mode == "stale" else version}
    url = _ids(w, "/narrative/isu_strategis?")
    return _expect(
        mode,
        _api("planner", "put", url, body),
        write=(200, ""),
        locked=(409, "dikunci"),
        stale=(409, CHANGED),
    )


@exercise("api:DELETE /narrative/{key}")
def _api_narrative_delete(w: World, mode: str) -> Call:
    version = _written_section(w, "isu_strategis")
    url = _ids(w, f"/narrative/isu_strategis?version={version - (mode == 'stale')}&")
    return _expect(
        mode,
        _api("planner", "delete", url),
        write=(200, ""),
        locked=(409, "dikunci"),
        stale=(409, CHANGED),
    )


@exercise("api:PUT /reviews/record")
def _api_review(w: World, mode: str) -> Call:
    version = _recorded_review(w)
    body = {
        "reviewer": {"name": "Siti Aminah"},
        "date": "2025-02-20",
        "place": "Metro",
        "statement": "Kami telah mereviu Laporan Kinerja ini.",
        "findings": [],
        "version": version - 1 if mode == "stale" else version,
    }
    return _expect(
        mode,
        _api("auditor", "put", _ids(w, "/reviews/record?"), body),
        write=(200, ""),
        locked=(409, "dikunci"),
        stale=(409, CHANGED),
    )


@exercise("api:PUT /evaluations/answers/{item}")
def _api_lke(w: World, mode: str) -> Call:
    version = _lke_version(w)
    body = {"met": ["1.a.1"], "version": version - 1 if mode == "stale" else version}
    return _expect(
        mode,
        _api("planner", "put", _ids(w, "/evaluations/answers/1.a?"), body),
        write=(200, ""),
        stale=(409, CHANGED),
    )


@exercise("api:POST /first-year/agreements")
def _api_first_pk(w: World, mode: str) -> Call:
    _first_year_ready(w, mode)
    body = {"office": w.own.agency.code, "year": 2023}
    return _expect(
        mode,
        _api("planner", "post", "/first-year/agreements", body),
        write=(201, ""),
        locked=(409, "dikunci"),
    )


@exercise("api:PUT /first-year/signing")
def _api_signing(w: World, mode: str) -> Call:
    body = {
        "office": w.own.agency.code,
        "year": 2024,
        "report_date": "2025-02-10",
        "place": "Metro",
        "signatory": {"name": "Ketua Uji", "position": "Ketua"},
        "signed_on": "2024-01-15",
    }
    return _expect(
        mode,
        _api("planner", "put", "/first-year/signing", body),
        write=(200, ""),
        locked=(409, "dikunci"),
    )


def _api_plan(mode: str, call: Call, ok: int = 200) -> Call:
    return _expect(mode, call, write=(ok, ""), locked=(409, ASK_REASON))


@exercise("api:POST /plan-items/{kind}")
def _api_item_add(w: World, mode: str) -> Call:
    data = {"code": "M9", "text": "Misi baru"}
    body = {"office": w.own.agency.code, "data": data, "reason": _reason(mode)}
    return _api_plan(mode, _api("planner", "post", "/plan-items/mission", body), 201)


@exercise("api:PUT /plan-items/{kind}/{pk}")
def _api_item_edit(w: World, mode: str) -> Call:
    from kinerja.plans import catalogue

    data = {**catalogue.item_data(w.own.indicator), "name": "Nama indikator baru"}
    shown = STALE_PRINT if mode == "stale" else catalogue.item_fingerprint(w.own.indicator)
    body = {"data": data, "reason": _reason(mode), "fingerprint": shown}
    return _expect(
        mode,
        _api("planner", "put", f"/plan-items/indicator/{w.own.indicator.pk}", body),
        write=(200, ""),
        locked=(409, ASK_REASON),
        stale=(409, "telah diubah orang lain"),
    )


@exercise("api:POST /plan-items/{kind}/{pk}/move")
def _api_item_move(w: World, mode: str) -> Call:
    body = {"offset": 1, "reason": _reason(mode)}
    url = f"/plan-items/mission/{_first_mission(w).pk}/move"
    return _api_plan(mode, _api("planner", "post", url, body))


@exercise("api:POST /plan-items/{kind}/{pk}/remove")
def _api_item_remove(w: World, mode: str) -> Call:
    from kinerja.plans.models import Mission

    mission = Mission.objects.filter(plan__agency=w.own.agency).order_by("pk").first()
    assert mission is not None
    url = f"/plan-items/mission/{mission.pk}/remove"
    return _api_plan(mode, _api("planner", "post", url, {"reason": _reason(mode)}), 204)


@exercise("api:POST /plan-items/indicator/{pk}/retire")
def _api_item_retire(w: World, mode: str) -> Call:
    url = f"/plan-items/indicator/{w.own.indicator.pk}/retire"
    return _api_plan(mode, _api("planner", "post", url, {"year": 2025, "reason": _reason(mode)}))


@exercise("api:POST /rollover")
def _api_rollover(w: World, mode: str) -> Call:
    from kinerja.plans.models import StrategicPlan

    StrategicPlan.objects.filter(agency=w.own.agency).update(end=2025)
    if mode == "locked":
        ReportingYear.objects.create(
            agency=w.own.agency, year=2025, position=10, locked_at=timezone.now()
        )
    body = {"office": w.own.agency.code, "from_year": 2024, "to_year": 2025}
    return _expect(
        mode,
        _api("planner", "post", "/rollover", body),
        write=(201, ""),
        locked=(409, "sudah ada"),
    )


@exercise("api:POST /plans")
def _api_plans(w: World, mode: str) -> Call:
    start = 2020 if mode == "locked" else 2025
    body = {"office": w.own.agency.code, "start": start, "end": start + 4, "from_start": 2020}
    return _expect(
        mode,
        _api("planner", "post", "/plans", body),
        write=(201, ""),
        locked=(409, "2020"),
    )


# The commands: run in this process, on the same database.


@exercise("cli:load")
def _cli_load(w: World, mode: str) -> Call:
    from kinerja.agencies.datasets import export_dataset
    from kinerja.dataset.yamlio import write_yaml

    target = _TMP["dir"] / "kantor.yaml"
    write_yaml(export_dataset(w.own.agency), target)  # as `kinerja export` writes it
    args = ["load", str(target), "--user", "planner"]
    if mode == "write":
        ReportingYear.objects.filter(agency=w.own.agency).update(locked_at=None)
        _verified_value_changed(w)
    return _expect(
        mode,
        Call("planner", "cli", args=args),
        write=(0, "dimuat"),
        locked=(2, "dikunci"),
    )


@exercise("cli:load-realizations")
def _cli_load_realizations(w: World, mode: str) -> Call:
    book = _realisations_book([[w.own.agency.code, 2024, w.own.indicator.code, 1, "30%", "awal"]])
    target = _TMP["dir"] / "realisasi.xlsx"
    target.write_bytes(book.getvalue())
    args = ["load-realizations", str(target), "--user", "planner"]
    return _expect(
        mode,
        Call("planner", "cli", args=args),
        write=(0, "1 realisasi dimuat"),
        locked=(2, "sudah disetujui dan dikunci"),
    )


@exercise("cli:rollover")
def _cli_rollover(w: World, mode: str) -> Call:
    from kinerja.plans.models import StrategicPlan

    StrategicPlan.objects.filter(agency=w.own.agency).update(end=2025)
    if mode == "locked":
        ReportingYear.objects.create(
            agency=w.own.agency, year=2025, position=10, locked_at=timezone.now()
        )
    args = ["rollover", "-a", w.own.agency.code, "--from", "2024", "--to", "2025"]
    args += ["--user", "planner"]
    return _expect(mode, Call("planner", "cli", args=args), write=(0, ""), locked=(2, "sudah ada"))


@exercise("cli:renstra-baru")
def _cli_period(w: World, mode: str) -> Call:
    start = 2020 if mode == "locked" else 2025
    args = ["renstra-baru", "-a", w.own.agency.code, "--start", str(start), "--from", "2020"]
    args += ["--user", "planner"]
    return _expect(
        mode, Call("planner", "cli", args=args), write=(0, "dimulai"), locked=(2, "2020")
    )


# --- the promises, exercised ----------------------------------------------------------------------


def _keys(test: Callable[[Write], bool]) -> list[str]:
    return [key for key, write in ALL.items() if test(write)]


def _refused(w: World, key: str, mode: str) -> None:
    """The call of the path in `mode` is refused as declared, and no row of any table changes."""
    call = EXERCISES[key](w, mode)
    if mode == "locked":
        lock(w.own.year)
    send = prepared(w, call)
    before = snapshot()
    answer = send()
    _answered(key, call, answer)
    assert_unchanged(before, snapshot())


def _answered(key: str, call: Call, answer: Answer) -> None:
    text = shown_text(answer.text)
    assert answer.status == call.status and call.says in text, (
        f"{key}: {answer.status}, expected {call.status} saying {call.says!r}: {text[-1500:]}"
    )


def shown_text(page: str) -> str:
    """What a page says, without its markup (or a command's output as it is)."""
    without_head = re.sub(r"(?s)<head>.*?</head>|<nav.*?</nav>", " ", page)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", without_head)).split())


@pytest.mark.parametrize("key", _keys(lambda write: write.lock in (REFUSED, REASON, REVISES, NEW)))
def test_a_locked_year_refuses_the_write_and_nothing_changes(key: str, w: World) -> None:
    _refused(w, key, "locked")


@pytest.mark.parametrize("key", _keys(lambda write: write.stale == VERSION))
def test_a_stale_version_is_refused_and_nothing_changes(key: str, w: World) -> None:
    _refused(w, key, "stale")


@pytest.mark.parametrize("key", _keys(lambda write: write.four_eyes == VERIFIES))
def test_nobody_verifies_or_returns_their_own_submission(key: str, w: World) -> None:
    _refused(w, key, "own")


AUDIT_LOGS = ("kinerja.accounts", "kinerja.offices")  # who changed an account, an office


def _history_models() -> list[Any]:
    return [m for m in apps.get_models() if m.__name__.startswith("Historical")]


@pytest.mark.parametrize("key", _keys(lambda write: write.audit in (HISTORY, REVISION, LOG)))
def test_a_write_leaves_its_audit_entry(
    key: str, w: World, caplog: pytest.LogCaptureFixture
) -> None:
    write = ALL[key]
    call = EXERCISES[key](w, "write")
    send = prepared(w, call)
    marks = {m: (m.objects.order_by("-history_id").values_list("history_id", flat=True).first()
                 or 0) for m in _history_models()}  # fmt: skip
    revisions = set(Revision.objects.values_list("pk", flat=True))
    caplog.set_level(logging.INFO, logger="kinerja")
    caplog.clear()  # not the login of `prepared`
    answer = send()
    _answered(key, call, answer)
    actor = w.users[call.who]
    if write.audit in (HISTORY, REVISION):
        authored = [
            m.__name__
            for m, mark in marks.items()
            if m.objects.filter(history_id__gt=mark, history_user_id=actor.pk).exists()
        ]
        assert authored, f"{key}: no history row names {actor}"
    if write.audit == REVISION:
        new = Revision.objects.exclude(pk__in=revisions)
        assert new.filter(revised_by=actor).exists(), f"{key}: no revision by {actor}"
    if write.audit == LOG:
        lines = [r.getMessage() for r in caplog.records if r.name in AUDIT_LOGS]
        assert any(actor.username in line for line in lines), f"{key}: no log line: {lines}"


def test_every_record_named_as_audit_exists() -> None:
    """`record: Model.field`: the written row itself names who or when; the field exists."""
    for key, write in ALL.items():
        if not write.audit.startswith("record: ") or "." not in write.audit:
            continue
        model_name, _, field_name = write.audit.removeprefix("record: ").partition(".")
        model = next(m for m in apps.get_models() if m.__name__ == model_name)
        assert field_name in {f.name for f in model._meta.get_fields()}, key


@pytest.mark.parametrize("key", _keys(lambda write: write.four_eyes == SUBMITS))
def test_an_import_verifies_nothing(key: str, w: World) -> None:
    """Values an import brings arrive submitted (or as they were), never newly verified."""
    call = EXERCISES[key](w, "write")
    send = prepared(w, call)
    before = _states()
    answer = send()
    _answered(key, call, answer)
    after = _states()
    verified, submitted = RealizationStatus.VERIFIED, RealizationStatus.SUBMITTED
    newly = [k for k, s in after.items() if s[0] == verified and before.get(k) != s]
    assert newly == [], f"{key}: verified by an import: {newly}"
    arrived = [k for k, s in after.items() if s[0] == submitted and before.get(k) != s]
    planner = w.users["planner"].pk
    assert arrived and all(after[k][1] == planner for k in arrived), (key, arrived)


def _states() -> dict[tuple[Any, ...], tuple[Any, ...]]:
    """Every realisation's state and submitter, by office, year, indicator and quarter."""
    rows = Realization.objects.values_list(
        "reporting_year__agency_id",
        "reporting_year__year",
        "indicator__code",
        "quarter",
        "status",
        "submitted_by_id",
        "value",
    )
    return {tuple(row[:4]): tuple(row[4:]) for row in rows}
