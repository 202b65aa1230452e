"""Checkers for the exercises of notebook 02 (activation functions): leaky ReLU, saturation.

Tolerances: 1e-8 on function values and derivatives; 0.01 on the saturation point.
"""

from __future__ import annotations

import numpy as np

from utils.exercises.core import assert_close, assert_number, checker, require_solved

__all__ = ["check_leaky_relu", "check_saturation_point"]

#: Where sigmoid'(z) = 0.01 * 0.25 (1 % of its maximum), for z > 0: log(a / (1 - a)), with
#: a = sigmoid(z) there.
_S = (1 + np.sqrt(1 - 0.01)) / 2
_SATURATION_POINT = float(np.log(_S / (1 - _S)))
#: A typical wrong answer: where sigmoid'(z) = 0.01 (z = 4.585) or sigmoid(z) = 0.99 (z = 4.595).
_ONE_PERCENT_OF_ONE = 4.59


@checker("Exercise 1 (leaky ReLU)")
def check_leaky_relu(leaky_relu, leaky_relu_derivative):
    """Exercise 1: ``leaky_relu(z, negative_slope)`` and its derivative
    ``leaky_relu_derivative(z, negative_slope)``, element-wise on an array ``z``."""
    require_solved(leaky_relu_derivative, "leaky_relu_derivative")
    z = np.array([-3.0, -0.5, 0.5, 2.0])
    slope = 0.1
    got = require_solved(leaky_relu(z.copy(), slope), "leaky_relu(z, negative_slope)")
    if np.shape(got) == z.shape and np.allclose(np.asarray(got, float), np.maximum(z, 0)):
        raise AssertionError("that is the plain ReLU: negative inputs should give "
                             "negative_slope * z")
    assert_close(got, np.where(z > 0, z, slope * z), what="leaky_relu(z, 0.1)")
    dgot = require_solved(leaky_relu_derivative(z.copy(), slope), "leaky_relu_derivative")
    assert_close(dgot, np.where(z > 0, 1.0, slope), what="leaky_relu_derivative(z, 0.1)")
    return "Values and slopes match on z = [-3, -0.5, 0.5, 2] with negative_slope = 0.1."


@checker("Exercise 2 (where the sigmoid saturates)")
def check_saturation_point(z_star):
    """Exercise 2: ``z_star``, the positive z at which sigmoid'(z) has fallen to 1 % of its
    maximum."""
    value = assert_number(z_star, "z_star")
    if value < 0:
        raise AssertionError("sigmoid' is symmetric; give the positive solution")
    if abs(value - _ONE_PERCENT_OF_ONE) < 0.02:
        raise AssertionError(f"at z = {value:.3f} the slope is about 0.01 (and sigmoid(z) about "
                             "0.99): that is 4% of the peak slope 0.25, not 1%")
    if abs(value - _SATURATION_POINT) > 0.01:
        slope = 0.25 / np.cosh(value / 2) ** 2
        raise AssertionError(f"at z = {value:.3f} the slope is {slope:.5f}, "
                             f"which is {slope / 0.25:.1%} of 0.25, not 1% (tolerance 0.01 in z)")
    return (f"z ≈ {_SATURATION_POINT:.2f}: beyond it a sigmoid passes on less than 1% of the "
            "maximum slope.")
