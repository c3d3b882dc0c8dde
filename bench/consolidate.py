"""National consolidation: Kinerja's path against a hand-written SQL GROUP BY over the same rows.

    DATABASE_URL=postgres://... .venv/bin/python bench/consolidate.py [--runs 15] [--synth]

On a database holding the synthetic tree (`kinerja synth --offices 553 --years 5`, or `--synth`
to build it first), consolidates KPU RI's subtree for each of the five years, both ways:

- **Kinerja**: `kinerja.consolidation.summary.consolidate` (what the page, the API and the
  command call): the subtree one level at a time, the year's stored results in one query, then
  the core's roll-up, distribution, below-target count, completeness, ranking, drill-down per
  province and trend, in Python;
- **SQL**: one recursive CTE for the subtree and GROUP BY queries written by hand over the same
  `consolidation_officeresult` rows (AVG, MIN, MAX, percentile_cont(0.5), COUNT FILTER, RANK()).

Asserts that both give the same numbers (every indicator, objective, the overall, each province,
the ranking and the trend; 1e-9 for means, 1e-6 for the median, which PostgreSQL computes in
double precision), then prints the median times over `--runs` interleaved runs and the ratio
(target: Kinerja at most 1.5x the SQL).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
YEARS = (2020, 2021, 2022, 2023, 2024)

TREE = """
WITH RECURSIVE tree(id, top) AS (
    SELECT id, NULL::bigint FROM agencies_agency WHERE code = %(root)s
    UNION ALL
    SELECT a.id, COALESCE(t.top, a.id) FROM agencies_agency a JOIN tree t ON a.parent_id = t.id
)
"""
ITEMS = (
    TREE
    + """
SELECT r.kind, r.code, COUNT(*), COUNT(r.value), AVG(r.value), MIN(r.value), MAX(r.value),
       percentile_cont(0.5) WITHIN GROUP (ORDER BY r.value),
       COUNT(*) FILTER (WHERE r.value < 100), SUM(r.expected), SUM(r.entered)
FROM tree JOIN consolidation_officeresult r ON r.agency_id = tree.id
WHERE r.year = %(year)s
GROUP BY r.kind, r.code
"""
)
CHILDREN = (
    TREE
    + """
SELECT c.code, COUNT(*), COUNT(r.value), AVG(r.value), MIN(r.value), MAX(r.value),
       percentile_cont(0.5) WITHIN GROUP (ORDER BY r.value),
       COUNT(*) FILTER (WHERE r.value < 100), SUM(r.expected), SUM(r.entered)
FROM tree JOIN consolidation_officeresult r ON r.agency_id = tree.id
JOIN agencies_agency c ON c.id = tree.top
WHERE r.year = %(year)s AND r.kind = 'office'
GROUP BY c.code
"""
)
RANKING = (
    TREE
    + """
SELECT a.code, r.value, RANK() OVER (ORDER BY r.value DESC)
FROM tree JOIN consolidation_officeresult r ON r.agency_id = tree.id
JOIN agencies_agency a ON a.id = tree.id
WHERE r.year = %(year)s AND r.kind = 'office' AND r.value IS NOT NULL
"""
)
TREND = (
    TREE
    + """
