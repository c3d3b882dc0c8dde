"""Time the report path on the example and set it beside LibreOffice, the path users take today.

    .venv/bin/python bench/report.py [--runs 5] [--dataset examples/kpu-kota-metro-2024.yaml]

Measures, each as the median of `--runs` runs:
- data -> DOCX and data -> PDF in-process after imports: every run is a fresh Python process
  that imports everything and loads the dataset first, then times one `render` (so no cache of
  an earlier run in the same process helps; charts are drawn in each run);
- LibreOffice converting our own DOCX to PDF (`soffice --headless --convert-to pdf`, with a
  profile made beforehand, which favours LibreOffice);
- the whole command `kinerja report DATASET -o lkj.pdf`, start-up included.
The four paths take turns within each run, so a change in the machine's load falls on all of
them alike. Wall time is what users wait; CPU time (user + system, children included) is
printed too, because on a shared machine the load of others changes wall times from run to run.
Prints the figures and the ratios the issue sets: DOCX < 1 s, PDF < 1 s and at least 5x faster
than LibreOffice, and the whole command at most half of LibreOffice's time.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "kpu-kota-metro-2024.yaml"
BIN = Path(sys.executable).parent
# The command runs as installed on a user's machine, where the bytecode is compiled once (pip
# does it at install; an editable install on the first run, which the warm-up run is) and not on
# every start as under PYTHONDONTWRITEBYTECODE, which some shells here set.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

IN_PROCESS = """
import sys, time
from pathlib import Path
import docx, typst, matplotlib.figure, matplotlib.backends.backend_svg
from kinerja.dataset.yamlio import read_yaml
from kinerja.documents.render import render
import kinerja.documents.docx_writer, kinerja.documents.typst_writer, kinerja.documents.lkj
dataset = read_yaml(Path(sys.argv[1]))
start, cpu = time.perf_counter(), time.process_time()
content = render(dataset, sys.argv[2])
elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
Path(sys.argv[3]).write_bytes(content)
print(elapsed, cpu)
"""


def in_process(dataset: Path, fmt: str, out: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one render in a fresh process (Typst runs on this thread)."""
    result = subprocess.run(
        [sys.executable, "-c", IN_PROCESS, str(dataset), fmt, str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    wall, cpu = result.stdout.strip().splitlines()[-1].split()
    return float(wall), float(cpu)


def timed(command: list[str]) -> tuple[float, float]:
    """Wall seconds, and CPU seconds (user + system) of the command and its children."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, capture_output=True, check=True, env=ENV)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def median(pairs: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--dataset", type=Path, default=EXAMPLE)
    args = parser.parse_args()
    soffice = shutil.which("soffice")
    if soffice is None:
        sys.exit("LibreOffice (soffice) is needed: apt-get install libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory(prefix="kinerja-bench-") as folder:
        work = Path(folder)
        docx, pdf = work / "lkj.docx", work / "lkj.pdf"
        office = [
            soffice,
            f"-env:UserInstallation=file://{work / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work / "lo"),
            str(docx),
        ]
        command = [str(BIN / "kinerja"), "report", str(args.dataset), "-o", str(work / "c.pdf")]
        in_process(args.dataset, "docx", docx)
        timed(office)  # makes the profile
        timed(command)
        # The four paths take turns, run after run, so that a change in the machine's load
        # falls on all of them alike.
        docx_times, pdf_times, office_times, command_times = [], [], [], []
        for _ in range(args.runs):
            docx_times.append(in_process(args.dataset, "docx", docx))
            pdf_times.append(in_process(args.dataset, "pdf", pdf))
            office_times.append(timed(office))
            command_times.append(timed(command))
        pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        page_count = next(
            (line.split()[-1] for line in pages.splitlines() if line.startswith("Pages:")), "?"
        )

    (docx_s, docx_cpu), (pdf_s, pdf_cpu) = median(docx_times), median(pdf_times)
    (office_s, office_cpu), (command_s, command_cpu) = median(office_times), median(command_times)
    rows = [
        ("data -> DOCX (in-process)", docx_s, docx_cpu, "< 1 s", docx_s < 1),
        ("data -> PDF (in-process)", pdf_s, pdf_cpu, "< 1 s", pdf_s < 1),
        ("LibreOffice DOCX -> PDF", office_s, office_cpu, "", None),
        ("kinerja report -o lkj.pdf", command_s, command_cpu, "", None),
    ]
    print(f"{args.dataset.name}: {page_count} PDF pages, median of {args.runs} runs")
    print(f"{'path':32} {'wall s':>7} {'cpu s':>7}  target")
    for name, seconds, cpu, target, ok in rows:
        mark = "" if ok is None else (" ok" if ok else " MISSED")
        print(f"{name:32} {seconds:7.3f} {cpu:7.3f}  {target}{mark}")
    verdict = {True: "ok", False: "MISSED"}
    speedup, share = office_s / pdf_s, command_s / office_s
    print(
        f"LibreOffice / data -> PDF       {speedup:6.1f}x (cpu {office_cpu / pdf_cpu:.1f}x)"
        f"  >= 5x {verdict[speedup >= 5]}"
    )
    print(
        f"whole command / LibreOffice     {share:6.2f}  (cpu {command_cpu / office_cpu:.2f})"
        f"  <= 0.5 {verdict[share <= 0.5]}"
    )
    print(f"load average during the run: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
