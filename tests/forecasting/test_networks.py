"""Tests for utils.forecasting.networks and utils.forecasting.keras_forecaster: shapes, the reused network equals a fresh
one, the forecasting interface with a named cell or a learner's build(window), scalers fitted on
the training part only, early stopping on validation (never test) data, and the errors."""

import numpy as np
import pandas as pd
import pytest

from utils.notebook_setup import import_tensorflow_quietly

import_tensorflow_quietly()
import keras  # noqa: E402

from utils.data import sine  # noqa: E402
from utils.forecasting.backtest import backtest, expanding_folds  # noqa: E402
from utils.forecasting.interface import Forecaster  # noqa: E402
from utils.forecasting.keras_forecaster import KerasForecaster  # noqa: E402
from utils.forecasting.networks import build_network, initial_weights  # noqa: E402
from utils.forecasting.training import (  # noqa: E402
    COMPILED,
    _datasets,
    predict_network,
    train_network,
)
from utils.timeseries.splits import chronological_split, tag  # noqa: E402

FAST = {"epochs": 2, "units": 4}


@pytest.mark.parametrize("cell", ["simplernn", "lstm", "gru"])
@pytest.mark.parametrize(("architecture", "horizon"), [("one_output", 1), ("one_output", 3),
                                                       ("seq2seq", 4)])
def test_build_network_shapes(cell, architecture, horizon):
    net = build_network(cell, window=5, units=3, horizon=horizon, architecture=architecture)
    out = net(np.zeros((2, 5, 1), dtype="float32"))
    assert tuple(out.shape) == (2, horizon)
    assert tuple(net.inputs[0].shape) == (None, 5, 1)


@pytest.mark.parametrize(("kwargs", "error", "match"), [
    ({"cell": "rnn"}, ValueError, "cell must be one of"), ({"window": 0}, ValueError, "window"),
    ({"units": 2.0}, TypeError, "units must be a positive int"),
    ({"horizon": -1}, ValueError, "horizon"),
    ({"architecture": "attention"}, ValueError, "architecture must be one of"),
])
def test_build_network_errors(kwargs, error, match):
    args = {"cell": "gru", "window": 4, "units": 2, "horizon": 1} | kwargs
    with pytest.raises(error, match=match):
        build_network(**args)


def data(n=40, window=4, horizon=1):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(n, window, 1))
    return X, X[:, -1, :1].repeat(horizon, axis=1) * 0.5


def fit_like_keras(config, weights, X, y, epochs, batch_size=32, learning_rate=0.01):
    """A brand-new network with ``weights``, trained by model.fit without shuffling."""
    net = build_network(**config)
    net.set_weights(weights)
    net.compile(optimizer=keras.optimizers.Adam(learning_rate), loss="mse")
    history = net.fit(X.astype("float32"), y.astype("float32"), batch_size=batch_size,
                      epochs=epochs, shuffle=False, verbose=0)
    return net, history.history["loss"]


@pytest.mark.parametrize(("cell", "architecture", "horizon"),
                         [("gru", "one_output", 1), ("lstm", "one_output", 3),
                          ("simplernn", "seq2seq", 2)])
def test_the_compiled_epoch_is_model_fit_bit_for_bit(cell, architecture, horizon):
    """The claim of utils.forecasting.training: with the same batch order, the same weights."""
    config = {"cell": cell, "window": 4, "units": 3, "horizon": horizon,
              "architecture": architecture}
    X, y = data(n=70, horizon=horizon)
    start = initial_weights(config, seed=3)
    fresh, losses = fit_like_keras(config, start, X, y, epochs=3)
    compiled = COMPILED.get(config, 0.01)
    compiled.reset(start)
    order = np.arange(len(X), dtype="int32")  # fit(shuffle=False): the batches in order
    tensors = [np.asarray(a, dtype="float32") for a in (X, y, X[:5], y[:5])]
    ours = [float(compiled.epoch(*tensors, order, 32)[0]) for _ in range(3)]
    np.testing.assert_allclose(ours, losses, rtol=1e-6)  # Keras logs a float32 running mean
    for a, b in zip(compiled.model.get_weights(), fresh.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)


