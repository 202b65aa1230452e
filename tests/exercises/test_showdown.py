"""Tests of the checkers of notebook 12: right answers pass, stubs say "not solved yet", every
typical wrong answer gets its hint, strict mode raises, and the checkers return None."""

import math

import numpy as np
import pytest

from tests.exercises.protocol import assert_explained, assert_not_solved, assert_passes
from utils.exercises.showdown import (
    check_conformal_radius,
    check_coverage,
    check_recursive_forecast,
)
from utils.forecasting.intervals import conformal_radius


def recursive_forecast(intercept, coef, series, origin, horizon):
    values = list(series[:origin])
    for _ in range(horizon):
        values.append(intercept + np.dot(coef, values[-1 : -len(coef) - 1 : -1]))
    return np.array(values[origin:])


def radius(residuals, coverage):
    errors = np.sort(np.abs(residuals))
    k = math.ceil((len(errors) + 1) * coverage)
    return errors[k - 1] if k <= len(errors) else math.inf


def coverage_at(predictions, coverage):
    residuals = predictions["y_true"] - predictions["y_pred"]
    inside = []
    for k in sorted(predictions["fold"].unique())[1:]:
        q = conformal_radius(residuals[predictions["fold"] < k], coverage)
        inside.extend(residuals[predictions["fold"] == k].abs() <= q)
    return np.mean(inside)


def stub(*args):
    raise NotImplementedError


# --- wrong answers of Exercise 1 ----------------------------------------------------------------

def one_step(intercept, coef, series, origin, horizon):  # the truth fed back
    p = len(coef)
    return np.array([intercept + np.dot(coef, series[t - p : t][::-1])
                     for t in range(origin, origin + horizon)])


def same_window(intercept, coef, series, origin, horizon):
    first = intercept + np.dot(coef, series[origin - len(coef) : origin][::-1])
    return np.full(horizon, first)


def oldest_first(intercept, coef, series, origin, horizon):
    values = list(series[:origin])
    for _ in range(horizon):
        values.append(intercept + np.dot(coef, values[-len(coef) :]))
    return np.array(values[origin:])


def one_late(intercept, coef, series, origin, horizon):
    return recursive_forecast(intercept, coef, series, origin + 1, horizon)


def in_place(intercept, coef, series, origin, horizon):
    for t in range(origin, origin + horizon):
        series[t] = intercept + np.dot(coef, series[t - len(coef) : t][::-1])
    return series[origin : origin + horizon].copy()


def with_history(intercept, coef, series, origin, horizon):
    values = list(series[:origin])
    for _ in range(horizon):
        values.append(intercept + np.dot(coef, values[-1 : -len(coef) - 1 : -1]))
    return np.array(values)


def crashing(intercept, coef, series, origin, horizon):
    return np.dot(coef, series[:origin])  # shapes (p,) and (origin,)


# --- wrong answers of Exercise 2 ----------------------------------------------------------------

def plain_quantile(residuals, coverage):
    return np.quantile(np.abs(residuals), coverage)


def ranked_among_n(residuals, coverage):
    errors = np.sort(np.abs(residuals))
    return errors[min(math.ceil(len(errors) * coverage), len(errors)) - 1]


def signed(residuals, coverage):
    errors = np.sort(residuals)
    k = math.ceil((len(errors) + 1) * coverage)
    return errors[k - 1] if k <= len(errors) else math.inf


def index_one_too_far(residuals, coverage):
    errors = np.sort(np.abs(residuals))
    k = math.ceil((len(errors) + 1) * coverage)
    return errors[k] if k < len(errors) else math.inf


def clipped(residuals, coverage):
    errors = np.sort(np.abs(residuals))
    return errors[min(math.ceil((len(errors) + 1) * coverage), len(errors)) - 1]


def sorting_in_place(residuals, coverage):
    residuals.sort()
    return radius(residuals, coverage)


# --- wrong answers of Exercise 3 ----------------------------------------------------------------

