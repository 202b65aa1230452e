"""Tests for utils.forecasting.backtest: the folds never leak, every model sees the same folds, scalers are
refitted per fold, known scores, and every documented error."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from utils.forecasting.backtest import (
    Fold,
    backtest,
    compare,
    errors_by_step,
    expanding_folds,
    summarise,
)
from utils.forecasting.baselines import MeanForecaster, NaiveForecaster
from utils.forecasting.interface import BaseForecaster
from utils.timeseries.scaling import StandardScaler


class Spy(BaseForecaster):
    """Remembers what it was fitted on, fits a scaler on it, and predicts the last value."""

    name = "spy"

    def _fit(self, values):
        self.seen_ = values.copy()
        self.scaler_ = StandardScaler().fit(values)

    def _next(self, past):
        return past[-1]


@settings(max_examples=60, deadline=None)
@given(n=st.integers(10, 120), n_folds=st.integers(1, 5), horizon=st.integers(1, 12),
       step=st.one_of(st.none(), st.integers(1, 12)))
def test_folds_expand_never_leak_and_end_with_the_series(quarterly, n, n_folds, horizon, step):
    series = quarterly(np.arange(n))
    if n - horizon - (n_folds - 1) * (step or horizon) < 2:
        with pytest.raises(ValueError, match="too short"):
            expanding_folds(series, n_folds, horizon, step)
        return
    folds = expanding_folds(series, n_folds, horizon, step)
    assert len(folds) == n_folds
    assert folds[-1].test.index[-1] == series.index[-1]
    for k, (train, test) in enumerate(folds):
        assert len(test) == horizon
        assert train.index[0] == series.index[0]  # expanding: always from the start
        assert train.index[-1] < test.index[0]  # no training date reaches the test part
        assert not train.index.isin(test.index).any()
        assert series.index.get_loc(test.index[0]) == len(train)  # test starts right after
        assert (train.attrs["split_part"], test.attrs["split_part"]) == ("train", "test")
        if k:
            assert len(train) - len(folds[k - 1].train) == (step or horizon)


def test_fold_layout_known_values(quarterly):
    folds = expanding_folds(quarterly(np.arange(20)), n_folds=3, horizon=4)
    assert [len(f.train) for f in folds] == [8, 12, 16]
    assert [f.test.iloc[0] for f in folds] == [8.0, 12.0, 16.0]


@pytest.mark.parametrize(("kwargs", "error", "match"), [
    ({"n_folds": 0, "horizon": 2}, ValueError, "n_folds"),
    ({"n_folds": 2, "horizon": 0}, ValueError, "horizon"),
    ({"n_folds": 2, "horizon": 2, "step": 0}, ValueError, "step"),
    ({"n_folds": 2, "horizon": 1.5}, TypeError, "horizon"),
    ({"n_folds": 5, "horizon": 5}, ValueError, "too short"),
])
def test_expanding_folds_errors(quarterly, kwargs, error, match):
    with pytest.raises(error, match=match):
        expanding_folds(quarterly(np.arange(20)), **kwargs)


def test_expanding_folds_refuses_non_series_and_nan(quarterly):
    with pytest.raises(TypeError, match="series"):
        expanding_folds(np.arange(20.0), 2, 2)
    with pytest.raises(ValueError, match="series must hold finite numbers"):
        expanding_folds(quarterly([1.0, np.nan] + [1.0] * 18), 2, 2)


def test_each_fold_gets_a_fresh_model_fitted_on_its_training_part_only(quarterly):
    series = quarterly(np.random.default_rng(0).normal(size=40).cumsum())
    folds = expanding_folds(series, n_folds=3, horizon=5)
    made = []
    backtest(lambda: made.append(Spy()) or made[-1], series, folds)
    assert len({id(m) for m in made}) == 3
    for model, fold in zip(made, folds, strict=True):
        np.testing.assert_array_equal(model.seen_, fold.train.to_numpy())
        # the scaler inside the model was refitted on this fold's training part
        assert model.scaler_.offset_ == pytest.approx(fold.train.mean())
    assert len({float(m.scaler_.offset_) for m in made}) == 3


def test_one_step_backtest_of_the_naive_forecast_known_scores(quarterly):
    series = quarterly([0, 1, 3, 6, 10, 15, 21, 28.0])  # steps 1, 2, 3, ... 7
    folds = expanding_folds(series, n_folds=2, horizon=2)
    result = backtest(NaiveForecaster, series, folds)
    pred = result.predictions
    # fold 0 trains on 0, 1, 3, 6 and tests on 10, 15; fold 1 trains up to 15, tests 21, 28
    assert list(pred["y_pred"]) == [6.0, 10.0, 15.0, 21.0]  # each from the true previous value
    assert list(pred["step"]) == [1, 2, 1, 2] and list(pred["fold"]) == [0, 0, 1, 1]
    assert list(result.scores["MAE"]) == [4.5, 6.5]
    assert result.scores["RMSE"][0] == pytest.approx(np.sqrt((16 + 25) / 2))
    assert result.scores["MASE"][0] == pytest.approx(4.5 / 2.0)  # naive MAE on 0,1,3,6 is 2


def test_forecast_backtest_feeds_no_test_value_back(quarterly):
    series = quarterly([0, 1, 3, 6, 10, 15, 21, 28.0])
    result = backtest(NaiveForecaster, series, expanding_folds(series, 2, 2), method="forecast")
    assert list(result.predictions["y_pred"]) == [6.0, 6.0, 15.0, 15.0]  # the origin's value


def test_backtest_errors(quarterly):
    series = quarterly(np.arange(12.0))
    folds = expanding_folds(series, 2, 2)
    with pytest.raises(ValueError, match="method must be one of"):
        backtest(NaiveForecaster, series, folds, method="recursive")
    with pytest.raises(ValueError, match="folds must hold at least one Fold"):
        backtest(NaiveForecaster, series, [])
    with pytest.raises(TypeError, match="make_model must return a forecaster"):
        backtest(lambda: "naive", series, folds)
    with pytest.raises(TypeError, match=r"make_model must build a new forecaster for every fold: "
                                        r"pass the class or a function that builds one "
                                        r"\(NaiveForecaster, not NaiveForecaster\(\)\)"):
        backtest(NaiveForecaster(), series, folds)
    with pytest.raises(TypeError, match="series must be a pandas Series, got ndarray"):
        backtest(NaiveForecaster, series.to_numpy(), folds)
    with pytest.raises(TypeError, match="folds must be a list of Fold"):
        backtest(NaiveForecaster, series, folds[0])
    with pytest.raises(TypeError, match=r"folds\[0\] must be a Fold\(train, test\)"):
        backtest(NaiveForecaster, series, [(1, 2)])
    other = expanding_folds(quarterly(np.arange(12.0), start="2010"), 2, 2)
    with pytest.raises(ValueError, match=r"folds\[0\] must test on dates of series"):
        backtest(NaiveForecaster, series, other)
    with pytest.raises(ValueError, match=r"m must be a positive int \(>= 1\), got 0"):
        backtest(NaiveForecaster, series, folds, m=0)


def test_compare_runs_seeded_factories_per_seed_on_the_same_folds(quarterly):
    series = quarterly(np.random.default_rng(1).normal(size=30))
    folds = expanding_folds(series, 3, 4)
    calls = []

    def seeded(seed):
        calls.append(seed)
        return MeanForecaster()

    result = compare(series, folds, {"naive": NaiveForecaster, "mean": seeded}, seeds=[3, 4])
    assert calls == [3, 3, 3, 4, 4, 4]
    assert set(result.scores["seed"]) == {-1, 3, 4}
    by_model = result.predictions.groupby("model")["time"].apply(tuple)
    assert by_model["naive"] == by_model["mean"][: len(by_model["naive"])]
    table = summarise(result.scores)
    assert list(table.index) == ["naive", "mean"]
    assert list(table["runs"]) == [1, 2]
    assert table.loc["mean", "MASE_sd"] == 0.0  # the same model every seed: no spread
    assert table.loc["naive", "MAE"] == pytest.approx(result.scores.query("model == 'naive'")["MAE"].mean())
    assert (result.scores["seconds"] >= 0).all()
    mean_run = result.scores.query("model == 'mean'").groupby("seed")["seconds"].sum().mean()
    assert table.loc["mean", "seconds"] == pytest.approx(mean_run)


def test_summarise_spread_over_seeds():
    scores = pd.DataFrame({"model": ["a"] * 4, "seed": [0, 0, 1, 1], "fold": [0, 1, 0, 1],
                           "MAE": [1.0, 3.0, 3.0, 5.0], "RMSE": [1.0] * 4, "MASE": [1.0, 3.0, 3.0, 5.0]})
    table = summarise(scores)
    assert table.loc["a", "MASE"] == 3.0 and table.loc["a", "MASE_sd"] == 1.0  # runs 2 and 4
    assert "seconds" not in table.columns  # only when the scores were timed


def test_compare_and_summarise_errors(quarterly):
    series = quarterly(np.arange(12.0))
    folds = expanding_folds(series, 2, 2)
    with pytest.raises(ValueError, match="models"):
        compare(series, folds, {})
    with pytest.raises(ValueError, match="seeds must hold at least one seed"):
        compare(series, folds, {"naive": NaiveForecaster}, seeds=[])
    with pytest.raises(TypeError, match=r"seeds must be a list of seeds .* got 0; for a single "
                                        r"seed write \[0\]"):
        compare(series, folds, {"naive": NaiveForecaster}, seeds=0)
    with pytest.raises(ValueError, match=r"seeds\[1\] must be a non-negative int"):
        compare(series, folds, {"naive": NaiveForecaster}, seeds=[0, -1])
    with pytest.raises(TypeError, match=r"models\['naive'\] must build a new forecaster"):
        compare(series, folds, {"naive": NaiveForecaster()})
    with pytest.raises(TypeError, match="models must be a dict"):
        compare(series, folds, [NaiveForecaster])
    with pytest.raises(ValueError, match="scores must have the columns .* missing .*'seed'"):
        summarise(pd.DataFrame({"model": ["a"], "MAE": [1.0]}))
    result = compare(series, folds, {"naive": NaiveForecaster})
    with pytest.raises(TypeError, match="scores must be the scores table .* pass result.scores"):
        summarise(result)
    with pytest.raises(TypeError, match="by must be a column name or a list of column names"):
        summarise(result.scores, by=3)
    with pytest.raises(ValueError, match=r"scores\[MAE, RMSE, MASE\] must hold finite numbers"):
        summarise(result.scores.assign(MAE=np.nan))


def test_summarise_reads_one_string_as_one_column(quarterly):
    series = quarterly(np.random.default_rng(2).normal(size=20))
    result = compare(series, expanding_folds(series, 2, 3), {"naive": NaiveForecaster})
    pd.testing.assert_frame_equal(summarise(result.scores, by="model"), summarise(result.scores))


def test_errors_by_step():
    pred = pd.DataFrame({"model": ["a", "a", "a", "a"], "step": [1, 2, 1, 2],
                         "y_true": [1.0, 2, 3, 4], "y_pred": [1.0, 0, 2, 4]})
    table = errors_by_step(pred)
    assert list(table["a"]) == [0.5, 1.0]
    with pytest.raises(ValueError, match="predictions must have the columns .*'step'"):
        errors_by_step(pred.drop(columns="step"))
    with pytest.raises(ValueError, match=r"predictions\[y_true, y_pred\] must hold finite numbers"):
        errors_by_step(pred.assign(y_pred=np.inf))


def test_fold_is_a_named_pair(quarterly):
    fold = Fold(quarterly([1.0, 2.0]), quarterly([3.0]))
    train, test = fold
    assert fold.train is train and fold.test is test


def test_compare_shows_one_step_per_model_and_seed_in_jupyterlab(quarterly, monkeypatch):
    import IPython.display

    from utils.forecasting.baselines import NaiveForecaster

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda obj: shown.append(obj))
    series = quarterly(np.sin(np.arange(40) / 3.0)).rename("toy")
    folds = expanding_folds(series, n_folds=2, horizon=4)
    texts = []
    import utils.progress_display as display

    original = display.ProgressDisplay.update
    monkeypatch.setattr(display.ProgressDisplay, "update",
                        lambda self, done, text="": (texts.append((done, text)),
                                                     original(self, done, text))[1])
    compare(series, folds, {"naive": NaiveForecaster, "seeded": lambda seed: NaiveForecaster()},
            seeds=[0, 1], show_progress=True)
    assert len(shown) == 1  # one bar for the whole comparison
    assert texts == [(0, "naive (1 of 3, 2 folds each)"), (1, "seeded, seed 0 (2 of 3, 2 folds each)"),
                     (2, "seeded, seed 1 (3 of 3, 2 folds each)")]
    with pytest.raises(TypeError, match="show_progress must be True or False"):
        compare(series, folds, {"naive": NaiveForecaster}, show_progress="yes")
