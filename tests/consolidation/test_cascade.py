"""The pohon kinerja: indicators serving their parent office's, checked across the database."""

from __future__ import annotations

from pathlib import Path

import pytest

from kinerja.agencies.models import Agency
from kinerja.consolidation.cascade import cascade_facts
from kinerja.dataset.review import review
from kinerja.dataset.yamlio import dump_yaml, parse_yaml, read_yaml
from kinerja.plans.models import Indicator
from kinerja.results.verified import verified_dataset
from kinerja.synth.loading import load
from kinerja.synth.plans import office_dataset
from kinerja.synth.tree import shape

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "kpu-kota-metro-2024.yaml"
CASCADE_RULES = {"cascade-unlinked", "cascade-unknown", "cascade-unserved"}


@pytest.fixture
def tree(db: None) -> None:
    base = read_yaml(EXAMPLE)
    specs = shape(5)  # KPU RI, KPU Provinsi Lampung and three offices below it
    by_code = {spec.code: spec for spec in specs}
    load((office_dataset(base, spec, by_code, 1, 2) for spec in specs), lambda code: None)


def _cascade_findings(code: str) -> list[tuple[str, str | None]]:
    agency = Agency.objects.select_related("parent").get(code=code)
    result = review(verified_dataset(agency), 2024, cascade_facts(agency))
    return [(f.rule, f.location.indicator) for f in result.findings if f.rule in CASCADE_RULES]


def test_the_synthetic_tree_cascades_completely(tree: None) -> None:
    for agency in Agency.objects.all():
        assert _cascade_findings(agency.code) == [], agency.code
    metro = cascade_facts(Agency.objects.get(code="kpu-kota-metro"))
    assert metro.parent_office == "KPU Provinsi Lampung"
    assert ("IK01", "SS01", "IK01") in metro.serves and metro.children == ()
    province = cascade_facts(Agency.objects.get(code="kpu-provinsi-lampung"))
    assert len(province.children) == 3 and len(set(province.served)) == 25


def test_an_unlinked_an_unknown_and_an_unserved_indicator_are_found(tree: None) -> None:
    metro = Agency.objects.get(code="kpu-kota-metro")
    Indicator.objects.filter(objective__plan__agency=metro, code="IK01").update(serves=None)
    Indicator.objects.filter(objective__plan__agency=metro, code="IK02").update(serves="IK99")
    Indicator.objects.filter(objective__plan__agency__parent=metro.parent, code="IK03").update(
        serves="IK04"
    )
    assert _cascade_findings("kpu-kota-metro") == [
        ("cascade-unlinked", "IK01"),
        ("cascade-unknown", "IK02"),
    ]
    assert _cascade_findings("kpu-provinsi-lampung") == [("cascade-unserved", "IK03")]


def test_serves_survives_the_dataset_file_and_the_database(tree: None) -> None:
    from kinerja.agencies.datasets import export_dataset

    dataset = export_dataset(Agency.objects.get(code="kpu-kota-metro"))
    indicator = dataset.strategic_plan.objectives[0].indicators[0]
    assert indicator.serves == indicator.code
    again = parse_yaml(dump_yaml(dataset), "metro.yaml")
    assert again == dataset
