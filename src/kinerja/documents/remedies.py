"""What to do about each gap, said plainly to a planner in the words of the web app's menus.

Each remedy names who does what and where: the menu of the web app (Isian realisasi, Anggaran,
PK & rencana aksi, Reviu) where one exists, else the sheet and column of the Excel workbook the
*Excel* menu downloads and takes back (the same workbook a planner working from files fills in).
One wording per kind of gap, shared by every document that can lack it.
"""

from __future__ import annotations

EXCEL = "Unduh berkas Excel dari menu Excel, isi"
UPLOAD = "lalu unggah kembali berkas itu di menu Excel"


def narrative(key: str, objective: str | None = None) -> str:
    """A section of text the data cannot draft (its narrative key, for one objective)."""
    row = f"Kunci \u201c{key}\u201d" + (f" dan Kode Sasaran {objective}" if objective else "")
    return (
        f"Tuliskan uraiannya di berkas Excel dari menu Excel, satu baris pada lembar "
        f"\u201cNarasi\u201d dengan {row} serta teksnya di kolom Teks, {UPLOAD}"
    )


def _who(unit: str | None) -> str:
    return f"Operator {unit}" if unit else "Operator atau penyusun (indikator tanpa unit kerja)"


def realisation(year: int, unit: str | None) -> str:
    """An indicator without its realisation (`unit`: the name of its work unit)."""
    return (
        f"{_who(unit)} mengisi realisasi tahun {year} di menu Isian realisasi dan "
        "mengajukannya, lalu penyusun memverifikasinya di menu Verifikasi"
    )


def quarter_realisation(quarter: str, year: int, unit: str | None) -> str:
    """An indicator without its realisation of one quarter."""
    return (
        f"{_who(unit)} mengisi realisasi {quarter} tahun {year} di menu Isian realisasi dan "
        "mengajukannya, lalu penyusun memverifikasinya di menu Verifikasi"
    )


def spending(year: int, quarter: str | None = None) -> str:
    """The budget realisation (of the year, or up to a quarter)."""
    until = f" sampai dengan {quarter}" if quarter else ""
    return (
        f"Unit keuangan mengisi realisasi anggaran tahun {year}{until} per program di menu "
        "Anggaran dan mengajukannya, lalu penyusun memverifikasinya di menu yang sama"
    )


def quarterly_targets(indicator: str, agreement: str | None, year: int) -> str:
    """A PK row without the action plan's quarterly targets (`agreement`: which PK, when the
    document is about one)."""
    where = agreement or "PK yang memuat indikator itu"
    return (
        f"Isi target TW I sampai TW IV indikator {indicator} pada {where} tahun {year} di "
        "menu PK & rencana aksi, lalu simpan"
    )


def pk_party(agreement: str, year: int) -> str:
    """A PK party's name (or the place of signing, taken from the office's data)."""
    return (
        f"{EXCEL} nama, jabatan dan NIP Pihak Pertama dan Pihak Kedua pada baris {agreement} "
        f"tahun {year} di lembar \u201cPK\u201d (atau pimpinan dan sekretaris di lembar "
        f"\u201cInstansi\u201d, dan kolom Tempat bila tempatnya belum ada), {UPLOAD}"
    )


def pk_date(agreement: str, year: int) -> str:
    """A PK's date of signing."""
    return (
        f"{EXCEL} kolom Tanggal pada baris {agreement} tahun {year} di lembar \u201cPK\u201d, "
        f"{UPLOAD}"
    )


def report_signatory(year: int) -> str:
    """The report's signatory: name, position, place."""
    return (
        f"{EXCEL} nama, jabatan dan NIP Penanda Tangan serta Tempat LKj pada baris tahun {year} "
        f"di lembar \u201cTahun\u201d (atau Pimpinan dan Tempat Penandatanganan di lembar "
        f"\u201cInstansi\u201d), {UPLOAD}"
    )


def report_date(year: int) -> str:
    """The report's date."""
    return (
        f"{EXCEL} kolom Tanggal LKj pada baris tahun {year} di lembar \u201cTahun\u201d, {UPLOAD}"
    )


REVIEW = (
    "Auditor (APIP) mencatat hasil reviu, yaitu nama pereviu, tanggal dan pernyataannya, di menu "
    "Reviu"
)
