"""Keras networks for forecasting: a layer that reads the window (SimpleRNN, LSTM, GRU or Conv1D)
and a linear head.

    one output      x (N, window, D) -> cell(units) -> Dense(horizon)             -> y_hat (N, horizon)
    stacked         x (N, window, D) -> cell(units, return_sequences) -> cell(units)
                                     -> Dense(horizon)                            -> y_hat (N, horizon)
    encoder-decoder x (N, window, D) -> cell(units) -> RepeatVector(horizon)
                                     -> cell(units, return_sequences) -> Dense(1) -> y_hat (N, horizon)
    convolutional   x (N, window, D) -> Conv1D(units, kernel_size, relu) -> Flatten
                                     -> Dense(horizon)                            -> y_hat (N, horizon)

With ``horizon=1`` the first is the one-step network of notebooks 09-11; with ``horizon=H`` it is
the *multi-output* (single-shot) multi-step network (one output per future step); the encoder-
decoder is the *sequence-to-sequence* network, whose decoder runs over the H future steps. In the
*stacked* network the first layer returns its whole sequence of states h_1 .. h_T (N, window,
units), which the second layer reads as its inputs. ``features`` is D, the number of input
series (1: the series alone; more: the series and its covariates, notebook 13).
``dropout`` and ``recurrent_dropout`` are the recurrent layers' own: during training each batch
drops a random fraction of the inputs x_t (and of the state h_{t-1} fed back), with the same mask
at every step of the window; at prediction nothing is dropped. The convolutional network slides
``units`` filters of ``kernel_size`` steps along the window (needs a fixed ``window``).

:mod:`utils.forecasting.training` trains them; the forecasters that use them live in
:mod:`utils.forecasting.keras_forecaster`, :mod:`utils.forecasting.multistep` and
:mod:`utils.forecasting.covariate_networks`. Introduced in notebook 10; used in notebooks 12-13.
"""

from __future__ import annotations

import numpy as np

from utils import checks
from utils.cells import gru, lstm, rnn
from utils.nn.mlp import init_dense
from utils.notebook_setup import import_tensorflow_quietly

import_tensorflow_quietly()  # before Keras: TensorFlow's start-up noise stays out of the notebook
import keras  # noqa: E402

__all__ = ["ARCHITECTURES", "CELL_NAMES", "DEFAULTS", "LAYER_NAMES", "build_network", "initial_weights",
           "check_config"]

#: Display names of the recurrent layers, by the names the course uses for them.
CELL_NAMES = {"simplernn": "SimpleRNN", "lstm": "LSTM", "gru": "GRU"}
#: Every layer that can read the window: the recurrent ones and the 1-D convolution.
LAYER_NAMES = {**CELL_NAMES, "conv1d": "Conv1D"}
ARCHITECTURES = ("one_output", "seq2seq", "stacked")
#: The arguments of :func:`build_network` that a config may leave out, with their defaults.
DEFAULTS = {"units": 16, "horizon": 1, "architecture": "one_output", "features": 1,
            "dropout": 0.0, "recurrent_dropout": 0.0, "kernel_size": 3}
_LAYERS = {"simplernn": keras.layers.SimpleRNN, "lstm": keras.layers.LSTM, "gru": keras.layers.GRU}


def build_network(cell: str, window: int | None, units: int = 16, horizon: int = 1,
                  architecture: str = "one_output", *, features: int = 1, dropout: float = 0.0,
                  recurrent_dropout: float = 0.0, kernel_size: int = 3) -> keras.Model:
    """An uncompiled forecasting network (see the module docstring), input (N, window, features).

    Parameters
    ----------
    cell : "simplernn", "lstm", "gru" or "conv1d"
    window : int, past steps per input (None: any length, as the compiled recurrent networks of
        :mod:`utils.forecasting.training` are built; a "conv1d" network needs an int);
    units : int, hidden size H of each recurrent layer (filters of the Conv1D);
    horizon : int, future steps predicted at once;
    architecture : "one_output", "seq2seq" or "stacked" (two recurrent layers); "conv1d" is
        always "one_output";  features : int, D, input series per step;
    dropout, recurrent_dropout : float in [0, 1), of the recurrent layers ("conv1d": 0);
    kernel_size : int, steps per Conv1D filter, at most ``window`` (used by "conv1d" only)

    Returns
    -------
    keras.Model mapping (N, window, features) to (N, horizon)
    """
    _check_config(cell, window, units, horizon, architecture, features, dropout,
                  recurrent_dropout, kernel_size)
    inputs = keras.Input(shape=(window, features))
    if cell == "conv1d":
        h = keras.layers.Conv1D(units, kernel_size, activation="relu", name="conv1d")(inputs)
        h = keras.layers.Flatten(name="flatten")(h)  # (N, (window - kernel_size + 1) * units)
        return keras.Model(inputs, keras.layers.Dense(horizon, name="head")(h), name="conv1d")
    layer = _LAYERS[cell]
    drop = {"dropout": dropout, "recurrent_dropout": recurrent_dropout}
    names = {"one_output": [cell], "seq2seq": ["encoder"], "stacked": [f"{cell}_1", f"{cell}_2"]}
    h = inputs
    for k, name in enumerate(names[architecture]):  # all but the last return h_1 .. h_T
        last = k == len(names[architecture]) - 1
        h = layer(units, return_sequences=not last, name=name, **drop)(h)  # (N, units) at last
    if architecture == "seq2seq":
        h = keras.layers.RepeatVector(horizon)(h)  # (N, horizon, units): the summary, each step
        h = layer(units, return_sequences=True, name="decoder", **drop)(h)  # (N, horizon, units)
        h = keras.layers.Dense(1, name="head")(h)  # (N, horizon, 1)
        outputs = keras.layers.Reshape((horizon,))(h)  # (N, horizon)
    else:
        outputs = keras.layers.Dense(horizon, name="head")(h)  # (N, horizon)
    return keras.Model(inputs, outputs, name=f"{cell}_{architecture}")


