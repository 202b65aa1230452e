"""Checkers for the exercises of notebook 12 (forecasting showdown): the recursive multi-step
forecast loop, the conformal radius, and the measured coverage of conformal bands.

Each checker prints one line (correct / not right yet and why / not solved yet) and never raises,
unless ``strict=True`` (the solution cells). They return None, so a check cell shows no stray
True/False. Every case is made here, from fixed seeds (no training), so a check gives the same
verdict on every machine. Tolerances: forecasts 1e-8 (relative and absolute), radii 1e-9
absolute, coverages exact (a count of values inside a band).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from utils.exercises.core import assert_close, assert_number, call_answer, checker
from utils.forecasting.baselines import ARForecaster
from utils.forecasting.intervals import backtest_intervals, conformal_radius, coverage_table

__all__ = ["check_conformal_radius", "check_coverage", "check_recursive_forecast"]


# --- Exercise 1: the recursive forecast --------------------------------------------------------

#: (AR order p, origin, horizon) of the cases, on the series of :func:`_cycle`.
_RECURSIVE_CASES = [(1, 60, 5), (3, 80, 8), (12, 100, 10), (2, 119, 1)]


def _cycle(n: int = 130) -> pd.Series:
    """A noisy cycle (an AR(2) with a period of about 10 steps around a level of 50)."""
    rng = np.random.default_rng(12)
    y = np.zeros(n)
    for t in range(2, n):
        y[t] = 1.55 * y[t - 1] - 0.8 * y[t - 2] + rng.normal()
    return pd.Series(50 + 5 * y, index=pd.RangeIndex(n), name="cycle")


def _call(fn, name: str, *args):
    """The learner's ``fn(*args)`` (see :func:`~utils.exercises.core.call_answer`)."""
    return call_answer(fn, name, *args, hint=_ERROR_HINTS.get(name, ""))


#: What an error raised inside the learner's function usually means, per exercise.
_ERROR_HINTS = {
    "recursive_forecast": " (the window is the last p values of a list that grows by one "
                          "value per step)",
    "radius": "",
    "coverage_at": " (fold 0 has no earlier fold to calibrate on: it only calibrates, and the "
                   "bands are judged on folds 1, 2, ...)",
}


def _ar_loop(intercept, coef, past, horizon, *, oldest_first=False, shift=True):
    """Variants of the loop, right and wrong, for the hints (``past`` is a list, not changed)."""
    values, p, out = list(past), len(coef), []
    window = values[-p:]
    for _ in range(horizon):
        lags = window[::-1] if not oldest_first else window  # lag 1 first, or the mistake
        out.append(intercept + float(np.dot(coef, lags)))
        if shift:
            window = (window + [out[-1]])[-p:]
    return np.array(out)


@checker("Exercise 1 (the recursive forecast)")
def check_recursive_forecast(recursive_forecast):
    """Exercise 1: ``recursive_forecast(intercept, coef, series, origin, horizon)`` returns the
    ``horizon`` forecasts (an array) that an AR(p) fitted before ``origin`` makes *at* the origin
    for positions origin, origin + 1, ..., using ``series[:origin]`` and nothing after it.
    ``intercept`` is phi_0 and ``coef`` holds phi_1, ..., phi_p (the weight of lag 1 first); ``series`` is a 1-D array that
    must not be changed. Compared with ``ARForecaster(p).forecast`` on several cases."""
    series = _cycle()
    values = series.to_numpy()
    for p, origin, horizon in _RECURSIVE_CASES:
        model = ARForecaster(p).fit(series.iloc[:origin])
        intercept, coef = model.intercept_, model.coef_.copy()
        given = values.copy()
        got = _call(recursive_forecast, "recursive_forecast", intercept, coef, given, origin,
                    horizon)
        what = f"the AR({p}) forecast at origin {origin}, horizon {horizon}"
        if not np.array_equal(given, values):
            raise AssertionError("recursive_forecast changed `series`: keep your predictions in a "
                                 "list of your own (the data must stay as it was)")
        got = np.ravel(np.asarray(got, dtype=float)) if _is_numeric(got) else got
        if isinstance(got, np.ndarray) and got.shape != (horizon,):
            raise AssertionError(f"{what} must hold {horizon} values (one per step), got "
                                 f"{got.size}")
        expected = model.forecast(series.iloc[:origin], horizon).to_numpy()
        if isinstance(got, np.ndarray) and not np.allclose(got, expected, rtol=1e-8, atol=1e-8):
            _explain_recursive(got, intercept, coef, values, origin, horizon, p)
        assert_close(got, expected, what=what, rtol=1e-8, atol=1e-8)
    return ("Each step feeds the previous predictions back as the newest lags: errors compound, "
            "and no value after the origin is ever used.")


