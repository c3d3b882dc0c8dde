"""BAB II D. Pohon Kinerja: printed when the plan links its indicators to the parent office's,
in a final LKj as in a draft, the same in DOCX and PDF; absent from an LKj without links."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import pytest
from document_readers import docx_text, pdf_text

from kinerja.dataset.schema import Dataset
from kinerja.dataset.yamlio import read_yaml
from kinerja.documents.context import build_context
from kinerja.documents.docx_writer import write_docx
from kinerja.documents.lkj import build_lkj
from kinerja.documents.tree import Document, Heading, ItemList, Paragraph, Table
from kinerja.documents.typst_writer import write_pdf
from kinerja.synth.plans import office_dataset
from kinerja.synth.tree import shape

COMPLETE = Path(__file__).with_name("complete.yaml")
CAPTION = "Pohon Kinerja KPU Kota Contoh Tahun 2024"


def cascaded(narrative: str | None = None) -> Dataset:
    """The complete dataset linked to its province's indicators, with a PK of the Hukum dan
    SDM unit that words IK01 its own way; IK05 serves nothing."""
    data: dict[str, Any] = read_yaml(COMPLETE).model_dump(mode="json", exclude_defaults=True)
    data["agency"]["parents"] = [
        {"code": "kpu-ri", "name": "KPU RI", "level": "national"},
        {"code": "kpu-provinsi-contoh", "name": "KPU Provinsi Contoh", "level": "province"},
    ]
    serves = {"IK01": "P-IK01", "IK02": "P-IK01", "IK03": "P-IK07", "IK04": "P-IK09"}
    for objective in data["strategic_plan"]["objectives"]:
        for indicator in objective["indicators"]:
            if indicator["code"] in serves:
                indicator["serves"] = serves[indicator["code"]]
    year = next(y for y in data["years"] if y["year"] == 2024)
    year["agreements"].append(
        {
            "work_unit": "hukum",
            "rows": [
                {
                    "objective": "SS01",
                    "indicator": "IK01",
                    "target": "100%",
                    "printed_indicator": "Persentase pegawai Sub Bagian yang dilatih",
                },
                {"objective": "SS01", "indicator": "IK02", "target": "4 laporan"},
            ],
        }
    )
    if narrative is not None:
        year["narrative"] = [
            *year.get("narrative", []),
            {"key": "pohon_kinerja", "text": narrative},
        ]
    return Dataset.model_validate(data)


@functools.cache
def final_lkj() -> Document:
    return build_lkj(build_context(cascaded()), charts=False, mode="final")


def _table(document: Document) -> Table:
    return next(t for t in document.tables() if t.caption == CAPTION)


def _systematics(document: Document) -> str:
    """The BAB II line of the Sistematika Laporan."""
    return next(
        item.text
        for block in document.blocks()
        if isinstance(block, ItemList)
        for item in block.items
        if item.text.startswith("BAB II Perencanaan Kinerja")
    )


def test_an_lkj_without_links_has_no_cascade(example_lkj: Document) -> None:
    assert not any("Pohon Kinerja" in h.text for h in example_lkj.headings())
    assert not any("Pohon Kinerja" in (t.caption or "") for t in example_lkj.tables())


def test_the_cascade_closes_bab_ii_after_the_performance_agreement() -> None:
    document = final_lkj()
    headings = [h.full_text for h in document.headings()]
    bab2, bab3 = (
        headings.index("BAB II PERENCANAAN KINERJA"),
        headings.index("BAB III AKUNTABILITAS KINERJA"),
    )
    assert headings[bab2 + 1 : bab3] == [
        "A. Rencana Strategis 2020-2024",
        "B. Rencana Kinerja Tahun 2024",
        "C. Perjanjian Kinerja Tahun 2024",
        "D. Pohon Kinerja",
    ]
    table = _table(document)
    numbers = [t.number for t in document.tables() if t.number is not None]
    assert numbers == sorted(numbers) and table.number in numbers
    pk = next(t for t in document.tables() if (t.caption or "").startswith("Perjanjian Kinerja"))
    assert pk.number is not None and table.number is not None and table.number > pk.number
    header = [cell.text for cell in table.header[0]]
    assert header == [
        "No",
        "Sasaran Strategis",
        "Indikator Kinerja KPU Kota Contoh",
        "Indikator KPU Provinsi Contoh yang Didukung",
        "Unit Kerja",
        "Indikator Kinerja Unit Kerja",
    ]
    rows = [[cell.text for cell in row] for row in table.rows]
    assert rows[0] == [
        "1",
        "Meningkatnya kapasitas SDM",
        "IK01 Persentase pegawai yang mengikuti pelatihan",
        "P-IK01",
        "Sub Bagian Hukum dan SDM",
        "Persentase pegawai Sub Bagian yang dilatih (target 100%)",
    ]
    assert rows[1] == [
        "IK02 Jumlah laporan kepegawaian",
        "P-IK01",
        "Sub Bagian Hukum dan SDM",
        "Jumlah laporan kepegawaian (target 4 laporan)",
    ]
    assert table.rows[0][0].rowspan == 2  # the objective spans its two indicators
    last = rows[-1]
    assert last[-4:] == [
        "IK05 Persentase data pemilih yang dimutakhirkan",
        "-",
        "Sub Bagian Perencanaan, Data dan Informasi",
        "Persentase data pemilih yang dimutakhirkan",
    ]
    intro = next(
        b for b in document.blocks() if isinstance(b, Paragraph) and "pohon kinerja" in b.text
    )
    assert "mendukung pencapaian indikator kinerja KPU Provinsi Contoh" in intro.text
    assert _systematics(document).endswith("beserta anggarannya, dan pohon kinerja.")
    assert document.watermark is None


def test_docx_and_pdf_print_the_same_cascade() -> None:
    document = final_lkj()
    number = _table(document).number
    for text in (docx_text(write_docx(document)), pdf_text(write_pdf(document))):
        flat = " ".join(text.split())
        assert f"Tabel {number}. {CAPTION}" in flat
        assert "D. Pohon Kinerja" in flat
        assert "dilatih" in flat  # the unit PK's wording (a table cell wraps it in the PDF)
        assert "P-IK07" in flat and "P-IK09" in flat
        assert "DRAFT" not in text


def test_a_synthetic_office_below_the_nation_prints_its_cascade(example_dataset: Dataset) -> None:
    tree = shape(5)
    by_code = {spec.code: spec for spec in tree}
    city = next(spec for spec in tree if spec.level == "regency_city")
    document = build_lkj(
        build_context(office_dataset(example_dataset, by_code[city.code], by_code, 1, 3).dataset),
        charts=False,
    )
    table = next(t for t in document.tables() if (t.caption or "").startswith("Pohon Kinerja"))
    assert table.header[0][3].text == "Indikator KPU Provinsi Lampung yang Didukung"
    first = [cell.text for cell in table.rows[0]]
    assert first[3] == "IK01" and first[2].startswith("IK01 ")
    assert first[4] == "Sub Bagian Hukum dan SDM"
    root = office_dataset(example_dataset, tree[0], by_code, 1, 3).dataset
    assert not any(
        "Pohon Kinerja" in h.text for h in build_lkj(build_context(root), charts=False).headings()
    )


def test_the_planners_text_replaces_the_drafted_introduction_once() -> None:
    text = "Pohon kinerja disusun bersama Sub Bagian dan disahkan Sekretaris."
    document = build_lkj(build_context(cascaded(text)), charts=False)
    blocks = document.blocks()
    at = blocks.index(
        next(b for b in blocks if isinstance(b, Heading) and b.text == "D. Pohon Kinerja")
    )
    assert isinstance(blocks[at + 1], Paragraph) and blocks[at + 1].text == text
    assert isinstance(blocks[at + 2], Table) and blocks[at + 2].caption == CAPTION
    paragraphs = [b.text for b in blocks if isinstance(b, Paragraph)]
    assert paragraphs.count(text) == 1
    assert not any(re.search(r"disusun berjenjang", p) for p in paragraphs)


PARENT_NAMES = {
    "P-IK01": "Persentase pegawai KPU Provinsi yang mengikuti pelatihan",
    "P-IK07": "Jumlah laporan keuangan yang tepat waktu",
    "P-IK09": "Indeks kepuasan layanan informasi publik",
}


def test_the_parent_indicator_is_named_where_its_plan_is_known() -> None:
    """The cell of the parent's indicator prints its name after its code (as the web's tree
    does) when the caller knows the parent's plan; a file alone gives the code."""
    named = build_lkj(
        build_context(cascaded(), parent_indicators=PARENT_NAMES), charts=False, mode="final"
    )
    rows = [[cell.text for cell in row] for row in _table(named).rows]
    assert rows[0][3] == "P-IK01 Persentase pegawai KPU Provinsi yang mengikuti pelatihan"
    assert rows[1][:2] == [
        "IK02 Jumlah laporan kepegawaian",
        "P-IK01 Persentase pegawai KPU Provinsi yang mengikuti pelatihan",
    ]
    served = {row[-3] for row in rows if len(row) >= 4}
    assert "P-IK07 Jumlah laporan keuangan yang tepat waktu" in served
    flat = " ".join(docx_text(write_docx(named)).split())
    assert "P-IK09 Indeks kepuasan layanan informasi publik" in flat
    printed = pdf_text(write_pdf(named))  # a PDF table cell wraps its text over lines
    assert "P-IK09" in printed and "kepuasan" in printed
    unnamed = [[cell.text for cell in row] for row in _table(final_lkj()).rows]
    assert unnamed[0][3] == "P-IK01"


