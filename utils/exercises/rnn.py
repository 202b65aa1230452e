"""Checkers for the exercises of notebook 09 (recurrent neural networks).

Each checker prints one line (correct / not right yet and why / not solved yet) and never raises,
unless ``strict=True`` (the solution cells). Tolerances: 1e-8 absolute and 1e-6 relative on
states; counts must be exact.
"""

from __future__ import annotations

import numpy as np

from utils.cells import rnn
from utils.exercises.core import assert_close, checker, require_count, require_solved

__all__ = ["check_rnn_param_count", "check_rnn_step"]

#: (input size D, units H) pairs on which parameter counts are checked.
_SIZES = [(1, 1), (1, 16), (3, 8), (8, 64)]


@checker("Exercise 1 (one recurrent step)")
def check_rnn_step(rnn_step):
    """Exercise (09): ``rnn_step(x, h_prev, W_x, W_h, b)``, one step of the simple cell.

    Compared with :func:`utils.cells.rnn.step_forward` on a batch of 5 (D = 3, H = 4).
    """
    rng = np.random.default_rng(0)
    params = {**rnn.init_params(3, 4, seed=1), "bias": rng.normal(size=4)}
    x, h_prev = rng.normal(size=(5, 3)), rng.normal(size=(5, 4))
    weights = (params["kernel"], params["recurrent_kernel"], params["bias"])
    got = require_solved(rnn_step(x.copy(), h_prev.copy(), *weights), "rnn_step(...)")
    expected, _ = rnn.step_forward(x, h_prev, params)
    no_memory = np.tanh(x @ params["kernel"] + params["bias"])
    if np.shape(got) == expected.shape and np.allclose(got, no_memory):
        raise AssertionError("h_prev plays no part: add the recurrent term h_prev @ W_h")
    assert_close(got, expected, what="rnn_step(x, h_prev, W_x, W_h, b)")
    return "It equals utils.cells.rnn.step_forward on a batch of 5 (D = 3, H = 4)."


@checker("Exercise 2 (SimpleRNN parameter count)")
def check_rnn_param_count(simple_rnn_params):
    """Exercise (09): ``simple_rnn_params(D, H)``, the number of weights of ``SimpleRNN(H)``
    on D inputs, checked exactly on several sizes."""
    for d, h in _SIZES:
        got, expected = require_count(simple_rnn_params, d, h), d * h + h * h + h
        if got != expected:
            hint = " (did you forget the recurrent kernel H x H?)" if got == d * h + h else ""
            raise AssertionError(f"for D = {d}, H = {h} you give {got}, expected {expected}{hint}")
    return "D*H (kernel) + H*H (recurrent kernel) + H (bias)."
