"""The LKj of an office that caps its table figures, prints a Satuan and compares with the
Renstra end target and a national target (tests/dataset/health-office.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kinerja.dataset.yamlio import read_yaml
from kinerja.documents.context import build_context
from kinerja.documents.lkj import build_lkj
from kinerja.documents.tree import Document, Paragraph, Table

HEALTH = Path(__file__).parents[1] / "dataset" / "health-office.yaml"


@pytest.fixture(scope="module")
def lkj() -> Document:
    return build_lkj(build_context(read_yaml(HEALTH), 2024), charts=False)


def _tables(document: Document) -> dict[str, Table]:
    return {b.caption or "": b for b in document.blocks() if isinstance(b, Table)}


def _row(table: Table, code: str) -> list[str]:
    return next(
        [c.text for c in row] for row in table.rows if any(c.text.startswith(code) for c in row)
    )


def test_measurement_table_prints_capped_figure_with_uncapped_beside(lkj: Document) -> None:
    table = _tables(lkj)["Pengukuran Kinerja Dinas Kesehatan Kota Contoh Tahun 2024"]
    ik01 = _row(table, "IK01")
    # target and realisation with their Satuan; 200 - 42/49 x 100 = 114,29 shown capped at 100
    assert "kurang dari 49 per 100.000 KH" in ik01
    assert "42 per 100.000 KH" in ik01
    assert "100,00% (tanpa batas 114,29%)" in ik01
    # IK02 is exempt from the cap: 97,5 / 95 x 100 = 102,63
    assert "102,63%" in _row(table, "IK02")


def test_reference_table_compares_with_renstra_end_and_national_target(lkj: Document) -> None:
    table = _tables(lkj)["Realisasi Sasaran Strategis 1 terhadap Target Rujukan"]
    rows = [[c.text for c in row][1:] for row in table.rows]
    assert rows == [
        ["Target Renstra 2024", "kurang dari 49 per 100.000 KH", "42 per 100.000 KH", "114,29%"],
        [
            "Target akhir Renstra 2026",
            "kurang dari 40 per 100.000 KH",
            "42 per 100.000 KH",
            "95,00%",  # 200 - 42/40 x 100
        ],
        [
            "Target Nasional (RPJMN)",
            "kurang dari 183 per 100.000 KH",
            "42 per 100.000 KH",
            "177,05%",  # 200 - 42/183 x 100 = 177,049...
        ],
    ]
    texts = [b.text for b in lkj.blocks() if isinstance(b, Paragraph)]
    assert any(
        "Target Nasional (RPJMN) untuk indikator" in t and "setara dengan 177,05%" in t
        for t in texts
    )


def test_method_section_states_where_the_cap_applies() -> None:
    from kinerja.documents.drafts import method_items

    items = method_items(build_context(read_yaml(HEALTH), 2024))
    assert any(
        "Pada capaian indikator, capaian di atas 100% dihitung 100%" in item
        and "Batas diatur tersendiri untuk indikator IK02 (tidak dibatasi)." in item
        for item in items
    )


def test_pk_prints_bare_targets_with_their_satuan() -> None:
    from kinerja.documents.pk import build_pk

    document = build_pk(build_context(read_yaml(HEALTH), 2024))
    cells = [
        c.text
        for b in document.blocks()
        if isinstance(b, Table) and b.header and "Target" in [c.text for c in b.header[0]]
        for row in b.rows
        for c in row
    ]
    assert "kurang dari 49 per 100.000 KH" in cells
    assert "95%" in cells  # "95" under Satuan %
    assert "0 kasus" in cells


def test_indicator_chart_draws_the_figure_the_table_shows() -> None:
    from kinerja.documents.charts import indicators_chart

    chart = indicators_chart(build_context(read_yaml(HEALTH), 2024).result)
    values = dict(zip(chart.data["labels"], chart.data["values"], strict=True))
    assert chart.data["texts"][0] == "100,00%"
    assert values["IK01"] == 100.0  # capped; uncapped 114,29 is printed beside it in the table
    assert chart.data["texts"][1] == "102,63%"  # IK02 is exempt from the cap: 97,5 / 95 x 100
