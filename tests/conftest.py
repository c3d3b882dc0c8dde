"""Shared fixtures: a consistent office, whose every printed figure is computed from its data.

`consistent_office()` builds the dataset as plain data: printed achievements come from the
calculation core, budget totals from the budget lines, the narrative's counts from the plan.
The review finds nothing in it; a test changes one thing and expects one rule to fire.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from kinerja.core.achievement import achievement
from kinerja.core.grades import SAKIP_PREDICATE
from kinerja.core.quarters import combine_quarters
from kinerja.core.settings import Combine
from kinerja.core.values import parse_value
from kinerja.dataset.schema import Dataset
from kinerja.formats import format_percent, format_rupiah, format_value
from module_rows import ModuleRows


def pytest_configure(config: pytest.Config) -> None:
    """Timing never decides a test: Hypothesis's per-example deadline and its "too slow" health
    check measure the machine (two suites side by side, a browser, workers), not the code. (A
    hook, not module code: some helpers load this file again by path.)"""
    hypothesis_settings.register_profile(
        "kinerja", deadline=None, suppress_health_check=[HealthCheck.too_slow]
    )
    hypothesis_settings.load_profile("kinerja")


INDICATORS = {
    # code: objective, name, work unit, combine, target, quarterly realisations
    "IK01": ("SS01", "Persentase pegawai yang mengikuti pelatihan", "pdi", "last", "95%",
             ["40%", "60%", "80%", "96%"]),
    "IK02": ("SS01", "Nilai evaluasi atas akuntabilitas kinerja", "pdi", "last", "BB",
             ["BB", "BB", "BB", "A"]),
    "IK03": ("SS02", "Jumlah laporan monitoring dan evaluasi", "hukum", "sum", "4 laporan",
             ["1 laporan", "1 laporan", "1 laporan", "1 laporan"]),
    "IK04": ("SS02", "Persentase produk hukum yang didokumentasikan", "hukum", "last", "90%",
             ["90%", "90%", "92%", "95%"]),
}  # fmt: skip
OBJECTIVES = {"SS01": "Meningkatnya akuntabilitas kinerja", "SS02": "Terwujudnya tata kelola hukum"}
PROGRAMS = {
    "P1": ("Program Penyelenggaraan Pemilu", {"A1": 400_000_000, "A2": 350_000_000}),
    "P2": ("Program Dukungan Manajemen", {}),
}
PROGRAM_CEILINGS = {"P1": 900_000_000, "P2": 250_000_000}
UNIT_TABLES = {"pdi": ("Tabel 2", "Tabel 3", "A1"), "hukum": ("Tabel 4", "Tabel 5", "A2")}


def _year_realization(code: str) -> str:
    _, _, _, combine, _, quarters = INDICATORS[code]
    value = combine_quarters(
        {q: parse_value(v) for q, v in enumerate(quarters, start=1)}, Combine(combine)
    )
    assert value is not None
    return format_value(value)


def _reported(code: str) -> str:
    target = INDICATORS[code][4]
    result = achievement(
        parse_value(target), parse_value(_year_realization(code)), grade_scale=SAKIP_PREDICATE
    )
    assert result.value is not None
    return format_percent(result.value)


def _evidence(title: str) -> list[dict[str, str]]:
    return [{"title": title, "url": f"https://bukti.example/{title.replace(' ', '-')}"}]


def consistent_office() -> dict[str, Any]:
    """A dataset (plain data) in which every printed figure follows from the data."""
    agreement_rows = [
        {"objective": obj, "indicator": code, "target": target,
         "quarterly_targets": {1: target, 2: target, 3: target, 4: target}}
        for code, (obj, _, _, _, target, _) in INDICATORS.items()
    ]  # fmt: skip
    office_budget = [
        {"program": code, "amount": amount, "printed": format_rupiah(amount)}
        for code, amount in PROGRAM_CEILINGS.items()
    ]
    agreements: list[dict[str, Any]] = [
        {
            "table": "Tabel 1",
            "title": "Perjanjian Kinerja KPU Kota Contoh Tahun 2024",
            "signed_on": "2024-01-15",
            "rows": agreement_rows,
            "budget": office_budget,
            "printed_total": sum(PROGRAM_CEILINGS.values()),
        }
    ]
    measurements: list[dict[str, Any]] = []
    for unit, (pk_table, measure_table, activity) in UNIT_TABLES.items():
        codes = [code for code, spec in INDICATORS.items() if spec[2] == unit]
        amount = PROGRAMS["P1"][1][activity]
        agreements.append(
            {
                "work_unit": unit,
                "table": pk_table,
                "title": f"Perjanjian Kinerja Unit {unit.upper()} Tahun 2024",
                "signed_on": "2024-01-20",
                "rows": [copy.deepcopy(r) for r in agreement_rows if r["indicator"] in codes],
                "budget": [{"activity": activity, "amount": amount,
                            "printed": format_rupiah(amount)}],
                "printed_total": amount,
            }
        )  # fmt: skip
        measurements.append(
            {
                "work_unit": unit,
                "table": measure_table,
                "title": f"Capaian Kinerja Unit {unit.upper()} Tahun 2024",
                "rows": [
                    {
                        "indicators": [code],
                        "target": INDICATORS[code][4],
                        "realization": _year_realization(code),
                        "reported_achievement": _reported(code),
                        "printed_indicator": INDICATORS[code][1].upper() + ".",
                        "evidence": _evidence(f"capaian {code}"),
                    }
                    for code in codes
                ],
            }
        )
    realizations = [
        {"indicator": code, "quarter": quarter, "value": value,
         "evidence": _evidence(f"{code} TW {quarter}")}
        for code, spec in INDICATORS.items()
        for quarter, value in enumerate(spec[5], start=1)
    ]  # fmt: skip
    activities = sum(len(acts) for _, acts in PROGRAMS.values())
    opening = (
        f"Perjanjian Kinerja KPU Kota Contoh Tahun 2024 memuat {len(OBJECTIVES)} (dua) sasaran "
        f"strategis dan {len(INDICATORS)} (empat) indikator kinerja utama, dilaksanakan melalui "
        f"{len(PROGRAMS)} (dua) program dan {activities} (dua) kegiatan. KPU Kota Contoh "
        "melapor kepada KPU Provinsi Contoh dan KPU RI; Program ini merupakan salah satu program "
        "prioritas."
    )
    return {
        "agency": {
            "code": "kpu-kota-contoh",
            "name": "KPU Kota Contoh",
            "full_name": "Komisi Pemilihan Umum Kota Contoh",
            "level": "regency_city",
            "parents": [
                {"code": "kpu-ri", "name": "KPU RI", "level": "national"},
                {"code": "kpu-prov", "name": "KPU Provinsi Contoh", "level": "province"},
            ],
        },
        "work_units": [
            {"code": "pdi", "name": "Sub Bagian Perencanaan, Data dan Informasi"},
            {"code": "hukum", "name": "Sub Bagian Hukum dan SDM"},
        ],
        "settings": {
            "rating_scale": {
                "name": "Skala capaian",
                "table": "Tabel 6",
                "bands": [
                    {"label": "Kurang", "upper": 75, "upper_inclusive": False},
                    {"label": "Baik", "lower": 75, "upper": 100},
                    {"label": "Sangat Baik", "lower": 100, "lower_inclusive": False},
                ],
            }
        },
        "strategic_plan": {
            "start": 2020,
            "end": 2024,
            "established_on": "2020-03-01",
            "vision": "Menjadi penyelenggara pemilu yang mandiri",
            "goals": [{"code": "T1", "text": "Mewujudkan KPU yang akuntabel"}],
            "objectives": [
                {
                    "code": obj,
                    "name": name,
                    "goal": "T1",
                    "indicators": [
                        {
                            "code": code,
                            "name": spec[1],
                            "work_unit": spec[2],
                            "combine": spec[3],
                            "is_key": True,
                            "grade_scale": "sakip" if code == "IK02" else None,
                            "can_exceed_100": code == "IK03",
                            "renstra_targets": {year: spec[4] for year in range(2020, 2025)},
                        }
                        for code, spec in INDICATORS.items()
                        if spec[0] == obj
                    ],
                }
                for obj, name in OBJECTIVES.items()
            ],
            "programs": [
                {
                    "code": code,
                    "name": name,
                    "activities": [{"code": a, "name": f"Kegiatan {a}"} for a in acts],
                }
                for code, (name, acts) in PROGRAMS.items()
            ],
        },
        "years": [
            {
                "year": 2024,
                "agreements": agreements,
                "measurements": measurements,
                "realizations": realizations,
                "supporting_tables": [
                    {
                        "key": "kendaraan",
                        "table": "Tabel 7",
                        "title": "Sarana Transportasi KPU Kota Contoh",
                        "columns": ["No.", "Jenis", "Jumlah"],
                        "rows": [["1.", "Minibus", 2], ["2.", "Sepeda Motor", 4]],
                    }
                ],
                "narrative": [{"key": "analisis", "title": "C. Analisis", "text": opening}],
                "report": {
                    "title": "Laporan Kinerja KPU Kota Contoh Tahun 2024",
                    "place": "Contoh",
                    "date": "2025-02-10",
                    "signatory": {"name": "Ketua Contoh", "position": "Ketua"},
                },
            },
            {
                "year": 2023,
                "measurements": [{"rows": [{"indicators": ["IK02"], "realization": "B"}]}],
            },
        ],
    }


@pytest.fixture
def consistent_data() -> dict[str, Any]:
    """A fresh copy of the consistent office's data, to change one thing in."""
    return copy.deepcopy(consistent_office())


