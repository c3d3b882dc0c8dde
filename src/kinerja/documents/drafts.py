"""Drafted chapter texts of the LKj: deterministic Indonesian made from the context's figures.

Each function drafts one section of `domain.md` section 6; a planner's narrative with the same key
replaces it (`lkj.py` decides). Texts about regulations are the fixed wording offices use; texts
about the office state only what the data holds.
"""

from __future__ import annotations

from kinerja.core.settings import CapScope, DualTargetReading, GradeMethod, LowerIsBetterFormula
from kinerja.dataset.measure import IndicatorResult
from kinerja.documents.context import ReportContext
from kinerja.documents.narrative import (
    direction,
    is_achieved,
    join_words,
    printed_below,
    printed_pair,
    quoted,
    reached,
)
from kinerja.formats import count_text, format_date, format_percent, format_rupiah


def office(ctx: ReportContext) -> str:
    return ctx.agency.full_name or ctx.agency.name


def _counts(ctx: ReportContext) -> dict[str, list[IndicatorResult]]:
    inds = list(ctx.result.indicators)
    return {
        "all": inds,
        "met": [i for i in inds if reached(i)],
        "printed_below": [i for i in inds if printed_below(i)],
        "below": [i for i in inds if i.achievement.value is not None and not is_achieved(i)],
        "unmeasured": [i for i in inds if i.achievement.status.value == "unmeasured"],
        "not_computable": [i for i in inds if i.achievement.status.value == "not_computable"],
        "differs": [i for i in inds if i.reported_differs],
    }


def kata_pengantar(ctx: ReportContext) -> list[str]:
    name = office(ctx)
    return [
        f"Laporan Kinerja {name} Tahun {ctx.year} disusun sebagai wujud pertanggungjawaban atas "
        f"pelaksanaan Perjanjian Kinerja Tahun {ctx.year}, sesuai Peraturan Presiden Nomor 29 "
        "Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah dan Peraturan "
        "Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 53 Tahun 2014.",
        "Laporan ini menyajikan capaian "
        f"{count_text(len(ctx.result.objectives), 'sasaran strategis')} dan "
        f"{count_text(len(ctx.result.indicators), 'indikator kinerja')}, analisis atas capaian "
        "tersebut, serta "
        "realisasi anggaran yang mendukungnya. Seluruh capaian dihitung dari target dan realisasi "
        "dengan rumus yang dicantumkan pada Bab III.",
        "Semoga laporan ini bermanfaat sebagai bahan evaluasi dan perbaikan kinerja pada tahun "
        "berikutnya.",
    ]


def _sentence(text: str) -> str:
    """A sentence never starts with digits (`Sebanyak 25 indikator ...`)."""
    if text[:1].isdigit():
        return f"Sebanyak {text}"
    return text[:1].upper() + text[1:]


def outcome_sentences(ctx: ReportContext) -> list[str]:
    """The indicators counted as the tables show them: reached, reached by the computation but
    printed below 100% (both figures named), below target, not measured, not computable."""
    counts = _counts(ctx)
    total = len(counts["all"])
    measured = len(counts["met"]) + len(counts["printed_below"]) + len(counts["below"])
    if total == 0:
        return ["Perjanjian Kinerja tahun ini belum memuat indikator kinerja."]
    if measured == 0:
        head = f"Dari {count_text(total, 'indikator')}, belum ada yang capaiannya dapat dihitung."
        parts = []
    else:
        head = (
            f"Dari {count_text(total, 'indikator')}, capaian "
            f"{count_text(measured, 'indikator') if measured < total else 'seluruhnya'} "
            "dapat dihitung"
        )
        parts = [count_text(len(counts["met"]), "indikator", "mencapai atau melampaui target")]
        if counts["printed_below"]:
            parts.append(
                count_text(
                    len(counts["printed_below"]),
                    "indikator",
                    "mencapai target menurut hasil perhitungan tetapi tercantum di bawah 100% pada "
                    "tabel pengukuran unit kerja",
                )
            )
        parts.append(count_text(len(counts["below"]), "indikator", "belum mencapai target"))
        head += "; " + join_words(parts) + "."
        if counts["printed_below"]:
            pairs = join_words([printed_pair(i) for i in counts["printed_below"]])
            head += f" Indikator yang tercantum di bawah 100% ialah {pairs}."
    texts = [head]
    rest = []
    if counts["unmeasured"]:
        rest.append(count_text(len(counts["unmeasured"]), "indikator", "belum diukur"))
    if counts["not_computable"]:
        rest.append(
            f"{count_text(len(counts['not_computable']), 'indikator')} tidak dapat dihitung "
            "capaiannya"
        )
    if rest:
        texts.append(_sentence(join_words(rest)) + ".")
    return texts


