"""The Laporan Kinerja (LKj) of an office and year, in the layout of PermenPAN-RB 53/2014.

Front matter (cover, Kata Pengantar with its signature, Ringkasan Eksekutif, Daftar Isi, Daftar
Tabel, Daftar Gambar), BAB I to IV and the Lampiran (`domain.md` section 6). BAB III is built in
`lkj_analysis.py`. Every section takes the planner's narrative when the dataset has one for its key
and a drafted text otherwise; planner sections no layout key claims are printed in the Lampiran, so
nothing written is lost.

A draft (the default) is watermarked and ends with the list of what is still missing and the notes
for the planner; a final LKj is refused with that list (`gaps.DocumentIncomplete`) while anything
is missing, and carries no note.
"""

from __future__ import annotations

from collections.abc import Iterator

from kinerja.dataset import schema
from kinerja.documents import drafts, remedies
from kinerja.documents.context import ReportContext
from kinerja.documents.gaps import WATERMARK, DocumentIncomplete, Mode
from kinerja.documents.lkj_analysis import bab3
from kinerja.documents.lkj_cascade import KEY as CASCADE
from kinerja.documents.lkj_cascade import cascade_blocks, cascaded
from kinerja.documents.lkj_gaps import data_gaps, gaps_appendix
from kinerja.documents.lkj_writing import LkjWriting
from kinerja.documents.narrative import join_words, text_blocks
from kinerja.documents.organisation import organisation_charts, place_after_introductions
from kinerja.documents.pk import attachment, signatory_gaps, statement
from kinerja.documents.review_statement import REVIEW_GAP, review_statement
from kinerja.documents.tables import agreement_table, budget_lines_table, header
from kinerja.documents.tree import (
    Block,
    Blocks,
    Cell,
    Column,
    Contents,
    Cover,
    Document,
    Figure,
    Heading,
    ItemList,
    ListItem,
    Logo,
    PageBreak,
    Paragraph,
    Run,
    Section,
    Signature,
    Signatures,
    Table,
)
from kinerja.documents.wording import group_state_text
from kinerja.formats import format_date, format_percent

BLANK = "...................."


