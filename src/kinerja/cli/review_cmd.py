"""`kinerja check` (the review) and `kinerja evaluate` (the LKE worksheet)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from kinerja.cli.options import AgencyOpt, FileArg, JsonOpt, YearOpt
from kinerja.cli.sources import SourceError, explain, fail, resolve
from kinerja.dataset.errors import DatasetError

if TYPE_CHECKING:
    from rich.console import Console

    from kinerja.dataset.evaluation import EvaluationResult
    from kinerja.dataset.review import ReviewResult
    from kinerja.dataset.schema import Dataset


EXIT_FINDS_ERRORS = 1
DOCUMENT_FORMATS: dict[str, Literal["docx", "pdf"]] = {".docx": "docx", ".pdf": "pdf"}
SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _dataset(file: Path | None, agency: str | None) -> Dataset:
    try:
        return resolve(file, agency)
    except (DatasetError, SourceError) as exc:
        raise explain(exc) from exc


def _missing_year(dataset: Dataset, year: int | None) -> typer.Exit:
    years = ", ".join(str(entry.year) for entry in dataset.all_years())
    return fail(f"Tahun {year} tidak ada di dataset (tersedia: {years}).")


def check(
    file: FileArg = None,
    agency: AgencyOpt = None,
    year: YearOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Reviu data kinerja: temukan kesalahan laporan sebelum auditor menemukannya.

    Status keluar 1 bila ada kesalahan, 0 bila tidak ada, 2 bila reviu tidak dapat dijalankan.
    """
    from kinerja.dataset.deprecations import deprecation_notes
    from kinerja.dataset.review import review, to_json

    dataset = _dataset(file, agency)
    for note in deprecation_notes(dataset):
        typer.echo(f"Peringatan: {note}", err=True)
    cascade = None
    if agency is not None:  # the offices around it are in the database: check the pohon kinerja
        from kinerja.agencies.models import Agency
        from kinerja.consolidation.cascade import cascade_facts

        office = Agency.objects.select_related("parent").get(code=agency)
        at = year if year is not None else max(y.year for y in dataset.all_years())
        cascade = cascade_facts(office, at)
    try:
        result = review(dataset, year, cascade)
    except KeyError:
        raise _missing_year(dataset, year) from None
    if as_json:
        typer.echo(json.dumps(to_json(result), ensure_ascii=False, indent=2))
    else:
        print_review(result)
    if result.has_errors:
        raise typer.Exit(EXIT_FINDS_ERRORS)


def print_review(result: ReviewResult, console: Console | None = None) -> None:
    """The findings as an Indonesian table, then the counts."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from kinerja.core.review import RULES, Severity
    from kinerja.core.review.findings import SEVERITY_LABELS

    console = console or Console()
    if not result.findings:
        console.print(
            f"Reviu data {escape(result.agency_name)} Tahun {result.year}: tidak ada temuan."
        )
        return
    table = Table(
        title=f"Reviu Data Kinerja {escape(result.agency_name)} Tahun {result.year}",
        header_style="bold",
        show_lines=True,
    )
    table.add_column("No", justify="right", no_wrap=True)
    table.add_column("Aturan", no_wrap=True)
    table.add_column("Tingkat", no_wrap=True)
    table.add_column("Lokasi")
    table.add_column("Temuan dan tindakan")
    for number, finding in enumerate(result.findings, start=1):
        style = SEVERITY_STYLE[finding.severity.value]
        table.add_row(
            str(number),
            f"{finding.rule}\n[dim]{escape(RULES[finding.rule].title)}[/dim]",
            f"[{style}]{SEVERITY_LABELS[finding.severity]}[/{style}]",
            escape(str(finding.location)),
            escape(finding.message),
        )
    console.print(table)
    console.print(
        f"Temuan: [bold red]{result.count(Severity.ERROR)} kesalahan[/bold red], "
        f"{result.count(Severity.WARNING)} peringatan, {result.count(Severity.INFO)} info. "
        "Aturan reviu dijelaskan di docs/review-rules.md."
    )


def evaluate(
    file: FileArg = None,
    agency: AgencyOpt = None,
    year: YearOpt = None,
    as_json: JsonOpt = False,
    regulation: Annotated[
        str | None,
        typer.Option(
            "--regulation",
            help="Regulasi lembar kerja (bawaan: dari dataset, atau permenpanrb-88-2021).",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Tulis laporan evaluasi ke berkas .docx atau .pdf.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Evaluasi SAKIP (LKE): nilai per komponen, nilai total dan predikat, dengan usulan sistem."""
    from kinerja.dataset.evaluation import EvaluationError, to_json
    from kinerja.dataset.evaluation import evaluate as run_evaluate
    from kinerja.dataset.worksheet import WorksheetError

    if output is not None and output.suffix.lower() not in DOCUMENT_FORMATS:
        raise fail(f"{output}: jenis berkas tidak didukung; gunakan .docx atau .pdf")
    dataset = _dataset(file, agency)
    try:
        result = run_evaluate(dataset, year, regulation)
    except KeyError:
        raise _missing_year(dataset, year) from None
    except (EvaluationError, WorksheetError) as exc:
        raise fail(f"Galat: {exc}") from exc
    if output is not None:
        write_evaluation(result, output)
        typer.echo(f"Laporan evaluasi ditulis ke {output}.", err=as_json)
    if as_json:
        typer.echo(json.dumps(to_json(result), ensure_ascii=False, indent=2))
        return
    print_evaluation(result)


