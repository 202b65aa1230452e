"""Tests for utils.forecasting.var: the VAR's lag order by AIC on the training part only, its
one-step and recursive forecasts equal to statsmodels', and the errors."""

import warnings

import numpy as np
import pandas as pd
import pytest
from statsmodels.tsa.api import VAR

from utils.forecasting.var import VARForecaster
from utils.timeseries.splits import chronological_split


def var2_frame(n=120, seed=0) -> pd.DataFrame:
    """A known VAR(2) of two series: y depends on its own and x's lags."""
    rng = np.random.default_rng(seed)
    A1 = np.array([[0.3, 0.5], [0.0, 0.4]])
    A2 = np.array([[-0.2, 0.2], [0.1, 0.0]])
    values = np.zeros((n, 2))
    for t in range(2, n):
        values[t] = 0.1 + A1 @ values[t - 1] + A2 @ values[t - 2] + rng.normal(size=2) * 0.5
    index = pd.date_range("1980-01-01", periods=n, freq="QS-JAN")
    return pd.DataFrame(values, index=index, columns=["y", "x"])


@pytest.fixture(scope="module")
def fitted():
    frame = var2_frame()
    split = chronological_split(frame, test=0.2)
    return frame, split, VARForecaster("y", max_lags=6).fit(split.train)


def statsmodels_fit(train: pd.DataFrame, p: int):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return VAR(train.to_numpy()).fit(p, trend="c")


def test_the_lag_order_is_statsmodels_aic_choice_on_the_training_part(fitted):
    frame, split, model = fitted
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        chosen = VAR(split.train.to_numpy()).select_order(6, trend="c").selected_orders["aic"]
    assert model.lag_order_ == chosen == model.aic_.idxmin() >= 2  # at least the true order
    assert list(model.aic_.index) == list(range(7))
    results = statsmodels_fit(split.train, model.lag_order_)
    np.testing.assert_allclose(model.coefs_, results.coefs)
    np.testing.assert_allclose(model.intercept_, results.intercept)


def test_one_step_predictions_are_the_equation_fed_the_true_rows(fitted):
    frame, split, model = fitted
    pred = model.predict_one_step(frame, split.test.index)
    k = model.lag_order_
    results = statsmodels_fit(split.train, k)
    values = frame.to_numpy()
    for t, p in zip(split.test.index, frame.index.get_indexer(split.test.index), strict=True):
        assert pred[t] == pytest.approx(results.forecast(values[p - k : p], 1)[0, 0], rel=1e-10)


def test_the_recursive_forecast_feeds_back_every_column(fitted):
    frame, split, model = fitted
    path = model.forecast(split.train, 6)
    k = model.lag_order_
    expected = statsmodels_fit(split.train, k).forecast(split.train.to_numpy()[-k:], 6)[:, 0]
    np.testing.assert_allclose(path.to_numpy(), expected, rtol=1e-10)
    assert path.index.equals(split.test.index[:6])


def test_the_target_may_be_any_column():
    frame = var2_frame()
    split = chronological_split(frame, test=0.2)
    model = VARForecaster("x", max_lags=4).fit(split.train)
    results = statsmodels_fit(split.train, model.lag_order_)
    p = model.lag_order_
    expected = results.forecast(split.train.to_numpy()[-p:], 1)[0, 1]
    assert model.forecast(split.train, 1).iloc[0] == pytest.approx(expected, rel=1e-10)


def test_white_noise_gets_no_lags_and_predicts_the_mean():
    rng = np.random.default_rng(3)
    frame = pd.DataFrame(rng.normal(size=(80, 2)), columns=["y", "x"],
                         index=pd.date_range("1990-01-01", periods=80, freq="QS-JAN"))
    model = VARForecaster("y", max_lags=3).fit(frame.iloc[:60])
    assert model.lag_order_ == 0 and model.coefs_.shape == (0, 2, 2)
    pred = model.predict_one_step(frame, frame.index[60:])
    np.testing.assert_allclose(pred, frame["y"].iloc[:60].mean(), rtol=1e-10)


def test_fitting_never_sees_the_test_rows(fitted):
    frame, split, model = fitted
    changed = frame.copy()
    changed.loc[split.test.index] *= 50
    again = VARForecaster("y", max_lags=6).fit(chronological_split(changed, test=0.2).train)
    np.testing.assert_array_equal(again.coefs_, model.coefs_)
    with pytest.raises(ValueError, match="training part only"):
        VARForecaster("y").fit(split.test)


def test_a_prediction_is_blind_to_its_own_row_and_later_ones(fitted):
    frame, split, model = fitted
    t = split.test.index[4]
    changed = frame.copy()
    changed.loc[t:] = 99.0
    assert model.predict_one_step(changed, [t]).iloc[0] == model.predict_one_step(frame, [t]).iloc[0]


def test_errors():
    frame = var2_frame(40)
    with pytest.raises(ValueError, match="train must hold the target and at least one covariate"):
        VARForecaster("y", max_lags=2).fit(frame[["y"]])
    with pytest.raises(ValueError, match=r"train must have more than 33 rows for max_lags=8 with 3 columns"):
        VARForecaster("y", max_lags=8).fit(frame.assign(z=1.0 + frame["x"] ** 2).iloc[:25])
    with pytest.raises(ValueError, match="train must have at least 18 rows"):
        VARForecaster("y", max_lags=8).fit(frame.iloc[:10])
    with pytest.raises(TypeError, match="max_lags must be a positive int"):
        VARForecaster("y", max_lags=2.0)
    with pytest.raises(ValueError, match="max_lags must be a positive int"):
        VARForecaster("y", max_lags=0)
    with pytest.raises(TypeError, match="train must be a pandas DataFrame"):
        VARForecaster("y").fit(frame["y"])
