"""The course's Keras recurrent forecaster, behind the one forecasting interface
(:mod:`utils.forecasting.interface`: ``fit``, ``predict_one_step``, ``forecast``), so that a backtest runs
it exactly like the naive forecast or ARIMA.

The network is either named, ``cell`` = "simplernn", "lstm" or "gru" (the network of
:func:`utils.forecasting.networks.build_network`), or written by the learner: a callable
``build(window) -> keras.Model`` that returns a compiled model mapping (N, window, 1) to
(N, horizon), so the Keras code stays visible in the notebook (notebooks 10-11).

``fit(train, validation=None)`` does, in this order, with the training part only:

1. fit a :class:`~utils.timeseries.scaling.StandardScaler` on ``train`` and standardise it;
2. cut it into windows with :func:`~utils.timeseries.windowing.make_windows`: inputs (N, window, 1),
   targets (N, horizon);
3. choose the windows for early stopping: those of ``validation`` (the split's validation part,
   each input may reach back into ``train``; never the test part), or without it the last
   ``validation`` fraction of the training windows, dropping the ``horizon - 1`` windows before
   them so that no validation target is ever a training target;
4. train the network from ``seed`` with :func:`utils.forecasting.training.train_network`.

Predictions are turned back into the series' units with the same scaler. The public methods
are those of :class:`~utils.forecasting.interface.BaseForecaster`, which checks their arguments;
this class fills in its hooks: ``_fit`` (steps 1-4), ``_one_step`` (every target's window in one
network call) and ``_next`` (one step, for the recursive forecast).

    >>> lstm = KerasForecaster("lstm", window=8, seed=0).fit(split.train)
    >>> lstm = KerasForecaster(build_lstm, window=4, seed=42).fit(split.train, split.validation)
    >>> one_step = lstm.predict_one_step(series, split.test.index)   # batched, true lags
    >>> recursive = lstm.forecast(split.train, horizon=8)            # own predictions fed back

Introduced in notebook 10 (with a ``build`` function), used in notebooks 11 and 12; the
multi-output and sequence-to-sequence forecasters of :mod:`utils.forecasting.multistep` are
subclasses.
"""

from __future__ import annotations

import numpy as np

from utils import checks
from utils.forecasting.interface import BaseForecaster
from utils.forecasting.networks import CELL_NAMES, build_network
from utils.forecasting.training import predict_network, train_network, training_settings
from utils.timeseries.scaling import StandardScaler
from utils.timeseries.windowing import make_windows

