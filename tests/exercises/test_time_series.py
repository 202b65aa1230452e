"""Tests of the checkers of notebooks 07 and 08: right answers pass, stubs say "not solved yet",
wrong answers are explained, and strict mode raises."""

import numpy as np
import pandas as pd
import pytest

from utils.exercises import ExerciseNotSolved
from utils.exercises.time_series import (
    check_autocorrelation,
    check_rebuild_levels,
    check_yoy_growth,
)

GDP = pd.Series(
    100 * 1.01 ** np.arange(12) + np.sin(np.arange(12)),
    index=pd.date_range("2000", periods=12, freq="QS-JAN"),
)


def stub(*args):
    raise NotImplementedError


def autocorrelation(x, k):
    d = x - x.mean()
    return float(np.sum(d[k:] * d[:-k]) / np.sum(d**2))


def pearson(x, k):
    return float(np.corrcoef(x[k:], x[:-k])[0, 1])


def centred_in_place(x, k):
    x -= x.mean()
    return float(np.sum(x[k:] * x[:-k]) / np.sum(x**2))


def rebuild(last, g):
    return last * (1 + g / 100).cumprod()


RIGHT = [
    (check_yoy_growth, ((100 * (GDP / GDP.shift(4) - 1)).iloc[4:], GDP)),
    (check_yoy_growth, ((GDP.pct_change(4) * 100).dropna(), GDP)),
    (check_autocorrelation, (autocorrelation,)),
    (check_rebuild_levels, (rebuild,)),
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
    (check_autocorrelation, (lambda x, k: 0.5,), "off by"),
    (
        check_rebuild_levels,
        (lambda last, g: last * (1 + g.cumsum() / 100),),
        "multiply the factors",
    ),
    (check_rebuild_levels, (lambda last, g: last * (1 + g).cumprod(),), "divide it by 100"),
    (
        check_rebuild_levels,
        (lambda last, g: (last * (1 + g / 100).cumprod()).to_numpy(),),
        "pandas Series",
    ),
    (check_rebuild_levels, (lambda last, g: last * (1 + g / 100),), "off by"),
    (check_rebuild_levels, (lambda last, g: (1 + g / 100).astype(str),), "must return numbers"),
    (check_yoy_growth, ((GDP.pct_change(4) * 100).iloc[4:].astype(str), GDP),
     "yoy must hold numbers"),
    (check_autocorrelation, (lambda x, k: x[k:] * x[:-k],), "must be a number, got an array"),
]

STUBS = [
    (check_yoy_growth, (..., GDP)),
    (check_autocorrelation, (stub,)),
    (check_autocorrelation, (lambda x, k: ...,)),
    (check_rebuild_levels, (stub,)),
]


@pytest.mark.parametrize(("checker", "args"), RIGHT)
def test_right_answers_pass(checker, args, capsys):
    assert checker(*args) is None  # prints, never raises, shows no True/False in the notebook
    assert capsys.readouterr().out.startswith("✓")
    checker(*args, strict=True)


@pytest.mark.parametrize(("checker", "args", "hint"), WRONG)
def test_wrong_answers_are_explained(checker, args, hint, capsys):
    assert checker(*args) is None
    out = capsys.readouterr().out
    assert out.startswith("✗") and hint in out
    with pytest.raises(AssertionError) as caught:
        checker(*args, strict=True)
    assert hint in str(caught.value)


@pytest.mark.parametrize(("checker", "args"), STUBS)
def test_stubs_are_not_solved_yet(checker, args, capsys):
    assert checker(*args) is None
    assert "not solved yet" in capsys.readouterr().out
    with pytest.raises(ExerciseNotSolved):
        checker(*args, strict=True)


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
