"""The shape of the synthetic KPU tree: KPU RI, 38 provinces, 514 regencies and cities.

The provinces are Indonesia's 38, each with its real number of regencies and cities (514 in
all); the first of each is its capital. The other names are made up from common parts of
Indonesian place names, so they read like real ones without naming a real office's results.
KPU Kota Metro, the example's office, keeps its own name and code under Lampung.

`--offices N` keeps the shape at any size: the root, then provinces in proportion, then their
regencies and cities, shared out by each province's real count.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

ROOT_CODE = "kpu-ri"
ROOT_NAME = "Komisi Pemilihan Umum Republik Indonesia"
FULL_SIZE = 553

# (province, its capital; "Kabupaten X" when the capital is a regency seat, number of regencies
# and cities), in the order of the official province codes.
PROVINCES: tuple[tuple[str, str, int], ...] = (
    ("Aceh", "Kota Banda Aceh", 23),
    ("Sumatera Utara", "Kota Medan", 33),
    ("Sumatera Barat", "Kota Padang", 19),
    ("Riau", "Kota Pekanbaru", 12),
    ("Jambi", "Kota Jambi", 11),
    ("Sumatera Selatan", "Kota Palembang", 17),
    ("Bengkulu", "Kota Bengkulu", 10),
    ("Lampung", "Kota Bandar Lampung", 15),
    ("Kepulauan Bangka Belitung", "Kota Pangkalpinang", 7),
    ("Kepulauan Riau", "Kota Tanjungpinang", 7),
    ("DKI Jakarta", "Kota Jakarta Pusat", 6),
    ("Jawa Barat", "Kota Bandung", 27),
    ("Jawa Tengah", "Kota Semarang", 35),
    ("DI Yogyakarta", "Kota Yogyakarta", 5),
    ("Jawa Timur", "Kota Surabaya", 38),
    ("Banten", "Kota Serang", 8),
    ("Bali", "Kota Denpasar", 9),
    ("Nusa Tenggara Barat", "Kota Mataram", 10),
    ("Nusa Tenggara Timur", "Kota Kupang", 22),
    ("Kalimantan Barat", "Kota Pontianak", 14),
    ("Kalimantan Tengah", "Kota Palangka Raya", 14),
    ("Kalimantan Selatan", "Kota Banjarmasin", 13),
    ("Kalimantan Timur", "Kota Samarinda", 10),
    ("Kalimantan Utara", "Kabupaten Bulungan", 5),
    ("Sulawesi Utara", "Kota Manado", 15),
    ("Sulawesi Tengah", "Kota Palu", 13),
    ("Sulawesi Selatan", "Kota Makassar", 24),
    ("Sulawesi Tenggara", "Kota Kendari", 17),
    ("Gorontalo", "Kota Gorontalo", 6),
    ("Sulawesi Barat", "Kabupaten Mamuju", 6),
    ("Maluku", "Kota Ambon", 11),
    ("Maluku Utara", "Kota Ternate", 10),
    ("Papua", "Kota Jayapura", 9),
    ("Papua Barat", "Kabupaten Manokwari", 7),
    ("Papua Selatan", "Kabupaten Merauke", 4),
    ("Papua Tengah", "Kabupaten Nabire", 8),
    ("Papua Pegunungan", "Kabupaten Jayawijaya", 8),
    ("Papua Barat Daya", "Kota Sorong", 6),
)
EXAMPLE_PROVINCE = "Lampung"
EXAMPLE_OFFICE = "Kota Metro"

_FIRST = (
    "Suka", "Tanjung", "Muara", "Batu", "Pematang", "Sungai", "Bukit", "Padang", "Lubuk",
    "Teluk", "Gunung", "Rantau", "Talang", "Tebing", "Pagar", "Labuhan", "Sidi", "Karang",
    "Simpang", "Kuala", "Pasir", "Air", "Tanah", "Ujung", "Mandi", "Sei", "Lembah", "Banyu",
)  # fmt: skip
_SECOND = (
    "jaya", "makmur", "raya", "sari", "baru", "indah", "rejo", "mulya", "harjo", "agung",
    "mas", "permai", "asri", "lestari", "tinggi", "panjang", "merah", "putih", "hijau", "kencana",
    "sejahtera", "abadi", "wangi", "rapat", "datar", "bening",
)  # fmt: skip
_QUARTER = ("", "", "", " Barat", " Timur", " Selatan", " Utara", " Tengah", " Ilir", " Ulu")
_CITY_SHARE = 0.19  # 98 of the 514 are cities


@dataclass(frozen=True)
class OfficeSpec:
    """One office of the synthetic tree."""

    code: str
    name: str  # "KPU Kabupaten Sukajaya"
    full_name: str
    level: str  # national, province, regency_city
    parent: str | None
    place: str  # "Kabupaten Sukajaya", "Provinsi Aceh"
    city: str  # the seat, for addresses and signing places


def slug(text: str) -> str:
    """The code form of a name: lower case, words joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _shares(total: int, weights: list[int]) -> list[int]:
    """`total` shared out in proportion to `weights` (largest remainder), each at least 0."""
    whole = sum(weights)
    raw = [total * w / whole for w in weights]
    counts = [int(x) for x in raw]
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - counts[i]), i))
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _places(
    count: int, capital: str, province: str, names: random.Random, used: set[str]
) -> list[str]:
    """`count` place names for a province: the capital first, then made-up ones, unique."""
    places: list[str] = []
    if province == EXAMPLE_PROVINCE and count >= 2:
        places.append(EXAMPLE_OFFICE)
        used.add(EXAMPLE_OFFICE)
    if count > len(places) and capital not in used:
        places.insert(0, capital)
        used.add(capital)
    while len(places) < count:
        kind = "Kota" if names.random() < _CITY_SHARE else "Kabupaten"
        base = names.choice(_FIRST) + names.choice(_SECOND)
        place = f"{kind} {base}{names.choice(_QUARTER)}"
        if place in used or f"Kabupaten {base}" in used or f"Kota {base}" in used:
            continue
        used.add(place)
        places.append(place)
    return places


