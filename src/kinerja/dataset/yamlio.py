"""Reading and writing the YAML form of a dataset, with line numbers in every error."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path as FilePath
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from kinerja.dataset.errors import DatasetError, Problem, problems_from_validation
from kinerja.dataset.references import Path
from kinerja.dataset.schema import Dataset, as_plain

# libyaml's parser when PyYAML was built with it: ten times faster on a whole office's dataset.
_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[valid-type,misc]
    """Safe loader that keeps dates as dates and rejects duplicate keys."""


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    keys: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in keys:
            raise yaml.constructor.ConstructorError(
                None, None, f"kunci '{key}' ditulis dua kali", key_node.start_mark
            )
        keys.add(key)
    return loader.construct_mapping(node)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)

MAX_DEPTH = 64
"""Deepest nesting of mappings and lists a dataset may have (the schema needs about ten)."""


def _refuse_hostile(text: str, file: str) -> None:
    """Refuse anchors, aliases and deep nesting before anything builds or walks the tree.

    An alias repeats a subtree without copying it, so a file of a few kilobytes can stand for
    billions of nodes ("billion laughs"); every later walk (validation, error messages, the line
    index) would expand them. A dataset never needs them. The check reads parser events only,
    so its memory does not grow with what the aliases would expand to.
    """
    depth = 0
    for event in yaml.parse(text, Loader=_BaseLoader):
        place = f"baris {event.start_mark.line + 1}" if event.start_mark else None
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise DatasetError(
                [
                    Problem(
                        file,
                        place,
                        "(dokumen)",
                        "anchor dan alias YAML (&nama, *nama) tidak diizinkan dalam dataset; "
                        "tulis nilainya lengkap di setiap tempat",
                    )
                ]
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise DatasetError(
                    [
                        Problem(
                            file,
                            place,
                            "(dokumen)",
                            f"susunan YAML terlalu dalam (lebih dari {MAX_DEPTH} tingkat)",
                        )
                    ]
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _line_index(
    node: yaml.Node | None, path: Path = (), index: dict[Path, int] | None = None
) -> dict[Path, int]:
    """Map every path in the YAML document to its 1-based line."""
    index = {} if index is None else index
    if node is None:
        return index
    index[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key: str | int = key_node.value
            if isinstance(key, str) and key.isdigit():
                key = int(key)
            index[(*path, key)] = key_node.start_mark.line + 1
            _line_index(value_node, (*path, key), index)
            index[(*path, key)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for number, item in enumerate(node.value):
            _line_index(item, (*path, number), index)
    return index


@functools.lru_cache(maxsize=4)
def _lines(text: str) -> dict[Path, int]:
    return _line_index(yaml.compose(text, Loader=_BaseLoader))


def parse_yaml(text: str, file: str) -> Dataset:
    """Validate YAML text as a dataset; raise `DatasetError` naming file, line and field."""
    try:
        _refuse_hostile(text, file)
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        place = f"baris {mark.line + 1}, kolom {mark.column + 1}" if mark else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise DatasetError(
            [Problem(file, place, "(dokumen)", f"YAML tidak sah: {problem}")]
        ) from exc
    if not isinstance(data, dict):
        raise DatasetError(
            [Problem(file, None, "(dokumen)", "berkas harus berisi pemetaan YAML (kunci: nilai)")]
        )

    def locate(path: Path) -> str | None:
        # Only a file with problems pays for the second parse that maps paths to lines.
        lines = _lines(text)
        for end in range(len(path), -1, -1):
            if path[:end] in lines:
                return f"baris {lines[path[:end]]}"
        return None

    try:
        return Dataset.model_validate(data)
    except ValidationError as exc:
        raise DatasetError(problems_from_validation(exc, file, locate)) from exc


def read_yaml(path: str | FilePath) -> Dataset:
    """Read and validate a YAML dataset file."""
    file = FilePath(path)
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise DatasetError(
            [Problem(str(path), None, "(berkas)", "berkas tidak ditemukan")]
        ) from exc
    except UnicodeDecodeError as exc:
        raise DatasetError(
            [Problem(str(path), None, "(berkas)", "berkas bukan teks UTF-8")]
        ) from exc
    return parse_yaml(text, str(path))


class _Dumper(yaml.SafeDumper):
    """Block style, keys in schema order, long texts as literal blocks."""


def _str_presenter(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_presenter)
# Never write anchors and aliases: the reader refuses them (see `_refuse_hostile`).
_Dumper.ignore_aliases = lambda self, data: True  # type: ignore[method-assign]


def _with_dates(model: BaseModel, plain: Any) -> Any:
    """`plain` with every date of `model` as a date again, so that YAML writes `2025-01-06`."""
    if not isinstance(plain, dict):
        return plain
    for name, item in plain.items():
        value = getattr(model, name, None)
        if isinstance(value, dt.date):
            plain[name] = value
        elif isinstance(value, BaseModel):
            _with_dates(value, item)
        elif isinstance(value, list) and isinstance(item, list):
            for child, child_plain in zip(value, item, strict=False):
                if isinstance(child, BaseModel):
                    _with_dates(child, child_plain)
    return plain


def dump_yaml(dataset: Dataset) -> str:
    """The dataset as YAML text: `format_version` first, defaults left out, schema field order
    kept, dates as YAML dates."""
    header = "# Kinerja dataset (format_version 1). See docs/dataset-format.md.\n"
    body = yaml.dump(
        _with_dates(dataset, as_plain(dataset)),
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=100,
    )
    return header + body


def write_yaml(dataset: Dataset, path: str | FilePath) -> None:
    """Write the dataset as a YAML file, replacing it in one step."""
    target = FilePath(path)
    temporary = target.with_name(target.name + ".tmp")
    temporary.write_text(dump_yaml(dataset), encoding="utf-8")
    temporary.replace(target)
