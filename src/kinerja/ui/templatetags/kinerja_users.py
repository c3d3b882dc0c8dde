"""Template filter for the header: whether to show the link to user management."""

from __future__ import annotations

from typing import Any

from django import template

from kinerja.accounts.choices import Role
from kinerja.accounts.rules import memberships

register = template.Library()


@register.filter
def manages_users(user: Any) -> bool:
    """Whether the user is an administrator of some office (from the cached memberships)."""
    return any(role == Role.ADMIN for _, _, role in memberships(user))


@register.filter
def makes_batches(user: Any) -> bool:
    """Whether the user holds a role that may ask for documents in bulk (not operators, viewers).

    The page itself decides per office; this only keeps the menu link from those who never can.
    """
    allowed = {Role.ADMIN, Role.PLANNER, Role.LEADER, Role.AUDITOR}
    return any(role in allowed for _, _, role in memberships(user))
