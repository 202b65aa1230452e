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
Introduced in notebook 07.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd


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
        Numeric values in time order. NaNs are allowed only where no window reaches them.
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
    window = _positive_int(window, "window")
    horizon = _positive_int(horizon, "horizon")
    stride = _positive_int(stride, "stride")
    if window + horizon > T:
        raise ValueError(
            f"window + horizon must be <= the series length {T}, got window={window}, "
            f"horizon={horizon} (sum {window + horizon})"
        )
    starts = np.arange(0, T - window - horizon + 1, stride)  # (N,)
    x_pos = starts[:, None] + np.arange(window)  # (N, window)
    y_pos = starts[:, None] + window + np.arange(horizon)  # (N, horizon)
    _check_no_nan(values, np.unique(np.concatenate([x_pos.ravel(), y_pos.ravel()])), labels)
    X = values[x_pos]  # (N, window, F)
    y = values[y_pos]  # (N, horizon, F)
    if np.ndim(series) == 1:
        y = y[:, :, 0]  # (N, horizon)
    elif target is not None:
        y = y[:, :, _column_position(target, columns)]  # (N, horizon)
    return Windows(X, y, labels[y_pos])


def _as_2d(series) -> tuple[np.ndarray, np.ndarray, list]:
    """Values as float (T, F), the index labels (T,) and the column names."""
    if isinstance(series, pd.Series | pd.DataFrame):
        labels, raw = series.index.to_numpy(), series.to_numpy()
        columns = list(series.columns) if isinstance(series, pd.DataFrame) else [series.name]
    else:
        raw = np.asarray(series)
        labels, columns = np.arange(raw.shape[0] if raw.ndim else 0), []
    if raw.ndim not in (1, 2):
        raise ValueError(f"series must have shape (T,) or (T, F), got shape {raw.shape}")
    if raw.dtype == bool or not (np.issubdtype(raw.dtype, np.number) or _all_numeric(raw)):
        raise TypeError(f"series must hold numbers, got dtype {raw.dtype}")
    values = raw.astype(float).reshape(raw.shape[0], -1)  # (T, F)
    if not columns:
        columns = list(range(values.shape[1]))
    return values, labels, columns


def _all_numeric(raw: np.ndarray) -> bool:
    """True for an object array whose items are all real numbers (e.g. from a mixed DataFrame)."""
    return raw.dtype == object and all(
        isinstance(v, int | float | np.number) and not isinstance(v, bool) for v in raw.ravel()
    )


def _positive_int(value, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise TypeError(f"{name} must be a positive int, got {value!r}")
    if value <= 0:
        raise ValueError(f"{name} must be a positive int (>= 1), got {value}")
    return int(value)


def _check_no_nan(values: np.ndarray, used: np.ndarray, labels: np.ndarray) -> None:
    bad = used[np.isnan(values[used]).any(axis=1)]
    if bad.size:
        where = ", ".join(str(labels[p]) for p in bad[:3]) + (" ..." if bad.size > 3 else "")
        raise ValueError(
            f"series has {bad.size} NaN value(s) inside the windows (at {where}); expected no "
            "NaN in any window: drop or fill the gaps explicitly first"
        )


def _column_position(target, columns: list) -> int:
    if isinstance(target, int | np.integer) and not isinstance(target, bool):
        if 0 <= target < len(columns):
            return int(target)
    elif target in columns:
        return columns.index(target)
    raise ValueError(f"target must be a column position or name among {columns}, got {target!r}")
