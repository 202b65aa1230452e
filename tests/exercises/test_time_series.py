"""Tests of the checkers of notebook 07: right answers pass, stubs say "not solved yet", wrong
answers are explained, and strict mode raises."""

import numpy as np
import pandas as pd
import pytest

from tests.exercises.protocol import assert_explained, assert_not_solved, assert_passes
from utils.exercises.time_series import (
    check_arima_order,
    check_autocorrelation,
    check_yoy_growth,
    mystery_series,
)

GDP = pd.Series(
    100 * 1.01 ** np.arange(12) + np.sin(np.arange(12)),
    index=pd.date_range("2000", periods=12, freq="QS-JAN"),
)


def stub(*args):
    raise NotImplementedError


def autocorrelation(y, k):
    centred = y - y.mean()
    return float(np.sum(centred[k:] * centred[:-k]) / np.sum(centred**2))


def pearson(y, k):
    return float(np.corrcoef(y[k:], y[:-k])[0, 1])


def centred_in_place(y, k):
    y -= y.mean()
    return float(np.sum(y[k:] * y[:-k]) / np.sum(y**2))


RIGHT = [
    (check_yoy_growth, ((100 * (GDP / GDP.shift(4) - 1)).iloc[4:], GDP)),
    (check_yoy_growth, ((GDP.pct_change(4) * 100).dropna(), GDP)),
    (check_autocorrelation, (autocorrelation,)),
    (check_arima_order, ((2, 1, 0),)),
    (check_arima_order, ([2, 1, 0],)),
    (check_arima_order, ((np.int64(2), 1, 0),)),
]

WRONG = [
    (check_yoy_growth, ((GDP / GDP.shift(4) - 1).iloc[4:], GDP), "multiply by 100"),
    (check_yoy_growth, (GDP.pct_change(4) * 100, GDP), "drop them"),
    (check_yoy_growth, ((GDP.pct_change() * 100).iloc[4:], GDP), "quarter-on-quarter"),
    (check_yoy_growth, ((GDP.pct_change(4) * 100).iloc[5:], GDP), "must run from"),
    (check_yoy_growth, (GDP.to_numpy(), GDP), "must be a pandas Series"),
    (check_yoy_growth, ((GDP.pct_change(4) * 101).iloc[4:], GDP), "off by"),
    (check_autocorrelation, (pearson,), "Pearson"),
    (check_autocorrelation, (centred_in_place,), "must not change its input"),
    (check_autocorrelation, (lambda y, k: 0.5,), "off by"),
    (check_yoy_growth, ((GDP.pct_change(4) * 100).iloc[4:].astype(str), GDP),
     "yoy must hold numbers"),
    (check_autocorrelation, (lambda y, k: y[k:] * y[:-k],), "must be a number, got an array"),
    (check_arima_order, ((2, 0, 0),), "ADF test cannot reject a unit root"),
    (check_arima_order, ((2, 2, 0),), "over-differences"),
    (check_arima_order, ((0, 1, 2),), "swapped"),
    (check_arima_order, ((2, 1, 1),), "not an MA part"),
    (check_arima_order, ((6, 1, 0),), "read off the PACF"),
    (check_arima_order, ((1, 1, 0),), "look at lag 2 of the PACF"),
    (check_arima_order, ((2, 1),), "tuple of three ints"),
    (check_arima_order, ((2.0, 1, 0),), "tuple of three ints"),
    (check_arima_order, ((True, 1, 0),), "tuple of three ints"),
    (check_arima_order, ("210",), "tuple of three ints"),
]

STUBS = [
    (check_yoy_growth, (..., GDP)),
    (check_autocorrelation, (stub,)),
    (check_autocorrelation, (lambda y, k: ...,)),
    (check_arima_order, (...,)),
]


@pytest.mark.parametrize(("checker", "args"), RIGHT)
def test_right_answers_pass(checker, args, capsys):
    assert_passes(checker, args, capsys)


@pytest.mark.parametrize(("checker", "args", "hint"), WRONG)
def test_wrong_answers_are_explained(checker, args, hint, capsys):
    assert_explained(checker, args, hint, capsys)


@pytest.mark.parametrize(("checker", "args"), STUBS)
def test_stubs_are_not_solved_yet(checker, args, capsys):
    assert_not_solved(checker, args, capsys)


@pytest.mark.parametrize("gdp, error, message", [
    (GDP.to_numpy(), TypeError, "gdp must be a pandas Series"),
    (GDP.where(GDP.index.year < 2002), ValueError, "gdp must hold finite numbers"),
    (GDP.iloc[::-1], ValueError, "gdp must have a strictly increasing index"),
    (GDP.iloc[:3], ValueError, "gdp must hold at least 5 value"),
])
def test_a_wrong_series_is_refused_even_before_the_answer(gdp, error, message):
    for answer in ((GDP.pct_change(4) * 100).iloc[4:], ...):
        with pytest.raises(error, match=message):
            check_yoy_growth(answer, gdp)


def test_the_mystery_series_reads_as_the_checker_says():
    """The plots of the exercise show what the checker's hints claim: a unit root in the level,
    none in the differences, a PACF that cuts off after lag 2 and an ACF that tails off."""
    from statsmodels.tsa.stattools import acf, adfuller, pacf

    series = mystery_series()
    assert series.equals(mystery_series())  # the same series on every call
    assert len(series) == 240 and series.index.freqstr == "QS-JAN"
    steps = series.diff().iloc[1:].to_numpy()
    assert adfuller(series.to_numpy(), autolag="AIC", result_object=True).pvalue > 0.5
    assert adfuller(steps, autolag="AIC", result_object=True).pvalue < 0.01
    band = 1.96 / np.sqrt(len(steps))
    partial = pacf(steps, nlags=24, method="ywm")[1:]
    assert (np.abs(partial[:2]) > 2 * band).all() and (np.abs(partial[2:]) < band).all()
    assert (acf(steps, nlags=5)[1:] > 2 * band).all()  # tails off slowly: 5 lags far outside
