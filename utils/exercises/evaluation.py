"""Checkers for the exercises of notebook 08 (honest evaluation): scaler leakage measured on a
model that it affects, and GDP levels rebuilt from growth forecasts.

Each checker prints one line (correct / not right yet and why / not solved yet) and never raises,
unless ``strict=True`` (the solution cells). They return None, so a check cell shows no stray
True/False. Tolerances: 1e-6 absolute on errors in percentage points, 1e-6 relative on levels.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from utils.checks import numeric_series
from utils.exercises.core import assert_close, assert_number, checker, require_solved
from utils.timeseries.metrics import mae, rmse
from utils.timeseries.scaling import MinMaxScaler, StandardScaler
from utils.timeseries.splits import Split
from utils.timeseries.windowing import make_windows

__all__ = ["check_rebuild_levels", "check_scaler_leakage"]

#: The ridge penalty and the window of the scaler-leakage exercise.
PENALTY, WINDOW = 100.0, 4


def _growth(value, name: str) -> None:
    numeric_series(value, name, min_length=20)


def _split(value, name: str) -> None:
    if not isinstance(value, Split):
        raise TypeError(f"{name} must be a Split from chronological_split, "
                        f"got {type(value).__name__}")


def _ridge_test_error(scaler, growth, split, *, fit_on="train", intercept=False, units="pp",
                      metric=mae) -> float:
    """The exercise's pipeline, and the typical slips in it (each a keyword)."""
    scaled = scaler.transform(growth)
    X, y, times = make_windows(scaled, window=WINDOW, horizon=1)  # scaled windows and targets
    X, y, times = X[:, :, 0], y[:, 0], pd.DatetimeIndex(times[:, 0])  # (N, 4), (N,), (N,)
    last_fit = {"train": split.train.index[-1], "train+validation": split.validation.index[-1],
                "all": split.test.index[-1]}[fit_on]
    fit, test = times <= last_fit, times.isin(split.test.index)
    if intercept:
        X = np.column_stack([np.ones(len(X)), X])
    penalty = PENALTY * np.eye(X.shape[1])
    if intercept:
        penalty[0, 0] = 0.0  # the intercept is not shrunk
    w = np.linalg.solve(X[fit].T @ X[fit] + penalty, X[fit].T @ y[fit])
    pred = X[test] @ w
    if units == "scaled":
        return metric(scaler.transform(split.test).to_numpy(), pred)
    return metric(split.test.to_numpy(), scaler.inverse_transform(pred))


@checker("Exercise 1 (scaler leakage, measured)", growth=_growth, split=_split)
def check_scaler_leakage(ridge_test_mae, growth: pd.Series, split):
    """Exercise 1: ``ridge_test_mae(scaler)``, the test MAE in percentage points of the
    notebook's ridge AR model fitted in the units of a fitted ``scaler``, for any scaler."""
    first_half = growth.loc[: split.train.index[len(split.train) // 2]]
    scalers = {"leaky": StandardScaler().fit(growth), "honest": StandardScaler().fit(split.train),
               "a third": MinMaxScaler().fit(first_half)}
    got = {}
    for name, scaler in scalers.items():
        what = f"ridge_test_mae({name} scaler)"
        got[name] = assert_number(require_solved(ridge_test_mae(scaler), what), what)
    expected = {name: _ridge_test_error(s, growth, split) for name, s in scalers.items()}
    if np.isclose(got["leaky"], got["honest"], rtol=0, atol=1e-12):
        raise AssertionError(
            "the same MAE for the leaky and the honest scaler: does ridge_test_mae scale with the "
            "scaler it is given (and fit no scaler of its own)?")
    slips = {
        "these are errors in standardised units: turn the predictions back into % q/q with "
        "scaler.inverse_transform before comparing them with split.test": {"units": "scaled"},
        "the ridge must learn from the training windows only (targets in split.train), not "
        "from the validation and test windows": {"fit_on": "all"},
        "the ridge must learn from the training windows only (targets in split.train), not "
        "from the validation windows": {"fit_on": "train+validation"},
        "no intercept: with one the model no longer shrinks towards the scaler's mean": {
            "intercept": True},
        "that is the RMSE; the exercise asks for the MAE": {"metric": rmse},
    }
    for hint, slip in slips.items():
        wrong = {name: _ridge_test_error(s, growth, split, **slip) for name, s in scalers.items()}
        if all(np.isclose(got[n], wrong[n], rtol=0, atol=1e-6) for n in scalers):
            raise AssertionError(hint)
    for name in scalers:
        assert_close(got[name], expected[name], what=f"ridge_test_mae({name} scaler)", atol=1e-6,
                     rtol=0)
    gap = expected["honest"] - expected["leaky"]
    return (f"Test MAE {expected['leaky']:.3f} pp with the leaky scaler, {expected['honest']:.3f} "
            f"pp with the honest one: the leak flatters by {gap:.3f} pp (tolerance 1e-6).")


@checker("Exercise 2 (levels from growth)")
def check_rebuild_levels(rebuild_levels):
    """Exercise 2 of notebook 08: ``rebuild_levels(last_level, growth)``, the levels that growth
    forecasts in percent (a Series) lead to from ``last_level``, as a Series on the index of
    ``growth``."""
    index = pd.date_range("2010-01-01", periods=4, freq="QS-JAN")
    growth = pd.Series([1.0, 2.0, -1.0, 0.5], index=index)
    expected = 100.0 * np.cumprod(1 + growth.to_numpy() / 100)
    got = require_solved(rebuild_levels(100.0, growth.copy()), "rebuild_levels(100.0, growth)")
    if not isinstance(got, pd.Series) or not got.index.equals(index):
        raise AssertionError("return a pandas Series on the index of growth")
    if got.dtype.kind not in "biuf":
        raise AssertionError(f"rebuild_levels must return numbers, got dtype {got.dtype}")
    if np.allclose(got, 100.0 * (1 + np.cumsum(growth.to_numpy()) / 100)):
        raise AssertionError(
            "growth compounds: multiply the factors (1 + g/100), do not add rates"
        )
    if np.allclose(got, 100.0 * np.cumprod(1 + growth.to_numpy())):
        raise AssertionError("growth is in percent: divide it by 100 first")
    assert_close(got, expected, what="rebuild_levels(100.0, growth)", atol=0, rtol=1e-6)
    return "Four quarters rebuilt from a level of 100 (tolerance 1e-6 relative)."
