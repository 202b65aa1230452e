"""Checkers for the exercises of notebook 03 (loss functions): cross-entropy and its gradient.

Tolerance: 1e-8 (absolute) and 1e-6 (relative).
"""

from __future__ import annotations

import numpy as np

from utils.exercises.core import assert_close, assert_number, checker, require_solved
from utils.nn.activations import sigmoid
from utils.nn.losses import binary_cross_entropy

__all__ = ["check_bce", "check_bce_logit_grad"]


@checker("Exercise 1 (binary cross-entropy)")
def check_bce(bce):
    """Exercise 1: ``bce(y, a)``, the mean binary cross-entropy of labels ``y`` and probabilities
    ``a`` (two arrays of shape (N,))."""
    y = np.array([1.0, 0.0, 1.0, 0.0, 1.0])
    a = np.array([0.9, 0.2, 0.6, 0.4, 0.05])
    got = require_solved(bce(y.copy(), a.copy()), "bce(y, a)")
    if np.shape(got) == y.shape:
        raise AssertionError("that is one loss per example; average them into one number")
    got = assert_number(got, "bce(y, a)")
    expected = binary_cross_entropy(y, a)
    if np.isclose(got, -expected):
        raise AssertionError("the sign is flipped: log of a probability is negative, so put a "
                             "minus in front")
    if np.isclose(got, expected * len(y)):
        raise AssertionError("that is the sum over the examples; divide by N to get the mean")
    assert_close(got, expected, what="bce(y, a)")
    return f"bce = {expected:.4f} on the 5 test examples."


@checker("Exercise 2 (the cross-entropy gradient in z)")
def check_bce_logit_grad(dce_dz):
    """Exercise 2: ``dce_dz(z, y)``, element-wise, the derivative in z of the binary cross-entropy
    of one example with logit z and label y."""
    z = np.array([-4.0, -1.0, 0.0, 2.0, 6.0])
    for y in (0.0, 1.0):
        got = require_solved(dce_dz(z.copy(), y), "dce_dz(z, y)")
        expected = sigmoid(z) - y
        if np.shape(got) == z.shape:
            values = np.asarray(got, float) if np.asarray(got).dtype.kind in "biuf" else None
            if values is not None and np.allclose(values, -expected):
                raise AssertionError("the sign is flipped: the slope is positive when a > y")
            if values is not None and np.allclose(values, expected * sigmoid(z) * (1 - sigmoid(z))):
                raise AssertionError("the sigmoid's slope a(1 - a) cancels out: check the chain "
                                     "rule")
        assert_close(got, expected, what=f"dce_dz(z, y={y:g})")
    return "dJ/dz = a - y: no a(1 - a) factor, so no slow-down when the sigmoid saturates."
