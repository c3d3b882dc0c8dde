"""Issue 15, fast under load: upper offices' pages read stored results in a fixed number of
queries, an office's measured data is kept until it changes, and the refresh of the stored
results is one queued task per office, whose pending state the pages show."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from kinerja.accounts.models import Membership
from kinerja.agencies.models import Agency
from kinerja.consolidation import measured
from kinerja.consolidation.models import Kind, OfficeResult, OfficeState
from kinerja.consolidation.refresh import refresh_office
from kinerja.dataset.schema import Dataset
from kinerja.dataset.yamlio import read_yaml
from kinerja.formats import format_percent
from kinerja.results.actions import save_realization, submit_realization, verify_realization
from kinerja.results.models import Realization
from kinerja.synth.loading import load
from kinerja.synth.plans import office_dataset
from kinerja.synth.tree import shape

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "kpu-kota-metro-2024.yaml"
REFRESH_TASK = "kinerja.consolidation.queue.refresh_results"


@functools.cache
def base() -> Dataset:
    return read_yaml(EXAMPLE)


def _tree(size: int) -> None:
    tree = shape(size)
    by_code = {spec.code: spec for spec in tree}
    load((office_dataset(base(), spec, by_code, 2, 2) for spec in tree), lambda code: None)


_made = iter(range(10_000))


def _client(code: str, role: str = "viewer") -> Client:
    user = get_user_model().objects.create_user(f"{role}-{code}-{next(_made)}", password="x")
    Membership.objects.create(user=user, agency=Agency.objects.get(code=code), role=role)
    client = Client()
    client.force_login(user)
    return client


def _get(client: Client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


@pytest.mark.django_db
def test_upper_offices_homes_and_pages_cost_the_same_queries_with_3_or_30_offices(
    settings: Any,
) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    _tree(3)
    province = Agency.objects.filter(level="province").order_by("code").first()
    assert province is not None

    def costs() -> tuple[list[int], list[str]]:
        found = [
            _get(_client("kpu-ri"), "/"),
            _get(_client(province.code), "/"),
            _get(_client("kpu-ri"), reverse("ui:office", args=["kpu-ri"])),
            _get(_client("kpu-ri"), reverse("ui:office", args=[province.code])),
        ]
        return [n for n, _ in found], [page for _, page in found]

    small, pages = costs()
    assert pages[0].count('<td class="full">') == 2  # the province and its city
    _tree(30)
    assert Agency.objects.count() == 30
    large, pages = costs()
    assert pages[0].count('<td class="full">') == 29  # every office below the nation
    assert large == small
    # The figures are the stored ones: a city's achievement as its result row holds it.
    city = Agency.objects.filter(level="regency_city").order_by("code").first()
    assert city is not None
    row = OfficeResult.objects.get(agency=city, year=2024, kind=Kind.OFFICE)
    assert row.value is not None
    shown = re.search(
        rf'href="/o/{city.code}/2024/">{re.escape(city.name)}</a>.*?data-label="Capaian">([^<]+)',
        pages[0],
        re.S,
    )
    assert shown is not None and shown.group(1).strip() == format_percent(row.value)


def _overall(client: Client, agency: str) -> str:
    response = client.get(reverse("ui:dashboard", args=[agency, 2024]))
    assert response.status_code == 200
    board = response.context["board"]
    return f"{board.overall.text} " + " ".join(
        ind.realization for obj in board.objectives for ind in obj.indicators
    )


def test_a_verification_changes_the_dashboard_at_once(world: Any, monkeypatch: Any) -> None:
    exports = []
    real = measured.verified_dataset
    monkeypatch.setattr(measured, "verified_dataset", lambda a: exports.append(a) or real(a))
    planner = Client()
    planner.force_login(world.users["planner"])
    code = world.own.agency.code
    before = _overall(planner, code)
    assert _overall(planner, code) == before
    assert len(exports) == 1  # the second page measured what the process kept
    submitted = Realization.objects.get(pk=world.own.submitted.pk)
    verify_realization(world.users["planner"], submitted, submitted.version)
    after = _overall(planner, code)
    assert len(exports) == 2  # the verification gave the office a new stamp
    assert after != before
    assert "95" in after.split(" ", 1)[1] and "95" not in before.split(" ", 1)[1]


def test_many_verifications_queue_one_refresh_and_the_pages_say_it_is_pending(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    own = world.own
    refresh_office(own.agency)  # what the import's refresh stored
    stored = OfficeResult.objects.get(
        agency=own.agency, year=2024, kind=Kind.INDICATOR, code=own.submitted.indicator.code
    ).entered
    operator, planner = world.users["operator_a"], world.users["planner"]
    another = save_realization(operator, own.year, own.indicator, 2, "90%")
    submit_realization(operator, another, another.version)
    for pk in (own.submitted.pk, another.pk):
        value = Realization.objects.get(pk=pk)
        with django_capture_on_commit_callbacks(execute=True):
            verify_realization(planner, value, value.version)

    def queued() -> Any:
        return DBTaskResult.objects.ready().filter(task_path=REFRESH_TASK)

    assert queued().count() == 1  # one refresh for the office, not one per verification
    state = OfficeState.objects.get(agency=own.agency)
    assert state.stale and state.queued_at is not None
    viewer = Client()
    viewer.force_login(world.users["viewer"])
    page = viewer.get(reverse("ui:consolidation", args=["kpu-provinsi-lampung", 2024]))
    assert 'id="updating"' in page.content.decode()
    assert 'updating">sedang diperbarui' in viewer.get("/").content.decode()

    for job in queued():  # what `kinerja worker` does with it (in this test's transaction)
        job.claim("test")
        job.set_successful(job.task.call(*job.args_kwargs["args"], **job.args_kwargs["kwargs"]))

    assert not queued().exists()
    state.refresh_from_db()
    assert not state.stale and state.queued_at is None
    row = OfficeResult.objects.get(
        agency=own.agency, year=2024, kind=Kind.INDICATOR, code=own.submitted.indicator.code
    )
    assert row.entered == stored + 2  # both verified values are in the refreshed figures
    page = viewer.get(reverse("ui:consolidation", args=["kpu-provinsi-lampung", 2024]))
    assert 'id="updating"' not in page.content.decode()
    assert 'updating">sedang diperbarui' not in viewer.get("/").content.decode()


def test_a_refresh_queued_and_lost_is_queued_again(world: Any) -> None:
    """A refresh queued long ago that never ran (a restored backup, a lost worker) does not
    keep the office stale for ever: the next change queues another."""
    from kinerja.consolidation.refresh import QUEUE_AGAIN_AFTER, mark_changed

    agency_id = world.own.agency.pk
    refresh_office(world.own.agency)
    assert mark_changed(agency_id) is True
    assert mark_changed(agency_id) is False  # one is waiting
    state = OfficeState.objects.get(pk=agency_id)
    state.queued_at -= QUEUE_AGAIN_AFTER * 2
    state.save()
    assert mark_changed(agency_id) is True


def test_a_verified_budget_realisation_changes_the_dashboard_at_once(world: Any) -> None:
    """Spending is part of the verified dataset the dashboard keeps: its verification gives the
    office a new stamp too."""
    from kinerja.results.models import Spending
    from kinerja.results.spending import verify_spending

    planner = Client()
    planner.force_login(world.users["planner"])
    url = reverse("ui:dashboard", args=[world.own.agency.code, 2024])
    before = planner.get(url).context["board"].budget_total["spent"]
    assert planner.get(url).context["board"].budget_total["spent"] == before
    spending = Spending.objects.get(pk=world.own.spending_submitted.pk)
    verify_spending(world.users["planner"], spending, spending.version)
    after = planner.get(url).context["board"].budget_total["spent"]
    assert after != before
