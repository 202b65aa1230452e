"""Tests for utils.forecasting.baselines and utils.forecasting.interface: known forecasts, the two
kinds of forecast, the shared interface, and every documented error."""

import warnings

import numpy as np
import pandas as pd
import pytest

from utils.forecasting.baselines import (
    ARForecaster,
    ARIMAForecaster,
    DirectARForecaster,
    DriftForecaster,
    MeanForecaster,
    NaiveForecaster,
    SeasonalNaiveForecaster,
)
from utils.forecasting.interface import BaseForecaster, Forecaster, past_windows
from utils.timeseries.splits import chronological_split
from utils.timeseries.time_index import future_index

ALL = [
    NaiveForecaster,
    lambda: SeasonalNaiveForecaster(4),
    DriftForecaster,
    MeanForecaster,
    lambda: ARForecaster(p=2),
    lambda: ARIMAForecaster((1, 0, 0)),
]


@pytest.fixture(scope="module")
def ar1(quarterly):
    """``ar1(n)``: n quarters of y(t) = 0.5 + 0.6 y(t-1) + noise (seed 0)."""
    def make(n=200):
        rng = np.random.default_rng(0)
        y = np.zeros(n)
        for t in range(1, n):
            y[t] = 0.5 + 0.6 * y[t - 1] + rng.normal(scale=0.5)
        return quarterly(y)
    return make


@pytest.mark.parametrize("make", ALL)
def test_every_baseline_speaks_the_shared_interface(make, ar1):
    s = ar1(80)
    split = chronological_split(s, test=0.25)
    model = make()
    assert isinstance(model, Forecaster)
    assert model.fit(split.train) is model
    one = model.predict_one_step(s, split.test.index)
    rec = model.forecast(split.train, horizon=len(split.test))
    for out in (one, rec):
        assert isinstance(out, pd.Series) and out.name == model.name
        assert out.index.equals(split.test.index)
        assert np.isfinite(out.to_numpy()).all()


def test_naive_seasonal_drift_mean_known_values(quarterly):
    train = quarterly([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 9.0])
    s = quarterly([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 9.0, 20.0, 30.0])
    test_idx = s.index[8:]
    np.testing.assert_allclose(NaiveForecaster().fit(train).predict_one_step(s, test_idx), [9, 20])
    np.testing.assert_allclose(NaiveForecaster().fit(train).forecast(train, 2), [9, 9])
    seasonal = SeasonalNaiveForecaster(4).fit(train)
    np.testing.assert_allclose(seasonal.predict_one_step(s, test_idx), [5, 6])
    np.testing.assert_allclose(seasonal.forecast(train, 6), [5, 6, 7, 9, 5, 6])
    drift = DriftForecaster().fit(train)  # slope (9 - 1) / 7
    np.testing.assert_allclose(drift.forecast(train, 2), [9 + 8 / 7, 9 + 16 / 7])
    np.testing.assert_allclose(drift.predict_one_step(s, test_idx), [9 + 8 / 7, 20 + 8 / 7])
    np.testing.assert_allclose(MeanForecaster().fit(train).forecast(train, 2), [37 / 8, 37 / 8])


def test_ar_recovers_noise_free_coefficients(quarterly):
    y = [1.0, 2.0]
    for _ in range(30):
        y.append(0.3 + 0.5 * y[-1] - 0.2 * y[-2])
    model = ARForecaster(p=2).fit(quarterly(y))
    assert model.intercept_ == pytest.approx(0.3)
    np.testing.assert_allclose(model.coef_, [0.5, -0.2], atol=1e-10)
    nxt = 0.3 + 0.5 * y[-1] - 0.2 * y[-2]
    assert model.forecast(quarterly(y), 1).iloc[0] == pytest.approx(nxt)


def test_one_step_uses_true_lags_and_recursive_uses_own_predictions(ar1):
    s = ar1(120)
    split = chronological_split(s, test=0.2)
    model = ARForecaster(p=1).fit(split.train)
    c, phi = model.intercept_, model.coef_[0]
    one = model.predict_one_step(s, split.test.index)
    expected_one = c + phi * s.shift(1).loc[split.test.index]
    np.testing.assert_allclose(one, expected_one)
    rec = model.forecast(split.train, horizon=3)
    first = c + phi * split.train.iloc[-1]
    np.testing.assert_allclose(rec, [first, c + phi * first, c + phi * (c + phi * first)])


def test_one_step_prediction_ignores_the_value_it_predicts(ar1):
    s = ar1(60)
    model = ARForecaster(p=3).fit(s.iloc[:40])
    changed = s.copy()
    changed.iloc[45] = 1e6  # a wild value at the target itself must not change its prediction
    t = s.index[45:46]
    assert model.predict_one_step(s, t).iloc[0] == model.predict_one_step(changed, t).iloc[0]


def test_a_single_date_is_a_one_element_index(ar1):
    s = ar1(60)
    model = ARForecaster(p=2).fit(s.iloc[:40])
    expected = model.predict_one_step(s, s.index[45:46])
    for one_date in (s.index[45], "2011-04-01", [str(s.index[45].date())]):
        pd.testing.assert_series_equal(model.predict_one_step(s, one_date), expected,
                                       check_freq=False)


