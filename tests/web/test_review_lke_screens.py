"""The review page (every finding, filters, links to the fixing screen), the review record the
auditor keeps and the LKj's review statement printed from it, and the LKE screen's answers."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from kinerja.agencies.datasets.exporting import export_dataset
from kinerja.core.review.findings import Finding, Location, Severity
from kinerja.documents.context import build_context
from kinerja.documents.gaps import Gap
from kinerja.documents.lkj import LkjBuilder
from kinerja.documents.review_statement import REVIEW_GAP
from kinerja.documents.tree import Paragraph
from kinerja.evaluations import findings as review_page
from kinerja.evaluations.models import EvaluationAnswer, ReviewRecord

World = Any


def client_for(world: World, role: str) -> Client:
    client = Client()
    client.force_login(world.users[role])
    return client


def url(world: World, name: str, **kw: Any) -> str:
    return reverse(f"ui:{name}", kwargs={"agency": world.own.agency.code, "year": 2024, **kw})


def test_the_review_page_lists_every_finding_and_filters_them(world: World) -> None:
    client = client_for(world, "viewer")
    page = client.get(url(world, "review"))
    assert page.status_code == 200
    total = page.context["total"]
    assert total > 25  # all of them, not the first 25
    assert len(page.context["rows"]) == total
    errors = client.get(url(world, "review"), {"severity": "error"}).context["rows"]
    assert errors and all(r.finding.severity is Severity.ERROR for r in errors)
    assert len(errors) == page.context["errors"]
    rule = errors[0].finding.rule
    by_rule = client.get(url(world, "review"), {"rule": rule}).context["rows"]
    assert by_rule and {r.finding.rule for r in by_rule} == {rule}
    code = page.context["choices"]["indicator"][0]
    by_indicator = client.get(url(world, "review"), {"indicator": code}).context["rows"]
    assert by_indicator and all(code in r.finding.location.indicator for r in by_indicator)
    assert all(r.fix_url.startswith("/o/") for r in page.context["rows"])
    dashboard = client.get(url(world, "dashboard"))
    assert f"<strong>{page.context['errors']}</strong> galat reviu terbuka" in dashboard.text


def test_filters_match_table_and_objective_and_fix_links_name_the_screen(world: World) -> None:
    year = world.own.agency.reporting_years.get(year=2024)
    finding = Finding(
        "evidence-missing", Severity.WARNING, Location("Tabel 3", "SS01", "IK08", 2), "pesan"
    )
    assert review_page.matches(finding, {"table": "Tabel 3", "objective": "SS01"})
    assert not review_page.matches(finding, {"objective": "SS02"})
    assert not review_page.matches(finding, {"indicator": "IK0"})
    link, label = review_page.fix_link(finding, year, {"IK08": "hukum-sdm"})
    assert link == url(world, "entry", unit="hukum-sdm", quarter=2)
    assert label == "Isian realisasi"
    target = Finding("target-mismatch", Severity.ERROR, Location("Tabel 9", "SS01", "IK01"), "")
    assert review_page.fix_link(target, year, {}) == (url(world, "agreements"), "PK & rencana aksi")
    narrative = Finding("narrative-number", Severity.ERROR, Location("Tabel 4"), "")
    assert review_page.fix_link(narrative, year, {}) == (url(world, "narrative"), "Narasi LKj")
    printed = Finding("table-numbering", Severity.WARNING, Location("Tabel 4"), "")
    assert review_page.fix_link(printed, year, {})[1] == "Impor dataset"


def test_every_review_rule_has_a_screen_where_it_is_fixed() -> None:
    from kinerja.core.review import registry
    from kinerja.core.review.findings import RULES

    assert registry.FAMILIES  # every rule module imported

    named = (
        review_page.AGREEMENT_RULES
        | review_page.REALIZATION_RULES
        | review_page.PLAN_RULES
        | review_page.NARRATIVE_RULES
        | review_page.IMPORT_RULES
    )
    assert set(RULES) == named


def test_the_auditor_records_the_review_and_the_lkj_prints_the_statement(world: World) -> None:
    form = {
        "reviewer_name": "Siti Aminah",
        "reviewer_position": "Auditor Ahli Muda",
        "reviewer_nip": "19800101 200501 2 001",
        "date": "2025-02-20",
        "place": "Metro",
        "statement": "Kami telah mereviu Laporan Kinerja ini.",
        "findings": "IK08 TW II tanpa bukti\n[x] Target IK01 berbeda",
        "version": "0",
    }
    assert client_for(world, "planner").post(url(world, "review_record"), form).status_code == 403
    answer = client_for(world, "auditor").post(url(world, "review_record"), form)
    assert answer.status_code == 302
    record = ReviewRecord.objects.get(reporting_year__agency=world.own.agency)
    assert record.recorded_by == world.users["auditor"]
    assert record.findings == [
        {"text": "IK08 TW II tanpa bukti"},
        {"text": "Target IK01 berbeda", "settled": True},
    ]
    assert record.history.count() == 1
    stale = client_for(world, "auditor").post(url(world, "review_record"), form)
    assert stale.status_code == 422 and "diubah orang lain" in stale.text
    dataset = export_dataset(world.own.agency)
    assert dataset.year(2024).review.reviewer.name == "Siti Aminah"
    builder = LkjBuilder(build_context(dataset, 2024), charts=False)
    texts = [
        "".join(run.text for run in block.runs)
        for block in builder.appendix()
        if isinstance(block, Paragraph)
    ]
    assert "PERNYATAAN TELAH DIREVIU" in texts
    assert "Kami telah mereviu Laporan Kinerja ini." in texts
    assert all("Pernyataan Telah Direviu" not in gap.place for gap in builder.gaps.missing)


def test_without_a_review_the_statement_page_is_missing_not_a_placeholder(world: World) -> None:
    builder = LkjBuilder(build_context(export_dataset(world.own.agency), 2024), charts=False)
    blocks = builder.appendix()
    texts = " ".join("".join(r.text for r in b.runs) for b in blocks if isinstance(b, Paragraph))
    assert "Pernyataan Telah Direviu" not in texts
    assert Gap(*REVIEW_GAP) in builder.gaps.missing
    # The remedy says who records the review and where: the auditor, in the Reviu menu.
    assert REVIEW_GAP[2].startswith("Auditor (APIP) mencatat hasil reviu")
    assert REVIEW_GAP[2].endswith("di menu Reviu")


def test_the_office_answers_a_subcomponent_and_the_scores_follow(world: World) -> None:
    answer = EvaluationAnswer.objects.get(
        evaluation__reporting_year__agency=world.own.agency, item="1.a"
    )
    page = client_for(world, "planner").post(
        url(world, "lke_save", item="1.a"),
        {
            "version": str(answer.version),
            "met": ["1.a.1", "1.a.2", "1.a.3", "1.a.4", "1.a.5", "1.a.6"],
            "self_assessment": "A",
            "note": "Semua dokumen tersedia.",
            "evidence": "Renstra 2020-2024 | https://contoh.go.id/renstra.pdf",
            "answer": "AA",  # not the planner's to set: ignored
        },
        HTTP_HX_REQUEST="true",
    )
    assert page.status_code == 200
    answer.refresh_from_db()
    assert (answer.self_assessment, answer.answer, answer.version) == ("A", "B", 2)
    assert answer.evidence == [
        {"title": "Renstra 2020-2024", "url": "https://contoh.go.id/renstra.pdf"}
    ]
    row = next(r for r in page.context["result"].rows if r.code == "1.a")
    assert row.proposal.answer == "BB"  # 6 of 6 checked
    evaluator = client_for(world, "auditor").post(
        url(world, "lke_save", item="1.a"),
        {"version": "2", "answer": "BB", "proposed": "1"},
        HTTP_HX_REQUEST="true",
    )
    result = evaluator.context["result"]
    assert str(result.score.total) == "72.15"  # 71,55 + (80 - 70)% of 6
    assert 'id="lke-scores"' in evaluator.text
    download = client_for(world, "viewer").get(url(world, "lke_download", fmt="pdf"))
    assert download.status_code == 200 and download.content.startswith(b"%PDF")


def test_a_preview_shows_the_proposal_and_scores_without_saving(world: World) -> None:
    page = client_for(world, "auditor").post(
        url(world, "lke_preview", item="3.b"),
        {"version": "1", "answer": "A", "met": ["3.b.1"]},  # met: not the auditor's to write
        HTTP_HX_REQUEST="true",
    )
    assert page.status_code == 200 and page.context["preview"]
    result = page.context["result"]
    assert str(result.score.total) == "72.90"  # 71,55 + (90 - 60)% of 4,5
    row = next(r for r in result.rows if r.code == "3.b")
    assert row.proposal.met == 6  # the office's checks as stored
    stored = EvaluationAnswer.objects.get(
        evaluation__reporting_year__agency=world.own.agency, item="3.b"
    )
    assert (stored.answer, stored.version) == ("CC", 1)
    viewer = client_for(world, "viewer").post(url(world, "lke_preview", item="3.b"), {})
    assert viewer.status_code == 403
