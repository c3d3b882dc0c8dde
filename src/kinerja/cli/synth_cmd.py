"""`kinerja synth`: the synthetic national KPU tree, into the database or as dataset files."""

from __future__ import annotations

import time
from decimal import Decimal
from pathlib import Path
from typing import Annotated

import typer

from kinerja.cli.sources import explain, fail, setup_django
from kinerja.dataset.errors import DatasetError
from kinerja.formats import format_number

commands = typer.Typer()

EXAMPLE = Path("examples") / "kpu-kota-metro-2024.yaml"


@commands.command()
def synth(
    offices: Annotated[
        int,
        typer.Option(
            "--offices", min=1, max=553, help="Jumlah instansi, 1 sampai 553 (bawaan 553)."
        ),
    ] = 553,
    years: Annotated[
        int, typer.Option("--years", min=1, max=20, help="Jumlah tahun, berakhir 2024.")
    ] = 5,
    seed: Annotated[int, typer.Option("--seed", help="Benih acak: benih sama, data sama.")] = 1,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Folder tujuan berkas dataset (YAML per instansi dan workflow.csv); "
            "tanpa ini data dimuat ke basis data.",
            show_default=False,
        ),
    ] = None,
    example: Annotated[
        Path, typer.Option("--example", help="Dataset contoh sumber Renstra dan indikator.")
    ] = EXAMPLE,
) -> None:
    """Bangun pohon KPU sintetis (KPU RI, provinsi, kabupaten/kota) dengan rencana dan hasilnya."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from kinerja.dataset.yamlio import read_yaml
    from kinerja.synth.plans import office_dataset
    from kinerja.synth.tree import shape

    if not example.is_file():
        raise fail(f"dataset contoh {example} tidak ditemukan; sebutkan dengan --example")
    try:
        base = read_yaml(example)
    except DatasetError as exc:
        raise explain(exc) from exc
    tree = shape(offices)
    by_code = {spec.code: spec for spec in tree}
    generated = (office_dataset(base, spec, by_code, years, seed) for spec in tree)
    console = Console(stderr=True)
    started = time.monotonic()
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    ) as bar:
        task = bar.add_task("Membangun", total=len(tree))

        def advance(code: str) -> None:
            bar.update(task, description=code, advance=1)

        if output is not None:
            # The loading module imports the models (its other half loads the database).
            setup_django(migrate=False)
            from kinerja.synth.loading import write_files

            done = write_files(generated, output, advance)
            where = f"berkas di {output}"
        else:
            setup_django()
            from kinerja.synth.loading import load

            done = load(generated, advance)
            where = "basis data"
    seconds = format_number(Decimal(time.monotonic() - started), 1)
    typer.echo(f"{done} instansi x {years} tahun (benih {seed}) ke {where} dalam {seconds} detik")
