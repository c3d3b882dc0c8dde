"""The Excel workbook form of a dataset: which sheet holds which part, and which column which field.

One declarative table (`SHEETS`; the yearly sheets are in `layout_years`) drives the
reader, the writer, the template and the instructions sheet, so they cannot drift apart. Rules
of the mapping:

- A single object (the office, the Renstra, the settings) is a *form* sheet: one row per field,
  with the columns `Isian`, `Nilai`, `Keterangan`.
- A list is a *list* sheet: one row per item. A list nested in another list is its own sheet whose
  first columns name the parent row (`Kode Sasaran` on the sheet `Indikator`); the parent is found
  by the parent sheet's key columns. Rows keep the order of the list.
- A map `{year: value}` is a *map* sheet: one row per entry.
- A printed value takes two columns: the value as printed, and `(dibaca)`, the reading to compute
  with, filled only when the printed form cannot be read (the dataset's `{printed, value}` form).
- Supporting tables are cell grids: the sheet `Isi Tabel Pendukung` holds one `kolom` row with the
  headers of each table and one `baris` row per table row, cells in `Sel 1`, `Sel 2`, ...
"""

from __future__ import annotations

from kinerja.dataset.excel.columns import (
    BUILTIN_SCALES,
    CAP_SCOPES,
    COMBINES,
    DUAL_TARGETS,
    GRADE_METHODS,
    LEVELS,
    LOWER_IS_BETTER,
    POLARITIES,
    Column,
    Kind,
    Shape,
    Sheet,
    choice_of,
    code,
    date_of,
    integer,
    number,
    parent_key,
    person,
    text,
    value_pair,
    yes_no,
)
from kinerja.dataset.excel.layout_years import YEAR_SHEETS

SHARE_NOTE = "persen anggaran; porsi semua sasaran satu anggaran berjumlah 100; kosong bila satu"

