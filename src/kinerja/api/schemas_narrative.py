"""Request and answer shapes of the narrative endpoints (`routers/narrative.py`)."""

from __future__ import annotations

from ninja import Field, Schema

from kinerja.api.schemas import Code, OfficeYearQuery, Text, Version
from kinerja.results.narrative import TEXT_MAX_LENGTH, TITLE_MAX_LENGTH


class PlaceQuery(OfficeYearQuery):
    objective: Code | None = Field(None, description="Kode sasaran strategis (analisis sasaran)")
    work_unit: Code | None = Field(None, description="Kode unit kerja (analisis unit kerja)")


class VersionQuery(PlaceQuery):
    version: Version


class NarrativeIn(Schema):
    text: Text = Field(max_length=TEXT_MAX_LENGTH, description="Paragraf dipisah baris kosong")
    title: Text | None = Field(None, max_length=TITLE_MAX_LENGTH, description="Judul bagian")
    version: Version


class FigureOut(Schema):
    title: str
    header: list[str]
    rows: list[list[str]]


class NarrativeOut(Schema):
    key: str
    objective: str | None
    work_unit: str | None
    place: str = Field(description="Letak di LKj, mis. BAB I C. Tugas dan Fungsi")
    state: str = Field(description="written, drafted, required atau optional")
    required: bool = Field(description="LKj final ditolak bila bagian ini tidak ditulis")
    title: str | None
    text: str | None = Field(description="Teks yang ditulis perencana; kosong bila belum")
    draft_text: str = Field(description="Teks otomatis dari angka (tanpa tabel dan gambar)")
    kept_apart: list[str] = Field(description="Tabel dan gambar teks otomatis")
    version: int = Field(description="0 bila belum ditulis")
    figures: list[FigureOut] | None = Field(
        None, description="Angka yang dipakai teks otomatis (hanya pada satu bagian)"
    )


class NarrativeListOut(Schema):
    office: str
    year: int
    locked: bool
    items: list[NarrativeOut]
