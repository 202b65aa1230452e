"""Index arithmetic of a time series: the timestamps after its end, and which targets it can serve.

Introduced in notebook 08.
"""

from __future__ import annotations

import pandas as pd

from utils import checks

__all__ = ["future_index", "infer_freq", "target_index"]


def future_index(index: pd.Index, horizon: int) -> pd.Index:
    """The ``horizon`` labels after the end of ``index`` (the index of a history, in time order).

    Dates need a regular frequency (``index.freq``, or one that pandas can infer from >= 3
    dates); integer labels continue one by one.
    """
    if not isinstance(index, pd.Index):
        raise TypeError(f"index must be a pandas Index (history.index), got {type(index).__name__}")
    horizon = checks.positive_int(horizon, "horizon")
    if len(index) == 0:
        raise ValueError("index must hold at least one label to continue from, got an empty index")
    if isinstance(index, pd.DatetimeIndex):
        freq = index.freq or infer_freq(index)
        if freq is None:
            raise ValueError("index (of history) must be a regular DatetimeIndex (a frequency) "
                             "to forecast the dates after it")
        return pd.date_range(index[-1], periods=horizon + 1, freq=freq)[1:]
    if pd.api.types.is_integer_dtype(index.dtype):
        return pd.RangeIndex(index[-1] + 1, index[-1] + 1 + horizon)
    raise TypeError(f"index (of history) must be a DatetimeIndex or integers, got "
                    f"{type(index).__name__} of dtype {index.dtype}")


def infer_freq(dates: pd.DatetimeIndex) -> str | None:
    """The pandas frequency string of regular ``dates`` (>= 3 of them), or None when none fits
    (quietly on pandas 2 and 3)."""
    if not isinstance(dates, pd.DatetimeIndex):
        raise TypeError(f"dates must be a pandas DatetimeIndex, got {type(dates).__name__}")
    if len(dates) < 3:
        return None
    try:
        with pd.option_context("future.infer_freq_returns_offset", True):
            offset = pd.infer_freq(dates)
    except (KeyError, pd.errors.OptionError):  # pandas without that option: returns a string
        return pd.infer_freq(dates)
    return None if offset is None else getattr(offset, "freqstr", offset)


def target_index(known: pd.Index, index, name: str = "index",
                 known_name: str = "history") -> pd.Index:
    """``index`` as targets that ``known`` (the index of a history) can serve, checked.

    Targets must be labels of ``known`` or the one step right after its end, in time order,
    without duplicates. Helpful: a single date (or label) is taken as a one-element index, and
    dates written as strings (``"2005-01-01"``) are read as dates when ``known`` holds dates.
    The message names the first bad target and says where it falls.
    """
    if not pd.api.types.is_list_like(index):
        index = [index]  # one target
    index = pd.Index(index)
    if isinstance(known, pd.DatetimeIndex) and not isinstance(index, pd.DatetimeIndex):
        index = _as_dates(index, name)
    if len(index) == 0:
        raise ValueError(f"{name} must hold at least one target to predict, got an empty index")
    checks.time_index(index, name)
    outside = ~index.isin(known)
    if outside.any():
        last_is_next = outside.sum() == 1 and outside[-1] and _next(known) == index[-1]
        if not last_is_next:
            first = index[outside][0]
            raise ValueError(f"{name} must hold dates of {known_name} (or the one step right "
                             f"after its end), got {checks.label(first)}, "
                             f"{_where(known, first)}")
    return index


def _as_dates(index: pd.Index, name: str) -> pd.DatetimeIndex:
    """Strings or Timestamps as a DatetimeIndex; numbers are refused (they are not dates)."""
    if pd.api.types.is_numeric_dtype(index.dtype) or pd.api.types.is_bool_dtype(index.dtype):
        raise TypeError(f"{name} must hold dates like the index of history, got dtype {index.dtype}")
    try:
        return pd.DatetimeIndex(index)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"{name} must hold dates like the index of history, got "
                         f"{list(index[:3])} ({exc})") from None


def _next(known: pd.Index):
    """The label right after the end of ``known``, or None when it cannot be told."""
    try:
        return future_index(known, 1)[0]
    except (ValueError, TypeError):
        return None


def _where(known: pd.Index, target) -> str:
    """Where ``target`` (not a label of ``known``) falls, in words."""
    try:
        position = int(known.searchsorted(target))
    except TypeError:
        return f"which cannot be compared with its labels ({known.dtype})"
    if position == 0:
        return f"before its start ({checks.label(known[0])})"
    if position == len(known):
        nxt = _next(known)
        reach = f", and {checks.label(nxt)} is the furthest one step reaches" if nxt is not None \
            else " (it has no regular frequency, so only its own dates can be targets)"
        return f"after its end ({checks.label(known[-1])}){reach}"
    return (f"which is not one of its dates (it falls between {checks.label(known[position - 1])} "
            f"and {checks.label(known[position])})")