def test_initial_weights_follow_keras_defaults_and_the_seed():
    config = {"cell": "lstm", "window": 4, "units": 3, "horizon": 2}
    w = initial_weights(config, seed=1)
    assert [a.shape for a in w] == [a.shape for a in build_network(**config).get_weights()]
    np.testing.assert_array_equal(w[2][3:6], np.ones(3))  # unit_forget_bias: forget bias 1
    assert all(np.array_equal(a, b) for a, b in zip(w, initial_weights(config, 1), strict=True))
    assert not np.array_equal(w[0], initial_weights(config, 2)[0])
    np.testing.assert_allclose(w[1] @ w[1].T, np.eye(3), atol=1e-6)  # orthonormal rows


def test_a_compiled_network_is_reused_and_trains_like_a_fresh_one():
    config = {"cell": "gru", "window": 4, "units": 3, "horizon": 1, "architecture": "one_output"}
    X, y = data()
    w1, h1, _ = train_network(config, X[:30], y[:30], X[30:], y[30:], seed=7, epochs=3)
    w2, h2, _ = train_network(config, X[:30], y[:30], X[30:], y[30:], seed=7, epochs=3)
    assert h1 == h2 and len(h1["loss"]) == 3
    for a, b in zip(w1, w2, strict=True):
        np.testing.assert_array_equal(a, b)
    assert len(COMPILED) >= 1
    COMPILED.clear()  # forgotten: the next training compiles anew, with the same result
    assert len(COMPILED) == 0
    w3, h3, _ = train_network(config, X[:30], y[:30], X[30:], y[30:], seed=7, epochs=3)
    assert h3 == h1 and len(COMPILED) == 1
    for a, b in zip(w1, w3, strict=True):
        np.testing.assert_array_equal(a, b)
    fresh = build_network(**config)
    fresh.set_weights(w1)
    np.testing.assert_allclose(predict_network(config, w1, X[:3]),
                               fresh.predict(X[:3].astype("float32"), verbose=0), rtol=1e-5)


def test_one_compiled_network_serves_every_window():
    a = COMPILED.get({"cell": "simplernn", "window": 3, "units": 2}, 0.01)
    b = COMPILED.get({"cell": "simplernn", "window": 9, "units": 2}, 0.01)
    assert a is b and a.model.inputs[0].shape[1] is None
    assert COMPILED.get({"cell": "simplernn", "window": 3, "units": 2}, 0.02) is not a
    with pytest.raises(ValueError, match="config must hold 'cell', 'window'"):
        COMPILED.get({"cell": "gru"}, 0.01)
    with pytest.raises(ValueError, match="learning_rate must be a number > 0"):
        COMPILED.get({"cell": "gru", "window": 3}, 0.0)


def test_early_stopping_keeps_the_best_epoch_like_keras():
    config = {"cell": "simplernn", "window": 4, "units": 2}
    X, y = data(n=70)
    # validation targets that only the first epochs fit: the loss then rises, training stops
    weights, history, _ = train_network(config, X[:60], y[:60], X[60:], -5 * y[60:], seed=0,
                                        epochs=50, patience=3, learning_rate=0.05)
    best = int(np.argmin(history["val_loss"]))
    assert len(history["val_loss"]) == best + 1 + 3  # stopped patience epochs after the best
    out = predict_network(config, weights, X[60:])
    val = float(np.mean((out - (-5 * y[60:])) ** 2))
    assert val == pytest.approx(history["val_loss"][best], rel=1e-5)  # the best epoch kept


def test_one_epoch_is_one_pass_over_the_training_windows():
    config = {"cell": "simplernn", "window": 4, "units": 2}
    X, y = data(n=70)
    _, steps, _ = _datasets(X[:65], y[:65], X[65:], y[65:], batch_size=32, seed=0)
    assert steps == 3  # 32 + 32 + 1 windows (the learner's model.fit)
    _, history, _ = train_network(config, X[:65], y[:65], X[65:], y[65:], seed=0, epochs=2)
    assert len(history["loss"]) == len(history["val_loss"]) == 2