def test_arima_matches_ar_on_ar1_data_and_is_quiet(ar1):
    s = ar1(300)
    split = chronological_split(s, test=0.2)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        arima = ARIMAForecaster((1, 0, 0)).fit(split.train)
        one = arima.predict_one_step(s, split.test.index)
        rec = arima.forecast(split.train, 4)
    ar = ARForecaster(p=1).fit(split.train)
    np.testing.assert_allclose(
        one, ar.predict_one_step(s, split.test.index), atol=0.05
    )  # MLE vs least squares
    np.testing.assert_allclose(rec, ar.forecast(split.train, 4), atol=0.05)  # MLE vs least squares


def test_arima_with_differencing_one_step_past_the_end(quarterly):
    s = quarterly(np.cumsum(np.ones(40)))
    model = ARIMAForecaster((0, 1, 0)).fit(s.iloc[:30])
    nxt = future_index(s.index, 1)
    pred = model.predict_one_step(s, s.index[30:].append(nxt))
    np.testing.assert_allclose(pred, np.arange(30, 41), atol=1e-6)  # random walk: last value


def test_forecast_index_for_integer_index():
    s = pd.Series(np.arange(10.0))
    out = NaiveForecaster().fit(s).forecast(s, 3)
    assert list(out.index) == [10, 11, 12]


class Constant(BaseForecaster):
    name = "constant"
    value = 1.0

    def _fit(self, values):
        pass

    def _next(self, past):
        return self.value


def test_a_new_forecaster_needs_only_fit_and_next(quarterly):
    s = quarterly(np.arange(8.0))
    assert Constant().fit(s).forecast(s, 2).tolist() == [1.0, 1.0]


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_a_forecaster_that_predicts_nan_or_inf_is_stopped_naming_model_and_date(quarterly, bad):
    s = quarterly(np.arange(8.0))
    model = Constant().fit(s)
    model.value = bad
    with pytest.raises(ValueError, match=rf"constant predicted {bad} for 2001-04-01: a forecaster "
                                         "must return finite numbers"):
        model.predict_one_step(s, s.index[5:])
    with pytest.raises(ValueError, match=rf"constant predicted {bad} for 2002-01-01"):
        model.forecast(s, 2)


@pytest.mark.parametrize("make", ALL)
def test_refuses_the_test_part(make, ar1):
    split = chronological_split(ar1(40), test=0.25)
    with pytest.raises(ValueError, match="must be fitted on the training part only, got the test"):
        make().fit(split.test)


def test_use_before_fit(quarterly):
    with pytest.raises(ValueError, match="naive is not fitted yet"):
        NaiveForecaster().forecast(quarterly([1.0, 2.0]), 1)


def test_a_validation_part_is_only_for_forecasters_that_stop_early(quarterly):
    s = quarterly(np.arange(10.0))
    with pytest.raises(TypeError, match="validation is only for forecasters that stop early"):
        NaiveForecaster().fit(s.iloc[:6], validation=s.iloc[6:])


@pytest.mark.parametrize(("make", "error", "message"), [
    (lambda: SeasonalNaiveForecaster(0), ValueError, r"season must be a positive int \(>= 1\), got 0"),
    (lambda: SeasonalNaiveForecaster(4.0), TypeError, "season must be a positive int"),
    (lambda: ARForecaster(p=-1), ValueError, r"p must be a positive int \(>= 1\), got -1"),
    (lambda: ARIMAForecaster((1, 0)), ValueError, "order must be three non-negative ints"),
    (lambda: ARIMAForecaster(1), TypeError, "order must be three non-negative ints"),
    (lambda: ARIMAForecaster((1, -1, 0)), ValueError, r"order\[1\] must be a non-negative int"),
    (lambda: ARIMAForecaster((1, 0.5, 0)), TypeError, r"order\[1\] must be a non-negative int"),
    (lambda: ARIMAForecaster((1, 0, 0), trend="linear"), ValueError, "trend must be one of"),
])
def test_bad_constructor_arguments(make, error, message):
    with pytest.raises(error, match=message):
        make()


def test_train_too_short(quarterly):
    with pytest.raises(ValueError, match="train must have at least 5 values for seasonal naive"):
        SeasonalNaiveForecaster(4).fit(quarterly([1.0, 2.0, 3.0]))
    with pytest.raises(ValueError, match=r"train must have at least 7 values for AR\(3\)"):
        ARForecaster(3).fit(quarterly(np.arange(5.0)))


@pytest.mark.parametrize("make", [lambda: ARForecaster(2), lambda: ARIMAForecaster((1, 0, 0))])
@pytest.mark.parametrize("bad", [np.inf, -np.inf, np.nan])
def test_inf_is_refused_like_nan(quarterly, make, bad):
    train = quarterly([1.0, 2.0, 0.5, 3.0, bad, 2.0, 1.0, 2.5, 1.5])  # pct_change of a zero: inf
    with pytest.raises(ValueError, match=rf"train must hold finite numbers .* got {bad} at 2001-01-01"):
        make().fit(train)


