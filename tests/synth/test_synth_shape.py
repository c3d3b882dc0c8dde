"""The synthetic KPU tree: its shape at any size, and the same data for the same seed."""

from __future__ import annotations

import functools
from collections import Counter
from pathlib import Path

import pytest

from kinerja.dataset.schema import Dataset
from kinerja.dataset.yamlio import read_yaml
from kinerja.synth.plans import office_dataset
from kinerja.synth.tree import PROVINCES, shape

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "kpu-kota-metro-2024.yaml"


@functools.cache
def base() -> Dataset:
    return read_yaml(EXAMPLE)


def test_the_full_tree_is_kpu_ri_38_provinces_and_514_regencies_and_cities() -> None:
    tree = shape(553)
    levels = Counter(spec.level for spec in tree)
    assert levels == {"national": 1, "province": 38, "regency_city": 514}
    assert tree[0].code == "kpu-ri" and tree[0].parent is None
    assert len({spec.code for spec in tree}) == len({spec.name for spec in tree}) == 553
    by_code = {spec.code: spec for spec in tree}
    for spec in tree[1:]:
        parent = by_code[spec.parent]  # type: ignore[index]
        expected = "national" if spec.level == "province" else "province"
        assert parent.level == expected, spec
    per_province = Counter(spec.parent for spec in tree if spec.level == "regency_city")
    assert sorted(per_province.values()) == sorted(count for _, _, count in PROVINCES)
    lampung = [s for s in tree if s.parent == "kpu-provinsi-lampung"]
    assert {"kpu-kota-metro", "kpu-kota-bandar-lampung"} <= {s.code for s in lampung}
    assert all(
        s.name.startswith(("KPU Kabupaten ", "KPU Kota "))
        for s in tree[2:]
        if s.level == "regency_city"
    )


def test_the_size_is_bounded_by_the_real_tree() -> None:
    for size in (0, 554):
        with pytest.raises(ValueError, match="harus 1 sampai 553"):
            shape(size)


@pytest.mark.parametrize("size", [1, 2, 10, 40, 100, 300])
def test_a_smaller_tree_keeps_the_shape(size: int) -> None:
    tree = shape(size)
    assert len(tree) == size
    assert tree[0].code == "kpu-ri"
    codes = {spec.code for spec in tree}
    seen = {"kpu-ri"}
    for spec in tree[1:]:
        assert spec.parent in seen, "a parent comes before its offices"
        seen.add(spec.code)
        assert spec.parent in codes
    if size > 2:
        levels = Counter(spec.level for spec in tree)
        assert levels["province"] >= 1 and levels["regency_city"] >= 1
        assert levels["province"] == max(1, round((size - 1) * 38 / 552))


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data() -> None:
    tree = shape(12)
    by_code = {spec.code: spec for spec in tree}

    def run(seed: int) -> list[tuple[str, tuple]]:
        # Every field, in order (the JSON text; the YAML writer costs far more
        # and leaves the defaults out).
        made = [office_dataset(base(), spec, by_code, 3, seed) for spec in tree]
        return [(o.dataset.model_dump_json(), o.entries) for o in made]

    first, again, other = run(7), run(7), run(8)
    assert first == again
    assert first != other


def test_an_office_has_plausible_variation_gaps_and_workflow_states() -> None:
    tree = shape(60)
    by_code = {spec.code: spec for spec in tree}
    made = [office_dataset(base(), spec, by_code, 5, 1) for spec in tree]
    office = made[5]
    assert [y.year for y in office.dataset.years] == [2020, 2021, 2022, 2023, 2024]
    assert office.dataset.strategic_plan.start == 2020
    assert office.dataset.agency.parents[0].code == "kpu-ri"
    states = Counter(e.status for o in made for e in o.entries)
    assert states["verified"] > 10 * (states["submitted"] + states["returned"])
    assert states["submitted"] > 0 and states["returned"] > 0
    assert any(e.late for o in made for e in o.entries)
    assert all(e.reason for o in made for e in o.entries if e.status == "returned")
    due = sum(len(y.office_agreement.rows) for y in office.dataset.years)  # type: ignore[union-attr]
    entered = sum(len(y.realizations) for y in office.dataset.years)
    assert entered < due * 4, "some entries are missing"
    assert all(z.evidence for y in office.dataset.years for z in y.realizations)
    finals = {
        o.spec.code: next(
            z.value
            for z in o.dataset.years[-1].realizations
            if z.indicator == "IK07" and z.quarter == 4
        )
        for o in made
        if any(z.indicator == "IK07" and z.quarter == 4 for z in o.dataset.years[-1].realizations)
    }
    assert len(set(finals.values())) > len(finals) // 2, "offices differ"
