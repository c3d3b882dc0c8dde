"""Dataset problems, in Indonesian, each naming the file, the place in it and the field."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from kinerja.dataset.references import Path, ReferenceProblems
from kinerja.dataset.schema import VALUE_FORM_TAGS


@dataclass(frozen=True)
class Problem:
    """One problem in a dataset file.

    `place` is where a person finds it: `baris 42` in YAML, `sheet 'PK', baris 7, kolom C` in
    Excel. `field` is the dotted path in the dataset format.
    """

    file: str
    place: str | None
    field: str
    message: str
    found: str | None = None

    def render(self) -> str:
        where = f"{self.file}, {self.place}" if self.place else self.file
        found = f" (ditemukan: {self.found})" if self.found is not None else ""
        return f"{where}: {self.field}: {self.message}{found}"


class DatasetError(Exception):
    """A dataset that cannot be loaded. Carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(self.render())

    def render(self) -> str:
        count = len(self.problems)
        head = f"Dataset tidak dapat dimuat: {count} masalah ditemukan."
        return "\n".join([head, *(f"- {p.render()}" for p in self.problems)])


_MESSAGES = {
    "missing": "wajib diisi",
    "extra_forbidden": "kolom tidak dikenal (periksa ejaan nama kolom)",
    "string_type": "harus berupa teks",
    "int_type": "harus bilangan bulat",
    "int_parsing": "harus bilangan bulat",
    "int_from_float": "harus bilangan bulat, tanpa desimal",
    "float_type": "harus angka",
    "float_parsing": "harus angka",
    "bool_type": "harus true atau false",
    "bool_parsing": "harus true atau false",
    "list_type": "harus berupa daftar",
    "dict_type": "harus berupa pemetaan (kunci: nilai)",
    "model_type": "harus berupa pemetaan (kunci: nilai)",
    "model_attributes_type": "harus berupa pemetaan (kunci: nilai)",
    "date_type": "harus tanggal dengan format YYYY-MM-DD",
    "date_parsing": "harus tanggal dengan format YYYY-MM-DD",
    "date_from_datetime_parsing": "harus tanggal dengan format YYYY-MM-DD",
    "date_from_datetime_inexact": "harus tanggal tanpa jam",
    "union_tag_invalid": "harus teks nilai (mis. '95%') atau pemetaan {printed, value}",
    "union_tag_not_found": "harus teks nilai (mis. '95%') atau pemetaan {printed, value}",
}


def _message(error: Mapping[str, Any]) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind in _MESSAGES:
        return _MESSAGES[kind]
    if kind == "value_error":
        return str(ctx.get("error", error["msg"])).removeprefix("Value error, ")
    if kind == "string_pattern_mismatch":
        return f"format tidak sesuai (harus cocok dengan pola {ctx.get('pattern')})"
    if kind in {"too_short", "string_too_short"}:
        return "tidak boleh kosong"
    if kind in {"too_long", "string_too_long"}:
        return f"terlalu panjang (maksimal {ctx.get('max_length')})"
    if kind in {"greater_than_equal", "greater_than"}:
        sign = "≥" if kind == "greater_than_equal" else ">"
        return f"harus {sign} {ctx.get('ge', ctx.get('gt'))}"
    if kind in {"less_than_equal", "less_than"}:
        sign = "≤" if kind == "less_than_equal" else "<"
        return f"harus {sign} {ctx.get('le', ctx.get('lt'))}"
    if kind in {"literal_error", "enum"}:
        expected = str(ctx.get("expected", "")).replace(" or ", " atau ")
        return f"harus salah satu dari {expected}"
    return f"nilai tidak sah ({error['msg']})"


def format_path(path: Iterable[str | int]) -> str:
    """`('years', 0, 'agreements')` -> `years[0].agreements`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(dokumen)"


def _short(value: Any) -> str | None:
    if isinstance(value, dict | list):
        return None
    text = repr(value) if not isinstance(value, str) else f"'{value}'".replace("\x00", "\\0")
    return text if len(text) <= 80 else text[:77] + "...'"


def problems_from_validation(
    error: ValidationError,
    file: str,
    locate: Any,
) -> list[Problem]:
    """Turn a pydantic error into Indonesian problems; `locate(path)` names the place in a file."""
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    for item in error.errors(include_url=False):
        ctx = item.get("ctx") or {}
        inner = ctx.get("error")
        path: Path = tuple(p for p in item["loc"] if p not in VALUE_FORM_TAGS)
        if isinstance(inner, ReferenceProblems):
            pairs = [((*path, *sub), message) for sub, message in inner.problems]
        else:
            pairs = [(path, _message(item))]
        for full_path, message in pairs:
            key = (format_path(full_path), message)
            if key in seen:
                continue
            seen.add(key)
            found = _short(item.get("input")) if not isinstance(inner, ReferenceProblems) else None
            if item["type"] == "missing":
                found = None
            problems.append(Problem(file, locate(full_path), key[0], message, found))
    return problems