def _explain_recursive(got, intercept, coef, values, origin, horizon, p) -> None:
    """Raise the hint of the first typical mistake that ``got`` matches, if any."""
    one_step = [intercept + coef @ values[t - 1 : t - p - 1 if t - p - 1 >= 0 else None : -1]
                for t in range(origin, origin + horizon)]
    if horizon > 1 and np.allclose(got, one_step, rtol=1e-8, atol=1e-8):
        raise AssertionError("these are one-step-ahead predictions: each step used the true "
                             "values after the origin, which are unknown when the forecast is "
                             "made; feed back your own predictions instead")
    if horizon > 1 and np.allclose(got, _ar_loop(intercept, coef, values[:origin], horizon,
                                                 shift=False)):
        raise AssertionError("every step used the same p values, so every step gives the same "
                             "number: after each prediction, append it and drop the oldest value")
    if p > 1 and np.allclose(got, _ar_loop(intercept, coef, values[:origin], horizon,
                                           oldest_first=True)):
        raise AssertionError("coef[0] is the weight of lag 1, the most recent value, but it "
                             "multiplied the oldest one: reverse the window (newest first)")
    if origin < len(values) and np.allclose(got, _ar_loop(intercept, coef, values[: origin + 1],
                                                          horizon)):
        raise AssertionError("the forecast started one step late: the values known at the origin "
                             "are series[:origin], which ends just before position origin")


def _is_numeric(value) -> bool:
    try:
        return np.asarray(value, dtype=float).ndim <= 2
    except (TypeError, ValueError):
        return False


# --- Exercise 2: the conformal radius ----------------------------------------------------------

#: (n, coverage) of the cases: clear of rounding, and two where no residual is large enough.
_RADIUS_CASES = [(20, 0.9), (50, 0.5), (31, 0.8), (9, 0.75), (12, 0.95), (3, 0.8)]


@checker("Exercise 2 (conformal radius)")
def check_conformal_radius(radius):
    """Exercise 2: ``radius(residuals, coverage)`` returns the smallest half-width q_hat, read off
    the n past residuals (a 1-D array, not to be changed), such that a new error that is
    exchangeable with them lies in [-q_hat, q_hat] with probability at least ``coverage`` (0 < coverage < 1); and
    ``math.inf`` when none of the n residuals is large enough to promise that."""
    rng = np.random.default_rng(11)
    for n, coverage in _RADIUS_CASES:
        residuals = rng.standard_t(4, size=n) * 3  # (n,), heavy tails: quantiles differ clearly
        kept = residuals.copy()
        got = _call(radius, "radius", kept, coverage)
        if not np.array_equal(kept, residuals):
            raise AssertionError("radius must not change its input (sort a copy)")
        value = assert_number(got, f"radius(residuals, {coverage}) for n={n}")
        expected = _radius_or_inf(residuals, coverage)
        if value == expected or (math.isfinite(expected) and math.isclose(
                value, expected, rel_tol=0, abs_tol=1e-9)):
            continue
        _explain_radius(value, expected, residuals, coverage)
        assert_close(value, expected, what=f"the radius for n={n}, coverage={coverage}",
                     atol=1e-9, rtol=0)
    return ("The new error's rank among all n + 1 errors is equally likely to be any of them; "
            "that, and nothing about their distribution, sets q_hat.")


def _radius_or_inf(residuals, coverage) -> float:
    try:
        return conformal_radius(residuals, coverage)
    except ValueError:
        return math.inf


def _explain_radius(value, expected, residuals, coverage) -> None:
    """Raise the hint of the first typical mistake that ``value`` matches, if any."""
    errors = np.sort(np.abs(residuals))
    n = len(errors)
    if math.isinf(expected):
        raise AssertionError(f"with n = {n} residuals no band built from them can promise "
                             f"{coverage:.0%}: return math.inf, an honest 'infinitely wide'")
    if math.isclose(value, np.quantile(errors, coverage)):
        raise AssertionError("that is the plain quantile of the n past errors; it forgets that "
                             "the new error is one more, so the band comes out a little narrow")
    rank = math.ceil(n * coverage - 1e-9)
    if 1 <= rank <= n and math.isclose(value, errors[rank - 1]):
        raise AssertionError("you ranked the new error among the n past ones only; count it "
                             "too: there are n + 1 errors, each equally likely to be the largest")
    if value in np.sort(residuals):
        raise AssertionError("sort the absolute residuals |e|: a band [-q_hat, q_hat] misses "
                             "large errors of either sign")
    right_rank = int(np.searchsorted(errors, expected)) + 1  # counted from 1
    if right_rank < n and math.isclose(value, errors[right_rank]):
        raise AssertionError("one place too far: ranks count from 1, Python indexes from 0")