def test_the_introduction_says_every_indicator_only_when_every_one_serves(
    example_dataset: Dataset,
) -> None:
    """IK05 of the linked complete dataset serves nothing: four of its five indicators serve
    the province's; every indicator of a synthetic city serves its province's."""
    intro = next(
        b.text
        for b in final_lkj().blocks()
        if isinstance(b, Paragraph) and "disusun berjenjang" in b.text
    )
    assert "empat dari lima indikator mendukung pencapaian indikator kinerja KPU Provinsi" in intro
    assert "setiap indikator" not in intro
    tree = shape(5)
    by_code = {spec.code: spec for spec in tree}
    city = next(spec for spec in tree if spec.level == "regency_city")
    document = build_lkj(
        build_context(office_dataset(example_dataset, by_code[city.code], by_code, 1, 3).dataset),
        charts=False,
    )
    intro = next(
        b.text
        for b in document.blocks()
        if isinstance(b, Paragraph) and "disusun berjenjang" in b.text
    )
    assert "setiap indikator mendukung pencapaian indikator kinerja KPU Provinsi Lampung" in intro


@pytest.mark.django_db
def test_an_lkj_from_the_database_names_the_parents_indicators(
    example_dataset: Dataset, tmp_path: Path
) -> None:
    """`kinerja report --agency` (and the web's downloads, through the same
    `parent_indicator_names`) reads the names from the parent office's stored plan."""
    from typer.testing import CliRunner

    from kinerja.agencies.datasets import find_agency, import_dataset, parent_indicator_names
    from kinerja.cli import app

    tree = shape(5)
    by_code = {spec.code: spec for spec in tree}
    city = next(spec for spec in tree if spec.level == "regency_city")
    assert city.parent is not None
    province = office_dataset(example_dataset, by_code[city.parent], by_code, 1, 3).dataset
    # The province's own wording, so that a name taken from the city's plan would show.
    renamed = province.model_copy(
        update={
            "strategic_plan": province.strategic_plan.model_copy(
                update={
                    "objectives": [
                        o.model_copy(
                            update={
                                "indicators": [
                                    i.model_copy(update={"name": f"{i.name} tingkat provinsi"})
                                    for i in o.indicators
                                ]
                            }
                        )
                        for o in province.strategic_plan.objectives
                    ]
                }
            )
        }
    )
    import_dataset(renamed)
    import_dataset(office_dataset(example_dataset, by_code[city.code], by_code, 1, 3).dataset)
    names = parent_indicator_names(find_agency(city.code), 2024)
    first = renamed.strategic_plan.objectives[0].indicators[0]
    assert names[first.code] == first.name and first.name.endswith("tingkat provinsi")
    out = tmp_path / "lkj.docx"
    result = CliRunner().invoke(
        app, ["report", "--agency", city.code, "--year", "2024", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    flat = " ".join(docx_text(out.read_bytes()).split())
    assert f"{first.code} {first.name}" in flat