def _check_config(cell, window, units, horizon, architecture, features, dropout,
                  recurrent_dropout, kernel_size) -> None:
    checks.one_of(cell, "cell", LAYER_NAMES)
    if window is not None or cell == "conv1d":
        checks.positive_int(window, "window")
    for name, value in (("units", units), ("horizon", horizon), ("features", features),
                        ("kernel_size", kernel_size)):
        checks.positive_int(value, name)
    checks.one_of(architecture, "architecture", ARCHITECTURES)
    checks.fraction(dropout, "dropout", allow_zero=True)
    checks.fraction(recurrent_dropout, "recurrent_dropout", allow_zero=True)
    if cell == "conv1d":
        if architecture != "one_output" or dropout or recurrent_dropout:
            raise ValueError(f"a conv1d network has architecture 'one_output' and no dropout, "
                             f"got architecture={architecture!r}, dropout={dropout}, "
                             f"recurrent_dropout={recurrent_dropout}")
        if kernel_size > window:
            raise ValueError(f"kernel_size must be at most the window {window}, got {kernel_size}")


def check_config(config, name: str, window: int | None = None,
                 horizon: int | None = None, features: int | None = None) -> None:
    """``config`` must be a dict of valid arguments of :func:`build_network` (``cell`` and
    ``window`` at least), matching the windows' ``window``, ``horizon`` and ``features`` when
    they are given."""
    if not isinstance(config, dict):
        raise TypeError(f"{name} must be a dict of the arguments of build_network, got "
                        f"{type(config).__name__}")
    known = {"cell", "window", *DEFAULTS}
    if not {"cell", "window"} <= set(config) <= known:
        raise ValueError(f"{name} must hold 'cell', 'window' and optionally "
                         f"{', '.join(repr(k) for k in DEFAULTS)}, got the keys {sorted(config)}")
    full = {**DEFAULTS, **config}
    checks.positive_int(full["window"], "window")
    _check_config(**full)
    if window is not None and (full["window"], full["horizon"]) != (window, horizon):
        raise ValueError(f"{name} must match the windows: window={window}, horizon={horizon}, "
                         f"got window={full['window']}, horizon={full['horizon']}")
    if features is not None and full["features"] != features:
        raise ValueError(f"{name} must match the windows' {features} feature(s), got "
                         f"features={full['features']}")


def initial_weights(config: dict, seed: int) -> list[np.ndarray]:
    """Keras' default initial weights of ``build_network(**config)``, drawn with NumPy from ``seed``.

    Each recurrent layer as its cell's ``init_params`` draws it (Glorot kernel, orthogonal
    recurrent kernel, zero bias; the LSTM's forget bias 1; the GRU's two bias rows), a Conv1D
    kernel (kernel_size, D, units) Glorot-uniform with fans kernel_size * D and kernel_size *
    units and a zero bias, the Dense head as ``init_dense`` (Glorot kernel, zero bias), in the
    order of ``model.get_weights()``.
    Drawing them with NumPy, not by re-seeding TensorFlow, matters for speed: every
    ``tf.random.set_seed`` makes the next call of a compiled function run several times slower.
    """
    check_config(config, "config")
    seed = checks.seed(seed)
    full = {**DEFAULTS, **config}
    cell, units, horizon, features = full["cell"], full["units"], full["horizon"], full["features"]
    rng = np.random.default_rng(seed)
    if cell == "conv1d":
        k = full["kernel_size"]
        limit = np.sqrt(6.0 / (k * features + k * units))
        kernel = rng.uniform(-limit, limit, size=(k, features, units))  # (k, D, units)
        head = init_dense((full["window"] - k + 1) * units, horizon, rng)  # the flattened maps
        weights = [kernel, np.zeros(units)]
    else:
        init = {"simplernn": rnn.init_params, "lstm": lstm.init_params, "gru": gru.init_params}[cell]
        layers = [init(features, units, seed=int(rng.integers(2**32)))]  # (D) -> (H)
        if full["architecture"] != "one_output":  # the decoder, or the second layer: H -> H
            layers.append(init(units, units, seed=int(rng.integers(2**32))))
        head = init_dense(units, 1 if full["architecture"] == "seq2seq" else horizon, rng)
        weights = [p[k] for p in layers for k in ("kernel", "recurrent_kernel", "bias")]
    return [w.astype(np.float32) for w in (*weights, head["kernel"], head["bias"])]
