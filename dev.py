#!/usr/bin/env python3
"""Kinerja's two entry points for a fresh machine that has only python3.

    python3 dev.py start          # install what the app needs, load the KPU Kota Metro 2024
                                  # example into an empty database, serve the web app
    python3 dev.py start --reset  # the same after erasing every entry, evidence file and user
    python3 dev.py test           # install everything (test tools, Debian packages too), run
                                  # the checks and the suite on SQLite and on PostgreSQL

`start` keeps an existing database as it is (entries, evidence, passwords). Each command
installs what it needs into ./.venv (re-installing only when pyproject.toml changes or the test
tools are missing).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / "bin"
PYTHON = BIN / "python"
EXAMPLE = ROOT / "examples" / "kpu-kota-metro-2024.yaml"
# One database name per run, so that two checkouts testing at once never share a test database.
POSTGRES_URL = f"postgres://postgres@127.0.0.1:5432/kinerja_{os.getpid()}"

# Debian packages the test suite needs (checked with dpkg, installed with apt-get when missing).
APT_PACKAGES: list[str] = ["libreoffice-writer-nogui", "poppler-utils", "chromium", "redis-server"]
# The test tools, and the optional RQ queue backend (django-tasks-rq) that the suite runs real
# RQ workers on: pyproject.toml's extras installed by `test`.
TEST_EXTRAS = "dev,rq"


def say(message: str) -> None:
    print(f"\033[1m==> {message}\033[0m", flush=True)


def run(*args: str | Path, env: dict[str, str] | None = None, check: bool = True) -> int:
    completed = subprocess.run([str(a) for a in args], cwd=ROOT, env=env, check=False)
    if check and completed.returncode != 0:
        sys.exit(completed.returncode)
    return completed.returncode


def ensure_venv(test_tools: bool = True) -> None:
    """Install Kinerja into .venv: what the app needs to run, and the test tools when asked.

    The stamp records what was installed for which pyproject.toml: a venv made by `start` gets
    the test tools on the first `test`; one made by `test` serves `start` as it is.
    """
    stamp = VENV / ".kinerja-stamp"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    installed = stamp.read_text().split() if stamp.exists() and PYTHON.exists() else []
    if installed and installed[0] == digest and (not test_tools or "dev" in installed[1:]):
        return
    if not PYTHON.exists():
        say("Creating the virtual environment in .venv")
        run(sys.executable, "-m", "venv", VENV)
    target = f".[{TEST_EXTRAS}]" if test_tools else "."
    say("Installing Kinerja " + ("and the test tools" if test_tools else "and what it needs"))
    # The venv's own pip (Python 3.11 ships 22.3 or newer) installs an editable pyproject
    # project: upgrading it first only cost time.
    run(PYTHON, "-m", "pip", "install", "--quiet", "-e", target)
    stamp.write_text(digest + (" dev" if test_tools else ""))


def ensure_apt_packages() -> None:
    missing = [
        p
        for p in APT_PACKAGES
        if subprocess.run(["dpkg", "-s", p], capture_output=True, check=False).returncode != 0
    ]
    if not missing:
        return
    if shutil.which("apt-get") is None:
        sys.exit(f"Missing Debian packages {missing} and no apt-get to install them.")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    say(f"Installing Debian packages: {' '.join(missing)}")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run([*sudo, "apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(
        [*sudo, "apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing],
        check=True,
        env=env,
    )


def postgres_ready() -> bool:
    probe = (
        "import psycopg; psycopg.connect('postgresql://postgres@127.0.0.1:5432/postgres').close()"
    )
    return subprocess.run([PYTHON, "-c", probe], capture_output=True, check=False).returncode == 0


def ensure_postgres() -> None:
    if postgres_ready():
        return
    say("Starting PostgreSQL")
    clusters = sorted(Path("/etc/postgresql").glob("*")) if Path("/etc/postgresql").exists() else []
    for version in clusters:
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", version.name, "main", "start"],
            check=False,
        )
    for _ in range(30):
        if postgres_ready():
            return
        time.sleep(1)
    sys.exit("PostgreSQL is not reachable at 127.0.0.1:5432 (user postgres).")


def redis_ready() -> bool:
    """Whether a Redis answers at 127.0.0.1:6379 (the suite's RQ workers use it)."""
    import socket

    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=2) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def ensure_redis() -> None:
    if redis_ready():
        return
    if shutil.which("redis-server") is None:
        sys.exit("Redis is not reachable at 127.0.0.1:6379 and redis-server is not installed.")
    say("Starting Redis")
    subprocess.run(
        ["redis-server", "--bind", "127.0.0.1", "--port", "6379", "--daemonize", "yes"],
        check=False,
    )
    for _ in range(30):
        if redis_ready():
            return
        time.sleep(1)
    sys.exit("Redis is not reachable at 127.0.0.1:6379.")


def drop_test_database() -> None:
    """Drop this run's test database if pytest could not (a live server still held it)."""
    name = "test_" + POSTGRES_URL.rsplit("/", 1)[1]
    server = "postgresql://postgres@127.0.0.1:5432/postgres"
    script = (
        "import psycopg\n"
        f"with psycopg.connect('{server}', autocommit=True) as c:\n"
        f"    c.execute('DROP DATABASE IF EXISTS {name} WITH (FORCE)')\n"
    )
    subprocess.run([PYTHON, "-c", script], check=False)


