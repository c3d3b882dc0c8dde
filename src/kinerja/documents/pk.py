"""The Perjanjian Kinerja document of an office or of one work unit (`domain.md` section 5).

A statement page with the fixed wording of PermenPAN-RB 53/2014, both parties and two signature
blocks, then the attachment: the targets (optionally per quarter) and the budget with its total.
For a KPU satker the first party is the Sekretaris and the second the Ketua; for a work unit the
unit's head and the Sekretaris. Names, NIPs and the date come from the PK, else the organisation.
In a draft what the data lacks is left as dotted lines to fill in by hand and listed at the end; a
final PK is refused while any is missing (`gaps.DocumentIncomplete`).
"""

from __future__ import annotations

from dataclasses import dataclass

from kinerja.dataset import schema
from kinerja.documents import remedies
from kinerja.documents.context import ReportContext
from kinerja.documents.gaps import WATERMARK, DocumentIncomplete, Gap, Mode
from kinerja.documents.tables import agreement_table, budget_lines_table
from kinerja.documents.tree import (
    Block,
    Cell,
    Column,
    Document,
    Heading,
    ItemList,
    ListItem,
    Logo,
    Numbering,
    PageBreak,
    Paragraph,
    Run,
    Section,
    Signature,
    Signatures,
    Spacer,
    Table,
)
from kinerja.formats import format_date

BLANK = "...................................."
OPENING = (
    "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan akuntabel serta "
    "berorientasi pada hasil, kami yang bertandatangan di bawah ini:"
)
PROMISE = (
    "Pihak pertama berjanji akan mewujudkan target kinerja yang seharusnya sesuai lampiran "
    "perjanjian ini, dalam rangka mencapai target kinerja jangka menengah seperti yang telah "
    "ditetapkan dalam dokumen perencanaan. Keberhasilan dan kegagalan pencapaian target kinerja "
    "tersebut menjadi tanggung jawab kami."
)
SUPERVISION = (
    "Pihak kedua akan melakukan supervisi yang diperlukan serta akan melakukan evaluasi terhadap "
    "capaian kinerja dari perjanjian ini dan mengambil tindakan yang diperlukan dalam rangka "
    "pemberian penghargaan dan sanksi."
)


class AgreementNotFound(LookupError):
    """The dataset has no PK for the office or unit asked for; the message is Indonesian."""


@dataclass(frozen=True)
class Party:
    name: str
    position: str
    nip: str | None


def _position(person: schema.Person | None, default: str, agency: str) -> str:
    position = person.position if person and person.position else default
    return position if agency.lower() in position.lower() else f"{position} {agency}"


def _party(person: schema.Person | None, default_position: str, agency: str) -> Party:
    return Party(
        name=person.name if person else BLANK,
        position=_position(person, default_position, agency),
        nip=person.nip if person else None,
    )


def choose_parties(
    agency: str,
    head: schema.Person | None,
    secretary: schema.Person | None,
    first_party: schema.Person | None,
    second_party: schema.Person | None,
    unit: tuple[str, schema.Person | None] | None = None,
) -> tuple[Party, Party]:
    """The first and second party of a PK from the PK's own parties, else the organisation:
    the office's PK (`unit` None) is promised by the Sekretaris to the Ketua, a unit's PK
    (`unit`: its name and head) by the unit's head to the Sekretaris. The web app shows the same
    parties before the planner changes them (`kinerja.plans.parties`)."""
    if unit is None:
        first = _party(first_party or secretary, "Sekretaris", agency)
        second = _party(second_party or head, "Ketua", agency)
        return first, second
    unit_name, unit_head = unit
    person = first_party or unit_head
    first = Party(
        name=person.name if person else BLANK,
        position=person.position if person and person.position else f"Kepala {unit_name}",
        nip=person.nip if person else None,
    )
    return first, _party(second_party or secretary, "Sekretaris", agency)


