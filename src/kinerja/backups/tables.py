"""Which tables a backup holds, and how one row is written as JSON and read back.

Every concrete table of every installed app is backed up (Kinerja's apps with their history
tables, users, groups, memberships, API tokens, the admin log), except what the target rebuilds
or what is only transient: content types and permissions (created by `migrate`; references to them
are written by natural key, so their ids may differ between deployments), sessions, django-axes'
login attempts, and documents made in bulk with their task queue (made again on request).

A row is a JSON object keyed by column attribute (`agency_id`, not `agency`), written with sorted
keys and every value exact: date-times with their microseconds and offset, decimals as text. The
same rows therefore give the same bytes on SQLite and PostgreSQL.
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import json
import uuid
from collections.abc import Iterator
from typing import Any

from django.apps import apps
from django.db import models
from django.utils.duration import duration_string

SKIPPED_APPS = frozenset({"contenttypes", "sessions", "axes", "batches", "django_tasks_db"})
SKIPPED_MODELS = frozenset({"auth.permission"})
CHUNK = 2000


def backed_up_models() -> list[type[models.Model]]:
    """The models whose rows a backup holds, in a fixed order (parents before children)."""
    chosen = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed
        and not model._meta.proxy
        and model._meta.app_label not in SKIPPED_APPS
        and model._meta.label_lower not in SKIPPED_MODELS
    ]
    for model in chosen:
        if model._meta.parents:
            raise RuntimeError(f"{model._meta.label}: multi-table inheritance is not supported")
    return _parents_first(chosen)


def _parents_first(chosen: list[type[models.Model]]) -> list[type[models.Model]]:
    """Order tables so that a table comes after the tables it refers to (where possible).

    Foreign keys are checked at commit on both engines, so the order only makes a failure easier
    to read; cycles (a table referring to itself) are fine.
    """
    remaining = list(chosen)
    done: list[type[models.Model]] = []
    while remaining:
        for model in remaining:
            needs = {
                f.related_model
                for f in model._meta.concrete_fields
                if f.is_relation and f.related_model is not model
            }
            if not any(other in needs for other in remaining if other is not model):
                break
        else:
            model = remaining[0]
        remaining.remove(model)
        done.append(model)
    return done


def referenced_files() -> set[str]:
    """The SHA-256 of every file a stored evidence row (current or historical) names."""
    named: set[str] = set()
    for model in backed_up_models():
        if model.__module__.startswith("kinerja.") and any(
            f.name == "sha256" for f in model._meta.concrete_fields
        ):
            query = model._base_manager.exclude(sha256=None).values_list("sha256", flat=True)
            named.update(query.distinct())
    return named


def table_name(model: type[models.Model]) -> str:
    """The model's name in a backup: `app_label.model_name`."""
    return model._meta.label_lower


def model_of(name: str) -> type[models.Model]:
    """The model a backup's table name stands for."""
    app_label, _, model_name = name.partition(".")
    return apps.get_model(app_label, model_name)


class NaturalKeys:
    """Content types and permissions by natural key, in both directions, for one database."""

    def __init__(self) -> None:
        from django.contrib.auth.models import Permission
        from django.contrib.contenttypes.models import ContentType

        self.type_key = {
            pk: [app, name]
            for pk, app, name in ContentType.objects.values_list("pk", "app_label", "model")
        }
        self.permission_key = {
            pk: [code, app, name]
            for pk, code, app, name in Permission.objects.values_list(
                "pk", "codename", "content_type__app_label", "content_type__model"
            )
        }
        self._type_pk = {tuple(v): k for k, v in self.type_key.items()}
        self._permission_pk = {tuple(v): k for k, v in self.permission_key.items()}

    def key(self, related: type[models.Model], pk: Any) -> Any:
        """The natural key for a primary key (other models keep the primary key)."""
        if related._meta.label_lower == "contenttypes.contenttype":
            return self.type_key[pk]
        if related._meta.label_lower == "auth.permission":
            return self.permission_key[pk]
        return pk

    def pk(self, related: type[models.Model], key: Any) -> Any:
        """This database's primary key for a natural key; makes a missing content type."""
        from django.contrib.auth.models import Permission
        from django.contrib.contenttypes.models import ContentType

        if related._meta.label_lower == "contenttypes.contenttype":
            if tuple(key) not in self._type_pk:
                made = ContentType.objects.get_or_create(app_label=key[0], model=key[1])[0]
                self._type_pk[tuple(key)] = made.pk
            return self._type_pk[tuple(key)]
        if related._meta.label_lower == "auth.permission":
            if tuple(key) not in self._permission_pk:
                kind = self.pk(ContentType, key[1:])
                made = Permission.objects.get_or_create(
                    codename=key[0], content_type_id=kind, defaults={"name": key[0]}
                )[0]
                self._permission_pk[tuple(key)] = made.pk
            return self._permission_pk[tuple(key)]
        return key


def _natural(field: models.Field[Any, Any]) -> bool:
    return field.is_relation and field.related_model._meta.label_lower in (  # type: ignore[union-attr]
        "contenttypes.contenttype",
        "auth.permission",
    )


def _plain(value: Any) -> Any:
    """A JSON value for what the database gave (json.dumps calls this for other types)."""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return duration_string(value)
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    raise TypeError(f"cannot write {type(value).__name__} to a backup")


def rows(model: type[models.Model], keys: NaturalKeys) -> Iterator[str]:
    """The model's rows as JSON lines (without the newline), by primary key, streamed in chunks."""
    fields = list(model._meta.concrete_fields)
    natural = [_natural(f) for f in fields]
    names = [f.attname for f in fields]
    query = model._base_manager.order_by("pk").values_list(*names)
    for values in query.iterator(chunk_size=CHUNK):
        row = {
            name: keys.key(field.related_model, value)  # type: ignore[arg-type]
            if is_natural and value is not None
            else value
            for name, field, is_natural, value in zip(names, fields, natural, values, strict=True)
        }
        yield json.dumps(row, default=_plain, ensure_ascii=False, sort_keys=True)


class Inserter:
    """Turns a table's JSON lines into database parameters and inserts them as they are.

    Not through model instances and `bulk_create`: that would set `auto_now` fields to the
    present and cost a model instance a row. Each value goes through the field's own
    `to_python` and `get_db_prep_save`, as the ORM does, into one parameterised INSERT.
    """

    def __init__(self, model: type[models.Model], keys: NaturalKeys) -> None:
        from django.db import DEFAULT_DB_ALIAS, connections

        # The connection itself, not the `django.db.connection` proxy (a lookup per value).
        connection = self.connection = connections[DEFAULT_DB_ALIAS]
        self.model = model
        self.keys = keys
        self.fields = list(model._meta.concrete_fields)
        self.natural = [_natural(f) for f in self.fields]
        quote = connection.ops.quote_name
        columns = ", ".join(quote(f.column) for f in self.fields)
        marks = ", ".join(["%s"] * len(self.fields))
        self.sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks})"

    def parameters(self, line: str) -> list[Any]:
        """One row's values, ready for the database, with this database's natural-key ids."""
        connection = self.connection
        data = json.loads(line)
        out = []
        for field, natural in zip(self.fields, self.natural, strict=True):
            raw = data[field.attname]
            if raw is not None and natural:
                value = self.keys.pk(field.related_model, raw)  # type: ignore[arg-type]
            else:
                value = field.to_python(raw)
            out.append(field.get_db_prep_save(value, connection))
        return out
