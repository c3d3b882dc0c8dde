"""Offices form one tree per deployment: KPU RI, provinces, regencies and cities."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from kinerja.agencies.choices import Level
from kinerja.agencies.datasets import (
    AgencyNotDescribed,
    AgencyNotFound,
    AgencyTreeConflict,
    export_dataset,
    find_agency,
    import_dataset,
)
from kinerja.agencies.models import Agency
from kinerja.dataset.schema import Dataset

pytestmark = pytest.mark.django_db

Build = Callable[..., dict[str, Any]]


def city(build: Build, code: str, province: str = "kpu-prov-contoh") -> Dataset:
    return Dataset.model_validate(build(code=code, province=province))


def test_two_cities_of_one_province_share_the_parent_rows(build_rich_data: Build) -> None:
    metro = import_dataset(city(build_rich_data, "kpu-kota-metro"))
    bandar = import_dataset(city(build_rich_data, "kpu-kota-bandar-lampung"))

    assert metro.parent_id == bandar.parent_id
    assert Agency.objects.filter(code="kpu-prov-contoh").count() == 1
    assert Agency.objects.filter(code="kpu-ri").count() == 1
    assert [a.code for a in find_agency("kpu-kota-metro").ancestors()] == [
        "kpu-ri",
        "kpu-prov-contoh",
    ]


def test_descendants_are_the_whole_subtree_and_nothing_else(build_rich_data: Build) -> None:
    import_dataset(city(build_rich_data, "kpu-kota-a", province="kpu-prov-satu"))
    import_dataset(city(build_rich_data, "kpu-kota-b", province="kpu-prov-satu"))
    import_dataset(city(build_rich_data, "kpu-kota-c", province="kpu-prov-dua"))

    def codes(code: str) -> set[str]:
        return set(find_agency(code).descendants().values_list("code", flat=True))

    assert codes("kpu-ri") == {
        "kpu-prov-satu",
        "kpu-prov-dua",
        "kpu-kota-a",
        "kpu-kota-b",
        "kpu-kota-c",
    }
    assert codes("kpu-prov-satu") == {"kpu-kota-a", "kpu-kota-b"}
    assert codes("kpu-kota-c") == set()


def test_a_bare_parent_takes_the_latest_name_but_an_described_one_keeps_its_own(
    build_rich_data: Build,
) -> None:
    renamed = build_rich_data(code="kpu-kota-b")
    renamed["agency"]["parents"][1]["name"] = "KPU Prov. Contoh"
    import_dataset(city(build_rich_data, "kpu-kota-a"))
    import_dataset(Dataset.model_validate(renamed))
    assert find_agency("kpu-prov-contoh").name == "KPU Prov. Contoh"

    own = build_rich_data(code="kpu-ri")
    own["agency"].update(level="national", name="Komisi Pemilihan Umum", parents=[])
    import_dataset(Dataset.model_validate(own))
    import_dataset(city(build_rich_data, "kpu-kota-c"))
    assert find_agency("kpu-ri").name == "Komisi Pemilihan Umum"


def test_a_parent_named_at_another_level_is_refused(build_rich_data: Build) -> None:
    import_dataset(city(build_rich_data, "kpu-kota-a"))
    data = build_rich_data(code="kpu-kota-b")
    data["agency"]["parents"][1]["level"] = Level.REGENCY_CITY.value

    with pytest.raises(AgencyTreeConflict, match="bertingkat 'province'"):
        import_dataset(Dataset.model_validate(data))

    assert not Agency.objects.filter(code="kpu-kota-b").exists()


def test_a_parent_placed_under_another_office_is_refused(build_rich_data: Build) -> None:
    import_dataset(city(build_rich_data, "kpu-kota-a"))
    data = build_rich_data(code="kpu-kota-b")
    data["agency"]["parents"][0] = {"code": "kpu-lain", "name": "KPU Lain", "level": "national"}

    with pytest.raises(AgencyTreeConflict, match="sudah berada di bawah instansi lain"):
        import_dataset(Dataset.model_validate(data))

    assert not Agency.objects.filter(code__in=["kpu-kota-b", "kpu-lain"]).exists()


def test_an_office_cannot_be_placed_under_its_own_descendant(build_rich_data: Build) -> None:
    import_dataset(city(build_rich_data, "kpu-kota-a"))
    data = build_rich_data(code="kpu-prov-contoh")
    data["agency"]["level"] = "province"
    data["agency"]["parents"] = [{"code": "kpu-kota-a", "name": "A", "level": "regency_city"}]

    with pytest.raises(AgencyTreeConflict, match="lingkaran"):
        import_dataset(Dataset.model_validate(data))


def test_an_office_naming_itself_as_parent_is_refused(build_rich_data: Build) -> None:
    data = build_rich_data(province="kpu-kota-contoh")

    with pytest.raises(AgencyTreeConflict, match="induk dirinya sendiri"):
        import_dataset(Dataset.model_validate(data))


def test_a_bare_parent_has_no_dataset_to_export(build_rich_data: Build) -> None:
    import_dataset(city(build_rich_data, "kpu-kota-a"))

    with pytest.raises(AgencyNotDescribed, match="kpu-prov-contoh"):
        export_dataset(find_agency("kpu-prov-contoh"))


def test_finding_an_unknown_code_says_so_in_indonesian() -> None:
    with pytest.raises(AgencyNotFound, match="instansi dengan kode 'tidak-ada' tidak ditemukan"):
        find_agency("tidak-ada")
