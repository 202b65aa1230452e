"""Checkers for the exercises of notebook 11 (GRU).

Each checker prints one line (correct / not right yet and why / not solved yet) and never raises,
unless ``strict=True`` (the solution cells). Tolerances: 1e-8 absolute and 1e-6 relative on
states; counts must be exact.
"""

from __future__ import annotations

import numpy as np

from utils.exercises.core import assert_close, checker, require_count, require_solved

__all__ = ["check_gru_param_count", "check_gru_update"]

#: (input size D, units H) pairs on which parameter counts are checked.
_SIZES = [(1, 1), (1, 16), (3, 8), (8, 64)]


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
            got = require_count(gru_params, d, h, reset_after)
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
