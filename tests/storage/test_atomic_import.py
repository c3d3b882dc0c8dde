"""An import that fails part-way writes nothing, and leaves a stored office as it was."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kinerja.agencies.datasets import export_dataset, find_agency, import_dataset
from kinerja.dataset.schema import Dataset
from kinerja.results.models import Realization

pytestmark = pytest.mark.django_db(transaction=True)


class Interrupted(Exception):
    """Stands for any failure half-way through an import (a lost connection, a bug)."""


def break_realization_writes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the import fail late: realisations come after the office, plan and agreements."""

    def fail(*args: object, **kwargs: object) -> None:
        raise Interrupted

    monkeypatch.setattr(Realization.objects, "bulk_create", fail)


def test_a_first_import_that_fails_midway_writes_nothing(
    rich_dataset: Dataset,
    monkeypatch: pytest.MonkeyPatch,
    count_rows: Callable[[], dict[str, int]],
) -> None:
    break_realization_writes(monkeypatch)

    with pytest.raises(Interrupted):
        import_dataset(rich_dataset)

    assert sum(count_rows().values()) == 0


def test_a_reimport_that_fails_midway_keeps_the_old_data(
    rich_dataset: Dataset,
    monkeypatch: pytest.MonkeyPatch,
    count_rows: Callable[[], dict[str, int]],
) -> None:
    import_dataset(rich_dataset)
    before = count_rows()
    renamed = rich_dataset.model_copy(
        update={"agency": rich_dataset.agency.model_copy(update={"name": "Nama Baru"})}
    )
    break_realization_writes(monkeypatch)

    with pytest.raises(Interrupted):
        import_dataset(renamed)

    monkeypatch.undo()
    assert count_rows() == before
    assert export_dataset(find_agency(rich_dataset.agency.code)) == rich_dataset
