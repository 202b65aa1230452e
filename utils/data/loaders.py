"""Load a time series from CSV with every check made out loud: nothing dropped, nothing filled.

``load(name)`` reads one of the course's datasets (and verifies its checksum first);
``load_csv(path, ...)`` reads a learner's own file through exactly the same validation.
Introduced in notebook 00; used from notebook 07 on.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd

from utils.data.catalog import CHECKSUM_FILE, DATA_DIR, get


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
    folder = Path(DATA_DIR if data_dir is None else data_dir)
    path = folder / entry.file
    verify_checksum(path, folder / CHECKSUM_FILE)
    return load_csv(
        path, date_column="date", value_column=entry.column, freq=entry.freq,
        allow_missing=entry.allow_missing,
    )


def sha256(path: str | Path) -> str:
    """The sha256 hex digest of a file's bytes."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def verify_checksum(path: Path, checksum_file: Path) -> None:
    """Raise ``ValueError`` naming the file unless its sha256 is the one recorded for it."""
    if not path.is_file():
        raise ValueError(f"data file {path} is missing; rebuild it with `make data`")
    recorded = read_checksums(checksum_file)
    if path.name not in recorded:
        raise ValueError(f"{checksum_file} records no checksum for {path.name}")
    actual = sha256(path)
    if actual != recorded[path.name]:
        raise ValueError(
            f"{path} was changed or truncated: its sha256 is {actual[:12]}..., but "
            f"{checksum_file.name} records {recorded[path.name][:12]}...; restore it with "
            f"`git checkout -- data/{path.name}` or rebuild it with `make data`"
        )


def read_checksums(checksum_file: str | Path) -> dict[str, str]:
    """``{file name: sha256}`` from a file in ``sha256sum`` format."""
    checksum_file = Path(checksum_file)
    if not checksum_file.is_file():
        raise ValueError(f"checksum file {checksum_file} is missing; rebuild it with `make data`")
    pairs = (line.split() for line in checksum_file.read_text().splitlines() if line.strip())
    return {name.lstrip("*"): digest for digest, name in pairs}


def load_csv(
    path: str | Path,
    date_column: str = "date",
    value_column: str = "value",
    *,
    freq: str | None = None,
    date_format: str = "ISO8601",
    allow_missing: bool = False,
    missing_values: tuple[str, ...] = ("",),
) -> pd.Series:
    """Read one series from a CSV file, validating every row.

    Parameters
    ----------
    path : path
        The CSV file (first line: column names).
    date_column, value_column : str
        The columns holding the dates and the numbers (e.g. ``"DATE"`` and ``"GDP"``).
    freq : str, optional
        The expected pandas frequency (``"QS-JAN"``, ``"MS"``, ...). If omitted it is inferred;
        either way every date must sit on it, with no gaps.
    date_format : str
        Passed to ``pd.to_datetime``; ISO dates (``1959-01-01``) by default.
    allow_missing : bool
        Keep cells listed in ``missing_values`` as NaN (otherwise they are an error).
    missing_values : tuple of str
        Cell texts that mean "no value" (FRED downloads write ``"."``).

    Returns
    -------
    pd.Series
        Named ``value_column``, with a DatetimeIndex named ``date_column`` that has a ``freq``.

    Raises
    ------
    ValueError
        Missing file or column, an unparseable date, a non-numeric or missing value, duplicated
        or unsorted dates, or dates off the frequency; the message gives the line and the date.
    """
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"load_csv: no file at {path}")
    table = pd.read_csv(path, dtype=str, keep_default_na=False, skip_blank_lines=False)
    for arg, column in (("date_column", date_column), ("value_column", value_column)):
        if column not in table.columns:
            raise ValueError(
                f"{path.name}: {arg}={column!r} is not a column; the columns are "
                f"{list(table.columns)}"
            )
    if table.empty:
        raise ValueError(f"{path.name}: the file has a header but no rows")
    dates = _parse_dates(table[date_column], path.name, date_column, date_format)
    values = _parse_values(table[value_column], dates, path.name, value_column,
                           allow_missing, missing_values)
    index = _checked_index(dates, path.name, freq)
    return pd.Series(values, index=index.rename(date_column), name=value_column)


