"""Checkers for the exercises of notebook 04 (gradient descent): the critical learning rate,
momentum.

Tolerances: 0.01 on the learning rate; 1e-8 on the momentum step.
"""

from __future__ import annotations

import numpy as np

from utils.exercises.core import assert_close, assert_number, checker, require_solved
from utils.nn.optimizers import momentum_update

__all__ = ["check_critical_learning_rate", "check_momentum_step"]


@checker("Exercise 1 (the critical learning rate)")
def check_critical_learning_rate(lr):
    """Exercise 1: ``lr``, the largest learning rate with which gradient descent on
    L(theta) = 2 theta^2 does not diverge."""
    value = assert_number(lr, "lr")
    factor = 1 - 4 * value  # theta_{t+1} = (1 - 4 lr) theta_t
    if abs(value - 0.5) > 0.01:
        if abs(factor) > 1:
            raise AssertionError(f"with lr = {value:g} each step multiplies theta by "
                                 f"{factor:.2f}: |factor| > 1, so it diverges")
        raise AssertionError(f"with lr = {value:g} each step multiplies theta by {factor:.2f}, "
                             "which still converges; a larger rate does too (tolerance 0.01)")
    return ("lr = 2 / L'' = 0.5: each step multiplies theta by -1, the edge between converging "
            "and diverging.")


@checker("Exercise 2 (a momentum step)")
def check_momentum_step(momentum_step):
    """Exercise 2: ``momentum_step(theta, v, grad, lr, beta) -> (new_theta, new_v)``, one momentum
    update (Keras' SGD with momentum) on NumPy arrays."""
    theta, v, g = np.array([1.0, -2.0]), np.array([0.3, 0.1]), np.array([0.5, -4.0])
    got = require_solved(momentum_step(theta.copy(), v.copy(), g.copy(), 0.1, 0.9),
                         "momentum_step")
    if not isinstance(got, tuple) or len(got) != 2:
        raise AssertionError("return a pair (new_theta, new_v)")
    new, state = momentum_update({"t": theta}, {"t": g}, {"v": {"t": v}}, lr=0.1, beta=0.9)
    assert_close(got[1], state["v"]["t"], what="the new velocity v")
    assert_close(got[0], new["t"], what="the new theta")
    return "Matches utils.nn.optimizers.momentum_update."
