"""Template tag for the header: how many notifications the user has not read."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.simple_tag
def unread_count(user: Any) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return int(user.notifications.filter(read_at__isnull=True).count())
