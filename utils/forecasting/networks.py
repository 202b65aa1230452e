"""Keras networks for forecasting: one recurrent layer (SimpleRNN, LSTM or GRU) and a linear head.

    one output     x (N, window, 1) -> cell(units) -> Dense(horizon)              -> y_hat (N, horizon)
    encoder-decoder x (N, window, 1) -> cell(units) -> RepeatVector(horizon)
                                     -> cell(units, return_sequences) -> Dense(1) -> y_hat (N, horizon)

With ``horizon=1`` the first is the one-step network of notebooks 09-11; with ``horizon=H`` it is
the *multi-output* (single-shot) multi-step network (one output per future step); the second is
the *encoder-decoder* (sequence-to-sequence) network, whose decoder runs over the H future steps.
:mod:`utils.forecasting.training` trains them; the forecasters that use them live in
:mod:`utils.forecasting.keras_forecaster` and :mod:`utils.forecasting.multistep`.

Introduced in notebook 10; used in notebook 12.
"""

from __future__ import annotations

from utils import checks
from utils.notebook_setup import import_tensorflow_quietly

import_tensorflow_quietly()  # before Keras: TensorFlow's start-up noise stays out of the notebook
import keras  # noqa: E402

__all__ = ["CELL_NAMES", "build_network", "check_config"]

#: Display names of the recurrent layers, by the names the course uses for them.
CELL_NAMES = {"simplernn": "SimpleRNN", "lstm": "LSTM", "gru": "GRU"}
_LAYERS = {"simplernn": keras.layers.SimpleRNN, "lstm": keras.layers.LSTM, "gru": keras.layers.GRU}
_ARCHITECTURES = ("one_output", "seq2seq")


def build_network(cell: str, window: int | None, units: int = 16, horizon: int = 1,
                  architecture: str = "one_output") -> keras.Model:
    """An uncompiled forecasting network (see the module docstring), input (N, window, 1).

    Parameters
    ----------
    cell : "simplernn", "lstm" or "gru"
    window : int, past steps per input (None: any length, as the compiled networks of
        :mod:`utils.forecasting.training` are built);  units : int, hidden size H of each
        recurrent layer;  horizon : int, future steps predicted at once;
    architecture : "one_output" or "seq2seq"

    Returns
    -------
    keras.Model mapping (N, window, 1) to (N, horizon)
    """
    _check_config(cell, 1 if window is None else window, units, horizon, architecture)
    layer = _LAYERS[cell]
    inputs = keras.Input(shape=(window, 1))
    h = layer(units, name="encoder" if architecture == "seq2seq" else cell)(inputs)  # (N, units)
    if architecture == "one_output":
        outputs = keras.layers.Dense(horizon, name="head")(h)  # (N, horizon)
    else:
        h = keras.layers.RepeatVector(horizon)(h)  # (N, horizon, units): the summary, each step
        h = layer(units, return_sequences=True, name="decoder")(h)  # (N, horizon, units)
        h = keras.layers.Dense(1, name="head")(h)  # (N, horizon, 1)
        outputs = keras.layers.Reshape((horizon,))(h)  # (N, horizon)
    return keras.Model(inputs, outputs, name=f"{cell}_{architecture}")


def _check_config(cell, window, units, horizon, architecture) -> None:
    checks.one_of(cell, "cell", _LAYERS)
    for name, value in (("window", window), ("units", units), ("horizon", horizon)):
        checks.positive_int(value, name)
    checks.one_of(architecture, "architecture", _ARCHITECTURES)


def check_config(config, name: str, window: int | None = None,
                 horizon: int | None = None) -> None:
    """``config`` must be a dict of valid arguments of :func:`build_network` (``cell`` and
    ``window`` at least), matching the windows' ``window`` and ``horizon`` when they are given."""
    if not isinstance(config, dict):
        raise TypeError(f"{name} must be a dict of the arguments of build_network, got "
                        f"{type(config).__name__}")
    known = {"cell", "window", "units", "horizon", "architecture"}
    if not {"cell", "window"} <= set(config) <= known:
        raise ValueError(f"{name} must hold 'cell', 'window' and optionally 'units', 'horizon', "
                         f"'architecture', got the keys {sorted(config)}")
    full = {"units": 16, "horizon": 1, "architecture": "one_output", **config}
    _check_config(**full)
    if window is not None and (full["window"], full["horizon"]) != (window, horizon):
        raise ValueError(f"{name} must match the windows: window={window}, horizon={horizon}, "
                         f"got window={full['window']}, horizon={full['horizon']}")
