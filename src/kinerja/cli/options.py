"""Arguments and options that several `kinerja` commands share, so they read the same everywhere."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

FileArg = Annotated[
    Path | None,
    typer.Argument(help="Berkas dataset (.yaml atau .xlsx).", show_default=False),
]
AgencyOpt = Annotated[
    str | None,
    typer.Option("--agency", "-a", help="Kode instansi di basis data.", show_default=False),
]
YearOpt = Annotated[
    int | None,
    typer.Option("--year", "-y", help="Tahun anggaran (bawaan: tahun terakhir di dataset)."),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Cetak sebagai JSON.")]
UserOpt = Annotated[
    str | None,
    typer.Option(
        "--user",
        help="Nama pengguna yang memuat: nilai baru atau berubah tercatat diajukan olehnya "
        "dan harus diverifikasi perencana lain.",
        show_default=False,
    ),
]
