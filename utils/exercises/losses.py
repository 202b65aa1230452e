"""Checkers for the exercises of notebook 03 (loss functions): cross-entropy and its gradient.

Tolerance: 1e-8 (absolute) and 1e-6 (relative).
"""

from __future__ import annotations

import numpy as np

from utils.exercises.core import assert_close, require_solved, run_check
from utils.nn.activations import sigmoid
from utils.nn.losses import binary_cross_entropy

__all__ = ["check_bce", "check_bce_logit_grad"]


def check_bce(bce, *, strict: bool = False) -> None:
    """Exercise: ``bce(y, a)`` = -mean(y log a + (1 - y) log(1 - a)) for probabilities ``a``."""

    def check():
        require_solved(bce, "bce")
        y = np.array([1.0, 0.0, 1.0, 0.0, 1.0])
        a = np.array([0.9, 0.2, 0.6, 0.4, 0.05])
        got = float(require_solved(bce(y.copy(), a.copy()), "bce(y, a)"))
        expected = binary_cross_entropy(y, a)
        if np.isclose(got, -expected):
            raise AssertionError("the sign is flipped: log of a probability is negative, so put a minus in front")
        if np.isclose(got, expected * len(y)):
            raise AssertionError("that is the sum over the examples; divide by N to get the mean")
        assert_close(got, expected, what="bce(y, a)")
        return f"bce = {expected:.4f} on the 5 test examples."

    run_check("Exercise 1 (binary cross-entropy)", check, strict=strict)


def check_bce_logit_grad(dce_dz, *, strict: bool = False) -> None:
    """Exercise: ``dce_dz(z, y)``, the derivative of -[y log s(z) + (1-y) log(1-s(z))] in z (one example)."""

    def check():
        require_solved(dce_dz, "dce_dz")
        z = np.array([-4.0, -1.0, 0.0, 2.0, 6.0])
        for y in (0.0, 1.0):
            got = require_solved(dce_dz(z.copy(), y), "dce_dz(z, y)")
            expected = sigmoid(z) - y
            if np.allclose(np.asarray(got, float), -expected):
                raise AssertionError("the sign is flipped: the slope is positive when a > y")
            if np.allclose(np.asarray(got, float), expected * sigmoid(z) * (1 - sigmoid(z))):
                raise AssertionError("the sigmoid's slope a(1 - a) cancels out: check the chain rule")
            assert_close(got, expected, what=f"dce_dz(z, y={y:g})")
        return "dJ/dz = a - y: no a(1 - a) factor, so no slow-down when the sigmoid saturates."

    run_check("Exercise 2 (the cross-entropy gradient in z)", check, strict=strict)
