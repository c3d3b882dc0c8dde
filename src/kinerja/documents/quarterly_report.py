"""The Laporan Kinerja Triwulanan: the office's performance up to the end of a quarter.

Built from the year as it stood at the end of quarter Q (`quarterly.up_to_quarter`, measured like
any year): per indicator the Rencana Aksi's target of Q, the realisation of quarters 1 to Q
combined by the indicator's rule, the achievement and its category; a short text drafted from
those numbers; the budget absorbed up to Q when spending is recorded. Signed by the LKj's
signatory (`report.signatory`, else the agency's head) at the month after the quarter. A target,
realisation, spending or name the data lacks is a gap: listed at the end of a draft, and a final
report is refused while any remains (`gaps.DocumentIncomplete`).
"""

from __future__ import annotations

from kinerja.dataset import schema
from kinerja.dataset.measure import IndicatorResult
from kinerja.documents import remedies
from kinerja.documents.action_plan import missing_list
from kinerja.documents.context import ReportContext, build_context
from kinerja.documents.gaps import WATERMARK, DocumentIncomplete, Gaps, Mode
from kinerja.documents.narrative import achievement_text, is_achieved, rating_text, reached
from kinerja.documents.pk import BLANK
from kinerja.documents.quarterly import QUARTER_NAMES, quarter_name, up_to_quarter
from kinerja.documents.tables import column_numbers, header
from kinerja.documents.tree import (
    Block,
    Cell,
    Column,
    Document,
    Heading,
    Numbering,
    Paragraph,
    Section,
    Signature,
    Signatures,
    Spacer,
    Table,
)
from kinerja.documents.wording import NOT_COMPUTABLE, UNMEASURED
from kinerja.formats import MONTHS, count_text, format_percent, format_rupiah, number_words

__all__ = ["build_quarterly_report", "quarter_context"]


def quarter_context(dataset: schema.Dataset, year: int | None, quarter: int) -> ReportContext:
    """The context of `year` (default: the latest) cut to the end of `quarter`."""
    chosen = dataset.latest_year.year if year is None else year
    return build_context(up_to_quarter(dataset, chosen, quarter), chosen)


def _sentence(text: str) -> str:
    """A sentence starts with a capital and never with digits."""
    if text[:1].isdigit():
        return f"Sebanyak {text}"
    return text[:1].upper() + text[1:]


def _codes(inds: list[IndicatorResult], figures: bool = False) -> str:
    names = [
        f"{i.code} ({format_percent(i.achievement.value)})" if figures else i.code for i in inds
    ]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" dan {names[-1]}"


