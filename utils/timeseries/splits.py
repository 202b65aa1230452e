"""Chronological train / validation / test splits that keep their dates (no shuffling, ever).

    past ─────────────── train ───────────────┬── validation ──┬──── test ────> future

A random split lets a model learn from quarters that come *after* the ones it is tested on;
a chronological split never does. Each part keeps its DatetimeIndex and carries a tag,
``part.attrs["split_part"]`` (``"train"``, ``"validation"`` or ``"test"``), that travels with
slices and arithmetic. The course's scalers and forecasters read that tag and refuse to be fitted
on a validation or test part: fitting on anything but the training part is not what they do.

    >>> split = chronological_split(growth, validation=0.15, test=0.15)   # fractions, or
    >>> split = chronological_split(growth, validation="1995", test="2002")  # start dates
    >>> split.train, split.validation, split.test

Introduced in notebook 08.
"""

from __future__ import annotations

import datetime
import numbers
from typing import NamedTuple

import numpy as np
import pandas as pd

from utils import checks

__all__ = ["Split", "check_training_part", "chronological_split", "tag"]

_PARTS = ("train", "validation", "test")


class Split(NamedTuple):
    """Three consecutive, non-overlapping parts of one series (``validation`` may be empty)."""

    train: pd.Series
    validation: pd.Series
    test: pd.Series


def chronological_split(series: pd.Series | pd.DataFrame, validation=0.0, test=0.2) -> Split:
    """Cut ``series`` into train, validation and test parts, in time order.

    Parameters
    ----------
    series : pd.Series or pd.DataFrame, length T >= 2
        Sorted by its index (dates, or any increasing labels), no duplicates.
    validation, test : float or date-like
        A fraction of T in [0, 1) (the part is the last ``round(fraction * T)`` rows before the
        next part), or the first date of the part (a string such as ``"2002"`` or
        ``"2002-04-01"``, or a Timestamp). ``validation=0`` gives an *empty* validation part.
        Each part that is asked for must be non-empty, and the training part always is.

    Returns
    -------
    Split
        ``train``, ``validation``, ``test``: slices of ``series`` with their index and tag.
    """
    if not isinstance(series, pd.Series | pd.DataFrame):
        raise TypeError(f"series must be a pandas Series or DataFrame, got {type(series).__name__}")
    checks.time_index(series.index, "series")
    T = len(series)
    if T < 2:
        raise ValueError(f"series must hold at least 2 rows (a training and a test part), got {T}")
    test_start = T - _count(series, test, "test", T)
    val_start = test_start - _count(series, validation, "validation", test_start)
    if val_start < 1:
        raise ValueError(
            f"the training part would be empty: validation={validation!r} and test={test!r} "
            f"leave no rows before them in a series of length {T}"
        )
    bounds = (0, val_start, test_start, T)
    return Split(
        *(tag(series.iloc[a:b], p) for p, a, b in zip(_PARTS, bounds, bounds[1:], strict=False))
    )


def tag(series, part: str):
    """Return a copy of ``series`` (a Series or DataFrame) whose ``attrs["split_part"]`` is ``part``."""
    if not isinstance(series, pd.Series | pd.DataFrame):
        raise TypeError(f"series must be a pandas Series or DataFrame, got {type(series).__name__}")
    checks.one_of(part, "part", _PARTS)
    out = series.copy()
    out.attrs = {**series.attrs, "split_part": part}
    return out


def check_training_part(data, who: str) -> None:
    """Raise ``ValueError`` if ``data`` is tagged as a validation or test part.

    Called by every ``fit`` in the course: a scaler or a model learns from the training part only.
    ``who`` names the model or scaler in the message.
    """
    checks.text(who, "who")
    part = getattr(data, "attrs", {}).get("split_part")
    if part in ("validation", "test"):
        raise ValueError(
            f"{who} must be fitted on the training part only, got the {part} part; "
            f"fit on split.train and then transform or predict the {part} part"
        )


def _count(series, spec, name: str, end: int) -> int:
    """Number of rows of the part named ``name`` that ends (exclusively) at position ``end``."""
    T = len(series)
    if isinstance(spec, numbers.Real) and not isinstance(spec, bool | np.bool_):
        fraction = checks.fraction(spec, name, allow_zero=True)
        n = round(fraction * T)
        if fraction > 0 and n == 0:
            raise ValueError(f"{name}={spec} is less than one row of a series of length {T}")
        return n
    if not isinstance(spec, str | datetime.date | np.datetime64):
        raise TypeError(f"{name} must be a fraction or a date, got {spec!r}")
    if not isinstance(series.index, pd.DatetimeIndex):
        raise TypeError(f"{name} may be a date only for a DatetimeIndex, got {spec!r}")
    try:
        when = pd.Timestamp(spec)
    except ValueError as exc:
        raise ValueError(f"{name} must be a fraction in [0, 1) or a date, got {spec!r}, "
                         f"which is not a date ({exc})") from None
    start = int(series.index.searchsorted(when)) if when is not pd.NaT else 0
    if not 0 < start < end:
        raise ValueError(
            f"{name} start date {spec!r} must fall strictly inside the series before the next part "
            f"({series.index[0].date()} .. {series.index[end - 1].date()})"
        )
    return end - start
