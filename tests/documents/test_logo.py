"""The office logo: refused unless a real PNG or JPEG of bounded size; printed on the cover of
the LKj and on the PK in DOCX (an image part) and PDF (an image object)."""

from __future__ import annotations

import io
import subprocess
import tempfile
import zipfile

import pytest
from document_readers import need
from PIL import Image, ImageDraw

from kinerja.documents.context import ReportContext
from kinerja.documents.docx_writer import write_docx
from kinerja.documents.images import MAX_LOGO_BYTES, ImageRejected, inspect_image
from kinerja.documents.lkj import build_lkj
from kinerja.documents.pk import build_pk
from kinerja.documents.tree import Cover, Logo
from kinerja.documents.typst_writer import write_pdf


def emblem(fmt: str = "PNG", size: tuple[int, int] = (240, 300)) -> bytes:
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    draw.ellipse((10, 10, size[0] - 10, size[1] - 10), fill="#B91C1C", outline="#1D4ED8", width=8)
    draw.rectangle((size[0] // 3, size[1] // 3, 2 * size[0] // 3, 2 * size[1] // 3), fill="gold")
    buffer = io.BytesIO()
    image.save(buffer, fmt)
    return buffer.getvalue()


def docx_media(docx: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return [n for n in archive.namelist() if n.startswith("word/media/")]


def pdf_images(pdf: bytes) -> list[str]:
    """The image objects of the PDF (poppler's `pdfimages -list`, one line each)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        listing = subprocess.run(
            [need("pdfimages"), "-list", file.name], capture_output=True, check=True
        ).stdout.decode()
    return listing.splitlines()[2:]


def test_png_and_jpeg_are_read_from_their_header() -> None:
    png = inspect_image(emblem("PNG", (240, 300)))
    jpeg = inspect_image(emblem("JPEG", (320, 200)))
    assert (png.kind, png.width, png.height) == ("png", 240, 300)
    assert (jpeg.kind, jpeg.width, jpeg.height) == ("jpeg", 320, 200)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.7 not an image", "bukan gambar PNG atau JPEG"),
        (b"GIF89a......", "bukan gambar PNG atau JPEG"),
        (b"", "kosong"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 40, "rusak"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * (MAX_LOGO_BYTES + 1), "lebih dari 1 MB"),
    ],
)
def test_a_file_that_is_not_a_bounded_image_is_refused_in_indonesian(
    data: bytes, message: str
) -> None:
    with pytest.raises(ImageRejected, match=message):
        inspect_image(data)


def test_an_image_larger_than_allowed_in_pixels_is_refused() -> None:
    with pytest.raises(ImageRejected, match="paling besar 4000 piksel"):
        inspect_image(emblem("PNG", (4100, 20)))


def test_lkj_cover_prints_the_logo_in_docx_and_pdf(example_ctx: ReportContext) -> None:
    logo = emblem()
    plain = build_lkj(example_ctx, charts=False)
    marked = build_lkj(example_ctx, charts=False, logo=logo)
    cover = marked.sections[0].blocks[0]
    assert isinstance(cover, Cover) and cover.logo == Logo(logo)
    assert docx_media(write_docx(plain)) == []
    media = docx_media(write_docx(marked))
    assert len(media) == 1 and media[0].endswith(".png")
    assert pdf_images(write_pdf(plain)) == []
    images = pdf_images(write_pdf(marked))
    assert len(images) == 1 and images[0].split()[0] == "1"  # on page 1, the cover


def test_pk_prints_the_logo_above_its_title_in_docx_and_pdf(example_ctx: ReportContext) -> None:
    logo = emblem("JPEG")
    document = build_pk(example_ctx, logo=logo)
    assert document.sections[0].blocks[0] == Logo(logo, height=2.5)
    media = docx_media(write_docx(document))
    assert len(media) == 1 and media[0].endswith((".jpg", ".jpeg"))
    images = pdf_images(write_pdf(document))
    assert len(images) == 1 and images[0].split()[0] == "1"
    assert pdf_images(write_pdf(build_pk(example_ctx))) == []
