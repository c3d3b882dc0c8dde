"""Load test: 50 logged-in users on the synthetic national tree, loopback only.

    .venv/bin/python bench/load.py [--users 50] [--seconds 120] [--offices 553]
                                   [--database postgres://postgres@127.0.0.1:5432/kinerja_bench_load]
                                   [--reuse]

Builds the KPU tree in a fresh PostgreSQL database (`kinerja synth --offices N --years 5
--seed 1`; `--reuse` keeps a database built by an earlier run), makes the users, starts the
application as offices run it (`kinerja serve`, gunicorn with the defaults of a 2-core server)
on 127.0.0.1, and runs a bounded client: one thread per user, each logged in through the login
form straight to their first page (the users arrive over the first 30 s; logins are timed
apart, as a login hashes the password), then, once all are in, waiting 2-5 s between
requests (think time) for `--seconds`. The mix:

- 60% operators of city offices: the office dashboard, or their unit's entry page followed by
  a save of an empty card (the form as the browser posts it, with its CSRF token and version);
- 25% provincial viewers: their province's consolidation page;
- 15% national viewers: the national consolidation page.

Prints the requests, errors and the latency percentiles per kind and overall, then reads every
value the operators saved back from the database: each must be there with the value posted.
The issue's targets: p95 under 250 ms, 0 errors, every write found. No timing is asserted here
or in the tests; the figures go to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "beban-uji-123"
YEAR = 2024

USERS = """
import json, sys
from kinerja.cli.sources import setup_django
setup_django()
from django.contrib.auth import get_user_model
from kinerja.accounts.models import Membership
from kinerja.agencies.models import Agency, WorkUnit
operators, provinces, national = (int(n) for n in sys.argv[1:4])
User = get_user_model()
User.objects.filter(username__startswith="beban-").delete()
cities = list(Agency.objects.filter(level="regency_city", has_dataset=True).order_by("code"))
step = max(1, len(cities) // max(1, operators))
people = []
for n, office in enumerate(cities[::step][:operators]):
    unit = WorkUnit.objects.filter(agency=office).order_by("position", "code").first()
    user = User.objects.create_user(f"beban-op-{n}", password=sys.argv[4])
    Membership.objects.create(user=user, agency=office, role="operator", work_unit_code=unit.code)
    people.append({"user": user.username, "kind": "operator", "office": office.code,
                   "unit": unit.code})
upper = list(Agency.objects.filter(level="province").order_by("code"))
for n in range(provinces):
    office = upper[n % len(upper)]
    user = User.objects.create_user(f"beban-prov-{n}", password=sys.argv[4])
    Membership.objects.create(user=user, agency=office, role="viewer")
    people.append({"user": user.username, "kind": "province", "office": office.code})
root = Agency.objects.get(code="kpu-ri")
for n in range(national):
    user = User.objects.create_user(f"beban-ri-{n}", password=sys.argv[4])
    Membership.objects.create(user=user, agency=root, role="viewer")
    people.append({"user": user.username, "kind": "national", "office": root.code})
print(json.dumps(people))
"""

CHECK = """
import json, sys
from kinerja.cli.sources import setup_django
setup_django()
from kinerja.results.models import Realization
writes = json.load(open(sys.argv[1]))
missing = []
for w in writes:
    found = Realization.objects.filter(
        reporting_year__agency__code=w["office"], reporting_year__year=w["year"],
        indicator_id=w["indicator"], quarter=w["quarter"],
    ).values_list("value", flat=True).first()
    if found != w["value"]:
        missing.append({**w, "found": found})
print(json.dumps({"checked": len(writes), "missing": missing}))
"""


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    writes: list[dict[str, object]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, kind: str, seconds: float) -> None:
        with self.lock:
            self.latencies.setdefault(kind, []).append(seconds)

    def error(self, message: str) -> None:
        with self.lock:
            self.errors.append(message)


class Session:
    """One user's browser: a cookie jar, the login form and timed requests."""

    def __init__(self, base: str, results: Results) -> None:
        self.base = base
        self.results = results
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def request(self, kind: str, path: str, data: dict[str, str] | None = None) -> str | None:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(
            self.base + path, data=body, headers={"Referer": self.base + path}
        )
        start = time.perf_counter()
        try:
            with self.opener.open(request, timeout=30) as answer:
                text = answer.read().decode("utf-8", "replace")
                status = answer.status
        except urllib.error.HTTPError as exc:
            self.results.error(f"{kind} {path}: {exc.code}")
            return None
        except OSError as exc:
            self.results.error(f"{kind} {path}: {exc}")
            return None
        self.results.record(kind, time.perf_counter() - start)
        if status >= 400:
            self.results.error(f"{kind} {path}: {status}")
            return None
        return text

    def login(self, user: str, first: str) -> bool:
        """Log in through the form and land on `first` (the login form's `next`), as a user
        following a bookmark does (the role's home, `/`, is not in the issue's mix)."""
        page = self.request("login", "/masuk/")
        token = _token(page)
        done = self.request(
            "login",
            "/masuk/",
            {
                "username": user,
                "password": PASSWORD,
                "csrfmiddlewaretoken": token or "",
                "next": first,
            },
        )
        return done is not None and "Keluar" in done


def _token(page: str | None) -> str | None:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page or "")
    return found.group(1) if found else None


