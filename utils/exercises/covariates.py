"""Checkers for the exercises of notebook 13 (covariates, deeper networks, a convolutional rival):
scaling several series on the training part, the weights of a stacked GRU, and choosing which
covariate matters most on validation data.

Each checker prints one line (correct / not right yet and why / not solved yet) and never raises,
unless ``strict=True`` (the solution cells). Tolerances: scaled values 1e-9, weight counts and
names exact.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from utils.exercises.core import assert_close, checker, require_count, require_solved

__all__ = ["check_most_useful", "check_scale_columns", "check_stacked_gru_weights"]


def _frames(seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A training part and a later part of three series on very different scales."""
    rng = np.random.default_rng(seed)
    index = pd.date_range("1990-01-01", periods=40, freq="QS-JAN")
    values = rng.normal(size=(40, 3)) * [0.8, 3.0, 0.2] + [0.7, 5.0, -0.1]
    values[30:] += [1.0, -2.0, 0.5]  # the later part has other means: a leak would show
    frame = pd.DataFrame(values, index=index, columns=["growth", "rate", "change"])
    return frame.iloc[:30], frame.iloc[30:]


@checker("Exercise 1 (scaling several series)")
def check_scale_columns(scale_columns):
    """Exercise 1: ``scale_columns(train, other)`` returns ``other`` (a DataFrame) with every
    column standardised by that column's statistics on ``train``, as a StandardScaler fitted on
    ``train`` does."""
    for seed in (0, 1):
        train, other = _frames(seed)
        kept = (train.copy(), other.copy())
        got = require_solved(scale_columns(train, other), "scale_columns(train, other)")
        if not (train.equals(kept[0]) and other.equals(kept[1])):
            raise AssertionError("scale_columns must not change its inputs")
        expected = ((other - train.mean()) / train.std(ddof=0)).to_numpy()
        try:
            values = np.asarray(got, dtype=float)
        except (TypeError, ValueError):  # not numbers: assert_close below says so
            values = None
        if values is not None and values.shape == expected.shape \
                and not np.allclose(values, expected, atol=1e-9):
            _explain_scaling(values, train, other)
        assert_close(got, expected, what=f"scale_columns(train, other) (case {seed})",
                     atol=1e-9, rtol=0)
    return ("Each series on its own scale, with statistics of the training part only: what "
            "KerasCovariateForecaster's scaler does before cutting windows.")


def _explain_scaling(got, train, other) -> None:
    """Raise the hint for a typical wrong scaling, if ``got`` is one."""
    both = pd.concat([train, other])
    wrong = {
        "pandas' .std() divides by n - 1; the scaler uses the population std (ddof=0)":
            (other - train.mean()) / train.std(ddof=1),
        "one mean and one spread per column, not one for the whole table":
            (other - train.to_numpy().mean()) / train.to_numpy().std(),
        "the statistics must come from the training part only, not from the part you scale "
        "(that leaks its mean and spread)": (other - other.mean()) / other.std(ddof=0),
        "the statistics must come from the training part only, not from both parts":
            (other - both.mean()) / both.std(ddof=0),
    }
    for hint, values in wrong.items():
        if np.allclose(got, values.to_numpy(), atol=1e-9):
            raise AssertionError(hint)


@checker("Exercise 2 (weights of a stacked GRU)")
def check_stacked_gru_weights(stacked_gru_weights):
    """Exercise 2: ``stacked_gru_weights(D, H)`` is the number of weights of the network
    ``build_network("gru", window, units=H, architecture="stacked", features=D)`` (one output)."""
    from utils.forecasting.networks import build_network

    for D, H in ((1, 16), (4, 16), (3, 5), (6, 2)):
        got = require_count(stacked_gru_weights, D, H)
        expected = build_network("gru", 8, units=H, architecture="stacked",
                                 features=D).count_params()
        if got == expected:
            continue
        gru = 3 * H * (D + H + 2)  # one GRU layer reading D inputs
        hints = {
            2 * gru + H + 1: "the second layer reads the first layer's states h_t, H numbers "
                             "per step, not the D inputs",
            expected - 6 * H: "Keras' GRU (reset_after=True) has two bias rows, (2, 3H), per layer",
            expected - H - 1: "add the Dense head: H weights and one bias",
            expected * 8: "the weights do not depend on the window length",
        }
        raise AssertionError(hints.get(got, f"stacked_gru_weights({D}, {H}) = {got}, expected "
                                             f"{expected}"))
    return "Two layers of 3H(input + H + 2) weights each, then H + 1 for the head."


def _data(value, name: str) -> None:
    """The notebook's table of series: a DataFrame with a target and at least 2 other columns."""
    if not isinstance(value, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame (the notebook's data), got "
                        f"{type(value).__name__}")
    if value.shape[1] < 3:
        raise ValueError(f"{name} must hold the target and at least 2 covariates, got the "
                         f"columns {list(value.columns)}")


def _target(value, name: str) -> None:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be the target's column name (a str), got {value!r}")


@checker("Exercise 3 (which covariate matters most)", data=_data, target=_target)
def check_most_useful(most_useful, data: pd.DataFrame, target: str):
    """Exercise 3: ``most_useful(data, target, covariates)`` returns the covariate, among
    ``covariates``, that the VAR can least do without: the one whose removal (the others kept)
    raises the VAR's MASE on the validation blocks of ``covariate_scores`` the most."""
    from utils.widgets.covariates import covariate_scores

    if target not in data.columns:
        raise ValueError(f"target must be a column of data {list(data.columns)}, got {target!r}")
    others = [c for c in data.columns if c != target]
    for covariates in (others[:3], others):
        got = require_solved(most_useful(data, target, list(covariates)),
                             f"most_useful(data, target, {covariates})")
        if got not in covariates:
            raise AssertionError(f"return one of the covariates {covariates}, got {got!r}")
        without = {c: covariate_scores(data, target, [o for o in covariates if o != c])
                   .loc["VAR (AIC)"] for c in covariates}
        without = pd.DataFrame(without).T  # rows: the covariate left out
        expected = without["validation"].idxmax()
        if got == expected:
            continue
        alone = {c: covariate_scores(data, target, [c]).loc["VAR (AIC)", "validation"]
                 for c in covariates}
        slips = [  # (the answer of a typical slip, its hint); one answer may fit several
            (without["validation"].idxmin(), "that is the covariate the VAR misses *least* "
             "(its MASE is lowest without it); look for the highest MASE without it"),
            (without["test"].idxmax(), "choose on the validation blocks; the test blocks are "
             "kept for the final verdict"),
            (min(alone, key=alone.get), "leave one out: score the VAR with all the others, "
             "not the VAR with that covariate alone"),
        ]
        hints = [hint for answer, hint in slips if answer == got]
        raise AssertionError("; or ".join(hints) or f"for {covariates} the answer is not {got!r}")
    return ("Leave-one-out on validation data: the covariate whose absence costs the most, "
            "chosen without looking at the test blocks.")