__all__ = ["KerasForecaster", "MultiOutputForecaster"]


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
    epochs, patience, batch_size : int
        Training settings (Adam, MSE, early stopping after ``patience`` epochs without progress).
    learning_rate : float
        Adam's step size, a finite number > 0.
    validation : float
        Fraction of the training windows, the latest ones, used for early stopping when ``fit``
        gets no validation part (0 < v < 1).
    seed : int
        Fixes initial weights and shuffling: the same seed gives the same forecaster.
    show_progress : bool or None
        The live display of :mod:`utils.training_progress` (``None``: only in JupyterLab).
    name : str or None
        For tables and legends (default: the cell's name, or "RNN" for a ``build`` function).

    Every argument is checked here, when the forecaster is made, not when it is fitted.
    ``fit(train, validation=None)`` stops early on ``validation`` (the split's validation part)
    or, without it, on the latest training windows. After ``fit``: ``history_`` (losses per
    epoch), ``epochs_`` (epochs trained), ``scaler_``.
    """

    horizon = 1
    architecture = "one_output"
    early_stopping = True

    def __init__(self, cell="lstm", *, window: int = 8, units: int = 16, epochs: int = 40,
                 patience: int = 4, batch_size: int = 32, learning_rate: float = 0.01,
                 validation: float = 0.2, seed: int = 0, show_progress: bool | None = None,
                 name: str | None = None) -> None:
        if callable(cell):  # the learner's build(window): the network comes from their code
            self.build = cell
        elif isinstance(cell, str):
            checks.one_of(cell, "cell", CELL_NAMES)
            self.build = None
        else:
            raise TypeError(f"cell must be one of {sorted(CELL_NAMES)} or a callable "
                            f"build(window) -> keras.Model, got {type(cell).__name__}")
        self.cell = cell
        self.window = self.min_history = checks.positive_int(window, "window")
        self.units = checks.positive_int(units, "units")
        self.training = training_settings(epochs=epochs, patience=patience, batch_size=batch_size,
                                          learning_rate=learning_rate, seed=seed,
                                          show_progress=show_progress)
        self.validation = checks.fraction(validation, "validation")
        if name is None:
            name = "RNN" if self.build else CELL_NAMES[cell]
        self.name = checks.text(name, "name")
        # the network of build_network, or None when it is the learner's
        self.config = None if self.build else {
            "cell": cell, "window": self.window, "units": self.units, "horizon": self.horizon,
            "architecture": self.architecture}

    @property
    def min_train(self) -> int:
        """Enough values for one window and its ``horizon`` targets."""
        return self.window + self.horizon

    @property
    def min_validation(self) -> int:
        return self.horizon

    def network(self):
        """A Keras model with the fitted weights (to inspect, e.g. ``.summary()``)."""
        self._require_fitted()
        if self.build:
            return self.model_
        model = build_network(**self.config)
        model.set_weights(self.weights_)
        return model

    def _fit(self, values: np.ndarray, validation: np.ndarray | None = None) -> None:
        """Scale on the training values only, cut windows, train (see the module docstring)."""
        self.scaler_ = StandardScaler().fit(values)
        X, y, _ = make_windows(self.scaler_.transform(values), self.window, self.horizon)
        if validation is None:
            X, y, X_val, y_val = self._hold_out(X, y, len(values))
        else:  # windows whose targets are all in validation; inputs may reach back into train
            context = np.concatenate([values[-self.window :], validation])  # (window + V,)
            X_val, y_val, _ = make_windows(self.scaler_.transform(context), self.window,
                                           self.horizon)
        self.weights_, self.history_, net = train_network(
            self.build or self.config, X, y, X_val, y_val, label=self.name, **self.training,
        )
        self.model_ = net if self.build else None  # a learner's model is its own; ours is shared
        self.epochs_ = len(self.history_["loss"])

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

    def _outputs(self, windows: np.ndarray) -> np.ndarray:
        """Network outputs in the series' units for raw windows (N, window, 1): (N, horizon)."""
        scaled = self.scaler_.transform(windows[:, :, 0])[:, :, None]  # (N, window, 1)
        out = predict_network(self.config or self.model_, self.weights_, scaled,
                              self.training["learning_rate"])
        return self.scaler_.inverse_transform(out)  # (N, horizon)

    def _next(self, past: np.ndarray) -> float:
        return float(self._outputs(past[None, -self.window :, None])[0, 0])

    def _one_step(self, values: np.ndarray, positions: np.ndarray) -> np.ndarray:
        """Batched: the window before every target, one network call."""
        windows = values[positions[:, None] - self.window + np.arange(self.window)]  # (N, window)
        return self._outputs(windows[:, :, None])[:, 0]  # (N,)


class MultiOutputForecaster(KerasForecaster):
    """The multi-output (single-shot) strategy: a network that predicts ``horizon`` steps at once,
    a recurrent layer and a Dense(horizon) head (:mod:`utils.forecasting.multistep`); the
    encoder-decoder forecaster is a subclass.

    ``forecast(history, h)`` returns the first h <= ``horizon`` outputs for the window after
    ``history``; ``predict_one_step`` uses the first output of each window.
    """

    def __init__(self, cell: str = "lstm", *, horizon: int, **kwargs) -> None:
        self.horizon = self.max_horizon = checks.positive_int(horizon, "horizon")
        super().__init__(cell, **kwargs)

    def _forecast(self, values: np.ndarray, horizon: int) -> np.ndarray:
        return self._outputs(values[None, -self.window :, None])[0, :horizon]  # (horizon,)
