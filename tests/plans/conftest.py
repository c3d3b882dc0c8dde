"""An office whose Renstra reaches 2025, with targets for it: the base for rollover and editing.

The KPU Kota Metro example (Renstra 2020-2024, years 2023 and 2024) with the period extended to
2025, Renstra targets for 2025 on some indicators, an action plan on two PK rows of 2024, and a
planner and an operator.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from kinerja.accounts.models import Membership
from kinerja.agencies.datasets import import_dataset
from kinerja.agencies.models import Agency
from kinerja.dataset.schema import Dataset
from kinerja.dataset.yamlio import read_yaml

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "kpu-kota-metro-2024.yaml"
TARGETS_2025 = {"IK01": "100%", "IK06": "97%", "IK08": "96%", "IK19": "2 laporan"}


def extended_dataset() -> Dataset:
    data = read_yaml(EXAMPLE).model_dump(mode="json", exclude_defaults=True)
    data["strategic_plan"]["end"] = 2025
    for objective in data["strategic_plan"]["objectives"]:
        for indicator in objective["indicators"]:
            if indicator["code"] in TARGETS_2025:
                indicator["renstra_targets"] = {2025: TARGETS_2025[indicator["code"]]}
    year = next(y for y in data["years"] if y["year"] == 2024)
    office = next(a for a in year["agreements"] if "work_unit" not in a)
    for row in office["rows"]:
        if row["indicator"] == "IK01":
            row["quarterly_targets"] = {1: "25%", 2: "50%", 3: "75%", 4: row["target"]}
        if row["indicator"] == "IK06":
            row["quarterly_targets"] = {2: "90%", 4: row["target"]}
    return Dataset.model_validate(data)


@pytest.fixture
def office(db: None, settings: Any, tmp_path: Path) -> Agency:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.DATA_DIR = tmp_path / "data"
    settings.EVIDENCE_DIR = tmp_path / "data" / "evidence"
    return import_dataset(extended_dataset())


@pytest.fixture
def planner(office: Agency) -> Any:
    user = get_user_model().objects.create_user("perencana", password="x-7391-uji")
    Membership.objects.create(user=user, agency=office, role="planner")
    return user


@pytest.fixture
def operator(office: Agency) -> Any:
    user = get_user_model().objects.create_user("operator", password="x-7391-uji")
    Membership.objects.create(user=user, agency=office, role="operator", work_unit_code="hukum-sdm")
    return user


@pytest.fixture
def targets_2025() -> dict[str, str]:
    return dict(TARGETS_2025)
