"""The cap on achievements, and where it applies (`docs/calculation.md`, "The cap").

An achievement above `settings.cap` becomes `cap_to` (by default the cap itself). Where this
happens is `settings.cap_applies`, which an indicator may override: the figure shown for the
indicator (`indicator`), the value the indicator brings into its objective's roll-up (`rollup`,
the default), both, or neither (`none`). With `cap_to` unset or at most the cap, capping never
raises a value; `cap_to` above the cap (110 -> 120) is the one deliberate exception.
"""

from __future__ import annotations

from decimal import Decimal

from kinerja.core.settings import AchievementSettings, CapScope


def capped(value: Decimal, settings: AchievementSettings) -> Decimal:
    """The cap rule: above `settings.cap` a value becomes `cap_to` (or the cap)."""
    if settings.cap is not None and value > settings.cap:
        return settings.cap_to if settings.cap_to is not None else settings.cap
    return value


def scope(settings: AchievementSettings, override: CapScope | None = None) -> CapScope:
    """Where the cap applies for one indicator: its own override, else the office's setting."""
    return override if override is not None else settings.cap_applies


def shown_value(
    value: Decimal | None, settings: AchievementSettings, override: CapScope | None = None
) -> Decimal | None:
    """The indicator's own figure as shown: capped when the cap applies to the indicator."""
    if value is None or not scope(settings, override).caps_indicator:
        return value
    return capped(value, settings)


def rollup_value(
    value: Decimal, settings: AchievementSettings, override: CapScope | None = None
) -> Decimal:
    """The value an achievement brings into a roll-up: capped when the cap applies there."""
    if settings.cap is None or not scope(settings, override).caps_rollup:
        return value
    return capped(value, settings)
