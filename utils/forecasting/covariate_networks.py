"""A Keras network that forecasts the target from the last ``window`` rows of every series: the
covariate forecaster of :mod:`utils.forecasting.covariates` with the networks of
:func:`utils.forecasting.networks.build_network` (recurrent, stacked, with dropout, or Conv1D).

``fit(train, validation=None)`` does, with the training part (T, D) only:

1. fit a :class:`~utils.timeseries.scaling.StandardScaler` on ``train``: one mean and one spread
   per column (GDP growth in % q/q and an interest rate in % per year get their own), and
   standardise every column with its own;
2. cut windows with :func:`~utils.timeseries.windowing.make_windows` (``target=`` the target
   column): inputs X (N, window, D), targets y (N, 1), the target's standardised next value;
3. hold out the latest ``validation`` fraction of the windows for early stopping (or use the
   windows of the split's validation part);
4. train the network from ``seed`` with :func:`utils.forecasting.training.train_network`.

Predictions are turned back into the target's units with the target column's statistics
(``scaler_.inverse_transform(out, column=target_column_)``). With the target alone (D = 1) this
is :class:`~utils.forecasting.keras_forecaster.KerasForecaster`'s recipe.

    >>> gru = KerasCovariateForecaster("gru", target="GDP growth", window=8).fit(train_frame)
    >>> gru.predict_one_step(frame, test.index)       # each from the rows before its date

Introduced in notebook 13.
"""

from __future__ import annotations

import numpy as np

from utils import checks
from utils.forecasting.covariates import CovariateForecaster
from utils.forecasting.networks import ARCHITECTURES, LAYER_NAMES, build_network, check_config
from utils.forecasting.training import predict_network, train_network, training_settings
from utils.timeseries.scaling import StandardScaler
from utils.timeseries.windowing import make_windows

__all__ = ["KerasCovariateForecaster"]


class KerasCovariateForecaster(CovariateForecaster):
    """A network that predicts the target's next value from the last ``window`` rows (D columns).

    Parameters
    ----------
    cell : str
        "simplernn", "lstm", "gru" or "conv1d" (the layer that reads the window).
    target : str
        The column to forecast.
    window, units : int
        Past rows per input; hidden size (filters of a Conv1D).
    architecture : str
        "one_output" (one recurrent layer) or "stacked" (two; the first returns its sequence).
    dropout, recurrent_dropout : float in [0, 1)
        The recurrent layers' dropout of their inputs and of their fed-back state (training
        only; 0 for a Conv1D).
    kernel_size : int
        Steps per Conv1D filter (at most ``window``).
    epochs, patience, batch_size, learning_rate, validation, seed, show_progress
        As for :class:`~utils.forecasting.keras_forecaster.KerasForecaster`.
    name : str or None
        For tables and legends (default: the layer's name, e.g. "GRU", "GRU stacked").

    Every argument is checked here, when the forecaster is made. After ``fit``: ``scaler_``
    (statistics per column), ``config_`` (the network's arguments, ``features`` = D),
    ``weights_``, ``history_`` (losses per epoch), ``epochs_``.
    """

    early_stopping = True

    def __init__(self, cell: str = "gru", *, target: str, window: int = 8, units: int = 16,
                 architecture: str = "one_output", dropout: float = 0.0,
                 recurrent_dropout: float = 0.0, kernel_size: int = 3, epochs: int = 40,
                 patience: int = 4, batch_size: int = 32, learning_rate: float = 0.01,
                 validation: float = 0.2, seed: int = 0, show_progress: bool | None = None,
                 name: str | None = None) -> None:
        super().__init__(target)
        checks.one_of(architecture, "architecture", [a for a in ARCHITECTURES if a != "seq2seq"])
        self.network_args = {"cell": cell, "window": window, "units": units, "horizon": 1,
                             "architecture": architecture, "dropout": dropout,
                             "recurrent_dropout": recurrent_dropout, "kernel_size": kernel_size}
        check_config(self.network_args, "network")  # every setting of the network, checked now
        self.window = self.min_history = window
        self.training = training_settings(epochs=epochs, patience=patience, batch_size=batch_size,
                                          learning_rate=learning_rate, seed=seed,
                                          show_progress=show_progress)
        self.validation = checks.fraction(validation, "validation")
        default = LAYER_NAMES[cell] + (" stacked" if architecture == "stacked" else "")
        self.name = checks.text(default if name is None else name, "name")

    @property
    def min_train(self) -> int:
        """Enough rows for one window and its target."""
        return self.window + 1

    def network(self):
        """A Keras model with the fitted weights (to inspect, e.g. ``.summary()``)."""
        self._require_fitted()
        model = build_network(**self.config_)
        model.set_weights(self.weights_)
        return model

    def _fit(self, values: np.ndarray, validation: np.ndarray | None = None) -> None:
        """Scale per column on the training rows only, cut windows, train (module docstring)."""
        self.scaler_ = StandardScaler().fit(values)  # one mean and std per column, (D,)
        self.config_ = {**self.network_args, "features": values.shape[1]}
        j, w = self.target_column_, self.window
        X, y, _ = make_windows(self.scaler_.transform(values), w, 1, target=j)  # (N, w, D), (N, 1)
        if validation is None:  # the latest windows; horizon 1: no target is shared
            n_val = max(1, round(self.validation * len(X)))
            if len(X) - n_val < 1:
                raise ValueError(f"train is too short for window={w} and validation="
                                 f"{self.validation}: {len(values)} rows give no training window")
            X, y, X_val, y_val = X[:-n_val], y[:-n_val], X[-n_val:], y[-n_val:]
        else:  # windows whose targets are all in validation; inputs may reach back into train
            context = np.concatenate([values[-w:], validation])  # (w + V, D)
            X_val, y_val, _ = make_windows(self.scaler_.transform(context), w, 1, target=j)
        self.weights_, self.history_, _ = train_network(
            self.config_, X, y, X_val, y_val, label=self.name, **self.training)
        self.epochs_ = len(self.history_["loss"])

    def _outputs(self, windows: np.ndarray) -> np.ndarray:
        """The target's predictions (N,), in its units, for raw windows (N, window, D)."""
        n, w, d = windows.shape
        scaled = self.scaler_.transform(windows.reshape(n * w, d)).reshape(n, w, d)
        out = predict_network(self.config_, self.weights_, scaled,
                              self.training["learning_rate"])  # (N, 1), standardised
        return self.scaler_.inverse_transform(out, column=self.target_column_)[:, 0]

    def _next(self, past: np.ndarray) -> float:
        return float(self._outputs(past[None, -self.window :])[0])

    def _one_step(self, values: np.ndarray, positions: np.ndarray) -> np.ndarray:
        """Batched: the ``window`` rows before every target, one network call."""
        rows = positions[:, None] - self.window + np.arange(self.window)  # (N, window)
        return self._outputs(values[rows])  # values[rows]: (N, window, D)