def parties(ctx: ReportContext, agreement: schema.Agreement) -> tuple[Party, Party]:
    """The first and second party of a PK, from the PK itself or else the organisation."""
    agency = ctx.agency
    unit: tuple[str, schema.Person | None] | None = None
    if agreement.work_unit is not None:
        found = ctx.work_unit(agreement.work_unit)
        unit = (found.name, found.head) if found else (agreement.work_unit, None)
    return choose_parties(
        agency.name,
        agency.head,
        agency.secretary,
        agreement.first_party,
        agreement.second_party,
        unit,
    )


def agreement_name(ctx: ReportContext, agreement: schema.Agreement) -> str:
    """How the planner knows a PK: the office's, or a work unit's by its name."""
    return f"PK {ctx.unit_name(agreement.work_unit)}" if agreement.work_unit else "PK kantor"


def signatory_gaps(ctx: ReportContext, agreement: schema.Agreement, place: str) -> list[Gap]:
    """What the PK's signature blocks lack: a party's name, the date of signing."""
    first, second = parties(ctx, agreement)
    name = agreement_name(ctx, agreement)
    remedy = remedies.pk_party(name, ctx.year)
    gaps = [
        Gap(place, f"Nama {role} ({party.position}) belum ada", remedy)
        for role, party in (("pihak pertama", first), ("pihak kedua", second))
        if party.name == BLANK
    ]
    if agreement.signed_on is None:
        gaps.append(
            Gap(
                place,
                "Tanggal penandatanganan belum ada",
                remedies.pk_date(name, ctx.year),
            )
        )
    if place_date(ctx, agreement).startswith(BLANK):
        gaps.append(Gap(place, "Tempat penandatanganan belum ada", remedy))
    return gaps


def find_agreement(ctx: ReportContext, unit: str | None) -> schema.Agreement:
    """The office's PK (unit None) or the unit's; AgreementNotFound names what exists."""
    if unit is None:
        agreement = ctx.office_agreement
        if agreement is None:
            raise AgreementNotFound(f"tahun {ctx.year} tidak memuat Perjanjian Kinerja instansi")
        return agreement
    if ctx.work_unit(unit) is None:
        known = ", ".join(u.code for u in ctx.dataset.work_units) or "(tidak ada)"
        raise AgreementNotFound(f"unit kerja '{unit}' tidak dikenal; unit yang ada: {known}")
    agreement = ctx.unit_agreement(unit)
    if agreement is None:
        raise AgreementNotFound(
            f"unit kerja '{unit}' tidak memiliki Perjanjian Kinerja tahun {ctx.year}"
        )
    return agreement


def _title_lines(ctx: ReportContext, agreement: schema.Agreement) -> list[str]:
    """The title as the office writes it: `Perjanjian Kinerja Tahun 2024`, the unit, the office."""
    lines = [f"Perjanjian Kinerja Tahun {ctx.year}"]
    if agreement.work_unit is not None:
        lines.append(ctx.unit_name(agreement.work_unit))
    lines.append(ctx.agency.full_name or ctx.agency.name)
    return lines


def _party_table(party: Party) -> Table:
    rows = (
        (Cell("Nama"), Cell(":"), Cell(party.name)),
        (Cell("Jabatan"), Cell(":"), Cell(party.position)),
    )
    return Table(
        columns=(Column(1.2), Column(0.3), Column(8.0)),
        header=(),
        rows=rows,
        size=11,
        borders=False,
    )


def place_date(ctx: ReportContext, agreement: schema.Agreement) -> str:
    place = agreement.place or ctx.agency.signing_place or ctx.agency.city or BLANK
    when = format_date(agreement.signed_on) if agreement.signed_on else f"{BLANK} {ctx.year}"
    return f"{place}, {when}"


