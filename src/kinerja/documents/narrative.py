"""Narrative: the planner's text turned into blocks, and drafted sentences made from the numbers.

Drafted sentences are deterministic Indonesian built only from the context's figures: the same
data always gives the same words, and no sentence states a fact the data does not hold. Where the
data cannot say something (the causes of a result, strategic issues), nothing is printed: the
builder records a gap (`gaps.py`) naming the narrative key that fills it. How a figure was
computed is a note for the planner (`calculation_notes`), never part of the body. A planner's
`NarrativeSection` replaces the draft of its key section by section (see `docs/reports.md`).

Counts are written as a person writes them (`tidak ada`, `satu indikator`, `formats.count_text`),
quotations in one style (`quoted`), and the states of a figure in one wording (`wording`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from kinerja.core.achievement import (
    ACTIVITY_READING_NOTE,
    PERCENTAGE_ONLY_NOTE,
    SHARE_READING_NOTE,
    Status,
)
from kinerja.dataset.measure import IndicatorResult, MeasureResult, ObjectiveResult
from kinerja.documents.context import ReportContext
from kinerja.documents.tree import Block, ItemList, ListItem, Paragraph, Run
from kinerja.documents.wording import NOT_COMPUTABLE, group_state_text, state_text
from kinerja.formats import count_text, format_percent

_LABEL = re.compile(r"^(\(?[0-9]{1,2}[.)]|[a-zA-Z][.)]|\([0-9a-zA-Z]{1,3}\))\s+(.+)$")
_READING_NOTES = {ACTIVITY_READING_NOTE, SHARE_READING_NOTE, PERCENTAGE_ONLY_NOTE}
_SINGLE_QUOTED = re.compile(r"'([^']*)'")


# --- the planner's text -------------------------------------------------------------------------


def text_blocks(text: str) -> list[Block]:
    """Blocks of a planner's text: paragraphs split at blank lines, `- ` lines as list items.

    An item that starts with its own marker (`a.`, `1.`, `(2)`) keeps it; others get a bullet.
    """
    blocks: list[Block] = []
    items: list[ListItem] = []
    lines: list[str] = []

    def close_paragraph() -> None:
        if lines:
            blocks.append(Paragraph.of(" ".join(lines)))
            lines.clear()

    def close_list() -> None:
        if items:
            blocks.append(ItemList(tuple(items)))
            items.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            close_paragraph()
            close_list()
        elif line.startswith("- ") or line == "-":
            close_paragraph()
            body = line[1:].strip()
            match = _LABEL.match(body)
            if match:
                items.append(ListItem((Run(match.group(2)),), label=match.group(1)))
            else:
                items.append(ListItem((Run(body),)))
        else:
            close_list()
            lines.append(line)
    close_paragraph()
    close_list()
    return blocks


# --- words for figures --------------------------------------------------------------------------


def achievement_text(ind: IndicatorResult) -> str:
    """The achievement as a table prints it: `95,50%`, or why there is none. Where the cap
    applies to the indicator and changes it, the uncapped figure is printed beside it:
    `100,00% (tanpa batas 114,29%)`."""
    if ind.shown is not None and ind.is_capped:
        return f"{format_percent(ind.shown)} (tanpa batas {format_percent(ind.achievement.value)})"
    if ind.achievement.value is not None:
        return format_percent(ind.achievement.value)
    return state_text(ind.achievement.status)


def rating_text(band_label: str | None, value: Decimal | None) -> str:
    if value is None:
        return "-"
    return band_label or "di luar skala"


def quoted(text: str) -> str:
    """The one quoting style of the documents: typographic double quotes."""
    return f"\u201c{text}\u201d"


_DOUBLED = re.compile(r"\b(\w+) \1\b", re.IGNORECASE)


def doubled_words(text: str) -> list[str]:
    """Words written twice in a row (`dengan dengan`), which Indonesian writes once or with a
    hyphen (`kota-kota`); numbers are left alone."""
    return [m.group(0) for m in _DOUBLED.finditer(text) if not m.group(1).isdigit()]


def plain_reason(reason: str | None) -> str:
    """A reason from the calculation core as a clause of running text: its quotes in the
    documents' style and its colons turned into commas, so no sentence stacks colons."""
    text = _SINGLE_QUOTED.sub(lambda m: quoted(m.group(1)), reason or "")
    return text.replace(": ", ", ")


def join_words(words: Sequence[str]) -> str:
    """`a`, `a dan b`, `a, b, dan c`."""
    if len(words) <= 1:
        return "".join(words)
    if len(words) == 2:
        return f"{words[0]} dan {words[1]}"
    return ", ".join(words[:-1]) + f", dan {words[-1]}"


def is_achieved(ind: IndicatorResult) -> bool:
    return ind.achievement.value is not None and ind.achievement.value >= 100


def printed_below(ind: IndicatorResult) -> bool:
    """Reached by the computation, but printed below 100% in a work unit's table: the document
    does not count it as having reached its target without naming both figures."""
    return (
        is_achieved(ind) and ind.reported_achievement is not None and ind.reported_achievement < 100
    )


