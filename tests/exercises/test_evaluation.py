"""Tests of the checkers of notebook 08: right answers pass, stubs say "not solved yet", wrong
answers are explained, and strict mode raises."""

import numpy as np
import pandas as pd
import pytest

from tests.exercises.protocol import assert_explained, assert_not_solved, assert_passes
from utils.exercises.evaluation import check_rebuild_levels, check_scaler_leakage
from utils.timeseries.metrics import mae, rmse
from utils.timeseries.scaling import StandardScaler
from utils.timeseries.splits import chronological_split
from utils.timeseries.windowing import make_windows

#: A small quarterly growth series whose test part has a lower mean than its training part,
#: as GDP growth does (so a leaky scaler's mean moves towards the test period).
RNG = np.random.default_rng(3)
GROWTH = pd.Series(
    np.r_[1.0 + 0.8 * RNG.normal(size=60), 0.3 + 0.8 * RNG.normal(size=20)],
    index=pd.date_range("1980-01-01", periods=80, freq="QS-JAN"), name="growth")
SPLIT = chronological_split(GROWTH, validation=0.15, test=0.2)


def stub(*args):
    raise NotImplementedError


def ridge_mae(scaler, *, fit_on="train", intercept=False, scaled=False, metric=mae):
    """The exercise's pipeline (as a learner writes it), with the typical slips as options."""
    X, y, times = make_windows(scaler.transform(GROWTH), window=4, horizon=1)
    X, y, times = X[:, :, 0], y[:, 0], times[:, 0]
    last = {"train": SPLIT.train.index[-1], "validation": SPLIT.validation.index[-1],
            "all": SPLIT.test.index[-1]}[fit_on]
    fit, test = times <= last, times >= SPLIT.test.index[0]
    if intercept:
        X = np.column_stack([np.ones(len(X)), X])
    penalty = 100.0 * np.eye(X.shape[1])
    if intercept:
        penalty[0, 0] = 0
    w = np.linalg.solve(X[fit].T @ X[fit] + penalty, X[fit].T @ y[fit])
    if scaled:
        return metric(scaler.transform(SPLIT.test), X[test] @ w)
    return metric(SPLIT.test, scaler.inverse_transform(X[test] @ w))


def rebuild(last, g):
    return last * (1 + g / 100).cumprod()


RIGHT = [
    (check_scaler_leakage, (ridge_mae, GROWTH, SPLIT)),
    (check_rebuild_levels, (rebuild,)),
]

WRONG = [
    (check_scaler_leakage, (lambda s: ridge_mae(StandardScaler().fit(SPLIT.train)), GROWTH, SPLIT),
     "the same MAE for the leaky and the honest scaler"),
    (check_scaler_leakage, (lambda s: ridge_mae(s, scaled=True), GROWTH, SPLIT),
     "standardised units"),
    (check_scaler_leakage, (lambda s: ridge_mae(s, fit_on="all"), GROWTH, SPLIT),
     "not from the validation and test windows"),
    (check_scaler_leakage, (lambda s: ridge_mae(s, fit_on="validation"), GROWTH, SPLIT),
     "not from the validation windows"),
    (check_scaler_leakage, (lambda s: ridge_mae(s, intercept=True), GROWTH, SPLIT),
     "no intercept"),
    (check_scaler_leakage, (lambda s: ridge_mae(s, metric=rmse), GROWTH, SPLIT), "RMSE"),
    (check_scaler_leakage, (lambda s: 1.1 * ridge_mae(s), GROWTH, SPLIT), "off by"),
    (check_scaler_leakage, (lambda s: np.array([ridge_mae(s)] * 2), GROWTH, SPLIT),
     "must be a number"),
    (check_rebuild_levels, (lambda last, g: last * (1 + g.cumsum() / 100),),
     "multiply the factors"),
    (check_rebuild_levels, (lambda last, g: last * (1 + g).cumprod(),), "divide it by 100"),
    (check_rebuild_levels, (lambda last, g: (last * (1 + g / 100).cumprod()).to_numpy(),),
     "pandas Series"),
    (check_rebuild_levels, (lambda last, g: last * (1 + g / 100),), "off by"),
    (check_rebuild_levels, (lambda last, g: (1 + g / 100).astype(str),), "must return numbers"),
]

STUBS = [
    (check_scaler_leakage, (stub, GROWTH, SPLIT)),
    (check_scaler_leakage, (lambda s: ..., GROWTH, SPLIT)),
    (check_rebuild_levels, (stub,)),
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


def test_the_leaky_scaler_flatters_this_model(capsys):
    """The premise of the exercise: on a series whose test mean is lower, the leaky scaler gives
    the shrinking model a lower test MAE than the honest one."""
    leaky, honest = StandardScaler().fit(GROWTH), StandardScaler().fit(SPLIT.train)
    assert ridge_mae(leaky) < ridge_mae(honest)


@pytest.mark.parametrize("growth, split, error, message", [
    (GROWTH.to_numpy(), SPLIT, TypeError, "growth must be a pandas Series"),
    (GROWTH.iloc[:10], SPLIT, ValueError, "growth must hold at least 20"),
    (GROWTH, (SPLIT.train, SPLIT.test), TypeError, "split must be a Split"),
])
def test_a_wrong_call_is_refused_even_before_the_answer(growth, split, error, message):
    for answer in (ridge_mae, ...):
        with pytest.raises(error, match=message):
            check_scaler_leakage(answer, growth, split)
