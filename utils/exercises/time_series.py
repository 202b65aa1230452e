"""Checkers for the exercises of notebook 07 (time series): year-on-year growth, the
autocorrelation by hand, levels rebuilt from growth forecasts.

Each checker prints one line (correct / not right yet and why / not solved yet) and never raises,
unless ``strict=True`` (the solution cells). They return None, so a check cell shows no stray
True/False. Tolerances: 1e-8 absolute on growth rates (percent)
and autocorrelations, 1e-6 relative on levels.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from utils.exercises.core import assert_close, require_solved, run_check

__all__ = ["check_autocorrelation", "check_rebuild_levels", "check_yoy_growth"]


def check_yoy_growth(yoy, gdp: pd.Series, *, strict: bool = False) -> None:
    """Exercise 1: ``yoy`` = 100 (L_t - L_{t-4}) / L_{t-4}, a Series without the first 4 quarters."""

    def check():
        got = require_solved(yoy, "yoy")
        if not isinstance(got, pd.Series):
            raise AssertionError(f"yoy must be a pandas Series, got {type(got).__name__}")
        expected = (100 * (gdp / gdp.shift(4) - 1)).iloc[4:]
        if len(got) == len(gdp):
            raise AssertionError("the first 4 quarters have no year-earlier value: drop them")
        if not got.index.equals(expected.index):
            raise AssertionError(
                f"yoy must run from {expected.index[0].date()} to {expected.index[-1].date()} "
                f"({len(expected)} quarters), got {len(got)} values"
            )
        if np.allclose(got, expected / 100):
            raise AssertionError("these are fractions: multiply by 100 for percent")
        if np.allclose(got, (100 * (gdp / gdp.shift(1) - 1)).iloc[4:]):
            raise AssertionError(
                "this is quarter-on-quarter growth: compare with 4 quarters earlier"
            )
        assert_close(got, expected, what="yoy", atol=1e-8, rtol=0)
        return f"Mean year-on-year growth {expected.mean():.2f}% (tolerance 1e-8)."

    run_check("Exercise 1 (year-on-year growth)", check, strict=strict)


def check_autocorrelation(autocorrelation, *, strict: bool = False) -> None:
    """Exercise 2: ``autocorrelation(x, k)`` = sum_t (x_t - m)(x_{t-k} - m) / sum_t (x_t - m)^2."""
    from statsmodels.tsa.stattools import acf

    def check():
        require_solved(autocorrelation, "autocorrelation")
        rng = np.random.default_rng(7)
        x = np.cumsum(rng.normal(size=50)) * 0.3 + rng.normal(size=50)  # (50,)
        reference = acf(x, nlags=5, adjusted=False)
        for k in (1, 2, 5):
            kept = x.copy()
            got = require_solved(autocorrelation(kept, k), f"autocorrelation(x, {k})")
            if not np.array_equal(kept, x):
                raise AssertionError("autocorrelation must not change its input x")
            if k == 1 and np.isclose(got, np.corrcoef(x[1:], x[:-1])[0, 1]):
                raise AssertionError(
                    "that is the Pearson correlation of the two shifted pieces; use the mean and "
                    "variance of the whole series, as in the formula"
                )
            assert_close(got, reference[k], what=f"autocorrelation(x, {k})", atol=1e-8, rtol=0)
        return "Matches statsmodels' acf at lags 1, 2 and 5 (tolerance 1e-8)."

    run_check("Exercise 2 (autocorrelation by hand)", check, strict=strict)


def check_rebuild_levels(rebuild_levels, *, strict: bool = False) -> None:
    """Exercise 3: ``rebuild_levels(last_level, growth)`` = last_level * cumprod(1 + growth / 100)."""

    def check():
        require_solved(rebuild_levels, "rebuild_levels")
        index = pd.date_range("2010-01-01", periods=4, freq="QS-JAN")
        growth = pd.Series([1.0, 2.0, -1.0, 0.5], index=index)
        expected = 100.0 * np.cumprod(1 + growth.to_numpy() / 100)
        got = require_solved(rebuild_levels(100.0, growth.copy()), "rebuild_levels(100.0, growth)")
        if not isinstance(got, pd.Series) or not got.index.equals(index):
            raise AssertionError("return a pandas Series on the index of growth")
        if np.allclose(got, 100.0 * (1 + np.cumsum(growth.to_numpy()) / 100)):
            raise AssertionError(
                "growth compounds: multiply the factors (1 + g/100), do not add rates"
            )
        if np.allclose(got, 100.0 * np.cumprod(1 + growth.to_numpy())):
            raise AssertionError("growth is in percent: divide it by 100 first")
        assert_close(got, expected, what="rebuild_levels(100.0, growth)", atol=0, rtol=1e-6)
        return "Four quarters rebuilt from a level of 100 (tolerance 1e-6 relative)."

    run_check("Exercise 3 (levels from growth)", check, strict=strict)
