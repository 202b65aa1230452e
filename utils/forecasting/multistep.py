"""Three ways to forecast H steps ahead with a neural network.

=================  ==========================================================================
recursive          one network predicts one step; feed the prediction back as the newest input
                   and repeat H times: y_hat(T+h) = f(y(T-w+h), ..., y_hat(T+h-1)).
                   Errors compound; one model serves every horizon.
direct             one network with H outputs, output h trained on the value h steps ahead:
                   [y_hat(T+1), ..., y_hat(T+H)] = F(y(T-w+1), ..., y(T)). Nothing is fed back.
sequence to        an encoder reads the window into a state; a decoder unrolls over the H future
sequence           steps and emits one value per step (:func:`utils.forecasting.networks.build_network` with
                   ``architecture="seq2seq"``).
=================  ==========================================================================

All three speak the interface of :mod:`utils.forecasting.interface`, so ``forecast(history, horizon)`` and
a backtest treat them alike:

    >>> models = {s: strategy_forecaster(s, "gru", window=12, horizon=10) for s in STRATEGIES}

Introduced in notebook 11.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from utils.forecasting.keras_forecaster import KerasForecaster, MultiOutputForecaster
from utils.forecasting.networks import CELL_NAMES

STRATEGIES = ("recursive", "direct", "seq2seq")


def recursive_forecast(step: Callable[[np.ndarray], float], past, horizon: int,
                       window: int) -> np.ndarray:
    """The recursive strategy, written out: y_hat(T+h) = step(last ``window`` values, predictions
    included), for h = 1 .. ``horizon``.

    Parameters
    ----------
    step : callable mapping the last ``window`` values (window,) to the next value
    past : array_like (T,), T >= window, the known values
    horizon, window : int

    Returns
    -------
    ndarray (horizon,)
    """
    for name, value in (("horizon", horizon), ("window", window)):
        if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
            raise ValueError(f"{name} must be a positive int, got {value!r}")
    path = np.asarray(past, dtype=float)
    if path.ndim != 1 or len(path) < window:
        raise ValueError(f"past must have shape (T,) with T >= window={window}, got {path.shape}")
    for _ in range(horizon):
        path = np.append(path, float(step(path[-window:])))  # the prediction becomes an input
    return path[-horizon:]


class DirectForecaster(MultiOutputForecaster):
    """Direct strategy: a recurrent layer and a Dense(horizon) head, one output per future step."""

    architecture = "one_output"


class Seq2SeqForecaster(MultiOutputForecaster):
    """Sequence-to-sequence strategy: an encoder, then a decoder that unrolls over the horizon."""

    architecture = "seq2seq"


def strategy_forecaster(strategy: str, cell: str, *, horizon: int, **kwargs) -> KerasForecaster:
    """An unfitted forecaster of ``strategy`` ("recursive", "direct" or "seq2seq"), named e.g.
    ``"GRU direct"``; ``kwargs`` go to :class:`~utils.forecasting.keras_forecaster.KerasForecaster`."""
    if strategy not in STRATEGIES:
        raise ValueError(f"strategy must be one of {STRATEGIES}, got {strategy!r}")
    if cell not in CELL_NAMES:
        raise ValueError(f"cell must be one of {sorted(CELL_NAMES)}, got {cell!r}")
    name = kwargs.pop("name", f"{CELL_NAMES[cell]} {strategy}")
    if strategy == "recursive":
        return KerasForecaster(cell, name=name, **kwargs)
    kind = DirectForecaster if strategy == "direct" else Seq2SeqForecaster
    return kind(cell, horizon=horizon, name=name, **kwargs)