class QuarterlyReport:
    """Walks the layout of the quarterly report, recording what the data lacks."""

    def __init__(self, ctx: ReportContext, quarter: int):
        self.ctx = ctx
        self.quarter = quarter
        self.tw = f"TW {QUARTER_NAMES[quarter]}"
        self.gaps = Gaps()
        self.numbering = Numbering()

    @property
    def office(self) -> str:
        return self.ctx.agency.full_name or self.ctx.agency.name

    def title(self) -> str:
        return f"Laporan Kinerja {quarter_name(self.quarter)} Tahun {self.ctx.year}"

    # --- the numbers ----------------------------------------------------------------------------

    def _unit_of(self, indicator: str) -> str | None:
        code = self.ctx.indicator(indicator).work_unit
        return self.ctx.unit_name(code) if code else None

    def record_gaps(self) -> None:
        place = "Capaian Kinerja"
        quarter = f"triwulan {QUARTER_NAMES[self.quarter]}"
        for ind in self.ctx.result.indicators:
            if ind.target is None:
                self.gaps.need(
                    place,
                    f"Target {quarter} indikator {ind.code} belum ada",
                    remedies.quarterly_targets(ind.code, None, self.ctx.year),
                )
            if ind.realization is None:
                self.gaps.need(
                    place,
                    f"Realisasi indikator {ind.code} sampai dengan {quarter} belum ada",
                    remedies.quarter_realisation(quarter, self.ctx.year, self._unit_of(ind.code)),
                )

    def summary(self) -> list[str]:
        inds = list(self.ctx.result.indicators)
        quarter = f"triwulan {QUARTER_NAMES[self.quarter]}"
        paragraphs = [
            f"Laporan ini menyajikan capaian kinerja {self.office} sampai dengan akhir {quarter} "
            f"tahun {self.ctx.year} atas {count_text(len(inds), 'indikator')} Perjanjian Kinerja. "
            "Capaian setiap indikator dihitung dari realisasi kumulatif terhadap target "
            f"{quarter} pada Rencana Aksi, dengan rumus yang sama dengan Laporan Kinerja tahunan."
        ]
        if not inds:
            return paragraphs
        measured = [i for i in inds if i.achievement.value is not None]
        met = [i for i in measured if reached(i)]
        below = [i for i in measured if not is_achieved(i)]
        other = [i for i in measured if is_achieved(i) and not reached(i)]
        unmeasured = [i for i in inds if i.achievement.status.value == "unmeasured"]
        failed = [i for i in inds if i.achievement.status.value == "not_computable"]
        if not measured:
            sentences = [
                f"Sampai dengan {quarter}, belum ada indikator yang capaiannya dapat dihitung."
            ]
        else:
            if len(inds) == 1:
                share = "indikator tersebut"
            elif len(measured) == len(inds):
                share = f"seluruh {count_text(len(inds), 'indikator')}"
            else:
                share = f"{number_words(len(measured))} dari {count_text(len(inds), 'indikator')}"
            sentences = [f"Sampai dengan {quarter}, capaian {share} dapat dihitung."]
            met_text = count_text(len(met), "indikator", "telah mencapai target triwulan")
            sentences.append(_sentence(met_text) + (f" ({_codes(met)})." if met else "."))
            if below:
                sentences.append(
                    _sentence(count_text(len(below), "indikator", "belum mencapai target"))
                    + f", yaitu {_codes(below, figures=True)}."
                )
            if other:
                sentences.append(
                    _sentence(
                        count_text(len(other), "indikator", "mencapai target menurut perhitungan")
                    )
                    + f" tetapi tercantum di bawah 100% ({_codes(other)})."
                )
        if unmeasured:
            sentences.append(
                _sentence(count_text(len(unmeasured), "indikator", UNMEASURED))
                + f" karena realisasinya belum dicatat ({_codes(unmeasured)})."
            )
        if failed:
            sentences.append(
                _sentence(count_text(len(failed), "indikator", NOT_COMPUTABLE))
                + f" capaiannya ({_codes(failed)})."
            )
        result = self.ctx.result
        if result.achievement is not None:
            band = rating_text(result.rating.label if result.rating else None, result.achievement)
            sentences.append(
                f"Rata-rata capaian kinerja sampai dengan {quarter} adalah "
                f"{format_percent(result.achievement)} dengan kategori {band}."
            )
        paragraphs.append(" ".join(sentences))
        return paragraphs

    def table(self) -> Table:
        titles = (
            "No",
            "Sasaran Strategis",
            "Indikator Kinerja",
            f"Target {self.tw}",
            f"Realisasi s.d. {self.tw}",
            "Capaian",
            "Kategori",
        )
        rows: list[tuple[Cell, ...]] = []
        for number, obj in enumerate(self.ctx.result.objectives, start=1):
            for index, ind in enumerate(obj.indicators):
                cells: list[Cell] = []
                if index == 0:
                    span = len(obj.indicators)
                    cells = [Cell(str(number), rowspan=span), Cell(obj.name, rowspan=span)]
                band = ind.rating.label if ind.rating else None
                value = ind.shown if ind.shown is not None else ind.achievement.value
                cells += [
                    Cell(f"{ind.code}\n{ind.name}"),
                    Cell(ind.target or "-"),
                    Cell(ind.realization or "-"),
                    Cell(achievement_text(ind)),
                    Cell(rating_text(band, value)),
                ]
                rows.append(tuple(cells))
        return Table(
            columns=(
                Column(0.6, "center"),
                Column(2.8),
                Column(3.1),
                Column(1.3, "center"),
                Column(1.5, "center"),
                Column(1.3, "center"),
                Column(1.4, "center"),
            ),
            header=(header(*titles), column_numbers(len(titles))),
            rows=tuple(rows),
            caption=f"Capaian Kinerja sampai dengan {self.tw} Tahun {self.ctx.year}",
            number=self.numbering.table(),
        )

    def budget(self) -> list[Block]:
        budget = self.ctx.result.budget
        if not budget.programs:
            return []
        quarter = f"triwulan {QUARTER_NAMES[self.quarter]}"
        if budget.spent is None:
            self.gaps.need(
                "Realisasi Anggaran",
                f"Realisasi anggaran sampai dengan {quarter} belum ada",
                remedies.spending(self.ctx.year, quarter),
            )
            return []
        rows = tuple(
            (
                Cell(str(n)),
                Cell(p.name),
                Cell(format_rupiah(p.ceiling)),
                Cell(format_rupiah(p.spent)),
                Cell(format_percent(p.absorption)),
            )
            for n, p in enumerate(budget.programs, start=1)
        )
        footer = (
            (
                Cell(""),
                Cell("Jumlah", bold=True),
                Cell(format_rupiah(budget.ceiling), bold=True),
                Cell(format_rupiah(budget.spent), bold=True),
                Cell(format_percent(budget.absorption), bold=True),
            ),
        )
        text = (
            f"Sampai dengan {quarter} tahun {self.ctx.year}, anggaran yang terealisasi sebesar "
            f"{format_rupiah(budget.spent)} dari pagu {format_rupiah(budget.ceiling)}, atau "
            f"penyerapan {format_percent(budget.absorption)}, dengan rincian per program pada "
            "tabel berikut."
        )
        return [
            Heading("Realisasi Anggaran", 2),
            Paragraph.of(text, keep_with_next=True),
            Table(
                columns=(
                    Column(0.6, "center"),
                    Column(3.3),
                    Column(2.2, "right"),
                    Column(2.3, "right"),
                    Column(1.6, "center"),
                ),
                header=(
                    header("No", "Program", "Pagu", f"Realisasi s.d. {self.tw}", "Penyerapan"),
                ),
                rows=rows,
                footer=footer,
                caption=f"Realisasi Anggaran sampai dengan {self.tw} Tahun {self.ctx.year}",
                number=self.numbering.table(),
            ),
        ]

    def activities(self) -> list[Block]:
        """The work units' activities up to Q, when spending on any of them is recorded."""
        items = [i for i in self.ctx.budget_items if i.kind == "activity"]
        if not any(i.spent is not None for i in items):
            return []
        rows = tuple(
            (
                Cell(str(n)),
                Cell(i.name),
                Cell(self.ctx.unit_name(i.work_unit)),
                Cell(format_rupiah(i.ceiling)),
                Cell(format_rupiah(i.spent)),
                Cell(format_percent(i.absorption)),
            )
            for n, i in enumerate(items, start=1)
        )
        return [
            Paragraph.of(
                "Penyerapan anggaran kegiatan pada Perjanjian Kinerja unit kerja adalah sebagai "
                "berikut.",
                keep_with_next=True,
            ),
            Table(
                columns=(
                    Column(0.6, "center"),
                    Column(2.3),
                    Column(2.0),
                    Column(2.3, "right"),
                    Column(2.6, "right"),
                    Column(1.7, "center"),
                ),
                header=(
                    header(
                        "No",
                        "Kegiatan",
                        "Unit Kerja",
                        "Pagu",
                        f"Realisasi s.d. {self.tw}",
                        "Penyerapan",
                    ),
                ),
                rows=rows,
                caption=(
                    f"Realisasi Anggaran Kegiatan sampai dengan {self.tw} Tahun {self.ctx.year}"
                ),
                number=self.numbering.table(),
            ),
        ]

    def signature(self) -> Signatures:
        ctx = self.ctx
        report = ctx.entry.report or schema.ReportInfo()
        person = report.signatory or ctx.agency.head
        place = report.place or ctx.agency.signing_place or ctx.agency.city or BLANK
        remedy = remedies.report_signatory(ctx.year)
        if person is None:
            self.gaps.need("Tanda tangan", "Nama penanda tangan laporan belum ada", remedy)
        elif not person.position:
            self.gaps.need("Tanda tangan", f"Jabatan {person.name} belum ada", remedy)
        if place == BLANK:
            self.gaps.need("Tanda tangan", "Tempat penandatanganan belum ada", remedy)
        # Signed in the month after the quarter: the month is printed, the day is written by hand.
        month = self.quarter * 3 + 1
        year = ctx.year + (1 if month > 12 else 0)
        when = f"{MONTHS[(month - 1) % 12]} {year}"
        position = person.position if person and person.position else "Kepala"
        return Signatures(
            (
                Signature(
                    role=(f"{position},",),
                    name=person.name if person else BLANK,
                    nip=person.nip if person else None,
                    place_date=f"{place}, {when}",
                ),
            )
        )

    def build(self, mode: Mode) -> Document:
        title = self.title()
        self.record_gaps()
        blocks: list[Block] = [
            Paragraph.of(
                f"LAPORAN KINERJA {quarter_name(self.quarter).upper()}",
                bold=True,
                align="center",
                size=13,
            ),
            Paragraph.of(f"TAHUN {self.ctx.year}", bold=True, align="center", size=13),
            Paragraph.of(self.office.upper(), bold=True, align="center", size=13),
            Spacer(8),
            Heading("Capaian Kinerja", 2),
        ]
        summary = self.summary()
        blocks += [Paragraph.of(text) for text in summary[:-1]]
        blocks.append(Paragraph.of(summary[-1], keep_with_next=True))
        blocks.append(self.table())
        budget = self.budget()
        if budget:
            budget += self.activities()
        blocks += budget
        blocks += [Spacer(12), self.signature()]
        missing = self.gaps.missing
        if mode == "final" and missing:
            raise DocumentIncomplete(title, missing)
        if mode == "draft" and missing:
            blocks += missing_list(missing)
        return Document(
            title=f"{title} {self.office}",
            sections=(Section(tuple(blocks), numbering="arabic", header=title),),
            author=self.ctx.agency.name,
            subject=title,
            watermark=WATERMARK if mode == "draft" else None,
        )


def build_quarterly_report(ctx: ReportContext, quarter: int, *, mode: Mode = "draft") -> Document:
    """The quarterly report from a context cut to the quarter (`quarter_context`)."""
    return QuarterlyReport(ctx, quarter).build(mode)
