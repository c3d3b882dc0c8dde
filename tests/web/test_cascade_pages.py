"""The pohon kinerja pages: the tree of an office's year, the branches of the offices below
loaded on opening, drill-down links, permissions, and query counts that do not grow with the
number of offices below."""

from __future__ import annotations

import functools
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.accounts.models import Membership
from kinerja.agencies.models import Agency
from kinerja.consolidation.models import Kind, OfficeResult
from kinerja.dataset.schema import Dataset
from kinerja.dataset.yamlio import read_yaml
from kinerja.plans.models import Indicator
from kinerja.synth.loading import load
from kinerja.synth.plans import office_dataset
from kinerja.synth.tree import shape

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "kpu-kota-metro-2024.yaml"
PROVINCE = "kpu-provinsi-lampung"


@functools.cache
def base() -> Dataset:
    return read_yaml(EXAMPLE)


def _tree(size: int) -> None:
    tree = shape(size)
    by_code = {spec.code: spec for spec in tree}
    load((office_dataset(base(), spec, by_code, 1, 5) for spec in tree), lambda code: None)


def _client(code: str, role: str = "viewer") -> Client:
    user = get_user_model().objects.create_user(f"{role}-{code}", password="x")
    Membership.objects.create(user=user, agency=Agency.objects.get(code=code), role=role)
    client = Client()
    client.force_login(user)
    return client


