"""Review rules on the report as a document: counts in the text, numbering, years, office names.

- `narrative-count`: a count stated in a general narrative section ("3 (tiga) sasaran strategis",
  "7 (tujuh) indikator kinerja utama", "3 (tiga) program dan 9 (Sembilan) kegiatan") that matches
  none of the data's counts. Only numbers written in digits are read ("salah satu program" is not a
  count).
- `table-numbering`: table or figure numbers that skip (Tabel 4 then Tabel 9) or repeat, per
  chapter when numbered by chapter (`Tabel 3.21`, `Gambar 2.1`, `Tabel III.4`).
- `row-numbering`: row numbers of a table that skip or repeat (1, 2, 3, 4, 6).
- `title-year`: a PK, measurement table or report title naming another year ("Tahun 2023" in 2024).
- `office-name`: a title or text naming another KPU/KIP office of the same kind (a Renstra of
  "KPU Kota Bandar Lampung" in KPU Kota Metro's report); the office itself and its parents
  are legitimately named.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

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


_LABEL_RE = re.compile(r"^\s*(tabel|gambar|grafik)\s+(?:(\d+|[IVXLC]+)[.-])?(\d+)\b", re.IGNORECASE)
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_value(numeral: str) -> int:
    """The value of a Roman numeral: `III` is 3, `IV` is 4."""
    values = [_ROMAN[char] for char in numeral.upper()]
    total = 0
    for index, value in enumerate(values):
        following = values[index + 1] if index + 1 < len(values) else 0
        total += -value if value < following else value
    return total


@dataclass(frozen=True)
class LabelNumber:
    """A table or figure number as printed: `Tabel 3.21` is kind `Tabel`, chapter 3, number 21.

    `chapter` is None for numbering through the whole report (`Tabel 21`); `chapter_printed`
    keeps the chapter as printed (`III` in `Tabel III.4`).
    """

    kind: str
    chapter: int | None
    chapter_printed: str | None
    number: int

    def numeral(self, number: int) -> str:
        """`number` numbered as this label is: `3.22` in chapter 3, `22` without chapters."""
        return f"{self.chapter_printed}.{number}" if self.chapter_printed else str(number)

    def label(self, number: int | None = None) -> str:
        return f"{self.kind} {self.numeral(self.number if number is None else number)}"


def label_number(label: str) -> LabelNumber | None:
    """How a caption is numbered: `Tabel 3.21`, `Gambar 2.1`, `Tabel III.4`, `Tabel 9`."""
    match = _LABEL_RE.match(label)
    if match is None:
        return None
    kind, chapter, number = match.groups()
    chapter_value = None
    if chapter is not None:
        chapter_value = int(chapter) if chapter.isdigit() else roman_value(chapter)
    return LabelNumber(kind.capitalize(), chapter_value, chapter, int(number))


def _numbering_problems(numbers: list[LabelNumber]) -> Iterator[tuple[Location, str]]:
    """Repeats and skips within one run of numbers (one kind, one chapter or the whole report).

    A whole-report run starts at 1; a chapter's run starts where it starts (a dataset may hold
    only the chapter's later tables, such as `Tabel 3.21`).
    """
    first = numbers[0]
    values = [item.number for item in numbers]
    kind = first.kind.lower()
    for number in sorted(set(values)):
        if values.count(number) > 1:
            yield (
                Location(first.label(number)),
                f"Nomor {first.label(number)} dipakai {values.count(number)} kali. Beri setiap "
                f"{kind} nomor sendiri.",
            )
    ordered = sorted(set(values))
    previous = 0 if first.chapter is None else ordered[0] - 1
    for number in ordered:
        if number > previous + 1:
            missing = (
                first.label(previous + 1)
                if number == previous + 2
                else f"{first.label(previous + 1)}–{first.numeral(number - 1)}"
            )
            after = (
                f"dari {first.label(previous)} ke {first.label(number)}"
                if previous
                else f"ke {first.label(number)}"
            )
            yield (
                Location(first.label(number)),
                f"Penomoran {kind} melompat {after}: {missing} tidak ada. Periksa apakah ada "
                f"{kind} yang terlewat, atau urutkan ulang nomornya.",
            )
        previous = number


@rule("table-numbering", Severity.WARNING, FAMILY, "Penomoran tabel atau gambar melompat")
def table_numbering(data: ReviewInput) -> Iterator[tuple[Location, str]]:
    """Table (or figure) numbers that skip or repeat, per chapter for `Tabel 3.21` numbering."""
    runs: dict[tuple[str, int | None], list[LabelNumber]] = {}
    for label in data.table_labels:
        parsed = label_number(label)
        if parsed is not None:
            runs.setdefault((parsed.kind, parsed.chapter), []).append(parsed)
    for numbers in runs.values():
        yield from _numbering_problems(numbers)


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
