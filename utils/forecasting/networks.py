"""Keras networks for forecasting: one recurrent layer (SimpleRNN, LSTM or GRU) and a linear head.

    one output     x (N, window, 1) -> cell(units) -> Dense(horizon)              -> y_hat (N, horizon)
    encoder-decoder x (N, window, 1) -> cell(units) -> RepeatVector(horizon)
                                     -> cell(units, return_sequences) -> Dense(1) -> y_hat (N, horizon)

With ``horizon=1`` the first is the one-step network of notebooks 09-11; with ``horizon=H`` it is
the *direct* multi-step network (one output per future step); the second is the
*sequence-to-sequence* network, whose decoder runs over the H future steps. The forecasters that
train them live in :mod:`utils.forecasting.keras_forecaster` and :mod:`utils.forecasting.multistep`.

:func:`train_network` trains with Adam and the mean squared error (or a model that the learner
built and compiled, notebooks 10-11), with early stopping on validation windows that the caller
takes from the validation part or from the end of the *training* part, never from the test part,
and keeps the weights of the best validation epoch. A backtest trains dozens of identical
networks, and TensorFlow spends most of a small network's training time *tracing* its training
step; so the compiled networks are kept in :data:`COMPILED` (a :class:`CompiledNetworks`), one
per configuration, and reused: weights re-drawn from the seed and optimizer reset before every
training. The result is the same as for a brand-new network (the tests check it);
``COMPILED.clear()`` frees them. Used from notebook 10 (with a learner's ``build(window)``) and
in notebook 12.
"""

from __future__ import annotations

import numpy as np

from utils import checks
from utils.notebook_setup import import_tensorflow_quietly

import_tensorflow_quietly()  # before Keras: TensorFlow's start-up noise stays out of the notebook
import keras  # noqa: E402

from utils.training_progress import TrainingProgress  # noqa: E402

__all__ = ["CELL_NAMES", "COMPILED", "CompiledNetworks", "build_network", "predict_network",
           "train_network"]

#: Display names of the recurrent layers, by the names the course uses for them.
CELL_NAMES = {"simplernn": "SimpleRNN", "lstm": "LSTM", "gru": "GRU"}
_LAYERS = {"simplernn": keras.layers.SimpleRNN, "lstm": keras.layers.LSTM, "gru": keras.layers.GRU}
_ARCHITECTURES = ("one_output", "seq2seq")


def build_network(cell: str, window: int, units: int = 16, horizon: int = 1,
                  architecture: str = "one_output") -> keras.Model:
    """An uncompiled forecasting network (see the module docstring), input (N, window, 1).

    Parameters
    ----------
    cell : "simplernn", "lstm" or "gru"
    window : int, past steps per input;  units : int, hidden size H of each recurrent layer
    horizon : int, future steps predicted at once;  architecture : "one_output" or "seq2seq"

    Returns
    -------
    keras.Model mapping (N, window, 1) to (N, horizon)
    """
    _check_config(cell, window, units, horizon, architecture)
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


class CompiledNetworks:
    """The compiled network of each configuration, built once and reused (see the module docstring).

    ``get(config, learning_rate)`` returns the compiled Keras model for ``config`` (the arguments
    of :func:`build_network`, as a dict) with Adam(``learning_rate``) and the MSE loss, its
    optimizer reset to a fresh state (step 0, zero moments); the caller sets the weights.
    ``clear()`` forgets every network (memory is freed; the next ``get`` builds anew).
    The one instance the course uses is :data:`COMPILED`.
    """

    def __init__(self) -> None:
        self._networks: dict[tuple, tuple[keras.Model, list[np.ndarray]]] = {}

    def get(self, config: dict, learning_rate: float = 0.01) -> keras.Model:
        """The compiled network for ``config`` and ``learning_rate``, its optimizer reset."""
        _check_config_dict(config, "config")
        learning_rate = checks.finite_number(learning_rate, "learning_rate", low=0.0,
                                             low_open=True)
        key = (*sorted(config.items()), learning_rate)
        if key not in self._networks:
            net = build_network(**config)
            net.compile(optimizer=keras.optimizers.Adam(learning_rate), loss="mse")
            net.optimizer.build(net.trainable_variables)
            self._networks[key] = (net, [v.numpy() for v in net.optimizer.variables])
        net, initial = self._networks[key]
        for variable, value in zip(net.optimizer.variables, initial, strict=True):
            variable.assign(value)  # step count 0, moments 0: a fresh Adam
        return net

    def clear(self) -> None:
        """Forget every compiled network."""
        self._networks.clear()

    def __len__(self) -> int:
        return len(self._networks)


