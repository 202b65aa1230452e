"""Forecasting as supervised learning: cut a series into (past window -> future targets) samples.

The workshop's idea, written out:

    X_t = f(X_{t-1}, X_{t-2}, ..., X_{t-n})

Sample ``i`` (with ``s = stride``) takes the inputs at positions ``i*s, ..., i*s + window - 1`` and
the targets at positions ``i*s + window, ..., i*s + window + horizon - 1``. The windows start at the
beginning of the series, so with ``stride=1`` there are ``N = T - window - horizon + 1`` samples and
no target ever appears among its own inputs.

    >>> X, y, times = make_windows(series, window=4, horizon=1)
    >>> X.shape, y.shape, times.shape          # (N, 4, 1), (N, 1), (N, 1)

``times[i, j]`` is the index label (a timestamp for a dated series) of target ``y[i, j]``, so a
prediction can be plotted where it belongs: ``pd.Series(pred[:, 0], index=times[:, 0])``.
Introduced in notebook 08.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from utils import checks

__all__ = ["Windows", "make_windows"]


class Windows(NamedTuple):
    """The result of :func:`make_windows`; unpacks as ``X, y, times = make_windows(...)``."""

    X: np.ndarray  #: inputs, (N, window, F)
    y: np.ndarray  #: targets, (N, horizon), or (N, horizon, F) for a (T, F) input with target=None
    times: np.ndarray  #: index label of every target, (N, horizon)


def make_windows(
    series, window: int, horizon: int = 1, stride: int = 1, target: int | str | None = None
) -> Windows:
    """Turn a series of shape (T,) or (T, F) into supervised samples.

    Parameters
    ----------
    series : pd.Series, pd.DataFrame or array-like, shape (T,) or (T, F)
        Real numbers in time order (a pandas index must be strictly increasing). NaN and +-inf
        are allowed only where no window reaches them.
    window : int
        Number of past steps in each input, ``1 <= window``.
    horizon : int
        Number of future steps in each target, ``1 <= horizon``, ``window + horizon <= T``.
    stride : int
        Steps between the starts of consecutive samples (1 = every possible sample).
    target : int, str or None
        For a (T, F) input: the column (position or name) to predict, giving y (N, horizon).
        ``None`` predicts every column, giving y (N, horizon, F). Ignored for a 1-D input.

    Returns
    -------
    Windows
        ``X`` (N, window, F), ``y`` (N, horizon) or (N, horizon, F), ``times`` (N, horizon).
    """
    values, labels, columns = _as_2d(series)
    T = values.shape[0]
    window = checks.positive_int(window, "window")
    horizon = checks.positive_int(horizon, "horizon")
    stride = checks.positive_int(stride, "stride")
    column = None if target is None or np.ndim(series) == 1 else _column_position(target, columns)
    if window + horizon > T:
        raise ValueError(
            f"window + horizon must be <= the series length {T}, got window={window}, "
            f"horizon={horizon} (sum {window + horizon})"
        )
    starts = np.arange(0, T - window - horizon + 1, stride)  # (N,)
    x_pos = starts[:, None] + np.arange(window)  # (N, window)
    y_pos = starts[:, None] + window + np.arange(horizon)  # (N, horizon)
    _check_finite(values, np.unique(np.concatenate([x_pos.ravel(), y_pos.ravel()])), labels)
    X = values[x_pos]  # (N, window, F)
    y = values[y_pos]  # (N, horizon, F)
    if np.ndim(series) == 1:
        y = y[:, :, 0]  # (N, horizon)
    elif column is not None:
        y = y[:, :, column]  # (N, horizon)
    return Windows(X, y, labels.to_numpy()[y_pos])


def _as_2d(series) -> tuple[np.ndarray, pd.Index, list]:
    """Values as float (T, F), the index labels (T,) and the column names, checked."""
    if isinstance(series, pd.Series | pd.DataFrame):
        checks.time_index(series.index, "series")
        columns = list(series.columns) if isinstance(series, pd.DataFrame) else [series.name]
    raw = checks.float_array(series, "series", ndim=(1, 2), finite=False, min_size=0, dtype=float)
    if raw.shape[0] == 0:
        raise ValueError(
            "series must hold at least window + horizon values, got an empty series (an empty "
            "part of a split? chronological_split gives an empty validation part when "
            "validation=0)"
        )
    if isinstance(series, pd.Series | pd.DataFrame):
        labels = series.index
    else:
        labels, columns = pd.RangeIndex(raw.shape[0]), list(range(raw.reshape(len(raw), -1).shape[1]))
    return raw.reshape(raw.shape[0], -1), labels, columns  # (T, F)


def _check_finite(values: np.ndarray, used: np.ndarray, labels: pd.Index) -> None:
    bad = used[~np.isfinite(values[used]).all(axis=1)]
    if bad.size:
        where = ", ".join(checks.label(labels[p]) for p in bad[:3]) + (" ..." if bad.size > 3 else "")
        raise ValueError(
            f"series must hold finite numbers inside the windows, got {bad.size} NaN or inf "
            f"value(s) there (at {where}); drop or fill the gaps explicitly first"
        )


def _column_position(target, columns: list) -> int:
    if isinstance(target, bool | np.bool_) or not isinstance(target, int | np.integer | str):
        raise TypeError(f"target must be a column position (int) or name (str), got {target!r}")
    if isinstance(target, str) and target in columns:
        return columns.index(target)
    if not isinstance(target, str) and 0 <= target < len(columns):
        return int(target)
    raise ValueError(f"target must be a column position or name among {columns}, got {target!r}")
