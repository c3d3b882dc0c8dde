"""Time reading and loading a realisation workbook of 110,600 rows: 553 offices x 50 x 4 quarters.

    .venv/bin/python bench/excel.py [--runs 3] [--no-postgres]

Untimed setup: the workbook is generated with openpyxl's write-only mode in a temporary folder,
and each database (a fresh SQLite file; a fresh PostgreSQL database `kinerja_bench` on
127.0.0.1:5432, created and dropped with psycopg) is migrated and given 553 offices with 50
indicators each and a 2024 reporting year.

Timed, each the median of `--runs` runs:
- reading every cell of the sheet with python-calamine, and with openpyxl's read-only mode;
- Kinerja's checked read of the file (size, zip, formula and merge scan, calamine, cell checks,
  schema validation of every row): `read_realization_sheet`;
- the whole `kinerja load-realizations` work, validate and load (`import_realizations`), into
  each database: first into empty tables (110,600 inserts), then again (110,600 replacements).

Each database run is a fresh process (Django is configured once per process). Prints a table
with seconds and ratios; the issue requires validate-and-load under 10 s on SQLite.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OFFICES, INDICATORS, QUARTERS, YEAR = 553, 50, 4, 2024
POSTGRES_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
POSTGRES_BENCH = "postgres://postgres@127.0.0.1:5432/kinerja_bench"
VALUES = ("95%", "3 laporan", "B", "selesai", "87,5%", "12 bulan", "100%", "4 dokumen")


def agency_code(number: int) -> str:
    return f"kpu-bench-{number:03d}"


def generate(path: Path) -> int:
    """Write the realisation workbook; return its number of data rows."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Realisasi")
    sheet.append(["Kode Instansi", "Tahun", "Kode Indikator", "Triwulan", "Nilai", "Catatan"])
    rows = 0
    for office in range(OFFICES):
        for indicator in range(1, INDICATORS + 1):
            for quarter in range(1, QUARTERS + 1):
                value = VALUES[(office + indicator + quarter) % len(VALUES)]
                note = "diverifikasi" if (indicator + quarter) % 7 == 0 else None
                sheet.append(
                    [agency_code(office), YEAR, f"IK{indicator:02d}", quarter, value, note]
                )
                rows += 1
    book.save(path)
    return rows


def median_time(function, runs: int) -> tuple[float, float]:
    """Median wall and CPU seconds of `runs` calls."""
    walls, cpus = [], []
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        function()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def read_with_calamine(path: Path) -> int:
    import python_calamine

    with python_calamine.CalamineWorkbook.from_path(str(path)) as book:
        return len(book.get_sheet_by_name("Realisasi").to_python())


def read_with_openpyxl(path: Path) -> int:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    try:
        return sum(1 for _ in book["Realisasi"].iter_rows(values_only=True))
    finally:
        book.close()


def checked_read(path: Path) -> int:
    from kinerja.dataset.excel.realizations import read_realization_sheet

    sheet = read_realization_sheet(path)
    sheet.raise_if_problems()
    return len(sheet.rows)


# --- the database part, in a child process with DATABASE_URL set -------------------------------


