"""Rows that the tests of one module share, built once: Django's `TestCase.setUpTestData` for
pytest modules (the hook that opens and closes them is in tests/conftest.py)."""

from __future__ import annotations

import copy
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest

# What makes a test transactional (pytest-django's rules): it needs committed rows, so it can
# never run inside another test's transaction.
TRANSACTIONAL_FIXTURES = frozenset(
    {
        "transactional_db",
        "live_server",
        "django_db_reset_sequences",
        "django_db_serialized_rollback",
    }
)


def is_transactional(item: pytest.Item) -> bool:
    from pytest_django.fixtures import validate_django_db

    marker = item.get_closest_marker("django_db")
    if marker is not None:
        transaction, reset_sequences, *_ = validate_django_db(marker)
        if transaction or reset_sequences:
            return True
    return bool(TRANSACTIONAL_FIXTURES & set(getattr(item, "fixturenames", ())))


class ModuleRows:
    """Rows that the tests of one module share, as Django's `TestCase.setUpTestData` does.

    `build` runs once, inside a transaction that stays open across the module's tests that ask
    for the rows; each of those tests runs in a savepoint within it (the `db` fixture's), so
    whatever a test changes is rolled back and the next test finds the rows exactly as built,
    and each test gets its own deep copy of the Python objects `build` returned and its own copy
    of the files `build` wrote into the data folder. A test that does not ask for the rows (it
    expects an empty database) or that needs committed rows (a transactional test) closes that
    transaction first; the next test that asks builds the rows again.
    """

    open: ClassVar[ModuleRows | None] = None
    alive: ClassVar[dict[tuple[str, str], ModuleRows]] = {}
    current: ClassVar[pytest.Item | None] = None

    def __init__(
        self, name: str, module: str, build: Callable[[], Any], blocker: Any, folder: Path
    ) -> None:
        self.name = name
        self.module = module
        self.build = build
        self.blocker = blocker
        self.folder = folder
        self.value: Any = None
        self.atomic: Any = None

    def serves(self, item: pytest.Item | None) -> bool:
        return (
            item is not None
            and item.nodeid.partition("::")[0] == self.module
            and self.name in getattr(item, "fixturenames", ())
            and not is_transactional(item)
        )

    def start(self) -> None:
        from django.db import connection, transaction
        from django.test import override_settings

        if ModuleRows.open is not None:
            ModuleRows.open.stop()
        with self.blocker.unblock():
            if connection.in_atomic_block:
                return  # only at the top of the connection's transactions; else built per test
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder.mkdir(parents=True)
            atomic = transaction.atomic()
            atomic._from_testcase = True  # type: ignore[attr-defined]
            atomic.__enter__()
            try:
                with override_settings(
                    PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
                    DATA_DIR=self.folder,
                    EVIDENCE_DIR=self.folder / "evidence",
                ):
                    self.value = self.build()
            except BaseException:
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)
                raise
        self.atomic = atomic
        ModuleRows.open = self

    def stop(self) -> None:
        from django.db import transaction

        if ModuleRows.open is not self:
            return
        ModuleRows.open = None
        with self.blocker.unblock():
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)
        self.atomic = self.value = None

    def for_test(self, item: pytest.Item, data_dir: Path) -> Any:
        """The rows' objects for this test (None: the test must build its own)."""
        if ModuleRows.open is not self or not self.serves(item):
            return None
        shutil.copytree(self.folder, data_dir, dirs_exist_ok=True)
        return copy.deepcopy(self.value)


def module_rows(
    request: pytest.FixtureRequest,
    name: str,
    build: Callable[[], Any],
    blocker: Any,
    folder: Path,
) -> Iterator[ModuleRows]:
    """The body of a module-scoped fixture sharing `build`'s rows under the fixture `name`."""
    module = request.node.nodeid.partition("::")[0]
    rows = ModuleRows(name, module, build, blocker, folder)
    ModuleRows.alive[(module, name)] = rows
    if rows.serves(ModuleRows.current):
        rows.start()
    try:
        yield rows
    finally:
        rows.stop()
        del ModuleRows.alive[(module, name)]
