"""The organisation section of the LKj: the organisation chart drawn from the data, and the
placing of tables and figures right after the paragraph that introduces them.

The chart has the commissioners on top (the chair, then one box per division with the member
leading it), a dashed line of coordination to the secretary, and below the secretary the work
units along their reporting lines (`WorkUnit.reports_to`), each with its head. One chart per
commissioner period (the source's "Gambar 1" and "Gambar 2"), captioned with the period's
`figure`; with no period, one chart of the office as it stands. Nobody is named who is not
named in the data.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from kinerja.dataset import schema
from kinerja.documents.charts import Chart, organisation_chart
from kinerja.documents.tree import Block, ItemList, Paragraph, Table

FIGURE_PREFIX = re.compile(r"^\s*gambar\s+\d+\s*[.:]?\s*", re.IGNORECASE)


def _box(
    title: str, name: str | None, parent: tuple[int, int] | None, *, dashed: bool = False
) -> dict[str, Any]:
    return {
        "title": title,
        "name": name,
        "parent": None if parent is None else list(parent),
        "dashed": dashed,
    }


def _is_chair(seat: schema.CommissionerSeat) -> bool:
    return (seat.position or "").strip().casefold() == "ketua"


def chart_rows(
    dataset: schema.Dataset, period: schema.CommissionerPeriod | None
) -> list[dict[str, Any]]:
    """The rows of boxes of the organisation chart of `period` (None: the office as it stands,
    headed by the agency's head)."""
    org, agency = dataset.organization, dataset.agency
    members = list(period.members) if period else []
    divisions = {d.code: d.name for d in org.divisions}
    chair = next((m for m in members if _is_chair(m)), None)
    if chair is not None:
        top_name = chair.name
        title = "Ketua"
        if chair.division in divisions:
            title += f" (Ketua {divisions[chair.division]})"
    else:
        head = agency.head if period is None else None
        top_name = head.name if head else None
        title = (head.position if head and head.position else "Ketua") + f" {agency.name}"
    rows: list[dict[str, Any]] = [{"boxes": [_box(title, top_name, None)]}]

    second: list[dict[str, Any]] = []
    shown = [] if chair is None else [chair]
    for code, name in divisions.items():
        if chair is not None and chair.division == code:
            continue
        leader = next(
            (m for m in members if m.division == code and not any(m is x for x in shown)), None
        )
        if leader is not None:
            shown.append(leader)
        second.append(_box(name, leader.name if leader else None, (0, 0)))
    for member in members:  # members without a division, or a second one in a division
        if not any(member is seen for seen in shown):
            second.append(_box(member.position or "Anggota", member.name, (0, 0)))

    units = dataset.work_units
    secretariat = bool(units) or agency.secretary is not None
    if second:
        rows.append({"boxes": second, "centre_gap": secretariat})
    if not secretariat:
        return rows
    secretary = agency.secretary
    rows.append(
        {
            "boxes": [
                _box(
                    secretary.position if secretary and secretary.position else "Sekretaris",
                    secretary.name if secretary else None,
                    (0, 0),
                    dashed=True,
                )
            ]
        }
    )
    place: dict[str | None, tuple[int, int]] = {None: (len(rows) - 1, 0)}
    level = [
        u for u in units if u.reports_to is None or u.reports_to not in {x.code for x in units}
    ]
    placed = {u.code for u in level}
    while level:
        row_index = len(rows)
        boxes = []
        for i, unit in enumerate(level):
            above = unit.reports_to if unit.reports_to in place else None
            boxes.append(_box(unit.name, unit.head.name if unit.head else None, place[above]))
            place[unit.code] = (row_index, i)
        rows.append({"boxes": boxes})
        level = [u for u in units if u.code not in placed and u.reports_to in place]
        placed |= {u.code for u in level}
    return rows


def has_organisation(dataset: schema.Dataset) -> bool:
    org = dataset.organization
    return bool(org.divisions or org.commissioner_periods or dataset.work_units)


def organisation_charts(dataset: schema.Dataset) -> list[tuple[Chart, str]]:
    """Each organisation chart with its caption (without the "Gambar N." the numbering adds)."""
    if not has_organisation(dataset):
        return []
    agency = dataset.agency
    periods = dataset.organization.commissioner_periods
    if not periods:
        return [
            (organisation_chart("organisasi", chart_rows(dataset, None)), _default(agency, None))
        ]
    return [
        (
            organisation_chart(f"organisasi-{p.start}-{p.end}", chart_rows(dataset, p)),
            FIGURE_PREFIX.sub("", p.figure).strip() if p.figure else _default(agency, p),
        )
        for p in periods
    ]


def _default(agency: schema.Agency, period: schema.CommissionerPeriod | None) -> str:
    text = f"Struktur Organisasi {agency.name}"
    return text if period is None else f"{text} Periode {period.start}-{period.end}"


# --- placing what a paragraph introduces ------------------------------------------------------

INTRODUCES = re.compile(r":\s*$")


def _introduces(block: Block, word: str | None) -> bool:
    if not isinstance(block, Paragraph) or not INTRODUCES.search(block.text):
        return False
    return word is None or word in block.text.casefold()


def dangling_introductions(blocks: Sequence[Block], word: str | None = None) -> list[int]:
    """The indexes of paragraphs that end in a colon (and mention `word`) and are followed by
    no list or table: each is the last of a run of such paragraphs, where what they announce
    belongs."""
    found = []
    for index, block in enumerate(blocks):
        if not _introduces(block, word):
            continue
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if isinstance(following, ItemList | Table):
            continue
        if following is not None and _introduces(following, word):
            continue  # the next paragraph also announces: place after the last of the run
        found.append(index)
    return found


def place_after_introductions(
    blocks: Sequence[Block], placed: Sequence[Block], word: str | None = None
) -> list[Block]:
    """`blocks` with `placed` (tables, figures) put right after the paragraphs that announce
    them: one after each announcing run in order, all that remain after the last run; at the
    end when nothing announces them."""
    out = list(blocks)
    if not placed:
        return out
    spots = dangling_introductions(out, word)
    if not spots:
        return [*out, *placed]
    groups: list[list[Block]] = [[item] for item in placed[: len(spots) - 1]]
    groups.append(list(placed[len(groups) :]))
    for spot, group in reversed(list(zip(spots, groups, strict=False))):
        out[spot + 1 : spot + 1] = group
    return out


def opens_with_introduction(blocks: Sequence[Block]) -> bool:
    """Whether the text opens with a paragraph that announces something it does not hold
    (ends in a colon, and a paragraph follows, not a list or a table)."""
    return bool(blocks) and 0 in dangling_introductions(blocks[:2])


def listed_in(table: schema.SupportingTable, blocks: Sequence[Block]) -> bool:
    """Whether every row of an unnumbered supporting table is already an item of a list in
    `blocks` (the planner's text lists it): the table would print it twice."""
    if table.table or not table.rows:
        return False
    items = [
        _plain(item.text) for block in blocks if isinstance(block, ItemList) for item in block.items
    ]
    for row in table.rows:
        cells = [str(c) for c in row if isinstance(c, str) and len(c.strip()) > 3]
        if not cells:
            return False
        longest = _plain(max(cells, key=len))
        if not any(longest in item for item in items):
            return False
    return True


def _plain(text: str) -> str:
    return " ".join(text.casefold().split())
