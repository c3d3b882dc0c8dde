"""The organisation section: the chart drawn from the organisation data, placed right after the
paragraph that announces it; tables after their introduction; nothing printed twice (issue 12)."""

from __future__ import annotations

from typing import Any

import pytest

from kinerja.dataset.schema import Dataset
from kinerja.documents.context import ReportContext, build_context
from kinerja.documents.lkj import build_lkj
from kinerja.documents.organisation import chart_rows, organisation_charts
from kinerja.documents.tree import Document, Figure, ItemList, Paragraph, Table


def _boxes(rows: list[dict[str, Any]]) -> list[list[tuple[str, str | None]]]:
    return [[(box["title"], box["name"]) for box in row["boxes"]] for row in rows]


def _structured(data: dict[str, Any]) -> Dataset:
    """The rich dataset with a commissioner period, a second division and a reporting line."""
    data["organization"]["divisions"].append({"code": "hukum", "name": "Divisi Hukum"})
    data["organization"]["commissioner_periods"] = [
        {
            "start": 2024,
            "end": 2029,
            "figure": "Gambar 7. Struktur Organisasi KPU Kota Contoh Periode 2024-2029",
            "members": [
                {"name": "Siti Aminah", "position": "Ketua", "division": "teknis"},
                {"name": "Rudi Hartono", "position": "Anggota", "division": "hukum"},
                {"name": "Dewi Lestari", "position": "Anggota"},
                {"name": "Joko Susilo", "position": "Wakil Ketua Divisi", "division": "hukum"},
            ],
        }
    ]
    data["work_units"].append(
        {"code": "arsip", "name": "Urusan Arsip", "reports_to": "hukum", "head": {"name": "Tono"}}
    )
    return Dataset.model_validate(data)


def test_the_chart_follows_units_heads_and_reporting_lines(rich_dataset: Dataset) -> None:
    dataset = _structured(rich_dataset.model_dump(mode="json", exclude_defaults=True))
    rows = chart_rows(dataset, dataset.organization.commissioner_periods[0])
    assert _boxes(rows) == [
        [("Ketua (Ketua Divisi Teknis Penyelenggaraan)", "Siti Aminah")],
        [
            ("Divisi Hukum", "Rudi Hartono"),
            ("Anggota", "Dewi Lestari"),
            ("Wakil Ketua Divisi", "Joko Susilo"),
        ],
        [("Sekretaris", "Budi Santoso")],
        [
            ("Sub Bagian Perencanaan, Data dan Informasi", "Andi Wijaya"),
            ("Sub Bagian Hukum dan SDM", None),
        ],
        [("Urusan Arsip", "Tono")],
    ]
    # The secretariat hangs from the chair by a dashed line, through the gap left in the
    # commissioners' row; the unit reports to the unit it names.
    assert rows[1]["centre_gap"] is True
    secretary = rows[2]["boxes"][0]
    assert (secretary["parent"], secretary["dashed"]) == ([0, 0], True)
    assert [b["parent"] for b in rows[3]["boxes"]] == [[2, 0], [2, 0]]
    assert rows[4]["boxes"][0]["parent"] == [3, 1]

    ((chart, caption),) = organisation_charts(dataset)
    assert caption == "Struktur Organisasi KPU Kota Contoh Periode 2024-2029"
    svg = chart.svg().decode()
    for name in ("Siti Aminah", "Budi Santoso", "Andi Wijaya", "Urusan Arsip", "Divisi Hukum"):
        assert name in svg
    assert "stroke-dasharray" in svg
    assert chart.png().startswith(b"\x89PNG")


def test_no_one_is_named_whom_the_data_does_not_name(example_ctx: ReportContext) -> None:
    period = example_ctx.dataset.organization.commissioner_periods[0]
    rows = chart_rows(example_ctx.dataset, period)
    assert all(name is None for row in _boxes(rows) for _, name in row)
    assert [title for title, _ in _boxes(rows)[1]] == [
        d.name for d in example_ctx.dataset.organization.divisions
    ]
    assert len(_boxes(rows)[3]) == 4  # the four sub bagian under the secretary


def test_gambar_1_and_2_follow_the_paragraph_that_announces_them(example_lkj: Document) -> None:
    blocks = example_lkj.blocks()
    first = next(
        i for i, b in enumerate(blocks) if isinstance(b, Figure) and b.chart.kind == "organisation"
    )
    announcing = blocks[first - 1]
    assert isinstance(announcing, Paragraph)
    assert announcing.text == "Selanjutnya Struktur Organisasi KPU Kota Metro sebagai berikut :"
    one, two = blocks[first], blocks[first + 1]
    assert isinstance(one, Figure) and isinstance(two, Figure)
    assert (one.number, one.caption) == (
        1,
        "Struktur Pembagian Divisi Komisioner KPU Kota Metro Periode 2019-2024",
    )
    assert (two.number, two.caption) == (
        2,
        "Struktur Pembagian Divisi Komisioner KPU Kota Metro Periode 2024 - 2029",
    )
    following = blocks[first + 2]
    assert isinstance(following, Paragraph)
    assert following.text.startswith("Lebih lanjut tentang tugas dan kebijakan setiap divisi")


