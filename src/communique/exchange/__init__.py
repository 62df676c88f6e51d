"""Exports of the store (tables, GDELT 2.0, PLOVER, networks) and imports of event data
coded elsewhere (GDELT 2.0, ICEWS, POLECAT)."""

from communique.exchange.exports import (
    ExportReport,
    export_gdelt,
    export_network,
    export_plover,
    export_tables,
)
from communique.exchange.imports import (
    ImportFormatError,
    ImportReport,
    import_gdelt,
    import_icews,
    import_polecat,
)

__all__ = [
    "ExportReport",
    "ImportFormatError",
    "ImportReport",
    "export_gdelt",
    "export_network",
    "export_plover",
    "export_tables",
    "import_gdelt",
    "import_icews",
    "import_polecat",
]
