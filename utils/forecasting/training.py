"""Training a forecasting network: the algorithm of ``model.fit``, compiled one epoch at a time.

What :func:`train_network` does, for a network of :func:`~utils.forecasting.networks.build_network`::

    weights <- the initial weights drawn from seed (Keras' initialisers)
    for each epoch, until `epochs` or early stopping:
        shuffle the training windows (a permutation drawn from seed)
        for each batch (X_b, y_b) of `batch_size` windows, in that order:
            L = mean over samples and outputs of (net(X_b) - y_b)^2      (Keras' MSE;
                                           dropout masks, if any, drawn from seed too)
            one Adam(learning_rate) step on dL/dθ
        the validation loss on (X_val, y_val)
        stop after `patience` epochs without a lower validation loss
    keep the weights of the epoch with the lowest validation loss

That is what ``model.fit(..., callbacks=[EarlyStopping(patience, restore_best_weights=True)])``
does, and with the same batch order the two give the same weights bit for bit (a test checks
it). Why not call ``fit``? For the course's small networks ``fit`` spends about 50-90 ms per
epoch on bookkeeping (callbacks, data iterators, a separate validation pass) while the epoch's
arithmetic takes about 3 ms. Notebook 12 trains over a hundred networks, so each network
configuration is compiled once (:data:`COMPILED`), with a window length left open so that one
compiled function serves every window (a Conv1D network is compiled once per window: its head
reads every position of the window), and the loop above runs one compiled call per epoch.

Randomness comes from ``seed`` alone, without re-seeding TensorFlow: the initial weights are
drawn with NumPy (:func:`~utils.forecasting.networks.initial_weights`), the batch order too, and the dropout masks come from
the layers' own seed generators, whose states are set from ``seed`` before each training.
(``tf.random.set_seed`` would make the next call of a compiled function run several times
slower.) Windows may hold several input series, (N, window, D) with D = ``features``.

A network the learner builds and compiles (``build(window) -> keras.Model``, notebooks 10-11)
trains with ``model.fit`` itself, the code the learner reads.
"""

from __future__ import annotations

import numpy as np

from utils import checks
from utils.forecasting.networks import DEFAULTS, build_network, check_config, initial_weights
from utils.notebook_setup import import_tensorflow_quietly

tf = import_tensorflow_quietly()  # before Keras: TensorFlow's start-up noise stays out
import keras  # noqa: E402

from utils.training_progress import TrainingProgress  # noqa: E402

__all__ = ["COMPILED", "CompiledNetwork", "CompiledNetworks", "training_settings", "predict_network",
           "train_network"]


class CompiledNetwork:
    """One network configuration compiled once: its model (any window length, except a Conv1D's),
    Adam, and the traced epoch and prediction functions. ``reset(weights, seed)`` starts a fresh
    training."""

    def __init__(self, config: dict, learning_rate: float) -> None:
        check_config(config, "config")
        learning_rate = checks.finite_number(learning_rate, "learning_rate", low=0.0,
                                             low_open=True)
        config = {**DEFAULTS, **config}
        window = config.pop("window") if config["cell"] == "conv1d" else None  # None: any
        config.pop("window", None)
        self.model = build_network(window=window, **config)  # (N, window, D) -> (N, horizon)
        self.optimizer = keras.optimizers.Adam(learning_rate)
        self.optimizer.build(self.model.trainable_variables)
        self._fresh_state = [v.numpy() for v in self.optimizer.variables]
        horizon = self.model.outputs[0].shape[1]
        windows = tf.TensorSpec([None, window, config["features"]], tf.float32)
        targets = tf.TensorSpec([None, horizon], tf.float32)
        index = tf.TensorSpec([None], tf.int32)
        self.epoch = tf.function(self._epoch, input_signature=[
            windows, targets, windows, targets, index, tf.TensorSpec([], tf.int32)])
        self.predict = tf.function(lambda X: self.model(X, training=False),
                                   input_signature=[windows])

    def reset(self, weights: list[np.ndarray], seed: int | None = None) -> None:
        """Set the model's weights and give it a fresh Adam (step 0, zero moments); with a
        ``seed``, also set its dropout layers' seed generators from it (one state each)."""
        self.model.set_weights(weights)
        for variable, value in zip(self.optimizer.variables, self._fresh_state, strict=True):
            variable.assign(value)
        if seed is not None:
            states = [v for v in self.model.variables if v.path.endswith("seed_generator_state")]
            draws = np.random.default_rng([checks.seed(seed), 1]).integers(2**31, size=len(states))
            for variable, draw in zip(states, draws, strict=True):
                variable.assign(np.array([draw, 0], dtype=variable.dtype))

    def _epoch(self, X, y, X_val, y_val, order, batch_size):
        """One epoch: Adam steps on the batches of ``X[order]``; returns (loss, val_loss)."""
        n = tf.shape(X)[0]
        total = tf.constant(0.0)
        for start in tf.range(0, n, batch_size):
            batch = order[start : start + batch_size]
            X_b, y_b = tf.gather(X, batch), tf.gather(y, batch)
            with tf.GradientTape() as tape:
                loss = tf.reduce_mean(tf.square(self.model(X_b, training=True) - y_b))
            grads = tape.gradient(loss, self.model.trainable_variables)
            self.optimizer.apply_gradients(zip(grads, self.model.trainable_variables, strict=True))
            total += loss * tf.cast(tf.shape(batch)[0], tf.float32)
        val_loss = tf.reduce_mean(tf.square(self.model(X_val, training=False) - y_val))
        return total / tf.cast(n, tf.float32), val_loss  # Keras' loss: mean over the epoch