def seed() -> None:
    """553 offices, each with a Renstra of 10 objectives x 5 indicators and a 2024 year."""
    from django.db import transaction

    from kinerja.agencies.models import Agency
    from kinerja.plans.models import Indicator, Objective, StrategicPlan
    from kinerja.results.models import ReportingYear

    with transaction.atomic():
        agencies = Agency.objects.bulk_create(
            Agency(code=agency_code(i), name=f"KPU Bench {i}", level="regency_city",
                   has_dataset=True)
            for i in range(OFFICES)
        )  # fmt: skip
        plans = StrategicPlan.objects.bulk_create(
            StrategicPlan(agency=a, start=2020, end=2024, vision="Visi") for a in agencies
        )
        objectives = Objective.objects.bulk_create(
            (
                Objective(plan=plan, position=j, code=f"SS{j + 1:02d}", name=f"Sasaran {j + 1}")
                for plan in plans
                for j in range(INDICATORS // 5)
            ),
            batch_size=5000,
        )
        Indicator.objects.bulk_create(
            (
                Indicator(
                    objective=objective,
                    position=k,
                    code=f"IK{objective.position * 5 + k + 1:02d}",
                    name=f"Indikator {objective.position * 5 + k + 1}",
                )
                for objective in objectives
                for k in range(5)
            ),
            batch_size=5000,
        )
        ReportingYear.objects.bulk_create(
            ReportingYear(agency=a, year=YEAR, position=0) for a in agencies
        )


def child(path: Path) -> None:
    """Set up the database named by DATABASE_URL, then time two loads; print JSON."""
    from kinerja.cli.sources import setup_django

    setup_django()
    from kinerja.results.models import Realization
    from kinerja.results.realization_import import import_realizations

    seed()
    timings = {}
    for run in ("first", "again"):
        start, cpu = time.perf_counter(), time.process_time()
        summary = import_realizations(path)
        timings[run] = time.perf_counter() - start
        timings[f"{run}_cpu"] = time.process_time() - cpu
        timings[f"{run}_rows"] = summary.rows
    timings["stored"] = Realization.objects.count()
    print(json.dumps(timings))


def run_child(path: Path, url: str, data_dir: str) -> dict[str, float]:
    env = {**os.environ, "DATABASE_URL": url, "KINERJA_DATA_DIR": data_dir}
    result = subprocess.run(
        [sys.executable, __file__, "--child", str(path)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        sys.exit(f"bench child failed for {url}:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def postgres_database(action: str) -> None:
    import psycopg

    with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as connection:
        connection.execute("DROP DATABASE IF EXISTS kinerja_bench WITH (FORCE)")
        if action == "create":
            connection.execute("CREATE DATABASE kinerja_bench")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    with tempfile.TemporaryDirectory(prefix="kinerja-bench-") as folder:
        path = Path(folder) / "realisasi.xlsx"
        started = time.perf_counter()
        rows = generate(path)
        size = path.stat().st_size / 1024 / 1024
        print(f"Workbook: {rows:,} rows, {size:.1f} MB, generated in "
              f"{time.perf_counter() - started:.1f} s (untimed)\n")  # fmt: skip
        calamine = median_time(lambda: read_with_calamine(path), args.runs)
        openpyxl = median_time(lambda: read_with_openpyxl(path), args.runs)
        checked = median_time(lambda: checked_read(path), args.runs)
        sqlite = run_child(path, f"sqlite:///{folder}/bench.sqlite3", folder)
        postgres = None
        if not args.no_postgres:
            postgres_database("create")
            try:
                postgres = run_child(path, POSTGRES_BENCH, folder)
            finally:
                postgres_database("drop")
    base = calamine[0]
    lines = [
        ("read all cells, python-calamine", calamine),
        ("read all cells, openpyxl read-only", openpyxl),
        ("checked read (scan + calamine + cells + schema)", checked),
    ]
    for name, timing in (("SQLite", sqlite), ("PostgreSQL", postgres)):
        if timing is None:
            continue
        assert timing["stored"] == rows, timing
        lines.append(
            (
                f"validate and load, {name}, into empty tables",
                (timing["first"], timing["first_cpu"]),
            )
        )
        lines.append((f"validate and load, {name}, replacing every row",
                      (timing["again"], timing["again_cpu"])))  # fmt: skip
    print(f"{'step':52} {'wall s':>7} {'CPU s':>7} {'/ calamine':>10}")
    for name, (wall, cpu) in lines:
        print(f"{name:52} {wall:7.2f} {cpu:7.2f} {wall / base:10.1f}")
    print(f"\nopenpyxl read-only / python-calamine: {openpyxl[0] / base:.1f}x (wall)")
    verdict = "met" if sqlite["first"] < 10 else "NOT met"
    print(f"SQLite validate-and-load under 10 s: {verdict} ({sqlite['first']:.2f} s)")
    print(f"load average: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    main()
