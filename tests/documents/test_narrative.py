"""Planner text into blocks, and the drafted sentences made from the numbers."""

from __future__ import annotations

from kinerja.documents.context import ReportContext
from kinerja.documents.narrative import (
    indicator_sentence,
    join_words,
    objective_sentence,
    text_blocks,
)
from kinerja.documents.tree import ItemList, Paragraph


def test_planner_text_splits_into_paragraphs_and_items() -> None:
    blocks = text_blocks("Satu\nbaris dua.\n\n- a. pertama\n- (2) kedua\n- tanpa label\n\nAkhir")
    assert isinstance(blocks[0], Paragraph)
    assert blocks[0].text == "Satu baris dua."
    assert isinstance(blocks[1], ItemList)
    assert [(i.label, i.text) for i in blocks[1].items] == [
        ("a.", "pertama"),
        ("(2)", "kedua"),
        (None, "tanpa label"),
    ]
    assert isinstance(blocks[2], Paragraph)


def test_measured_indicator_sentence_names_target_realisation_and_rating(
    example_ctx: ReportContext,
) -> None:
    ind = example_ctx.result.indicators[0]
    sentence = indicator_sentence(ind)
    assert "ditargetkan 3 Orang dan terealisasi 5 orang" in sentence
    assert "capaiannya 166,67% dengan kategori Sangat Baik" in sentence
    # the figure a work unit's table prints and the computed one are both named
    assert (
        "Tabel pengukuran unit kerja mencantumkan capaian 100%, sedangkan hasil perhitungan 166,67%"
        in sentence
    )


def test_unmeasured_indicator_is_never_counted_as_zero(example_ctx: ReportContext) -> None:
    ind = next(i for i in example_ctx.result.indicators if i.code == "IK08")
    assert "belum diukur karena realisasinya belum tersedia" in indicator_sentence(ind)
    assert "tidak dihitung dalam rata-rata" in indicator_sentence(ind)


def test_objective_sentence_gives_the_roll_up(example_ctx: ReportContext) -> None:
    obj = example_ctx.result.objectives[1]
    sentence = objective_sentence(obj, example_ctx.result)
    assert "diukur dengan dua indikator; capaian seluruhnya dapat dihitung" in sentence
    assert "Capaian sasaran adalah 100,00% (Baik)" in sentence


def test_lists_join_the_indonesian_way() -> None:
    assert join_words(["a"]) == "a"
    assert join_words(["a", "b"]) == "a dan b"
    assert join_words(["a", "b", "c"]) == "a, b, dan c"