def test_train_network_errors():
    config = {"cell": "lstm", "window": 4, "units": 2}
    X, y = data()
    with pytest.raises(ValueError, match="seed"):
        train_network(config, X, y, X, y, seed=-1)
    with pytest.raises(ValueError, match="X_val"):
        train_network(config, X, y, X[:0], y[:0], seed=0)
    with pytest.raises(ValueError, match="epochs"):
        train_network(config, X, y, X, y, seed=0, epochs=0)
    with pytest.raises(ValueError, match="batch_size"):
        train_network(config, X, y, X, y, seed=0, batch_size=0)
    with pytest.raises(TypeError, match="seed must be a non-negative int"):
        train_network(config, X, y, X, y, seed="0")
    for rate, error in ((np.nan, ValueError), (0, ValueError), ("fast", TypeError)):
        with pytest.raises(error, match="learning_rate must be a"):
            train_network(config, X, y, X, y, seed=0, learning_rate=rate)
    with pytest.raises(ValueError, match=r"X must have 3 axes, got shape \(40, 4\)"):
        train_network(config, X[:, :, 0], y, X, y, seed=0)
    with pytest.raises(ValueError, match=r"y must have one row per window of X \(40\)"):
        train_network(config, X, y[:5], X, y, seed=0)
    with pytest.raises(ValueError, match="X must hold finite numbers"):
        train_network(config, np.where(X > 1, np.inf, X), y, X, y, seed=0)
    with pytest.raises(ValueError, match="network must match the windows: window=4"):
        train_network({"cell": "lstm", "window": 5}, X, y, X, y, seed=0)
    with pytest.raises(TypeError, match="network must be a function"):
        train_network("lstm", X, y, X, y, seed=0)
    with pytest.raises(TypeError, match="show_progress must be True or False"):
        train_network(config, X, y, X, y, seed=0, show_progress="yes")


def test_predict_network_errors():
    config = {"cell": "gru", "window": 4, "units": 2}
    weights = build_network(**config).get_weights()
    with pytest.raises(ValueError, match="weights must be the list of arrays of get_weights"):
        predict_network(config, weights[:1], np.zeros((1, 4, 1)))
    with pytest.raises(ValueError, match=r"X must have shape \(N, 4, 1\), got \(1, 5, 1\)"):
        predict_network(config, weights, np.zeros((1, 5, 1)))
    with pytest.raises(TypeError, match="network must be a config dict or a keras.Model"):
        predict_network("gru", weights, np.zeros((1, 4, 1)))


@pytest.fixture(scope="module")
def fitted(quarterly):
    series = quarterly(sine(60, period=8, noise=0.05, seed=1).to_numpy() * 3 + 10, start="1990")
    split = chronological_split(series, test=0.2)
    return series, split, KerasForecaster("gru", window=6, seed=0, **FAST).fit(split.train)


def test_keras_forecaster_speaks_the_interface(fitted):
    series, split, model = fitted
    assert isinstance(model, Forecaster) and model.name == "GRU"
    one_step = model.predict_one_step(series, split.test.index)
    assert one_step.index.equals(split.test.index) and one_step.name == "GRU"
    recursive = model.forecast(split.train, horizon=5)
    assert recursive.index.equals(split.test.index[:5])
    assert model.epochs_ == len(model.history_["loss"]) <= 2


def test_batched_one_step_equals_step_by_step(fitted):
    series, split, model = fitted
    batched = model.predict_one_step(series, split.test.index)
    positions = series.index.get_indexer(split.test.index)
    single = [model._next(series.to_numpy()[:p]) for p in positions]
    np.testing.assert_allclose(batched.to_numpy(), single, rtol=1e-5)


def test_scaler_is_fitted_on_the_training_part_only(fitted):
    series, split, model = fitted
    assert model.scaler_.offset_ == pytest.approx(split.train.mean())
    assert model.scaler_.offset_ != pytest.approx(series.mean())
    with pytest.raises(ValueError, match="training part only"):
        KerasForecaster("gru", window=6, **FAST).fit(split.test)


