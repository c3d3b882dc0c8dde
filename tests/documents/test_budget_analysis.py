"""The budget analysis of the LKj: each objective gets only its mapped share of a budget line,
and the objectives' amounts add up to the mapped budget exactly (issue 12, item 3)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from kinerja.core.budget import total
from kinerja.dataset.errors import DatasetError
from kinerja.dataset.schema import Dataset
from kinerja.dataset.yamlio import parse_yaml, read_yaml
from kinerja.documents.context import ReportContext, build_context
from kinerja.documents.lkj import build_lkj
from kinerja.documents.lkj_budget import MISSING_MAPPING
from kinerja.documents.tree import Document, Paragraph, Table
from kinerja.formats import format_rupiah

ROOT = Path(__file__).resolve().parents[2]
RICH = Path(__file__).with_name("rich.yaml")


def _rupiah(text: str) -> int:
    return int(text.removeprefix("Rp ").replace(".", ""))


def _table(document: Document, caption: str) -> Table:
    return next(b for b in document.blocks() if isinstance(b, Table) and b.caption == caption)


def _paragraphs(document: Document) -> list[str]:
    return [b.text for b in document.blocks() if isinstance(b, Paragraph)]


def _shared(data: dict[str, Any]) -> Dataset:
    """The rich dataset with odd amounts, and activities serving several objectives."""
    programs = data["strategic_plan"]["programs"]
    programs[0]["activities"][0]["objectives"] = [
        {"objective": "SS01", "share": "33,33%"},
        {"objective": "SS02", "share": 33.33},
        {"objective": "SS03", "share": 33.34},
    ]
    programs[1]["activities"][0]["objectives"] = [
        {"objective": "SS02", "share": 70},
        {"objective": "SS03", "share": 30},
    ]
    year = next(y for y in data["years"] if y["year"] == 2024)
    for agreement in year["agreements"]:
        for line in agreement.get("budget", []):
            if line.get("activity") == "K1":
                line["amount"] = 1_000_000_001
            if line.get("activity") == "K2":
                line["amount"] = 828_483_007
    for spending in year["spending"]:
        if spending.get("activity") == "K1":
            spending["spent"] = 999_999_997
    return Dataset.model_validate(data)


@pytest.fixture(scope="module")
def shared_ctx(rich_dataset: Dataset) -> ReportContext:
    return build_context(_shared(rich_dataset.model_dump(mode="json", exclude_defaults=True)))


def test_activities_serving_several_objectives_add_up_to_the_total_exactly(
    shared_ctx: ReportContext,
) -> None:
    budgets = shared_ctx.objective_budgets
    mapped = shared_ctx.mapped_items()
    assert {(i.kind, i.code) for i in mapped} == {("activity", "K1"), ("activity", "K2")}
    assert sum(b.ceiling for b in budgets.values()) == 1_000_000_001 + 828_483_007
    assert sum(b.spent or 0 for b in budgets.values()) == 999_999_997 + 800_000_000
    # 33,33% / 33,33% / 33,34% of 1.000.000.001 are 333.300.000,3333 (twice) and
    # 333.400.000,3334: the one rupiah left after the floors goes to the largest remainder.
    assert [part for _, _, part in budgets["SS01"].lines] == [333_300_000]
    # Lines in the order the unit PKs list them: K2 (Sub Bagian PDI) before K1.
    assert budgets["SS02"].lines == (
        ("activity:K2", Decimal(70), 579_938_105),
        ("activity:K1", Decimal("33.33"), 333_300_000),
    )
    assert budgets["SS03"].lines == (
        ("activity:K2", Decimal(30), 248_544_902),
        ("activity:K1", Decimal("33.34"), 333_400_001),
    )

    document = build_lkj(shared_ctx, charts=False)
    table = _table(document, "Anggaran dan Efisiensi per Sasaran Strategis Tahun 2024")
    ceilings = [_rupiah(row[2].text) for row in table.rows]
    spent = [_rupiah(row[3].text) for row in table.rows]
    footer = table.footer[0]
    assert sum(ceilings) == _rupiah(footer[2].text) == 1_828_483_008
    assert sum(spent) == _rupiah(footer[3].text) == 1_799_999_997


def test_each_objective_is_credited_with_its_part_only(shared_ctx: ReportContext) -> None:
    document = build_lkj(shared_ctx, charts=False)
    support = _table(document, "Program dan Kegiatan Pendukung Sasaran Strategis 2")
    assert [[c.text for c in row][2:] for row in support.rows] == [
        ["Rp 828.483.007", "70%", "Rp 579.938.105"],
        ["Rp 1.000.000.001", "33,33%", "Rp 333.300.000"],
    ]
    assert support.footer[0][-1].text == format_rupiah(333_300_000 + 579_938_105)
    text = "\n".join(_paragraphs(document))
    assert (
        "Sasaran ini didukung anggaran sebesar Rp 913.238.105, yaitu bagian sasaran ini dari "
        "kegiatan Perencanaan dan Data (70% dari Rp 828.483.007) dan kegiatan Layanan "
        "Kepegawaian (33,33% dari Rp 1.000.000.001)"
    ) in text
    assert MISSING_MAPPING not in text


def test_each_table_follows_the_paragraph_that_introduces_it(shared_ctx: ReportContext) -> None:
    blocks = list(build_lkj(shared_ctx, charts=False).blocks())
    introduced = [
        (blocks[index - 1], block)
        for index, block in enumerate(blocks)
        if isinstance(block, Table)
        and (block.caption or "").startswith(("Program dan Kegiatan", "Anggaran dan Efisiensi"))
    ]
    assert len(introduced) == 4  # three objectives' supporting lines, then the budget per objective
    for before, _ in introduced:
        assert isinstance(before, Paragraph)
        assert before.text.endswith("tabel berikut:")


def test_budget_lines_not_mapped_are_named_and_kept_out_of_the_objectives(
    rich_dataset: Dataset,
) -> None:
    data = rich_dataset.model_dump(mode="json", exclude_defaults=True)
    del data["strategic_plan"]["programs"][1]["activities"][0]["objectives"]
    ctx = build_context(Dataset.model_validate(data))
    assert sum(b.ceiling for b in ctx.objective_budgets.values()) == 500_000_000
    text = "\n".join(_paragraphs(build_lkj(ctx, charts=False)))
    assert (
        "Anggaran yang tidak dinyatakan mendukung sasaran mana pun, yaitu kegiatan Perencanaan "
        "dan Data (Rp 828.483.000), berjumlah Rp 828.483.000 dan tidak dibagi ke sasaran."
    ) in text
    assert "Tidak ada program atau kegiatan yang dinyatakan mendukung sasaran ini." in text


def test_without_a_mapping_the_analysis_says_so_once(
    example_ctx: ReportContext, example_lkj: Document
) -> None:
    assert not example_ctx.has_budget_mapping
    paragraphs = _paragraphs(example_lkj)
    assert paragraphs.count(MISSING_MAPPING) == 1
    text = "\n".join(paragraphs)
    # No objective is credited with a unit's or the office's whole budget.
    assert "Sasaran ini didukung anggaran" not in text
    assert "Program dan Kegiatan Pendukung Sasaran Strategis" not in "\n".join(
        b.caption or "" for b in example_lkj.blocks() if isinstance(b, Table)
    )


def test_the_objectives_of_the_example_are_unmapped_as_the_reference_states_none() -> None:
    dataset = read_yaml(ROOT / "examples" / "kpu-kota-metro-2024.yaml")
    for program in dataset.strategic_plan.programs:
        assert program.objectives == []
        assert all(a.objectives == [] for a in program.activities)


@pytest.mark.parametrize(
    ("objectives", "message"),
    [
        (
            "[{objective: SS02, share: 60}, {objective: SS03, share: 30}]",
            "jumlah porsi sasaran harus 100, bukan 90",
        ),
        (
            "[{objective: SS02, share: 60}, {objective: SS03}]",
            "harus menyebut porsi setiap sasaran",
        ),
        ("[{objective: SS02, share: 60}]", "porsinya 100, bukan 60"),
        ("[{objective: SS02}, {objective: SS02}]", "sasaran SS02 disebut lebih dari sekali"),
        ("[{objective: SS09}]", "kode sasaran 'SS09' tidak dikenal"),
        ('[{objective: SS02, share: "enam puluh"}]', "porsi 'enam puluh' tidak terbaca"),
    ],
)
def test_shares_that_cannot_be_meant_are_refused_with_the_place(
    objectives: str, message: str
) -> None:
    mapped = (
        "          objectives:\n"
        "            - {objective: SS02, share: 60}\n"
        '            - {objective: SS03, share: "40%"}\n'
    )
    original = RICH.read_text(encoding="utf-8")
    assert mapped in original
    text = original.replace(mapped, f"          objectives: {objectives}\n")
    with pytest.raises(DatasetError) as caught:
        parse_yaml(text, "rich.yaml")
    assert message in str(caught.value)
    assert "rich.yaml" in str(caught.value)


def test_a_program_and_its_activities_cannot_both_be_mapped(rich_dataset: Dataset) -> None:
    data = rich_dataset.model_dump(mode="json", exclude_defaults=True)
    data["strategic_plan"]["programs"][1]["objectives"] = [{"objective": "SS02"}]
    with pytest.raises(ValueError, match="agar tidak dihitung dua kali"):
        Dataset.model_validate(data)


def test_total_of_the_mapped_budget_is_exact_for_the_rich_dataset(rich_ctx: ReportContext) -> None:
    mapped = total(i.ceiling for i in rich_ctx.mapped_items())
    assert sum(b.ceiling for b in rich_ctx.objective_budgets.values()) == mapped == 1_328_483_000


def test_with_no_unit_budget_the_office_s_program_lines_are_shared_out(
    rich_dataset: Dataset,
) -> None:
    data = rich_dataset.model_dump(mode="json", exclude_defaults=True)
    programs = data["strategic_plan"]["programs"]
    for program in programs:
        for activity in program["activities"]:
            activity.pop("objectives", None)
    programs[0]["objectives"] = [{"objective": "SS01"}]
    programs[1]["objectives"] = [
        {"objective": "SS02", "share": 50},
        {"objective": "SS03", "share": 50},
    ]
    year = next(y for y in data["years"] if y["year"] == 2024)
    for agreement in year["agreements"]:
        if agreement.get("work_unit"):
            agreement.pop("budget", None)
            agreement.pop("printed_total", None)
    ctx = build_context(Dataset.model_validate(data))
    assert not ctx.budget_items
    budgets = ctx.objective_budgets
    # 1.000.000.000 (DM) to SS01; 14.534.394.000 (PEMILU) halved between SS02 and SS03.
    assert [budgets[c].ceiling for c in ("SS01", "SS02", "SS03")] == [
        1_000_000_000,
        7_267_197_000,
        7_267_197_000,
    ]
    assert sum(b.ceiling for b in budgets.values()) == 15_534_394_000