SELECT r.year, COUNT(r.value), AVG(r.value), SUM(r.expected), SUM(r.entered)
FROM tree JOIN consolidation_officeresult r ON r.agency_id = tree.id
WHERE r.kind = 'office'
GROUP BY r.year
"""
)


def sql_path(root: str, year: int) -> dict[str, Any]:
    from django.db import connection

    params = {"root": root, "year": year}
    with connection.cursor() as cursor:
        cursor.execute(ITEMS, params)
        items = {(row[0], row[1]): row[2:] for row in cursor.fetchall()}
        cursor.execute(CHILDREN, params)
        children = {row[0]: row[1:] for row in cursor.fetchall()}
        cursor.execute(RANKING, params)
        ranking = {row[0]: (row[2], row[1]) for row in cursor.fetchall()}
        cursor.execute(TREND, params)
        trend = {row[0]: row[1:] for row in cursor.fetchall()}
    return {"items": items, "children": children, "ranking": ranking, "trend": trend}


def kinerja_path(root: Any, year: int) -> Any:
    from kinerja.consolidation.summary import consolidate

    return consolidate(root, year)


def _close(a: Decimal | None, b: Any, tolerance: str = "1E-9") -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(Decimal(a) - Decimal(str(b))) <= Decimal(tolerance)


def _same_summary(summary: Any, row: tuple[Any, ...], what: str) -> None:
    count, measured, mean, low, high, middle, below = row[:7]
    assert summary.offices == count and summary.measured == measured, what
    assert _close(summary.achievement, mean), (what, summary.achievement, mean)
    assert _close(summary.minimum, low) and _close(summary.maximum, high), what
    assert _close(summary.median, middle, "1E-6"), (what, summary.median, middle)
    assert summary.below_target == below, what


def _share(expected: int, entered: int) -> Decimal | None:
    return None if not expected else Decimal(entered) * 100 / Decimal(expected)


def assert_same(result: Any, sql: dict[str, Any]) -> int:
    """Every figure of the consolidation against the SQL's; the number of figures compared."""
    items = sql["items"]
    compared = 0
    _same_summary(result.overall, items[("office", "")], "overall")
    assert _close(result.completeness, _share(*items[("office", "")][7:9]))
    for kind, rows in (("objective", result.objectives), ("indicator", result.indicators)):
        assert len(rows) == sum(1 for k, _ in items if k == kind)
        for item in rows:
            row = items[(kind, item.code)]
            _same_summary(item.summary, row, f"{kind} {item.code}")
            assert _close(item.completeness, _share(*row[7:9])), item.code
            compared += 8
    assert {c.code for c in result.children} == set(sql["children"])
    for child in result.children:
        row = sql["children"][child.code]
        _same_summary(child.summary, row, f"child {child.code}")
        assert _close(child.completeness, _share(*row[7:9]))
        compared += 8
    ranked = {row.code: (row.rank, row.achievement) for row in result.ranking if row.rank}
    assert set(ranked) == set(sql["ranking"])
    for code, (rank, value) in ranked.items():
        assert rank == sql["ranking"][code][0] and _close(value, sql["ranking"][code][1]), code
        compared += 2
    for point in result.trend:
        measured, mean, expected, entered = sql["trend"][point.year]
        assert point.summary.measured == measured and _close(point.summary.achievement, mean)
        assert _close(point.completeness, _share(expected, entered))
        compared += 3
    return compared


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--root", default="kpu-ri")
    parser.add_argument("--synth", action="store_true", help="build the 553-office tree first")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("DATABASE_URL must name a PostgreSQL database")
    kinerja = Path(sys.executable).parent / "kinerja"
    if args.synth:
        subprocess.run([str(kinerja), "manage", "migrate", "-v0"], check=True, cwd=ROOT)
        synth = [str(kinerja), "synth", "--offices", "553", "--years", "5"]
        subprocess.run(synth, check=True, cwd=ROOT)

    from kinerja.cli.sources import setup_django

    os.environ.setdefault("KINERJA_ALLOWED_HOSTS", "testserver")  # the pages, by Django's client
    setup_django()
    from kinerja.agencies.models import Agency
    from kinerja.consolidation.models import OfficeResult

    root = Agency.objects.get(code=args.root)
    rows = OfficeResult.objects.count()
    compared = 0
    for year in YEARS:  # correctness first, and a warm-up of both paths
        compared += assert_same(kinerja_path(root, year), sql_path(args.root, year))
    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(args.runs):
        start = time.perf_counter()
        for year in YEARS:
            kinerja_path(root, year)
        ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        for year in YEARS:
            sql_path(args.root, year)
        theirs.append(time.perf_counter() - start)
    k, s = statistics.median(ours), statistics.median(theirs)
    offices = kinerja_path(root, YEARS[-1]).offices
    print(f"{offices} offices, {len(YEARS)} years, {rows} stored result rows")
    print(f"same numbers: {compared} figures compared per the 5 years, all equal")
    print(f"Kinerja consolidate(): {k * 1000:.1f} ms for 5 years (median of {args.runs})")
    print(f"hand-written SQL:      {s * 1000:.1f} ms for 5 years (median of {args.runs})")
    verdict = "met" if k <= 1.5 * s else "NOT met"
    print(f"ratio Kinerja / SQL:   {k / s:.2f}x (target <= 1.5x: {verdict})")
    side_figures(root, args.runs)


def side_figures(root: Any, runs: int) -> None:
    """What the scaling notes extrapolate from: the write path's refresh, the pages, the size."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from kinerja.accounts.models import Membership
    from kinerja.agencies.models import Agency
    from kinerja.consolidation.refresh import refresh_office

    offices = list(Agency.objects.filter(level="regency_city").order_by("code")[:runs])
    spent = []
    for office in offices:
        start = time.perf_counter()
        refresh_office(office)
        spent.append(time.perf_counter() - start)
    print(f"refresh one office (5 years) after a write: {statistics.median(spent) * 1000:.0f} ms")
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)  # the pages' manifest
    user, _ = get_user_model().objects.get_or_create(username="bench-consolidate")
    Membership.objects.get_or_create(user=user, agency=root, role="viewer")
    client = Client()
    client.force_login(user)
    province = Agency.objects.get(code="kpu-provinsi-lampung")
    for label, code in (("national", root.code), ("provincial", province.code)):
        url = f"/konsolidasi/{code}/2024/"
        client.get(url)
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            times.append(time.perf_counter() - start)
            assert response.status_code == 200
        print(f"{label} page: {statistics.median(times) * 1000:.0f} ms, {len(queries)} queries")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT relname, n_live_tup, pg_total_relation_size(relid) FROM "
                "pg_stat_user_tables WHERE relname IN ('results_realization', "
                "'results_evidence', 'consolidation_officeresult') ORDER BY relname"
            )
            for name, count, size in cursor.fetchall():
                print(f"{name}: {count} rows, {size / 1024 / 1024:.0f} MB with indexes")


if __name__ == "__main__":
    main()
