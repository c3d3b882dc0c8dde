"""Measuring the KPU Kota Metro 2024 example: achievements follow from target and realisation."""

from decimal import Decimal
from pathlib import Path

import pytest

from kinerja.dataset.measure import measure, to_json
from kinerja.dataset.schema import Realization
from kinerja.dataset.yamlio import read_yaml

EXAMPLE = Path(__file__).parents[2] / "examples" / "kpu-kota-metro-2024.yaml"


@pytest.fixture(scope="module")
def example():
    return read_yaml(EXAMPLE)


@pytest.fixture(scope="module")
def result(example):
    return measure(example, 2024)


def by_code(result):
    return {ind.code: ind for ind in result.indicators}


def test_example_has_16_objectives_and_25_indicators(result):
    assert len(result.objectives) == 16
    assert len(result.indicators) == 25
    assert [o.code for o in result.objectives] == [f"SS{n:02d}" for n in range(1, 17)]


def test_every_indicator_with_a_realisation_has_an_achievement(result):
    for ind in result.indicators:
        if ind.realization is not None:
            assert ind.achievement.value is not None, ind.code
        else:
            assert ind.achievement.status.value == "unmeasured", ind.code
    unmeasured = sorted(i.code for i in result.indicators if i.realization is None)
    assert unmeasured == ["IK08", "IK11", "IK20", "IK21"]


def test_achievements_follow_the_documented_formula_not_the_printed_figure(result):
    indicators = by_code(result)
    # Tabel 10: 3 orang targeted, 5 orang realised -> 5 / 3 x 100 (printed: 100%).
    assert indicators["IK01"].achievement.value == Decimal(5) / Decimal(3) * 100
    assert indicators["IK01"].reported_achievement == Decimal(100)
    assert indicators["IK01"].reported_differs
    # Tabel 16: 10 unit targeted, 12 unit realised -> 120 (printed: 100%).
    assert indicators["IK14"].achievement.value == Decimal(120)
    # Grade B reached against target B -> 100 (printed: 90%).
    assert indicators["IK02"].achievement.value == Decimal(100)
    assert indicators["IK02"].reported_achievement == Decimal(90)
    # "4 unit sarana IT dan 1 unit sarana printer" against "4 unit sarana IT" -> 100 (printed 95%).
    assert indicators["IK25"].achievement.value == Decimal(100)
    # "1 Gedung/ 1 gudang" against "1 Gedung dan 1 gudang", part by part -> 100.
    assert indicators["IK16"].achievement.value == Decimal(100)


def test_a_unit_mismatch_is_computed_and_noted(result):
    ik05 = by_code(result)["IK05"]
    assert ik05.target == "4 triwulan"
    assert ik05.realization == "4 laporan"
    assert ik05.achievement.value == Decimal(100)
    assert any("satuan berbeda" in note for note in ik05.achievement.notes)


def test_objectives_and_office_roll_up_as_means_of_measured_values(result):
    objectives = {o.code: o for o in result.objectives}
    assert objectives["SS01"].achievement == Decimal(5) / Decimal(3) * 100
    assert objectives["SS10"].achievement == (Decimal(120) + 100 + 100) / 3
    assert objectives["SS06"].achievement is None  # nothing measured: not 0
    measured = [o.achievement for o in result.objectives if o.achievement is not None]
    assert len(measured) == 14
    assert result.achievement == sum(measured) / 14
    assert to_json(result)["overall"]["achievement"] == 105.24


def test_ratings_use_the_agency_scale_as_printed(result):
    indicators = by_code(result)
    assert indicators["IK01"].rating.label == "Sangat Baik"
    assert indicators["IK02"].rating.label == "Baik"
    assert indicators["IK08"].rating is None


def test_budget_ceiling_is_the_sum_of_the_programs(result):
    budget = result.budget
    assert budget.ceiling == 15_534_394_000
    assert budget.spent is None
    assert budget.absorption is None


def test_quarterly_realisations_take_precedence_and_combine_by_rule(example):
    year = example.year(2024)
    quarters = [
        Realization(indicator="IK14", quarter=q, value=f"{q * 3} unit") for q in (1, 2, 3, 4)
    ]
    changed = example.model_copy(
        update={"years": [year.model_copy(update={"realizations": quarters}), *example.years[1:]]}
    )
    ik14 = by_code(measure(changed, 2024))["IK14"]
    assert ik14.realization_source == "quarters"
    assert ik14.realization == "12 unit"  # combine "last": Q4's cumulative value
    assert ik14.achievement.value == Decimal(120)


def test_json_has_the_stable_keys(result):
    data = to_json(result)
    assert set(data) >= {"agency", "year", "objectives", "overall", "budget"}
    assert data["agency"] == "kpu-kota-metro"
    assert data["budget"]["ceiling"] == 15_534_394_000
    indicator = data["objectives"][0]["indicators"][0]
    assert set(indicator) >= {
        "code",
        "name",
        "work_unit",
        "polarity",
        "target",
        "realization",
        "achievement",
        "rating",
        "reported_achievement",
    }
    assert indicator["achievement"] == 166.67
    assert indicator["reported_achievement"] == 100.0


def test_earlier_year_is_measured_without_an_agreement(example):
    earlier = measure(example, 2023)
    assert earlier.year == 2023
    assert len(earlier.indicators) == 25
