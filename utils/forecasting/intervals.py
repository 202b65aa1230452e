"""Prediction intervals from backtest residuals (split conformal), and their measured coverage.

A point forecast says nothing about how far off it may be. The errors a model made on *earlier*
folds of a backtest do: with n absolute residuals |e_1|, ..., |e_n| sorted, the conformal radius
for a target coverage 1 - a is

    q = the ceil((n + 1)(1 - a))-th smallest |e_i|,        interval = [y_hat - q, y_hat + q]

If the new error is exchangeable with the old ones, the interval holds the truth with probability
at least 1 - a. Time series errors need not be exchangeable (volatility changes, models differ
between folds), so we never trust the promise: :func:`backtest_intervals` calibrates each fold on
the folds before it only and *measures* how often the truth fell inside (the empirical coverage).

    >>> bands = backtest_intervals(result.predictions, coverage=0.8)
    >>> bands.groupby("model")["covered"].mean()      # measured coverage, per model

Introduced in notebook 11.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from utils.timeseries.metrics import _array, _pair


def conformal_radius(residuals, coverage: float = 0.8) -> float:
    """Half-width q of a symmetric interval from calibration residuals (y_true - y_pred), (n,).

    Raises ``ValueError`` when n is too small for ``coverage`` (it needs
    ceil((n + 1) coverage) <= n, e.g. n >= 4 for 80%, n >= 9 for 90%).
    """
    if isinstance(coverage, bool) or not isinstance(coverage, float) or not 0 < coverage < 1:
        raise ValueError(f"coverage must be a fraction in (0, 1), got {coverage!r}")
    errors = np.sort(np.abs(np.ravel(_array(residuals, "residuals"))))  # (n,), NaN refused
    n = len(errors)
    k = math.ceil((n + 1) * coverage - 1e-9)
    if k > n:
        raise ValueError(
            f"residuals must hold at least {math.ceil(coverage / (1 - coverage) - 1e-9)} values "
            f"for coverage={coverage}, got {n}"
        )
    return float(errors[k - 1])


def interval(y_pred: pd.Series, radius: float) -> pd.DataFrame:
    """``lower``, ``y_pred``, ``upper`` = y_pred -/+ radius, on the index of ``y_pred``."""
    if not isinstance(y_pred, pd.Series):
        raise TypeError(f"y_pred must be a pandas Series, got {type(y_pred).__name__}")
    if isinstance(radius, bool) or not np.isfinite(radius) or radius < 0:
        raise ValueError(f"radius must be a finite number >= 0, got {radius!r}")
    return pd.DataFrame({"lower": y_pred - radius, "y_pred": y_pred, "upper": y_pred + radius})


def empirical_coverage(y_true, lower, upper) -> float:
    """Fraction of ``y_true`` inside [lower, upper] (ends included); arrays of one shape."""
    t, lo = _pair(y_true, lower)
    _, hi = _pair(y_true, upper)
    if np.any(lo > hi):
        raise ValueError("lower must be <= upper everywhere, got a lower bound above its upper")
    return float(np.mean((lo <= t) & (t <= hi)))


def backtest_intervals(predictions: pd.DataFrame, coverage: float = 0.8,
                       groups: Sequence[str] = ("model", "seed")) -> pd.DataFrame:
    """Conformal intervals for every fold after the first, calibrated on the earlier folds only.

    ``predictions`` has the columns of :func:`utils.forecasting.backtest.compare` (``fold``, ``y_true``,
    ``y_pred`` and the ``groups``). Within each group, fold k's radius comes from the residuals
    of folds 0 .. k-1. Fold 0 has no earlier residuals: its rows are *not* in the result
    (``len(result)`` says how many predictions were judged).

    Returns
    -------
    pd.DataFrame
        The rows of folds >= 1 with ``radius``, ``lower``, ``upper`` and ``covered`` (bool) added.
    """
    need = [*groups, "fold", "y_true", "y_pred"]
    missing = [c for c in need if c not in predictions.columns]
    if missing:
        raise ValueError(f"predictions must have columns {missing}, got {list(predictions.columns)}")
    if predictions["fold"].nunique() < 2:
        raise ValueError("predictions must come from at least 2 folds (one to calibrate, one to test)")
    out = []
    for _, rows in predictions.groupby(list(groups), sort=False):
        residuals = rows["y_true"] - rows["y_pred"]
        for k in sorted(rows["fold"].unique())[1:]:
            held_out = rows[rows["fold"] == k]
            q = conformal_radius(residuals[rows["fold"] < k].to_numpy(), coverage)
            out.append(held_out.assign(radius=q, lower=held_out["y_pred"] - q,
                                       upper=held_out["y_pred"] + q))
    result = pd.concat(out)
    result["covered"] = (result["lower"] <= result["y_true"]) & (result["y_true"] <= result["upper"])
    return result


def coverage_table(bands: pd.DataFrame, by: Sequence[str] = ("model",)) -> pd.DataFrame:
    """Per group: measured ``coverage`` (fraction covered), mean ``width`` (2 q) and ``n`` judged."""
    missing = [c for c in [*by, "covered", "radius"] if c not in bands.columns]
    if missing:
        raise ValueError(f"bands must have columns {missing} (from backtest_intervals)")
    grouped = bands.groupby(list(by), sort=False)
    return pd.DataFrame({"coverage": grouped["covered"].mean(),
                         "width": 2 * grouped["radius"].mean(), "n": grouped.size()})
