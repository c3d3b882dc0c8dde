"""Evidence uploads: checked by content, at most 10 MB, kept outside the web root, served only
to users allowed to see them."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from kinerja.results import evidence_files
from kinerja.results.evidence_files import EvidenceRejected, sniff, store_bytes


def office_file(part: str, content_type: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            f'<Types><Override PartName="/{part}" ContentType="{content_type}"/></Types>',
        )
        archive.writestr(part, "<x/>")
    return buffer.getvalue()


DOCX = office_file("word/document.xml", "application/vnd...wordprocessingml.document.main+xml")
XLSX = office_file("xl/workbook.xml", "application/vnd...spreadsheetml.sheet.main+xml")
ODT_LIKE = office_file("content.xml", "text/xml")


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"%PDF-1.7\n...", "pdf"),
        (b"\x89PNG\r\n\x1a\n....", "png"),
        (b"\xff\xd8\xff\xe0....", "jpg"),
        (DOCX, "docx"),
        (XLSX, "xlsx"),
        (ODT_LIKE, None),
        (b"MZ\x90\x00 an exe named laporan.pdf", None),
        (b"<html><script>alert(1)</script>", None),
    ],
)
def test_kind_is_read_from_the_content(content: bytes, kind: str | None) -> None:
    assert sniff(io.BytesIO(content)) == kind


def test_a_stored_file_lives_outside_the_web_root(evidence_dir: Path) -> None:
    stored = store_bytes(b"%PDF-1.4 bukti")

    path = evidence_files.evidence_path(stored.sha256)
    assert path.read_bytes() == b"%PDF-1.4 bukti"
    assert path.is_relative_to(evidence_dir)
    static_root = settings.STATIC_ROOT
    assert static_root is None or not path.is_relative_to(Path(static_root))
    assert not path.is_relative_to(Path(__file__).resolve().parents[2] / "src")


def test_more_than_10_mb_is_refused(evidence_dir: Path) -> None:
    with pytest.raises(EvidenceRejected, match="10 MB"):
        store_bytes(b"%PDF-" + b"0" * (10 * 1024 * 1024))


def upload(client: Client, world, content: bytes, name: str) -> int:
    url = reverse(
        "ui:entry_save",
        args=[world.own.agency.code, 2024, world.own.unit, 3, world.own.indicator.pk],
    )
    prefix = f"i{world.own.indicator.pk}"
    shown = world.own.draft.version  # the Q3 card's version, as the entry page sends it
    data = {
        f"{prefix}-value": "90%",
        f"{prefix}-version": shown,
        f"{prefix}-evidence": SimpleUploadedFile(name, content),
    }
    return client.post(url, data).status_code


def test_upload_named_pdf_but_not_a_pdf_is_refused_on_the_field(world) -> None:
    client = Client()
    client.force_login(world.users["operator_a"])

    response = client.post(
        reverse(
            "ui:entry_save",
            args=[world.own.agency.code, 2024, world.own.unit, 3, world.own.indicator.pk],
        ),
        {
            f"i{world.own.indicator.pk}-value": "90%",
            f"i{world.own.indicator.pk}-evidence": SimpleUploadedFile(
                "laporan.pdf", b"<html>bukan pdf</html>", content_type="application/pdf"
            ),
        },
    )

    assert response.status_code == 200
    assert "Isi berkas bukan PDF, JPG, PNG, XLSX atau DOCX" in response.content.decode()
    assert world.own.draft.evidence.count() == 0


def test_a_real_docx_upload_is_kept(world) -> None:
    client = Client()
    client.force_login(world.users["operator_a"])

    assert upload(client, world, DOCX, "laporan.docx") == 302
    evidence = world.own.draft.evidence.get()
    assert evidence.content_type.endswith("wordprocessingml.document")


@pytest.mark.parametrize(
    ("persona", "status"),
    [("auditor", 200), ("viewer", 200), ("operator_b", 200), ("outsider", 404)],
)
def test_evidence_is_served_only_to_users_allowed_to_see_it(world, persona, status) -> None:
    client = Client()
    client.force_login(world.users[persona])

    response = client.get(reverse("ui:evidence_file", args=[world.own.evidence.pk]))

    assert response.status_code == status
    if status == 200:
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_anonymous_users_are_sent_to_log_in_for_evidence(world) -> None:
    response = Client().get(reverse("ui:evidence_file", args=[world.own.evidence.pk]))
    assert response.status_code == 302
    assert "/masuk/" in response["Location"]
