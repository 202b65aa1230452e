"""The course's datasets: ``load(name)`` verifies a CSV's checksum, then reads it with
:func:`utils.data.csv_reader.load_csv`, the same validation a learner's own file goes through;
``load_frame(name)`` does the same for every column of a dataset of several (``macro``).
Introduced in notebook 00; used from notebook 07 on (``load_frame`` from notebook 13).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from utils import checks
from utils.data.catalog import CHECKSUM_FILE, DATA_DIR, get
from utils.data.csv_reader import load_csv

__all__ = ["load", "load_frame", "sha256"]


def load(name: str, data_dir: str | Path | None = None) -> pd.Series:
    """One of the course's datasets as a Series with a DatetimeIndex and a frequency.

    Parameters
    ----------
    name : str
        ``"gdp"``, ``"sunspots"``, ``"co2"``, ``"elec_equip"`` or ``"nile"`` (see ``data/README.md``;
        ``"macro"`` holds several columns: read it with :func:`load_frame`).
    data_dir : path, optional
        Folder holding the CSVs and ``SHA256SUMS``; the project's ``data/`` by default.

    Returns
    -------
    pd.Series
        Values in the units given in ``data/README.md``; missing weeks of ``co2`` stay NaN.
    """
    entry = get(name)
    if entry.columns:
        raise ValueError(f"name must be a dataset of one column for load, got {name!r}, which "
                         f"holds {len(entry.value_columns)} ({', '.join(entry.value_columns)}); "
                         f"load it with load_frame({name!r})")
    return _read(_verified(entry, data_dir), entry, entry.column)


def load_frame(name: str, data_dir: str | Path | None = None) -> pd.DataFrame:
    """Every column of one of the course's datasets, as a DataFrame with a DatetimeIndex.

    The checksum is verified as by :func:`load`, then each value column is read and validated
    by :func:`~utils.data.csv_reader.load_csv` (dates on the frequency, numbers, no gaps).

    Parameters
    ----------
    name : str
        ``"macro"`` (several columns) or any other dataset (one column), see ``data/README.md``.
    data_dir : path, optional
        Folder holding the CSVs and ``SHA256SUMS``; the project's ``data/`` by default.

    Returns
    -------
    pd.DataFrame
        (T, F): one column per value column of the file, in file order, units as in
        ``data/README.md``; the index named ``date``, with a frequency.
    """
    entry = get(name)
    path = _verified(entry, data_dir)
    return pd.concat([_read(path, entry, column) for column in entry.value_columns], axis=1)


def _verified(entry, data_dir) -> Path:
    """The path of ``entry``'s file, whose checksum is the recorded one."""
    folder = DATA_DIR if data_dir is None else checks.path(data_dir, "data_dir")
    _verify_checksum(folder / entry.file, folder / CHECKSUM_FILE)
    return folder / entry.file


def _read(path: Path, entry, column: str) -> pd.Series:
    """One value column of ``entry``'s file, validated by load_csv."""
    return load_csv(path, date_column="date", value_column=column, freq=entry.freq,
                    allow_missing=entry.allow_missing)


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
