"""Entry point of the `kinerja` script, kept apart from `kinerja.cli` so that it imports nothing.

For `kinerja report` the chart worker is forked before the command line is imported, so that it
imports matplotlib while this process imports the command line and reads the data (see
`kinerja.documents.chart_processes`).
"""

from __future__ import annotations

import sys


def main() -> None:
    """Run the `kinerja` command."""
    # Charts are drawn by the batch's workers with --subtree, not by the command itself.
    if sys.argv[1:2] == ["report"] and not any(a.startswith("--subtree") for a in sys.argv):
        from kinerja.documents.chart_processes import start_early

        start_early()
    from kinerja.cli.app import main as run

    run()