@pytest.fixture
def consistent_dataset(consistent_data: dict[str, Any]) -> Dataset:
    """The consistent office, validated."""
    return Dataset.model_validate(consistent_data)


@pytest.fixture
def readiness_waived(monkeypatch: pytest.MonkeyPatch) -> None:
    """For tests of what happens around the lock, not of readiness itself (that is
    `tests/web/test_readiness.py`): the example office's years have readiness errors (its printed
    tables disagree with each other, some sections are not written), so here the readiness check
    of the lock and of its page finds nothing."""
    from kinerja.results import actions
    from kinerja.results.readiness import Readiness
    from kinerja.ui import views_readiness

    def nothing_missing(year: Any) -> Readiness:
        return Readiness(year.year, ())

    monkeypatch.setattr(actions, "assess", nothing_missing)
    monkeypatch.setattr(views_readiness, "assess", nothing_missing)


@pytest.fixture
def drill_database(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """A fresh database of the engine the suite runs on, for a drill's own processes (workers,
    a process killed midway): they cannot see the test's transaction. Dropped afterwards."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield f"sqlite:///{tmp_path / 'drill.sqlite3'}"
        return
    import psycopg

    base, _, name = url.rpartition("/")
    drill = f"{name}_{request.module.__name__.rpartition('.')[2]}"[:63]
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{drill}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{drill}"')
    yield f"{base}/{drill}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{drill}" WITH (FORCE)')


@pytest.fixture(autouse=True)
def _process_caches_forgotten() -> Iterator[None]:
    """Each test starts without what earlier tests' pages kept in this process (measured
    offices, consolidations): a rolled-back test leaves keys that another test may meet."""
    from kinerja.consolidation import kept, measured

    kept.forget()
    measured.forget()
    yield


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Before any fixture of the test: close the shared rows it must not see, reopen the ones it
    asks for (a module fixture opens them the first time)."""
    ModuleRows.current = item
    if ModuleRows.open is not None and not ModuleRows.open.serves(item):
        ModuleRows.open.stop()
    if ModuleRows.open is None:
        for rows in ModuleRows.alive.values():
            if rows.serves(item):
                rows.start()
                break


# --- tests that use no database -----------------------------------------------------------------

# The fixtures through which a test reaches a database (pytest-django refuses every query of a
# test that has none of them, nor the django_db mark).
DATABASE_FIXTURES = frozenset(
    {
        "db",
        "transactional_db",
        "live_server",
        "django_db_reset_sequences",
        "django_db_serialized_rollback",
        "django_db_setup",
        "drill_database",
    }
)


def uses_database(item: pytest.Item) -> bool:
    """Whether the test may reach a database. (Every test has pytest-django's
    `django_db_blocker`; a fixture that unblocks it by hand asks for `django_db_setup` too, or
    it would find no test database.)"""
    return item.get_closest_marker("django_db") is not None or bool(
        DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))
    )


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("kinerja", "the split of `python3 dev.py test`")
    group.addoption(
        "--database-tests",
        choices=("all", "only", "none"),
        default="all",
        help="only: just the tests that use a database (one run per engine); none: just those "
        "that use none (they prove the same on every engine, so they run once)",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    choice = config.getoption("--database-tests")
    if choice == "all":
        return
    wanted = choice == "only"
    left = [item for item in items if uses_database(item) != wanted]
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = [item for item in items if uses_database(item) == wanted]
