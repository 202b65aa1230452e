"""The course's Keras recurrent forecaster, behind the one forecasting interface
(:mod:`utils.forecasting.interface`: ``fit``, ``predict_one_step``, ``forecast``), so that a backtest runs
it exactly like the naive forecast or ARIMA.

The network is either named, ``cell`` = "simplernn", "lstm" or "gru" (the network of
:func:`utils.forecasting.networks.build_network`), or written by the learner: a callable
``build(window) -> keras.Model`` that returns a compiled model mapping (N, window, 1) to
(N, horizon), so the Keras code stays visible in the notebook (notebooks 09-10).

``fit(train, validation=None)`` does, in this order, with the training part only:

1. fit a :class:`~utils.timeseries.scaling.StandardScaler` on ``train`` and standardise it;
2. cut it into windows with :func:`~utils.timeseries.windowing.make_windows`: inputs (N, window, 1),
   targets (N, horizon);
3. choose the windows for early stopping: those of ``validation`` (the split's validation part,
   each input may reach back into ``train``; never the test part), or without it the last
   ``validation`` fraction of the training windows, dropping the ``horizon - 1`` windows before
   them so that no validation target is ever a training target;
4. train the network from ``seed`` with :func:`utils.forecasting.networks.train_network`.

Predictions are turned back into the series' units with the same scaler.

    >>> lstm = KerasForecaster("lstm", window=8, seed=0).fit(split.train)
    >>> lstm = KerasForecaster(build_lstm, window=4, seed=42).fit(split.train, split.validation)
    >>> one_step = lstm.predict_one_step(series, split.test.index)   # batched, true lags
    >>> recursive = lstm.forecast(split.train, horizon=8)            # own predictions fed back

Introduced in notebook 09 (with a ``build`` function), used in notebooks 10 and 11; the direct and
sequence-to-sequence forecasters of :mod:`utils.forecasting.multistep` are subclasses.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from utils.forecasting.interface import BaseForecaster, future_index, past_windows, series_values
from utils.forecasting.networks import (
    CELL_NAMES,
    build_network,
    check_config,
    predict_network,
    train_network,
)
from utils.timeseries.scaling import StandardScaler
from utils.timeseries.splits import check_training_part
from utils.timeseries.windowing import make_windows


class KerasForecaster(BaseForecaster):
    """A recurrent network that predicts the next value from the last ``window`` values.

    Parameters
    ----------
    cell : str or callable
        "simplernn", "lstm" or "gru", or ``build(window) -> keras.Model`` (compiled; then
        ``units`` and ``learning_rate`` are unused: the model code sets them).
    window : int
        Past values per input (also the fewest values ``history`` must hold).
    units : int
        Hidden size of the recurrent layer.
    epochs, patience, batch_size, learning_rate : training settings (Adam, MSE, early stopping)
    validation : float
        Fraction of the training windows, the latest ones, used for early stopping when ``fit``
        gets no validation part (0 < v < 1).
    seed : int
        Fixes initial weights and shuffling: the same seed gives the same forecaster.
    show_progress : bool or None
        The live display of :mod:`utils.training_progress` (``None``: only in JupyterLab).

    After ``fit``: ``history_`` (losses per epoch), ``epochs_`` (epochs trained), ``scaler_``.
    """

    horizon = 1
    architecture = "one_output"

    def __init__(self, cell="lstm", *, window: int = 8, units: int = 16, epochs: int = 40,
                 patience: int = 4, batch_size: int = 32, learning_rate: float = 0.01,
                 validation: float = 0.2, seed: int = 0, show_progress: bool | None = None,
                 name: str | None = None) -> None:
        if isinstance(validation, bool) or not isinstance(validation, float) or not 0 < validation < 1:
            raise ValueError(f"validation must be a fraction in (0, 1), got {validation!r}")
        if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
            raise ValueError(f"seed must be a non-negative int, got {seed!r}")
        if callable(cell):  # the learner's build(window): the network comes from their code
            self.build = cell
        elif not isinstance(cell, str):
            raise TypeError(f"cell must be one of {sorted(CELL_NAMES)} or a callable "
                            f"build(window) -> keras.Model, got {type(cell).__name__}")
        else:
            self.build = None
        self.config = {"cell": "lstm" if self.build else cell, "window": window, "units": units,
                       "horizon": self.horizon, "architecture": self.architecture}
        check_config(**self.config)  # fail now, not at fit time
        if self.build:
            self.config = None  # the network is the learner's, not build_network's
        self.cell, self.window, self.units, self.seed = cell, window, units, seed
        self.min_history = window
        self.validation = validation
        self.training = {"epochs": epochs, "patience": patience, "batch_size": batch_size,
                         "learning_rate": learning_rate}
        self.show_progress = show_progress
        self.name = name or (CELL_NAMES[cell] if self.build is None else "RNN")

    def fit(self, train: pd.Series, validation: pd.Series | None = None) -> KerasForecaster:
        """Scale on ``train`` only and train on its windows; stop early on ``validation`` (the
        split's validation part) or, without it, on the latest training windows."""
        check_training_part(train, type(self).__name__)
        values = series_values(train, "train")
        if len(values) < self.window + self.horizon:
            raise ValueError(f"train is too short for window={self.window}, horizon="
                             f"{self.horizon}: {len(values)} values give no training window")
        self.scaler_ = StandardScaler().fit(values)
        X, y, _ = make_windows(self.scaler_.transform(values), self.window, self.horizon)
        if validation is None:
            X, y, X_val, y_val = self._hold_out(X, y, len(values))
        else:
            X_val, y_val = self._validation_windows(train, values, validation)
        net, self.history_ = train_network(
            self.build or self.config, X, y, X_val, y_val, seed=self.seed, label=self.name,
            show_progress=self.show_progress, **self.training,
        )
        self.weights_ = net.get_weights()
        self.model_ = net if self.build else None  # a learner's model is its own; ours is shared
        self.epochs_ = len(self.history_["loss"])
        self.fitted_ = True
        return self

    def _hold_out(self, X, y, n_values: int):
        """The latest ``validation`` fraction of the windows, for early stopping, and the rest."""
        n_val = max(1, round(self.validation * len(X)))
        n_train = len(X) - n_val - (self.horizon - 1)  # no validation target among training targets
        if n_train < 1:
            raise ValueError(
                f"train is too short for window={self.window}, horizon={self.horizon} and "
                f"validation={self.validation}: {n_values} values give no training window"
            )
        return X[:n_train], y[:n_train], X[-n_val:], y[-n_val:]

    def _validation_windows(self, train, values, validation):
        """Windows whose targets are all in ``validation``; inputs may reach back into train."""
        part = getattr(validation, "attrs", {}).get("split_part")
        if part in ("train", "test"):
            raise ValueError(f"validation must be the validation part, got the {part} part; "
                             "early stopping must never see the test data")
        val_values = series_values(validation, "validation")
        if len(val_values) < self.horizon or validation.index[0] <= train.index[-1]:
            raise ValueError(f"validation must hold at least {self.horizon} value(s), all after "
                             f"the end of train, got {len(val_values)}")
        context = np.concatenate([values[-self.window :], val_values])  # (window + V,)
        X_val, y_val, _ = make_windows(self.scaler_.transform(context), self.window, self.horizon)
        return X_val, y_val

    def _outputs(self, windows: np.ndarray) -> np.ndarray:
        """Network outputs in the series' units for raw windows (N, window, 1): (N, horizon)."""
        scaled = self.scaler_.transform(windows[:, :, 0])[:, :, None]  # (N, window, 1)
        out = predict_network(self.config or self.model_, self.weights_, scaled,
                              self.training["learning_rate"])
        return self.scaler_.inverse_transform(out)  # (N, horizon)

    def _next(self, past: np.ndarray) -> float:
        return float(self._outputs(past[None, -self.window :, None])[0, 0])

    def predict_one_step(self, history: pd.Series, index) -> pd.Series:
        """Batched one-step-ahead predictions at ``index`` (true lags fed in), one network call."""
        _, _, index = self._prepare(history, index)
        preds = self._outputs(past_windows(history, index, self.window))[:, 0]  # (N,)
        return pd.Series(preds, index=index, name=self.name)

    def network(self):
        """A Keras model with the fitted weights (to inspect, e.g. ``.summary()``)."""
        self._require_fitted()
        if self.build:
            return self.model_
        model = build_network(**self.config)
        model.set_weights(self.weights_)
        return model


class MultiOutputForecaster(KerasForecaster):
    """Base of the forecasters whose network predicts ``horizon`` steps at once."""

    def __init__(self, cell: str = "lstm", *, horizon: int, **kwargs) -> None:
        if isinstance(horizon, bool) or not isinstance(horizon, int | np.integer) or horizon < 1:
            raise ValueError(f"horizon must be a positive int, got {horizon!r}")
        self.horizon = int(horizon)
        super().__init__(cell, **kwargs)

    def forecast(self, history: pd.Series, horizon: int) -> pd.Series:
        """The first ``horizon`` (<= the trained horizon) outputs for the window after ``history``."""
        self._require_fitted()
        if isinstance(horizon, bool) or not isinstance(horizon, int | np.integer) or horizon < 1:
            raise ValueError(f"horizon must be a positive int, got {horizon!r}")
        if horizon > self.horizon:
            raise ValueError(
                f"horizon must be at most {self.horizon}, the number of steps {self.name} was "
                f"trained to predict, got {horizon}"
            )
        values = series_values(history, "history")
        if len(values) < self.window:
            raise ValueError(f"history must have at least {self.window} values, got {len(values)}")
        preds = self._outputs(values[None, -self.window :, None])[0, :horizon]  # (horizon,)
        return pd.Series(preds, index=future_index(history.index, horizon), name=self.name)