def reached(ind: IndicatorResult) -> bool:
    """Reached its target by every figure the document prints for it."""
    return is_achieved(ind) and not printed_below(ind)


def calculation_notes(ind: IndicatorResult) -> list[str]:
    """How the indicator's figure was computed, for the planner (never printed in the body)."""
    return [plain_reason(n) for n in ind.achievement.notes if n not in _READING_NOTES]


def kind_and_name(kind: str, name: str) -> str:
    """`program Penyelenggaraan Pemilu`, but `Program Dukungan Manajemen` where the name
    already begins with its kind (never `program Program ...`)."""
    if name.lower().startswith(kind.lower() + " "):
        return name
    return f"{kind} {name}"


def direction(before: Decimal, after: Decimal) -> str:
    if after > before:
        return "naik"
    if after < before:
        return "turun"
    return "tetap"


# --- one indicator, one objective ---------------------------------------------------------------


def indicator_sentence(ind: IndicatorResult) -> str:
    """Target, realisation, achievement and rating of one indicator, in one or two sentences."""
    name = quoted(ind.name)
    status = ind.achievement.status
    if status is Status.UNMEASURED:
        target = f" dengan target {ind.target}" if ind.target else ""
        return (
            f"Indikator {name}{target} belum diukur karena realisasinya belum tersedia; "
            "indikator ini tidak dihitung dalam rata-rata capaian."
        )
    if status is Status.NOT_COMPUTABLE:
        return (
            f"Indikator {name} terealisasi {ind.realization or '-'}, tetapi capaiannya tidak "
            f"dapat dihitung karena {plain_reason(ind.achievement.reason)}."
        )
    assert ind.achievement.value is not None
    rating = (
        f"dengan kategori {ind.rating.label}"
        if ind.rating
        else "yang tidak masuk kategori mana pun pada skala penilaian"
    )
    sentence = (
        f"Indikator {name} ditargetkan {ind.target} dan terealisasi {ind.realization}, sehingga "
        f"capaiannya {achievement_text(ind)} {rating}."
    )
    if ind.reported_differs:
        sentence += (
            f" Tabel pengukuran unit kerja mencantumkan capaian {ind.reported_printed}, "
            f"sedangkan hasil perhitungan {achievement_text(ind)}."
        )
    return sentence


def _measured_clause(indicators: Sequence[IndicatorResult]) -> str:
    """`dengan satu indikator yang capaiannya dapat dihitung`, `dengan tiga indikator; capaian
    dua indikator dapat dihitung dan satu indikator belum diukur`."""
    total = len(indicators)
    measured = sum(1 for i in indicators if i.achievement.is_measured)
    unmeasured = sum(1 for i in indicators if i.achievement.status is Status.UNMEASURED)
    failed = total - measured - unmeasured
    counted = count_text(total, "indikator")
    if total == 0:
        return "tanpa indikator"
    if measured == total:
        if total == 1:
            return f"dengan {counted} yang capaiannya dapat dihitung"
        return f"dengan {counted}; capaian seluruhnya dapat dihitung"
    if measured == 0:
        state = group_state_text(i.achievement.status for i in indicators)
        return f"dengan {counted} yang capaiannya {state}"
    parts = [f"capaian {count_text(measured, 'indikator')} dapat dihitung"]
    if unmeasured:
        parts.append(f"{count_text(unmeasured, 'indikator')} belum diukur")
    if failed:
        parts.append(f"{count_text(failed, 'indikator')} tidak dapat dihitung")
    return f"dengan {counted}; {join_words(parts)}"


def objective_sentence(obj: ObjectiveResult, result: MeasureResult) -> str:
    text = f"Sasaran strategis ini diukur {_measured_clause(obj.indicators)}."
    if obj.achievement is None:
        if group_state_text(i.achievement.status for i in obj.indicators) == NOT_COMPUTABLE:
            return text + " Capaian sasaran tidak dapat dihitung."
        return text + " Capaian sasaran belum dapat disajikan karena indikatornya belum diukur."
    cap = result.settings.cap
    capped = f" (setiap capaian dibatasi {format_percent(cap, trim=True)})" if cap else ""
    rating = obj.rating.label if obj.rating else "di luar skala penilaian"
    measured = sum(1 for i in obj.indicators if i.achievement.is_measured)
    # An average of one figure is that figure: never "rata-rata" of a single indicator.
    if measured == 1:
        basis = (
            "capaian indikatornya"
            if len(obj.indicators) == 1
            else "capaian satu-satunya indikator yang dapat dihitung"
        )
    else:
        basis = "rata-rata capaian indikator yang dapat dihitung"
    return text + (
        f" Capaian sasaran adalah {format_percent(obj.achievement)} ({rating}), yaitu "
        f"{basis}{capped}."
    )


