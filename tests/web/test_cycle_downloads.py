"""The Unduhan page offers the Rencana Aksi and the quarterly report as DOCX and PDF, each as a
draft or final; built from the year kept in the web app (issue 12, item 7)."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse


def _client(world: Any) -> Client:
    client = Client()
    client.force_login(world.users["planner"])
    return client


def _url(world: Any, name: str, *args: object) -> str:
    return reverse(f"ui:{name}", args=[world.own.agency.code, 2024, *args])


def test_downloads_page_offers_the_action_plan_and_each_quarter(world: Any) -> None:
    html = _client(world).get(_url(world, "downloads")).content.decode()
    assert f'{_url(world, "download_action_plan", "kantor", "pdf")}?mode=final"' in html
    for quarter in (1, 2, 3, 4):
        assert f'{_url(world, "download_quarterly", quarter, "docx")}?mode=draft"' in html


def test_action_plan_and_quarterly_report_download_as_drafts(world: Any) -> None:
    client = _client(world)
    plan = client.get(_url(world, "download_action_plan", "kantor", "pdf") + "?mode=draft")
    assert plan.status_code == 200 and plan.content.startswith(b"%PDF")
    assert plan["Content-Disposition"].endswith('-draf.pdf"')
    report = client.get(_url(world, "download_quarterly", 2, "docx") + "?mode=draft")
    assert report.status_code == 200 and report.content.startswith(b"PK")
    assert "LKj-TW2-" in report["Content-Disposition"]


def test_final_is_refused_with_the_list_and_bad_quarters_are_not_found(world: Any) -> None:
    client = _client(world)
    answer = client.get(_url(world, "download_quarterly", 2, "pdf") + "?mode=final")
    assert answer.status_code == 409
    assert "Target triwulan II indikator" in answer.content.decode()
    answer = client.get(_url(world, "download_action_plan", "kantor", "docx") + "?mode=final")
    assert answer.status_code == 409
    assert client.get(_url(world, "download_quarterly", 5, "pdf")).status_code == 404
    assert client.get(_url(world, "download_action_plan", "xx", "pdf")).status_code == 404
