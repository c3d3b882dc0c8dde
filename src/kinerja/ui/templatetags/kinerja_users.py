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
