"""Checkers for the exercises of notebooks 07 and 08 (time series, honest evaluation): year-on-year growth, the
autocorrelation by hand, levels rebuilt from growth forecasts.

Each checker prints one line (correct / not right yet and why / not solved yet) and never raises,
unless ``strict=True`` (the solution cells). They return None, so a check cell shows no stray
True/False. Tolerances: 1e-8 absolute on growth rates (percent)
and autocorrelations, 1e-6 relative on levels.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from utils.checks import numeric_series
from utils.exercises.core import assert_close, assert_number, checker, require_solved

__all__ = ["check_autocorrelation", "check_rebuild_levels", "check_yoy_growth"]


def _gdp(value, name: str) -> None:
    numeric_series(value, name, min_length=5)


@checker("Exercise 1 (year-on-year growth)", gdp=_gdp)
def check_yoy_growth(yoy, gdp: pd.Series):
    """Exercise 1: ``yoy``, the year-on-year growth of the quarterly series ``gdp`` in percent,
    a Series on the dates of ``gdp`` without the first four quarters."""
    if not isinstance(yoy, pd.Series):
        raise AssertionError(f"yoy must be a pandas Series, got {type(yoy).__name__}")
    expected = (100 * (gdp / gdp.shift(4) - 1)).iloc[4:]
    if len(yoy) == len(gdp):
        raise AssertionError("the first 4 quarters have no year-earlier value: drop them")
    if not yoy.index.equals(expected.index):
        raise AssertionError(
            f"yoy must run from {expected.index[0].date()} to {expected.index[-1].date()} "
            f"({len(expected)} quarters), got {len(yoy)} values"
        )
    if yoy.dtype.kind not in "biuf":
        raise AssertionError(f"yoy must hold numbers, got dtype {yoy.dtype}")
    if np.allclose(yoy, expected / 100):
        raise AssertionError("these are fractions: multiply by 100 for percent")
    if np.allclose(yoy, (100 * (gdp / gdp.shift(1) - 1)).iloc[4:]):
        raise AssertionError(
            "this is quarter-on-quarter growth: compare with 4 quarters earlier"
        )
    assert_close(yoy, expected, what="yoy", atol=1e-8, rtol=0)
    return f"Mean year-on-year growth {expected.mean():.2f}% (tolerance 1e-8)."


@checker("Exercise 2 (autocorrelation by hand)")
def check_autocorrelation(autocorrelation):
    """Exercise 2: ``autocorrelation(x, k)``, the lag-k autocorrelation r_k of a 1-D array x as
    the notebook defines it (x must not be modified)."""
    from statsmodels.tsa.stattools import acf

    rng = np.random.default_rng(7)
    x = np.cumsum(rng.normal(size=50)) * 0.3 + rng.normal(size=50)  # (50,)
    reference = acf(x, nlags=5, adjusted=False)
    for k in (1, 2, 5):
        kept = x.copy()
        got = require_solved(autocorrelation(kept, k), f"autocorrelation(x, {k})")
        if not np.array_equal(kept, x):
            raise AssertionError("autocorrelation must not change its input x")
        value = assert_number(got, f"autocorrelation(x, {k})")
        if k == 1 and np.isclose(value, np.corrcoef(x[1:], x[:-1])[0, 1]):
            raise AssertionError(
                "that is the Pearson correlation of the two shifted pieces; use the mean and "
                "variance of the whole series, as in the formula"
            )
        assert_close(got, reference[k], what=f"autocorrelation(x, {k})", atol=1e-8, rtol=0)
    return "Matches statsmodels' acf at lags 1, 2 and 5 (tolerance 1e-8)."


@checker("Exercise 1 (levels from growth)")
def check_rebuild_levels(rebuild_levels):
    """Exercise 1 of notebook 08: ``rebuild_levels(last_level, growth)``, the levels that growth forecasts in
    percent (a Series) lead to from ``last_level``, as a Series on the index of ``growth``."""
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