def _queries(client: Client, url: str, **headers: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    return len(captured), response.content.decode()


@pytest.fixture
def fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.django_db
def test_the_tree_and_its_branches_cost_the_same_queries_with_3_or_30_offices(
    fast_passwords: None,
) -> None:
    _tree(3)
    national = reverse("ui:cascade", args=["kpu-ri", 2024])
    branch = reverse("ui:cascade_below", args=["kpu-ri", 2024, "IK01"])
    province = reverse("ui:cascade_below", args=[PROVINCE, 2024, "IK01"])

    def counts(client: Client) -> tuple[int, int, int, int, str]:
        page = _queries(client, national)
        below = _queries(client, province, HX_Request="true")
        return (
            page[0],
            _queries(client, branch, HX_Request="true")[0],
            below[0],
            _queries(client, reverse("ui:cascade", args=[PROVINCE, 2024]))[0],
            below[1],
        )

    small = counts(_client("kpu-ri"))
    _tree(30)  # the same offices again, and many more below the provinces
    assert Agency.objects.count() == 30
    assert Agency.objects.filter(parent__code=PROVINCE).count() > 5
    large = counts(_client("kpu-ri", "admin"))
    assert large[:4] == small[:4]
    assert small[0] <= 15
    # The province's branch lists every regency serving IK01 at 30 offices, one at 3.
    assert small[4].count('class="node office-node"') == 1
    children = Agency.objects.filter(parent__code=PROVINCE).count()
    assert large[4].count('class="node office-node"') == children


@pytest.mark.django_db
def test_the_national_tree_shows_each_node_with_its_stored_figures(fast_passwords: None) -> None:
    _tree(6)
    client = _client("kpu-ri")
    page = client.get(reverse("ui:cascade", args=["kpu-ri", 2024])).content.decode()
    assert "Pohon Kinerja KPU RI 2024" in page
    office = OfficeResult.objects.get(agency__code="kpu-ri", year=2024, kind=Kind.OFFICE)
    assert office.value is not None
    shown = f"{office.value.quantize(Decimal('0.01'))}".replace(".", ",")
    assert f"Capaian <strong>{shown}%</strong>" in page
    # Objectives, indicators, the units owning them and the branch of the offices below.
    assert "Sasaran SS01" in page and 'id="ind-IK01"' in page
    assert "Unit kerja</span> <strong>Sub Bagian" in page
    unit = re.search(r'class="node unit-node">(.*?)</li>', page, re.S)
    assert unit is not None and "Capaian <strong>" in unit.group(1)
    assert "Kelengkapan <strong>" in unit.group(1)
    provinces = Agency.objects.filter(parent__code="kpu-ri", has_dataset=True).count()
    assert f"<strong>{provinces} dari {provinces}</strong> mendukung" in page
    # The branch is loaded on opening (htmx), with a plain link without JavaScript.
    branch = reverse("ui:cascade_below", args=["kpu-ri", 2024, "IK01"])
    assert f'hx-get="{branch}" hx-trigger="toggle once"' in page
    assert f'href="{branch}"' in page
    # No figure of an office below is on the page itself: only the roll-up per indicator.
    assert "KPU Provinsi Lampung" not in page
    fragment = client.get(branch, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment
    assert "KPU Provinsi Lampung" in fragment
    # The serving indicator's name is not repeated where it is the served one's.
    assert "IK01 Persentase" not in fragment and "· IK01" in fragment
    assert reverse("ui:cascade", args=[PROVINCE, 2024]) + "#ind-IK01" in fragment
    nested = reverse("ui:cascade_below", args=[PROVINCE, 2024, "IK01"])
    assert f'hx-get="{nested}"' in fragment
    whole = client.get(branch).content.decode()
    assert "<html" in whole and "KPU Provinsi Lampung" in whole
    assert "Kembali ke pohon kinerja KPU RI" in whole
    metro = client.get(nested, headers={"HX-Request": "true"}).content.decode()
    assert "KPU Kota Bandar Lampung" in metro or "KPU Kota Metro" in metro


@pytest.mark.django_db
def test_an_office_links_up_to_what_it_serves_and_down_to_its_units(
    fast_passwords: None,
) -> None:
    _tree(4)
    city = Agency.objects.filter(parent__code=PROVINCE).order_by("code").first()
    assert city is not None
    Indicator.objects.filter(objective__plan__agency=city, code="IK02").update(serves=None)
    Indicator.objects.filter(objective__plan__agency=city, code="IK03").update(serves="IK99")
    OfficeResult.objects.filter(agency=city, year=2024, code="IK04").update(value=None)
    client = _client(city.code, "planner")
    page = client.get(reverse("ui:cascade", args=[city.code, 2024])).content.decode()
    # Up: the province's indicator each serves; the province's page is not the planner's.
    assert "Mendukung indikator KPU Provinsi Lampung: <strong>IK01</strong>" in page
    assert "Belum menyebut indikator KPU Provinsi Lampung yang didukungnya." in page
    assert "(tidak ada di Renstra KPU Provinsi Lampung)" in page
    assert reverse("ui:cascade", args=[PROVINCE, 2024]) not in page
    # Down: the units, with the entry screens (realisations and evidence) of each quarter.
    ik01 = Indicator.objects.get(objective__plan__agency=city, code="IK01")
    assert ik01.work_unit is not None
    entry = reverse("ui:entry", args=[city.code, 2024, ik01.work_unit.code, 4])
    assert f'href="{entry}#row-{ik01.pk}"' in page
    # An unmeasured indicator is worded as everywhere else; a city has no offices below.
    ik04 = re.search(r'id="ind-IK04">(.*?)</summary>', page, re.S)
    assert ik04 is not None and "belum diukur" in ik04.group(1)
    assert "Instansi di bawah</span>" not in page
    assert client.get(reverse("ui:cascade", args=[PROVINCE, 2024])).status_code == 404
    assert (
        client.get(reverse("ui:cascade_below", args=[city.code, 2024, "IK77"])).status_code == 404
    )
    # The nation's viewer follows the link up from the city to the province.
    viewer = _client("kpu-ri")
    seen = viewer.get(reverse("ui:cascade", args=[city.code, 2024])).content.decode()
    assert reverse("ui:cascade", args=[PROVINCE, 2024]) in seen


@pytest.mark.django_db
def test_a_provinces_planner_sees_the_regencies_figures_without_links_to_their_pages(
    fast_passwords: None,
) -> None:
    _tree(4)
    client = _client(PROVINCE, "planner")
    branch = reverse("ui:cascade_below", args=[PROVINCE, 2024, "IK01"])
    fragment = client.get(branch, headers={"HX-Request": "true"}).content.decode()
    city = Agency.objects.filter(parent__code=PROVINCE).order_by("code").first()
    assert city is not None
    assert city.name in fragment
    assert reverse("ui:cascade", args=[city.code, 2024]) not in fragment
    assert client.get(reverse("ui:cascade", args=[city.code, 2024])).status_code == 404
    consolidation = client.get(reverse("ui:consolidation", args=[PROVINCE, 2024]))
    assert reverse("ui:cascade", args=[PROVINCE, 2024]) in consolidation.content.decode()
    dashboard = client.get(reverse("ui:dashboard", args=[PROVINCE, 2024])).content.decode()
    assert f'href="{reverse("ui:cascade", args=[PROVINCE, 2024])}"' in dashboard