def test_without_written_text_the_chart_gets_a_drafted_introduction(rich_lkj: Document) -> None:
    blocks = rich_lkj.blocks()
    index = next(i for i, b in enumerate(blocks) if isinstance(b, Figure))
    assert blocks[index - 1] == Paragraph.of(
        "Struktur organisasi KPU Kota Contoh sebagai berikut:", keep_with_next=True
    )
    figure = blocks[index]
    assert isinstance(figure, Figure)
    assert figure.caption == "Struktur Organisasi KPU Kota Contoh"


def test_supporting_tables_follow_the_paragraph_that_announces_them(
    example_lkj: Document,
) -> None:
    blocks = example_lkj.blocks()

    def before(caption: str) -> str:
        index = next(
            i for i, b in enumerate(blocks) if isinstance(b, Table) and b.caption == caption
        )
        previous = blocks[index - 1]
        return previous.text if isinstance(previous, Paragraph) else type(previous).__name__

    # Tabel 11-13 of the source follow "... tabel di bawah ini :", Tabel 26 "... tabel berikut:".
    assert before("Pengelolaan Dokumen Hukum Keputusan KPU Kota Metro").endswith(
        "dapat tergambarkan pada tabel di bawah ini :"
    )
    assert before("Produk Hukum Yang Telah Diunggah Di KPU Kota Metro") == "Table"
    assert before("Sarana Transportasi KPU Kota Metro").endswith(
        "dapat dilihat dari tabel berikut:"
    )


def test_nothing_is_printed_twice(example_lkj: Document) -> None:
    paragraphs = [b.text for b in example_lkj.blocks() if isinstance(b, Paragraph)]
    # Visi and Misi are in the planner's Renstra text: no second, generated copy.
    assert "Visi" not in paragraphs and "Misi" not in paragraphs and "Program" not in paragraphs
    vision = "Menjadi Penyelenggara Pemilihan Serentak yang Mandiri, Profesional, dan Berintegritas"
    assert sum(vision in p for p in paragraphs) == 1
    # The applications are listed in the text; the same lists are not printed again as tables.
    captions = [t.caption or "" for t in example_lkj.tables()]
    assert "Aplikasi tahapan kepemiluan yang diterapkan KPU Kota Metro" not in captions
    assert "Layanan SPBE (e-government) yang digunakan KPU Kota Metro" not in captions
    items = [i.text for b in example_lkj.blocks() if isinstance(b, ItemList) for i in b.items]
    assert sum("(SIDALIH)" in i for i in items) == 1
    assert sum("(SIMPEG)" in i for i in items) == 1
    # A table the text does not list is still printed.
    assert "Badan ad hoc yang dibentuk KPU Kota Metro Tahun 2024" in captions


def test_a_reporting_line_that_loops_is_refused(rich_dataset: Dataset) -> None:
    data = rich_dataset.model_dump(mode="json", exclude_defaults=True)
    data["work_units"][0]["reports_to"] = "hukum"
    data["work_units"][1]["reports_to"] = "pdi"
    with pytest.raises(ValueError, match="berputar kembali"):
        Dataset.model_validate(data)


def test_charts_off_leaves_the_organisation_text_alone(rich_dataset: Dataset) -> None:
    document = build_lkj(build_context(rich_dataset), charts=False)
    assert document.figures() == []
    texts = [b.text for b in document.blocks() if isinstance(b, Paragraph)]
    assert "Struktur organisasi KPU Kota Contoh sebagai berikut:" not in texts


def _before(document: Document, caption: str) -> str:
    blocks = document.blocks()
    index = next(i for i, b in enumerate(blocks) if isinstance(b, Table) and b.caption == caption)
    previous = blocks[index - 1]
    return previous.text if isinstance(previous, Paragraph) else type(previous).__name__


def test_the_rating_scale_and_the_formulas_follow_their_announcement(
    example_lkj: Document, rich_lkj: Document
) -> None:
    # The source: "... skala penilaian capaian sebagai berikut :", Tabel 2, then "... rumus:".
    assert _before(example_lkj, "Kategori Capaian (Skala Penilaian Capaian)").endswith(
        "dikategorikan sesuai skala penilaian capaian sebagai berikut :"
    )
    blocks = example_lkj.blocks()
    formula = next(
        i
        for i, b in enumerate(blocks)
        if isinstance(b, Paragraph) and b.text.endswith("setiap indikator digunakan rumus:")
    )
    formulas = blocks[formula + 1]
    assert isinstance(formulas, ItemList)
    assert formulas.items[0].text.startswith("Indikator makin tinggi makin baik")
    # Without the planner's text, a drafted sentence announces the scale.
    assert _before(rich_lkj, "Kategori Capaian (Skala bawaan Kinerja)") == (
        "Capaian setiap indikator dikategorikan menurut skala pada tabel berikut:"
    )


def test_a_unit_s_measurement_table_follows_the_paragraph_announcing_it(
    example_lkj: Document,
) -> None:
    caption = "Pengukuran Kinerja Sub Bagian Perencanaan, Data dan Informasi Tahun 2024"
    assert _before(example_lkj, caption) == (
        "Adapun capaian kinerja dari sub Program dan Data adalah sebagai berikut:"
    )
    # A unit whose text does not open by announcing it keeps the table before the text.
    assert _before(example_lkj, "Pengukuran Kinerja Sub Bagian Hukum dan SDM Tahun 2024") == (
        "Table"
    )
