"""Tests for the network options of notebook 13 in utils.forecasting.networks and .training:
several input series (``features``), the stacked architecture, dropout seeded per training, the
Conv1D network; their initial weights, and the compiled loop equal to model.fit bit for bit."""

import numpy as np
import pytest

from utils.notebook_setup import import_tensorflow_quietly

import_tensorflow_quietly()
import keras  # noqa: E402

from utils.forecasting.networks import DEFAULTS, build_network, check_config, initial_weights  # noqa: E402
from utils.forecasting.training import (  # noqa: E402
    COMPILED,
    predict_network,
    train_network,
)

CONFIGS = [
    {"cell": "gru", "window": 5, "units": 3, "features": 4},
    {"cell": "lstm", "window": 5, "units": 3, "features": 2, "architecture": "stacked"},
    {"cell": "simplernn", "window": 5, "units": 3, "features": 3, "architecture": "seq2seq",
     "horizon": 2},
    {"cell": "gru", "window": 5, "units": 3, "features": 2, "architecture": "stacked",
     "dropout": 0.3, "recurrent_dropout": 0.2},
    {"cell": "conv1d", "window": 5, "units": 3, "features": 4, "kernel_size": 2, "horizon": 2},
]


def windows(config, n=70, seed=0):
    """Inputs (n, window, D) and targets (n, horizon) that depend on several inputs."""
    full = {**DEFAULTS, **config}
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, full["window"], full["features"]))
    y = (X[:, -1, :1] * 0.5 - X[:, -2, -1:] * 0.3).repeat(full["horizon"], axis=1)
    return X, y


@pytest.mark.parametrize("config", CONFIGS)
def test_shapes_and_initial_weights_follow_the_config(config):
    full = {**DEFAULTS, **config}
    net = build_network(**config)
    out = net(np.zeros((2, full["window"], full["features"]), dtype="float32"))
    assert tuple(out.shape) == (2, full["horizon"])
    weights = initial_weights(config, seed=1)
    assert [w.shape for w in weights] == [w.shape for w in net.get_weights()]
    assert all(w.dtype == np.float32 for w in weights)
    assert all(np.array_equal(a, b) for a, b in zip(weights, initial_weights(config, 1),
                                                        strict=True))


def test_one_feature_draws_the_weights_of_before():
    """features=1 is the network of notebooks 09-12: the same weights from the same seed."""
    for cell in ("simplernn", "lstm", "gru"):
        a = initial_weights({"cell": cell, "window": 4, "units": 3}, seed=5)
        b = initial_weights({"cell": cell, "window": 4, "units": 3, "features": 1}, seed=5)
        assert all(np.array_equal(x, y) for x, y in zip(a, b, strict=True))


def test_stacked_layers_feed_their_sequence_to_the_next():
    net = build_network("gru", 6, units=4, architecture="stacked", features=3)
    first, second = net.get_layer("gru_1"), net.get_layer("gru_2")
    assert first.return_sequences and not second.return_sequences
    assert tuple(first.output.shape) == (None, 6, 4)  # h_1 .. h_T, the second layer's input
    assert net.get_layer("gru_2").get_weights()[0].shape == (4, 12)  # W_x: H -> 3H


def test_conv1d_slides_filters_and_flattens_positions():
    net = build_network("conv1d", 8, units=16, features=4, kernel_size=3)
    conv = net.get_layer("conv1d")
    assert conv.get_weights()[0].shape == (3, 4, 16)  # (kernel_size, D, filters)
    assert tuple(net.get_layer("flatten").output.shape) == (None, 6 * 16)
    assert net.count_params() == 3 * 4 * 16 + 16 + 6 * 16 + 1
    w = initial_weights({"cell": "conv1d", "window": 8, "units": 16, "features": 4}, seed=0)
    limit = np.sqrt(6 / (3 * 4 + 3 * 16))  # Keras' Glorot fans of a Conv1D kernel
    assert np.abs(w[0]).max() <= limit and np.abs(w[0]).max() > 0.9 * limit


def test_dropout_is_part_of_the_layers_and_off_at_prediction():
    net = build_network("gru", 5, units=3, architecture="stacked", features=2, dropout=0.5,
                        recurrent_dropout=0.5)
    for name in ("gru_1", "gru_2"):
        cell = net.get_layer(name).cell
        assert (cell.dropout, cell.recurrent_dropout) == (0.5, 0.5)
    x = np.random.default_rng(0).normal(size=(4, 5, 2)).astype("float32")
    np.testing.assert_array_equal(net(x, training=False), net(x, training=False))
    assert not np.allclose(net(x, training=True), net(x, training=False))


def fit_like_keras(config, weights, X, y, epochs, seed=None):
    """A brand-new network with ``weights`` (and dropout seeds set like train_network's),
    trained by model.fit without shuffling, validated on the first 5 windows after each epoch."""
    net = build_network(**config)
    net.set_weights(weights)
    if seed is not None:
        # the same states as train_network sets (CompiledNetwork.reset)
        states = [v for v in net.variables if v.path.endswith("seed_generator_state")]
        draws = np.random.default_rng([seed, 1]).integers(2**31, size=len(states))
        for variable, draw in zip(states, draws, strict=True):
            variable.assign(np.array([draw, 0], dtype=variable.dtype))
    net.compile(optimizer=keras.optimizers.Adam(0.01), loss="mse")
    # with the validation pass of the compiled epoch: a call of the network at inference
    # also advances the dropout layers' seed generators (the masks go unused)
    history = net.fit(X.astype("float32"), y.astype("float32"), batch_size=32, epochs=epochs,
                      shuffle=False, verbose=0,
                      validation_data=(X[:5].astype("float32"), y[:5].astype("float32")))
    return net, history.history["loss"]