def ringkasan(ctx: ReportContext) -> list[str]:
    result, counts = ctx.result, _counts(ctx)
    texts = [
        f"Laporan Kinerja {office(ctx)} Tahun {ctx.year} menyajikan capaian "
        f"{count_text(len(result.objectives), 'sasaran strategis')} yang diukur dengan "
        f"{count_text(len(counts['all']), 'indikator kinerja')} sebagaimana ditetapkan dalam "
        f"Perjanjian Kinerja Tahun {ctx.year}.",
        " ".join(outcome_sentences(ctx)),
    ]
    if result.achievement is not None:
        rating = result.rating.label if result.rating else "di luar skala penilaian"
        texts.append(
            f"Capaian kinerja {ctx.agency.name} secara keseluruhan adalah "
            f"{format_percent(result.achievement)} dengan kategori {rating}."
        )
    trend = ctx.trend()
    if len(trend) >= 2 and result.achievement is not None:
        year, before = trend[-2]
        texts.append(
            f"Dibandingkan tahun {year} ({format_percent(before)}), capaian kinerja "
            f"{direction(before, result.achievement)}."
        )
    texts.append(budget_sentence(ctx))
    return texts


def budget_sentence(ctx: ReportContext) -> str:
    budget = ctx.result.budget
    if budget.ceiling is None:
        return f"Perjanjian Kinerja Tahun {ctx.year} tidak memuat pagu anggaran."
    text = (
        f"Pagu anggaran Tahun {ctx.year} untuk {count_text(len(budget.programs), 'program')} "
        f"berjumlah {format_rupiah(budget.ceiling)}"
    )
    if budget.spent is None:
        return text + "; realisasi anggarannya belum dicatat."
    return text + (
        f", dengan realisasi {format_rupiah(budget.spent)} atau penyerapan "
        f"{format_percent(budget.absorption)}."
    )


def latar_belakang(ctx: ReportContext) -> list[str]:
    return [
        "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi "
        "Pemerintah mewajibkan setiap instansi pemerintah mempertanggungjawabkan pelaksanaan tugas "
        "dan fungsinya melalui perencanaan kinerja, perjanjian kinerja, pengukuran kinerja, dan "
        "pelaporan kinerja.",
        f"Laporan Kinerja {office(ctx)} Tahun {ctx.year} disusun untuk memenuhi kewajiban tersebut "
        "dengan berpedoman pada Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi "
        "Birokrasi Nomor 53 Tahun 2014 tentang Petunjuk Teknis Perjanjian Kinerja, Pelaporan "
        "Kinerja, dan Tata Cara Reviu atas Laporan Kinerja Instansi Pemerintah.",
    ]


def maksud_tujuan(ctx: ReportContext) -> list[str]:
    return [
        f"Laporan Kinerja ini dimaksudkan untuk menyampaikan capaian kinerja {ctx.agency.name} "
        f"Tahun {ctx.year} dibandingkan dengan target dalam Perjanjian Kinerja, serta menjelaskan "
        "keberhasilan dan kegagalan pencapaiannya.",
        "Laporan ini bertujuan menjadi sarana akuntabilitas kepada pemangku kepentingan dan bahan "
        "perbaikan perencanaan serta pelaksanaan kinerja pada tahun berikutnya.",
    ]


BAB2_WITH_CASCADE = (
    "Rencana Strategis, rencana kinerja tahunan, Perjanjian Kinerja beserta anggarannya, dan "
    "pohon kinerja."
)
SYSTEMATICS = (
    (
        "BAB I Pendahuluan",
        "latar belakang, maksud dan tujuan, tugas dan fungsi, struktur "
        "organisasi, isu strategis, serta sistematika laporan.",
    ),
    (
        "BAB II Perencanaan Kinerja",
        "Rencana Strategis, rencana kinerja tahunan, dan Perjanjian Kinerja beserta anggarannya.",
    ),
    (
        "BAB III Akuntabilitas Kinerja",
        "pengukuran dan analisis capaian setiap sasaran strategis serta realisasi anggaran.",
    ),
    ("BAB IV Penutup", "kesimpulan, permasalahan dan kendala, serta langkah perbaikan ke depan."),
    # The LKj names what its Lampiran holds (`LkjBuilder.systematics`).
    ("Lampiran", "Perjanjian Kinerja dan pernyataan telah direviu."),
)


