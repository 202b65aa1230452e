"""Checkers for the exercises of notebooks 09-11: the recurrent step, the LSTM and GRU state
updates, and parameter counts.

Each checker prints one line (correct / not right yet and why / not solved yet) and never raises,
unless ``strict=True`` (the solution cells). Tolerances: 1e-8 absolute and 1e-6 relative on
states; parameter counts must be exact.
"""

from __future__ import annotations

import numpy as np

from utils.cells import lstm, rnn
from utils.exercises.core import assert_close, checker, require_solved

__all__ = [
    "check_gru_param_count",
    "check_gru_update",
    "check_lstm_param_count",
    "check_lstm_update",
    "check_rnn_param_count",
    "check_rnn_step",
]

#: (input size D, units H) pairs on which parameter counts are checked.
_SIZES = [(1, 1), (1, 16), (3, 8), (8, 64)]


def _count(fn, *args) -> int:
    """The learner's count for ``fn(D, H, ...)``: an int, or an AssertionError that says so."""
    got = require_solved(fn(*args), f"the count for D, H = {args[0]}, {args[1]}")
    if isinstance(got, bool) or not isinstance(got, int | np.integer):
        raise AssertionError(f"a count must be an int, got {got!r} for D, H = {args[:2]}")
    return int(got)


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
        got, expected = _count(simple_rnn_params, d, h), d * h + h * h + h
        if got != expected:
            hint = " (did you forget the recurrent kernel H x H?)" if got == d * h + h else ""
            raise AssertionError(f"for D = {d}, H = {h} you give {got}, expected {expected}{hint}")
    return "D*H (kernel) + H*H (recurrent kernel) + H (bias)."


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
        got, expected = _count(lstm_params, d, h), 4 * (d * h + h * h + h)
        if got != expected:
            hint = " (one set of weights per gate: four gates)" if got * 4 == expected else ""
            raise AssertionError(f"for D = {d}, H = {h} you give {got}, expected {expected}{hint}")
    return "Four gates, each with a kernel, a recurrent kernel and a bias."


@checker("Exercise 1 (the GRU update, Keras' convention)")
def check_gru_update(gru_update):
    """Exercise (11): ``gru_update(z, hh, h_prev)``, the new state from the update gate z, the
    candidate hh and the old state, in Keras' convention."""
    rng = np.random.default_rng(4)
    z = rng.uniform(size=(4, 3))
    hh, h_prev = np.tanh(rng.normal(size=(2, 4, 3)))
    got = require_solved(gru_update(z.copy(), hh.copy(), h_prev.copy()), "gru_update(...)")
    if np.shape(got) == z.shape and np.allclose(got, z * hh + (1 - z) * h_prev):
        raise AssertionError(
            "that is the workshop's convention (z weighs the candidate); Keras' z weighs h_prev"
        )
    assert_close(got, z * h_prev + (1 - z) * hh, what="gru_update(z, hh, h_prev)")
    return "z = 1 keeps the old state, z = 0 takes the candidate, as in Keras."


@checker("Exercise 2 (GRU parameter count)")
def check_gru_param_count(gru_params):
    """Exercise (11): ``gru_params(D, H, reset_after)``, the number of weights of
    ``GRU(H, reset_after=...)`` on D inputs, checked exactly for both settings."""
    for d, h in _SIZES:
        for reset_after in (True, False):
            got = _count(gru_params, d, h, reset_after)
            expected = 3 * (d * h + h * h + h) + (3 * h if reset_after else 0)
            if got != expected:
                hint = " (reset_after=True has a second bias row)" if reset_after else ""
                if not reset_after and got == expected + 3 * h:
                    hint = " (reset_after=False has no second bias row)"
                raise AssertionError(
                    f"for D = {d}, H = {h}, reset_after={reset_after} you give {got},"
                    f" expected {expected}{hint}"
                )
    return "Three gate blocks; reset_after=True adds a recurrent bias of 3H."
