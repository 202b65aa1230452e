"""Tests for utils.forecasting.multistep: each strategy trained on a noise-free sine, the
interface, and the errors."""

import numpy as np
import pandas as pd
import pytest

from utils.data import sine
from utils.forecasting.interface import Forecaster
from utils.forecasting.keras_forecaster import KerasForecaster, MultiOutputForecaster
from utils.forecasting.multistep import STRATEGIES, Seq2SeqForecaster, strategy_forecaster
from utils.timeseries.splits import tag


def test_strategy_forecaster_builds_the_right_kind():
    models = {s: strategy_forecaster(s, "gru", window=4, horizon=3) for s in STRATEGIES}
    assert type(models["recursive"]) is KerasForecaster
    assert type(models["multi-output"]) is MultiOutputForecaster
    assert models["multi-output"].horizon == 3
    assert type(models["seq2seq"]) is Seq2SeqForecaster
    assert [m.name for m in models.values()] == ["GRU recursive", "GRU multi-output",
                                                   "GRU seq2seq"]
    assert all(isinstance(m, Forecaster) for m in models.values())


@pytest.mark.parametrize(("args", "horizon", "error", "match"), [
    (("beam", "gru"), 2, ValueError, "strategy must be one of"),
    (("multi-output", "rnn"), 2, ValueError, "cell must be one of"),
    (("recursive", "gru"), 0, ValueError, r"horizon must be a positive int \(>= 1\), got 0"),
    (("seq2seq", "gru"), 2.0, TypeError, "horizon must be a positive int"),
])
def test_strategy_forecaster_errors(args, horizon, error, match):
    with pytest.raises(error, match=match):
        strategy_forecaster(*args, horizon=horizon)
    with pytest.raises(ValueError, match="horizon"):
        MultiOutputForecaster("gru", horizon=0)


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
    model = MultiOutputForecaster("simplernn", window=8, horizon=3, units=2, epochs=1).fit(train)
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


def test_direct_validation_targets_are_never_training_targets(capture_training):
    seen = capture_training
    train = tag(pd.Series(np.arange(40.0)), "train")
    with pytest.raises(seen["stopped"]):
        MultiOutputForecaster("gru", window=4, horizon=5, validation=0.25).fit(train)
    # targets are standardised positions; the training ones all come before the validation ones
    assert seen["y"].max() < seen["y_val"].min()
    assert len(seen["y_val"]) == round(0.25 * (40 - 4 - 5 + 1))
