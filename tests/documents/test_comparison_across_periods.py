"""The first year of a new Renstra is compared with the last years of the one before: earlier
years are measured against their own period's plan, and an indicator is the same measure across
periods only under the same code and name."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from document_readers import docx_text

from kinerja.dataset.schema import Dataset
from kinerja.documents.context import build_context
from kinerja.documents.docx_writer import write_docx
from kinerja.documents.lkj import build_lkj
from kinerja.documents.tables import history_table

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "kpu-kota-metro-2024.yaml"
RENAMED_OBJECTIVE = "Meningkatnya profesionalitas SDM penyelenggara pemilu"
RENAMED = "Persentase pegawai yang mengikuti pelatihan teknis kepemiluan"


def _two_periods(rename: bool = True) -> dict[str, Any]:
    """The example's Renstra 2020-2024 (years 2023 and 2024) as the earlier period, and a
    Renstra 2025-2029 with the same codes, SS01 and its IK01 renamed, and a year 2025 like
    2024."""
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    old_plan, old_years = data["strategic_plan"], data["years"]
    plan = copy.deepcopy(old_plan)
    plan.update(start=2025, end=2029, title="Rencana Strategis 2025-2029")
    plan.pop("established_on", None)
    if rename:
        plan["objectives"][0]["name"] = RENAMED_OBJECTIVE
        plan["objectives"][0]["indicators"][0]["name"] = RENAMED
    year = copy.deepcopy(next(y for y in old_years if y["year"] == 2024))
    year["year"] = 2025
    year.pop("report", None)
    year.pop("evaluation", None)
    return {
        **data,
        "strategic_plan": plan,
        "years": [year],
        "other_periods": [{"strategic_plan": old_plan, "years": old_years}],
    }


@pytest.fixture(scope="module")
def two_periods() -> Dataset:
    return Dataset.model_validate(_two_periods())


def test_the_years_before_come_from_the_period_before(two_periods: Dataset) -> None:
    ctx = build_context(two_periods, 2025)
    assert ctx.plan.start == 2025
    assert [r.year for r in ctx.history] == [2023, 2024]
    earlier = build_context(two_periods, 2024)
    ik02_2024 = next(i for i in earlier.result.indicators if i.code == "IK02")
    found = dict(ctx.earlier_indicator("IK02"))
    assert sorted(found) == [2023, 2024]
    assert found[2024].realization == ik02_2024.realization
    assert found[2024].achievement == ik02_2024.achievement
    before = [y for y, _ in earlier.earlier_objective("SS02")]
    assert [y for y, _ in ctx.earlier_objective("SS02")] == [*before, 2024]


def test_a_renamed_indicator_is_not_compared(two_periods: Dataset) -> None:
    ctx = build_context(two_periods, 2025)
    assert ctx.earlier_indicator("IK01") == []
    assert ctx.earlier_objective("SS01") == []
    ss01 = next(o for o in ctx.result.objectives if o.code == "SS01")
    assert history_table(ctx, ss01, None, None) is None
    ss02 = next(o for o in ctx.result.objectives if o.code == "SS02")
    table = history_table(ctx, ss02, None, None)
    assert table is not None
    assert [c.text for c in table.header[0]][-3:] == ["2023", "2024", "2025"]


def _lkj_text(dataset: Dataset, year: int) -> str:
    return " ".join(docx_text(write_docx(build_lkj(build_context(dataset, year)))).split())


def test_the_lkj_of_the_new_period_compares_with_the_old(two_periods: Dataset) -> None:
    text = _lkj_text(two_periods, 2025)
    assert "2025-2029" in text
    assert "pada tahun 2024; pada tahun 2025 capaiannya" in text
    missing = "Capaian sasaran ini pada tahun-tahun sebelumnya belum tercatat"
    kept = _lkj_text(Dataset.model_validate(_two_periods(rename=False)), 2025)
    assert text.count(missing) == kept.count(missing) + 1  # SS01, renamed


def test_comparisons_reach_back_four_years(two_periods: Dataset) -> None:
    data = _two_periods()
    first = data["other_periods"][0]["years"]
    for year in (2020, 2021, 2022):
        extra = copy.deepcopy(next(y for y in first if y["year"] == 2023))
        extra["year"] = year
        extra.pop("report", None)
        extra.pop("evaluation", None)
        first.append(extra)
    ctx = build_context(Dataset.model_validate(data), 2025)
    assert [r.year for r in ctx.history] == [2021, 2022, 2023, 2024]
