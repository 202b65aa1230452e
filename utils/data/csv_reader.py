"""Read a time series from a CSV file with every check made out loud: nothing dropped, nothing
filled, every problem reported with its line and date.

``load_csv(path, ...)`` reads a learner's own file (e.g. a FRED download); ``utils.data.load``
reads the course's datasets through it. Introduced in notebook 00; used from notebook 07 on.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pandas as pd

from utils import checks
from utils.timeseries.time_index import infer_freq

__all__ = ["load_csv"]


def load_csv(
    path: str | Path,
    date_column: str = "date",
    value_column: str = "value",
    *,
    freq: str | None = None,
    date_format: str = "ISO8601",
    allow_missing: bool = False,
    missing_values: str | tuple[str, ...] = ("",),
) -> pd.Series:
    """Read one series from a CSV file, validating every row.

    Parameters
    ----------
    path : path
        The CSV file, UTF-8 text (first line: column names).
    date_column, value_column : str
        The columns holding the dates and the numbers (e.g. ``"DATE"`` and ``"GDP"``).
    freq : str, optional
        The expected pandas frequency (``"QS-JAN"``, ``"MS"``, ...). If omitted it is inferred;
        either way every date must sit on it, with no gaps.
    date_format : str
        Passed to ``pd.to_datetime``; ISO dates (``1959-01-01``) by default.
    allow_missing : bool
        Keep cells listed in ``missing_values`` as NaN (otherwise they are an error).
    missing_values : str or tuple of str
        Cell texts that mean "no value"; one string is one such text (FRED downloads write
        ``"."``, so ``missing_values="."`` works as well as ``(".",)``).

    Returns
    -------
    pd.Series
        Named ``value_column``, with a DatetimeIndex named ``date_column`` that has a ``freq``.

    Raises
    ------
    TypeError
        An argument of the wrong kind (``path=None``, ``allow_missing="no"``, ...).
    ValueError
        Missing file or column, a file that is not UTF-8, empty, or has a row with more or fewer
        fields than the header, an unparseable date, a non-numeric, infinite or missing value,
        duplicated or unsorted dates, or dates off the frequency; the message gives the line and
        the date.
    """
    path = checks.path(path, "path")
    date_column = checks.text(date_column, "date_column")
    value_column = checks.text(value_column, "value_column")
    freq = None if freq is None else _check_freq(freq)
    date_format = checks.text(date_format, "date_format")
    allow_missing = checks.boolean(allow_missing, "allow_missing")
    missing_values = _missing_values(missing_values)
    if not path.is_file():
        raise ValueError(f"path must be an existing file, got {path} (no file there)")
    header, rows = _read_rows(path)
    for arg, column in (("date_column", date_column), ("value_column", value_column)):
        if column not in header:
            raise ValueError(f"{path.name}: {arg}={column!r} is not a column; the columns are "
                             f"{header}")
    if not rows:
        raise ValueError(f"{path.name}: the file has a header but no rows")
    raw_dates, raw_values = (pd.Series([row[header.index(c)] for row in rows], dtype=str)
                             for c in (date_column, value_column))
    dates = _parse_dates(raw_dates, path.name, date_column, date_format)
    values = _parse_values(raw_values, dates, path.name, value_column, allow_missing,
                           missing_values)
    index = _checked_index(dates, path.name, freq)
    return pd.Series(values, index=index.rename(date_column), name=value_column)


def _check_freq(freq) -> str:
    checks.text(freq, "freq")
    try:
        pd.tseries.frequencies.to_offset(freq)
    except ValueError:
        raise ValueError(f"freq must be a pandas frequency such as 'QS-JAN', 'MS' or 'D', "
                         f"got {freq!r}") from None
    return freq


def _missing_values(missing_values) -> tuple[str, ...]:
    """One string is one missing-value text; a tuple, list or set of strings is several."""
    if isinstance(missing_values, str):
        return (missing_values,)
    if not isinstance(missing_values, tuple | list | set | frozenset) or not all(
            isinstance(v, str) for v in missing_values):
        raise TypeError(f"missing_values must be a str or a tuple of str such as ('', '.'), "
                        f"got {missing_values!r}")
    return tuple(missing_values)


def _read_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    """The header and the rows of a CSV file (a blank line is a row of empty cells)."""
    try:
        text = path.read_text(encoding="utf-8-sig")  # a spreadsheet's byte-order mark is dropped
    except UnicodeDecodeError as err:
        raise ValueError(
            f"path must be a UTF-8 text file, got {path.name} with byte "
            f"{err.object[err.start]:#04x} at position {err.start} (latin-1 or another "
            "encoding?); save it as UTF-8 (\"CSV UTF-8\" in a spreadsheet) first") from None
    lines = list(csv.reader(io.StringIO(text)))
    if not lines:
        raise ValueError(f"{path.name} is empty; expected a header line with the column names")
    header, rows = lines[0], [row or [""] * len(lines[0]) for row in lines[1:]]
    for i, row in enumerate(rows):
        if len(row) != len(header):
            raise ValueError(f"{path.name} line {_line(i)}: {len(row)} field(s), expected "
                             f"{len(header)} like the header {header}")
    return header, rows


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
    for bad, what in ((np.isnan(numbers) & ~missing, "a number"),
                      (np.isinf(numbers), "a finite number")):
        if bad.any():
            i = np.flatnonzero(bad)[0]
            raise ValueError(
                f"{file} line {_line(i)} ({dates[i].date()}): {raw.iloc[i]!r} in column "
                f"{column!r} is not {what}; {int(bad.sum())} such row(s) in all"
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
