"""Checkers for the exercises of notebook 07 (looking at a time series): year-on-year growth, the
autocorrelation by hand, and an ARIMA order read off the plots of a series (:func:`mystery_series`).

Each checker prints one line (correct / not right yet and why / not solved yet) and never raises,
unless ``strict=True`` (the solution cells). They return None, so a check cell shows no stray
True/False. Tolerances: 1e-8 absolute on growth rates (percent) and autocorrelations; the ARIMA
order is exact. The checkers of notebook 08 are in :mod:`utils.exercises.evaluation`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from utils.checks import numeric_series
from utils.exercises.core import assert_close, assert_number, checker, require_solved

__all__ = ["check_arima_order", "check_autocorrelation", "check_yoy_growth", "mystery_series"]


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
    """Exercise 2: ``autocorrelation(y, k)``, the lag-k autocorrelation r_k of a 1-D array y as
    the notebook defines it (y must not be modified)."""
    from statsmodels.tsa.stattools import acf

    rng = np.random.default_rng(7)
    y = np.cumsum(rng.normal(size=50)) * 0.3 + rng.normal(size=50)  # (50,)
    reference = acf(y, nlags=5, adjusted=False)
    for k in (1, 2, 5):
        kept = y.copy()
        got = require_solved(autocorrelation(kept, k), f"autocorrelation(y, {k})")
        if not np.array_equal(kept, y):
            raise AssertionError("autocorrelation must not change its input y")
        value = assert_number(got, f"autocorrelation(y, {k})")
        if k == 1 and np.isclose(value, np.corrcoef(y[1:], y[:-1])[0, 1]):
            raise AssertionError(
                "that is the Pearson correlation of the two shifted pieces; use the mean and "
                "variance of the whole series, as in the formula"
            )
        assert_close(got, reference[k], what=f"autocorrelation(y, {k})", atol=1e-8, rtol=0)
    return "Matches statsmodels' acf at lags 1, 2 and 5 (tolerance 1e-8)."


def mystery_series() -> pd.Series:
    """Exercise 3: a quarterly series of 240 values (1950Q1 to 2009Q4) whose ARIMA order (p, d, q)
    the learner reads off its plots. Made by a fixed simulation (the same series on every call)."""
    rng = np.random.default_rng(14)
    shocks = rng.normal(size=340)  # (340,): 100 values of burn-in, then 240
    steps = np.zeros(340)
    for t in range(2, 340):
        steps[t] = 0.02 + 0.5 * steps[t - 1] + 0.3 * steps[t - 2] + shocks[t]
    index = pd.date_range("1950-01-01", periods=240, freq="QS-JAN", name="date")
    return pd.Series(100 + np.cumsum(steps[100:]), index=index, name="mystery")


def _order(order) -> tuple[int, int, int]:
    """The learner's (p, d, q) as three ints, or an AssertionError that says what came."""
    require_solved(order, "order")
    if not isinstance(order, tuple | list) or len(order) != 3 or not all(
            isinstance(v, int | np.integer) and not isinstance(v, bool) and v >= 0
            for v in order):
        raise AssertionError(f"order must be a tuple of three ints >= 0, (p, d, q), got {order!r}")
    return tuple(int(v) for v in order)


@checker("Exercise 3 (an ARIMA order read off the plots)")
def check_arima_order(order):
    """Exercise 3: ``order``, the (p, d, q) of an ARIMA model for :func:`mystery_series`, read
    off its plots and a unit-root test."""
    p, d, q = _order(order)
    if d == 0:
        raise AssertionError(
            "the level wanders like a random walk and the ADF test cannot reject a unit root: "
            "difference it (d counts the differences needed)")
    if d > 1:
        raise AssertionError(
            "after one difference the ADF test already rejects a unit root: a second difference "
            "over-differences (it adds a spurious MA part)")
    if (p, q) == (0, 2):
        raise AssertionError("p and q are swapped: the order is written (p, d, q)")
    if q > 0:
        raise AssertionError(
            "the ACF of the differences tails off slowly instead of cutting off after a few "
            "lags, which is the sign of an AR part, not an MA part")
    if p > 2:
        raise AssertionError(
            f"p = {p} is more than the PACF shows: the order of an AR part is read off the PACF, "
            "where it cuts off, not off the ACF, which tails off over many lags")
    if p < 2:
        raise AssertionError(f"look at lag {p + 1} of the PACF of the differences: is it inside "
                             "the band?")
    return "The differences are an AR(2): the PACF cuts off after lag 2, the ACF tails off."
