"""`kinerja logo`: set or remove the office logo printed on the LKj cover and the PK."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kinerja.cli.sources import fail, setup_django

commands = typer.Typer()


@commands.command()
def logo(
    agency: Annotated[str, typer.Option("--agency", "-a", help="Kode instansi.")],
    image: Annotated[
        Path | None,
        typer.Argument(help="Gambar PNG atau JPEG, paling besar 1 MB.", show_default=False),
    ] = None,
    remove: Annotated[
        bool, typer.Option("--hapus", help="Hapus logo: dokumen dicetak tanpa logo.")
    ] = False,
) -> None:
    """Simpan logo instansi (dicetak di sampul LKj dan di atas judul PK), atau hapus."""
    setup_django()
    from kinerja.agencies.logo import ImageRejected, clear_logo, set_logo
    from kinerja.agencies.models import Agency
    from kinerja.documents.images import MAX_LOGO_BYTES

    found = Agency.objects.filter(code=agency, has_dataset=True).first()
    if found is None:
        raise fail(f"Instansi '{agency}' tidak ada di basis data.")
    if remove:
        clear_logo(found)
        typer.echo(f"Logo {found.name} dihapus.")
        return
    if image is None:
        raise fail("Sebutkan berkas gambar logo, atau --hapus.")
    try:
        with image.open("rb") as handle:
            data = handle.read(MAX_LOGO_BYTES + 1)
    except OSError as exc:
        raise fail(f"{image}: berkas logo tidak dapat dibaca ({exc.strerror}).") from None
    try:
        kind = set_logo(found, data)
    except ImageRejected as exc:
        raise fail(f"{image}: {exc}") from None
    typer.echo(f"Logo {found.name} disimpan ({kind.upper()}, {len(data)} bita).")
