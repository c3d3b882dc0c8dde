"""Documents in bulk: one document per office of a subtree, made exactly once, retried on
failure, reported when it keeps failing, and archived once every document is finished."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from batch_offices import office_yaml
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from kinerja.accounts.models import Membership
from kinerja.agencies.datasets import import_dataset
from kinerja.agencies.models import Agency
from kinerja.batches import actions
from kinerja.batches.models import BatchDocument, DocumentState
from kinerja.batches.tasks import make_document, start_batch
from kinerja.dataset.yamlio import parse_yaml

CITIES = ("kpu-kota-a", "kpu-kota-b", "kpu-kota-c")


@pytest.fixture
def province(db, settings, tmp_path) -> Agency:
    """Three cities with a 2024 plan and one with only 2023, below one province."""
    settings.DATA_DIR = tmp_path / "data"
    for code in CITIES:
        import_dataset(parse_yaml(office_yaml(code), f"{code}.yaml"))
    import_dataset(parse_yaml(office_yaml("kpu-kota-lama", 2023), "kpu-kota-lama.yaml"))
    return Agency.objects.get(code="kpu-provinsi-contoh")


@pytest.fixture
def quick(monkeypatch) -> list[str]:
    """Replace the rendering by a small PDF named after the office; list the offices rendered."""
    made: list[str] = []

    def render(agency, year, kind, fmt):
        made.append(agency.code)
        return f"%PDF-1.4 {agency.code} {year}".encode()

    monkeypatch.setattr(actions, "render_office", render)
    return made


def _run_queue() -> list[str]:
    """Run every queued task of the database queue in this process, as a worker would."""
    outcomes = []
    while task := DBTaskResult.objects.ready().order_by("enqueued_at").first():
        task.delete()
        outcomes.append(make_document.call(*task.args_kwargs["args"]))
    return outcomes


def test_a_batch_has_one_document_per_office_of_the_subtree_with_the_year(province, quick):
    batch = start_batch(province, 2024)

    offices = sorted(batch.documents.values_list("agency__code", flat=True))
    assert offices == sorted(CITIES)  # the 2023-only office and the bare parents are left out
    assert DBTaskResult.objects.count() == 3  # queued in the same transaction
    assert actions.progress(batch) == actions.Progress(3, 0, 0, 3, 0)


def test_every_document_is_made_once_even_when_its_task_runs_twice(province, quick):
    batch = start_batch(province, 2024)
    for document in batch.documents.all():  # a duplicated message: every task queued twice
        make_document.enqueue(document.pk)

    outcomes = _run_queue()

    assert sorted(outcomes) == ["done"] * 3 + ["skipped"] * 3
    assert sorted(quick) == sorted(CITIES)
    assert set(batch.documents.values_list("attempts", flat=True)) == {1}


def test_the_archive_holds_every_document_once_finished(province, quick):
    batch = start_batch(province, 2024)
    _run_queue()

    batch.refresh_from_db()
    assert batch.finished_at is not None
    with zipfile.ZipFile(actions.archive_path(batch)) as archive:
        names = sorted(archive.namelist())
        assert names == [f"{code}-lkj-2024.pdf" for code in sorted(CITIES)]
        assert archive.read("kpu-kota-b-lkj-2024.pdf") == b"%PDF-1.4 kpu-kota-b 2024"
    assert len(batch.archive_sha256) == 64
    assert actions.finish_if_complete(batch.pk) is False  # built once


def test_a_failing_document_is_retried_then_made(province, quick, monkeypatch):
    fails = {"kpu-kota-b": 1}
    quick_render = actions.render_office

    def flaky(agency, year, kind, fmt):
        if fails.get(agency.code):
            fails[agency.code] -= 1
            raise OSError("disk penuh sesaat")
        return quick_render(agency, year, kind, fmt)

    monkeypatch.setattr(actions, "render_office", flaky)
    batch = start_batch(province, 2024)

    outcomes = _run_queue()

    assert sorted(outcomes) == ["done", "done", "done", "retry"]
    document = batch.documents.get(agency__code="kpu-kota-b")
    assert (document.state, document.attempts) == (DocumentState.DONE, 2)


def test_a_document_that_keeps_failing_is_reported_and_the_others_are_archived(
    province, quick, monkeypatch
):
    quick_render = actions.render_office

    def broken(agency, year, kind, fmt):
        if agency.code == "kpu-kota-c":
            raise ValueError("data rusak")
        return quick_render(agency, year, kind, fmt)

    monkeypatch.setattr(actions, "render_office", broken)
    batch = start_batch(province, 2024)

    _run_queue()

    document = batch.documents.get(agency__code="kpu-kota-c")
    assert document.state == DocumentState.FAILED
    assert document.attempts == actions.MAX_ATTEMPTS
    assert document.error == "ValueError: data rusak"
    batch.refresh_from_db()
    with zipfile.ZipFile(actions.archive_path(batch)) as archive:
        assert "kpu-kota-c-lkj-2024.pdf" not in archive.namelist()
        assert "kpu-kota-c: ValueError: data rusak" in archive.read("GAGAL.txt").decode()
    assert actions.progress(batch) == actions.Progress(3, 2, 1, 0, 0)


def test_a_subtree_without_the_year_is_refused_in_indonesian(province):
    with pytest.raises(actions.BatchRefused, match="Tidak ada instansi dengan data tahun 2019"):
        start_batch(province, 2019)
    assert not BatchDocument.objects.exists()


def test_the_real_document_of_an_office_is_a_pdf(province):
    content = actions.render_office(Agency.objects.get(code="kpu-kota-a"), 2024, "lkj", "pdf")
    assert content.startswith(b"%PDF")


def _planner_of(agency: Agency):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("perencana-provinsi", password="x")
    Membership.objects.create(user=user, agency=agency, role="planner")
    return user


def test_the_web_page_starts_a_batch_follows_it_and_downloads_the_archive(province, quick):
    client = Client()
    client.force_login(_planner_of(province))

    page = client.get(reverse("ui:batches"))
    assert "KPU Provinsi Contoh (kpu-provinsi-contoh)" in page.content.decode()
    answer = client.post(
        reverse("ui:batches"), {"office": "kpu-provinsi-contoh", "year": "2024", "fmt": "pdf"}
    )
    batch_url = answer["Location"]
    assert "3 dokumen akan dibuat" in client.get(batch_url).content.decode()

    running = client.get(batch_url, HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 2s"' in running and "0 dari 3 dokumen selesai" in running
    _run_queue()
    done = client.get(batch_url, HTTP_HX_REQUEST="true").content.decode()
    assert "3 dari 3 dokumen selesai" in done and "every 2s" not in done

    download = client.get(batch_url + "unduh/")
    assert download["Content-Disposition"] == (
        'attachment; filename="lkj-2024-kpu-provinsi-contoh.zip"'
    )
    assert b"".join(download.streaming_content).startswith(b"PK")


def test_the_web_page_names_a_year_without_offices(province):
    client = Client()
    client.force_login(_planner_of(province))
    answer = client.post(
        reverse("ui:batches"), {"office": "kpu-provinsi-contoh", "year": "2019", "fmt": "pdf"}
    )
    assert answer.status_code == 200
    assert "Tidak ada instansi dengan data tahun 2019" in answer.content.decode()


def test_an_office_outside_the_users_reach_cannot_be_chosen(province, quick):
    client = Client()
    city = Agency.objects.get(code="kpu-kota-a")
    client.force_login(_planner_of(city))
    answer = client.post(
        reverse("ui:batches"), {"office": "kpu-provinsi-contoh", "year": "2024", "fmt": "pdf"}
    )
    assert answer.status_code == 200
    assert "bukan salah satu pilihan" in answer.content.decode()
    assert not BatchDocument.objects.exists()


def test_kinerja_report_subtree_makes_the_folder_and_the_archive(province, tmp_path, settings):
    from typer.testing import CliRunner

    from kinerja.cli import app

    # Tasks run as they are queued here; tests/batches/test_workers.py runs real workers.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    result = CliRunner().invoke(
        app,
        ["report", "--subtree", "kpu-provinsi-contoh", "--year", "2024", "-o",
         str(tmp_path / "lkj"), "--workers", "0"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    made = sorted(p.name for p in (tmp_path / "lkj").iterdir())
    assert made == [f"{c}-lkj-2024.pdf" for c in sorted(CITIES)] + [
        "lkj-2024-kpu-provinsi-contoh.zip"
    ]
    assert "3 dari 3 dokumen dibuat" in result.output
    assert Path(tmp_path / "lkj" / "kpu-kota-a-lkj-2024.pdf").read_bytes().startswith(b"%PDF")
    # Delivered files may share the stored copy (a hard link): never writable through them.
    for delivered in (tmp_path / "lkj").iterdir():
        if delivered.stat().st_nlink > 1:
            assert delivered.stat().st_mode & 0o222 == 0, delivered.name