def quarterly_targets(ctx: ReportContext) -> bool:
    """Whether the office's PK of the year sets quarterly targets (the Rencana Aksi table)."""
    agreement = ctx.office_agreement
    return agreement is not None and any(r.quarterly_targets for r in agreement.rows)


def rencana_kinerja(ctx: ReportContext) -> list[str]:
    """Announces the Rencana Aksi table only when there is one to follow: without quarterly
    targets the annual ones are those of the Perjanjian Kinerja in C."""
    text = (
        f"Rencana kinerja Tahun {ctx.year} menjabarkan sasaran strategis Renstra "
        f"{ctx.plan.start}-{ctx.plan.end} ke dalam target tahunan setiap indikator kinerja. "
    )
    if quarterly_targets(ctx):
        return [
            text + "Target tersebut beserta target triwulannya dalam Rencana Aksi disajikan pada "
            "tabel berikut."
        ]
    return [
        text + f"Target tersebut ditetapkan dalam Perjanjian Kinerja Tahun {ctx.year} yang "
        "disajikan pada bagian berikutnya."
    ]


def penetapan_kinerja(ctx: ReportContext) -> list[str]:
    budget = ctx.result.budget
    text = (
        f"Perjanjian Kinerja Tahun {ctx.year} memuat "
        f"{count_text(len(ctx.result.objectives), 'sasaran strategis')} dan "
        f"{count_text(len(ctx.result.indicators), 'indikator kinerja')}"
    )
    if budget.ceiling is not None:
        text += (
            f", dengan anggaran {format_rupiah(budget.ceiling)} untuk "
            f"{count_text(len(budget.programs), 'program')}"
        )
    return [text + "."]


def renstra(ctx: ReportContext) -> list[str]:
    plan = ctx.plan
    text = f"Rencana Strategis {ctx.agency.name} periode {plan.start}-{plan.end}"
    if plan.established_on:
        text += f" ditetapkan pada tanggal {format_date(plan.established_on)}"
    if plan.decree:
        text += f" dengan {plan.decree}"
    return [
        text + " dan memuat visi, misi, tujuan, sasaran strategis beserta indikatornya, serta "
        "program yang dilaksanakan selama periode tersebut.",
    ]


def indikator_kinerja(ctx: ReportContext) -> list[str]:
    return [
        f"Bab ini menyajikan pengukuran dan analisis capaian kinerja {ctx.agency.name} Tahun "
        f"{ctx.year} atas {count_text(len(ctx.result.objectives), 'sasaran strategis')} dan "
        f"{count_text(len(ctx.result.indicators), 'indikator kinerja')} dalam Perjanjian "
        "Kinerja, serta "
        "realisasi anggaran yang mendukungnya.",
    ]


_CAP_SCOPE_WORDS = {
    CapScope.ROLLUP: "hanya saat dirata-ratakan",
    CapScope.INDICATOR: "pada capaian indikator",
    CapScope.BOTH: "pada capaian indikator dan rata-rata",
    CapScope.NONE: "tidak dibatasi",
}


