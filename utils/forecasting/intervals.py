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

Introduced in notebook 12.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from utils import checks

__all__ = ["backtest_intervals", "conformal_radius", "coverage_table"]


def conformal_radius(residuals, coverage: float = 0.8) -> float:
    """Half-width q of a symmetric interval from calibration residuals (y_true - y_pred), (n,).

    Raises ``ValueError`` when n is too small for ``coverage`` (it needs
    ceil((n + 1) coverage) <= n, e.g. n >= 4 for 80%, n >= 9 for 90%).
    """
    coverage = checks.fraction(coverage, "coverage")
    return _radius(checks.float_array(residuals, "residuals", ndim=1, dtype=float), coverage)


def backtest_intervals(predictions: pd.DataFrame, coverage: float = 0.8,
                       groups: str | Sequence[str] = ("model", "seed")) -> pd.DataFrame:
    """Conformal intervals for every fold after the first, calibrated on the earlier folds only.

    ``predictions`` has the columns of :func:`utils.forecasting.backtest.compare` (``fold``,
    ``y_true``, ``y_pred`` and the ``groups``: one column name or several). Within each group,
    fold k's radius comes from the residuals of folds 0 .. k-1. Fold 0 has no earlier residuals:
    its rows are *not* in the result (``len(result)`` says how many predictions were judged).

    Returns
    -------
    pd.DataFrame
        The rows of folds >= 1 with ``radius``, ``lower``, ``upper`` and ``covered`` (bool) added.
    """
    coverage = checks.fraction(coverage, "coverage")
    groups = checks.column_names(groups, "groups")
    checks.dataframe_columns(predictions, "predictions", [*groups, "fold", "y_true", "y_pred"],
                             made_by="compare")
    checks.float_array(predictions[["y_true", "y_pred"]], "predictions[y_true, y_pred]")
    if predictions["fold"].nunique() < 2:
        raise ValueError("predictions must come from at least 2 folds (one to calibrate, one to test)")
    out = []
    for _, rows in predictions.groupby(groups, sort=False):
        residuals = rows["y_true"] - rows["y_pred"]
        for k in sorted(rows["fold"].unique())[1:]:
            held_out = rows[rows["fold"] == k]
            q = _radius(residuals[rows["fold"] < k].to_numpy(dtype=float), coverage)
            out.append(held_out.assign(radius=q, lower=held_out["y_pred"] - q,
                                       upper=held_out["y_pred"] + q))
    result = pd.concat(out)
    result["covered"] = (result["lower"] <= result["y_true"]) & (result["y_true"] <= result["upper"])
    return result


def coverage_table(bands: pd.DataFrame, by: str | Sequence[str] = ("model",)) -> pd.DataFrame:
    """Per group of ``by`` (one column name or several): measured ``coverage`` (fraction
    covered), mean ``width`` (2 q) and ``n`` judged; ``bands`` from :func:`backtest_intervals`."""
    by = checks.column_names(by, "by")
    checks.dataframe_columns(bands, "bands", [*by, "covered", "radius"],
                             made_by="backtest_intervals")
    grouped = bands.groupby(by, sort=False)
    return pd.DataFrame({"coverage": grouped["covered"].mean(),
                         "width": 2 * grouped["radius"].mean(), "n": grouped.size()})


def _radius(residuals: np.ndarray, coverage: float) -> float:
    """The ceil((n + 1) coverage)-th smallest |residual|, for checked arguments."""
    errors = np.sort(np.abs(residuals))  # (n,)
    n = len(errors)
    k = math.ceil((n + 1) * coverage - 1e-9)
    if k > n:
        raise ValueError(
            f"residuals must hold at least {math.ceil(coverage / (1 - coverage) - 1e-9)} values "
            f"for coverage={coverage}, got {n}"
        )
    return float(errors[k - 1])