class LkjBuilder(LkjWriting):
    """Walks the LKj layout, taking planner narrative where there is some."""

    letters: Iterator[str] = iter(())

    # --- the parts ------------------------------------------------------------------------------

    def title(self) -> str:
        report = self.ctx.entry.report
        if report and report.title:
            return report.title
        return f"Laporan Kinerja {self.ctx.agency.name} Tahun {self.ctx.year}"

    def cover(self) -> Cover:
        agency = self.ctx.agency
        organisation = [agency.full_name or agency.name]
        if agency.address:
            organisation.append(agency.address)
        return Cover(
            title=("LAPORAN KINERJA", f"TAHUN {self.ctx.year}"),
            subtitle=("(LKj)",),
            organisation=tuple(line.upper() for line in organisation),
            footer=(agency.name.upper(), str(self.ctx.year + 1)),
            logo=self.logo,
        )

    def signature(self) -> Signatures:
        """The leader's signature under the Kata Pengantar, as the office prints it: place and
        date, the position (`Ketua,`), the name and the NIP, all from the data."""
        ctx = self.ctx
        report = ctx.entry.report or schema.ReportInfo()
        person = report.signatory or ctx.agency.head
        place = report.place or ctx.agency.signing_place or ctx.agency.city or BLANK
        when = format_date(report.date) if report.date else f"{BLANK} {ctx.year + 1}"
        where = "Kata Pengantar (tanda tangan)"
        remedy = remedies.report_signatory(ctx.year)
        if person is None:
            self.gaps.need(where, "Nama penanda tangan laporan belum ada", remedy)
        elif not person.position:
            self.gaps.need(where, f"Jabatan {person.name} belum ada", remedy)
        if report.date is None:
            self.gaps.need(where, "Tanggal laporan belum ada", remedies.report_date(ctx.year))
        if place == BLANK:
            self.gaps.need(where, "Tempat penandatanganan belum ada", remedy)
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

    def front_matter(self) -> tuple[Block, ...]:
        ctx, out = self.ctx, Blocks()
        out.add(Heading("KATA PENGANTAR", 1))
        out.extend(self.text("kata_pengantar", drafts.kata_pengantar(ctx)))
        out.add(self.signature(), PageBreak(), Heading("RINGKASAN EKSEKUTIF", 1))
        out.extend(self.text("ringkasan_eksekutif", drafts.ringkasan(ctx)))
        out.add(self.summary_table())
        for title, kind in (
            ("DAFTAR ISI", "headings"),
            ("DAFTAR TABEL", "tables"),
            ("DAFTAR GAMBAR", "figures"),
        ):
            out.add(PageBreak(), Heading(title, 1, outlined=kind != "headings"), Contents(kind))  # type: ignore[arg-type]
        return out.freeze()

    def summary_table(self) -> Table:
        result = self.ctx.result
        rows = tuple(
            (
                Cell(str(n)),
                Cell(o.name),
                Cell(str(len(o.indicators)), align="center"),
                Cell(
                    format_percent(o.achievement)
                    if o.achievement is not None
                    else group_state_text(i.achievement.status for i in o.indicators),
                    align="right",
                ),
                Cell(o.rating.label if o.rating else "-", align="center"),
            )
            for n, o in enumerate(result.objectives, start=1)
        )
        return Table(
            columns=(Column(0.5, "center"), Column(5.0), Column(1.0), Column(1.2), Column(1.3)),
            header=(header("No", "Sasaran Strategis", "Jumlah Indikator", "Capaian", "Kategori"),),
            rows=rows,
            footer=(
                (
                    Cell(""),
                    Cell("Capaian kinerja instansi", bold=True, colspan=2),
                    Cell(
                        format_percent(result.achievement)
                        if result.achievement is not None
                        else group_state_text(i.achievement.status for i in result.indicators),
                        bold=True,
                        align="right",
                    ),
                    Cell(result.rating.label if result.rating else "-", bold=True, align="center"),
                ),
            ),
            caption=f"Ringkasan Capaian Sasaran Strategis Tahun {self.ctx.year}",
            number=self.numbers.table(),
            size=9,
        )

    def bab1(self) -> list[Block]:
        ctx, out = self.ctx, Blocks()
        out.items = [Heading("PENDAHULUAN", 1, label="BAB I")]
        out.add(self.heading("latar_belakang", "A. Latar Belakang", 2))
        out.extend(self.text("latar_belakang", drafts.latar_belakang(ctx)))
        out.add(self.heading("maksud_tujuan", "B. Maksud dan Tujuan", 2))
        out.extend(self.text("maksud_tujuan", drafts.maksud_tujuan(ctx)))
        out.add(self.heading("tugas_fungsi", "C. Tugas dan Fungsi", 2))
        out.extend(self.required("tugas_fungsi", "BAB I C. Tugas dan Fungsi", "Tugas dan fungsi"))
        out.add(self.heading("struktur_organisasi", "D. Struktur Organisasi", 2))
        out.extend(self.organisation())
        out.add(self.heading("isu_strategis", "E. Isu Strategis", 2))
        out.extend(self.required("isu_strategis", "BAB I E. Isu Strategis", "Isu strategis"))
        out.add(self.heading("sistematika", "F. Sistematika Laporan", 2))
        systematics: list[Block] = [
            Paragraph.of(
                f"Laporan Kinerja {ctx.agency.name} Tahun {ctx.year} disusun dengan "
                "sistematika sebagai berikut:"
            ),
            ItemList(
                tuple(
                    ListItem((Run(title, bold=True), Run(": " + body)))
                    for title, body in self.systematics()
                )
            ),
        ]
        out.extend(self.text("sistematika", systematics))
        return out.items

    def systematics(self) -> tuple[tuple[str, str], ...]:
        """The chapters and what each holds; BAB II names the pohon kinerja when it is printed,
        and the Lampiran line names what the Lampiran holds (the PK, the review page)."""
        ctx = self.ctx
        held = []
        if ctx.office_agreement:
            held.append("Perjanjian Kinerja")
        if review_statement(
            ctx.entry, ctx.agency.name, ctx.agency.signing_place or ctx.agency.city
        ) or ctx.narrative("pernyataan_reviu"):
            held.append("pernyataan telah direviu")
        lines = []
        for title, body in drafts.SYSTEMATICS:
            if title.startswith("BAB II ") and cascaded(ctx):
                body = drafts.BAB2_WITH_CASCADE
            if title == "Lampiran":
                if not held:
                    continue
                body = join_words(held) + "."
            lines.append((title, body))
        return tuple(lines)

    def organisation(self) -> list[Block]:
        """D. Struktur Organisasi: the planner's text with the organisation charts right after
        the paragraph that announces them (or a drafted introduction), then the staff table."""
        ctx = self.ctx
        org = ctx.dataset.organization
        figures: list[Block] = [
            Figure(chart, caption, self.numbers.figure(), width=1.0)
            for chart, caption in (organisation_charts(ctx.dataset) if self.charts else [])
        ]
        drafted: list[Block] = []
        if figures:
            drafted.append(
                Paragraph.of(
                    f"Struktur organisasi {ctx.agency.name} sebagai berikut:",
                    keep_with_next=True,
                )
            )
            drafted.extend(figures)
        if org.divisions:
            drafted.append(
                Paragraph.of(f"Pembagian divisi {ctx.agency.name}:", keep_with_next=True)
            )
            drafted.append(ItemList(tuple(ListItem((Run(d.name),)) for d in org.divisions)))
        self.ask("struktur_organisasi", draft=drafted)
        written = self.planner("struktur_organisasi")
        blocks: list[Block]
        if written is not None:
            blocks = place_after_introductions(written, figures, "struktur organisasi")
        else:
            blocks = drafted
        if org.staff:
            rows = tuple(
                (
                    Cell(s.dimension.capitalize()),
                    Cell(s.category),
                    Cell(f"{s.count} orang", align="right"),
                )
                for s in org.staff
            )
            blocks.append(
                Paragraph.of(
                    f"Jumlah pegawai {ctx.agency.name} menurut jenis, pendidikan, golongan dan "
                    "sertifikasi disajikan pada tabel berikut:",
                    keep_with_next=True,
                )
            )
            blocks.append(
                Table(
                    columns=(Column(2.0), Column(4.0), Column(1.5, "right")),
                    header=(header("Aspek", "Kategori", "Jumlah"),),
                    rows=rows,
                    caption=f"Sumber Daya Manusia {ctx.agency.name}",
                    number=self.numbers.table(),
                )
            )
        return blocks

    def bab2(self) -> list[Block]:
        ctx, plan, out = self.ctx, self.ctx.plan, Blocks()
        out.items = self.chapter("BAB II", "PERENCANAAN KINERJA")
        out.add(self.heading("renstra", f"A. Rencana Strategis {plan.start}-{plan.end}", 2))
        out.extend(self.text("renstra", drafts.renstra(ctx)))
        # What the planner's text already states is not printed a second time.
        written = ctx.narrative("renstra")
        stated = _plain(written.text) if written else ""
        if _plain(plan.vision) not in stated:
            out.add(
                Paragraph.of("Visi", bold=True, keep_with_next=True),
                Paragraph.of(f"\u201c{plan.vision}\u201d", italic=True, align="center"),
            )
        if plan.missions and not all(_plain(m.text) in stated for m in plan.missions):
            out.add(
                Paragraph.of("Misi", bold=True, keep_with_next=True),
                ItemList(
                    tuple(
                        ListItem((Run(m.text),), label=f"{n}.")
                        for n, m in enumerate(plan.missions, start=1)
                    )
                ),
            )
        if plan.goals:
            rows = tuple(
                (Cell(str(n)), Cell(g.text), Cell("\n".join(i.name for i in g.indicators) or "-"))
                for n, g in enumerate(plan.goals, start=1)
            )
            out.add(
                Table(
                    columns=(Column(0.5, "center"), Column(3.5), Column(5.0)),
                    header=(header("No", "Tujuan", "Indikator Tujuan"),),
                    rows=rows,
                    caption=f"Tujuan Renstra {plan.start}-{plan.end}",
                    number=self.numbers.table(),
                    size=9,
                )
            )
        out.add(self.renstra_table())
        if plan.programs and not all(_plain(p.name) in stated for p in plan.programs):
            out.add(
                Paragraph.of("Program", bold=True, keep_with_next=True),
                ItemList(
                    tuple(
                        ListItem((Run(p.name),), label=f"{n}.")
                        for n, p in enumerate(plan.programs, start=1)
                    )
                ),
            )
        out.add(self.heading("rencana_kinerja", f"B. Rencana Kinerja Tahun {ctx.year}", 2))
        out.extend(self.text("rencana_kinerja", drafts.rencana_kinerja(ctx)))
        agreement = ctx.office_agreement
        # Without quarterly targets the drafted text points to the PK in C; nothing in the body
        # speaks of what the data does not hold.
        if agreement and drafts.quarterly_targets(ctx):
            out.add(
                agreement_table(
                    ctx,
                    agreement,
                    self.numbers,
                    f"Rencana Aksi Tahun {ctx.year} (Target Triwulan)",
                    quarterly=True,
                )
            )
        out.add(self.heading("penetapan_kinerja", f"C. Perjanjian Kinerja Tahun {ctx.year}", 2))
        out.extend(self.text("penetapan_kinerja", drafts.penetapan_kinerja(ctx)))
        if agreement:
            out.add(
                agreement_table(
                    ctx,
                    agreement,
                    self.numbers,
                    f"Perjanjian Kinerja {ctx.agency.name} Tahun {ctx.year}",
                    quarterly=False,
                )
            )
            if agreement.budget:
                out.add(
                    budget_lines_table(
                        ctx,
                        agreement,
                        self.numbers,
                        f"Anggaran Perjanjian Kinerja Tahun {ctx.year}",
                    )
                )
        if cascaded(ctx):
            out.add(self.heading(CASCADE, "D. Pohon Kinerja", 2))
            out.extend(cascade_blocks(self.planner(CASCADE), ctx, self.numbers))
        return out.items

    def renstra_table(self) -> Table:
        plan = self.ctx.plan
        years = sorted(
            {y for o in plan.objectives for i in o.indicators for y in i.renstra_targets}
        )
        rows = []
        for n, obj in enumerate(plan.objectives, start=1):
            for index, ind in enumerate(obj.indicators):
                cells = [
                    Cell(str(n) if index == 0 else ""),
                    Cell(obj.name if index == 0 else ""),
                    Cell(ind.name),
                ]
                cells += [
                    Cell(
                        schema.printed(ind.renstra_targets[y]) if y in ind.renstra_targets else "-",
                        align="center",
                    )
                    for y in years
                ]
                rows.append(tuple(cells))
        # A year's column holds a target such as "4 laporan" whole.
        return Table(
            columns=(
                Column(0.6, "center"),
                Column(3.0),
                Column(3.4 if years else 4.2),
                *[Column(1.25, "center")] * len(years),
            ),
            header=(
                header("No", "Sasaran Strategis", "Indikator Kinerja", *[str(y) for y in years]),
            ),
            rows=tuple(rows),
            caption=(
                f"Sasaran Strategis dan Indikator Kinerja Renstra {plan.start}-{plan.end}"
                + (" beserta Targetnya" if years else "")
            ),
            number=self.numbers.table(),
            size=8.5 if years else 9,
        )

    def bab4(self) -> list[Block]:
        ctx, out = self.ctx, Blocks()
        out.items = self.chapter("BAB IV", "PENUTUP")
        out.add(Heading("A. Kesimpulan", 2))
        conclusion: list[Block] = [Paragraph.of(t) for t in drafts.kesimpulan(ctx)]
        self.ask("penutup", draft=conclusion)
        # `kesimpulan` is the older key of the same section, taken when it is the one written.
        written = self.planner("penutup") or (
            self.planner("kesimpulan") if ctx.narrative("kesimpulan") else None
        )
        out.extend(written or conclusion)
        out.add(Heading("B. Permasalahan dan Kendala", 2))
        problems: list[Block] = [
            ItemList(
                tuple(
                    ListItem((Run(t),), label=f"{n}.")
                    for n, t in enumerate(drafts.permasalahan(ctx), start=1)
                )
            )
        ]
        if not drafts.permasalahan(ctx):
            problems = []
        self.ask("permasalahan", draft=problems)
        written = self.planner("permasalahan")
        if written is not None:
            out.extend(written)
        elif problems:
            out.extend(problems)
        else:
            out.extend(
                self.required(
                    "permasalahan", "BAB IV B. Permasalahan dan Kendala", "Permasalahan dan kendala"
                )
            )
        out.add(Heading("C. Langkah ke Depan", 2))
        out.extend(
            self.text(
                "langkah_ke_depan",
                [
                    ItemList(
                        tuple(
                            ListItem((Run(t),), label=f"{n}.")
                            for n, t in enumerate(drafts.langkah(ctx), start=1)
                        )
                    )
                ],
            )
        )
        return out.items

    def appendix(self) -> list[Block]:
        ctx, out = self.ctx, Blocks()
        out.items = [PageBreak(), Heading("LAMPIRAN", 1)]
        agreement = ctx.office_agreement
        letters = iter("ABCDEFGH")
        if agreement:
            letter = next(letters)
            out.add(Heading(f"{letter}. Perjanjian Kinerja Tahun {ctx.year}", 2))
            out.extend(statement(ctx, agreement))
            out.add(PageBreak())
            out.extend(attachment(ctx, agreement, self.numbers))
            for gap in signatory_gaps(ctx, agreement, f"Lampiran {letter}. Perjanjian Kinerja"):
                self.gaps.need(gap.place, gap.what, gap.remedy)
        # The review the auditor recorded (Reviu page); a planner's `pernyataan_reviu` text
        # stands in for a review recorded elsewhere; otherwise the page is a gap.
        recorded = review_statement(
            ctx.entry, ctx.agency.name, ctx.agency.signing_place or ctx.agency.city
        )
        self.ask("pernyataan_reviu", required=not recorded)
        written = self.planner("pernyataan_reviu")
        review = recorded or written
        if review:
            out.add(PageBreak(), Heading(f"{next(letters)}. Pernyataan Telah Direviu", 2))
            out.extend(review)
        else:
            self.gaps.need(*REVIEW_GAP)
        leftover = [s for s in ctx.entry.narrative if id(s) not in self.used]
        if leftover:
            out.add(Heading(f"{next(letters)}. Uraian Tambahan", 2))
            for section in leftover:
                out.add(Paragraph.of(section.title or section.key, bold=True, keep_with_next=True))
                out.extend(text_blocks(section.text))
        self.letters = letters
        return out.items

    logo: Logo | None = None

    def build(self, mode: Mode = "draft") -> Document:
        ctx = self.ctx
        front = self.front_matter()
        body = [*self.bab1(), *self.bab2(), *bab3(self), *self.bab4(), *self.appendix()]
        data_gaps(self)
        title = self.title()
        if mode == "final" and self.gaps.missing:
            raise DocumentIncomplete(f"Laporan Kinerja Tahun {ctx.year}", self.gaps.missing)
        if mode == "draft":
            body += gaps_appendix(self, next(self.letters))
        return Document(
            title=title,
            sections=(
                Section((self.cover(),), numbering="none"),
                Section(front, numbering="roman"),
                Section(tuple(body), numbering="arabic", header=title),
            ),
            author=ctx.agency.name,
            subject=f"Laporan Kinerja Tahun {ctx.year}",
            watermark=WATERMARK if mode == "draft" else None,
        )


def _plain(text: str) -> str:
    """Text compared for what it states: case, spacing and quotes aside."""
    return " ".join(text.casefold().replace("\u201c", "").replace("\u201d", "").split())


def build_lkj(
    ctx: ReportContext, *, charts: bool = True, mode: Mode = "draft", logo: bytes | None = None
) -> Document:
    """The LKj document tree of the context's office and year: a watermarked draft with its
    list of what is missing, or the final LKj (`DocumentIncomplete` while anything is). `logo`
    (PNG or JPEG bytes) is printed on the cover."""
    builder = LkjBuilder(ctx, charts=charts)
    builder.logo = Logo(logo) if logo else None
    return builder.build(mode)
