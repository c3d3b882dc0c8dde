"""The Perjanjian Kinerja of the office and of each work unit, in both formats."""

from __future__ import annotations

import pytest
from document_readers import docx_text, pdf_text

from kinerja.dataset.schema import Dataset
from kinerja.documents.context import ReportContext
from kinerja.documents.pk import AgreementNotFound, build_pk
from kinerja.documents.render import render
from kinerja.documents.tree import Signatures, Table

UNITS = [None, "pdi", "hukum-sdm", "keuangan-umum-logistik", "teknis-hupmas"]


@pytest.mark.parametrize("unit", UNITS)
def test_pk_of_office_and_each_unit_in_docx_and_pdf(
    example_dataset: Dataset, unit: str | None
) -> None:
    pdf = pdf_text(render(example_dataset, "pdf", kind="pk", unit=unit))
    docx = docx_text(render(example_dataset, "docx", kind="pk", unit=unit))
    for text in (" ".join(pdf.split()), docx):
        assert "PERJANJIAN KINERJA TAHUN 2024" in text
        assert "Dalam rangka mewujudkan manajemen pemerintahan yang efektif" in text
        assert "selaku atasan pihak pertama" in text
        assert "Pihak Pertama" in text and "Pihak Kedua" in text
        assert "Jumlah" in text


def test_office_pk_parties_and_total(example_ctx: ReportContext) -> None:
    document = build_pk(example_ctx)
    signatures = next(b for b in document.blocks() if isinstance(b, Signatures))
    second, first = signatures.blocks
    assert second.name == "Erzal Syahreza Aswir"
    assert second.role == ("Pihak Kedua,", "Ketua KPU Kota Metro")
    assert first.role[1] == "Sekretaris KPU Kota Metro"
    assert first.place_date == "Metro, .................................... 2024"
    budget = [b for b in document.blocks() if isinstance(b, Table)][-1]
    assert budget.footer[0][-1].text == "Rp 15.534.394.000"
    targets = [b for b in document.blocks() if isinstance(b, Table)][-2]
    assert len(targets.rows) == 25


def test_unit_pk_names_the_unit_head_and_the_secretary(rich_ctx: ReportContext) -> None:
    document = build_pk(rich_ctx, "pdi")
    signatures = next(b for b in document.blocks() if isinstance(b, Signatures))
    second, first = signatures.blocks
    assert first.name == "Andi Wijaya" and first.nip == "198002022005011002"
    assert second.name == "Budi Santoso"
    assert first.place_date == "Contoh, .................................... 2024"


def test_quarterly_targets_appear_when_the_pk_has_them(rich_ctx: ReportContext) -> None:
    document = build_pk(rich_ctx)
    table = [b for b in document.blocks() if isinstance(b, Table)][-2]
    assert [c.text for c in table.header[0]][-4:] == ["TW I", "TW II", "TW III", "TW IV"]
    assert build_pk(rich_ctx, quarterly=False).tables()[-2].header[0][-1].text == "Target"


def test_signed_on_date_is_printed(rich_ctx: ReportContext) -> None:
    document = build_pk(rich_ctx)
    signatures = next(b for b in document.blocks() if isinstance(b, Signatures))
    assert signatures.blocks[1].place_date == "Contoh, 31 Januari 2024"


def test_missing_pk_is_explained(example_ctx: ReportContext) -> None:
    with pytest.raises(AgreementNotFound, match="unit kerja 'tidak-ada' tidak dikenal"):
        build_pk(example_ctx, "tidak-ada")


def test_title_keeps_the_names_as_written_and_the_page_prints_them_in_capitals(
    example_ctx: ReportContext,
) -> None:
    document = build_pk(example_ctx, "pdi")
    assert document.title == (
        "Perjanjian Kinerja Tahun 2024 Sub Bagian Perencanaan, Data dan Informasi "
        "Komisi Pemilihan Umum Kota Metro"
    )
    assert build_pk(example_ctx).title == (
        "Perjanjian Kinerja Tahun 2024 Komisi Pemilihan Umum Kota Metro"
    )
    heading = [b.runs[0].text for b in document.blocks()[:3]]  # type: ignore[attr-defined]
    assert heading == [
        "PERJANJIAN KINERJA TAHUN 2024",
        "SUB BAGIAN PERENCANAAN, DATA DAN INFORMASI",
        "KOMISI PEMILIHAN UMUM KOTA METRO",
    ]
