"""Tests for utils.timeseries.metrics: known values worked out by hand, properties on random
input (finite accepted, NaN and inf refused, inputs never changed), and every documented error."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from utils.timeseries.metrics import evaluate, mae, mape, mase, rmse, skill_score, smape

TRUE = np.array([1.0, 2.0, 4.0])
PRED = np.array([2.0, 2.0, 1.0])  # errors 1, 0, 3
TRAIN = np.array([1.0, 3.0, 2.0, 6.0])  # naive errors 2, 1, 4 -> scale 7/3


def test_mae_and_rmse_known_values():
    assert mae(TRUE, PRED) == pytest.approx(4 / 3)
    assert rmse(TRUE, PRED) == pytest.approx(np.sqrt(10 / 3))


def test_mape_known_value():
    assert mape(TRUE, PRED) == pytest.approx(100 * (1 + 0 + 0.75) / 3)


def test_smape_known_values():
    assert smape(TRUE, PRED) == pytest.approx(100 * (2 / 3 + 0 + 6 / 5) / 3)
    assert smape([0.0, 1.0], [0.0, 1.0]) == 0.0  # 0/0 pairs count as perfect
    assert smape([1.0], [-1.0]) == pytest.approx(200.0)


def test_mase_known_value():
    assert mase(TRUE, PRED, TRAIN) == pytest.approx((4 / 3) / (7 / 3))
    # seasonal m=2: errors |2-1|, |6-3| -> scale 2
    assert mase(TRUE, PRED, TRAIN, m=2) == pytest.approx((4 / 3) / 2)


def test_mase_of_the_naive_forecast_on_its_training_data_is_one():
    train = np.array([1.0, 4.0, 2.0, 8.0, 5.0])
    assert mase(train[1:], train[:-1], train) == pytest.approx(1.0)


def test_skill_score_known_values():
    assert skill_score(1.0, 2.0) == pytest.approx(0.5)
    assert skill_score(2.0, 2.0) == 0.0
    assert skill_score(3.0, 2.0) == pytest.approx(-0.5)


def test_evaluate_table(quarterly):
    truth = quarterly(TRUE)
    table = evaluate(truth, {"naive": quarterly(PRED), "perfect": truth}, TRAIN)
    assert list(table.index) == ["naive", "perfect"]
    assert list(table.columns) == ["MAE", "RMSE", "MASE", "skill"]
    assert table.loc["perfect", "skill"] == 1.0 and table.loc["naive", "skill"] == 0.0
    assert table.loc["naive", "MASE"] == pytest.approx(mase(TRUE, PRED, TRAIN))
    assert "skill" not in evaluate(truth, {"perfect": truth}, [1.0, 2.0]).columns


finite = st.floats(-1e6, 1e6, allow_nan=False)
metrics = pytest.mark.parametrize("metric", [mae, rmse, smape,
                                             lambda t, p: mase(t, p, np.arange(5.0))])


@metrics
@settings(deadline=None)  # a busy 2-core machine must not fail a property
@given(st.integers(1, 30).flatmap(lambda n: st.tuples(arrays(float, n, elements=finite),
                                                       arrays(float, n, elements=finite))))
def test_finite_input_gives_a_finite_error_and_is_not_changed(metric, pair):
    y_true, y_pred = pair
    kept = y_true.copy(), y_pred.copy()
    assert np.isfinite(metric(y_true, y_pred))
    np.testing.assert_array_equal(y_true, kept[0])
    np.testing.assert_array_equal(y_pred, kept[1])


@metrics
@settings(deadline=None)
@given(arrays(float, st.integers(1, 20), elements=finite), st.data())
def test_nan_or_inf_anywhere_is_refused(metric, y_true, data):
    position = data.draw(st.integers(0, len(y_true) - 1))
    bad = y_true.copy()
    bad[position] = data.draw(st.sampled_from([np.nan, np.inf, -np.inf]))
    with pytest.raises(ValueError, match=rf"y_pred must hold finite numbers .* at position {position}"):
        metric(y_true, bad)


def test_mape_refuses_zeros():
    with pytest.raises(ValueError, match="y_true must have no zeros for MAPE.*1 zero"):
        mape([0.0, 1.0], [1.0, 1.0])


def test_shapes_must_match():
    with pytest.raises(
        ValueError, match=r"y_pred must have the shape of y_true \(3,\), got \(2,\)"
    ):
        mae(TRUE, PRED[:2])


def test_series_indexes_must_match():
    a = pd.Series([1.0, 2.0], index=[0, 1])
    with pytest.raises(ValueError, match="y_pred must have the index of y_true"):
        rmse(a, pd.Series([1.0, 2.0], index=[1, 2]))


def test_empty_is_refused():
    with pytest.raises(ValueError, match=r"y_true must hold at least 1 value"):
        mae([], [])


def test_non_numeric_and_complex_are_refused():
    with pytest.raises(TypeError, match="y_true must hold numbers"):
        mae(["a"], [1.0])
    with pytest.raises(TypeError, match="y_true must hold real numbers, got complex"):
        mae([1 + 9j], [1.0])


def test_mase_errors():
    with pytest.raises(ValueError, match=r"m must be a positive int \(>= 1\), got 0"):
        mase(TRUE, PRED, [1.0, 2.0, 3.0], m=0)
    with pytest.raises(ValueError, match="y_train must have more than m=4 values, got 3"):
        mase(TRUE, PRED, [1.0, 2.0, 3.0], m=4)
    with pytest.raises(ValueError, match="y_train is constant"):
        mase(TRUE, PRED, [2.0, 2.0, 2.0])
    with pytest.raises(ValueError, match=r"y_train must have 1 axes, got shape \(2, 2\)"):
        mase(TRUE, PRED, [[1.0, 2.0], [3.0, 5.0]])  # never ravelled into one series
    with pytest.raises(ValueError, match="y_train must hold finite numbers .* inf at position 2"):
        mase(TRUE, PRED, [1.0, 2.0, np.inf, 3.0])  # once a "perfect" 0.0


@pytest.mark.parametrize(("args", "error", "match"), [
    ((1.0, 0.0), ValueError, r"error_reference must be a number > 0, got 0.0"),
    ((-1.0, 2.0), ValueError, r"error_model must be a number >= 0, got -1.0"),
    ((np.nan, 2.0), ValueError, "error_model must be a finite number"),
    ((1.0, np.nan), ValueError, "error_reference must be a finite number"),
    (("1", 2.0), TypeError, "error_model must be a real number"),
])
def test_skill_score_needs_errors(args, error, match):
    with pytest.raises(error, match=match):
        skill_score(*args)


def test_evaluate_errors(quarterly):
    truth = quarterly(TRUE)
    with pytest.raises(ValueError, match="forecasts must hold at least one"):
        evaluate(truth, {}, TRAIN)
    with pytest.raises(TypeError, match=r"forecasts must be a dict of named forecasts .* got "
                                        r"Series; wrap a single forecast in a dict"):
        evaluate(truth, quarterly(PRED), TRAIN)
    with pytest.raises(ValueError, match=r"forecasts\['AR'\] must have the shape of y_true"):
        evaluate(truth, {"AR": PRED[:2]}, TRAIN)
    with pytest.raises(TypeError, match="reference must be a str"):
        evaluate(truth, {"AR": PRED}, TRAIN, reference=None)
