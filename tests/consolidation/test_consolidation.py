"""Consolidation over a subtree, against numbers computed by hand, and from real datasets."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from kinerja.agencies.models import Agency
from kinerja.consolidation.models import Kind, OfficeResult
from kinerja.consolidation.refresh import refresh_office
from kinerja.consolidation.summary import consolidate, to_json
from kinerja.dataset.measure import measure
from kinerja.dataset.yamlio import read_yaml
from kinerja.results.choices import RealizationStatus
from kinerja.results.models import Evidence, Realization
from kinerja.results.verified import verified_dataset
from kinerja.synth.loading import load
from kinerja.synth.plans import office_dataset
from kinerja.synth.tree import shape

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "kpu-kota-metro-2024.yaml"

# office: (parent, level, office achievement, IK01, IK02, (expected, entered))
TREE = {
    "ri": (None, "national", None, None, None, (0, 0)),
    "p1": ("ri", "province", D(100), D(100), D(100), (8, 8)),
    "r1": ("p1", "regency_city", D(90), D(80), D(100), (8, 6)),
    "r2": ("p1", "regency_city", D(110), D(120), D(100), (8, 8)),
    "p2": ("ri", "province", D(70), D(70), None, (8, 2)),
    "r3": ("p2", "regency_city", None, None, None, (8, 0)),
}


@pytest.fixture
def small_tree(db: None) -> dict[str, Agency]:
    made: dict[str, Agency] = {}
    for code, (parent, level, office, ik01, ik02, (due, done)) in TREE.items():
        agency = Agency.objects.create(
            code=code, name=code.upper(), level=level, parent=made.get(parent or ""),
            has_dataset=code != "ri",
        )  # fmt: skip
        made[code] = agency
        if code == "ri":
            continue
        half = (due // 2, done // 2)
        rows = [
            (Kind.OFFICE, "", "", office, (due, done)),
            (Kind.OBJECTIVE, "SS01", "SS01", office, (due, done)),
            (Kind.INDICATOR, "IK01", "SS01", ik01, half),
            (Kind.INDICATOR, "IK02", "SS01", ik02, half),
        ]
        for position, (kind, item, objective, value, (e, n)) in enumerate(rows):
            OfficeResult.objects.create(
                agency=agency, year=2024, kind=kind, code=item, objective=objective,
                name=item or code, position=position, value=value, expected=e, entered=n,
            )  # fmt: skip
    return made


def test_the_nation_by_hand(small_tree: dict[str, Agency]) -> None:
    result = consolidate(small_tree["ri"], 2024)
    assert result.offices == 6  # the root (no dataset) counts as an office of the subtree
    overall = result.overall
    assert overall.measured == 4 and overall.offices == 5
    assert overall.achievement == D(370) / 4  # (100 + 90 + 110 + 70) / 4
    assert (overall.minimum, overall.median, overall.maximum) == (D(70), D(95), D(110))
    assert overall.below_target == 2  # 90 and 70
    assert result.completeness == D(24) * 100 / D(40)  # (8+6+8+2+0) of 5 x 8
    ik01 = next(i for i in result.indicators if i.code == "IK01")
    assert ik01.summary.achievement == D(370) / 4  # 100, 80, 120, 70
    assert (ik01.summary.minimum, ik01.summary.median, ik01.summary.maximum) == (
        D(70), D(90), D(120),
    )  # fmt: skip
    assert ik01.summary.below_target == 2
    assert ik01.completeness == D(12) * 100 / D(20)
    ik02 = next(i for i in result.indicators if i.code == "IK02")
    assert (ik02.summary.measured, ik02.summary.achievement, ik02.summary.below_target) == (
        3, D(100), 0,
    )  # fmt: skip
    assert [(row.rank, row.code) for row in result.ranking] == [
        (1, "r2"), (2, "p1"), (3, "r1"), (4, "p2"), (None, "r3"),
    ]  # fmt: skip
    children = {c.code: c for c in result.children}
    assert set(children) == {"p1", "p2"}
    assert children["p1"].offices == 3 and children["p1"].summary.achievement == D(100)
    assert children["p2"].offices == 2 and children["p2"].summary.achievement == D(70)
    assert children["p2"].completeness == D(2) * 100 / D(16)
    assert [(p.year, p.summary.measured) for p in result.trend] == [(2024, 4)]


def test_a_province_and_only_the_regencies(small_tree: dict[str, Agency]) -> None:
    p1 = consolidate(small_tree["p1"], 2024)
    assert p1.offices == 3
    assert p1.overall.achievement == D(100) and p1.overall.median == D(100)
    assert [c.code for c in p1.children] == ["r1", "r2"]
    regencies = consolidate(small_tree["ri"], 2024, "regency_city")
    assert regencies.offices == 3
    assert regencies.overall.achievement == D(100)  # (90 + 110) / 2; r3 unmeasured
    assert regencies.overall.below_target == 1
    assert {c.code: c.offices for c in regencies.children} == {"p1": 2, "p2": 1}
    body = to_json(regencies)
    assert {"agency", "year", "offices", "indicators"} <= set(body)
    assert (body["agency"], body["year"], body["offices"]) == ("ri", 2024, 3)
    assert body["overall"]["achievement"] == 100.0


@pytest.mark.django_db
def test_synth_stores_the_results_the_database_gives() -> None:
    base = read_yaml(EXAMPLE)
    tree = shape(8)
    by_code = {spec.code: spec for spec in tree}
    made = [office_dataset(base, spec, by_code, 2, 5) for spec in tree]
    assert load(iter(made), lambda code: None) == 8
    assert Agency.objects.filter(has_dataset=True).count() == 8
    statuses = set(Realization.objects.values_list("status", flat=True))
    assert RealizationStatus.VERIFIED in statuses
    assert RealizationStatus.SUBMITTED in statuses or RealizationStatus.RETURNED in statuses
    assert not Realization.objects.filter(status=RealizationStatus.RETURNED, returned_reason=None)
    assert Evidence.objects.count() == Realization.objects.count()
    stored = {
        (r.agency_id, r.year, r.kind, r.code): (r.value, r.expected, r.entered)
        for r in OfficeResult.objects.all()
    }
    for agency in Agency.objects.all():
        refresh_office(agency)
    again = {
        (r.agency_id, r.year, r.kind, r.code): (r.value, r.expected, r.entered)
        for r in OfficeResult.objects.all()
    }
    assert stored == again
    root = Agency.objects.get(code="kpu-ri")
    result = consolidate(root, 2024)
    achievements = [
        measure(verified_dataset(agency), 2024).achievement for agency in Agency.objects.all()
    ]
    measured = [value for value in achievements if value is not None]
    assert result.offices == 8
    assert abs(result.overall.achievement - sum(measured) / len(measured)) < D("1E-8")  # type: ignore[operator]
    assert [p.year for p in result.trend] == [2023, 2024]