def test_scalers_refitted_on_every_backtest_fold(quarterly):
    series = quarterly(np.linspace(0, 10, 48) + np.sin(np.arange(48)))
    folds = expanding_folds(series, n_folds=2, horizon=6)
    made = []
    backtest(lambda: made.append(KerasForecaster("simplernn", window=4, epochs=1, units=2))
             or made[-1], series, folds)
    for model, fold in zip(made, folds, strict=True):
        assert model.scaler_.offset_ == pytest.approx(fold.train.mean())
        assert model.scaler_.scale_ == pytest.approx(fold.train.std(ddof=0))


def test_same_seed_same_forecaster_and_others_do_not_overwrite_it(fitted):
    series, split, model = fitted
    before = model.predict_one_step(series, split.test.index)
    other = KerasForecaster("gru", window=6, seed=1, **FAST).fit(split.train)  # same network shape
    again = KerasForecaster("gru", window=6, seed=0, **FAST).fit(split.train)
    pd.testing.assert_series_equal(model.predict_one_step(series, split.test.index), before)
    pd.testing.assert_series_equal(again.predict_one_step(series, split.test.index), before)
    assert not np.allclose(other.predict_one_step(series, split.test.index), before)


def test_network_copy_holds_the_fitted_weights(fitted):
    series, split, model = fitted
    net = model.network()
    assert isinstance(net, keras.Model)
    for a, b in zip(net.get_weights(), model.weights_, strict=True):
        np.testing.assert_array_equal(a, b)
    with pytest.raises(ValueError, match="GRU is not fitted yet"):
        KerasForecaster("gru").network()


@pytest.mark.parametrize(("kwargs", "error", "match"), [
    ({"cell": "transformer"}, ValueError, "cell must be one of"),
    ({"validation": 0.0}, ValueError, "validation"), ({"validation": 1}, ValueError, "validation"),
    ({"window": 0}, ValueError, "window"), ({"units": 0}, ValueError, "units"),
    ({"learning_rate": np.nan}, ValueError, "learning_rate must be a finite number"),
    ({"learning_rate": 0}, ValueError, "learning_rate must be a number > 0"),
    ({"learning_rate": "fast"}, TypeError, "learning_rate must be a real number"),
    ({"epochs": 0}, ValueError, "epochs"), ({"patience": 1.5}, TypeError, "patience"),
    ({"batch_size": -1}, ValueError, "batch_size"),
    ({"show_progress": "yes"}, TypeError, "show_progress must be True or False"),
    ({"name": 3}, TypeError, "name must be a str"), ({"seed": 1.0}, TypeError, "seed"),
])
def test_keras_forecaster_refuses_bad_settings_when_made_not_when_fitted(kwargs, error, match):
    args = {"cell": "lstm"} | kwargs
    with pytest.raises(error, match=match):
        KerasForecaster(args.pop("cell"), **args)


def test_too_short_training_part_is_refused(quarterly):
    with pytest.raises(ValueError, match=r"train must have at least 9 values for LSTM, got 8"):
        KerasForecaster("lstm", window=8, **FAST).fit(quarterly(np.arange(8.0)))
    with pytest.raises(ValueError, match="too short"):
        KerasForecaster("lstm", window=8, **FAST).fit(quarterly(np.arange(9.0)))  # one window


# --- a learner's build(window): the Keras code of notebooks 10-11 behind the same forecaster ----


def _tiny_build(window):
    model = keras.Sequential(
        [keras.Input(shape=(window, 1)), keras.layers.SimpleRNN(2), keras.layers.Dense(1)]
    )
    model.compile(optimizer="adam", loss="mse")
    return model