def start(reset: bool = False) -> None:
    """Load the example into an empty database (or after --reset), then serve the web app."""
    ensure_venv(test_tools=False)
    env = dict(os.environ)
    kinerja = BIN / "kinerja"
    port = env.get("KINERJA_PORT", "8000")
    say("Preparing the database (the example is loaded only into an empty one)")
    extra = ["--reset"] if reset else []
    run(kinerja, "demo", "--file", EXAMPLE, "--port", port, *extra, env=env)
    say(f"Kinerja: log in at http://127.0.0.1:{port}/masuk/ with a user above (Ctrl+C stops it)")
    # The background worker (documents in bulk) runs beside the web server and stops with it.
    worker = subprocess.Popen([str(kinerja), "worker"], cwd=ROOT, env=env)
    try:
        run(kinerja, "serve", "--port", port, env=env)
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=10)
        except subprocess.TimeoutExpired:
            worker.kill()


def test() -> None:
    ensure_apt_packages()
    ensure_venv()
    ensure_postgres()
    ensure_redis()
    say("ruff")
    run(BIN / "ruff", "check", "src", "tests", "dev.py")
    run(BIN / "ruff", "format", "--check", "src", "tests", "dev.py")
    with tempfile.TemporaryDirectory(prefix="kinerja-test-") as folder:
        failed = run_suites(Path(folder), checks=[[str(BIN / "mypy")]])
        drop_test_database()
    if failed:
        sys.exit(f"Failed: {' and '.join(failed)}.")
    say("All checks passed.")


def progress(log: Path) -> str:
    """How far a pytest -q run is, from the last "[ NN%]" it printed."""
    text = log.read_text(errors="replace")
    mark = text.rfind("%]")
    return text[text.rfind("[", 0, mark) + 1 : mark + 1].strip() if mark > 0 else "0%"


def run_suites(folder: Path, checks: Sequence[list[str]] = ()) -> list[str]:
    """Run the suite on SQLite and on PostgreSQL side by side, and `checks` beside them.

    A test that uses no database proves the same on either engine, so both engine runs leave
    those tests out (`--database-tests=only`) and a third run does them once
    (`--database-tests=none`, with a database URL that nothing opens): the three share the
    cores as they come, so no run waits while another still has work. Python files are
    compiled once before, so that neither the runs nor the processes the tests start compile
    them again. Each run has its own data folder and writes to its own log; a log is printed
    whole when its run ends, so the runs never interleave. Returns the runs that failed.
    """
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(
        [PYTHON, "-m", "compileall", "-q", "src", "tests"], cwd=ROOT, env=environment, check=False
    )
    suites = {
        "SQLite": (f"sqlite:///{folder / 'sqlite' / 'kinerja.sqlite3'}", "only"),
        "PostgreSQL": (POSTGRES_URL, "only"),
        "no database": (f"sqlite:///{folder / 'no-database' / 'unused.sqlite3'}", "none"),
    }
    running: dict[str, tuple[subprocess.Popen[bytes], Path]] = {}
    for name, (url, database_tests) in suites.items():
        data_dir = folder / name.lower().replace(" ", "-")
        data_dir.mkdir()
        log = folder / f"{data_dir.name}.log"
        env = {**environment, "DATABASE_URL": url, "KINERJA_DATA_DIR": str(data_dir)}
        # Each run names its 15 slowest tests in the log: where to look when the run grows.
        command = [str(BIN / "pytest"), "-q", "-p", "no:cacheprovider", "--durations=15"]
        command.append(f"--database-tests={database_tests}")
        with log.open("wb") as output:
            process = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
            )
        running[name] = (process, log)
        say(f"Test suite ({name}) started")
    for index, check in enumerate(checks):
        log = folder / f"check-{index}.log"
        with log.open("wb") as output:
            process = subprocess.Popen(
                check, cwd=ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT
            )
        running[Path(check[0]).name] = (process, log)
    failed: list[str] = []
    started = last_report = time.monotonic()
    while running:
        if time.monotonic() - last_report >= 60:
            last_report = time.monotonic()
            print("    " + ", ".join(f"{e}: {progress(log)}" for e, (_, log) in running.items()))
        for name, (process, log) in list(running.items()):
            if process.poll() is None:
                continue
            del running[name]
            minutes = (time.monotonic() - started) / 60
            say(f"{name}: exit {process.returncode} after {minutes:.1f} min")
            sys.stdout.write(log.read_text(errors="replace"))
            sys.stdout.flush()
            if process.returncode != 0:
                failed.append(name)
        time.sleep(2)
    print(tally([folder / f"{name.lower().replace(' ', '-')}.log" for name in suites]))
    return failed


def tally(logs: list[Path]) -> str:
    """The runs' counts added up, as pytest's closing line says them."""
    counts: dict[str, int] = {}
    for log in logs:
        lines = log.read_text(errors="replace").strip().splitlines()
        for number, word in re.findall(r"(\d+) (\w+)", lines[-1] if lines else ""):
            counts[word] = counts.get(word, 0) + int(number)
    return f"{counts.get('passed', 0)} passed, {counts.get('failed', 0)} failed" + (
        f", {counts['error'] + counts.get('errors', 0)} errors" if "error" in counts else ""
    )


def main() -> None:
    args = sys.argv[1:]
    if args == ["start"]:
        start()
    elif args == ["start", "--reset"]:
        start(reset=True)
    elif args == ["test"]:
        test()
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