def _line(i: int) -> int:
    """File line of table row ``i`` (line 1 is the header)."""
    return int(i) + 2


def _parse_dates(raw: pd.Series, file: str, column: str, date_format: str) -> pd.DatetimeIndex:
    dates = pd.to_datetime(raw.str.strip(), format=date_format, errors="coerce")
    bad = np.flatnonzero(dates.isna().to_numpy())
    if bad.size:
        i = bad[0]
        raise ValueError(
            f"{file} line {_line(i)}: {raw.iloc[i]!r} in column {column!r} is not a date "
            f"(format {date_format}); {bad.size} such row(s) in all"
        )
    return pd.DatetimeIndex(dates)


def _parse_values(raw, dates, file, column, allow_missing, missing_values) -> np.ndarray:
    text = raw.str.strip()
    missing = text.isin(missing_values).to_numpy()
    numbers = pd.to_numeric(text.where(~missing, None), errors="coerce").to_numpy(dtype=float)
    bad = np.flatnonzero(np.isnan(numbers) & ~missing)
    if bad.size:
        i = bad[0]
        raise ValueError(
            f"{file} line {_line(i)} ({dates[i].date()}): {raw.iloc[i]!r} in column {column!r} "
            f"is not a number; {bad.size} such row(s) in all"
        )
    if missing.any() and not allow_missing:
        i = np.flatnonzero(missing)[0]
        raise ValueError(
            f"{file} line {_line(i)} ({dates[i].date()}): the value in column {column!r} is "
            f"missing ({int(missing.sum())} missing in all); pass allow_missing=True to keep "
            f"missing values as NaN"
        )
    return numbers


def _checked_index(dates: pd.DatetimeIndex, file: str, freq: str | None) -> pd.DatetimeIndex:
    steps = dates[1:] - dates[:-1]
    if (steps == pd.Timedelta(0)).any():
        i = int(np.flatnonzero(steps == pd.Timedelta(0))[0]) + 1
        raise ValueError(f"{file} line {_line(i)}: date {dates[i].date()} is duplicated "
                         f"(also on line {_line(i - 1)})")
    if (steps < pd.Timedelta(0)).any():
        i = int(np.flatnonzero(steps < pd.Timedelta(0))[0]) + 1
        raise ValueError(f"{file} line {_line(i)}: date {dates[i].date()} comes after "
                         f"{dates[i - 1].date()} on line {_line(i - 1)}; dates must be sorted")
    if freq is None:
        freq = infer_freq(dates)
        if freq is None:
            raise ValueError(f"{file}: the dates are not evenly spaced and no frequency fits "
                             f"them; pass freq=... (for example 'QS-JAN', 'MS', 'D')")
    expected = pd.date_range(dates[0], periods=len(dates), freq=freq)
    off = np.flatnonzero(expected != dates)
    if off.size:
        i = off[0]
        raise ValueError(f"{file} line {_line(i)}: date {dates[i].date()} is off the frequency "
                         f"{freq!r} (expected {expected[i].date()}); is a row missing?")
    return expected


def infer_freq(dates: pd.DatetimeIndex) -> str | None:
    """The pandas frequency string of regular ``dates``, or None (quietly on pandas 2 and 3)."""
    if len(dates) < 3:
        return None
    try:
        with pd.option_context("future.infer_freq_returns_offset", True):
            offset = pd.infer_freq(dates)
    except (KeyError, pd.errors.OptionError):  # pandas without that option: returns a string
        return pd.infer_freq(dates)
    return None if offset is None else getattr(offset, "freqstr", offset)
