"""Storing datasets: a whole office's dataset into the database and back, unchanged.

`import_dataset` writes (or replaces) an office, `export_dataset` rebuilds the dataset it came
from, `find_agency` fetches an office by its code, `parent_indicator_names` names the parent
office's indicators an office's serve.
"""

from kinerja.agencies.datasets.errors import (
    AgencyNotDescribed,
    AgencyNotFound,
    AgencyTreeConflict,
)
from kinerja.agencies.datasets.exporting import export_dataset, parent_indicator_names
from kinerja.agencies.datasets.importing import import_dataset
from kinerja.agencies.datasets.tree import find_agency

__all__ = [
    "AgencyNotDescribed",
    "AgencyNotFound",
    "AgencyTreeConflict",
    "export_dataset",
    "find_agency",
    "import_dataset",
    "parent_indicator_names",
]