def operator_step(session: Session, person: dict[str, str], rng: random.Random) -> None:
    office, unit = person["office"], person["unit"]
    if rng.random() < 0.5:
        session.request("office dashboard", f"/o/{office}/{YEAR}/")
        return
    quarter = rng.randint(1, 4)
    page = session.request("entry page", f"/o/{office}/{YEAR}/isian/{unit}/{quarter}/")
    if page is None:
        return
    empty = re.findall(r'name="i(\d+)-version" value="0"', page)
    token = _token(page)
    if not empty or token is None:
        return
    indicator = rng.choice(empty)
    value = f"{rng.randint(50, 100)}%"
    saved = session.request(
        "entry save",
        f"/o/{office}/{YEAR}/isian/{unit}/{quarter}/{indicator}/",
        {
            "csrfmiddlewaretoken": token,
            f"i{indicator}-value": value,
            f"i{indicator}-version": "0",
            f"i{indicator}-note": "uji beban",
        },
    )
    if saved is not None:
        with session.results.lock:
            session.results.writes.append(
                {
                    "office": office,
                    "year": YEAR,
                    "indicator": int(indicator),
                    "quarter": quarter,
                    "value": value,
                }
            )


def user_loop(
    base: str,
    person: dict[str, str],
    results: Results,
    seconds: float,
    seed: int,
    ready: threading.Barrier,
    delay: float,
) -> None:
    """Log in (timed apart: a login hashes the password once a day, not on every click), wait
    for every user to be in, then work with think time until the time is up."""
    rng = random.Random(seed)
    session = Session(base, results)
    time.sleep(delay)  # people arrive over the first half minute, not in the same second
    first = {
        "operator": f"/o/{person['office']}/{YEAR}/",
        "province": f"/konsolidasi/{person['office']}/{YEAR}/",
        "national": f"/konsolidasi/kpu-ri/{YEAR}/",
    }[person["kind"]]
    logged_in = session.login(person["user"], first)
    if not logged_in:
        results.error(f"login {person['user']} failed")
    ready.wait()
    if not logged_in:
        return
    until = time.monotonic() + seconds
    time.sleep(rng.uniform(0, 5.0))  # users do not click in step
    while time.monotonic() < until:
        if person["kind"] == "operator":
            operator_step(session, person, rng)
        elif person["kind"] == "province":
            session.request("province consolidation", f"/konsolidasi/{person['office']}/{YEAR}/")
        else:
            session.request("national consolidation", f"/konsolidasi/kpu-ri/{YEAR}/")
        time.sleep(rng.uniform(2.0, 5.0))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def python(*args: str, env: dict[str, str]) -> str:
    done = subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(done.stdout + done.stderr)
    return done.stdout.strip().splitlines()[-1]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--offices", type=int, default=553)
    parser.add_argument(
        "--database", default="postgres://postgres@127.0.0.1:5432/kinerja_bench_load"
    )
    parser.add_argument("--reuse", action="store_true", help="keep the database of a prior run")
    args = parser.parse_args()

    data_dir = Path(tempfile.gettempdir()) / "kinerja-bench-load"
    env = {
        **os.environ,
        "DATABASE_URL": args.database,
        "KINERJA_DATA_DIR": str(data_dir),
        "KINERJA_SECRET_KEY": "bench-load-" + "x" * 40,
        "KINERJA_LOG_LEVEL": "WARNING",
    }
    if not args.reuse:
        import psycopg

        base, _, name = args.database.rpartition("/")
        with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{name}"')
        start = time.perf_counter()
        python(
            "-m", "kinerja", "synth", "--offices", str(args.offices), "--years", "5",
            "--seed", "1", env=env,
        )  # fmt: skip
        print(
            f"synthetic tree of {args.offices} offices built in {time.perf_counter() - start:.0f} s"
        )
    operators = round(args.users * 0.6)
    provinces = round(args.users * 0.25)
    national = args.users - operators - provinces
    people = json.loads(
        python("-c", USERS, str(operators), str(provinces), str(national), PASSWORD, env=env)
    )

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "kinerja", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(base + "/masuk/", timeout=2).read()
                break
            except OSError:
                time.sleep(1)
        results = Results()
        ready = threading.Barrier(len(people))
        threads = [
            threading.Thread(
                target=user_loop,
                args=(base, person, results, args.seconds, n, ready, n * 30.0 / len(people)),
            )
            for n, person in enumerate(people)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:  # gunicorn still finishing requests: stop it now
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=15)

    every = [s for kind, values in results.latencies.items() if kind != "login" for s in values]
    print(f"{len(people)} users, {args.seconds:.0f} s, {len(every)} requests after login, "
          f"{len(results.errors)} errors, load average {os.getloadavg()[0]:.1f}")  # fmt: skip
    for kind, values in sorted(results.latencies.items()):
        median = statistics.median(values) * 1000
        p95 = percentile(values, 0.95) * 1000
        print(f"  {kind:24} {len(values):5} requests  median {median:6.0f} ms  p95 {p95:6.0f} ms")
    if every:
        print(f"  {'all but logins':24} {len(every):5} requests  "
              f"p95 {percentile(every, 0.95) * 1000:6.0f} ms (target under 250 ms)")  # fmt: skip
    for message in results.errors[:10]:
        print(f"  error: {message}")
    writes = data_dir / "writes.json"
    writes.parent.mkdir(parents=True, exist_ok=True)
    writes.write_text(json.dumps(results.writes))
    check = json.loads(python("-c", CHECK, str(writes), env=env))
    print(f"writes: {check['checked']} saved, {len(check['missing'])} not found as posted")


if __name__ == "__main__":
    main()