def coverage_with(calibrate, judge=lambda e: e.abs()):
    def measured(predictions, coverage):
        residuals = predictions["y_true"] - predictions["y_pred"]
        folds, inside = predictions["fold"], []
        for k in sorted(folds.unique())[1:]:
            q = conformal_radius(residuals[calibrate(folds, k)], coverage)
            inside.extend(judge(residuals[folds == k]) <= q)
        return np.mean(inside)
    return measured


def judging_fold_zero(predictions, coverage):
    residuals = predictions["y_true"] - predictions["y_pred"]
    inside = []
    for k in sorted(predictions["fold"].unique()):
        q = conformal_radius(residuals[predictions["fold"] < k], coverage)
        inside.extend(residuals[predictions["fold"] == k].abs() <= q)
    return np.mean(inside)


def changing_the_table(predictions, coverage):
    predictions["residual"] = predictions["y_true"] - predictions["y_pred"]
    return coverage_at(predictions.drop(columns="residual"), coverage)


RIGHT = [(check_recursive_forecast, recursive_forecast), (check_conformal_radius, radius),
         (check_coverage, coverage_at)]

WRONG = [
    (check_recursive_forecast, one_step, "one-step-ahead predictions"),
    (check_recursive_forecast, same_window, "append it and drop the oldest"),
    (check_recursive_forecast, oldest_first, "reverse the window"),
    (check_recursive_forecast, one_late, "started one step late"),
    (check_recursive_forecast, in_place, "changed `series`"),
    (check_recursive_forecast, with_history, "must hold 5 values"),
    (check_recursive_forecast, crashing, "raised ValueError"),
    (check_recursive_forecast, lambda c, coef, s, o, h: recursive_forecast(c, coef, s, o, h) + 1,
     "is off by up to 1"),
    (check_conformal_radius, plain_quantile, "plain quantile"),
    (check_conformal_radius, ranked_among_n, "n + 1 errors"),
    (check_conformal_radius, signed, "absolute residuals"),
    (check_conformal_radius, index_one_too_far, "ranks count from 1"),
    (check_conformal_radius, clipped, "return math.inf"),
    (check_conformal_radius, sorting_in_place, "must not change its input"),
    (check_conformal_radius, lambda r, c: np.sort(np.abs(r)), "must be a number, got an array"),
    (check_conformal_radius, lambda r, c: radius(r, c) + 0.5, "is off by up to 0.5"),
    (check_coverage, coverage_with(lambda f, k: f <= k), "fold i's own residuals"),
    (check_coverage, coverage_with(lambda f, k: f != k), "used later folds"),
    (check_coverage, coverage_with(lambda f, k: f == 0), "radius of fold 0 alone"),
    (check_coverage, coverage_with(lambda f, k: f < k, judge=lambda e: e), "whatever its sign"),
    (check_coverage, judging_fold_zero, "fold 0 has no earlier fold"),
    (check_coverage, changing_the_table, "changed `predictions`"),
    (check_coverage, lambda p, c: "80 %", "must be a number"),
    (check_coverage, lambda p, c: coverage_at(p, c) - 0.01, "expected"),
]


@pytest.mark.parametrize(("checker", "answer"), RIGHT)
def test_right_answers_pass(checker, answer, capsys):
    assert_passes(checker, (answer,), capsys)


@pytest.mark.parametrize("checker", [check_recursive_forecast, check_conformal_radius,
                                     check_coverage])
def test_stubs_are_not_solved_yet(checker, capsys):
    for answer in (stub, ...):
        assert_not_solved(checker, (answer,), capsys)


@pytest.mark.parametrize(("checker", "answer", "hint"), WRONG)
def test_wrong_answers_are_explained(checker, answer, hint, capsys):
    assert_explained(checker, (answer,), hint, capsys)


def test_the_hints_do_not_fire_for_a_right_answer(capsys):
    """A right answer written differently (a deque, numpy slices) passes with no hint."""
    def sliding(intercept, coef, series, origin, horizon):
        window = np.array(series[origin - len(coef) : origin], dtype=float)
        out = np.empty(horizon)
        for h in range(horizon):
            out[h] = intercept + coef @ window[::-1]
            window = np.append(window[1:], out[h])
        return out

    check_recursive_forecast(sliding)
    assert capsys.readouterr().out.startswith("✓")
