"""Tests for utils.forecasting.intervals: the conformal radius, its coverage on synthetic data, calibration on
earlier folds only, and every documented error."""

import numpy as np
import pandas as pd
import pytest

from utils.forecasting.intervals import backtest_intervals, conformal_radius, coverage_table


def test_conformal_radius_known_values():
    residuals = np.array([-1.0, 2, -3, 4, -5, 6, -7, 8, -9])
    assert conformal_radius(residuals, 0.8) == 8.0  # ceil(10 * 0.8) = 8th smallest |e|
    assert conformal_radius(residuals, 0.5) == 5.0
    assert conformal_radius(residuals, 0.9) == 9.0
    assert conformal_radius(pd.Series([1.0, -2.0, 3.0, -4.0]), 0.8) == 4.0


def test_conformal_radius_needs_enough_residuals():
    with pytest.raises(ValueError, match="at least 4 values"):
        conformal_radius([1.0, 2.0, 3.0], 0.8)
    with pytest.raises(ValueError, match="at least 9 values"):
        conformal_radius(np.ones(8), 0.9)


@pytest.mark.parametrize(("coverage", "error"), [
    (0, ValueError), (1, ValueError), (1.5, ValueError), (-0.2, ValueError), (np.nan, ValueError),
    (True, TypeError), ("0.8", TypeError),
])
def test_conformal_radius_refuses_bad_coverage(coverage, error):
    with pytest.raises(error, match="coverage must be a"):
        conformal_radius(np.ones(20), coverage)


@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_conformal_radius_refuses_nan_inf_text_and_tables(bad):
    with pytest.raises(ValueError, match=f"residuals must hold finite numbers .* got {bad}"):
        conformal_radius([1.0, bad, 2.0, 3.0, 4.0], 0.5)
    with pytest.raises(TypeError, match="residuals must hold numbers"):
        conformal_radius(["a", "b"], 0.5)
    with pytest.raises(ValueError, match=r"residuals must have 1 axes, got shape \(2, 3\)"):
        conformal_radius(np.ones((2, 3)), 0.5)


@pytest.mark.parametrize("target", [0.5, 0.8, 0.9])
def test_coverage_on_exchangeable_synthetic_errors_is_close_to_the_target(target):
    rng = np.random.default_rng(0)
    q = conformal_radius(rng.standard_t(df=4, size=400), target)
    new = rng.standard_t(df=4, size=20_000)
    measured = np.mean(np.abs(new) <= q)  # the fraction of new errors inside [-q, q]
    assert abs(measured - target) < 0.04


def test_finite_sample_guarantee_on_average():
    """With n = 9 calibration errors, P(covered) >= 0.8 exactly (averaged over many draws)."""
    rng = np.random.default_rng(1)
    hits = [abs(rng.normal()) <= conformal_radius(rng.normal(size=9), 0.8) for _ in range(4000)]
    assert np.mean(hits) >= 0.78


def synthetic_predictions(n_folds=10, per_fold=30, scale=None, seed=0):
    rng = np.random.default_rng(seed)
    scale = np.ones(n_folds) if scale is None else np.asarray(scale, dtype=float)
    rows = []
    for k in range(n_folds):
        y_pred = rng.normal(size=per_fold)
        rows.append(pd.DataFrame({"model": "m", "seed": 0, "fold": k, "y_pred": y_pred,
                                  "y_true": y_pred + scale[k] * rng.normal(size=per_fold)}))
    return pd.concat(rows, ignore_index=True)


def test_backtest_intervals_cover_about_the_target_on_held_out_folds():
    bands = backtest_intervals(synthetic_predictions(n_folds=30), coverage=0.8)
    assert set(bands["fold"]) == set(range(1, 30))  # fold 0 only calibrates
    assert abs(bands["covered"].mean() - 0.8) < 0.04
    table = coverage_table(bands)
    assert table.loc["m", "n"] == 29 * 30
    assert table.loc["m", "coverage"] == pytest.approx(bands["covered"].mean())


def test_backtest_intervals_calibrate_on_earlier_folds_only():
    # fold 0 errors tiny, fold 1 errors huge: fold 1's band comes from fold 0 and misses
    bands = backtest_intervals(synthetic_predictions(2, 30, scale=[0.01, 100.0]), coverage=0.8)
    assert bands["radius"].max() < 0.1
    assert bands["covered"].mean() < 0.1


def test_backtest_intervals_errors():
    pred = synthetic_predictions(n_folds=2)
    with pytest.raises(ValueError, match="fold"):
        backtest_intervals(pred.drop(columns="fold"))
    with pytest.raises(ValueError, match="2 folds"):
        backtest_intervals(pred[pred["fold"] == 0])
    with pytest.raises(ValueError, match="bands must have the columns .*'radius'"):
        coverage_table(pd.DataFrame({"model": ["m"], "covered": [True]}))
    with pytest.raises(ValueError, match=r"predictions\[y_true, y_pred\] must hold finite numbers"):
        backtest_intervals(pred.assign(y_pred=np.inf))
    with pytest.raises(TypeError, match="groups must be a column name or a list of column names"):
        backtest_intervals(pred, groups=None)
    with pytest.raises(TypeError, match="predictions must be a pandas DataFrame"):
        backtest_intervals(pred.to_dict())


def test_one_string_is_one_column():
    pred = synthetic_predictions(n_folds=3)
    bands = backtest_intervals(pred, groups="model")
    pd.testing.assert_frame_equal(bands, backtest_intervals(pred, groups=["model"]))
    pd.testing.assert_frame_equal(coverage_table(bands, by="model"), coverage_table(bands))
