"""A health office's LKj as it prints its numbers: a Satuan per indicator with bare numbers,
bounded targets, a range, a zero target, a cap on the table's figures with one indicator
exempt, and reference targets (Renstra end, national target). Every figure is computed by hand
in the comments; the literals are those hand results at Python's 28-digit Decimal precision.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from kinerja.dataset.errors import DatasetError
from kinerja.dataset.measure import measure, to_json
from kinerja.dataset.yamlio import dump_yaml, parse_yaml

HEALTH = Path(__file__).with_name("health-office.yaml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def result():
    return measure(parse_yaml(HEALTH, "dinkes.yaml"), 2024)


def _by_code(result):
    return {ind.code: ind for ind in result.indicators}


def test_each_indicator_by_hand(result):
    ind = _by_code(result)
    # IK01 "kurang dari 49" per 100.000 KH, realisasi 42, mirror: 200 - 42/49 x 100
    #   42/49 x 100 = 85,71428571428571428571428571 -> 114,28571428571428571428571429
    assert ind["IK01"].achievement.value == Decimal("114.28571428571428571428571429")
    assert ind["IK01"].shown == Decimal(100)  # capped in the table (cap_applies: indicator)
    # IK02 95 (%), realisasi 97,5: 97,5 / 95 x 100; exempt from the cap (cap_applies: none)
    assert ind["IK02"].achievement.value == Decimal("102.6315789473684210526315789")
    assert ind["IK02"].shown == Decimal("102.6315789473684210526315789")
    # IK03 "maksimal 2%", realisasi 1,5 (%): (4 - 1,5) / 2 x 100 = 125, shown 100
    assert ind["IK03"].achievement.value == Decimal(125)
    assert ind["IK03"].shown == Decimal(100)
    # IK04 target 0 kasus, realisasi 0 kasus, lower is better: the zero-target rule gives 100
    assert ind["IK04"].achievement.value == Decimal(100)
    # IK05 "paling sedikit 12 laporan", realisasi 10 laporan: 10 / 12 x 100
    assert ind["IK05"].achievement.value == Decimal("83.33333333333333333333333333")
    # IK06 range 70-75 (%), realisasi 80%: above the band, 200 - 80/75 x 100
    assert ind["IK06"].achievement.value == Decimal("93.3333333333333333333333333")


def test_rollup_takes_uncapped_figures_when_only_the_table_is_capped(result):
    objectives = {o.code: o.achievement for o in result.objectives}
    # SS01 = (114,28571428571428571428571429 + 102,6315789473684210526315789) / 2
    assert objectives["SS01"] == Decimal("108.4586466165413533834586466")
    # SS02 = (125 + 100 + 83,33333333333333333333333333 + 93,3333333333333333333333333) / 4
    assert objectives["SS02"] == Decimal("100.4166666666666666666666667")
    # office = (108,4586466165413533834586466 + 100,4166666666666666666666667) / 2
    assert result.achievement == Decimal("104.4376566416040100250626566")


def test_cap_on_both_caps_the_rollup_too_except_the_exempt_indicator():
    both = measure(parse_yaml(HEALTH.replace("indicator\n", "both\n", 1), "dinkes.yaml"), 2024)
    objectives = {o.code: o.achievement for o in both.objectives}
    # SS01 = (100 + 102,6315789473684210526315789) / 2  (IK02 is exempt)
    assert objectives["SS01"] == Decimal("101.3157894736842105263157894")
    # SS02 = (100 + 100 + 83,33333333333333333333333333 + 93,3333333333333333333333333) / 4
    assert objectives["SS02"] == Decimal("94.16666666666666666666666666")
    # office: SS01 enters capped at 100 too: (100 + 94,16666666666666666666666666) / 2
    assert both.achievement == Decimal("97.08333333333333333333333333")


def test_reference_targets_are_measured(result):
    refs = {ref.label: ref for ref in _by_code(result)["IK01"].references}
    assert list(refs) == [
        "Target Renstra 2024",
        "Target akhir Renstra 2026",
        "Target Nasional (RPJMN)",
    ]
    # against the Renstra end target "kurang dari 40": 200 - 42/40 x 100 = 200 - 105 = 95
    assert refs["Target akhir Renstra 2026"].achievement.value == Decimal(95)
    # against the national "kurang dari 183": 200 - 42/183 x 100
    #   42/183 x 100 = 22,95081967213114754098360656 -> 177,04918032786885245901639344
    assert refs["Target Nasional (RPJMN)"].achievement.value == Decimal(
        "177.04918032786885245901639344"
    )
    assert refs["Target Renstra 2024"].achievement.value == Decimal(
        "114.28571428571428571428571429"
    )


def test_measure_json_gives_unit_capped_and_uncapped_figures_and_references(result):
    data = to_json(result)
    ik01 = data["objectives"][0]["indicators"][0]
    assert ik01["unit"] == "per 100.000 KH"
    assert ik01["achievement"] == 100.0
    assert ik01["uncapped_achievement"] == 114.29
    assert ik01["cap_applies"] == "indicator"
    assert [r["achievement"] for r in ik01["references"]] == [114.29, 95.0, 177.05]
    # The printed 100 (a bare number under Capaian is a percentage) matches the capped figure.
    assert not _by_code(result)["IK01"].reported_differs


def test_export_is_lossless_and_states_version_and_dates():
    dataset = parse_yaml(HEALTH, "dinkes.yaml")
    text = dump_yaml(dataset)
    assert "\nformat_version: 1\n" in text
    assert "date: 2025-01-06\n" in text  # a YAML date, not the string '2025-01-06'
    assert "unit: per 100.000 KH" in text
    assert parse_yaml(text, "again.yaml") == dataset


def test_bare_number_without_unit_names_the_field_and_what_to_do():
    text = HEALTH.replace("          unit: per 100.000 KH\n", "")
    with pytest.raises(DatasetError) as error:
        parse_yaml(text, "dinkes.yaml")
    problems = {p.field: p.message for p in error.value.problems}
    assert sorted(problems) == [
        "strategic_plan.objectives[0].indicators[0].reference_targets[0].target",
        "strategic_plan.objectives[0].indicators[0].renstra_targets[2024]",
        "strategic_plan.objectives[0].indicators[0].renstra_targets[2026]",
        "years[0].agreements[0].rows[0].target",
        "years[0].measurements[0].rows[0].realization",
    ]
    message = problems["years[0].measurements[0].rows[0].realization"]
    assert message.startswith("'42': angka tanpa satuan; tulis satuannya di nilai ('42 orang'")
    assert "isi satuan indikator (unit" in message
    assert problems["years[0].agreements[0].rows[0].target"].startswith(
        "'kurang dari 49': angka tanpa satuan"
    )


def test_unquoted_number_says_what_to_write():
    text = HEALTH.replace('realization: "10"', "realization: 10")
    with pytest.raises(DatasetError) as error:
        parse_yaml(text, "dinkes.yaml")
    (problem,) = error.value.problems
    assert problem.field == "years[0].measurements[0].rows[4].realization"
    assert "angka 10 ditulis tanpa tanda kutip" in problem.message
    assert '"10%" atau "10 orang"' in problem.message
    assert "pemetaan" not in problem.message


def test_indicator_cap_without_an_office_cap_is_refused():
    text = HEALTH.replace("  cap: 100\n", "").replace("cap_applies: none", "cap_applies: both")
    with pytest.raises(DatasetError) as error:
        parse_yaml(text, "dinkes.yaml")
    (problem,) = error.value.problems
    assert problem.field.endswith("indicators[1].cap_applies")
    assert "settings.cap belum diisi" in problem.message


def test_deprecated_formula_name_still_reads():
    text = HEALTH.replace(
        "  cap_applies: indicator\n", "  cap_applies: indicator\n  lower_is_better: ratio\n"
    )
    ratio = measure(parse_yaml(text, "dinkes.yaml"), 2024)
    # IK03 "maksimal 2%" under T/R: 2 / 1,5 x 100
    assert _by_code(ratio)["IK03"].achievement.value == Decimal("133.3333333333333333333333333")


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ("lower_is_better: kebalikan", "'inverse' = T / R × 100, tanpa batas atas"),
        ("grade_method: peringkat", "'rank_ratio' = peringkat R / peringkat T × 100"),
        ("cap_applies: semua", "'both' = capaian indikator dan rata-rata sama-sama dibatasi"),
    ],
)
def test_unknown_choice_lists_every_choice_with_its_formula(setting: str, expected: str):
    text = HEALTH.replace("  cap_applies: indicator\n", f"  {setting}\n")
    with pytest.raises(DatasetError) as error:
        parse_yaml(text, "dinkes.yaml")
    (problem,) = error.value.problems
    assert problem.field == f"settings.{setting.split(':')[0]}"
    assert "tidak dikenal; pilih salah satu:" in problem.message
    assert expected in problem.message


def test_a_file_without_format_version_reads_and_its_export_states_it():
    assert "format_version" not in HEALTH
    assert dump_yaml(parse_yaml(HEALTH, "dinkes.yaml")).splitlines()[1] == "format_version: 1"


def test_quarterly_bare_numbers_are_summed_in_the_satuan():
    text = HEALTH.replace(
        "{code: IK05, name: Jumlah laporan surveilans, unit: laporan}",
        "{code: IK05, name: Jumlah laporan surveilans, unit: laporan, combine: sum}",
    ).replace(
        "    report: {date: 2025-01-06}\n",
        "    realizations:\n"
        '      - {indicator: IK05, quarter: 1, value: "4"}\n'
        '      - {indicator: IK05, quarter: 2, value: "6"}\n'
        "    report: {date: 2025-01-06}\n",
    )
    ik05 = _by_code(measure(parse_yaml(text, "dinkes.yaml"), 2024))["IK05"]
    # 4 + 6 = 10 laporan against "paling sedikit 12 laporan": 10 / 12 x 100
    assert ik05.realization == "10 laporan"
    assert ik05.quarters == {1: "4 laporan", 2: "6 laporan"}
    assert ik05.achievement.value == Decimal("83.33333333333333333333333333")