#: The compiled networks of this process, shared by :func:`train_network` and
#: :func:`predict_network`; ``COMPILED.clear()`` frees them.
COMPILED = CompiledNetworks()


def train_network(network, X, y, X_val, y_val, *, seed: int, epochs: int = 40,
                  patience: int = 4, batch_size: int = 32, learning_rate: float = 0.01,
                  label: str = "", show_progress: bool | None = None):
    """Train a fresh network from ``seed``, with early stopping on the validation windows.

    ``network`` is a config (a dict of the arguments of :func:`build_network`: the compiled
    network for that config is reused, Adam(``learning_rate``) and MSE) or a callable
    ``build(window) -> keras.Model`` that returns a compiled model (the learner's own code,
    built anew; ``learning_rate`` is then the one it compiled with). ``X`` (N, window, 1) and
    ``y`` (N, horizon) train it; ``X_val`` (M, window, 1), ``y_val`` (M, horizon) (never from the
    test part) decide when to stop: after ``patience`` epochs without a lower validation loss,
    keeping the best epoch's weights. ``seed`` fixes the initial weights and the shuffling.

    Returns
    -------
    net : the trained keras.Model (a config's network is shared: keep ``net.get_weights()``)
    history : dict of per-epoch losses
    """
    seed = checks.seed(seed)
    epochs = checks.positive_int(epochs, "epochs")
    patience = checks.positive_int(patience, "patience")
    batch_size = checks.positive_int(batch_size, "batch_size")
    learning_rate = checks.finite_number(learning_rate, "learning_rate", low=0.0, low_open=True)
    label = checks.text(label, "label", empty=True)
    if show_progress is not None:
        checks.boolean(show_progress, "show_progress")
    X, y, X_val, y_val = _check_windows(X, y, X_val, y_val)
    if isinstance(network, dict):
        _check_config_dict(network, "network", X.shape[1], y.shape[1])
    else:
        checks.function(network, "network", signature="a config dict or build(window)")
    keras.utils.set_random_seed(seed)
    net = _fresh_network(network, X.shape[1], y.shape[1], learning_rate)
    stop = keras.callbacks.EarlyStopping(patience=patience, restore_best_weights=True)
    progress = TrainingProgress(epochs, label=label, show=show_progress)
    train, steps, val = _datasets(X, y, X_val, y_val, batch_size, seed)
    # shuffle=False: the dataset reshuffles itself, from ``seed``, every pass
    fitted = net.fit(train, steps_per_epoch=steps, validation_data=val, validation_steps=1,
                     epochs=epochs, shuffle=False, verbose=0, callbacks=[stop, progress])
    return net, dict(fitted.history)


def predict_network(network, weights: list, X, learning_rate: float = 0.01) -> np.ndarray:
    """Outputs (N, horizon) of ``network`` (a config, or a keras.Model) with ``weights`` (the
    list of ``get_weights()``), for inputs ``X`` (N, window, 1)."""
    if isinstance(network, dict):
        _check_config_dict(network, "network")
        net = COMPILED.get(network, learning_rate)
    elif isinstance(network, keras.Model):
        net = network
    else:
        raise TypeError(f"network must be a config dict or a keras.Model, got "
                        f"{type(network).__name__}")
    if not isinstance(weights, list) or [np.shape(w) for w in weights] != \
            [tuple(w.shape) for w in net.weights]:
        raise ValueError("weights must be the list of arrays of get_weights() of this network, "
                         f"with shapes {[tuple(w.shape) for w in net.weights]}")
    X = checks.float_array(X, "X", shape=("N", net.inputs[0].shape[1], 1))
    net.set_weights(weights)
    # predict_on_batch: one call of the traced network; predict() would also build a dataset
    # pipeline per call, which costs 50 times more for the handful of windows we predict
    return np.asarray(net.predict_on_batch(_f32(X)), dtype=float)  # (N, horizon)