def shape(offices: int = FULL_SIZE) -> list[OfficeSpec]:
    """The tree of `offices` offices, root first, each province before its regencies.

    Names and codes do not depend on the seed: the same size always gives the same offices,
    and a smaller tree holds the first provinces' capitals and the example's office.
    """
    if not 1 <= offices <= FULL_SIZE:
        raise ValueError(f"jumlah instansi harus 1 sampai {FULL_SIZE}, bukan {offices}")
    root = OfficeSpec(
        ROOT_CODE, "KPU RI", ROOT_NAME, "national", None, "Republik Indonesia", "Jakarta Pusat"
    )
    tree = [root]
    if offices == 1:
        return tree
    full_regencies = sum(count for _, _, count in PROVINCES)
    provinces = max(1, min(len(PROVINCES), round((offices - 1) * len(PROVINCES) / (FULL_SIZE - 1))))
    regencies = min(offices - 1 - provinces, full_regencies)
    chosen = _chosen_provinces(provinces)
    counts = _shares(regencies, [PROVINCES[i][2] for i in chosen])
    names = random.Random("kinerja-synth-names")
    used: set[str] = set()
    for index, count in zip(chosen, counts, strict=True):
        province, capital, _ = PROVINCES[index]
        code = f"kpu-provinsi-{slug(province)}"
        tree.append(
            OfficeSpec(
                code,
                f"KPU Provinsi {province}",
                f"Komisi Pemilihan Umum Provinsi {province}",
                "province",
                ROOT_CODE,
                f"Provinsi {province}",
                capital.split(" ", 1)[1],
            )
        )
        for place in _places(count, capital, province, names, used):
            tree.append(
                OfficeSpec(
                    f"kpu-{slug(place)}",
                    f"KPU {place}",
                    f"Komisi Pemilihan Umum {place}",
                    "regency_city",
                    code,
                    place,
                    place.split(" ", 1)[1],
                )
            )
    return tree


def _chosen_provinces(count: int) -> list[int]:
    """Which provinces a smaller tree keeps: spread over the list, Lampung always among them."""
    if count >= len(PROVINCES):
        return list(range(len(PROVINCES)))
    lampung = next(i for i, p in enumerate(PROVINCES) if p[0] == EXAMPLE_PROVINCE)
    step = len(PROVINCES) / count
    picked = sorted({int(i * step) for i in range(count)})
    if lampung not in picked:
        picked[min(range(len(picked)), key=lambda i: abs(picked[i] - lampung))] = lampung
    return sorted(set(picked))
