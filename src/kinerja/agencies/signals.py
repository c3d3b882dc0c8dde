"""Signals about an office's stored data, for what is derived from it.

`office_changed` is sent, with the office's id as `agency_id`, by every write that can change
an office's computed results: the workflow and plan actions and both imports. The
consolidation app listens and refreshes the office's stored results once the transaction
commits. The senders do not know who listens, so the storage apps stay below the consolidation.
"""

from __future__ import annotations

from django.dispatch import Signal

office_changed = Signal()


def changed(agency_id: int) -> None:
    """Announce that an office's plan or values changed (inside the writing transaction)."""
    office_changed.send(sender=Signal, agency_id=agency_id)