def _check_config(cell, window, units, horizon, architecture) -> None:
    checks.one_of(cell, "cell", _LAYERS)
    for name, value in (("window", window), ("units", units), ("horizon", horizon)):
        checks.positive_int(value, name)
    checks.one_of(architecture, "architecture", _ARCHITECTURES)


def _check_config_dict(config, name: str, window: int | None = None,
                       horizon: int | None = None) -> None:
    """A dict of the arguments of build_network, valid, matching the windows' shapes if given."""
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


def _check_windows(X, y, X_val, y_val):
    """Training and validation windows, (N, window, 1), (N, horizon) and (M, ...) alike."""
    X = checks.float_array(X, "X", ndim=3)
    if X.shape[2] != 1:
        raise ValueError(f"X must have shape (N, window, 1), got {X.shape}")
    y = checks.float_array(y, "y", ndim=2)
    if len(y) != len(X):
        raise ValueError(f"y must have one row per window of X ({len(X)}), got {y.shape}")
    X_val = checks.float_array(X_val, "X_val", shape=("M", X.shape[1], 1), min_size=0)
    if len(X_val) == 0:
        raise ValueError("X_val must hold at least one validation window, got none")
    y_val = checks.float_array(y_val, "y_val", shape=(len(X_val), y.shape[1]))
    return X, y, X_val, y_val


def _fresh_network(network, window: int, horizon: int, learning_rate: float) -> keras.Model:
    """A compiled network with initial weights drawn now (the caller has just seeded Keras)."""
    if isinstance(network, dict):
        fresh = build_network(**network)  # initial weights drawn from the seed
        net = COMPILED.get(network, learning_rate)
        net.set_weights(fresh.get_weights())
        return net
    net = network(window)
    _check_built_model(net, window, horizon)
    return net


def _check_built_model(net, window: int, horizon: int) -> None:
    """Raise unless ``net`` is a compiled keras.Model mapping (N, window, 1) to (N, horizon)."""
    if not isinstance(net, keras.Model):
        raise TypeError(f"build(window) must return a keras.Model, got {type(net).__name__}")
    if not net.compiled:
        raise ValueError("build(window) must return a compiled model: call "
                         "model.compile(optimizer=..., loss='mse') before returning it")
    out = tuple(net(np.zeros((1, window, 1), dtype="float32")).shape)
    if out != (1, horizon):
        raise ValueError(f"build(window) must return a model mapping (N, {window}, 1) to "
                         f"(N, {horizon}), got output shape {out} for N = 1")


def _datasets(X, y, X_val, y_val, batch_size: int, seed: int):
    """Endless training batches (reshuffled every pass) and the validation set as one batch.

    One pass over the training windows is one epoch (``steps`` batches). Endless datasets let
    Keras keep one iterator for the whole training instead of building two every epoch, which
    on a small network is a third of the training time.
    """
    tf = import_tensorflow_quietly()
    train = (tf.data.Dataset.from_tensor_slices((_f32(X), _f32(y)))
             .shuffle(len(X), seed=int(seed), reshuffle_each_iteration=True)
             .batch(batch_size).repeat())
    val = tf.data.Dataset.from_tensors((_f32(X_val), _f32(y_val))).repeat()
    return train, -(-len(X) // batch_size), val


def _f32(values) -> np.ndarray:
    return np.asarray(values, dtype="float32")
