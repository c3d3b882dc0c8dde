"""Review rules on the narrative against the data: what a sentence says of one indicator.

A sentence is linked to an indicator only when the link is unambiguous (docs/review-rules.md,
"How a sentence is linked"); a sentence that could speak of two indicators is not read.

- `narrative-category`: a category of the rating scale ("cukup baik") said of an indicator or
  objective named in full in the sentence, other than the category its achievement falls in.
- `narrative-number`: a count said of an indicator ("21 kali revisi", "sebanyak 8 orang") that
  is not its realisation.
- `narrative-none`: "tidak ada sengketa" said of an indicator that counts disputes, beside a
  realisation above zero.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from kinerja.core.achievement import number_text
from kinerja.core.review.document import FAMILY
from kinerja.core.review.findings import Location, Severity, percent_text, quoted, rule
from kinerja.core.review.inputs import IndicatorOutcome, Passage, ReviewInput
from kinerja.core.values import Percentage, Quantity, Value, normalize_unit

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def sentences(text: str) -> list[str]:
    """The sentences of a text: split after `.`, `!`, `?` and at line ends."""
    return [part.strip() for part in _SENTENCE_END.split(text) if part.strip()]


def _squeezed(text: str) -> tuple[str, list[int]]:
    """The text's letters and digits only, case-folded, with each one's index in the text."""
    kept: list[str] = []
    where: list[int] = []
    for index, char in enumerate(text):
        if char.isalnum():
            folded = char.casefold()
            kept.append(folded)
            where.extend([index] * len(folded))
    return "".join(kept), where


def squeezed_name(name: str) -> str | None:
    """A name as a sentence is searched for it: letters and digits only, case-folded, so that
    `dimuat dimedia sosial` finds `dimuat di media sosial`. None when it is too short to name an
    indicator unambiguously (fewer than 12 letters and digits)."""
    wanted, _ = _squeezed(name)
    return wanted if len(wanted) >= 12 else None


def _end_in(sentence: tuple[str, list[int]], wanted: str) -> int | None:
    """Where a squeezed name ends in the (squeezed) sentence, as an index into the sentence."""
    squeezed, where = sentence
    found = squeezed.find(wanted)
    return None if found < 0 else where[found + len(wanted) - 1] + 1


# --- the subject of a sentence ---------------------------------------------------------------


@dataclass(frozen=True)
class _Subject:
    """An indicator or objective a passage can speak of, with its name as searched for."""

    code: str
    objective: str | None
    wanted: str
    rating: str | None
    achievement: Decimal | None


def _subjects(passage: Passage, data: ReviewInput) -> list[_Subject]:
    """The indicators of a passage and their objectives, each with a name long enough to find."""
    outcomes = {o.indicator: o for o in data.outcomes}
    facts = {indicator.code: indicator for indicator in data.indicators}
    found: list[_Subject] = []
    objectives: set[str] = set()
    for code in passage.indicators:
        indicator = facts.get(code)
        if indicator is None:
            continue
        objectives.add(indicator.objective)
        wanted = squeezed_name(indicator.name)
        outcome = outcomes.get(code)
        if wanted is not None:
            found.append(
                _Subject(
                    code,
                    indicator.objective,
                    wanted,
                    outcome.rating if outcome else None,
                    outcome.achievement.value if outcome else None,
                )
            )
    for objective in data.objective_outcomes:
        wanted = squeezed_name(objective.name)
        if objective.objective in objectives and wanted is not None:
            found.append(
                _Subject(objective.objective, None, wanted, objective.rating, objective.achievement)
            )
    return found


_NOT_A_CATEGORY = {"dengan", "secara", "lebih", "tidak", "belum", "makin", "semakin", "agar"}


def _label_pattern(labels: tuple[str, ...]) -> tuple[re.Pattern[str], dict[str, str]] | None:
    """A pattern finding any category label (longest first), and each label by how it reads."""
    ordered = sorted({label.strip() for label in labels if label.strip()}, key=len, reverse=True)
    if not ordered:
        return None
    pattern = re.compile(
        r"(?<!\w)("
        + "|".join(r"\s+".join(map(re.escape, x.split())) for x in ordered)
        + r")(?!\w)",
        re.IGNORECASE,
    )
    return pattern, {" ".join(x.split()).casefold(): x for x in ordered}


def _category_after(
    sentence: str, start: int, pattern: re.Pattern[str], labels: dict[str, str]
) -> tuple[str, str] | None:
    """The first category label said after `start`: `(label, as printed)`.

    A label after `dengan`, `secara`, `lebih`, `tidak` ... is a manner ("dengan baik"), not a
    category, and is passed over.
    """
    for match in pattern.finditer(sentence, start):
        before = sentence[: match.start()].split()
        if before and before[-1].casefold() in _NOT_A_CATEGORY:
            continue
        return labels[" ".join(match.group(1).split()).casefold()], match.group(1)
    return None


@rule("narrative-category", Severity.ERROR, FAMILY, "Kategori capaian dalam narasi tidak sesuai")
def narrative_category(data: ReviewInput) -> Iterator[tuple[Location, str]]:
    """A rating category said of one indicator (or objective) other than the one it has."""
    found = _label_pattern(data.rating_labels)
    if found is None:
        return
    pattern, labels = found
    scale = f" ({data.rating_scale_source})" if data.rating_scale_source else ""
    for passage in data.passages:
        subjects = _subjects(passage, data)
        for sentence in sentences(passage.text):
            if not subjects or pattern.search(sentence) is None:
                continue  # no category said: nothing to compare
            squeezed = _squeezed(sentence)
            named = [
                (subject, end)
                for subject in subjects
                if (end := _end_in(squeezed, subject.wanted)) is not None
            ]
            if len(named) != 1:
                continue
            ((subject, end),) = named
            said = _category_after(sentence, end, pattern, labels)
            if said is None or subject.rating is None or subject.achievement is None:
                continue
            label, printed = said
            if label.casefold() == subject.rating.casefold():
                continue
            what = f"indikator {subject.code}" if subject.objective else f"sasaran {subject.code}"
            objective = subject.objective or subject.code
            indicator = subject.code if subject.objective else None
            yield (
                Location(passage.source, objective, indicator),
                f"{passage.source} menyebut capaian {what} '{printed}', padahal capaiannya "
                f"{percent_text(subject.achievement)} masuk kategori '{subject.rating}'"
                f"{scale}. Sesuaikan kategori dalam narasi dengan capaian, atau periksa datanya.",
            )


# --- what a sentence counts --------------------------------------------------------------------

_COUNTED = re.compile(r"\bjumlah\s+(\w+)", re.IGNORECASE)
_NUMBER = r"(?<![\w.,])(\d+)(?:\s*\([^)]*\))?\s+"


def counted_noun(name: str) -> str | None:
    """What an indicator counts: `revisi` for "Jumlah revisi ...", `sengketa` for "Penurunan
    jumlah sengketa hukum"."""
    match = _COUNTED.search(name)
    return match.group(1).casefold() if match else None


