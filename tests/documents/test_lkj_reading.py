"""The LKj read sentence by sentence, as the leader who signs it reads it.

The drafted text must read as a person wrote it for any figures, not only the example's: three
synthetic offices (a province and two cities, with three years of history, offices below and
above their targets and indicators without a realisation), the example and the complete test
dataset. What is checked is the text of the document tree before the draft's own list of what
is missing: no `sebesar` standing as the verb of a sentence, no phrase about the data or the
software (`dalam data`, `oleh sistem`, `dicetak`, `ditampilkan`, `belum diisi`, `hasil hitung`),
no list that reads `a dan b, dan c`, no table announced that does not follow, no empty section,
and no average of a single figure.
"""

from __future__ import annotations

import functools
import itertools
import re
from pathlib import Path

import pytest

from kinerja.dataset.schema import Dataset
from kinerja.dataset.yamlio import read_yaml
from kinerja.documents.context import build_context
from kinerja.documents.lkj import build_lkj
from kinerja.documents.tree import Block, Document, Figure, Heading, ItemList, Paragraph, Table
from kinerja.synth.plans import office_dataset
from kinerja.synth.tree import shape

HERE = Path(__file__).parent
EXAMPLE = HERE.parents[1] / "examples" / "kpu-kota-metro-2024.yaml"
COMPLETE = HERE / "complete.yaml"
GAPS_HEADING = "Daftar Kekurangan (Draf)"
SYNTHETIC = ("province", "city-1", "city-2")


@functools.cache
def synthetic(which: str) -> Dataset:
    """A synthetic office of a five-office tree with three years (seed 1)."""
    tree = shape(5)
    by_code = {spec.code: spec for spec in tree}
    provinces = [s for s in tree if s.level == "province"]
    cities = [s for s in tree if s.level == "regency_city"]
    spec = {"province": provinces[0], "city-1": cities[0], "city-2": cities[-1]}[which]
    return office_dataset(read_yaml(EXAMPLE), spec, by_code, 3, 1).dataset


@functools.cache
def lkj(name: str) -> Document:
    if name == "example":
        dataset = read_yaml(EXAMPLE)
    elif name == "complete":
        dataset = read_yaml(COMPLETE)
    else:
        dataset = synthetic(name)
    return build_lkj(build_context(dataset), charts=False)


def body(document: Document) -> list[Block]:
    """The blocks before the draft's own appendix of what is missing."""
    blocks = document.blocks()
    end = next(
        (i for i, b in enumerate(blocks) if isinstance(b, Heading) and GAPS_HEADING in b.text),
        len(blocks),
    )
    return blocks[:end]


def sentences(document: Document) -> list[str]:
    texts: list[str] = []
    for block in body(document):
        if isinstance(block, Paragraph):
            texts.append(block.text)
        elif isinstance(block, ItemList):
            texts += [item.text for item in block.items]
    return [s for t in texts for s in re.split(r"(?<=[.!?])\s+", t) if s]


FORBIDDEN = (
    # `sebesar` qualifies an amount ("anggaran sebesar Rp ..."); it is not a sentence's verb
    r"Capaian sasaran sebesar",
    r"secara keseluruhan sebesar",
    r"Capaian kinerja instansi sebesar",
    r"Pagu anggaran Tahun \d{4} sebesar",
    # the data and the software are not the subject of an LKj
    r"\bdalam data\b",
    r"^Data\b",
    r"\boleh sistem\b",
    r"\b(dicetak|tercetak|mencetak|ditampilkan)\b",
    r"\bbelum diisi\b",
    r"\bhasil hitung\b",
    r"\byang mana\b",
)


@pytest.mark.parametrize("name", [*SYNTHETIC, "example", "complete"])
def test_drafted_sentences_read_as_a_person_writes(name: str) -> None:
    document = lkj(name)
    for sentence in sentences(document):
        for pattern in FORBIDDEN:
            assert not re.search(pattern, sentence), (pattern, sentence)


@pytest.mark.parametrize("name", SYNTHETIC)
def test_a_list_is_joined_once(name: str) -> None:
    """`a, b, dan c`, never `a dan b, dan c` (the history of three years of an indicator)."""
    found = sentences(lkj(name))
    for sentence in found:
        assert not re.search(
            r" dan [^;\u201c\u201d]*? pada tahun \d{4}(?: \(capaian [\d,]+%\))?, dan ", sentence
        ), sentence
    history = [s for s in found if s.startswith("Realisasi indikator")]
    assert history
    pattern = (
        r" pada tahun 2022\b.*, .+ pada tahun 2023\b.*, dan .+ pada tahun 2024"
        r"( \(capaian [\d,]+%\))?\.$"
    )
    for sentence in history:
        assert re.search(pattern, sentence), sentence


@pytest.mark.parametrize("name", [*SYNTHETIC, "complete"])
def test_a_comparison_the_data_allows_nowhere_is_stated_once(name: str) -> None:
    """No Renstra end target nor national standard for any indicator: one paragraph says so
    before the objectives; no objective repeats it, and each objective's analyses are lettered
    in order (a, b, c, ...), with no letter skipped."""
    document = lkj(name)
    paragraphs = [b.text for b in body(document) if isinstance(b, Paragraph)]
    said = [p for p in paragraphs if "standar nasional sebagai pembanding" in p]
    assert len(said) == 1, said
    assert sum("sehingga perbandingan dengan target jangka menengah" in p for p in paragraphs) <= 1
    blocks = body(document)
    leads: list[list[str]] = []
    for block in blocks:
        if isinstance(block, Heading) and block.text.startswith("Sasaran Strategis "):
            leads.append([])
        elif leads and isinstance(block, Paragraph) and block.runs and block.runs[0].bold:
            match = re.match(r"^([a-g])\. ", block.text)
            if match:
                leads[-1].append(match.group(1))
    assert leads
    for letters in leads:
        assert letters == list("abcdefg"[: len(letters)]), letters
        assert letters