def history_sentences(ctx: ReportContext, obj: ObjectiveResult) -> list[str]:
    """Analysis 2: this year against the earlier years the dataset holds."""
    sentences = []
    earlier = ctx.earlier_objective(obj.code)
    if earlier and obj.achievement is not None:
        parts = [f"{format_percent(o.achievement)} pada tahun {y}" for y, o in earlier]
        _last_year, last = earlier[-1]
        assert last.achievement is not None
        word = direction(last.achievement, obj.achievement)
        sentences.append(
            f"Capaian sasaran ini tercatat {join_words(parts)}; pada tahun {ctx.year} capaiannya "
            f"{word} {'menjadi' if word != 'tetap' else 'pada'} {format_percent(obj.achievement)}."
        )
    for ind in obj.indicators:
        rows = ctx.earlier_indicator(ind.code)
        if not rows:
            continue
        parts = [
            f"{i.realization or 'belum diukur'} pada tahun {y}"
            + (
                f" (capaian {format_percent(i.achievement.value)})"
                if i.achievement.value is not None
                else ""
            )
            for y, i in rows
        ]
        # One list, so that three years or more never read "a dan b, dan c".
        current = ind.achievement.value
        parts.append(
            f"{ind.realization or 'belum diukur'} pada tahun {ctx.year}"
            + (f" (capaian {format_percent(current)})" if current is not None else "")
        )
        sentences.append(f"Realisasi indikator {quoted(ind.name)} tercatat {join_words(parts)}.")
    if not sentences:
        sentences.append(
            "Capaian sasaran ini pada tahun-tahun sebelumnya belum tercatat, sehingga perbandingan "
            "antartahun belum dapat disajikan."
        )
    return sentences


def renstra_sentences(ctx: ReportContext, obj: ObjectiveResult) -> list[str]:
    """Analysis 3: the realisation against the Renstra's end-of-period target."""
    period = f"{ctx.plan.start}-{ctx.plan.end}"
    sentences = []
    for ind in obj.indicators:
        gap = ctx.renstra_gap(ind)
        if gap is None:
            continue
        head = (
            f"Target akhir Renstra {period} (tahun {gap.target_year}) untuk indikator "
            f"{quoted(ind.name)} adalah {gap.target}"
        )
        if gap.achievement is None:
            sentences.append(f"{head}; realisasinya belum tersedia untuk dibandingkan.")
        elif gap.achievement.value is None:
            sentences.append(
                f"{head}; belum dapat dibandingkan karena {plain_reason(gap.achievement.reason)}."
            )
        else:
            sentences.append(
                f"{head}; realisasi tahun {ctx.year} ({ind.realization}) setara dengan "
                f"{format_percent(gap.achievement.value)} dari target tersebut."
            )
    if not sentences:
        sentences.append(
            f"Target akhir periode Renstra {period} untuk indikator sasaran ini belum "
            "tercantum, sehingga perbandingan dengan target jangka menengah belum dapat "
            "disajikan."
        )
    return sentences


NATIONAL_STANDARD = (
    "Indikator sasaran ini tidak memiliki standar nasional sebagai pembanding, sehingga "
    "perbandingan dengan standar nasional tidak disajikan."
)


def standard_sentences(obj: ObjectiveResult) -> list[str]:
    """Analysis 4: the realisation against national or minimum-service standards, if any."""
    sentences = []
    for ind in obj.indicators:
        for ref in ind.references:
            if ref.kind != "standard":
                continue
            head = f"{ref.label} untuk indikator {quoted(ind.name)} adalah {ref.target}"
            if ref.achievement.value is None:
                reason = plain_reason(ref.achievement.reason or "realisasi belum tersedia")
                sentences.append(f"{head}; belum dapat dibandingkan karena {reason}.")
            else:
                sentences.append(
                    f"{head}; realisasi ({ind.realization}) setara dengan "
                    f"{format_percent(ref.achievement.value)} dari standar tersebut."
                )
    return sentences or [NATIONAL_STANDARD]


def printed_pair(ind: IndicatorResult) -> str:
    """`IK02 (tercantum 90%, hasil perhitungan 100,00%)`."""
    return (
        f"{ind.code} (tercantum {ind.reported_printed}, hasil perhitungan {achievement_text(ind)})"
    )


def cause_sentences(obj: ObjectiveResult) -> list[str]:
    """Analysis 5, drafted: which indicators met the target and which did not (no causes)."""
    met = [i.code for i in obj.indicators if reached(i)]
    differ = [printed_pair(i) for i in obj.indicators if printed_below(i)]
    below = [
        f"{i.code} ({format_percent(i.achievement.value)})"
        for i in obj.indicators
        if i.achievement.value is not None and not is_achieved(i)
    ]
    unmeasured = [i.code for i in obj.indicators if not i.achievement.is_measured]
    sentences = []
    if met:
        sentences.append(f"Indikator yang mencapai atau melampaui target ialah {join_words(met)}.")
    if differ:
        sentences.append(
            "Indikator yang mencapai target menurut hasil perhitungan, tetapi tercantum di bawah "
            f"100% pada tabel pengukuran unit kerja, ialah {join_words(differ)}."
        )
    if below:
        sentences.append(f"Indikator yang belum mencapai target ialah {join_words(below)}.")
    if unmeasured:
        sentences.append(
            f"Indikator yang capaiannya belum dapat dinilai ialah {join_words(unmeasured)}."
        )
    return sentences
