"""The course's datasets: ``load(name)`` verifies a CSV's checksum, then reads it with
:func:`utils.data.csv_reader.load_csv`, the same validation a learner's own file goes through.
Introduced in notebook 00; used from notebook 07 on.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from utils import checks
from utils.data.catalog import CHECKSUM_FILE, DATA_DIR, get
from utils.data.csv_reader import load_csv

__all__ = ["load", "sha256"]


def load(name: str, data_dir: str | Path | None = None) -> pd.Series:
    """One of the course's datasets as a Series with a DatetimeIndex and a frequency.

    Parameters
    ----------
    name : str
        ``"gdp"``, ``"sunspots"``, ``"co2"``, ``"elec_equip"`` or ``"nile"`` (see ``data/README.md``).
    data_dir : path, optional
        Folder holding the CSVs and ``SHA256SUMS``; the project's ``data/`` by default.

    Returns
    -------
    pd.Series
        Values in the units given in ``data/README.md``; missing weeks of ``co2`` stay NaN.
    """
    entry = get(name)
    folder = DATA_DIR if data_dir is None else checks.path(data_dir, "data_dir")
    path = folder / entry.file
    _verify_checksum(path, folder / CHECKSUM_FILE)
    return load_csv(
        path, date_column="date", value_column=entry.column, freq=entry.freq,
        allow_missing=entry.allow_missing,
    )


def sha256(path: str | Path) -> str:
    """The sha256 hex digest of a file's bytes."""
    path = checks.path(path, "path")
    if not path.is_file():
        raise ValueError(f"path must be an existing file, got {path} (no file there)")
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _verify_checksum(path: Path, checksum_file: Path) -> None:
    """Raise ``ValueError`` naming the file unless its sha256 is the one recorded for it."""
    if not path.is_file():
        raise ValueError(f"data file {path} is missing; rebuild it with `make data`")
    if not checksum_file.is_file():
        raise ValueError(f"checksum file {checksum_file} is missing; rebuild it with `make data`")
    lines = checksum_file.read_text().splitlines()
    recorded = {name.lstrip("*"): digest for digest, name in (ln.split() for ln in lines if ln.strip())}
    if path.name not in recorded:
        raise ValueError(f"{checksum_file} records no checksum for {path.name}")
    actual = sha256(path)
    if actual != recorded[path.name]:
        raise ValueError(
            f"{path} was changed or truncated: its sha256 is {actual[:12]}..., but "
            f"{checksum_file.name} records {recorded[path.name][:12]}...; restore it with "
            f"`git checkout -- data/{path.name}` or rebuild it with `make data`"
        )
