"""Scalers that learn from the training part only and turn predictions back into original units.

Standardising and min-max scaling:

    z = (x - mean_train) / std_train            x = z * std_train + mean_train
    z = (x - min_train) / (max_train - min_train) * (b - a) + a

The statistics come from the training part alone. Fitting on the whole series would let the test
period's mean and spread leak into training (the original workshop's mistake), so a scaler

- is fitted once (``fit`` again raises: make a new scaler instead),
- refuses to transform or invert before it is fitted,
- refuses a part tagged as validation or test by :func:`utils.timeseries.splits.chronological_split`.

    >>> scaler = StandardScaler().fit(split.train)
    >>> z_test = scaler.transform(split.test)
    >>> pred = scaler.inverse_transform(z_pred)        # back to, e.g., percent

Inputs may be a Series (T,), a DataFrame or array (T, F); pandas objects keep their index.
A scaler fitted on F columns broadcasts over the last axis; ``column=j`` applies column j's
statistics to any array (e.g. predictions (N, horizon) of column j). Introduced in notebook 07.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from utils.timeseries.splits import check_training_part


class _Scaler:
    """Shared fit-once / transform / inverse_transform logic; subclasses set ``_stats``."""

    def __init__(self) -> None:
        self.offset_: np.ndarray | None = None  # subtracted first, (F,) or ()
        self.scale_: np.ndarray | None = None  # then divided by, (F,) or ()

    def fit(self, train):
        """Learn the statistics from ``train`` (T,) or (T, F); return ``self``."""
        if self.offset_ is not None:
            raise RuntimeError(
                f"this {type(self).__name__} is already fitted; create a new one to fit again"
            )
        check_training_part(train, type(self).__name__)
        values = _numeric(train, "train")
        if values.shape[0] < 2:
            raise ValueError(f"train must have at least 2 rows, got {values.shape[0]}")
        if np.isnan(values).any():
            raise ValueError(
                "train contains NaN; expected no missing values (drop or fill them first)"
            )
        offset, scale = self._stats(values)
        if np.any(scale == 0):
            raise ValueError("train is constant (zero spread) in some column; it cannot be scaled")
        self.offset_, self.scale_ = offset, scale
        return self

    def transform(self, data, column: int | None = None):
        """Scale ``data`` with the training statistics (same type and index as ``data``)."""
        offset, scale = self._params(column)
        return _like(data, (_numeric(data, "data") - offset) / scale)

    def inverse_transform(self, data, column: int | None = None):
        """Undo :meth:`transform`: scaled values back to the original units."""
        offset, scale = self._params(column)
        return _like(data, _numeric(data, "data") * scale + offset)

    def _params(self, column):
        if self.offset_ is None:
            raise RuntimeError(
                f"this {type(self).__name__} is not fitted yet; call fit(train) first"
            )
        if column is None:
            return self.offset_, self.scale_
        if self.offset_.ndim == 0 or not 0 <= column < self.offset_.shape[0]:
            raise ValueError(
                f"column must be None or in [0, {self.offset_.size}) for a scaler fitted on "
                f"{self.offset_.size} column(s), got {column!r}"
            )
        return self.offset_[column], self.scale_[column]


class StandardScaler(_Scaler):
    """z = (x - mean) / std, with the mean and (population) std of the training part."""

    def _stats(self, values):
        return values.mean(axis=0), values.std(axis=0)


class MinMaxScaler(_Scaler):
    """Map the training part's [min, max] onto ``feature_range`` (default [0, 1])."""

    def __init__(self, feature_range: tuple[float, float] = (0.0, 1.0)) -> None:
        super().__init__()
        low, high = feature_range
        if not low < high:
            raise ValueError(
                f"feature_range must be (low, high) with low < high, got {feature_range}"
            )
        self.feature_range = (float(low), float(high))

    def _stats(self, values):
        low, high = self.feature_range
        spread = (values.max(axis=0) - values.min(axis=0)) / (high - low)
        return values.min(axis=0) - low * spread, spread


def _numeric(data, name: str) -> np.ndarray:
    """Values as a float array; a Series gives (T,), so its statistics are scalars."""
    arr = data.to_numpy() if isinstance(data, pd.Series | pd.DataFrame) else np.asarray(data)
    if arr.dtype == bool or not np.issubdtype(arr.dtype, np.number):
        raise TypeError(f"{name} must hold numbers, got dtype {arr.dtype}")
    if arr.ndim == 0:
        raise ValueError(f"{name} must be an array of shape (T,) or (T, F), got a scalar")
    return arr.astype(float)


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
