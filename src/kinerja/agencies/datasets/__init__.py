"""Storing datasets: a whole office's dataset into the database and back, unchanged.

`import_dataset` writes (or replaces) an office, `export_dataset` rebuilds the dataset it came
from, `find_agency` fetches an office by its code.
"""

from kinerja.agencies.datasets.errors import (
    AgencyNotDescribed,
    AgencyNotFound,
    AgencyTreeConflict,
)
from kinerja.agencies.datasets.exporting import export_dataset
from kinerja.agencies.datasets.importing import import_dataset
from kinerja.agencies.datasets.tree import find_agency

__all__ = [
    "AgencyNotDescribed",
    "AgencyNotFound",
    "AgencyTreeConflict",
    "export_dataset",
    "find_agency",
    "import_dataset",
]
