"""utils.forecasting.classical: ARIMA and ETS chosen by AICc on the training part, and only there."""

import numpy as np
import pandas as pd
import pytest

from utils.forecasting.classical import AutoARIMAForecaster, ETSForecaster
from utils.timeseries.splits import chronological_split


def ar_series(phis, n, seed, start="1950", scale=1.0):
    rng = np.random.default_rng(seed)
    x = np.zeros(n + 50)
    for t in range(len(phis), len(x)):
        x[t] = sum(p * x[t - k - 1] for k, p in enumerate(phis)) + scale * rng.normal()
    return pd.Series(x[50:], index=pd.date_range(start, periods=n, freq="QS-JAN"))


@pytest.fixture(scope="module")
def switching():
    """AR(1) for 160 quarters, then a test part with a strong AR(3) structure of its own."""
    first = ar_series([0.7], 160, seed=1)
    second = ar_series([0.1, -0.2, 0.75], 240, seed=2,
                       start=first.index[-1] + pd.offsets.QuarterBegin(startingMonth=1))
    return pd.concat([first, second])


def test_the_order_is_chosen_on_the_training_part_only(switching):
    split = chronological_split(switching, test=0.6)  # the AR(3) part is the test part
    on_train = AutoARIMAForecaster(max_p=3, max_q=1, d=0).fit(split.train)
    on_everything = AutoARIMAForecaster(max_p=3, max_q=1, d=0).fit(switching)
    assert on_everything.order_[0] == 3  # the test part would change the choice ...
    assert on_train.order_ != on_everything.order_  # ... but fit never sees it
    fresh = AutoARIMAForecaster(max_p=3, max_q=1, d=0).fit(split.train.copy())
    assert fresh.order_ == on_train.order_ and fresh.trend_ == on_train.trend_


def test_the_search_table_is_sorted_by_aicc_and_the_best_is_kept(switching):
    model = AutoARIMAForecaster(max_p=2, max_q=1, d=0).fit(switching.iloc[:160])
    table = model.candidates_
    assert len(table) == 3 * 2 and table["AICc"].is_monotonic_increasing
    assert tuple(table.loc[0, "order"]) == model.order_ and model.order_[0] >= 1


def test_a_trending_level_is_differenced_once_and_may_drift():
    rng = np.random.default_rng(0)
    level = pd.Series(np.cumsum(0.5 + rng.normal(size=120)),
                      index=pd.date_range("2000", periods=120, freq="MS"))
    model = AutoARIMAForecaster(max_p=1, max_q=1).fit(level)
    assert model.order_[1] == 1 and set(model.candidates_["trend"]) == {"n", "t"}
    path = model.forecast(level, 12)
    assert path.iloc[-1] > level.iloc[-1]  # a drift of +0.5 a month goes on


def test_one_step_predictions_filter_the_truth_with_the_fitted_parameters(switching):
    split = chronological_split(switching.iloc[:200], test=0.2)
    model = AutoARIMAForecaster(max_p=1, max_q=0, d=0).fit(split.train)
    pred = model.predict_one_step(switching.iloc[:200], split.test.index)
    c, phi = model.results_.params[0], model.results_.params[1]
    mean = c  # statsmodels' "c" trend is the mean of the AR(1)
    expected = mean + phi * (switching.shift(1).loc[split.test.index] - mean)
    np.testing.assert_allclose(pred, expected, rtol=1e-6, atol=1e-6)


@pytest.fixture(scope="module")
def monthly():
    rng = np.random.default_rng(3)
    t = np.arange(120)
    values = 100 + 0.2 * t + 10 * np.sin(2 * np.pi * t / 12) + rng.normal(scale=1.0, size=120)
    return pd.Series(values, index=pd.date_range("2000", periods=120, freq="MS"))


def test_ets_beats_the_seasonal_naive_on_a_clean_season(monthly):
    from utils.forecasting.baselines import SeasonalNaiveForecaster

    split = chronological_split(monthly, test=0.2)
    ets = ETSForecaster(12).fit(split.train)
    assert ets.components_[2] in ("add", "mul") and ets.candidates_["AICc"].is_monotonic_increasing
    truth = split.test
    err_ets = np.abs(ets.predict_one_step(monthly, truth.index) - truth).mean()
    snaive = SeasonalNaiveForecaster(12).fit(split.train)
    err_snaive = np.abs(snaive.predict_one_step(monthly, truth.index) - truth).mean()
    assert err_ets < err_snaive
    path = ets.forecast(split.train, 12)
    assert np.abs(path - truth.iloc[:12]).mean() < 3.0  # the season is carried forward


def test_ets_one_step_equals_the_first_step_of_a_forecast(monthly):
    ets = ETSForecaster(12).fit(monthly.iloc[:96])
    one = ets.predict_one_step(monthly, monthly.index[[100]])
    first = ets.forecast(monthly.iloc[:100], 1)
    np.testing.assert_allclose(one.to_numpy(), first.to_numpy())


def test_ets_on_a_series_with_zeros_uses_additive_components_only(monthly):
    shifted = monthly - monthly.min()  # one value is exactly 0
    ets = ETSForecaster(12).fit(shifted)
    assert set(ets.candidates_["error"]) == {"add"} and set(ets.candidates_["seasonal"]) == {"add"}


def test_bad_settings_are_refused():
    with pytest.raises(TypeError, match="max_p"):
        AutoARIMAForecaster(max_p=1.5)
    with pytest.raises(ValueError, match="d must be one of"):
        AutoARIMAForecaster(d=2)
    with pytest.raises(ValueError, match="season must be a seasonal period >= 2"):
        ETSForecaster(1)
    with pytest.raises(ValueError, match="train must have at least 34 values"):
        ETSForecaster(12).fit(pd.Series(np.ones(20) + np.arange(20),
                                        index=pd.date_range("2000", periods=20, freq="MS")))
