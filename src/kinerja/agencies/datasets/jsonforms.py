"""How dataset values are kept in JSON columns: exactly as the dataset's plain form writes them.

A target value is its printed text, or `{"printed", "value"}`. A map of targets
(`{year: value}`, `{quarter: value}`) is a list of `[key, value]` pairs, which keeps both the
integer keys and the dataset's order. People, rating and grade scales are their plain form
without defaults; the schema restores the defaults when the dataset is rebuilt.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from kinerja.dataset.schema import TargetValue

JsonValue = str | dict[str, Any] | None


def plain(model: BaseModel | None) -> dict[str, Any] | None:
    """A schema object (a person, a scale, a printed value) as plain JSON data, or None."""
    return None if model is None else model.model_dump(mode="json", exclude_defaults=True)


def value_to_json(value: TargetValue | None) -> JsonValue:
    """A target or realisation value as stored: the text, or `{printed, value}`."""
    if value is None or isinstance(value, str):
        return value
    return plain(value)


def targets_to_json(targets: Mapping[int, TargetValue]) -> list[list[Any]]:
    """`{2024: "95%"}` -> `[[2024, "95%"]]`, in the dataset's order."""
    return [[key, value_to_json(value)] for key, value in targets.items()]


def targets_from_json(pairs: list[list[Any]]) -> dict[int, JsonValue]:
    """`[[2024, "95%"]]` -> `{2024: "95%"}`, for the schema to validate."""
    return {int(key): value for key, value in pairs}