# --- Exercise 3: measured coverage -------------------------------------------------------------

def _fold_predictions(scales, n_per_fold: int, seed: int) -> pd.DataFrame:
    """Predictions of one model over folds 0, 1, ...; the error scale of fold i is ``scales[i]``."""
    rng = np.random.default_rng(seed)
    rows = []
    for i, scale in enumerate(scales):
        truth = rng.normal(10, 3, size=n_per_fold)
        rows.append(pd.DataFrame({"fold": i, "y_true": truth,
                                  "y_pred": truth + scale * rng.normal(size=n_per_fold)}))
    return pd.concat(rows, ignore_index=True)


#: Prediction tables of the checks: steady errors, errors that grow, errors that shrink.
_COVERAGE_CASES = [((1.0, 1.0, 1.0, 1.0), 20, 3), ((0.5, 1.0, 2.0), 20, 4),
                   ((2.0, 1.0, 0.7, 0.5), 25, 5)]


@checker("Exercise 3 (measured coverage)")
def check_coverage(coverage_at):
    """Exercise 3: ``coverage_at(predictions, coverage)`` returns the fraction of the values of
    folds 1, 2, ... that fall inside the conformal band of ``coverage`` (0 < coverage < 1) whose
    radius for fold i comes from the residuals of the folds before i only. ``predictions`` has the
    columns fold, y_true, y_pred (one model, one seed) and must not be changed. Checked at 50, 80
    and 95 % on several tables against ``backtest_intervals`` and ``coverage_table``."""
    got, expected = [], []
    for predictions, coverage in _coverage_checks():
        given = predictions.copy()
        answer = _call(coverage_at, "coverage_at", given, coverage)
        if not given.equals(predictions):
            raise AssertionError("coverage_at changed `predictions`: work on your own columns "
                                 "or a copy")
        got.append(assert_number(answer, f"coverage_at(predictions, {coverage})"))
        bands = backtest_intervals(predictions.assign(model="m"), coverage, groups="model")
        expected.append(float(coverage_table(bands)["coverage"].iloc[0]))
    if np.allclose(got, expected, rtol=0, atol=1e-12):
        return ("A band is judged only on folds its radius has not seen: the promise is "
                "tested, not assumed.")
    for variant, hint in _COVERAGE_MISTAKES:
        if np.allclose(got, [variant(*case) for case in _coverage_checks()], rtol=0, atol=1e-12):
            raise AssertionError(hint)
    (predictions, coverage), value, right = next(
        (case, g, e) for case, g, e in zip(_coverage_checks(), got, expected, strict=True)
        if not math.isclose(g, e, rel_tol=0, abs_tol=1e-12))
    raise AssertionError(f"at {coverage:.0%} on {predictions['fold'].nunique()} folds of "
                         f"{len(predictions) // predictions['fold'].nunique()} values: {value:.4f}, "
                         f"expected {right:.4f}")


def _coverage_checks():
    """(predictions, coverage) of every check: each table at 50, 80 and 95 %."""
    for scales, n_per_fold, seed in _COVERAGE_CASES:
        predictions = _fold_predictions(scales, n_per_fold, seed)
        for coverage in (0.5, 0.8, 0.95):
            yield predictions, coverage


def _variant(calibrate, signed=False):
    """The measured coverage when fold i is calibrated on the folds f with calibrate(f, i)
    (``signed``: the mistake of testing e <= q_hat instead of |e| <= q_hat)."""
    def measured(predictions, coverage) -> float:
        residuals = predictions["y_true"] - predictions["y_pred"]
        folds, inside = predictions["fold"], []
        for i in sorted(folds.unique())[1:]:
            q_hat = conformal_radius(residuals[calibrate(folds, i)].to_numpy(), coverage)
            judged = residuals[folds == i]
            inside.extend((judged if signed else np.abs(judged)) <= q_hat)
        return float(np.mean(inside))
    return measured


#: Typical mistakes of Exercise 3 and their hints.
_COVERAGE_MISTAKES = [
    (_variant(lambda f, i: f <= i),
     "fold i's radius included fold i's own residuals, which are not known when its forecasts "
     "are made: calibrate on the folds before it only (that band looks better than it is)"),
    (_variant(lambda f, i: f != i),
     "fold i's radius used later folds too: calibrate on the folds *before* it only (later "
     "errors are in the future)"),
    (_variant(lambda f, i: f == 0),
     "every fold got the radius of fold 0 alone: fold i may use all the folds before it "
     "(0 .. i-1), so later bands are better calibrated"),
    (_variant(lambda f, i: f < i, signed=True),
     "a value is inside when |y_true - y_pred| <= q_hat: compare the size of the error with "
     "q_hat, whatever its sign"),
]