def method_items(ctx: ReportContext) -> list[str]:
    """The formulas and settings the achievements were computed with (always printed)."""
    settings = ctx.result.settings
    lower = {
        LowerIsBetterFormula.MIRROR: "Capaian = (2 × Target − Realisasi) ÷ Target × 100%",
        LowerIsBetterFormula.INVERSE: "Capaian = Target ÷ Realisasi × 100%",
        LowerIsBetterFormula.RATIO: "Capaian = Target ÷ Realisasi × 100%",
    }[settings.lower_is_better]
    grade = {
        GradeMethod.REACHED_OR_RANK_RATIO: "100% bila predikat realisasi mencapai predikat "
        "target; bila tidak, peringkat realisasi ÷ peringkat target × 100%",
        GradeMethod.REACHED: "100% bila predikat realisasi mencapai predikat target, 0% bila tidak",
        GradeMethod.RANK_RATIO: "peringkat realisasi ÷ peringkat target × 100%",
    }[settings.grade_method]
    dual = {
        DualTargetReading.ACTIVITY: "realisasi dibandingkan dengan target kegiatan",
        DualTargetReading.SHARE: "persentase realisasi terhadap target kegiatan dibandingkan "
        "dengan target persentase",
    }[settings.dual_target]
    weighted = any(o.weight is not None for o in ctx.plan.objectives) or any(
        i.weight is not None for o in ctx.plan.objectives for i in o.indicators
    )
    mean = "rata-rata tertimbang" if weighted else "rata-rata"
    if settings.cap is None:
        cap = "Capaian tidak dibatasi saat dirata-ratakan."
    else:
        to = settings.cap_to if settings.cap_to is not None else settings.cap
        above = (
            f"capaian di atas {format_percent(settings.cap, trim=True)} dihitung "
            f"{format_percent(to, trim=True)}"
        )
        cap = {
            CapScope.ROLLUP: f"Saat dirata-ratakan, {above}; capaian indikator tetap disajikan "
            "tanpa batas.",
            CapScope.INDICATOR: f"Pada capaian indikator, {above} (angka tanpa batas disajikan "
            "di sampingnya); rata-rata memakai capaian tanpa batas.",
            CapScope.BOTH: f"Pada capaian indikator dan saat dirata-ratakan, {above} (angka "
            "tanpa batas disajikan di samping capaian indikator).",
            CapScope.NONE: "Capaian tidak dibatasi.",
        }[settings.cap_applies]
        own = [
            f"{i.code} ({_CAP_SCOPE_WORDS[i.cap_applies]})"
            for o in ctx.plan.objectives
            for i in o.indicators
            if i.cap_applies is not None and i.cap_applies is not settings.cap_applies
        ]
        if own:
            cap += " Batas diatur tersendiri untuk indikator " + ", ".join(own) + "."
    return [
        "Indikator makin tinggi makin baik: Capaian = Realisasi ÷ Target × 100%.",
        f"Indikator makin rendah makin baik: {lower}.",
        f"Indikator berupa predikat: {grade}.",
        "Indikator berupa rentang: 100% bila realisasi berada di dalam rentang; di luar rentang "
        "dibandingkan dengan batas terdekat.",
        f"Indikator dengan dua target (persentase dan kegiatan): {dual}.",
        f"Capaian sasaran adalah {mean} capaian indikatornya; capaian instansi adalah {mean} "
        f"capaian sasarannya. {cap}",
        "Indikator tanpa realisasi disajikan sebagai belum diukur dan tidak dihitung dalam "
        "rata-rata (tidak dianggap 0).",
        "Penyerapan anggaran = Realisasi anggaran ÷ Pagu × 100%. Penggunaan anggaran dinilai "
        "efisien bila capaian tidak lebih rendah dari penyerapan anggaran.",
        "Angka capaian disajikan dengan dua desimal (dibulatkan setengah ke atas); perhitungan "
        "memakai angka sebelum dibulatkan.",
    ]


def kesimpulan(ctx: ReportContext) -> list[str]:
    texts = [ringkasan(ctx)[2]] if ctx.result.achievement is not None else []
    ranked = sorted(
        (o for o in ctx.result.objectives if o.achievement is not None),
        key=lambda o: o.achievement or 0,
    )
    if len(ranked) >= 2:
        low, high = ranked[0], ranked[-1]
        texts.append(
            f"Capaian tertinggi diraih sasaran {quoted(high.name)} "
            f"({format_percent(high.achievement)}), dan terendah sasaran {quoted(low.name)} "
            f"({format_percent(low.achievement)})."
        )
    texts.append(budget_sentence(ctx))
    return texts


def permasalahan(ctx: ReportContext) -> list[str]:
    """The office's problems the figures show: targets not reached, targets that cannot be
    compared with what was realised. What the data lacks is not the office's problem: it is
    listed among the draft's gaps (`gaps.py`)."""
    counts = _counts(ctx)
    items = [
        f"Indikator {i.code} ({i.name}) belum mencapai target, dengan capaian "
        f"{format_percent(i.achievement.value)}."
        for i in counts["below"]
    ]
    items += [
        f"Capaian indikator {i.code} ({i.name}) tidak dapat dihitung karena target dan "
        "realisasinya tidak sebanding."
        for i in counts["not_computable"]
    ]
    return items


def langkah(ctx: ReportContext) -> list[str]:
    counts = _counts(ctx)
    codes = {k: [i.code for i in v] for k, v in counts.items()}
    steps = []
    if codes["not_computable"]:
        steps.append(
            "Menetapkan target yang sebanding dengan realisasinya untuk indikator "
            f"{join_words(codes['not_computable'])} pada Perjanjian Kinerja tahun {ctx.year + 1}."
        )
    if codes["below"]:
        steps.append(
            "Menyusun rencana aksi perbaikan untuk indikator yang belum mencapai target "
            f"({join_words(codes['below'])})."
        )
    steps.append(
        f"Memantau capaian setiap indikator per triwulan pada tahun {ctx.year + 1} agar "
        "kendala dapat ditangani lebih awal."
    )
    return steps
