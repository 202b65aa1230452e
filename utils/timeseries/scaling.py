"""Scalers that learn from the training part only and turn predictions back into original units.

Standardising and min-max scaling:

    y_tilde = (y - mean_train) / std_train      y = y_tilde * std_train + mean_train
    y_tilde = (y - min_train) / (max_train - min_train) * (high - low) + low

with the notebooks' letters y_tilde = (y - y_bar) / s for the first, and (low, high) the
MinMaxScaler's ``feature_range`` for the second.

The statistics come from the training part alone. Fitting on the whole series would let the test
period's mean and spread leak into training (the original workshop's mistake), so a scaler

- is fitted once (``fit`` again raises: make a new scaler instead),
- refuses to transform or invert before it is fitted,
- refuses a part tagged as validation or test by :func:`utils.timeseries.splits.chronological_split`.

    >>> scaler = StandardScaler().fit(split.train)
    >>> test_s = scaler.transform(split.test)
    >>> pred = scaler.inverse_transform(pred_s)        # back to, e.g., percent

Inputs may be a Series (n,), a DataFrame or array (n, D) of finite real numbers (n values of D
series); pandas objects keep their index. A scaler fitted on one series (n,) scales arrays of any
shape up to (N, K) (e.g. windows or predictions); one fitted on D columns scales (n, D) data,
and ``column=j`` applies column j's statistics to any array (e.g. predictions (N, horizon) of
column j).
Introduced in notebook 08.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from utils import checks
from utils.timeseries.splits import check_training_part

__all__ = ["MinMaxScaler", "StandardScaler"]


class _Scaler:
    """Shared fit-once / transform / inverse_transform logic; subclasses set ``_stats``."""

    def __init__(self) -> None:
        self.offset_: np.ndarray | None = None  # subtracted first, (D,) or ()
        self.scale_: np.ndarray | None = None  # then divided by, (D,) or ()

    def fit(self, train):
        """Learn the statistics from ``train`` (n,) or (n, D), n >= 2; return ``self``."""
        if self.offset_ is not None:
            raise ValueError(
                f"this {type(self).__name__} is already fitted; create a new one to fit again"
            )
        check_training_part(train, type(self).__name__)
        values = checks.float_array(train, "train", ndim=(1, 2), dtype=float)
        if values.shape[0] < 2:
            raise ValueError(f"train must have at least 2 rows, got {values.shape[0]}")
        offset, scale = self._stats(values)
        if np.any(scale == 0):
            raise ValueError("train is constant (zero spread) in some column; it cannot be scaled")
        self.offset_, self.scale_ = offset, scale
        return self

    def transform(self, data, column: int | None = None):
        """Scale ``data`` with the training statistics (same type and index as ``data``)."""
        offset, scale = self._params(column)
        return _like(data, (self._values(data, column) - offset) / scale)

    def inverse_transform(self, data, column: int | None = None):
        """Undo :meth:`transform`: scaled values back to the original units."""
        offset, scale = self._params(column)
        return _like(data, self._values(data, column) * scale + offset)

    def _params(self, column):
        """The statistics to apply: all columns, or those of ``column``."""
        if self.offset_ is None:
            raise ValueError(
                f"this {type(self).__name__} is not fitted yet; call fit(train) first"
            )
        if column is None:
            return self.offset_, self.scale_
        column = checks.non_negative_int(column, "column")
        if self.offset_.ndim == 0:
            raise ValueError(f"column must be None for a scaler fitted on one series (T,), "
                             f"got {column}")
        if column >= self.offset_.shape[0]:
            raise ValueError(f"column must be None or in [0, {self.offset_.size}) for a scaler "
                             f"fitted on {self.offset_.size} columns, got {column}")
        return self.offset_[column], self.scale_[column]

    def _values(self, data, column) -> np.ndarray:
        """``data`` as a float array (n,) or (n, D) whose columns match the fitted ones."""
        values = checks.float_array(data, "data", ndim=(1, 2), dtype=float)
        n_columns = self.offset_.size
        if column is None and self.offset_.ndim == 1 and (values.ndim != 2
                                                          or values.shape[1] != n_columns):
            raise ValueError(f"data must have shape (T, {n_columns}) like the training data, "
                             f"got {values.shape}; pass column=j to scale one column's values")
        return values


class StandardScaler(_Scaler):
    """y_tilde = (y - mean) / std, with the mean and (population) std of the training part."""

    def _stats(self, values):
        return values.mean(axis=0), values.std(axis=0)


class MinMaxScaler(_Scaler):
    """Map the training part's [min, max] onto ``feature_range`` (low, high), default (0, 1)."""

    def __init__(self, feature_range: tuple[float, float] = (0.0, 1.0)) -> None:
        super().__init__()
        if isinstance(feature_range, str) or not isinstance(feature_range, Sequence) \
                or len(feature_range) != 2:
            raise TypeError(f"feature_range must be a pair (low, high) of numbers, got "
                            f"{feature_range!r}")
        low = checks.finite_number(feature_range[0], "feature_range[0]")
        high = checks.finite_number(feature_range[1], "feature_range[1]")
        if not low < high:
            raise ValueError(
                f"feature_range must be (low, high) with low < high, got {feature_range}"
            )
        self.feature_range = (low, high)

    def _stats(self, values):
        low, high = self.feature_range
        spread = (values.max(axis=0) - values.min(axis=0)) / (high - low)
        return values.min(axis=0) - low * spread, spread


def _like(data, values: np.ndarray):
    """Wrap ``values`` like ``data`` (Series/DataFrame keep index, name, columns and attrs)."""
    if isinstance(data, pd.Series):
        out = pd.Series(values, index=data.index, name=data.name)
    elif isinstance(data, pd.DataFrame):
        out = pd.DataFrame(values, index=data.index, columns=data.columns)
    else:
        return values
    out.attrs = dict(data.attrs)
    return out
