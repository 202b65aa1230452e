"""Tests for utils.timeseries.metrics: known values worked out by hand, and every documented error."""

import numpy as np
import pandas as pd
import pytest

from utils.timeseries.metrics import evaluate, mae, mape, mase, rmse, skill_score, smape

TRUE = np.array([1.0, 2.0, 4.0])
PRED = np.array([2.0, 2.0, 1.0])  # errors 1, 0, 3


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
    train = np.array([1.0, 3.0, 2.0, 6.0])  # naive errors 2, 1, 4 -> scale 7/3
    assert mase(TRUE, PRED, train) == pytest.approx((4 / 3) / (7 / 3))
    # seasonal m=2: errors |2-1|, |6-3| -> scale 2
    assert mase(TRUE, PRED, train, m=2) == pytest.approx((4 / 3) / 2)


def test_mase_of_the_naive_forecast_on_its_training_data_is_one():
    train = np.array([1.0, 4.0, 2.0, 8.0, 5.0])
    assert mase(train[1:], train[:-1], train) == pytest.approx(1.0)


def test_skill_score_known_values():
    assert skill_score(1.0, 2.0) == pytest.approx(0.5)
    assert skill_score(2.0, 2.0) == 0.0
    assert skill_score(3.0, 2.0) == pytest.approx(-0.5)


def test_evaluate_table():
    idx = pd.date_range("2000", periods=3, freq="YS")
    truth = pd.Series(TRUE, index=idx)
    table = evaluate(
        truth, {"naive": pd.Series(PRED, index=idx), "perfect": truth}, [1.0, 3.0, 2.0, 6.0]
    )
    assert list(table.index) == ["naive", "perfect"]
    assert list(table.columns) == ["MAE", "RMSE", "MASE", "skill"]
    assert table.loc["perfect", "skill"] == 1.0 and table.loc["naive", "skill"] == 0.0
    assert "skill" not in evaluate(truth, {"perfect": truth}, [1.0, 2.0]).columns


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
    with pytest.raises(ValueError, match="same index"):
        rmse(a, pd.Series([1.0, 2.0], index=[1, 2]))


def test_empty_is_refused():
    with pytest.raises(ValueError, match="at least one value"):
        mae([], [])


def test_nan_is_refused():
    with pytest.raises(ValueError, match="y_pred contains NaN"):
        mae(TRUE, [1.0, np.nan, 2.0])


def test_non_numeric_is_refused():
    with pytest.raises(TypeError, match="y_true must hold numbers"):
        mae(["a"], [1.0])


def test_mase_errors():
    with pytest.raises(ValueError, match="m must be a positive int"):
        mase(TRUE, PRED, [1.0, 2.0, 3.0], m=0)
    with pytest.raises(ValueError, match="y_train must have more than m=4 values, got 3"):
        mase(TRUE, PRED, [1.0, 2.0, 3.0], m=4)
    with pytest.raises(ValueError, match="y_train is constant"):
        mase(TRUE, PRED, [2.0, 2.0, 2.0])


def test_skill_score_needs_positive_reference():
    with pytest.raises(ValueError, match="error_reference must be > 0, got 0"):
        skill_score(1.0, 0.0)


def test_evaluate_needs_a_forecast():
    with pytest.raises(ValueError, match="forecasts must hold at least one"):
        evaluate(pd.Series(TRUE), {}, TRUE)
