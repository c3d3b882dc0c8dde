"""The downloads page offers the LKj and each PK as a draft or as the final document; the final
one is refused, with the list of what is missing, while anything is (issue 12, item 1)."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from django.test import Client
from django.urls import reverse


def _client(world: Any, persona: str = "planner") -> Client:
    client = Client()
    client.force_login(world.users[persona])
    return client


def _lkj(world: Any, fmt: str = "docx") -> str:
    return reverse("ui:download_lkj", args=[world.own.agency.code, 2024, fmt])


def test_downloads_page_offers_draft_and_final(world: Any) -> None:
    page = _client(world).get(reverse("ui:downloads", args=[world.own.agency.code, 2024]))
    html = page.content.decode()
    assert f'{_lkj(world)}?mode=draft"' in html
    assert f'{_lkj(world)}?mode=final"' in html
    assert "Draf LKj 2024 (DOCX)" in html and "LKj 2024 final (PDF)" in html


def test_draft_downloads_with_its_watermark(world: Any) -> None:
    answer = _client(world).get(_lkj(world) + "?mode=draft")
    assert answer.status_code == 200
    assert answer["Content-Disposition"].endswith('-draf.docx"')
    with zipfile.ZipFile(io.BytesIO(answer.content)) as archive:
        headers = [archive.read(n) for n in archive.namelist() if n.startswith("word/header")]
    assert headers and all(b'string="DRAFT"' in header for header in headers)


def test_final_is_refused_with_the_list_while_something_is_missing(world: Any) -> None:
    answer = _client(world, "leader").get(_lkj(world, "pdf") + "?mode=final")
    assert answer.status_code == 409
    html = answer.content.decode()
    assert "dokumen final belum dapat dibuat" in html
    assert "Isu strategis belum diuraikan" in html
    pk = reverse("ui:download_pk", args=[world.own.agency.code, 2024, "kantor", "docx"])
    answer = _client(world).get(pk + "?mode=final")
    assert answer.status_code == 409
    assert "Nama pihak pertama" in answer.content.decode()


def test_unknown_mode_is_not_found(world: Any) -> None:
    assert _client(world).get(_lkj(world) + "?mode=lain").status_code == 404


def test_lkj_of_a_year_kept_in_the_web_app_reads_as_a_signable_draft(world: Any) -> None:
    """The LKj built from the database (the example imported, realisations entered in the
    app): the body carries no placeholder, planner note, doubled kind or year as a number."""
    from docx import Document

    answer = _client(world).get(_lkj(world) + "?mode=draft")
    word = Document(io.BytesIO(answer.content))
    lines = [p.text for p in word.paragraphs]
    lines += [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    text = "\n".join(lines)
    body = text[: text.rfind("Daftar Kekurangan (Draf)")]
    for forbidden in ("Belum diuraikan", "Catatan perhitungan", "Catatan atas skala"):
        assert forbidden not in body
    assert "program Program" not in body
    assert not re.search(r"\b0 belum|\b\d+ di antaranya", body)
    assert not re.search(r"(?<![\d.,])(?:1\.9\d\d|2\.0\d\d)(?![\d]|[.,]\d)", body)
    assert "Ketua," in text.splitlines()
    # what is missing is listed at the end instead
    assert "Isu strategis belum diuraikan" in text[text.rfind("Daftar Kekurangan (Draf)") :]
