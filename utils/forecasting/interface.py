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
array ``past``). The base class checks every argument and does the bookkeeping for both kinds of
forecast; models for which one call per step is slow override the hooks ``_one_step`` (Keras:
one batched network call) or ``_forecast`` (ARIMA, the multi-output networks), never the public
methods. Introduced in notebook 08; the neural forecasters of notebooks 09-12 are subclasses.
"""

from __future__ import annotations

from typing import Protocol, Self, runtime_checkable

import numpy as np
import pandas as pd

from utils import checks
from utils.timeseries.splits import check_training_part
from utils.timeseries.time_index import future_index, target_index

__all__ = ["BaseForecaster", "Forecaster", "past_windows"]


@runtime_checkable
class Forecaster(Protocol):
    """What every forecaster in the course provides (see the module docstring)."""

    name: str

    def fit(self, train: pd.Series) -> Self: ...

    def predict_one_step(self, history: pd.Series, index: pd.Index) -> pd.Series: ...

    def forecast(self, history: pd.Series, horizon: int) -> pd.Series: ...


class BaseForecaster:
    """Checks and bookkeeping shared by the course's forecasters.

    Subclasses define ``_fit(values)`` and ``_next(past)``, and may set ``min_history`` (the
    fewest past values ``_next`` needs), ``min_train`` (the fewest training values), ``max_horizon``
    (the longest forecast, None: any; ``horizon_limit`` says why, in messages) and
    ``early_stopping`` (``fit`` takes a validation part, passed on as ``_fit(values,
    validation)``). Forecasters of a table (:mod:`utils.forecasting.covariates`) also override
    ``_read`` (what the data must be) and ``unit`` (what a row is called in messages).
    """

    name = "forecaster"
    min_history = 1
    max_horizon: int | None = None
    horizon_limit = "was trained to predict"
    early_stopping = False
    unit = "value"

    @property
    def min_train(self) -> int:
        """The fewest training values: one more than ``min_history``."""
        return self.min_history + 1

    def fit(self, train: pd.Series, validation: pd.Series | None = None) -> Self:
        """Learn from ``train`` (T,) only; return ``self``.

        ``validation`` (the split's validation part, right after ``train``) is for forecasters
        that stop training early on it (the Keras ones); the others learn from ``train`` alone.
        """
        check_training_part(train, type(self).__name__)
        values = self._read(train, "train")
        if len(values) < self.min_train:
            raise ValueError(f"train must have at least {self.min_train} {self.unit}s for "
                             f"{self.name}, got {len(values)}")
        if validation is None:
            self._fit(values)
        else:
            self._fit(values, self._validation_values(train, validation))
        self.fitted_ = True
        return self

    def predict_one_step(self, history: pd.Series, index) -> pd.Series:
        """One-step-ahead predictions at ``index``, each from the true values before it.

        ``index`` holds dates of ``history`` (or the one step right after its end); a single
        date, such as ``"2005-01-01"``, is taken as a one-element index.
        """
        self._require_fitted()
        values = self._read(history, "history")
        index = target_index(history.index, index)
        positions = history.index.searchsorted(index, side="left")  # (N,) values before each
        too_early = positions < self.min_history
        if too_early.any():
            raise ValueError(
                f"index starts too early: {self.name} needs {self.min_history} true "
                f"{self.unit}(s) before each target, but {checks.label(index[too_early][0])} "
                f"has only {positions[too_early][0]}"
            )
        return self._result(self._one_step(values, positions), index)

    def forecast(self, history: pd.Series, horizon: int) -> pd.Series:
        """Recursive forecast of the ``horizon`` steps after ``history``; own predictions fed back."""
        self._require_fitted()
        values = self._read(history, "history")
        horizon = checks.positive_int(horizon, "horizon")
        if self.max_horizon is not None and horizon > self.max_horizon:
            raise ValueError(f"horizon must be at most {self.max_horizon}, the number of steps "
                             f"{self.name} {self.horizon_limit}, got {horizon}")
        if len(values) < self.min_history:
            raise ValueError(f"history must have at least {self.min_history} {self.unit}s, "
                             f"got {len(values)}")
        index = future_index(history.index, horizon)
        return self._result(self._forecast(values, horizon), index)

    def _read(self, data, name: str) -> np.ndarray:
        """Hook: the values of ``data`` (``train`` or ``history``), checked: a numeric Series."""
        return checks.numeric_series(data, name)

    def _one_step(self, values: np.ndarray, positions: np.ndarray):
        """Hook: the prediction after ``values[:p]`` for each p of ``positions`` (N,)."""
        return [self._next(values[:p]) for p in positions]

    def _forecast(self, values: np.ndarray, horizon: int):
        """Hook: ``horizon`` values after ``values``, each prediction fed back as an input."""
        path = list(values)
        for _ in range(horizon):
            path.append(self._next(np.asarray(path)))
        return path[len(values) :]

    def _result(self, preds, index: pd.Index) -> pd.Series:
        """Predictions as a Series named after the model; NaN or inf is the model's fault."""
        preds = np.asarray(preds, dtype=float)  # (N,)
        bad = ~np.isfinite(preds)
        if bad.any():
            raise ValueError(f"{self.name} predicted {preds[bad][0]} for "
                             f"{checks.label(index[bad][0])}: a forecaster must return finite "
                             f"numbers (check its _next and its training data)")
        return pd.Series(preds, index=index, name=self.name, dtype=float)

    def _validation_values(self, train: pd.Series, validation) -> np.ndarray:
        """The values of ``validation``, checked: a validation part right after ``train``."""
        if not self.early_stopping:
            raise TypeError(f"validation is only for forecasters that stop early (the Keras "
                            f"ones); {self.name} learns from train alone: call fit(train)")
        part = getattr(validation, "attrs", {}).get("split_part")
        if part in ("train", "test"):
            raise ValueError(f"validation must be the validation part, got the {part} part; "
                             "early stopping must never see the test data")
        values = self._read(validation, "validation")
        if len(values) < self.min_validation or validation.index[0] <= train.index[-1]:
            raise ValueError(f"validation must hold at least {self.min_validation} {self.unit}(s), all "
                             f"after the end of train, got {len(values)} from "
                             f"{checks.label(validation.index[0])}")
        return values

    @property
    def min_validation(self) -> int:
        """The fewest validation values (forecasters with ``early_stopping``)."""
        return 1

    def _require_fitted(self) -> None:
        if not getattr(self, "fitted_", False):
            raise ValueError(f"{self.name} is not fitted yet; call fit(train) first")

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r}>"


def past_windows(history: pd.Series, index, window: int) -> np.ndarray:
    """The ``window`` true values of ``history`` just before each target in ``index``: (N, window, 1).

    The batched input of a one-step-ahead prediction (e.g. ``model(past_windows(...))``).
    ``index`` as in :meth:`BaseForecaster.predict_one_step` (a single date is one target).
    """
    values = checks.numeric_series(history, "history")
    index = target_index(history.index, index)
    window = checks.positive_int(window, "window")
    positions = history.index.searchsorted(index, side="left")  # (N,) values before each target
    if positions.min() < window:
        raise ValueError(f"index must start at least {window} steps into history, got "
                         f"{checks.label(index[0])} after only {positions.min()} value(s)")
    return values[positions[:, None] - window + np.arange(window)][:, :, None]  # (N, window, 1)
