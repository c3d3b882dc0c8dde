"""The inputs of one office's first year, entered from nothing: the same for the web app
(tests/web/test_year_web_equals_cli.py, test_year_from_nothing.py) and, written as a dataset,
for the command line (`dataset()`).

A small office with two work units, a Renstra 2025-2029 with one objective and two indicators,
one program, the office's PK, four quarters of each indicator with an evidence file each, four
quarters of budget realisation, the LKj's narrative, the review record and part of the LKE.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

CODE = "kpu-kota-awal"
YEAR = 2025
AGENCY = {
    "code": CODE,
    "name": "KPU Kota Awal",
    "level": "regency_city",
    "city": "Awal",
    "signing_place": "Awal",
    "head": {"name": "Budi Santoso", "position": "Ketua"},
    "secretary": {"name": "Sri Lestari", "position": "Sekretaris"},
}
UNITS = {
    "pdi": "Sub Bagian Perencanaan, Data dan Informasi",
    "keuangan": "Sub Bagian Keuangan, Umum dan Logistik",
}
FINANCE_UNIT = "keuangan"
PLAN = {
    "start": "2025",
    "end": "2029",
    "vision": "Menjadi penyelenggara pemilu yang mandiri, profesional dan berintegritas",
}
MISSION = ("M1", "Meningkatkan kualitas perencanaan dan pelaporan kinerja")
OBJECTIVE = ("SS01", "Meningkatnya akuntabilitas kinerja")
# code: name, work unit, combine, Renstra target of 2025, quarterly targets, realisations
INDICATORS = {
    "IK01": ("Persentase laporan kinerja yang disampaikan tepat waktu", "pdi", "last", "100%",
             ["25%", "50%", "75%", "100%"], ["25%", "50%", "75%", "100%"]),
    "IK02": ("Jumlah laporan keuangan yang disusun", "keuangan", "sum", "12 laporan",
             ["3 laporan", "6 laporan", "9 laporan", "12 laporan"],
             ["3 laporan", "3 laporan", "3 laporan", "2 laporan"]),
}  # fmt: skip
PROGRAM = ("DM", "Program Dukungan Manajemen")
BUDGET = 120_000_000
SPENT = [25_000_000, 55_000_000, 85_000_000, 114_000_000]  # cumulative per quarter
SIGNING = {
    "report_date": dt.date(2026, 1, 15),
    "place": "Awal",
    "name": "Budi Santoso",
    "position": "Ketua",
    "signed_on": dt.date(2025, 1, 6),
}
# The sections the final LKj cannot draft from the data, and the planner's other texts.
NARRATIVE = {
    "kata_pengantar": "Puji syukur kami panjatkan; laporan ini menyajikan capaian kinerja "
    "KPU Kota Awal tahun 2025 sebagai wujud akuntabilitas kepada publik.",
    "ringkasan_eksekutif": "Pada tahun 2025 KPU Kota Awal menetapkan satu sasaran strategis "
    "dengan dua indikator; keduanya tercapai dengan baik.",
    "tugas_fungsi": "KPU Kota Awal bertugas menyelenggarakan pemilihan umum di wilayah Kota "
    "Awal sesuai peraturan perundang-undangan.",
    "isu_strategis": "Isu strategis tahun 2025 adalah ketepatan waktu pelaporan kinerja dan "
    "keuangan.",
    "realisasi_anggaran": "Anggaran Program Dukungan Manajemen terserap 95% dan digunakan "
    "untuk kegiatan yang mendukung sasaran.",
    "langkah_ke_depan": "Tahun 2026 KPU Kota Awal akan memperkuat monitoring triwulanan.",
    "analisis": "Keberhasilan didukung disiplin penyusunan laporan; penurunan laporan keuangan "
    "triwulan IV diatasi dengan jadwal penyusunan yang lebih awal.",
}
NARRATIVE_OBJECTIVE = {"analisis": OBJECTIVE[0]}
REVIEW = {
    "reviewer_name": "Rina Wulandari",
    "reviewer_position": "Inspektur",
    "date": dt.date(2026, 1, 10),
    "place": "Awal",
    "statement": "Kami telah mereviu Laporan Kinerja KPU Kota Awal tahun 2025. Reviu "
    "dilaksanakan sesuai pedoman; laporan telah disajikan sesuai ketentuan.",
    "findings": ["[x] Bukti dukung IK02 triwulan IV dilengkapi"],
}
# item: criteria met, self-assessment, note (the office's part of the LKE)
LKE = {
    "1.a": (["1.a.1", "1.a.2", "1.a.3"], "B", "Renstra 2025-2029 sudah ditetapkan."),
    "1.b": (["1.b.1"], "C", "Rencana aksi disusun per triwulan."),
}


def evidence_pdf(code: str, quarter: int) -> bytes:
    """A small PDF, distinct per indicator and quarter."""
    return f"%PDF-1.4\n% {code} TW {quarter}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".encode()


def evidence_name(code: str, quarter: int) -> str:
    return f"bukti-{code.lower()}-tw{quarter}.pdf"


def note(code: str, quarter: int) -> str:
    return f"Realisasi {code} triwulan {quarter}"


def _evidence(code: str, quarter: int) -> dict[str, Any]:
    content = evidence_pdf(code, quarter)
    sha = hashlib.sha256(content).hexdigest()
    return {
        "title": evidence_name(code, quarter),
        "file": f"{sha[:12]}.pdf",
        "sha256": sha,
        "size": len(content),
        "content_type": "application/pdf",
    }


def dataset() -> dict[str, Any]:
    """The year as a dataset file writes it, from the same inputs as the web journey."""
    indicators = [
        {
            "code": code,
            "name": name,
            "work_unit": unit,
            "combine": combine,
            "renstra_targets": {YEAR: target},
        }
        for code, (name, unit, combine, target, _, _) in INDICATORS.items()
    ]
    rows = [
        {
            "objective": OBJECTIVE[0],
            "indicator": code,
            "target": target,
            "quarterly_targets": dict(enumerate(quarters, start=1)),
        }
        for code, (_, _, _, target, quarters, _) in INDICATORS.items()
    ]
    realizations = [
        {
            "indicator": code,
            "quarter": quarter,
            "value": value,
            "note": note(code, quarter),
            "evidence": [_evidence(code, quarter)],
        }
        for code, (*_, values) in INDICATORS.items()
        for quarter, value in enumerate(values, start=1)
    ]
    narrative = [
        {"key": key, "objective": NARRATIVE_OBJECTIVE.get(key), "text": text}
        for key, text in NARRATIVE.items()
    ]
    findings = []
    for line in REVIEW["findings"]:
        settled = line.startswith("[x]")
        findings.append({"text": line.removeprefix("[x]").strip(), "settled": settled})
    return {
        "agency": AGENCY,
        "work_units": [{"code": code, "name": name} for code, name in UNITS.items()],
        "strategic_plan": {
            "start": int(PLAN["start"]),
            "end": int(PLAN["end"]),
            "vision": PLAN["vision"],
            "missions": [{"code": MISSION[0], "text": MISSION[1]}],
            "objectives": [{"code": OBJECTIVE[0], "name": OBJECTIVE[1], "indicators": indicators}],
            "programs": [
                {
                    "code": PROGRAM[0],
                    "name": PROGRAM[1],
                    "objectives": [{"objective": OBJECTIVE[0], "share": 100}],
                }
            ],
        },
        "years": [
            {
                "year": YEAR,
                "agreements": [
                    {
                        "title": f"Perjanjian Kinerja {YEAR}",
                        "place": SIGNING["place"],
                        "signed_on": SIGNING["signed_on"],
                        "rows": rows,
                        "budget": [{"program": PROGRAM[0], "amount": BUDGET}],
                    }
                ],
                "realizations": realizations,
                "spending": [
                    {"program": PROGRAM[0], "quarter": quarter, "spent": spent}
                    for quarter, spent in enumerate(SPENT, start=1)
                ],
                "narrative": narrative,
                "report": {
                    "place": SIGNING["place"],
                    "date": SIGNING["report_date"],
                    "signatory": {"name": SIGNING["name"], "position": SIGNING["position"]},
                },
                "evaluation": {
                    "regulation": "permenpanrb-88-2021",
                    "answers": [
                        {"item": item, "met": met, "self_assessment": grade, "note": text}
                        for item, (met, grade, text) in LKE.items()
                    ],
                },
                "review": {
                    "reviewer": {
                        "name": REVIEW["reviewer_name"],
                        "position": REVIEW["reviewer_position"],
                    },
                    "date": REVIEW["date"],
                    "place": REVIEW["place"],
                    "statement": REVIEW["statement"],
                    "findings": findings,
                },
            }
        ],
    }