def _by_counted_noun(passage: Passage, data: ReviewInput) -> dict[str, str]:
    """Each noun counted by exactly one of the passage's indicators: `{"revisi": "IK05"}`."""
    nouns: dict[str, list[str]] = {}
    for code in passage.indicators:
        facts = data.indicator(code)
        noun = counted_noun(facts.name) if facts else None
        if noun:
            nouns.setdefault(noun, []).append(code)
    return {noun: codes[0] for noun, codes in nouns.items() if len(codes) == 1}


def _single(value: Value | None) -> tuple[Decimal, str] | None:
    """The amount and unit of a one-part quantity."""
    if isinstance(value, Quantity) and value.is_single:
        return value.parts[0].amount, value.parts[0].unit_key
    return None


def _outcome(data: ReviewInput, code: str) -> IndicatorOutcome | None:
    return next((o for o in data.outcomes if o.indicator == code), None)


def _realised(outcome: IndicatorOutcome) -> str:
    printed = quoted(outcome.realization_printed)
    if outcome.reported_printed:
        return f"{printed} (capaian tercetak {outcome.reported_printed})"
    if outcome.achievement.value is not None:
        return f"{printed} (capaian {percent_text(outcome.achievement.value)})"
    return printed


def _counted_claims(
    sentence: str, passage: Passage, data: ReviewInput
) -> Iterator[tuple[str, Decimal, str]]:
    """`(indicator, number, as printed)` for "21 kali revisi" where `revisi` is what exactly one
    of the passage's indicators counts."""
    for noun, code in _by_counted_noun(passage, data).items():
        pattern = re.compile(_NUMBER + r"(?:kali\s+)?" + re.escape(noun) + r"\b", re.IGNORECASE)
        for match in pattern.finditer(sentence):
            yield code, Decimal(match.group(1)), " ".join(match.group(0).split())


