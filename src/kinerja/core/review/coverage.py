"""Review rules on what is planned, agreed, measured and evidenced.

- `indicator-unreported`: an indicator of the office PK with no realisation in the year.
- `indicator-unplanned`: an indicator reported in a measurement table but absent from the
  office PK.
- `indicator-not-agreed`: an indicator with a Renstra target for the year, absent from the PK.
- `unit-unplanned`: a unit's measurement table reports an indicator its own PK does not list.
- `shared-row`: one measurement row printed for several indicators (and, when its target is some
  indicators' only, whose).
- `wording-mismatch`: a table names an objective or indicator otherwise than the plan.
- `quarters-absent`: the year holds no quarterly realisation at all.
- `quarter-missing`: an agreed indicator lacks a quarter that others already have.
- `evidence-missing`: a realisation without evidence (bukti dukung).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kinerja.core.review.findings import QUARTER_NAMES, Location, Severity, quoted, rule
from kinerja.core.review.inputs import ReviewInput
from kinerja.core.review.targets import shared_row_targets

FAMILY = "kelengkapan"


@rule("indicator-unreported", Severity.ERROR, FAMILY, "Indikator PK tidak dilaporkan")
def indicator_unreported(data: ReviewInput) -> Iterator[tuple[Location, str]]:
    """An indicator of the office PK with no realisation at all in the year."""
    coverage = data.coverage
    for objective, code in coverage.agreed:
        if code not in coverage.realized:
            yield (
                Location(coverage.office_pk, objective, code),
                f"Indikator {code} ada di {coverage.office_pk} tetapi tidak diukur: tidak ada "
                "realisasinya di tabel pengukuran mana pun. Isi realisasinya, atau jelaskan "
                "mengapa tidak diukur.",
            )


@rule("indicator-unplanned", Severity.ERROR, FAMILY, "Indikator dilaporkan tanpa PK")
def indicator_unplanned(data: ReviewInput) -> Iterator[tuple[Location, str]]:
    """An indicator reported in the year although the office PK does not agree on it."""
    coverage = data.coverage
    if coverage.office_pk is None:
        return
    agreed = {code for _, code in coverage.agreed}
    seen: set[str] = set()
    for source, objective, code in coverage.reported_in:
        if code in agreed or code in seen:
            continue
        seen.add(code)
        yield (
            Location(source, objective, code),
            f"{source} melaporkan {code}, yang tidak ada di {coverage.office_pk}. Tambahkan "
            "indikator itu ke PK (revisi PK) atau keluarkan dari laporan.",
        )


@rule("indicator-not-agreed", Severity.WARNING, FAMILY, "Indikator Renstra tidak masuk PK")
def indicator_not_agreed(data: ReviewInput) -> Iterator[tuple[Location, str]]:
    """An indicator with a Renstra target for the year that the office PK leaves out."""
    coverage = data.coverage
    if coverage.office_pk is None:
        return
    agreed = {code for _, code in coverage.agreed}
    for objective, code in coverage.renstra_year:
        if code not in agreed:
            yield (
                Location("Renstra", objective, code),
                f"Renstra menetapkan target {data.year} untuk {code}, tetapi indikator itu tidak "
                f"ada di {coverage.office_pk}. Masukkan ke PK atau jelaskan perubahannya.",
            )


@rule("unit-unplanned", Severity.WARNING, FAMILY, "Indikator unit di luar PK unitnya")
def unit_unplanned(data: ReviewInput) -> Iterator[tuple[Location, str]]:
    """A unit's measurement table reports an indicator that the unit's own PK does not list."""
    for unit in data.coverage.units:
        if unit.pk_source is None or unit.table_source is None:
            continue
        listed = {code for _, code in unit.pk_indicators}
        for objective, code in unit.table_indicators:
            if code not in listed:
                yield (
                    Location(unit.table_source, objective, code),
                    f"{unit.table_source} mengukur {code}, yang tidak ada di PK unitnya "
                    f"({unit.pk_source}). Tambahkan ke PK unit atau pindahkan ke tabel unit "
                    "pemiliknya.",
                )


@rule("shared-row", Severity.WARNING, FAMILY, "Satu baris untuk beberapa indikator")
def shared_row(data: ReviewInput) -> Iterator[tuple[Location, str]]:
    """One row of target, realisation and achievement printed for several indicators."""
    for row in data.rows:
        if len(row.indicators) > 1:
            codes = ", ".join(row.indicators)
            yield (
                Location(row.source, row.objective, codes),
                f"{row.source} mencetak satu baris target, realisasi dan capaian untuk "
                f"{len(row.indicators)} indikator ({codes}): capaian masing-masing tidak dapat "
                f"dibedakan.{_targets_of(data, row.source, row.indicators)} Buat satu baris per "
                "indikator.",
            )


def _targets_of(data: ReviewInput, source: str, codes: tuple[str, ...]) -> str:
    """What the shared row's target is to each indicator, when it is some indicators' only."""
    compared = shared_row_targets(data, source, codes)
    agreeing = [code for code, *_, agrees in compared if agrees]
    differing = [(code, ref) for code, ref, _, _, agrees in compared if not agrees]
    if not agreeing or not differing:
        return ""
    printed = compared[0][3]
    others = "; ".join(f"{code} {quoted(ref.printed)} di {ref.source}" for code, ref in differing)
    return (
        f" Targetnya {quoted(printed)} adalah target {', '.join(agreeing)}, bukan target "
        f"{', '.join(code for code, _ in differing)} ({others})."
    )


_NOT_WORD = re.compile(r"[^\w]+")


def normalized_wording(text: str) -> str:
    """A name compared without case, punctuation and spacing: `Waktu.` is `waktu`."""
    return " ".join(_NOT_WORD.sub(" ", text.casefold()).split())


@rule("wording-mismatch", Severity.WARNING, FAMILY, "Rumusan sasaran/indikator berbeda")
def wording_mismatch(data: ReviewInput) -> Iterator[tuple[Location, str]]:
    """A table names an objective or indicator otherwise than the plan does."""
    for wording in data.wordings:
        printed = normalized_wording(wording.printed)
        if any(printed == normalized_wording(name) for name in wording.planned):
            continue
        codes = ", ".join(wording.codes)
        planned = " / ".join(f"'{name}'" for name in wording.planned)
        yield (
            Location(
                wording.source, wording.objective, None if wording.what == "sasaran" else codes
            ),
            f"{wording.source} menulis {wording.what} {codes} sebagai '{wording.printed}', "
            f"berbeda dengan rumusan Renstra/PK {planned}. Gunakan rumusan yang sama di semua "
            "tabel.",
        )


@rule("quarters-absent", Severity.INFO, FAMILY, "Tidak ada realisasi triwulanan")
def quarters_absent(data: ReviewInput) -> Iterator[tuple[Location, str]]:
    """The year has agreed indicators but no quarterly realisation at all."""
    if data.coverage.agreed and not any(r.quarter for r in data.realizations):
        yield (
            Location(),
            f"Tahun {data.year} tidak memuat realisasi triwulanan: pengukuran berkala tidak dapat "
            "ditunjukkan. Catat realisasi setiap triwulan beserta bukti dukungnya.",
        )


def _quarters(data: ReviewInput) -> dict[str, set[int]]:
    quarters: dict[str, set[int]] = {}
    for real in data.realizations:
        if real.quarter is not None:
            for code in real.indicators:
                quarters.setdefault(code, set()).add(real.quarter)
    return quarters


@rule("quarter-missing", Severity.WARNING, FAMILY, "Realisasi triwulan belum diisi")
def quarter_missing(data: ReviewInput) -> Iterator[tuple[Location, str]]:
    """An agreed indicator without a quarter up to the latest quarter the year has."""
    quarters = _quarters(data)
    if not quarters:
        return
    latest = max(max(found) for found in quarters.values())
    expected = list(range(1, latest + 1))
    for objective, code in data.coverage.agreed:
        found = quarters.get(code, set())
        if not found:
            names = ", ".join(QUARTER_NAMES[q] for q in expected)
            yield (
                Location(None, objective, code),
                f"{code} belum punya realisasi triwulan ({names}), padahal indikator lain sudah "
                "sampai " + QUARTER_NAMES[latest] + ". Isi realisasinya beserta bukti dukung.",
            )
            continue
        for quarter in expected:
            if quarter not in found:
                yield (
                    Location(None, objective, code, quarter),
                    f"Realisasi {code} {QUARTER_NAMES[quarter]} belum diisi. Isi realisasinya "
                    "beserta bukti dukung.",
                )


@rule("evidence-missing", Severity.WARNING, FAMILY, "Realisasi tanpa bukti dukung")
def evidence_missing(data: ReviewInput) -> Iterator[tuple[Location, str]]:
    """Realisations without evidence: per quarter, or per measurement table for yearly figures."""
    quarterly = _quarters(data)
    by_table: dict[str, list[str]] = {}
    for real in data.realizations:
        if real.evidence:
            continue
        if real.quarter is not None:
            codes = ", ".join(real.indicators)
            yield (
                Location(real.source, real.objective, codes, real.quarter),
                f"Realisasi {codes} {QUARTER_NAMES.get(real.quarter, '')} tidak disertai bukti "
                "dukung. Unggah dokumen atau tautan buktinya.",
            )
        elif not all(code in quarterly for code in real.indicators):
            by_table.setdefault(real.source, []).extend(real.indicators)
    for source, table_codes in by_table.items():
        listed = ", ".join(dict.fromkeys(table_codes))
        yield (
            Location(source),
            f"Realisasi di {source} ({listed}) tidak disertai bukti dukung. Lampirkan bukti "
            "dukung setiap realisasi sebelum laporan direviu.",
        )