def test_build_function_speaks_the_interface_with_a_validation_part():
    series = sine(60, period=12)
    split = chronological_split(series, validation=0.2, test=0.2)
    model = KerasForecaster(_tiny_build, window=4, epochs=2, patience=1, name="tiny")
    model.fit(split.train, validation=split.validation)
    assert model.scaler_.offset_ == pytest.approx(split.train.mean())  # train-only scaling
    assert set(model.history_) == {"loss", "val_loss"} and model.epochs_ <= 2
    one_step = model.predict_one_step(series, split.test.index)
    assert one_step.index.equals(split.test.index) and one_step.name == "tiny"
    assert np.all(np.isfinite(one_step))
    recursive = model.forecast(split.train, horizon=3)
    assert len(recursive) == 3 and recursive.index[0] == split.validation.index[0]
    net = model.network()  # the learner's own model, with the fitted weights
    assert net.count_params() == _tiny_build(4).count_params()
    for a, b in zip(net.get_weights(), model.weights_, strict=True):
        np.testing.assert_array_equal(a, b)
    with pytest.raises(ValueError, match="training part only"):
        KerasForecaster(_tiny_build, window=4).fit(split.test)


def test_build_function_same_seed_same_forecaster():
    series = sine(60, period=12)
    split = chronological_split(series, validation=0.2, test=0.2)
    first = KerasForecaster(_tiny_build, window=4, epochs=2, seed=3).fit(split.train)
    keras.utils.set_random_seed(99)  # whatever happened in between
    same = KerasForecaster(_tiny_build, window=4, epochs=2, seed=3).fit(split.train)
    pd.testing.assert_series_equal(first.predict_one_step(series, split.test.index),
                                   same.predict_one_step(series, split.test.index))
    assert first.history_ == same.history_


@pytest.mark.parametrize("cell", ["gru", _tiny_build])
def test_early_stopping_sees_the_validation_part_and_never_the_test_part(cell, quarterly,
                                                                          capture_training):
    seen = capture_training
    series = quarterly(np.arange(50.0))
    split = chronological_split(series, validation=0.2, test=0.2)  # 30, 10, 10 quarters
    model = KerasForecaster(cell, window=4, **FAST)
    with pytest.raises(seen["stopped"]):
        model.fit(split.train, validation=split.validation)
    back = model.scaler_.inverse_transform
    np.testing.assert_allclose(back(seen["y_val"][:, 0]), split.validation.to_numpy())
    np.testing.assert_allclose(back(seen["X_val"][0, :, 0]), split.train.to_numpy()[-4:])
    assert back(seen["y"]).max() == split.train.iloc[-1]  # every training window, nothing later
    assert len(seen["X"]) == 30 - 4
    with pytest.raises(seen["stopped"]):  # without a validation part: the end of train
        model.fit(split.train)
    assert back(seen["y_val"]).max() == split.train.iloc[-1]
    assert len(seen["X"]) + len(seen["X_val"]) == 30 - 4
    with pytest.raises(ValueError, match="never see the test"):
        model.fit(split.train, validation=split.test)
    with pytest.raises(ValueError, match="after the end of train"):
        model.fit(split.train.iloc[:20], validation=tag(split.train.iloc[15:25], "validation"))


@pytest.mark.parametrize(("build", "error", "match"), [
    (lambda window: "a model", TypeError, "keras.Model"),
    (lambda window: keras.Sequential([keras.Input(shape=(window, 1)), keras.layers.Dense(1)]),
     ValueError, "compiled"),
    (lambda window: _compiled(keras.Sequential([keras.Input(shape=(window, 1)),
                                                keras.layers.LSTM(2)])), ValueError, "mapping"),
])
def test_bad_build_function_is_refused_clearly(build, error, match, quarterly):
    train = quarterly(np.arange(30.0))
    with pytest.raises(error, match=match):
        KerasForecaster(build, window=4, **FAST).fit(train)


def _compiled(model):
    model.compile(optimizer="adam", loss="mse")
    return model


@pytest.mark.parametrize(("cell", "kwargs", "error", "match"), [
    (3, {}, TypeError, "callable build"), (_tiny_build, {"window": 0}, ValueError, "window"),
    (_tiny_build, {"seed": -1}, ValueError, "seed"),
])
def test_keras_forecaster_type_errors(cell, kwargs, error, match):
    with pytest.raises(error, match=match):
        KerasForecaster(cell, **kwargs)