_TARGET = re.compile(r"\btarget\w*\s+(?:[a-z]+\s+){0,3}?" + _NUMBER + r"(\w+)", re.IGNORECASE)


def _target_claims(
    sentence: str, passage: Passage, data: ReviewInput
) -> Iterator[tuple[str, Decimal, str]]:
    """`(indicator, number, as printed)` for "dari target sebesar 3 orang ..., sebanyak 8 orang":
    the target stated names exactly one of the passage's indicators (by amount and unit), and
    every other count in that unit in the sentence is a claim about its realisation."""
    for match in _TARGET.finditer(sentence):
        amount, unit = Decimal(match.group(1)), normalize_unit(match.group(2))
        owners = {
            statement.indicator
            for statement in data.targets
            if statement.indicator in passage.indicators
            for value in (statement.value, statement.activity)
            if (single := _single(value)) is not None
            and single[0] == amount
            and single[1].split()[0] == unit
        }
        if len(owners) != 1:
            continue
        (code,) = owners
        pattern = re.compile(_NUMBER + r"(\w+)", re.IGNORECASE)
        for other in pattern.finditer(sentence):
            if other.start() >= match.start() and other.end() <= match.end():
                continue  # the target itself
            number = Decimal(other.group(1))
            if normalize_unit(other.group(2)) == unit and number != amount:
                yield code, number, " ".join(other.group(0).split())


@rule("narrative-number", Severity.ERROR, FAMILY, "Angka dalam narasi tidak sesuai realisasi")
def narrative_number(data: ReviewInput) -> Iterator[tuple[Location, str]]:
    """A count said of one indicator that is not its realisation."""
    for passage in data.passages:
        reported: set[tuple[str, Decimal]] = set()
        for sentence in sentences(passage.text):
            claims = list(_counted_claims(sentence, passage, data))
            claims += _target_claims(sentence, passage, data)
            for code, number, printed in claims:
                outcome = _outcome(data, code)
                realised = _single(outcome.realization) if outcome else None
                if outcome is None or realised is None or number == realised[0]:
                    continue
                if (code, number) in reported:
                    continue
                reported.add((code, number))
                yield (
                    Location(passage.source, outcome.objective, code),
                    f"{passage.source} menyebut '{printed}' untuk {code}, padahal realisasinya "
                    f"{_realised(outcome)}: {number_text(number)} bukan "
                    f"{number_text(realised[0])}. Samakan angka dalam narasi dengan realisasi, "
                    "atau perbaiki realisasinya.",
                )


_NONE = re.compile(
    r"\b(?:tidak\s+(?:ada|terdapat|terjadi|terkait|ditemukan|pernah)|belum\s+ada|nihil|nol)"
    r"(?:\s+(?:satu|satupun|sebuah|suatu|kasus|perkara|permasalahan|masalah|pun)){0,2}\s+",
    re.IGNORECASE,
)
"""A "none" said right before the counted noun: `tidak ada sengketa`, `tidak terkait kasus
sengketa`; only these few words may stand between (`tidak ada kendala dalam penyusunan laporan`
says nothing of the number of reports)."""


def _amount(value: Value | None) -> Decimal | None:
    if isinstance(value, Quantity):
        return sum((part.amount for part in value.parts), Decimal(0))
    if isinstance(value, Percentage):
        return value.amount
    return None


@rule("narrative-none", Severity.ERROR, FAMILY, "Narasi menyebut nihil, realisasi tidak nol")
def narrative_none(data: ReviewInput) -> Iterator[tuple[Location, str]]:
    """ "Tidak ada sengketa" said beside a realisation above zero of the indicator counting
    disputes."""
    for passage in data.passages:
        nouns = _by_counted_noun(passage, data)
        for sentence in sentences(passage.text):
            for noun, code in nouns.items():
                pattern = re.compile(_NONE.pattern + re.escape(noun) + r"\b", re.IGNORECASE)
                match = pattern.search(sentence)
                outcome = _outcome(data, code)
                amount = _amount(outcome.realization) if outcome else None
                if match is None or outcome is None or amount is None or amount <= 0:
                    continue
                printed = " ".join(match.group(0).split())
                yield (
                    Location(passage.source, outcome.objective, code),
                    f"{passage.source} menyatakan tidak ada {noun} ('{printed}'), padahal "
                    f"realisasi {code} adalah {_realised(outcome)}. Bila memang tidak ada "
                    f"{noun}, catat realisasinya nol; bila ada, perbaiki narasinya.",
                )