@pytest.mark.parametrize("config", CONFIGS[:2] + CONFIGS[3:])
def test_the_compiled_epoch_is_model_fit_bit_for_bit_dropout_included(config):
    X, y = windows(config)
    start = initial_weights(config, seed=3)
    fresh, losses = fit_like_keras(config, start, X, y, epochs=3, seed=7)
    compiled = COMPILED.get(config, 0.01)
    compiled.reset(start, seed=7)
    order = np.arange(len(X), dtype="int32")
    tensors = [np.asarray(a, dtype="float32") for a in (X, y, X[:5], y[:5])]
    ours = [float(compiled.epoch(*tensors, order, 32)[0]) for _ in range(3)]
    np.testing.assert_allclose(ours, losses, rtol=1e-6)
    for a, b in zip(compiled.model.get_weights(), fresh.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)


def test_dropout_masks_come_from_the_training_seed():
    config = CONFIGS[3]
    X, y = windows(config)
    run = [train_network(config, X[:60], y[:60], X[60:], y[60:], seed=s, epochs=3)
           for s in (4, 4, 5)]
    assert run[0][1] == run[1][1]  # same seed, same masks, same losses
    assert run[0][1]["loss"] != run[2][1]["loss"]
    np.testing.assert_array_equal(run[0][0][0], run[1][0][0])
    # only the masks differ between two seeds' first epochs when the weights are the same
    compiled = COMPILED.get(config, 0.01)
    first = []
    for seed in (4, 5):
        compiled.reset(initial_weights(config, 4), seed=seed)
        first.append(float(compiled.epoch(*[np.asarray(a, "float32") for a in
                                            (X, y, X[:5], y[:5])],
                                          np.arange(70, dtype="int32"), 32)[0]))
    assert first[0] != first[1]


def test_without_dropout_the_seed_generators_change_nothing():
    config = CONFIGS[0]
    X, y = windows(config)
    compiled = COMPILED.get(config, 0.01)
    losses = []
    for seed in (None, 1, 2):
        compiled.reset(initial_weights(config, 0), seed=seed)
        losses.append(float(compiled.epoch(*[np.asarray(a, "float32") for a in
                                             (X, y, X[:5], y[:5])],
                                           np.arange(70, dtype="int32"), 32)[0]))
    assert losses[0] == losses[1] == losses[2]


def test_predictions_of_several_features_match_a_fresh_network():
    config = CONFIGS[4]
    X, y = windows(config)
    weights, history, _ = train_network(config, X[:60], y[:60], X[60:], y[60:], seed=0, epochs=2)
    fresh = build_network(**config)
    fresh.set_weights(weights)
    np.testing.assert_allclose(predict_network(config, weights, X[:4]),
                               fresh.predict(X[:4].astype("float32"), verbose=0), rtol=1e-5)


def test_a_conv1d_network_is_compiled_per_window_a_recurrent_one_is_not():
    a = COMPILED.get({"cell": "conv1d", "window": 4, "units": 2}, 0.01)
    b = COMPILED.get({"cell": "conv1d", "window": 5, "units": 2}, 0.01)
    assert a is not b and a.model.inputs[0].shape[1] == 4
    c = COMPILED.get({"cell": "gru", "window": 4, "units": 2, "features": 3}, 0.01)
    assert c is COMPILED.get({"cell": "gru", "window": 9, "units": 2, "features": 3}, 0.01)
    assert c is not COMPILED.get({"cell": "gru", "window": 4, "units": 2}, 0.01)


@pytest.mark.parametrize(("kwargs", "error", "match"), [
    ({"cell": "conv"}, ValueError, "cell must be one of"),
    ({"features": 0}, ValueError, "features must be a positive int"),
    ({"features": 2.0}, TypeError, "features must be a positive int"),
    ({"dropout": 1.0}, ValueError, "dropout must be"),
    ({"recurrent_dropout": -0.1}, ValueError, "recurrent_dropout must be"),
    ({"dropout": "0.2"}, TypeError, "dropout must be"),
    ({"architecture": "deep"}, ValueError, "architecture must be one of"),
    ({"cell": "conv1d", "architecture": "stacked"}, ValueError, "a conv1d network"),
    ({"cell": "conv1d", "dropout": 0.1}, ValueError, "a conv1d network"),
    ({"cell": "conv1d", "kernel_size": 9}, ValueError, "kernel_size must be at most the window"),
    ({"cell": "conv1d", "window": None}, TypeError, "window must be a positive int"),
    ({"kernel_size": 0}, ValueError, "kernel_size must be a positive int"),
])
def test_build_network_refuses_bad_options(kwargs, error, match):
    args = {"cell": "gru", "window": 4, "units": 2} | kwargs
    with pytest.raises(error, match=match):
        build_network(**args)


def test_windows_must_match_the_config():
    config = {"cell": "gru", "window": 5, "units": 2, "features": 3}
    X, y = windows(config)
    with pytest.raises(ValueError, match="network must match the windows' 2 feature"):
        train_network(config, X[:, :, :2], y, X[:, :, :2], y, seed=0)
    with pytest.raises(ValueError, match=r"X_val must have shape \(M, 5, 3\)"):
        train_network(config, X, y, X[:, :, :2], y, seed=0)
    with pytest.raises(ValueError, match=r"X must have shape \(N, 5, 3\)"):
        predict_network(config, initial_weights(config, 0), X[:, :, :1])
    with pytest.raises(ValueError, match="network must match the windows' 1 feature"):
        check_config(config, "network", 5, 1, 1)
    with pytest.raises(ValueError, match="optionally 'units'"):
        check_config({"cell": "gru", "window": 5, "layers": 2}, "network")
