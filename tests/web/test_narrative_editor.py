"""The LKj narrative in the browser: the list of sections in the LKj's order with their state,
the editor that starts from the saved or the drafted text, shows where the numbers come from and
previews the section as printed, saving at a version (no lost update), a locked year refused,
the history, setting a section back to the drafted text, and the readiness page's link.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kinerja.agencies.datasets import export_dataset, import_dataset
from kinerja.dataset.yamlio import dump_yaml, read_yaml
from kinerja.documents.context import build_context
from kinerja.documents.lkj import build_lkj
from kinerja.documents.tree import Paragraph
from kinerja.results.models import NarrativeSection
from kinerja.results.verified import verified_dataset
from kinerja.ui import downloads

World = Any


def _client(world: World, role: str) -> Client:
    client = Client()
    client.force_login(world.users[role])
    return client


def _url(world: World, key: str, name: str = "narrative_edit", **query: str) -> str:
    url = reverse(f"ui:{name}", args=[world.own.agency.code, 2024, key])
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return url


def _stored(world: World, key: str, objective: str | None = None) -> NarrativeSection | None:
    return (
        NarrativeSection.objects.filter(
            reporting_year=world.own.year, key=key, objective__code=objective
        ).first()
        if objective
        else NarrativeSection.objects.filter(
            reporting_year=world.own.year, key=key, objective__isnull=True, work_unit__isnull=True
        ).first()
    )


def _printed(world: World) -> list[str]:
    """The paragraphs of the LKj built from the database, as the downloads build it."""
    document = build_lkj(build_context(verified_dataset(world.own.agency), 2024), charts=False)
    return [b.text for b in document.blocks() if isinstance(b, Paragraph)]


def test_the_list_has_every_section_in_the_lkj_order_with_its_state(world: World) -> None:
    page = _client(world, "planner").get(
        reverse("ui:narrative", args=[world.own.agency.code, 2024])
    )
    assert page.status_code == 200
    html = page.content.decode()
    keys = re.findall(r'data-key="([^"]+)" data-state="([^"]+)"', html)
    order = [k for k, _ in keys]
    # The LKj's order: front matter, BAB I, BAB II, BAB III (objectives in plan order), BAB IV.
    assert order[:3] == ["kata_pengantar", "ringkasan_eksekutif", "latar_belakang"]
    assert order.index("isu_strategis") < order.index("renstra") < order.index("capaian")
    assert order.index("realisasi_anggaran") < order.index("penutup") < order.index("permasalahan")
    assert order[-1] == "pernyataan_reviu"
    states = dict(keys)
    # The example writes the Kata Pengantar, leaves the Ringkasan to the draft and has no
    # strategic issues (which the data cannot draft).
    assert states["kata_pengantar"] == "written"
    assert states["ringkasan_eksekutif"] == "drafted"
    assert states["isu_strategis"] == "required"
    assert html.count('data-key="capaian"') == 16  # one per objective
    assert "Tulis" in html


def test_a_drafted_section_opens_with_the_draft_and_where_its_numbers_come_from(
    world: World,
) -> None:
    page = _client(world, "planner").get(_url(world, "capaian", sasaran="SS01"))
    assert page.status_code == 200
    section = page.context["section"]
    assert section.state == "drafted"
    assert page.context["text"] == section.draft_text
    assert section.draft_text.startswith("Indikator \u201c")
    html = page.content.decode()
    assert 'name="text"' in html and ">Simpan</button>" in html
    # The figures the draft uses: the objective's indicators with target and realisation.
    figures = page.context["figures"]
    codes = [row[0] for f in figures if f.title.startswith("Indikator") for row in f.rows]
    assert codes and all(code.startswith("IK") for code in codes)
    indicator = next(f for f in figures if f.title.startswith("Indikator")).rows[0]
    assert indicator[2] in section.draft_text and indicator[3] in section.draft_text
    # The draft's table is named: a written text replaces it too.
    assert "Tabel Capaian Sasaran Strategis 1" in html
    # The preview is the draft as printed, its table included.
    assert '<table class="doc-table">' in html


def test_a_written_section_opens_with_its_text(world: World) -> None:
    page = _client(world, "planner").get(_url(world, "kata_pengantar"))
    stored = _stored(world, "kata_pengantar")
    assert stored is not None
    assert page.context["text"] == stored.text
    assert page.context["version"] == stored.version


def test_leader_and_auditor_read_without_a_form(world: World) -> None:
    for role in ("leader", "auditor"):
        page = _client(world, role).get(_url(world, "kata_pengantar"))
        assert page.status_code == 200
        html = page.content.decode()
        assert "<textarea" not in html and ">Simpan</button>" not in html
        assert "Segala puji" in html  # the text is there to read
        refused = _client(world, role).post(
            _url(world, "kata_pengantar"), {"text": "Ganti", "version": "1"}
        )
        assert refused.status_code == 403
    assert "Ganti" not in (_stored(world, "kata_pengantar") or NarrativeSection()).text


def test_saving_writes_the_section_its_history_and_the_printed_lkj(world: World) -> None:
    client = _client(world, "planner")
    text = "Ringkasan yang ditulis perencana.\n\n- a. butir pertama\n- b. butir kedua"
    answer = client.post(_url(world, "ringkasan_eksekutif"), {"text": text, "version": "0"})
    assert answer.status_code == 302
    stored = _stored(world, "ringkasan_eksekutif")
    assert stored is not None and stored.version == 1
    assert stored.text == text
    history = list(stored.history.all())  # type: ignore[attr-defined]
    assert [(h.history_type, h.history_user, h.history_change_reason) for h in history] == [
        ("+", world.users["planner"], "Narasi ditulis")
    ]
    assert "Ringkasan yang ditulis perencana." in _printed(world)
    page = client.get(_url(world, "ringkasan_eksekutif"))
    assert page.context["section"].state == "written"
    assert "Narasi ditulis" in page.content.decode()  # the section's own history
    # A second save at the version read moves the version on.
    again = client.post(
        _url(world, "ringkasan_eksekutif"), {"text": text + "\n\nTambahan.", "version": "1"}
    )
    assert again.status_code == 302
    stored.refresh_from_db()
    assert stored.version == 2 and stored.text.endswith("Tambahan.")


def test_the_second_writer_is_refused_and_sees_the_stored_text(world: World) -> None:
    first, second = _client(world, "planner"), _client(world, "admin")
    shown = [c.get(_url(world, "isu_strategis")).context["version"] for c in (first, second)]
    assert shown == [0, 0]
    assert first.post(_url(world, "isu_strategis"), {"text": "Isu pertama.", "version": "0"})
    late = second.post(_url(world, "isu_strategis"), {"text": "Isu kedua.", "version": "0"})
    assert late.status_code == 409
    html = late.content.decode()
    assert "telah diubah orang lain" in html
    assert "Isu pertama." in html  # the stored text, to compare
    assert "Isu kedua." in html  # the writer's own text is kept in the form
    assert late.context["version"] == 1  # saving again is a choice made with both in view
    stored = _stored(world, "isu_strategis")
    assert stored is not None and stored.text == "Isu pertama." and stored.version == 1


def test_a_locked_year_refuses_edits_and_says_so(world: World) -> None:
    year = world.own.year
    year.locked_at = timezone.now()
    year.save()
    client = _client(world, "planner")
    page = client.get(_url(world, "kata_pengantar"))
    assert page.status_code == 200
    assert "<textarea" not in page.content.decode()
    assert "dikunci" in page.content.decode()
    before = _stored(world, "kata_pengantar")
    assert before is not None
    refused = client.post(_url(world, "kata_pengantar"), {"text": "Baru", "version": "1"})
    assert refused.status_code == 409
    assert "dikunci" in refused.content.decode()
    reset = client.post(_url(world, "kata_pengantar", "narrative_reset"), {"version": "1"})
    assert reset.status_code == 409
    after = _stored(world, "kata_pengantar")
    assert after is not None and after.text == before.text and after.version == before.version


def test_the_preview_prints_the_text_as_the_document_reads_it(world: World) -> None:
    client = _client(world, "planner")
    text = "Paragraf <b>satu</b>\nberlanjut.\n\n- 1. butir bernomor\n- butir biasa"
    answer = client.post(_url(world, "isu_strategis", "narrative_preview"), {"text": text})
    assert answer.status_code == 200
    html = answer.content.decode()
    assert "<p>Paragraf &lt;b&gt;satu&lt;/b&gt; berlanjut.</p>" in html  # escaped, lines joined
    assert '<span class="doc-label">1.</span> butir bernomor' in html
    assert "<li>butir biasa</li>" in html
    assert NarrativeSection.objects.filter(key="isu_strategis").count() == 0  # nothing saved
    # Without text, a section the data cannot draft prints nothing and says so.
    empty = client.post(_url(world, "isu_strategis", "narrative_preview"), {"text": ""})
    assert "tidak dicetak" in empty.content.decode()


def test_bad_text_is_refused_with_a_message_and_nothing_written(world: World) -> None:
    client = _client(world, "planner")
    for text, message in (("   ", "kosong"), ("a\x00b", "NUL")):
        answer = client.post(_url(world, "isu_strategis"), {"text": text, "version": "0"})
        assert answer.status_code == 400
        assert message in answer.content.decode()
    missing = client.post(_url(world, "isu_strategis"), {"text": "Tugas."})
    assert missing.status_code == 400
    assert client.get(_url(world, "bukan_kunci")).status_code == 404
    assert NarrativeSection.objects.filter(key="isu_strategis").count() == 0


def test_an_objectives_analysis_is_written_for_that_objective(world: World) -> None:
    client = _client(world, "planner")
    url = _url(world, "analisis", sasaran="SS02")
    answer = client.post(url, {"text": "Penyebab capaian SS02.", "version": "0", "sasaran": "SS02"})
    assert answer.status_code == 302
    stored = _stored(world, "analisis", "SS02")
    assert stored is not None and stored.objective is not None
    assert stored.objective.code == "SS02" and stored.work_unit is None
    assert "Penyebab capaian SS02." in _printed(world)


def test_reset_returns_to_the_drafted_text_and_is_recorded(world: World) -> None:
    client = _client(world, "planner")
    client.post(_url(world, "langkah_ke_depan"), {"text": "Langkah sendiri.", "version": "0"})
    assert "Langkah sendiri." in _printed(world)
    stale = client.post(_url(world, "langkah_ke_depan", "narrative_reset"), {"version": "0"})
    assert stale.status_code == 409
    answer = client.post(_url(world, "langkah_ke_depan", "narrative_reset"), {"version": "1"})
    assert answer.status_code == 302
    assert _stored(world, "langkah_ke_depan") is None
    assert "Langkah sendiri." not in _printed(world)
    page = client.get(_url(world, "langkah_ke_depan"))
    assert page.context["section"].state == "drafted"
    history = [h["what"] for h in page.context["history"]]
    assert history == ["Dikembalikan ke teks otomatis", "Narasi ditulis"]
    # The year's history lists both, with the text before and after.
    year = client.get(reverse("ui:year_history", args=[world.own.agency.code, 2024]))
    shown = [(e.what, e.changes) for e in year.context["entries"] if e.what.startswith("Narasi")]
    assert shown == [
        ("Narasi langkah_ke_depan: Dihapus", [("Teks", "Langkah sendiri.", "-")]),
        ("Narasi langkah_ke_depan: Dibuat", [("Teks", "-", "Langkah sendiri.")]),
    ]


def test_readiness_sends_the_planner_to_the_narrative(world: World) -> None:
    client = _client(world, "planner")
    page = client.get(reverse("ui:readiness", args=[world.own.agency.code, 2024]))
    fixes = {key: url for key, _, _, url in page.context["sections"]}
    assert fixes["narrative"] == reverse("ui:narrative", args=[world.own.agency.code, 2024])
    narrative_items = [
        i.message for i in page.context["readiness"].items if i.section == "narrative"
    ]
    assert any("Isu strategis" in m for m in narrative_items)
    client.post(_url(world, "isu_strategis"), {"text": "Isu strategis kantor.", "version": "0"})
    after = client.get(reverse("ui:readiness", args=[world.own.agency.code, 2024]))
    items = [i.message for i in after.context["readiness"].items if i.section == "narrative"]
    assert not any("Isu strategis" in m for m in items)


def test_a_text_written_in_the_browser_is_exported_and_printed(
    world: World, tmp_path: Path
) -> None:
    client = _client(world, "planner")
    text = "Isu strategis ditulis di peramban."
    assert (
        client.post(_url(world, "isu_strategis"), {"text": text, "version": "0"}).status_code == 302
    )
    exported = export_dataset(world.own.agency)
    entry = exported.year(2024)
    section = next(s for s in entry.narrative if s.key == "isu_strategis")
    assert section.text == text and section.objective is None
    dumped = dump_yaml(exported)
    assert text in dumped
    # The file imported again holds the same narrative (a new history starts at version 1).
    (tmp_path / "kantor.yaml").write_text(dumped, encoding="utf-8")
    import_dataset(
        read_yaml(tmp_path / "kantor.yaml"),
        importer=world.users["planner"],
        unlock_reason="Uji pulang-pergi dataset",
    )
    assert export_dataset(world.own.agency).year(2024).narrative == entry.narrative
    docx = downloads.document(world.own.agency, 2024, "lkj", "docx")
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        body = archive.read("word/document.xml").decode()
    assert text in body
