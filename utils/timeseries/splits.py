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

Introduced in notebook 07.
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

PARTS = ("train", "validation", "test")


class Split(NamedTuple):
    """Three consecutive, non-overlapping parts of one series (``validation`` may be empty)."""

    train: pd.Series
    validation: pd.Series
    test: pd.Series

    def with_context(self, part: str, window: int) -> pd.Series:
        """The ``part`` preceded by the ``window`` true values just before it.

        Windowing the result with the same ``window`` gives exactly one sample per target in
        ``part`` (its inputs may reach back into the earlier parts, which is allowed: those
        values are known before the first target). The result keeps the tag of ``part``.
        """
        if part not in ("validation", "test"):
            raise ValueError(f"part must be 'validation' or 'test', got {part!r}")
        full = pd.concat(list(self))
        start = full.index.get_loc(getattr(self, part).index[0])
        if isinstance(window, bool) or not isinstance(window, int) or not 1 <= window <= start:
            raise ValueError(
                f"window must be an int in [1, {start}] for part {part!r}, got {window!r}"
            )
        out = full.iloc[start - window : start + len(getattr(self, part))]
        return tag(out, part)


def chronological_split(series: pd.Series | pd.DataFrame, validation=0.0, test=0.2) -> Split:
    """Cut ``series`` into train, validation and test parts, in time order.

    Parameters
    ----------
    series : pd.Series or pd.DataFrame, length T
        Sorted by its index (dates, or any increasing labels).
    validation, test : float or date-like
        A fraction of T in [0, 1) (the part is the last ``round(fraction * T)`` rows before the
        next part), or the first date of the part (a string such as ``"2002"`` or a Timestamp).
        ``validation=0`` gives an empty validation part. Each part that is asked for must be
        non-empty, and the training part always is.

    Returns
    -------
    Split
        ``train``, ``validation``, ``test``: slices of ``series`` with their index and tag.
    """
    if not isinstance(series, pd.Series | pd.DataFrame):
        raise TypeError(f"series must be a pandas Series or DataFrame, got {type(series).__name__}")
    if not series.index.is_monotonic_increasing or not series.index.is_unique:
        raise ValueError("series must have a strictly increasing index (sort it, drop duplicates)")
    T = len(series)
    test_start = _start(series, test, "test", T)
    val_start = test_start - _count(series, validation, "validation", T, test_start)
    if val_start < 1:
        raise ValueError(
            f"the training part would be empty: validation={validation!r} and test={test!r} "
            f"leave no rows before them in a series of length {T}"
        )
    bounds = (0, val_start, test_start, T)
    return Split(
        *(tag(series.iloc[a:b], p) for p, a, b in zip(PARTS, bounds, bounds[1:], strict=False))
    )


def tag(series, part: str):
    """Return a copy of ``series`` whose ``attrs["split_part"]`` is ``part``."""
    if part not in PARTS:
        raise ValueError(f"part must be one of {PARTS}, got {part!r}")
    out = series.copy()
    out.attrs = {**series.attrs, "split_part": part}
    return out


def check_training_part(data, who: str) -> None:
    """Raise ``ValueError`` if ``data`` is tagged as a validation or test part.

    Called by every ``fit`` in the course: a scaler or a model learns from the training part only.
    """
    part = getattr(data, "attrs", {}).get("split_part")
    if part in ("validation", "test"):
        raise ValueError(
            f"{who} must be fitted on the training part only, got the {part} part; "
            f"fit on split.train and then transform or predict the {part} part"
        )


def _start(series, spec, name: str, T: int) -> int:
    """Position where the part named ``name`` starts when it runs to the end of the series."""
    return T - _count(series, spec, name, T, T)


def _count(series, spec, name: str, T: int, end: int) -> int:
    """Number of rows of the part that ends (exclusively) at position ``end``."""
    if isinstance(spec, bool):
        raise TypeError(f"{name} must be a fraction or a date, got {spec!r}")
    if isinstance(spec, int | float):
        if not 0 <= spec < 1:
            raise ValueError(f"{name} as a fraction must be in [0, 1), got {spec}")
        n = round(spec * T)
        if spec > 0 and n == 0:
            raise ValueError(f"{name}={spec} is less than one row of a series of length {T}")
        return n
    if not isinstance(series.index, pd.DatetimeIndex):
        raise TypeError(f"{name} may be a date only for a DatetimeIndex, got {spec!r}")
    start = int(series.index.searchsorted(pd.Timestamp(spec)))
    if not 0 < start < end:
        raise ValueError(
            f"{name} start date {spec!r} must fall strictly inside the series before the next part "
            f"({series.index[0].date()} .. {series.index[end - 1].date()})"
        )
    return end - start