@pytest.mark.parametrize("name", [*SYNTHETIC, "example", "complete"])
def test_a_table_announced_follows(name: str) -> None:
    """A drafted paragraph that announces a table is followed by it; none that announces one
    stands before a heading or a paragraph."""
    blocks = body(lkj(name))
    for block, after in itertools.pairwise(blocks):
        if isinstance(block, Paragraph) and re.search(r"tabel berikut[.:]$", block.text):
            assert isinstance(after, Table | Figure | ItemList), block.text


@pytest.mark.parametrize("name", [*SYNTHETIC, "example", "complete"])
def test_no_section_of_unit_results_stands_empty(name: str) -> None:
    blocks = body(lkj(name))
    at = [
        i
        for i, b in enumerate(blocks)
        if isinstance(b, Heading) and b.text == "Capaian per Unit Kerja"
    ]
    for index in at:
        assert not isinstance(blocks[index + 1], Heading)
    # the synthetic offices have no unit PK nor unit measurement: no such section
    if name in SYNTHETIC:
        assert at == []


@pytest.mark.parametrize("name", [*SYNTHETIC, "example", "complete"])
def test_an_objective_of_one_indicator_is_not_called_an_average(name: str) -> None:
    paragraphs = [b.text for b in body(lkj(name)) if isinstance(b, Paragraph)]
    single = [p for p in paragraphs if p.startswith("Sasaran strategis ini diukur dengan satu ")]
    for text in single:
        assert "rata-rata" not in text, text
        if "Capaian sasaran adalah" in text:
            assert "yaitu capaian indikatornya" in text, text


def _without_quarterly_targets(dataset: Dataset) -> Dataset:
    data = dataset.model_dump(mode="json", exclude_defaults=True)
    for year in data["years"]:
        for agreement in year.get("agreements", []):
            for row in agreement["rows"]:
                row.pop("quarterly_targets", None)
    return Dataset.model_validate(data)


def test_without_quarterly_targets_no_table_is_announced_nor_data_spoken_of() -> None:
    """B. Rencana Kinerja announces the Rencana Aksi table only when there is one; without
    quarterly targets it points to the PK of C, and says nothing of what the data lacks."""
    dataset = synthetic("city-1")
    for source, quarterly in ((dataset, True), (_without_quarterly_targets(dataset), False)):
        blocks = body(build_lkj(build_context(source), charts=False))
        at = next(
            i
            for i, b in enumerate(blocks)
            if isinstance(b, Heading) and b.text.startswith("B. Rencana Kinerja Tahun")
        )
        text, after = blocks[at + 1], blocks[at + 2]
        assert isinstance(text, Paragraph)
        if quarterly:
            assert text.text.endswith("disajikan pada tabel berikut.")
            assert isinstance(after, Table) and "Target Triwulan" in (after.caption or "")
        else:
            assert "Perjanjian Kinerja Tahun 2024 yang disajikan pada bagian berikutnya" in (
                text.text
            )
            assert isinstance(after, Heading) and after.text.startswith("C. Perjanjian Kinerja")


@pytest.mark.parametrize(
    ("name", "held"),
    [
        ("city-1", "Perjanjian Kinerja."),  # a draft without a recorded review
        ("complete", "Perjanjian Kinerja dan pernyataan telah direviu."),
    ],
)
def test_the_systematics_names_what_the_lampiran_holds(name: str, held: str) -> None:
    items = [
        item.text
        for block in body(lkj(name))
        if isinstance(block, ItemList)
        for item in block.items
        if item.text.startswith("Lampiran")
    ]
    assert items == [f"Lampiran: {held}"]


def test_the_scale_prints_the_offices_wording_only_when_there_is_one() -> None:
    """No column of dashes: the office's own wording of the ranges is a column only when the
    office wrote one (the example did)."""

    def scale(dataset: Dataset) -> Table:
        document = build_lkj(build_context(dataset), charts=False)
        return next(t for t in document.tables() if (t.caption or "").startswith("Kategori"))

    example = read_yaml(EXAMPLE)
    written = scale(example)
    assert [c.text for c in written.header[0]][-1] == "Rentang (rumusan instansi)"
    assert "Kurang dari 5%" in [row[-1].text for row in written.rows]
    settings = example.settings
    assert settings.rating_scale is not None
    bare = example.model_copy(
        update={
            "settings": settings.model_copy(
                update={
                    "rating_scale": settings.rating_scale.model_copy(
                        update={
                            "bands": [
                                b.model_copy(update={"printed": None})
                                for b in settings.rating_scale.bands
                            ]
                        }
                    )
                }
            )
        }
    )
    plain = scale(bare)
    assert [c.text for c in plain.header[0]] == ["No", "Kategori Capaian", "Rentang Capaian"]
    assert all(len(row) == 3 and row[-1].text != "-" for row in plain.rows)