def signatures(ctx: ReportContext, agreement: schema.Agreement) -> Signatures:
    first, second = parties(ctx, agreement)
    return Signatures(
        (
            Signature(role=("Pihak Kedua,", second.position), name=second.name, nip=second.nip),
            Signature(
                role=("Pihak Pertama,", first.position),
                name=first.name,
                nip=first.nip,
                place_date=place_date(ctx, agreement),
            ),
        )
    )


def statement(ctx: ReportContext, agreement: schema.Agreement) -> list[Block]:
    """The statement page: title, both parties, the promise and the two signatures."""
    first, second = parties(ctx, agreement)
    blocks: list[Block] = [
        Paragraph.of(line.upper(), bold=True, align="center", size=13)
        for line in _title_lines(ctx, agreement)
    ]
    blocks += [
        Spacer(12),
        Paragraph.of(OPENING),
        _party_table(first),
        Paragraph.of("selanjutnya disebut pihak pertama"),
        _party_table(second),
        Paragraph.of("selaku atasan pihak pertama, selanjutnya disebut pihak kedua"),
        Paragraph.of(PROMISE),
        Paragraph.of(SUPERVISION),
        Spacer(12),
        signatures(ctx, agreement),
    ]
    return blocks


def attachment(
    ctx: ReportContext,
    agreement: schema.Agreement,
    numbering: Numbering | None = None,
    *,
    quarterly: bool | None = None,
) -> list[Block]:
    """The attachment: targets, budget with its `Jumlah`, and the signatures again."""
    blocks: list[Block] = [
        Paragraph.of("LAMPIRAN", bold=True, align="center", size=12),
        *[
            Paragraph.of(line.upper(), bold=True, align="center", size=12)
            for line in _title_lines(ctx, agreement)
        ],
        Spacer(6),
    ]
    unit = f" {ctx.unit_name(agreement.work_unit)}" if agreement.work_unit else ""
    blocks.append(
        agreement_table(
            ctx,
            agreement,
            numbering,
            f"Perjanjian Kinerja{unit} {ctx.agency.name} Tahun {ctx.year}" if numbering else None,
            quarterly=quarterly,
        )
    )
    if agreement.budget:
        blocks.append(
            budget_lines_table(
                ctx,
                agreement,
                numbering,
                f"Anggaran Perjanjian Kinerja{unit} Tahun {ctx.year}" if numbering else None,
            )
        )
    blocks += [Spacer(12), signatures(ctx, agreement)]
    return blocks


def build_pk(
    ctx: ReportContext,
    unit: str | None = None,
    *,
    quarterly: bool | None = None,
    mode: Mode = "draft",
    logo: bytes | None = None,
) -> Document:
    """The PK document of the office (unit None) or of one work unit: a watermarked draft that
    lists what is missing on its last page, or the final PK (`DocumentIncomplete` while anything
    is). `logo` (PNG or JPEG bytes) heads the statement page, the PK's cover."""
    agreement = find_agreement(ctx, unit)
    title = " ".join(_title_lines(ctx, agreement))
    missing = signatory_gaps(ctx, agreement, "Tanda tangan")
    if mode == "final" and missing:
        raise DocumentIncomplete(f"Perjanjian Kinerja Tahun {ctx.year}", missing)
    blocks: list[Block] = [Logo(logo, height=2.5), Spacer(8)] if logo else []
    blocks += [
        *statement(ctx, agreement),
        PageBreak(),
        *attachment(ctx, agreement, quarterly=quarterly),
    ]
    if mode == "draft" and missing:
        blocks += [
            PageBreak(),
            Heading("Daftar Kekurangan (Draf)", 2, outlined=False),
            ItemList(
                tuple(
                    ListItem((Run(gap.text),), label=f"{n}.")
                    for n, gap in enumerate(missing, start=1)
                )
            ),
        ]
    return Document(
        title=title,
        sections=(Section(tuple(blocks), numbering="none"),),
        author=ctx.agency.name,
        subject=f"Perjanjian Kinerja Tahun {ctx.year}",
        watermark=WATERMARK if mode == "draft" else None,
    )
