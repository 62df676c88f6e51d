"""Reading the project's data files: TSV tables with ``#`` comment lines and a header."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from pathlib import Path


class DataFileError(ValueError):
    """A data file does not follow its format; the message names file and line."""


def package_data(package: str, name: str) -> Path:
    """Path of a data file shipped inside ``package`` (e.g. ``communique.actors``)."""
    return Path(str(resources.files(package).joinpath("data", name)))


def read_tsv(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a TSV data file as dicts keyed by the header; comments and blank lines skipped."""
    header: list[str] | None = None
    with path.open(encoding="utf-8") as handle:
        for lineno, line in enumerate(handle, start=1):
            line = line.rstrip("\r\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = [c.strip() for c in cells]
                continue
            if len(cells) > len(header):
                raise DataFileError(
                    f"{path}:{lineno}: {len(cells)} cells, header has {len(header)}"
                )
            cells += [""] * (len(header) - len(cells))
            yield {k: v.strip() for k, v in zip(header, cells, strict=True)}


def split_multi(cell: str) -> list[str]:
    """Values of a ``|``-separated cell, blanks dropped."""
    return [v.strip() for v in cell.split("|") if v.strip()]
