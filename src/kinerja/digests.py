"""Digests of what a page or client was shown, for refusing a save made from a stale view.

A save sends back the digest of what it read; the action recomputes it under the row locks and
refuses when they differ. Digests are compared, never stored across releases.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any


def digest(text: str) -> str:
    """32 hexadecimal characters of the SHA-256 of `text`."""
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def digest_of(value: Any) -> str:
    """`digest` of `value` as canonical JSON (keys sorted, other values as their text)."""
    return digest(json.dumps(value, sort_keys=True, ensure_ascii=False, default=str))
