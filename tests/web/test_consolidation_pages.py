"""The consolidation pages of upper offices: content, drill-down, workbook, and query counts
that do not grow with the number of offices."""

from __future__ import annotations

import functools
import io
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from kinerja.accounts.models import Membership
from kinerja.agencies.models import Agency
from kinerja.consolidation.models import Kind, OfficeResult, OfficeState
from kinerja.consolidation.refresh import refresh_office
from kinerja.dataset.schema import Dataset
from kinerja.dataset.yamlio import read_yaml
from kinerja.results.actions import verify_realization
from kinerja.results.models import Realization
from kinerja.synth.loading import load
from kinerja.synth.plans import office_dataset
from kinerja.synth.tree import shape

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "kpu-kota-metro-2024.yaml"


@functools.cache
def base() -> Dataset:
    return read_yaml(EXAMPLE)


def _tree(size: int) -> None:
    tree = shape(size)
    by_code = {spec.code: spec for spec in tree}
    load((office_dataset(base(), spec, by_code, 2, 3) for spec in tree), lambda code: None)


def _viewer(code: str, role: str = "viewer") -> Client:
    user = get_user_model().objects.create_user(f"{role}-{code}", password="x")
    Membership.objects.create(user=user, agency=Agency.objects.get(code=code), role=role)
    client = Client()
    client.force_login(user)
    return client


def _refreshes(callbacks: list[Any]) -> list[Any]:
    """The refreshes of stored results among the callbacks run on commit (notifications too)."""
    return [c for c in callbacks if "refresh_on_commit" in c.__qualname__]


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_the_national_and_provincial_pages_cost_the_same_queries_at_any_size(
    settings: Any,
) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    _tree(8)
    client = _viewer("kpu-ri")
    national = reverse("ui:consolidation", args=["kpu-ri", 2024])
    province = reverse("ui:consolidation", args=["kpu-provinsi-lampung", 2024])
    small = (_queries(client, national), _queries(client, province))
    _tree(40)  # the same offices again (same names), and many more
    assert Agency.objects.count() == 40
    client = _viewer("kpu-ri", "admin")
    large = (_queries(client, national), _queries(client, province))
    assert large == small
    assert small[0] <= 12


@pytest.mark.django_db
def test_the_national_page_drills_down_to_provinces_and_offices(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    _tree(12)
    client = _viewer("kpu-ri")
    page = client.get(reverse("ui:consolidation", args=["kpu-ri", 2024])).content.decode()
    assert "Konsolidasi KPU RI 2024" in page
    assert 'id="offices">12<' in page
    province = Agency.objects.filter(level="province").first()
    assert province is not None
    assert reverse("ui:consolidation", args=[province.code, 2024]) in page
    office = Agency.objects.filter(level="regency_city").order_by("code").first()
    assert office is not None
    sub = client.get(reverse("ui:consolidation", args=[province.code, 2024])).content.decode()
    assert reverse("ui:dashboard", args=[office.code, 2024]) in sub or office.parent != province
    assert client.get(reverse("ui:dashboard", args=[office.code, 2024])).status_code == 200
    only = client.get(reverse("ui:consolidation", args=["kpu-ri", 2024]) + "?tingkat=province")
    assert 'id="offices">1<' in only.content.decode()
    wrong = client.get(reverse("ui:consolidation", args=["kpu-ri", 2024]) + "?tingkat=desa")
    assert wrong.status_code == 404
    below = _viewer(office.code, "planner")
    assert below.get(reverse("ui:consolidation", args=["kpu-ri", 2024])).status_code == 404


@pytest.mark.django_db
def test_the_workbook_holds_the_pages_numbers(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    _tree(6)
    response = _viewer("kpu-ri").get(reverse("ui:consolidation_workbook", args=["kpu-ri", 2024]))
    assert response.status_code == 200
    assert "konsolidasi-kpu-ri-2024.xlsx" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "Ringkasan", "Sasaran", "Indikator", "Instansi di bawahnya", "Peringkat", "Tren",
    ]  # fmt: skip
    summary = [cell.value for cell in book["Ringkasan"][2]]
    assert summary[:4] == ["KPU RI", "kpu-ri", 2024, 6]
    assert book["Peringkat"].max_row == 7  # the header and six offices


IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def test_verifying_a_value_refreshes_the_offices_stored_results(
    world: Any, django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    settings.TASKS = IMMEDIATE  # the queued refresh runs at the commit
    own = world.own
    planner = world.users["planner"]
    refresh_office(own.agency)  # what the import's queued refresh stored at its commit
    submitted = Realization.objects.get(pk=own.submitted.pk)
    row = OfficeResult.objects.filter(
        agency=own.agency, year=2024, kind=Kind.INDICATOR, code=submitted.indicator.code
    )
    before = row.get().entered
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        verify_realization(planner, submitted, submitted.version)
    assert len(_refreshes(callbacks)) == 1
    assert row.get().entered == before + 1
    office = OfficeResult.objects.get(agency=own.agency, year=2024, kind=Kind.OFFICE)
    assert office.value is not None
    assert not OfficeState.objects.get(agency=own.agency).stale


def test_only_changes_to_verified_values_refresh_the_results(
    world: Any, django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    from kinerja.results.actions import revise_locked_value, save_realization

    settings.TASKS = IMMEDIATE
    own = world.own
    refresh_office(own.agency)
    version = OfficeState.objects.get(agency=own.agency).version
    operator = world.users["operator_a"]
    draft = Realization.objects.get(pk=own.draft.pk)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        save_realization(
            operator, own.year, own.indicator, 3, "91%", expected_version=draft.version
        )
    assert _refreshes(callbacks) == []  # a draft changes nothing that is verified
    assert OfficeState.objects.get(agency=own.agency).version == version
    submitted = Realization.objects.get(pk=own.submitted.pk)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        verify_realization(world.users["planner"], submitted, submitted.version)
    assert len(_refreshes(callbacks)) == 1
    locked = Realization.objects.get(pk=own.locked.pk)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        revise_locked_value(world.users["planner"], locked, "85%", "Salah ketik")
    assert len(_refreshes(callbacks)) == 1
    row = OfficeResult.objects.get(
        agency=own.agency, year=locked.reporting_year.year, kind=Kind.INDICATOR,
        code=locked.indicator.code,
    )  # fmt: skip
    assert row.entered == 1
