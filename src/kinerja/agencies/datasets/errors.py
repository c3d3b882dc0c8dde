"""Why an office cannot be stored or fetched; messages in Indonesian, for the user."""

from __future__ import annotations


class AgencyNotFound(LookupError):
    """No office has the code."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(f"instansi dengan kode '{code}' tidak ditemukan")


class AgencyNotDescribed(LookupError):
    """The office is only a node of the tree (a parent named by others), with no dataset."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(
            f"instansi '{code}' hanya tercatat sebagai induk instansi lain dan belum punya "
            "dataset sendiri"
        )


class AgencyTreeConflict(ValueError):
    """The parents a dataset names contradict the tree already stored."""
