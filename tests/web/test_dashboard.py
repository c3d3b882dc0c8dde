"""The dashboard: only verified data counts, states stay distinct, queries are pinned."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import Client
from django.urls import reverse

from kinerja.results import actions
from kinerja.results.models import Realization
from kinerja.ui.choices import IndicatorState, QuarterState
from kinerja.ui.dashboard import build_dashboard

# The office's dataset export (32, pinned in tests/storage), then the session and user, the
# memberships, the office's lineage, the year, the pending keys, the spending states (only
# verified spending counts), the year's realisations, the
# cards owed (PK rows and filled cards, `kinerja.results.duties`), the year list of the menu and
# the unread notifications of the header. It does not grow with the number of indicators or
# realisations.
DASHBOARD_QUERIES = 46  # the first page: the verified dataset exported and measured
WARM_DASHBOARD_QUERIES = 12  # again, the data unchanged: nothing exported


def row(board: Any, code: str) -> Any:
    return next(i for o in board.objectives for i in o.indicators if i.code == code)


def test_a_submitted_value_is_waiting_not_achieved(world) -> None:
    board = build_dashboard(world.own.year, dt.date(2024, 12, 1))

    ik08 = row(board, "IK08")
    assert ik08.state == IndicatorState.NOT_FILLED
    assert ik08.rated.text == "-"
    assert ik08.waiting == 1  # the submitted Q4: what the verification queue holds
    assert board.waiting == 1
    assert board.unsubmitted == 1  # the draft of Q3: entered, not submitted, not waiting


def test_once_verified_the_value_is_achieved(world) -> None:
    z = Realization.objects.get(pk=world.own.submitted.pk)
    actions.verify_realization(world.users["planner"], z, z.version)

    ik08 = row(build_dashboard(world.own.year, dt.date(2024, 12, 1)), "IK08")

    assert ik08.state == IndicatorState.MEASURED
    assert ik08.rated.text == "95,00%"
    assert ik08.rated.label == "Baik"


def test_unfilled_becomes_overdue_after_the_deadline(world) -> None:
    before = row(build_dashboard(world.own.year, dt.date(2025, 1, 10)), "IK20")
    after = row(build_dashboard(world.own.year, dt.date(2025, 1, 11)), "IK20")

    assert before.state == IndicatorState.NOT_FILLED
    assert after.state == IndicatorState.OVERDUE


def test_completeness_names_units_and_quarters_not_entered(world) -> None:
    board = build_dashboard(world.own.year, dt.date(2024, 12, 1))
    units = {u.code: u for u in board.units}

    q3, q4 = units["hukum-sdm"].cells[2], units["hukum-sdm"].cells[3]
    assert (q3.state, q3.entered) == (QuarterState.OVERDUE, 0)  # a draft is not entered
    assert q4.entered == 1 and q4.state == QuarterState.PARTIAL
    assert units["pdi"].cells[0].state == QuarterState.OVERDUE
    assert board.missing_evidence == []


def test_a_submitted_value_without_evidence_is_listed(world) -> None:
    operator = world.users["operator_a"]
    z = actions.save_realization(operator, world.own.year, world.own.indicator, 2, "50%")
    actions.submit_realization(operator, z, z.version)

    board = build_dashboard(world.own.year, dt.date(2024, 12, 1))

    assert {"indicator": "IK08", "quarter": 2, "unit": "Sub Bagian Hukum dan SDM"} in (
        board.missing_evidence
    )


def test_dashboard_shows_money_and_percent_the_indonesian_way(world) -> None:
    client = Client()
    client.force_login(world.users["auditor"])

    html = client.get(reverse("ui:dashboard", args=["kpu-kota-metro", 2024])).content.decode()

    assert "Rp 15.534.394.000" in html
    assert "166,67%" in html


def test_dashboard_query_count_is_pinned(world, django_assert_max_num_queries) -> None:
    client = Client()
    client.force_login(world.users["viewer"])
    url = reverse("ui:dashboard", args=["kpu-kota-metro", 2024])

    with django_assert_max_num_queries(DASHBOARD_QUERIES):
        assert client.get(url).status_code == 200
    # Again, the office's verified data unchanged: measured from what this process kept
    # (`kinerja.consolidation.measured`), the dataset is not exported again.
    with django_assert_max_num_queries(WARM_DASHBOARD_QUERIES):
        assert client.get(url).status_code == 200


def test_the_counts_agree_with_the_completeness_table_and_the_queue(world) -> None:
    """ "Menunggu verifikasi" is the verification queue; "Belum diisi / terlambat" sums the
    completeness table's unsubmitted cards, before and after their quarter's deadline."""
    day = dt.date(2024, 12, 1)  # Q1-Q3 past their deadline, Q4 not yet
    board = build_dashboard(world.own.year, day)
    cells = [c for u in board.units for c in u.cells]
    late = sum(c.total - c.entered for c in cells if c.state == QuarterState.OVERDUE)
    open_ = sum(c.total - c.entered for c in cells if c.state != QuarterState.OVERDUE)
    assert (board.cards_open, board.cards_late) == (open_, late)
    assert late > 0 and open_ > 0
    assert all(c.quarter < 4 for c in cells if c.state == QuarterState.OVERDUE)
    queue = Realization.objects.filter(reporting_year=world.own.year, status="submitted")
    assert board.waiting == queue.count()
    client = Client()
    client.force_login(world.users["planner"])
    page = client.get(reverse("ui:dashboard", args=["kpu-kota-metro", 2024])).content.decode()
    assert "Tahun berjalan" not in page  # 2024 is not this year
