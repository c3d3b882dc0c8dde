#!/usr/bin/env python3
"""Kinerja's two entry points for a fresh machine that has only python3.

    python3 dev.py start   # install, load the KPU Kota Metro 2024 example, serve the web app
    python3 dev.py test    # install everything (Debian packages too), run checks and the suite
                           # on SQLite and on PostgreSQL

Each installs what it needs into ./.venv (re-installing only when pyproject.toml changes).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / "bin"
PYTHON = BIN / "python"
EXAMPLE = ROOT / "examples" / "kpu-kota-metro-2024.yaml"
# One database name per run, so that two checkouts testing at once never share a test database.
POSTGRES_URL = f"postgres://postgres@127.0.0.1:5432/kinerja_{os.getpid()}"

# Debian packages the test suite needs (checked with dpkg, installed with apt-get when missing).
APT_PACKAGES: list[str] = ["libreoffice-writer-nogui", "poppler-utils", "chromium"]


def say(message: str) -> None:
    print(f"\033[1m==> {message}\033[0m", flush=True)


def run(*args: str | Path, env: dict[str, str] | None = None, check: bool = True) -> int:
    completed = subprocess.run([str(a) for a in args], cwd=ROOT, env=env, check=False)
    if check and completed.returncode != 0:
        sys.exit(completed.returncode)
    return completed.returncode


def ensure_venv() -> None:
    stamp = VENV / ".kinerja-stamp"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest and PYTHON.exists():
        return
    if not PYTHON.exists():
        say("Creating the virtual environment in .venv")
        run(sys.executable, "-m", "venv", VENV)
    say("Installing Kinerja and its dependencies")
    run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(PYTHON, "-m", "pip", "install", "--quiet", "-e", ".[dev]")
    stamp.write_text(digest)


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


def start() -> None:
    """Load the example with one demo user per role, then serve the web application."""
    ensure_venv()
    env = dict(os.environ)
    kinerja = BIN / "kinerja"
    port = env.get("KINERJA_PORT", "8000")
    say(f"Loading {EXAMPLE.relative_to(ROOT)} and creating the demo users")
    run(kinerja, "demo", "--file", EXAMPLE, env=env)
    say(f"Kinerja: log in at http://127.0.0.1:{port}/masuk/ with a user above (Ctrl+C stops it)")
    run(kinerja, "serve", "--port", port, env=env)


def test() -> None:
    ensure_apt_packages()
    ensure_venv()
    ensure_postgres()
    say("ruff")
    run(BIN / "ruff", "check", "src", "tests", "dev.py")
    run(BIN / "ruff", "format", "--check", "src", "tests", "dev.py")
    say("mypy (strict on the calculation core)")
    run(BIN / "mypy")
    failures = 0
    with tempfile.TemporaryDirectory(prefix="kinerja-test-") as data_dir:
        sqlite_env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{data_dir}/kinerja.sqlite3",
            "KINERJA_DATA_DIR": data_dir,
        }
        say("Test suite on SQLite")
        failures += (
            run(BIN / "pytest", "-q", "-p", "no:cacheprovider", env=sqlite_env, check=False) != 0
        )
        pg_env = {**os.environ, "DATABASE_URL": POSTGRES_URL, "KINERJA_DATA_DIR": data_dir}
        say("Test suite on PostgreSQL")
        failures += (
            run(BIN / "pytest", "-q", "-p", "no:cacheprovider", env=pg_env, check=False) != 0
        )
        drop_test_database()
    if failures:
        sys.exit(f"{failures} test run(s) failed.")
    say("All checks passed.")


def main() -> None:
    commands = {"start": start, "test": test}
    if len(sys.argv) != 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]]()


if __name__ == "__main__":
    main()
