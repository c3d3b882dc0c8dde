"""Pages of a list: `page` (from 1) and `page_size` (50 by default, 200 at most)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.db.models import QuerySet

from kinerja.api.schemas import PageQuery

M = TypeVar("M")


def paginate(
    queryset: QuerySet[Any],
    query: PageQuery,
    convert: Callable[[Iterable[M]], list[Any]],
) -> dict[str, Any]:
    """One page of an ordered queryset; `convert` turns its rows into answers in one go."""
    start = (query.page - 1) * query.page_size
    rows = list(queryset[start : start + query.page_size])
    # When the whole list is on the first page, its length is the count: no second query.
    whole = query.page == 1 and len(rows) < query.page_size
    count = len(rows) if whole else queryset.count()
    return {
        "items": convert(rows),
        "count": count,
        "page": query.page,
        "page_size": query.page_size,
    }
