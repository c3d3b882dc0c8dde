"""Narrative: the planner's text turned into blocks, and drafted sentences made from the numbers.

Drafted sentences are deterministic Indonesian built only from the context's figures: the same
data always gives the same words, and no sentence states a fact the data does not hold. Where the
data cannot say something (the causes of a result, strategic issues), the draft says so and names
the narrative key that replaces it. A planner's `NarrativeSection` replaces the draft of its key
section by section (see `docs/reports.md` for the keys).
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
from kinerja.formats import format_percent

_LABEL = re.compile(r"^(\(?[0-9]{1,2}[.)]|[a-zA-Z][.)]|\([0-9a-zA-Z]{1,3}\))\s+(.+)$")
_READING_NOTES = {ACTIVITY_READING_NOTE, SHARE_READING_NOTE, PERCENTAGE_ONLY_NOTE}
MISSING = "Belum diuraikan"


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


def missing(what: str, key: str) -> Paragraph:
    """A visible note that a section has no text yet, naming the key that fills it."""
    return Paragraph(
        (Run(f"[{MISSING}: {what}. Isi melalui uraian dengan kunci '{key}'.]", italic=True),)
    )


# --- words for figures --------------------------------------------------------------------------


def achievement_text(ind: IndicatorResult) -> str:
    """The achievement as a table prints it: `95,50%`, or why there is none. Where the cap
    applies to the indicator and changes it, the uncapped figure is printed beside it:
    `100,00% (tanpa batas 114,29%)`."""
    if ind.shown is not None and ind.is_capped:
        return f"{format_percent(ind.shown)} (tanpa batas {format_percent(ind.achievement.value)})"
    if ind.achievement.value is not None:
        return format_percent(ind.achievement.value)
    if ind.achievement.status is Status.UNMEASURED:
        return "belum diukur"
    return "tidak dapat dihitung"


def rating_text(band_label: str | None, value: Decimal | None) -> str:
    if value is None:
        return "-"
    return band_label or "di luar skala"


def quoted(text: str) -> str:
    return f"\u201c{text}\u201d"


def count_text(count: int, noun: str) -> str:
    return f"{count} {noun}"


def join_words(words: Sequence[str]) -> str:
    """`a`, `a dan b`, `a, b, dan c`."""
    if len(words) <= 1:
        return "".join(words)
    if len(words) == 2:
        return f"{words[0]} dan {words[1]}"
    return ", ".join(words[:-1]) + f", dan {words[-1]}"


def is_achieved(ind: IndicatorResult) -> bool:
    return ind.achievement.value is not None and ind.achievement.value >= 100


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
            f"Indikator {name}{target} belum diukur karena realisasinya belum diisi; indikator "
            "ini tidak dihitung dalam rata-rata capaian."
        )
    if status is Status.NOT_COMPUTABLE:
        return (
            f"Indikator {name} terealisasi {ind.realization or '-'}, tetapi capaiannya tidak "
            f"dapat dihitung: {ind.achievement.reason}."
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
    notes = [n for n in ind.achievement.notes if n not in _READING_NOTES]
    if notes:
        sentence += f" Catatan perhitungan: {'; '.join(notes)}."
    if ind.reported_differs:
        sentence += (
            f" Capaian yang tercetak pada tabel pengukuran unit kerja ({ind.reported_printed}) "
            "berbeda dari hasil hitung."
        )
    return sentence


def objective_sentence(obj: ObjectiveResult, result: MeasureResult) -> str:
    measured = [i for i in obj.indicators if i.achievement.is_measured]
    text = (
        f"Sasaran strategis ini diukur dengan {count_text(len(obj.indicators), 'indikator')}, "
        f"{len(measured)} di antaranya dapat dihitung capaiannya."
    )
    if obj.achievement is None:
        return text + " Capaian sasaran belum dapat dihitung."
    cap = result.settings.cap
    capped = f" (setiap capaian dibatasi {format_percent(cap, trim=True)})" if cap else ""
    rating = obj.rating.label if obj.rating else "di luar skala penilaian"
    return text + (
        f" Capaian sasaran sebesar {format_percent(obj.achievement)} ({rating}), yaitu "
        f"rata-rata capaian indikator yang dapat dihitung{capped}."
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
        sentences.append(
            f"Realisasi indikator {quoted(ind.name)}: {join_words(parts)}, dan "
            f"{ind.realization or 'belum diukur'} pada tahun {ctx.year}."
        )
    if not sentences:
        sentences.append(
            "Data tahun-tahun sebelumnya untuk sasaran ini belum tersedia, sehingga perbandingan "
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
            sentences.append(f"{head}; belum dapat dibandingkan: {gap.achievement.reason}.")
        else:
            sentences.append(
                f"{head}; realisasi tahun {ctx.year} ({ind.realization}) setara dengan "
                f"{format_percent(gap.achievement.value)} dari target tersebut."
            )
    if not sentences:
        sentences.append(
            f"Renstra {period} dalam data tidak memuat target akhir periode untuk indikator "
            "sasaran ini, sehingga perbandingan dengan target jangka menengah belum dapat "
            "disajikan."
        )
    return sentences


NATIONAL_STANDARD = (
    "Data tidak memuat standar nasional untuk indikator sasaran ini, sehingga perbandingan dengan "
    "standar nasional tidak disajikan."
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
                reason = ref.achievement.reason or "realisasi belum tersedia"
                sentences.append(f"{head}; belum dapat dibandingkan: {reason}.")
            else:
                sentences.append(
                    f"{head}; realisasi ({ind.realization}) setara dengan "
                    f"{format_percent(ref.achievement.value)} dari standar tersebut."
                )
    return sentences or [NATIONAL_STANDARD]


def cause_sentences(obj: ObjectiveResult) -> list[str]:
    """Analysis 5, drafted: which indicators met the target and which did not (no causes)."""
    met = [i.code for i in obj.indicators if is_achieved(i)]
    below = [
        f"{i.code} ({format_percent(i.achievement.value)})"
        for i in obj.indicators
        if i.achievement.value is not None and not is_achieved(i)
    ]
    unmeasured = [i.code for i in obj.indicators if not i.achievement.is_measured]
    sentences = []
    if met:
        sentences.append(f"Indikator yang mencapai atau melampaui target: {join_words(met)}.")
    if below:
        sentences.append(f"Indikator yang belum mencapai target: {join_words(below)}.")
    if unmeasured:
        sentences.append(
            f"Indikator yang belum dapat dinilai: {join_words(unmeasured)}; pengukurannya perlu "
            "dilengkapi."
        )
    return sentences
