"""One length limit for a realisation's note (web form, API, action), and import previews
never applied are deleted after a day."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from kinerja.agencies.datasets import import_dataset
from kinerja.api.schemas import RealizationIn, RealizationUpdate
from kinerja.dataset.yamlio import read_yaml
from kinerja.results.actions import NOTE_MAX_LENGTH, InvalidValue, save_realization
from kinerja.results.models import Realization
from kinerja.ui import importing

MINIMAL = Path(__file__).parents[1] / "dataset" / "minimal.yaml"


def _save_note(world, note: str):
    client = Client(raise_request_exception=False)
    client.force_login(world.users["operator_a"])
    indicator = world.own.indicator
    url = reverse(
        "ui:entry_save", args=[world.own.agency.code, 2024, world.own.unit, 1, indicator.pk]
    )
    stored = Realization.objects.filter(indicator=indicator, quarter=1).first()
    version = stored.version if stored else 0  # the version the card showed
    prefix = f"i{indicator.pk}"
    return client.post(
        url, {f"{prefix}-value": "80%", f"{prefix}-note": note, f"{prefix}-version": version}
    )


def test_the_web_form_refuses_a_five_megabyte_note(world):
    response = _save_note(world, "x" * (5 * 1024 * 1024))
    assert response.status_code == 200
    assert "paling banyak 2000 karakter" in response.content.decode()
    assert not Realization.objects.filter(indicator=world.own.indicator, quarter=1).exists()


def test_a_note_at_the_limit_is_kept_and_one_past_it_is_refused(world):
    assert _save_note(world, "y" * NOTE_MAX_LENGTH).status_code == 302
    saved = Realization.objects.get(indicator=world.own.indicator, quarter=1)
    assert saved.note == "y" * NOTE_MAX_LENGTH
    assert _save_note(world, "z" * (NOTE_MAX_LENGTH + 1)).status_code == 200
    assert Realization.objects.get(pk=saved.pk).note == "y" * NOTE_MAX_LENGTH


def test_the_api_and_the_action_use_the_same_limit(world):
    for schema in (RealizationIn, RealizationUpdate):
        limits = [
            m.max_length for m in schema.model_fields["note"].metadata if hasattr(m, "max_length")
        ]
        assert limits == [NOTE_MAX_LENGTH]
    with pytest.raises(InvalidValue, match="Catatan terlalu panjang"):
        save_realization(
            world.users["operator_a"],
            world.own.year,
            world.own.indicator,
            2,
            "80%",
            "n" * (NOTE_MAX_LENGTH + 1),
        )


@pytest.fixture
def office(db, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    settings.EVIDENCE_DIR = tmp_path / "evidence"
    return import_dataset(read_yaml(MINIMAL))


def _age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_a_preview_older_than_a_day_is_deleted_by_the_next_preview(office, tmp_path):
    text = MINIMAL.read_text(encoding="utf-8")
    first = importing.prepare(office, text, "a.yaml")
    old = tmp_path / "imports" / f"{first.token}.yaml"
    _age(old, importing.MAX_AGE_SECONDS + 60)
    recent = importing.prepare(office, text, "b.yaml")
    recent_path = tmp_path / "imports" / f"{recent.token}.yaml"
    _age(recent_path, importing.MAX_AGE_SECONDS - 60)

    third = importing.prepare(office, text, "c.yaml")

    assert not old.exists()
    assert recent_path.exists()
    assert (tmp_path / "imports" / f"{third.token}.yaml").exists()


def test_the_command_deletes_stale_previews_and_abandoned_uploads(office, tmp_path, capsys):
    text = MINIMAL.read_text(encoding="utf-8")
    stale = tmp_path / "imports" / f"{importing.prepare(office, text, 'a.yaml').token}.yaml"
    fresh = tmp_path / "imports" / f"{importing.prepare(office, text, 'b.yaml').token}.yaml"
    _age(stale, importing.MAX_AGE_SECONDS + 1)
    (tmp_path / "evidence").mkdir()
    upload = tmp_path / "evidence" / ".upload-host-1-abc"
    upload.write_bytes(b"sebagian")
    _age(upload, 2 * 24 * 60 * 60)

    call_command("remove_stale_files")

    assert "Dihapus: 1 pratinjau impor kedaluwarsa, 1 berkas unggahan terbengkalai." in (
        capsys.readouterr().out
    )
    assert not stale.exists() and fresh.exists() and not upload.exists()