PLAN_SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "Instansi",
        Shape.FORM,
        "Instansi yang dijelaskan dataset ini.",
        (
            code("Kode", "code", required=True),
            text("Nama", "name", required=True),
            text("Nama Lengkap", "full_name"),
            choice_of("Tingkat", "level", LEVELS, required=True),
            text("Alamat", "address"),
            text("Kota", "city"),
            text("Tempat Penandatanganan", "signing_place"),
            *person("Pimpinan", "head"),
            *person("Sekretaris", "secretary"),
        ),
        at=("agency",),
        required=True,
    ),
    Sheet(
        "Induk Instansi",
        Shape.LIST,
        "Instansi induk, dari yang teratas sampai induk langsung.",
        (
            code("Kode", "code", required=True),
            text("Nama", "name", required=True),
            choice_of("Tingkat", "level", LEVELS, required=True),
        ),
        at=("agency", "parents"),
    ),
    Sheet(
        "Divisi",
        Shape.LIST,
        "Divisi komisioner.",
        (code("Kode", "code", required=True), text("Nama", "name", required=True)),
        at=("organization", "divisions"),
        key=("Kode",),
    ),
    Sheet(
        "Periode Komisioner",
        Shape.LIST,
        "Masa jabatan komisioner.",
        (
            integer("Mulai", "start", required=True),
            integer("Selesai", "end", required=True),
            text("Surat Keputusan", "decree"),
            text("Gambar", "figure"),
        ),
        at=("organization", "commissioner_periods"),
        key=("Mulai", "Selesai"),
    ),
    Sheet(
        "Komisioner",
        Shape.LIST,
        "Komisioner tiap periode dan divisi yang dipimpinnya.",
        (
            parent_key("Periode Mulai", Kind.INT),
            parent_key("Periode Selesai", Kind.INT),
            text("Nama", "name", required=True),
            text("Jabatan", "position"),
            code("Kode Divisi", "division", ref="Divisi"),
        ),
        parent="Periode Komisioner",
        field="members",
        parent_keys=("Periode Mulai", "Periode Selesai"),
    ),
    Sheet(
        "Pegawai",
        Shape.LIST,
        "Jumlah pegawai menurut dimensi (jenis, pendidikan, golongan, ...).",
        (
            text("Dimensi", "dimension", required=True),
            text("Kategori", "category", required=True),
            integer("Jumlah", "count", required=True),
        ),
        at=("organization", "staff"),
    ),
    Sheet(
        "Pejabat",
        Shape.LIST,
        "Pejabat lain yang disebut namanya.",
        (
            text("Nama", "name", required=True),
            text("Jabatan", "position"),
            Column("NIP", ("nip",), Kind.TEXT, note="8-24 angka dan spasi, sebagai teks"),
            code("Unit Kerja", "work_unit"),
        ),
        at=("organization", "people"),
    ),
    Sheet(
        "Unit Kerja",
        Shape.LIST,
        "Unit kerja (sub bagian) pemilik target.",
        (
            code("Kode", "code", required=True),
            text("Nama", "name", required=True),
            text("Nama Singkat", "short_name"),
            code("Kode Divisi", "division", ref="Divisi"),
            *person("Kepala", "head"),
            Column(
                "Melapor Kepada",
                ("reports_to",),
                Kind.CODE,
                ref="Unit Kerja",
                note="kode unit kerja atasan; kosong = Sekretaris",
            ),
        ),
        at=("work_units",),
        key=("Kode",),
    ),
    Sheet(
        "Pengaturan",
        Shape.FORM,
        "Pengaturan perhitungan capaian.",
        (
            number("Batas Capaian", "cap", note="kosong = tanpa batas"),
            number("Nilai di Atas Batas", "cap_to", note="kosong = batas itu"),
            choice_of("Batas Berlaku Pada", "cap_applies", CAP_SCOPES),
            choice_of("Rumus Makin Rendah Makin Baik", "lower_is_better", LOWER_IS_BETTER),
            choice_of("Cara Menilai Predikat", "grade_method", GRADE_METHODS),
            choice_of("Cara Membaca Dua Target", "dual_target", DUAL_TARGETS),
            Column(
                "Nama Skala Penilaian",
                ("rating_scale", "name"),
                Kind.TEXT,
                note="wajib bila sheet 'Skala Penilaian' diisi",
            ),
            Column("Tabel Skala Penilaian", ("rating_scale", "table"), Kind.TEXT),
        ),
        at=("settings",),
    ),
    Sheet(
        "Skala Penilaian",
        Shape.LIST,
        "Kategori capaian; batas kosong = tidak terbatas.",
        (
            text("Kategori", "label", required=True),
            number("Batas Bawah", "lower"),
            yes_no("Batas Bawah Termasuk", "lower_inclusive"),
            number("Batas Atas", "upper"),
            yes_no("Batas Atas Termasuk", "upper_inclusive"),
            text("Warna", "color", note="#RRGGBB"),
            text("Tercetak", "printed"),
        ),
        at=("settings", "rating_scale", "bands"),
    ),
    Sheet(
        "Skala Predikat",
        Shape.LIST,
        "Skala predikat tambahan atau pengganti skala bawaan.",
        (
            code("Kode", "code", required=True),
            text("Nama", "label", required=True),
            Column(
                "Predikat",
                ("grades",),
                Kind.TEXTS,
                True,
                note="terbaik lebih dulu, dipisah koma: AA, A, BB, B",
            ),
        ),
        at=("settings", "grade_scales"),
    ),
    Sheet(
        "Renstra",
        Shape.FORM,
        "Rencana Strategis.",
        (
            integer("Tahun Mulai", "start", required=True),
            integer("Tahun Selesai", "end", required=True),
            text("Judul", "title"),
            text("Surat Keputusan", "decree"),
            date_of("Tanggal Penetapan", "established_on"),
            text("Visi", "vision", required=True),
        ),
        at=("strategic_plan",),
        required=True,
    ),
    Sheet(
        "Misi",
        Shape.LIST,
        "Misi Renstra.",
        (code("Kode", "code", required=True), text("Teks", "text", required=True, width=80)),
        at=("strategic_plan", "missions"),
    ),
    Sheet(
        "Tujuan",
        Shape.LIST,
        "Tujuan Renstra.",
        (code("Kode", "code", required=True), text("Teks", "text", required=True, width=80)),
        at=("strategic_plan", "goals"),
        key=("Kode",),
    ),
    Sheet(
        "Indikator Tujuan",
        Shape.LIST,
        "Indikator kinerja tujuan.",
        (
            parent_key("Kode Tujuan", ref="Tujuan"),
            code("Kode", "code", required=True),
            text("Nama", "name", required=True, width=80),
        ),
        parent="Tujuan",
        field="indicators",
        parent_keys=("Kode Tujuan",),
        key=("Kode",),
    ),
    Sheet(
        "Target Tujuan",
        Shape.MAP,
        "Target Renstra indikator tujuan per tahun.",
        (
            parent_key("Kode Indikator Tujuan", ref="Indikator Tujuan"),
            Column("Tahun", None, Kind.INT, True),
            *value_pair("Target", (), required=True),
        ),
        parent="Indikator Tujuan",
        field="targets",
        parent_keys=("Kode Indikator Tujuan",),
        map_key="Tahun",
    ),
    Sheet(
        "Sasaran",
        Shape.LIST,
        "Sasaran strategis.",
        (
            code("Kode", "code", required=True),
            text("Nama", "name", required=True, width=80),
            code("Kode Tujuan", "goal", ref="Tujuan"),
            number("Bobot", "weight"),
        ),
        at=("strategic_plan", "objectives"),
        key=("Kode",),
    ),
    Sheet(
        "Indikator",
        Shape.LIST,
        "Indikator kinerja tiap sasaran dan cara mengukurnya.",
        (
            parent_key("Kode Sasaran", ref="Sasaran"),
            code("Kode", "code", required=True),
            text("Nama", "name", required=True, width=80),
            Column("Unit Kerja", ("work_unit",), Kind.CODE, ref="Unit Kerja"),
            yes_no("IKU", "is_key"),
            choice_of("Polaritas", "polarity", POLARITIES),
            choice_of("Penggabungan Triwulan", "combine", COMBINES),
            Column(
                "Skala Predikat",
                ("grade_scale",),
                Kind.CODE,
                options=BUILTIN_SCALES,
                note="sakip, bpk_opinion, lke, atau kode di sheet 'Skala Predikat'",
            ),
            yes_no("Boleh Melebihi 100%", "can_exceed_100"),
            number("Bobot", "weight"),
            text("Satuan", "unit", note="mis. '%', 'orang'; angka tanpa satuan dibaca di sini"),
            choice_of("Batas Berlaku Pada", "cap_applies", CAP_SCOPES),
            code("Melayani Indikator Induk", "serves"),
            integer(
                "Tidak Dipakai Mulai Tahun",
                "retired_from",
                note="kosong = masih dipakai; indikator yang sudah punya realisasi dipensiunkan",
            ),
        ),
        parent="Sasaran",
        field="indicators",
        parent_keys=("Kode Sasaran",),
        key=("Kode",),
    ),
    Sheet(
        "Target Renstra",
        Shape.MAP,
        "Target Renstra indikator kinerja per tahun.",
        (
            parent_key("Kode Indikator", ref="Indikator"),
            Column("Tahun", None, Kind.INT, True),
            *value_pair("Target", (), required=True),
        ),
        parent="Indikator",
        field="renstra_targets",
        parent_keys=("Kode Indikator",),
        map_key="Tahun",
    ),
    Sheet(
        "Target Rujukan",
        Shape.LIST,
        "Target lain pembanding realisasi: target nasional, standar pelayanan minimal.",
        (
            parent_key("Kode Indikator", ref="Indikator"),
            text("Label", "label", required=True),
            integer("Tahun", "year", note="kosong = setiap tahun"),
            *value_pair("Target", ("target",), required=True),
        ),
        parent="Indikator",
        field="reference_targets",
        parent_keys=("Kode Indikator",),
    ),
    Sheet(
        "Program",
        Shape.LIST,
        "Program pembawa anggaran.",
        (code("Kode", "code", required=True), text("Nama", "name", required=True, width=80)),
        at=("strategic_plan", "programs"),
        key=("Kode",),
    ),
    Sheet(
        "Kegiatan",
        Shape.LIST,
        "Kegiatan tiap program.",
        (
            parent_key("Kode Program", ref="Program"),
            code("Kode", "code", required=True),
            text("Nama", "name", required=True, width=80),
        ),
        parent="Program",
        field="activities",
        parent_keys=("Kode Program",),
        key=("Kode",),
    ),
    Sheet(
        "Sasaran Program",
        Shape.LIST,
        "Sasaran yang didukung anggaran program (baris anggaran pada program), dengan porsinya.",
        (
            parent_key("Kode Program", ref="Program"),
            code("Kode Sasaran", "objective", required=True, ref="Sasaran"),
            number("Porsi (%)", "share", note=SHARE_NOTE),
        ),
        parent="Program",
        field="objectives",
        parent_keys=("Kode Program",),
    ),
    Sheet(
        "Sasaran Kegiatan",
        Shape.LIST,
        "Sasaran yang didukung anggaran kegiatan, dengan porsinya.",
        (
            parent_key("Kode Kegiatan", ref="Kegiatan"),
            code("Kode Sasaran", "objective", required=True, ref="Sasaran"),
            number("Porsi (%)", "share", note=SHARE_NOTE),
        ),
        parent="Kegiatan",
        field="objectives",
        parent_keys=("Kode Kegiatan",),
    ),
)

SHEETS: tuple[Sheet, ...] = (*PLAN_SHEETS, *YEAR_SHEETS)

SHEETS_BY_NAME = {sheet.name: sheet for sheet in SHEETS}


def children_of(name: str) -> tuple[Sheet, ...]:
    return tuple(sheet for sheet in SHEETS if sheet.parent == name)


# --- the workbook of realisations of many offices -----------------------------------------------

REALIZATION_SHEET = "Realisasi"
REALIZATION_COLUMNS: tuple[Column, ...] = (
    Column("Kode Instansi", ("agency",), Kind.CODE, True),
    integer("Tahun", "year", required=True),
    Column("Kode Indikator", ("indicator",), Kind.CODE, True),
    Column("Triwulan", ("quarter",), Kind.INT, True, options=("1", "2", "3", "4")),
    *value_pair("Nilai", ("value",), required=True),
    Column("Catatan", ("note",), Kind.TEXT, width=40),
)
