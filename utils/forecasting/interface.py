"""The one forecasting interface of the course: baselines, ARIMA and the Keras RNNs all speak it.

A forecaster has three methods (and a ``name`` for tables and legends):

``fit(train) -> self``
    Learn from the training part (a pd.Series of true values), and nothing else.
``predict_one_step(history, index) -> pd.Series``
    **One-step-ahead**: for every timestamp ``t`` in ``index``, predict the value at ``t`` from
    the *true* values of ``history`` strictly before ``t``. Over a test period the model is fed
    the real lags each quarter, so errors never pile up. Usually ``history`` is the whole series
    and ``index`` is ``split.test.index``.
``forecast(history, horizon) -> pd.Series``
    **Recursive multi-step**: starting after the last value of ``history``, predict one step,
    append that *prediction* to the history, predict the next, ... ``horizon`` times. Errors
    compound; this is what "forecasting the future" honestly means.

Both return a pd.Series named after the model, indexed by the timestamps predicted.

To write a forecaster, subclass :class:`BaseForecaster` and implement two small methods:
``_fit(values)`` (learn from a 1-D float array) and ``_next(past)`` (the next value after the 1-D
array ``past``); the base class does the bookkeeping for both kinds of forecast. Models for which
one call per step is slow (Keras) override ``predict_one_step`` with a batched version.
Introduced in notebook 07; the neural forecasters of notebooks 08-10 implement the same protocol.
"""

from __future__ import annotations

from typing import Protocol, Self, runtime_checkable

import numpy as np
import pandas as pd

from utils.timeseries.splits import check_training_part
from utils.timeseries.time_index import check_targets, future_index


@runtime_checkable
class Forecaster(Protocol):
    """What every forecaster in the course provides (see the module docstring)."""

    name: str

    def fit(self, train: pd.Series) -> Self: ...

    def predict_one_step(self, history: pd.Series, index: pd.Index) -> pd.Series: ...

    def forecast(self, history: pd.Series, horizon: int) -> pd.Series: ...


class BaseForecaster:
    """Bookkeeping shared by the course's forecasters; subclasses define ``_fit`` and ``_next``."""

    name = "forecaster"
    #: The fewest past values ``_next`` needs (AR(p) needs p).
    min_history = 1

    def fit(self, train: pd.Series) -> Self:
        """Learn from ``train`` (T,) only; return ``self``."""
        check_training_part(train, type(self).__name__)
        values = series_values(train, "train")
        if len(values) < self.min_history + 1:
            raise ValueError(
                f"train must have at least {self.min_history + 1} values for {self.name}, "
                f"got {len(values)}"
            )
        self._fit(values)
        self.fitted_ = True
        return self

    def predict_one_step(self, history: pd.Series, index) -> pd.Series:
        """One-step-ahead predictions at ``index``, each from the true values before it."""
        values, positions, index = self._prepare(history, index)
        preds = [self._next(values[:p]) for p in positions]
        return pd.Series(preds, index=index, name=self.name, dtype=float)

    def forecast(self, history: pd.Series, horizon: int) -> pd.Series:
        """Recursive forecast of the ``horizon`` steps after ``history``; own predictions fed back."""
        self._require_fitted()
        values = series_values(history, "history")
        _check_history_length(values, self.min_history)
        if isinstance(horizon, bool) or not isinstance(horizon, int | np.integer) or horizon < 1:
            raise ValueError(f"horizon must be a positive int, got {horizon!r}")
        path = list(values)
        for _ in range(horizon):
            path.append(self._next(np.asarray(path)))
        return pd.Series(
            path[len(values) :], index=future_index(history.index, horizon), name=self.name
        )

    def _prepare(self, history, index):
        """Validated history values, the number of values before each target, and the index."""
        self._require_fitted()
        values = series_values(history, "history")
        index = pd.Index(index)
        if len(index) == 0:
            raise ValueError(
                "index must hold at least one timestamp to predict, got an empty index"
            )
        check_targets(history.index, index)
        positions = history.index.searchsorted(index, side="left")
        too_early = positions < self.min_history
        if too_early.any():
            raise ValueError(
                f"index starts too early: {self.name} needs {self.min_history} true value(s) "
                f"before each target, but {index[too_early][0]} has only {positions[too_early][0]}"
            )
        return values, positions, index

    def _require_fitted(self) -> None:
        if not getattr(self, "fitted_", False):
            raise RuntimeError(f"{self.name} is not fitted yet; call fit(train) first")

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r}>"


def series_values(series, name: str) -> np.ndarray:
    """A 1-D float array from a pd.Series, with clear errors for wrong types, NaN or disorder."""
    if not isinstance(series, pd.Series):
        raise TypeError(f"{name} must be a pandas Series, got {type(series).__name__}")
    if series.dtype == bool or not pd.api.types.is_numeric_dtype(series.dtype):
        raise TypeError(f"{name} must hold numbers, got dtype {series.dtype}")
    if not series.index.is_monotonic_increasing or not series.index.is_unique:
        raise ValueError(f"{name} must have a strictly increasing index, in time order")
    values = series.to_numpy(dtype=float)
    if np.isnan(values).any():
        raise ValueError(
            f"{name} contains NaN; expected no missing values (drop or fill them first)"
        )
    return values


def past_windows(history: pd.Series, index, window: int) -> np.ndarray:
    """The ``window`` true values of ``history`` just before each target in ``index``: (N, window, 1).

    The batched input of a one-step-ahead prediction (e.g. ``model.predict(past_windows(...))``
    inside a Keras forecaster's ``predict_one_step``).
    """
    values = series_values(history, "history")
    index = pd.Index(index)
    check_targets(history.index, index)
    positions = history.index.searchsorted(index, side="left")  # (N,) values before each target
    if isinstance(window, bool) or not isinstance(window, int | np.integer) or window < 1:
        raise ValueError(f"window must be a positive int, got {window!r}")
    if len(index) == 0 or positions.min() < window:
        raise ValueError(f"index must be non-empty and start at least {window} steps into history")
    return values[positions[:, None] - window + np.arange(window)][:, :, None]  # (N, window, 1)


def _check_history_length(values: np.ndarray, needed: int) -> None:
    if len(values) < needed:
        raise ValueError(f"history must have at least {needed} values, got {len(values)}")
