"""Small subtrees of offices for the batch tests: the minimal dataset under several codes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

MINIMAL = Path(__file__).parents[1] / "dataset" / "minimal.yaml"
PARENTS = [
    {"code": "kpu-ri", "name": "Komisi Pemilihan Umum Republik Indonesia", "level": "national"},
    {"code": "kpu-provinsi-contoh", "name": "KPU Provinsi Contoh", "level": "province"},
]


def office_yaml(code: str, year: int = 2024) -> str:
    """The minimal dataset as a city office `code` below the example province, for `year`."""
    data: dict[str, Any] = yaml.safe_load(MINIMAL.read_text(encoding="utf-8"))
    data["agency"]["code"] = code
    data["agency"]["name"] = f"KPU {code.removeprefix('kpu-').replace('-', ' ').title()}"
    data["agency"]["parents"] = PARENTS
    for entry in data["years"]:
        entry["year"] = year
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
