"""The entry card shows the target the calculation uses, and the achievement as one types.

The preview runs the real calculation (`kinerja.results.preview`), so its figure is the one the
dashboard shows once the value is verified; a value of another kind or unit is warned about.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import Client
from django.urls import reverse

from kinerja.core.values import parse_value
from kinerja.dataset.measure import measure
from kinerja.formats import format_percent
from kinerja.results import actions
from kinerja.results.preview import mismatch, preview
from kinerja.results.verified import verified_dataset
from kinerja.ui.dashboard import build_dashboard

World = Any  # tests/web/conftest.py


def url(world: World, quarter: int = 4) -> str:
    o = world.own
    return reverse("ui:entry_preview", args=[o.agency.code, 2024, o.unit, quarter, o.indicator.pk])


def test_the_preview_is_what_the_dashboard_shows_once_verified(world: World) -> None:
    o = world.own
    shown = preview(o.year, o.indicator, 4, "95%")
    assert shown.status == "measured" and shown.warnings == []
    z = o.submitted
    actions.verify_realization(world.users["planner"], z, z.version)
    result = measure(verified_dataset(o.agency), 2024)
    ik08 = next(i for i in result.indicators if i.code == o.indicator.code)
    assert shown.achievement == format_percent(ik08.achievement.value)
    assert shown.target == ik08.target
    board = build_dashboard(o.year, dt.date(2026, 12, 4))
    row = next(i for ob in board.objectives for i in ob.indicators if i.code == "IK08")
    assert row.rated.text == shown.achievement


def test_a_value_of_another_unit_is_warned_about(world: World) -> None:
    o = world.own
    shown = preview(o.year, o.indicator, 4, "3 orang")
    assert shown.warnings and "tidak cocok" in shown.warnings[0]
    assert "persentase" in shown.warnings[0] and "jumlah (orang)" in shown.warnings[0]
    assert mismatch("3 orang", parse_value("4 laporan"), None) is not None
    assert mismatch("3 orang", parse_value("4 Orang"), None) is None
    assert preview(o.year, o.indicator, 4, "sembilan puluh").status == "unreadable"


def test_the_endpoint_answers_the_operator_as_they_type(world: World) -> None:
    client = Client()
    client.force_login(world.users["operator_a"])
    field = f"i{world.own.indicator.pk}-value"
    page = client.get(url(world), {field: "95%"}, HTTP_HX_REQUEST="true")
    assert page.status_code == 200
    assert "Capaian tahun bila diverifikasi" in page.content.decode()
    wrong = client.get(url(world), {field: "3 orang"}).content.decode()
    assert "data-warning" in wrong and "tidak cocok" in wrong
    client.force_login(world.users["operator_b"])  # another unit's operator
    assert client.get(url(world), {field: "95%"}).status_code == 403


def test_the_card_shows_the_unit_the_target_used_and_the_note(world: World) -> None:
    client = Client()
    client.force_login(world.users["planner"])
    o = world.own
    page = client.get(reverse("ui:entry", args=[o.agency.code, 2024, o.unit, 3])).content.decode()
    assert "Target yang dipakai perhitungan" in page and "data-used-target" in page
    assert "Satuan" in page
    assert "triwulan tiga" in page.split("data-note")[1]  # the operator's note, read-only too
    assert url(world, 3) in page  # the value field asks for the live achievement
