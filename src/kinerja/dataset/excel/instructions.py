"""The instructions sheet (`Petunjuk`) of the workbooks, in Indonesian, built from the layout."""

from __future__ import annotations

from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from kinerja.dataset.excel.cell_writer import put
from kinerja.dataset.excel.columns import (
    EMPTY_TEXT,
    Column,
    Shape,
)
from kinerja.dataset.excel.layout import (
    REALIZATION_COLUMNS,
    SHEETS,
)

_TITLE = Font(bold=True, size=14)
_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")

RULES = (
    "Buku kerja ini memuat satu dataset Kinerja: isinya sama dengan berkas dataset YAML "
    "(lihat docs/dataset-format.md). Muat dengan 'kinerja load BERKAS.xlsx', hitung capaian "
    "dengan 'kinerja measure BERKAS.xlsx'.",
    "Baris 1 tiap sheet berisi judul kolom; jangan diubah. Urutan kolom boleh diubah, kolom "
    "yang tidak wajib boleh dihapus. Kolom atau sheet yang tidak dikenal ditolak.",
    "Satu baris satu data. Baris kosong dilewati. Urutan baris adalah urutan data.",
    "Sel kosong berarti tidak diisi. Untuk teks kosong yang disengaja, tulis " + EMPTY_TEXT + ".",
    "Jangan memakai rumus (=...) dan sel gabungan (merge): keduanya ditolak. Salin lalu "
    "'Tempel Nilai' bila data berasal dari rumus.",
    "Sheet turunan menyebut baris induknya dengan kolom kunci: mis. sheet 'Indikator' punya "
    "kolom 'Kode Sasaran' yang harus ada di sheet 'Sasaran'; sheet 'PK Target' menyebut PK "
    "dengan 'Tahun' dan 'Unit Kerja' (kosong = PK kantor).",
    "Nilai target dan realisasi ditulis sebagai teks seperti tercetak: '95%', '3 orang', "
    "'B', 'selesai', '90%-100%'. Kolom nilai sudah berformat Teks agar '95%' tidak diubah "
    "Excel menjadi 0,95. Bila bentuk tercetak tidak dapat dibaca (mis. 'dua belas bulan'), "
    "isi kolom '(dibaca)' di sebelahnya dengan bentuk yang dihitung ('12 bulan').",
    "Bila indikator punya Satuan (sheet 'Indikator', mis. 'orang', 'per 100.000 KH' atau '%'), "
    "nilainya boleh berupa angka saja ('186', '0,16'): angka itu dibaca dalam satuan tersebut. "
    "Target berbatas ditulis 'maksimal 2%', 'minimal 80%', 'kurang dari 49', 'paling sedikit 3 "
    "laporan'; rentang '70-75%'.",
    "Kode hanya huruf, angka, titik, garis bawah dan tanda hubung, tanpa spasi (SS01, IK25, "
    "kpu-kota-metro). Beberapa kode dalam satu sel dipisah koma: 'IK12, IK13'.",
    "Ya/tidak ditulis 'ya' atau 'tidak'. Tanggal diketik sebagai tanggal atau teks YYYY-MM-DD. "
    "Rupiah ditulis sebagai bilangan bulat tanpa pemisah.",
    "Isi tabel pendukung: di sheet 'Isi Tabel Pendukung', satu baris berjenis 'kolom' berisi "
    "judul kolom tabel (Sel 1, Sel 2, ...), lalu satu baris berjenis 'baris' per baris tabel.",
    "Bila ada kesalahan, tidak ada data yang dimuat; semua kesalahan dicantumkan sekaligus "
    "dengan nama sheet, baris dan kolomnya.",
)


def _columns_text(columns: tuple[Column, ...]) -> str:
    return ", ".join(c.header + ("*" if c.required else "") for c in columns)


def write_instructions(ws: Worksheet) -> None:
    """Fill the `Petunjuk` sheet of a dataset workbook."""
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 60
    ws.column_dimensions["C"].width = 90
    put(ws, 1, 1, "Petunjuk Pengisian Buku Kerja Dataset Kinerja")
    ws.cell(row=1, column=1).font = _TITLE
    row = 3
    for number, rule in enumerate(RULES, start=1):
        put(ws, row, 1, f"{number}.")
        put(ws, row, 2, rule)
        ws.cell(row=row, column=2).alignment = _WRAP
        ws.row_dimensions[row].height = 15 * (1 + len(rule) // 70)
        row += 1
    row += 1
    for col, title in enumerate(("Sheet", "Isi", "Kolom (* wajib)"), start=1):
        put(ws, row, col, title)
        ws.cell(row=row, column=col).font = _BOLD
    for sheet in SHEETS:
        row += 1
        put(ws, row, 1, sheet.name)
        put(ws, row, 2, sheet.description)
        text = _columns_text(sheet.columns)
        if sheet.shape == Shape.FORM:
            text = "kolom Isian, Nilai, Keterangan; satu baris per isian: " + text
        elif sheet.shape == Shape.GRID:
            text += ", Sel 1, Sel 2, ..."
        put(ws, row, 3, text)
        for col in (1, 2, 3):
            ws.cell(row=row, column=col).alignment = _WRAP


def write_realization_instructions(ws: Worksheet) -> None:
    """Fill the `Petunjuk` sheet of a realisation workbook."""
    ws.column_dimensions["A"].width = 4
    ws.column_dimensions["B"].width = 110
    put(ws, 1, 1, "Petunjuk Pengisian Realisasi Kinerja Banyak Instansi")
    ws.cell(row=1, column=1).font = _TITLE
    lines = (
        "Isi sheet 'Realisasi': satu baris untuk satu indikator satu instansi dalam satu "
        "triwulan. Muat dengan 'kinerja load-realizations BERKAS.xlsx'.",
        "Kolom: " + _columns_text(REALIZATION_COLUMNS) + ".",
        "Kode Instansi dan Kode Indikator harus sudah ada di basis data (muat dataset "
        "instansinya dahulu). Triwulan 1 sampai 4. Nilai ditulis sebagai teks seperti "
        "tercetak: '95%', '3 laporan', 'B', 'selesai'.",
        "Realisasi yang sudah tercatat untuk indikator, tahun dan triwulan yang sama diganti.",
        "Semua baris diperiksa dahulu; bila ada kesalahan, tidak ada yang dimuat dan semua "
        "kesalahan dicantumkan dengan baris dan kolomnya. Rumus dan sel gabungan ditolak.",
    )
    for row, line in enumerate(lines, start=3):
        put(ws, row, 1, f"{row - 2}.")
        put(ws, row, 2, line)
        ws.cell(row=row, column=2).alignment = _WRAP
