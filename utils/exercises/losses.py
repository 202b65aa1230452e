"""Checkers for the exercises of notebook 03 (loss functions): binary cross-entropy, and the
gradient of the categorical cross-entropy with respect to the logits of a softmax.

Tolerance: 1e-8 (absolute) and 1e-6 (relative).
"""

from __future__ import annotations

import numpy as np

from utils.exercises.core import assert_close, assert_number, checker, require_solved
from utils.nn.activations import softmax
from utils.nn.losses import (
    binary_cross_entropy,
    categorical_cross_entropy_from_logits_grad,
    categorical_cross_entropy_grad,
)

__all__ = ["check_bce", "check_softmax_ce_grad"]


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


@checker("Exercise 2 (the softmax cross-entropy gradient)")
def check_softmax_ce_grad(dce_dlogits):
    """Exercise 2: ``dce_dlogits(z, y)``, the gradient of the mean categorical cross-entropy of
    ``softmax(z)`` with respect to the logits ``z`` (N, K), for target rows ``y`` (N, K) that sum
    to 1 (one-hot or smoothed)."""
    z = np.array([[2.0, 0.5, -1.0], [0.1, 0.2, 3.0], [-2.0, 4.0, 0.0], [1.0, 1.0, 1.0]])
    one_hot = np.eye(3)[[0, 1, 1, 2]]
    smoothed = 0.9 * one_hot + 0.1 / 3  # label smoothing: every row still sums to 1
    for y, which in ((one_hot, "one-hot"), (smoothed, "smoothed")):
        got = require_solved(dce_dlogits(z.copy(), y.copy()), "dce_dlogits(z, y)")
        expected = categorical_cross_entropy_from_logits_grad(y, z)
        _softmax_hints(got, expected, z, y, which)
        assert_close(got, expected, what=f"dce_dlogits(z, y) with {which} targets")
    return ("dL/dz = (softmax(z) - y) / N: as in the binary case, the error itself; the "
            "softmax's slopes cancel against the log.")


def _softmax_hints(got, expected: np.ndarray, z: np.ndarray, y: np.ndarray, which: str) -> None:
    """Raise the hint of a typical wrong gradient, if ``got`` is one of them."""
    try:
        values = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return  # assert_close says what the answer is instead
    if values.shape != expected.shape:
        return
    a, n = softmax(z), len(z)
    diagonal = categorical_cross_entropy_grad(y, a) * a * (1 - a)  # dL/da_k * da_k/dz_k only
    hints = (
        (expected * n, "that is the gradient of the sum over the N examples; the loss is their "
                       "mean, so divide by N"),
        (-expected, "the sign is flipped: raising the logit of an over-predicted class "
                    "(a_k > y_k) must increase the loss"),
        (diagonal, "you kept only da_k/dz_k = a_k(1 - a_k): every a_k depends on every z_j "
                   "(da_k/dz_j = -a_k a_j for j != k), and those terms count too"),
        ((z - y) / n, "apply the softmax to the logits first: the error is between the "
                      "probabilities and the targets"),
        ((a - np.eye(y.shape[1])[y.argmax(axis=1)]) / n,
         "right for one-hot targets only: a smoothed row spreads its target over every class, "
         "and each class's share counts, not only the largest"),
    )
    for wrong, hint in hints:
        if np.allclose(values, wrong, atol=1e-8, rtol=1e-6) and not np.allclose(wrong, expected):
            raise AssertionError(f"{hint} ({which} targets)")
