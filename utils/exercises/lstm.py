"""Checkers for the exercises of notebook 10 (LSTM).

Each checker prints one line (correct / not right yet and why / not solved yet) and never raises,
unless ``strict=True`` (the solution cells). Tolerances: 1e-8 absolute and 1e-6 relative on
states; counts must be exact.
"""

from __future__ import annotations

import numpy as np

from utils.cells import lstm
from utils.exercises.core import assert_close, checker, require_count, require_solved

__all__ = ["check_lstm_param_count", "check_lstm_update"]

#: (input size D, units H) pairs on which parameter counts are checked.
_SIZES = [(1, 1), (1, 16), (3, 8), (8, 64)]


@checker("Exercise 1 (the LSTM state update)")
def check_lstm_update(lstm_update):
    """Exercise (10): ``lstm_update(i, f, g, o, c_prev) -> (h, c)`` from activated gates.

    Compared with :func:`utils.cells.lstm.step_forward` on a batch of 4 (D = 2, H = 3).
    """
    rng = np.random.default_rng(2)
    params = lstm.init_params(2, 3, seed=3)
    x, h_prev, c_prev = rng.normal(size=(4, 2)), rng.normal(size=(4, 3)), rng.normal(size=(4, 3))
    h_exp, c_exp, step = lstm.step_forward(x, h_prev, c_prev, params)
    gates = (step.i.copy(), step.f.copy(), step.g.copy(), step.o.copy())  # (N, H) each
    got = require_solved(lstm_update(*gates, c_prev.copy()), "lstm_update(...)")
    if not isinstance(got, tuple) or len(got) != 2:
        raise AssertionError("return a pair (h, c)")
    assert_close(got[1], c_exp, what="c (the new cell state, f * c_prev + i * g)")
    assert_close(got[0], h_exp, what="h (o * tanh(c))")
    return "h and c equal utils.cells.lstm.step_forward's."


@checker("Exercise 2 (LSTM parameter count)")
def check_lstm_param_count(lstm_params):
    """Exercise (10): ``lstm_params(D, H)``, the number of weights of ``LSTM(H)`` on D inputs,
    checked exactly on several sizes."""
    for d, h in _SIZES:
        got, expected = require_count(lstm_params, d, h), 4 * (d * h + h * h + h)
        if got != expected:
            hint = " (one set of weights per gate: four gates)" if got * 4 == expected else ""
            raise AssertionError(f"for D = {d}, H = {h} you give {got}, expected {expected}{hint}")
    return "Four gates, each with a kernel, a recurrent kernel and a bias."
