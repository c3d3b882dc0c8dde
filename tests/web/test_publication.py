"""The office logo page, publishing final documents and the public page (issue 12, items 6-7).

A published document is archived as made: the public page serves the very bytes with their
SHA-256, a new publication of the same document is a new version and the old one stays.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from PIL import Image

from kinerja.accounts.models import Membership
from kinerja.agencies.datasets import import_dataset
from kinerja.agencies.logo import logo_of
from kinerja.agencies.models import Publication
from kinerja.agencies.publications import archived_bytes, publish
from kinerja.dataset.yamlio import read_yaml
from kinerja.documents.images import MAX_LOGO_BYTES

COMPLETE = Path(__file__).resolve().parents[1] / "documents" / "complete.yaml"


def _client(world: Any, persona: str = "planner") -> Client:
    client = Client()
    client.force_login(world.users[persona])
    return client


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 150), "#B91C1C").save(buffer, "PNG")
    return buffer.getvalue()


def _upload(name: str, data: bytes) -> io.BytesIO:
    file = io.BytesIO(data)
    file.name = name
    return file


def test_logo_page_refuses_a_non_image_and_an_oversized_one_in_indonesian(world: Any) -> None:
    url = reverse("ui:logo", args=[world.own.agency.code, 2024])
    client = _client(world)
    answer = client.post(url, {"logo": _upload("logo.png", b"%PDF-1.7 bukan gambar")})
    assert answer.status_code == 400
    assert "logo.png: Berkas logo bukan gambar PNG atau JPEG" in answer.content.decode()
    huge = _png() + b"\0" * MAX_LOGO_BYTES
    answer = client.post(url, {"logo": _upload("besar.png", huge)})
    assert answer.status_code == 400
    assert "besar.png: Berkas logo lebih dari 1 MB" in answer.content.decode()
    assert logo_of(world.own.agency) is None


def test_logo_page_keeps_a_png_and_the_documents_print_it(world: Any) -> None:
    code = world.own.agency.code
    logo = _png()
    client = _client(world)
    answer = client.post(reverse("ui:logo", args=[code, 2024]), {"logo": _upload("l.png", logo)})
    assert answer.status_code == 302
    assert logo_of(world.own.agency) == logo
    shown = client.get(reverse("ui:logo_image", args=[code, 2024]))
    assert shown.content == logo and shown["Content-Type"] == "image/png"
    pk = reverse("ui:download_pk", args=[code, 2024, "kantor", "docx"])
    docx = client.get(pk + "?mode=draft").content
    assert logo in docx or b"word/media/image" in docx  # the PNG is stored as a media part
    client.post(reverse("ui:logo", args=[code, 2024]), {"remove": "1"})
    assert logo_of(world.own.agency) is None


def test_publishing_a_refused_final_shows_the_list_and_archives_nothing(world: Any) -> None:
    url = reverse("ui:publish", args=[world.own.agency.code, 2024])
    answer = _client(world, "leader").post(url, {"kind": "lkj", "fmt": "pdf"})
    assert answer.status_code == 409
    assert "Isu strategis belum diuraikan" in answer.content.decode()
    assert not Publication.objects.exists()


def test_a_published_final_is_archived_byte_for_byte_and_republished_as_a_new_version(
    db: None, evidence_dir: Path
) -> None:
    office = import_dataset(read_yaml(COMPLETE))
    planner = get_user_model().objects.create_user("perencana-contoh", password="x")
    Membership.objects.create(user=planner, agency=office, role="planner")
    url = reverse("ui:publish", args=[office.code, 2024])
    client = Client()
    client.force_login(planner)
    answer = client.post(url, {"kind": "pk", "fmt": "pdf"})
    assert answer.status_code == 302, answer.content.decode()[-3000:]
    first = Publication.objects.get(agency=office)
    stored = archived_bytes(first)
    assert stored.startswith(b"%PDF-")
    assert hashlib.sha256(stored).hexdigest() == first.sha256 and first.size == len(stored)
    assert (first.version, first.published_by) == (1, planner)
    client.post(url, {"kind": "pk", "fmt": "pdf"})
    versions = list(Publication.objects.filter(agency=office).order_by("version"))
    assert [p.version for p in versions] == [1, 2]
    assert archived_bytes(versions[0]) == stored  # the old version is kept as it was
    public = Client().get(reverse("ui:public_file", args=[office.code, first.pk]))
    assert public.status_code == 200
    assert public.content == stored and public["X-Checksum-SHA256"] == first.sha256


def test_a_publication_is_never_changed(world: Any) -> None:
    item = publish(world.own.agency, 2024, "lkj", "pdf", b"%PDF-1.7 arsip")
    item.title = "lain"
    try:
        item.save()
    except ValueError:
        pass
    else:
        raise AssertionError("a publication was changed")
    assert Publication.objects.get(pk=item.pk).title == "Laporan Kinerja Tahun 2024"


def test_public_page_needs_no_login_and_shows_only_published_documents(world: Any) -> None:
    own, other = world.own.agency, world.other.agency
    mine = publish(own, 2024, "pk", "pdf", b"%PDF-1.7 pk kantor", user=world.users["leader"])
    theirs = publish(other, 2024, "lkj", "pdf", b"%PDF-1.7 lkj lain")
    page = Client().get(reverse("ui:public_office", args=[own.code]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Tahun 2024" in html and mine.title in html and mine.sha256 in html
    assert "Laporan Kinerja Tahun 2024" not in html  # the LKj was never published here
    assert theirs.sha256 not in html
    assert reverse("ui:public_file", args=[own.code, mine.pk]) in html
    wrong_office = Client().get(reverse("ui:public_file", args=[own.code, theirs.pk]))
    assert wrong_office.status_code == 404
    empty = Client().get(reverse("ui:public_office", args=[other.code]))
    assert "Belum ada dokumen" not in empty.content.decode()