def write_evaluation(result: EvaluationResult, output: Path) -> None:
    """The evaluation report as DOCX or PDF through the documents' writers, written whole."""
    from kinerja.documents.lke import build_evaluation_document
    from kinerja.documents.render import write

    content = write(build_evaluation_document(result), DOCUMENT_FORMATS[output.suffix.lower()])
    temporary = output.with_name(f".{output.name}.tmp")
    temporary.write_bytes(content)
    temporary.replace(output)


def print_evaluation(result: EvaluationResult, console: Console | None = None) -> None:
    """The worksheet's scores, the total and predicate, then every criterion with its proposal."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from kinerja.formats import format_date, format_number

    console = console or Console()
    scored = result.score
    table = Table(
        title=f"{escape(result.title)}\n{escape(result.agency_name)} Tahun {result.year}",
        header_style="bold",
    )
    table.add_column("Komponen / Subkomponen")
    table.add_column("Bobot", justify="right")
    table.add_column("Nilai", justify="right")
    for comp in scored.components:
        table.add_row(
            f"[bold]{escape(comp.name)}[/bold]",
            format_number(comp.weight, 2, trim=True),
            f"[bold]{format_number(comp.score, 2)}[/bold]",
        )
        for sub in comp.subcomponents:
            table.add_row(
                f"  {sub.code} {escape(sub.name)} ({sub.answer or 'belum dijawab'})"
                if result.method == "subcomponent"
                else f"  {escape(sub.name)} ({sub.answered}/{sub.items} dijawab)",
                format_number(sub.weight, 2, trim=True),
                format_number(sub.score, 2),
            )
    console.print(table)
    console.print(
        f"Nilai total: [bold]{format_number(scored.total, 2)}[/bold], predikat "
        f"[bold]{scored.predicate.grade}[/bold] ({escape(scored.predicate.label)}); "
        f"penilaian mandiri {format_number(result.self_score.total, 2)}."
    )
    final = result.final
    if final is None:
        console.print("Status: draf (belum difinalkan evaluator).")
    else:
        who = escape(final.by.name + (f", {final.by.position}" if final.by.position else ""))
        console.print(
            f"Status: [bold]LKE final[/bold], nilai {format_number(final.score, 2)} predikat "
            f"{final.predicate}, difinalkan oleh {who} pada {format_date(final.date)}."
        )
    if scored.unanswered:
        what = "subkomponen" if result.method == "subcomponent" else "kriteria"
        console.print(
            f"[yellow]Peringatan: {len(scored.unanswered)} {what} belum dinilai evaluator dan "
            "dihitung 0: "
            f"{', '.join(scored.unanswered)}.[/yellow]"
        )
    criteria = Table(title="Jawaban dan usulan sistem", header_style="bold", show_lines=True)
    criteria.add_column("Kode", no_wrap=True)
    criteria.add_column("Butir")
    criteria.add_column("Mandiri / Evaluator", no_wrap=True)
    criteria.add_column("Usulan sistem")
    for row in result.rows:
        answer = f"{row.self_assessment or '-'} / " + (row.answer or "[yellow]belum[/yellow]")
        if row.proposed:
            answer += " (usulan)"
        elif row.overrides_proposal:
            answer += " (diubah)"
        proposal = ""
        if row.proposal is not None:
            proposal = f"{row.proposal.answer}: {escape(row.proposal.reason)}"
        note = f"\n[dim]{escape(row.note)}[/dim]" if row.note else ""
        criteria.add_row(row.code, escape(row.text) + note, answer, proposal)
    console.print(criteria)


commands = typer.Typer()
"""This module's commands; `app` adds them to the `kinerja` command."""
commands.command("check")(check)
commands.command("evaluate")(evaluate)