class CompiledNetworks:
    """The compiled networks of this process, one per configuration and learning rate.

    ``get(config, learning_rate)`` returns the :class:`CompiledNetwork` (built and traced the
    first time; the window is not part of the key, except for a Conv1D: one compiled recurrent
    network serves every window);
    ``clear()`` forgets them all (memory is freed; the next ``get`` compiles anew). The one
    instance the course uses is :data:`COMPILED`.
    """

    def __init__(self) -> None:
        self._networks: dict[tuple, CompiledNetwork] = {}

    def get(self, config: dict, learning_rate: float = 0.01) -> CompiledNetwork:
        """The compiled network for ``config`` (the arguments of build_network, as a dict)."""
        check_config(config, "config")
        learning_rate = checks.finite_number(learning_rate, "learning_rate", low=0.0,
                                             low_open=True)
        full = {**DEFAULTS, **config}
        spec = {k: v for k, v in full.items() if k != "window" or full["cell"] == "conv1d"}
        key = (*sorted(spec.items()), learning_rate)
        if key not in self._networks:
            self._networks[key] = CompiledNetwork(full, learning_rate)
        return self._networks[key]

    def clear(self) -> None:
        """Forget every compiled network."""
        self._networks.clear()

    def __len__(self) -> int:
        return len(self._networks)


#: The compiled networks of this process; ``COMPILED.clear()`` frees them.
COMPILED = CompiledNetworks()


def training_settings(*, epochs: int, patience: int, batch_size: int, learning_rate: float,
                      seed: int, show_progress: bool | None) -> dict:
    """The keyword arguments of :func:`train_network` that a forecaster keeps, each checked
    (epochs, patience and batch_size ints >= 1, learning_rate a finite number > 0, seed an
    int >= 0, show_progress None or a bool)."""
    if show_progress is not None:
        checks.boolean(show_progress, "show_progress")
    return {
        "epochs": checks.positive_int(epochs, "epochs"),
        "patience": checks.positive_int(patience, "patience"),
        "batch_size": checks.positive_int(batch_size, "batch_size"),
        "learning_rate": checks.finite_number(learning_rate, "learning_rate", low=0.0,
                                              low_open=True),
        "seed": checks.seed(seed),
        "show_progress": show_progress,
    }


def train_network(network, X, y, X_val, y_val, *, seed: int, epochs: int = 40,
                  patience: int = 4, batch_size: int = 32, learning_rate: float = 0.01,
                  label: str = "", show_progress: bool | None = None):
    """Train a fresh network from ``seed``, with early stopping on the validation windows.

    Parameters
    ----------
    network : dict or callable
        A config (the arguments of :func:`~utils.forecasting.networks.build_network`): trained
        by the compiled loop of the module docstring with Adam(``learning_rate``) and the MSE.
        Or ``build(window) -> keras.Model``, the learner's compiled model, built anew and
        trained with ``model.fit`` (``learning_rate`` is then the one it compiled with).
    X, y : arrays (N, window, D) and (N, horizon)
        The training windows (D input series per step, the config's ``features``) and their
        targets.
    X_val, y_val : arrays (M, window, D) and (M, horizon)
        Validation windows (never from the test part): they decide when to stop.
    seed : int >= 0
        Fixes the initial weights, the shuffling and the dropout masks.
    epochs, patience, batch_size : int >= 1;  learning_rate : float > 0
    label, show_progress : the live display of :mod:`utils.training_progress`

    Returns
    -------
    weights : list of arrays, the trained weights (those of the best validation epoch)
    history : dict with the per-epoch "loss" and "val_loss"
    model : the keras.Model (for a config: the shared compiled model, now holding ``weights``)
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
    progress = TrainingProgress(epochs, label=label, show=show_progress)
    if not isinstance(network, dict):
        checks.function(network, "network", signature="a config dict or build(window)")
        return _fit_learner_model(network, X, y, X_val, y_val, seed, epochs, patience,
                                  batch_size, progress)
    check_config(network, "network", X.shape[1], y.shape[1], X.shape[2])
    compiled = COMPILED.get(network, learning_rate)
    compiled.reset(initial_weights(network, seed), seed)
    return _train_compiled(compiled, X, y, X_val, y_val, seed, epochs, patience, batch_size,
                           progress)


def _train_compiled(compiled, X, y, X_val, y_val, seed, epochs, patience, batch_size, progress):
    """The loop of the module docstring, with Keras' EarlyStopping rules."""
    rng = np.random.default_rng(seed)
    tensors = [tf.constant(a, tf.float32) for a in (X, y, X_val, y_val)]
    history = {"loss": [], "val_loss": []}
    best, best_weights, wait = np.inf, None, 0
    progress.on_train_begin()
    for epoch in range(epochs):
        order = tf.constant(rng.permutation(len(X)), tf.int32)
        loss, val_loss = (float(v) for v in compiled.epoch(*tensors, order, batch_size))
        history["loss"].append(loss)
        history["val_loss"].append(val_loss)
        progress.on_epoch_end(epoch, {"loss": loss, "val_loss": val_loss})
        wait += 1
        if val_loss < best:
            best, best_weights, wait = val_loss, compiled.model.get_weights(), 0
        elif wait >= patience and epoch > 0:
            break
    progress.on_train_end()
    compiled.model.set_weights(best_weights)
    return best_weights, history, compiled.model