def test_history_must_be_a_clean_numeric_series(quarterly):
    model = NaiveForecaster().fit(quarterly([1.0, 2.0]))
    with pytest.raises(TypeError, match="history must be a pandas Series, got ndarray"):
        model.forecast(np.arange(3.0), 1)
    with pytest.raises(TypeError, match="history must hold real numbers"):
        model.forecast(pd.Series(["a", "b"]), 1)
    with pytest.raises(ValueError, match="history must hold finite numbers"):
        model.forecast(quarterly([1.0, np.nan]), 1)
    with pytest.raises(ValueError, match="history must have a strictly increasing index"):
        model.forecast(quarterly([1.0, 2.0]).iloc[::-1], 1)


def test_bad_horizon(quarterly):
    model = NaiveForecaster().fit(quarterly([1.0, 2.0]))
    for make in (lambda: model, lambda: ARIMAForecaster((0, 1, 0)).fit(quarterly(np.arange(9.0)))):
        with pytest.raises(ValueError, match=r"horizon must be a positive int \(>= 1\), got 0"):
            make().forecast(quarterly([1.0, 2.0, 3.0]), 0)
        with pytest.raises(TypeError, match="horizon must be a positive int"):
            make().forecast(quarterly([1.0, 2.0, 3.0]), 2.0)


def test_history_too_short_for_forecast(quarterly):
    model = ARForecaster(2).fit(quarterly(np.arange(9.0)))
    with pytest.raises(ValueError, match="history must have at least 2 values, got 1"):
        model.forecast(quarterly([1.0]), 1)


def test_one_step_index_errors(quarterly):
    s = quarterly(np.arange(20.0))
    model = ARForecaster(2).fit(s.iloc[:10])
    with pytest.raises(ValueError, match="index must hold at least one target"):
        model.predict_one_step(s, s.index[:0])
    with pytest.raises(ValueError, match=r"index starts too early: AR\(2\) needs 2 true value.*"
                                         r"2000-04-01 has only 1"):
        model.predict_one_step(s, s.index[1:5])
    beyond = quarterly([0.0, 0.0], start="2010").index
    with pytest.raises(ValueError, match="index must hold dates of history .* got 2010-01-01, "
                                         r"after its end \(2004-10-01\)"):
        model.predict_one_step(s, beyond)
    with pytest.raises(ValueError, match="got 2002-02-01, which is not one of its dates"):
        model.predict_one_step(s, "2002-02-01")  # inside history, between two quarters


def test_past_windows_hold_the_true_values_before_each_target(quarterly):
    s = quarterly(np.arange(10.0))
    X = past_windows(s, s.index[[3, 7]].append(future_index(s.index, 1)), window=3)
    assert X.shape == (3, 3, 1)
    np.testing.assert_array_equal(X[:, :, 0], [[0, 1, 2], [4, 5, 6], [7, 8, 9]])


def test_past_windows_errors(quarterly):
    s = quarterly(np.arange(10.0))
    with pytest.raises(ValueError, match=r"window must be a positive int \(>= 1\), got 0"):
        past_windows(s, s.index[5:], 0)
    with pytest.raises(ValueError, match="index must start at least 3 steps into history"):
        past_windows(s, s.index[2:], 3)


def test_direct_ar_fits_one_regression_per_step_and_feeds_nothing_back(quarterly):
    rng = np.random.default_rng(5)
    x = np.zeros(300)
    for t in range(2, 300):
        x[t] = 0.6 * x[t - 1] - 0.3 * x[t - 2] + rng.normal()
    series = quarterly(x)
    direct = DirectARForecaster(2, horizon=4).fit(series.iloc[:250])
    ar = ARForecaster(2).fit(series.iloc[:250])
    np.testing.assert_allclose(direct.intercepts_[0], ar.intercept_)  # step 1 is the AR(2)
    np.testing.assert_allclose(direct.coefs_[0], ar.coef_)
    path = direct.forecast(series.iloc[:260], 4)
    lags = series.iloc[:260].to_numpy()[::-1][:2]
    np.testing.assert_allclose(path, direct.intercepts_ + direct.coefs_ @ lags)
    # step h's regression, fitted by hand on the value h steps after each window
    values = series.iloc[:250].to_numpy()
    rows = len(values) - 2 - 4 + 1  # every window whose value 4 steps ahead is known
    design = np.column_stack([np.ones(rows), values[1:1 + rows], values[:rows]])
    beta = np.linalg.lstsq(design, values[2 + 3 : 2 + 3 + rows], rcond=None)[0]
    np.testing.assert_allclose([direct.intercepts_[3], *direct.coefs_[3]], beta)
    recursive = ar.forecast(series.iloc[:260], 4)
    assert not np.allclose(path, recursive)  # two strategies, two answers
    with pytest.raises(ValueError, match="horizon must be at most 4"):
        direct.forecast(series.iloc[:260], 5)
