"""Review rules on the report as a document: counts in the text, numbering, years, office names.

- `narrative-count`: a count stated in a general narrative section ("3 (tiga) sasaran strategis",
  "7 (tujuh) indikator kinerja utama", "3 (tiga) program dan 9 (Sembilan) kegiatan") that matches
  none of the data's counts. Only numbers written in digits are read ("salah satu program" is not a
  count).
- `table-numbering`: table numbers that skip (Tabel 4 then Tabel 9) or repeat.
- `row-numbering`: row numbers of a table that skip or repeat (1, 2, 3, 4, 6).
- `title-year`: a PK, measurement table or report title naming another year ("Tahun 2023" in 2024).
- `office-name`: a title or text naming another KPU/KIP office of the same kind (a Renstra of
  "KPU Kota Bandar Lampung" in KPU Kota Metro's report); the office itself and its parents
  are legitimately named.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kinerja.core.review.findings import Location, Severity, rule
from kinerja.core.review.inputs import CountFact, ReviewInput

FAMILY = "dokumen"

_COUNT_RE = re.compile(
    r"(?<![\w.,])(\d{1,3})(?:\s*\(\s*[A-Za-z ]+?\s*\))?\s+"
    r"(sasaran\s+strategis|sasaran|indikator\s+kinerja\s+utama|iku|indikator\s+kinerja|indikator"
    r"|program|kegiatan)\b",
    re.IGNORECASE,
)


def stated_counts(text: str) -> list[tuple[int, str]]:
    """Counts written in digits before a counted noun: `[(3, 'sasaran strategis'), ...]`."""
    found: list[tuple[int, str]] = []
    for match in _COUNT_RE.finditer(text):
        noun = " ".join(match.group(2).lower().split())
        found.append((int(match.group(1)), noun))
    return found


def _fact(noun: str, data: ReviewInput) -> CountFact:
    counts = data.counts
    if noun.startswith("sasaran"):
        return counts.objectives
    if noun in ("indikator kinerja utama", "iku"):
        return counts.key_indicators
    if noun.startswith("indikator"):
        return counts.indicators
    if noun == "program":
        return counts.programs
    return counts.activities


@rule("narrative-count", Severity.ERROR, FAMILY, "Jumlah dalam narasi tidak sesuai data")
def narrative_count(data: ReviewInput) -> Iterator[tuple[Location, str]]:
    """A count in the narrative that none of the data's counts of that thing confirms."""
    for section in data.narrative:
        for number, noun in stated_counts(section.text):
            fact = _fact(noun, data)
            if not fact.counts or any(number == count for count, _ in fact.counts):
                continue
            held = "; ".join(f"{where} memuat {count} {fact.noun}" for count, where in fact.counts)
            held += f" ({fact.note})" if fact.note else ""
            hint = ""
            if fact is data.counts.objectives and data.counts.goals == number:
                hint = (
                    f" Angka {number} sama dengan jumlah tujuan Renstra: mungkin tujuan yang "
                    "dimaksud."
                )
            yield (
                Location(section.source),
                f"{section.source} menyebut {number} {noun}, sedangkan {held}.{hint} Sesuaikan "
                "angka dalam narasi dengan data.",
            )


_TABLE_RE = re.compile(r"^\s*tabel\s+(\d+)\b", re.IGNORECASE)


@rule("table-numbering", Severity.WARNING, FAMILY, "Penomoran tabel melompat")
def table_numbering(data: ReviewInput) -> Iterator[tuple[Location, str]]:
    """Table numbers that skip or repeat."""
    numbers: list[int] = []
    for label in data.table_labels:
        match = _TABLE_RE.match(label)
        if match:
            numbers.append(int(match.group(1)))
    if not numbers:
        return
    for number in sorted(set(numbers)):
        if numbers.count(number) > 1:
            yield (
                Location(f"Tabel {number}"),
                f"Nomor Tabel {number} dipakai {numbers.count(number)} kali. Beri setiap tabel "
                "nomor sendiri.",
            )
    previous = 0
    for number in sorted(set(numbers)):
        if number > previous + 1:
            missing = (
                f"Tabel {previous + 1}"
                if number == previous + 2
                else f"Tabel {previous + 1}–{number - 1}"
            )
            after = f"dari Tabel {previous} ke Tabel {number}" if previous else f"ke Tabel {number}"
            yield (
                Location(f"Tabel {number}"),
                f"Penomoran tabel melompat {after}: {missing} tidak ada. Periksa apakah ada tabel "
                "yang terlewat, atau urutkan ulang nomornya.",
            )
        previous = number


