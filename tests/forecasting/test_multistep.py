"""Tests for utils.forecasting.multistep: the recursive loop on a series whose continuation is known exactly,
each strategy trained on a noise-free sine, the interface, and the errors."""

import numpy as np
import pandas as pd
import pytest

from utils.data import sine
from utils.forecasting.interface import Forecaster
from utils.forecasting.keras_forecaster import KerasForecaster
from utils.forecasting.multistep import (
    STRATEGIES,
    DirectForecaster,
    Seq2SeqForecaster,
    recursive_forecast,
    strategy_forecaster,
)
from utils.timeseries.splits import tag


def test_recursive_forecast_continues_a_sine_exactly_with_its_linear_recurrence():
    # a sampled sine obeys x(t) = 2 cos(w) x(t-1) - x(t-2): fed its own predictions, it stays exact
    w = 2 * np.pi / 12
    x = np.sin(w * np.arange(40))

    def step(last):
        return 2 * np.cos(w) * last[-1] - last[-2]

    np.testing.assert_allclose(recursive_forecast(step, x[:30], horizon=10, window=2), x[30:],
                               atol=1e-9)


def test_recursive_forecast_feeds_its_predictions_back():
    seen = []

    def step(last):
        seen.append(last.copy())
        return last.sum()

    out = recursive_forecast(step, [1.0, 2.0], horizon=3, window=2)
    np.testing.assert_array_equal(out, [3.0, 5.0, 8.0])  # Fibonacci: each input includes outputs
    np.testing.assert_array_equal(seen[2], [3.0, 5.0])


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"horizon": 0}, "horizon"), ({"window": 0}, "window"), ({"window": 5}, "past"),
])
def test_recursive_forecast_errors(kwargs, match):
    args = {"step": np.mean, "past": [1.0, 2.0, 3.0], "horizon": 2, "window": 2} | kwargs
    with pytest.raises(ValueError, match=match):
        recursive_forecast(**args)


def test_strategy_forecaster_builds_the_right_kind():
    models = {s: strategy_forecaster(s, "gru", window=4, horizon=3) for s in STRATEGIES}
    assert type(models["recursive"]) is KerasForecaster
    assert type(models["direct"]) is DirectForecaster and models["direct"].horizon == 3
    assert type(models["seq2seq"]) is Seq2SeqForecaster
    assert [m.name for m in models.values()] == ["GRU recursive", "GRU direct", "GRU seq2seq"]
    assert all(isinstance(m, Forecaster) for m in models.values())


@pytest.mark.parametrize(("args", "match"), [
    (("beam", "gru"), "strategy"), (("direct", "rnn"), "cell"),
])
def test_strategy_forecaster_errors(args, match):
    with pytest.raises(ValueError, match=match):
        strategy_forecaster(*args, horizon=2)
    with pytest.raises(ValueError, match="horizon"):
        DirectForecaster("gru", horizon=0)


@pytest.fixture(scope="module")
def toy():
    """A noise-free sine of period 8: the right 4-step forecast is the sine itself."""
    series = sine(120, period=8)
    return tag(series.iloc[:112], "train"), series.iloc[112:116]


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_each_strategy_learns_the_known_continuation_of_a_sine(toy, strategy):
    train, truth = toy
    model = strategy_forecaster(strategy, "gru", window=8, horizon=4, units=8, epochs=40,
                                patience=10, seed=0).fit(train)
    forecast = model.forecast(train, horizon=4)
    assert forecast.index.equals(truth.index)
    error = np.abs(forecast - truth).mean()
    naive = np.abs(train.iloc[-1] - truth).mean()  # 1.31: the sine moves a lot in 4 steps
    assert error < 0.1 < naive / 10


def test_multi_output_forecaster_interface_and_horizon_limit(toy):
    train, truth = toy
    model = DirectForecaster("simplernn", window=8, horizon=3, units=2, epochs=1).fit(train)
    assert model.forecast(train, horizon=2).index.equals(truth.index[:2])
    series = pd.concat([train, truth])
    one_step = model.predict_one_step(series, truth.index)  # the first output of each window
    assert one_step.index.equals(truth.index)
    with pytest.raises(ValueError, match="at most 3"):
        model.forecast(train, horizon=4)
    with pytest.raises(ValueError, match="horizon"):
        model.forecast(train, horizon=0)
    with pytest.raises(ValueError, match="at least 8"):
        model.forecast(train.iloc[:5], horizon=2)


def test_direct_validation_targets_are_never_training_targets(monkeypatch):
    import utils.forecasting.keras_forecaster as nf

    seen = {}

    def spy(config, X, y, X_val, y_val, **kwargs):
        seen.update(X=X, y=y, X_val=X_val, y_val=y_val)
        raise StopIteration

    monkeypatch.setattr(nf, "train_network", spy)
    train = tag(pd.Series(np.arange(40.0)), "train")
    with pytest.raises(StopIteration):
        DirectForecaster("gru", window=4, horizon=5, validation=0.25).fit(train)
    # targets are standardised positions; the training ones all come before the validation ones
    assert seen["y"].max() < seen["y_val"].min()
    assert len(seen["y_val"]) == round(0.25 * (40 - 4 - 5 + 1))
