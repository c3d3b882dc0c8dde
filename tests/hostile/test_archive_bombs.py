"""Zip bombs: every archive read (evidence DOCX/XLSX, dataset workbooks) is bounded in members
and unpacked size before any member is read, with an Indonesian message."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from zip_bombs import CONTENT_TYPES, GIGABYTE, bomb, build_zip, docx_bomb, stored, workbook_with

from kinerja.dataset.errors import DatasetError
from kinerja.dataset.excel.package import open_book
from kinerja.dataset.excel.writer import write_xlsx
from kinerja.dataset.yamlio import read_yaml
from kinerja.results.evidence_files import EvidenceRejected, sniff

MINIMAL = Path(__file__).parents[1] / "dataset" / "minimal.yaml"
HERE = Path(__file__).parent
MEMORY_LIMIT = 700 * 1024 * 1024


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bomb") / "minimal.xlsx"
    write_xlsx(read_yaml(MINIMAL), path)
    return path


def test_a_one_megabyte_docx_that_unpacks_to_a_gigabyte_is_refused():
    data = docx_bomb()
    assert len(data) < 1_100_000
    with pytest.raises(EvidenceRejected, match=r"terlalu besar setelah dibuka: 1\.024 MB"):
        sniff(io.BytesIO(data))


def test_a_docx_that_lies_about_its_unpacked_size_is_refused():
    with pytest.raises(EvidenceRejected, match="tidak jujur"):
        sniff(io.BytesIO(docx_bomb(declared=1000)))


def test_a_docx_with_thousands_of_members_is_refused():
    members = [stored(f"word/media/{n}.bin", b"") for n in range(3_000)]
    archive = build_zip([stored("[Content_Types].xml", CONTENT_TYPES), *members])
    with pytest.raises(EvidenceRejected, match="terlalu banyak bagian"):
        sniff(io.BytesIO(archive))


def test_the_evidence_form_shows_the_message(settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kinerja.ui.forms import RealizationForm

    upload = SimpleUploadedFile("bukti.docx", docx_bomb(), "application/octet-stream")
    form = RealizationForm({"value": "95%"}, {"evidence": upload})
    assert not form.is_valid()
    assert "terlalu besar setelah dibuka" in str(form.errors["evidence"])


def test_a_workbook_that_lies_about_its_shared_strings_is_refused(workbook, tmp_path):
    hostile = workbook_with(
        workbook,
        tmp_path / "bom.xlsx",
        [bomb("xl/sharedStrings.xml", declared=2000)],
        replace="xl/sharedStrings.xml",
    )
    assert hostile.stat().st_size < 1_500_000
    with pytest.raises(DatasetError) as caught:
        open_book(hostile)
    assert "tidak jujur" in caught.value.render()
    assert "bom.xlsx" in caught.value.render()


def test_a_workbook_with_too_many_parts_is_refused(workbook, tmp_path):
    extra = [stored(f"xl/media/{n}.bin", b"") for n in range(10_001)]
    hostile = workbook_with(workbook, tmp_path / "banyak.xlsx", extra)
    with pytest.raises(DatasetError) as caught:
        open_book(hostile)
    assert "terlalu banyak bagian (10.1" in caught.value.render()


def test_an_honest_workbook_still_opens(workbook):
    assert "PK" in open_book(workbook).sheets


_RUNNER = """
import io, resource, sys
sys.path.insert(0, {here!r})
resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
import django
django.setup()
from zip_bombs import docx_bomb
from kinerja.results.evidence_files import EvidenceRejected, store_bytes
try:
    store_bytes(docx_bomb(where="[Content_Types].xml", declared={declared}))
except EvidenceRejected as exc:
    print(exc)
print("peak KiB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


@pytest.mark.parametrize("declared", [None, 2000])
def test_the_bomb_is_refused_within_bounded_memory(tmp_path, declared):
    env = {**os.environ, "KINERJA_DATA_DIR": str(tmp_path)}
    env.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.web.settings")
    code = _RUNNER.format(here=str(HERE), limit=MEMORY_LIMIT, declared=declared)
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Berkas DOCX/XLSX ditolak" in done.stdout
    assert GIGABYTE > MEMORY_LIMIT  # the bomb could not have been unpacked in memory


_WORKBOOK = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
from kinerja.dataset.errors import DatasetError
from kinerja.dataset.excel.package import open_book
try:
    open_book(sys.argv[1])
except DatasetError as exc:
    print(exc.render())
"""


def test_the_lying_workbook_is_refused_within_bounded_memory(workbook, tmp_path):
    hostile = workbook_with(
        workbook,
        tmp_path / "bom.xlsx",
        [bomb("xl/sharedStrings.xml", declared=2000)],
        replace="xl/sharedStrings.xml",
    )
    done = subprocess.run(
        [sys.executable, "-c", _WORKBOOK.format(limit=MEMORY_LIMIT), str(hostile)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "tidak jujur" in done.stdout
