"""Checkers for the exercises of notebook 12 (forecasting showdown): the fold layout of a
rolling-origin backtest, reading the winners off the results table, and the conformal radius.

Each checker prints one line (correct / not right yet and why / not solved yet) and never raises,
unless ``strict=True`` (the solution cells). They return None, so a check cell shows no stray
True/False. Tolerances: fold positions exact, radii 1e-9 absolute.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from utils.checks import dataframe_columns
from utils.exercises.core import assert_close, assert_number, checker, require_solved
from utils.forecasting.intervals import conformal_radius

__all__ = ["check_conformal_radius", "check_fold_bounds", "check_winners"]

#: (n, n_folds, horizon) on which fold layouts are checked.
_CASES = [(100, 3, 8), (40, 4, 5), (25, 1, 10), (203, 5, 12)]


@checker("Exercise 1 (fold layout)")
def check_fold_bounds(fold_bounds):
    """Exercise 1: ``fold_bounds(n, n_folds, horizon)`` -> [(train_end, test_end), ...], positions
    where fold k's training part ends and its test part ends (exclusive), test parts side by side
    and the last one ending at n."""
    for n, n_folds, horizon in _CASES:
        got = require_solved(fold_bounds(n, n_folds, horizon), f"fold_bounds({n}, ...)")
        origins = [n - (n_folds - k) * horizon for k in range(n_folds)]
        expected = [(o, o + horizon) for o in origins]
        try:
            got = [tuple(int(v) for v in pair) for pair in got]
        except (TypeError, ValueError) as exc:
            raise AssertionError(f"return a list of (train_end, test_end) pairs, got {got!r}"
                                 ) from exc
        if len(got) != n_folds:
            raise AssertionError(f"fold_bounds({n}, {n_folds}, {horizon}) gave {len(got)} "
                                 f"folds, expected {n_folds}")
        if got and got[-1][1] != n:
            raise AssertionError(f"the last test part must end with the series (at {n}), "
                                 f"got {got[-1][1]}")
        if got != expected:
            raise AssertionError(f"fold_bounds({n}, {n_folds}, {horizon}) = {got}, "
                                 f"expected {expected}")
    return "Each fold trains on everything before its test part; nothing leaks (exact)."


@checker("Exercise 3 (conformal radius)")
def check_conformal_radius(radius):
    """Exercise 3: ``radius(residuals, coverage)``, the conformal half-width of an interval from
    the residuals (1-D array, not modified) and a coverage in (0, 1)."""
    rng = np.random.default_rng(11)
    for n, coverage in ((9, 0.8), (20, 0.9), (50, 0.5), (31, 0.8)):
        residuals = rng.normal(size=n) * 3
        kept = residuals.copy()
        got = require_solved(radius(kept, coverage), f"radius(residuals, {coverage})")
        if not np.array_equal(kept, residuals):
            raise AssertionError("radius must not change its input (sort a copy)")
        value = assert_number(got, f"radius(residuals, {coverage})")
        expected = conformal_radius(residuals, coverage)
        if np.isclose(value, expected, atol=1e-9, rtol=0):
            continue
        if np.isclose(value, np.quantile(np.abs(residuals), coverage)):
            raise AssertionError("that is the plain quantile; conformal takes the "
                                 "ceil((n + 1) * coverage)-th smallest |e| (a little wider)")
        if np.isclose(value, np.sort(residuals)[int(np.ceil((n + 1) * coverage)) - 1]):
            raise AssertionError("sort the *absolute* residuals |e|")
        assert_close(value, expected, what=f"radius for n={n}, coverage={coverage}",
                     atol=1e-9, rtol=0)
    return "With n residuals, the band holds a new error with probability >= coverage."


def _table(value, name: str) -> None:
    """The results table: a DataFrame with a MASE column on a (series, model) index."""
    dataframe_columns(value, name, ["MASE"], made_by="summarise")
    if value.index.nlevels != 2:
        raise ValueError(f"{name} must have a (series, model) index of 2 levels, got "
                         f"{value.index.nlevels} level(s)")


@checker("Exercise 2 (who wins where)", table=_table)
def check_winners(winners, table: pd.DataFrame):
    """Exercise 2: ``winners`` maps each series of ``table`` (index: series, model) to the model
    with the lowest mean MASE on it."""
    if not isinstance(winners, dict):
        raise AssertionError(f"winners must be a dict {{series: model}}, got "
                             f"{type(winners).__name__}")
    mase = table["MASE"]
    expected = {s: mase.xs(s, level=0).idxmin() for s in mase.index.unique(level=0)}
    if set(winners) != set(expected):
        raise AssertionError(f"the keys must be the series {sorted(expected)}, got "
                             f"{sorted(winners, key=str)}")
    for series, model in expected.items():
        if winners[series] != model:
            worst = mase.xs(series, level=0).idxmax()
            hint = (" (that is the highest MASE: lower is better)" if winners[series] == worst
                    else "")
            raise AssertionError(f"on {series} the lowest MASE belongs to {model!r}, "
                                 f"not {winners[series]!r}{hint}")
    return "The lowest mean MASE on every series, read from the table itself (exact)."
