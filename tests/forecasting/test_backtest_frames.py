"""Tests for backtests on several series (utils.forecasting.backtest with a DataFrame and
``target=``): folds cut from the whole table, univariate forecasters given the target column and
scoring exactly as on that column alone, covariate forecasters given the table, and the errors."""

import numpy as np
import pandas as pd
import pytest

from utils.forecasting.backtest import backtest, compare, expanding_folds, summarise
from utils.forecasting.baselines import ARForecaster, NaiveForecaster
from utils.forecasting.covariates import CovariateForecaster
from utils.forecasting.var import VARForecaster


def make_frame(n=60, seed=0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    lead = rng.normal(size=n)
    target = 1 + 0.8 * np.concatenate([[0.0], lead[:-1]]) + 0.2 * rng.normal(size=n)
    index = pd.date_range("1995-01-01", periods=n, freq="QS-JAN")
    return pd.DataFrame({"y": target, "lead": lead}, index=index)


class LastLead(CovariateForecaster):
    """y_hat(t) = the covariate "lead" at t - 1; records what it was fitted on."""

    name = "last lead"

    def _fit(self, values):
        self.seen_ = values.copy()

    def _next(self, past):
        return past[-1, 1]


def test_folds_of_a_table_are_the_folds_of_its_columns():
    frame = make_frame()
    folds = expanding_folds(frame, n_folds=3, horizon=5)
    alone = expanding_folds(frame["y"], n_folds=3, horizon=5)
    for fold, single in zip(folds, alone, strict=True):
        assert isinstance(fold.train, pd.DataFrame) and list(fold.train.columns) == ["y", "lead"]
        assert fold.train.index.equals(single.train.index)
        assert fold.test.index.equals(single.test.index)
        assert fold.train.attrs["split_part"] == "train" and fold.test.attrs["split_part"] == "test"
        assert fold.train.index[-1] < fold.test.index[0]


def test_univariate_models_score_exactly_as_on_the_target_alone():
    frame = make_frame()
    models = {"naive": NaiveForecaster, "AR": lambda: ARForecaster(3)}
    on_frame = compare(frame, expanding_folds(frame, 3, 5), models, target="y")
    alone = compare(frame["y"], expanding_folds(frame["y"], 3, 5), models)
    pd.testing.assert_frame_equal(on_frame.predictions, alone.predictions, check_exact=True)
    cols = ["model", "seed", "fold", "MAE", "RMSE", "MASE"]
    pd.testing.assert_frame_equal(on_frame.scores[cols], alone.scores[cols], check_exact=True)


def test_covariate_models_get_the_table_and_only_its_training_rows():
    frame = make_frame()
    folds = expanding_folds(frame, 2, 6)
    made = []
    result = backtest(lambda: made.append(LastLead("y")) or made[-1], frame, folds, target="y")
    for model, fold in zip(made, folds, strict=True):
        np.testing.assert_array_equal(model.seen_, fold.train.to_numpy())  # the training rows
    expected = frame["lead"].shift(1).loc[result.predictions["time"]].to_numpy()
    np.testing.assert_array_equal(result.predictions["y_pred"].to_numpy(), expected)
    np.testing.assert_array_equal(result.predictions["y_true"].to_numpy(),
                                  frame["y"].loc[result.predictions["time"]].to_numpy())
    train = folds[0].train["y"]  # MASE against the target's in-sample naive error
    scale = np.mean(np.abs(np.diff(train.to_numpy())))
    assert result.scores["MASE"].iloc[0] == pytest.approx(result.scores["MAE"].iloc[0] / scale)


def test_a_var_in_a_comparison_with_seeded_and_unseeded_models():
    frame = make_frame(80)
    result = compare(frame, expanding_folds(frame, 2, 8), {
        "naive": NaiveForecaster, "VAR": lambda: VARForecaster("y", max_lags=2),
        "lead": lambda seed: LastLead("y")}, seeds=[0, 1], target="y")
    table = summarise(result.scores)
    assert list(table["runs"]) == [1, 1, 2]
    assert table.loc["VAR", "MASE"] < table.loc["naive", "MASE"]


def test_the_forecast_method_on_a_table():
    frame = make_frame(80)
    result = backtest(lambda: VARForecaster("y", max_lags=2), frame, expanding_folds(frame, 2, 4),
                      method="forecast", target="y")
    assert list(result.predictions["step"]) == [1, 2, 3, 4] * 2


@pytest.mark.parametrize(("call", "error", "match"), [
    (lambda f, folds: compare(f, folds, {"naive": NaiveForecaster}), ValueError,
     r"target must name the column of series to forecast, one of \['y', 'lead'\], got None"),
    (lambda f, folds: compare(f, folds, {"naive": NaiveForecaster}, target="z"), ValueError,
     "target must be one of"),
    (lambda f, folds: compare(f["y"], expanding_folds(f["y"], 2, 5), {"naive": NaiveForecaster},
                              target="y"), ValueError, "target must be None for a Series"),
    (lambda f, folds: compare(f, expanding_folds(f["y"], 2, 5), {"naive": NaiveForecaster},
                              target="y"), TypeError, r"folds\[0\] must be a Fold\(train, test\) "
                                                      "of two DataFrames"),
    (lambda f, folds: backtest(lambda: LastLead("y"), f["y"], expanding_folds(f["y"], 2, 5)),
     TypeError, "last lead reads several series: backtest it on a DataFrame"),
    (lambda f, folds: backtest(lambda: LastLead("lead"), f, folds, target="y"), ValueError,
     "target must be the column last lead forecasts, 'lead', got 'y'"),
    (lambda f, folds: backtest(NaiveForecaster, f[["lead", "y"]], folds, target="y"), ValueError,
     r"folds\[0\] must have the columns of series"),
    (lambda f, folds: expanding_folds(f.assign(lead=np.nan), 2, 5), ValueError,
     "series must hold finite numbers"),
    (lambda f, folds: expanding_folds(f.iloc[::-1], 2, 5), ValueError,
     "series must have a strictly increasing index"),
    (lambda f, folds: expanding_folds(f.assign(lead="a"), 2, 5), TypeError,
     "series must hold numbers"),
])
def test_bad_tables_and_targets_are_refused(call, error, match):
    frame = make_frame()
    with pytest.raises(error, match=match):
        call(frame, expanding_folds(frame, 2, 5))