def _row_number(cell: str | int | float | None) -> int | str | None:
    if isinstance(cell, bool) or cell is None:
        return None
    if isinstance(cell, int):
        return cell
    if isinstance(cell, float):
        return int(cell) if cell.is_integer() else None
    text = cell.strip().rstrip(".)").strip()
    if text.isdigit():
        return int(text)
    if len(text) == 1 and text.isalpha():
        return text.lower()
    return None


@rule("row-numbering", Severity.WARNING, FAMILY, "Penomoran baris melompat")
def row_numbering(data: ReviewInput) -> Iterator[tuple[Location, str]]:
    """Row numbers (1, 2, 3 ... or a, b, c ...) that skip or repeat."""
    for table in data.numbered_rows:
        numbers = [_row_number(cell) for cell in table.numbers]
        if not numbers or any(number is None for number in numbers):
            continue
        if all(isinstance(number, int) for number in numbers):
            expected: list[int | str] = list(range(1, len(numbers) + 1))
        elif all(isinstance(number, str) for number in numbers):
            expected = [chr(ord("a") + index) for index in range(len(numbers))]
        else:
            continue
        if numbers == expected:
            continue
        for index in range(1, len(numbers)):
            before, after = numbers[index - 1], numbers[index]
            if str(before) == str(after):
                problem = f"nomor {after} dipakai dua kali"
            elif _next(before) != after:
                problem = f"nomor baris melompat dari {before} ke {after}"
            else:
                continue
            yield (
                Location(table.source),
                f"{table.source}: {problem}. Periksa apakah ada baris yang terlewat, atau urutkan "
                "ulang nomornya.",
            )


def _next(number: int | str | None) -> int | str | None:
    if isinstance(number, int):
        return number + 1
    if isinstance(number, str):
        return chr(ord(number) + 1)
    return None


_YEAR_RE = re.compile(r"\bTahun(?:\s+Anggaran)?\s+(\d{4})\b(?!\s*[-–/]\s*\d)", re.IGNORECASE)


@rule("title-year", Severity.ERROR, FAMILY, "Judul menyebut tahun lain")
def title_year(data: ReviewInput) -> Iterator[tuple[Location, str]]:
    """A title of the year's PK, measurement table or report that names another year."""
    for title in data.year_titles:
        for match in _YEAR_RE.finditer(title.text):
            named = int(match.group(1))
            if named != data.year:
                yield (
                    Location(title.source),
                    f"Judul {title.source} menyebut Tahun {named} ('{title.text}'), padahal "
                    f"datanya Tahun {data.year}. Perbaiki tahun pada judul.",
                )


_OFFICE_RE = re.compile(
    r"\b(?:KPU|KIP|Komisi Pemilihan Umum|Komisi Independen Pemilihan)\s+"
    r"(Kota|Kabupaten|Kab\.|Provinsi)\s+((?:[A-Z][\w'-]*)(?:\s+[A-Z][\w'-]*)*)"
)
_LEVELS = {"kota": "kota", "kabupaten": "kabupaten", "kab.": "kabupaten", "provinsi": "provinsi"}


def office_mentions(text: str) -> list[tuple[str, str, str]]:
    """`(level, place, as printed)` of every named KPU/KIP office: `('kota', 'Metro', ...)`."""
    found: list[tuple[str, str, str]] = []
    for match in _OFFICE_RE.finditer(text):
        level = _LEVELS[match.group(1).lower()]
        words = match.group(2).split()
        while words and _LEVELS.get(words[0].lower()) == level:
            words = words[1:]  # "KPU Kota Kota Metro"
        if words:
            found.append((level, " ".join(words), match.group(0)))
    return found


def _known(place: str, known: list[str]) -> bool:
    lowered = place.lower()
    return any(lowered == name or lowered.startswith(name + " ") for name in known)


@rule("office-name", Severity.WARNING, FAMILY, "Nama kantor lain disebut")
def office_name(data: ReviewInput) -> Iterator[tuple[Location, str]]:
    """A title or text naming another office of a level this office or its parents hold."""
    own: dict[str, list[str]] = {}
    for name in data.office_names:
        for level, place, _ in office_mentions(name):
            own.setdefault(level, []).append(place.lower())
    if not own:
        return
    for text in data.texts:
        reported: set[str] = set()
        for level, place, printed in office_mentions(text.text):
            if level not in own or _known(place, own[level]) or printed in reported:
                continue
            reported.add(printed)
            yield (
                Location(text.source),
                f"{text.source} menyebut '{printed}', padahal laporan ini milik "
                f"{data.office_names[0]}. Periksa apakah ini sisa salinan dari dokumen kantor lain "
                "dan perbaiki namanya.",
            )