def _fit_learner_model(build, X, y, X_val, y_val, seed, epochs, patience, batch_size, progress):
    """The learner's compiled model, trained with model.fit and EarlyStopping."""
    keras.utils.set_random_seed(seed)
    net = build(X.shape[1])
    _check_built_model(net, X.shape[1], y.shape[1], X.shape[2])
    stop = keras.callbacks.EarlyStopping(patience=patience, restore_best_weights=True)
    train, steps, val = _datasets(X, y, X_val, y_val, batch_size, seed)
    # shuffle=False: the dataset reshuffles itself, from ``seed``, every pass
    fitted = net.fit(train, steps_per_epoch=steps, validation_data=val, validation_steps=1,
                     epochs=epochs, shuffle=False, verbose=0, callbacks=[stop, progress])
    return net.get_weights(), dict(fitted.history), net


def predict_network(network, weights: list, X, learning_rate: float = 0.01) -> np.ndarray:
    """Outputs (N, horizon) of ``network`` (a config, or a keras.Model) with ``weights`` (the
    list of ``get_weights()``), for inputs ``X`` (N, window, D)."""
    if isinstance(network, dict):
        check_config(network, "network")
        compiled = COMPILED.get(network, learning_rate)
        net, window = compiled.model, network["window"]
        features = network.get("features", DEFAULTS["features"])
    elif isinstance(network, keras.Model):
        net, (_, window, features) = network, network.inputs[0].shape
    else:
        raise TypeError(f"network must be a config dict or a keras.Model, got "
                        f"{type(network).__name__}")
    if not isinstance(weights, list) or [np.shape(w) for w in weights] != \
            [tuple(w.shape) for w in net.weights]:
        raise ValueError("weights must be the list of arrays of get_weights() of this network, "
                         f"with shapes {[tuple(w.shape) for w in net.weights]}")
    X = checks.float_array(X, "X", shape=("N", window, features))
    net.set_weights(weights)
    if isinstance(network, dict):  # the traced prediction: one call, no retracing
        return np.asarray(compiled.predict(tf.constant(X, tf.float32)), dtype=float)
    # predict_on_batch: one call of the traced network; predict() would also build a dataset
    # pipeline per call, which costs 50 times more for the handful of windows we predict
    return np.asarray(net.predict_on_batch(X.astype("float32")), dtype=float)  # (N, horizon)


def _check_windows(X, y, X_val, y_val):
    """Training and validation windows, (N, window, D), (N, horizon) and (M, ...) alike."""
    X = checks.float_array(X, "X", ndim=3)
    y = checks.float_array(y, "y", ndim=2)
    if len(y) != len(X):
        raise ValueError(f"y must have one row per window of X ({len(X)}), got {y.shape}")
    X_val = checks.float_array(X_val, "X_val", shape=("M", *X.shape[1:]), min_size=0)
    if len(X_val) == 0:
        raise ValueError("X_val must hold at least one validation window, got none")
    y_val = checks.float_array(y_val, "y_val", shape=(len(X_val), y.shape[1]))
    return X, y, X_val, y_val


def _check_built_model(net, window: int, horizon: int, features: int = 1) -> None:
    """Raise unless ``net`` is a compiled keras.Model mapping (N, window, D) to (N, horizon)."""
    if not isinstance(net, keras.Model):
        raise TypeError(f"build(window) must return a keras.Model, got {type(net).__name__}")
    if not net.compiled:
        raise ValueError("build(window) must return a compiled model: call "
                         "model.compile(optimizer=..., loss='mse') before returning it")
    out = tuple(net(np.zeros((1, window, features), dtype="float32")).shape)
    if out != (1, horizon):
        raise ValueError(f"build(window) must return a model mapping (N, {window}, {features}) to "
                         f"(N, {horizon}), got output shape {out} for N = 1")


def _datasets(X, y, X_val, y_val, batch_size: int, seed: int):
    """For model.fit: endless training batches (reshuffled every pass) and the validation set as
    one batch, so that fit keeps one iterator for the whole training."""
    f32 = np.float32
    train = (tf.data.Dataset.from_tensor_slices((X.astype(f32), y.astype(f32)))
             .shuffle(len(X), seed=int(seed), reshuffle_each_iteration=True)
             .batch(batch_size).repeat())
    val = tf.data.Dataset.from_tensors((X_val.astype(f32), y_val.astype(f32))).repeat()
    return train, -(-len(X) // batch_size), val
