"""Keras networks for forecasting: one recurrent layer (SimpleRNN, LSTM or GRU) and a linear head.

    one output     x (N, window, 1) -> cell(units) -> Dense(horizon)              -> y_hat (N, horizon)
    encoder-decoder x (N, window, 1) -> cell(units) -> RepeatVector(horizon)
                                     -> cell(units, return_sequences) -> Dense(1) -> y_hat (N, horizon)

With ``horizon=1`` the first is the one-step network of notebooks 08-10; with ``horizon=H`` it is
the *direct* multi-step network (one output per future step); the second is the
*sequence-to-sequence* network, whose decoder runs over the H future steps. The forecasters that
train them live in :mod:`utils.forecasting.keras_forecaster` and :mod:`utils.forecasting.multistep`.

:func:`train_network` trains with Adam and the mean squared error (or a model that the learner
built and compiled, notebooks 09-10), with early stopping on validation windows that the caller
takes from the validation part or from the end of the *training* part, never from the test part,
and keeps the weights of the best validation epoch. A backtest trains dozens of identical
networks, and TensorFlow spends most of a small network's training time *tracing* its training
step; so the compiled network for one configuration is built once per process and reused, its
weights re-drawn from the seed and its optimizer reset before every training. The result is the
same as for a brand-new network (the tests check it). Used from notebook 09 (with a learner's
``build(window)``) and in notebook 11.
"""

from __future__ import annotations

import numpy as np

from utils.notebook_setup import import_tensorflow_quietly

import_tensorflow_quietly()  # before Keras: TensorFlow's start-up noise stays out of the notebook
import keras  # noqa: E402

from utils.training_progress import TrainingProgress  # noqa: E402

#: The recurrent layers by the names the course uses for them.
CELLS = {"simplernn": keras.layers.SimpleRNN, "lstm": keras.layers.LSTM, "gru": keras.layers.GRU}
#: Display names for tables and legends.
CELL_NAMES = {"simplernn": "SimpleRNN", "lstm": "LSTM", "gru": "GRU"}
ARCHITECTURES = ("one_output", "seq2seq")

_WORKSPACES: dict[tuple, tuple[keras.Model, list[np.ndarray]]] = {}


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
    check_config(cell, window, units, horizon, architecture)
    layer = CELLS[cell]
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


def check_config(cell: str, window: int, units: int = 16, horizon: int = 1,
                 architecture: str = "one_output") -> None:
    """Raise ``ValueError`` naming the argument unless these are valid for :func:`build_network`."""
    if cell not in CELLS:
        raise ValueError(f"cell must be one of {sorted(CELLS)}, got {cell!r}")
    for name, value in (("window", window), ("units", units), ("horizon", horizon)):
        _positive_int(value, name)
    if architecture not in ARCHITECTURES:
        raise ValueError(f"architecture must be one of {ARCHITECTURES}, got {architecture!r}")


def train_network(network, X, y, X_val, y_val, *, seed: int, epochs: int = 40,
                  patience: int = 4, batch_size: int = 32, learning_rate: float = 0.01,
                  label: str = "", show_progress: bool | None = None):
    """Train a fresh network from ``seed``, with early stopping on the validation windows.

    ``network`` is a config (a dict of the arguments of :func:`build_network`: the compiled
    network for that config is reused, Adam(``learning_rate``) and MSE) or a callable
    ``build(window) -> keras.Model`` that returns a compiled model (the learner's own code,
    built anew; ``learning_rate`` is then the one it compiled with). ``X`` (N, window, 1) and
    ``y`` (N, horizon) train it; ``X_val``, ``y_val`` (never from the test part) decide when to
    stop: after ``patience`` epochs without a lower validation loss, keeping the best epoch's
    weights. ``seed`` fixes the initial weights and the shuffling.

    Returns
    -------
    net : the trained keras.Model (a config's network is shared: keep ``net.get_weights()``)
    history : dict of per-epoch losses
    """
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise ValueError(f"seed must be a non-negative int, got {seed!r}")
    _positive_int(epochs, "epochs")
    _positive_int(patience, "patience")
    if len(X_val) == 0:
        raise ValueError("X_val must hold at least one validation window, got none")
    keras.utils.set_random_seed(int(seed))
    net = _fresh_network(network, np.shape(X)[1], np.shape(y)[1], learning_rate)
    stop = keras.callbacks.EarlyStopping(patience=patience, restore_best_weights=True)
    progress = TrainingProgress(epochs, label=label, show=show_progress)
    train, steps, val = _datasets(X, y, X_val, y_val, _positive_int(batch_size, "batch_size"), seed)
    # shuffle=False: the dataset reshuffles itself, from ``seed``, every pass
    fitted = net.fit(train, steps_per_epoch=steps, validation_data=val, validation_steps=1,
                     epochs=epochs, shuffle=False, verbose=0, callbacks=[stop, progress])
    return net, dict(fitted.history)


def _fresh_network(network, window: int, horizon: int, learning_rate: float) -> keras.Model:
    """A compiled network with initial weights drawn now (the caller has just seeded Keras)."""
    if isinstance(network, dict):
        fresh = build_network(**network)  # initial weights drawn from the seed
        net = _workspace(network, learning_rate)
        net.set_weights(fresh.get_weights())
        return net
    net = network(window)
    check_built_model(net, window, horizon)
    return net


def check_built_model(net, window: int, horizon: int) -> None:
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


def predict_network(network, weights: list, X, learning_rate: float = 0.01) -> np.ndarray:
    """Outputs (N, horizon) of ``network`` (a config, or a keras.Model) with ``weights``, for
    inputs (N, window, 1)."""
    net = network if isinstance(network, keras.Model) else _workspace(network, learning_rate)
    net.set_weights(weights)
    # predict_on_batch: one call of the traced network; predict() would also build a dataset
    # pipeline per call, which costs 50 times more for the handful of windows we predict
    return np.asarray(net.predict_on_batch(_f32(X)), dtype=float)  # (N, horizon)


def _workspace(config: dict, learning_rate: float) -> keras.Model:
    """The compiled network for ``config``, built once per process; its optimizer state reset."""
    key = (*sorted(config.items()), float(learning_rate))
    if key not in _WORKSPACES:
        net = build_network(**config)
        net.compile(optimizer=keras.optimizers.Adam(learning_rate), loss="mse")
        net.optimizer.build(net.trainable_variables)
        _WORKSPACES[key] = (net, [v.numpy() for v in net.optimizer.variables])
    net, initial = _WORKSPACES[key]
    for variable, value in zip(net.optimizer.variables, initial, strict=True):
        variable.assign(value)  # step count 0, moments 0: a fresh Adam
    return net


def _positive_int(value, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
        raise ValueError(f"{name} must be a positive int, got {value!r}")
    return int(value)


def _f32(values) -> np.ndarray:
    return np.asarray(values, dtype="float32")
