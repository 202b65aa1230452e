"""Checkers for the exercises of notebook 05 (backpropagation): the hidden delta, a ReLU layer's
backward.

Tolerance: relative error below 1e-7 against finite differences / the reference.
"""

from __future__ import annotations

import numpy as np

from utils.exercises.core import assert_close, checker, require_solved
from utils.nn.activations import tanh_derivative
from utils.nn.gradcheck import numerical_gradient, relative_error

__all__ = ["check_hidden_delta", "check_relu_dense_backward"]


@checker("Exercise 1 (the hidden layer's delta)")
def check_hidden_delta(hidden_delta):
    """Exercise 1: ``hidden_delta(delta2, kernel_2, z1)``, the delta of a tanh hidden layer
    (N, H) from the output layer's delta2 (N, 1), its kernel (H, 1) and the hidden
    pre-activation z1 (N, H)."""
    rng = np.random.default_rng(5)
    delta2, kernel_2 = rng.normal(size=(4, 1)), rng.normal(size=(3, 1))
    z1 = rng.normal(size=(4, 3))
    got = require_solved(hidden_delta(delta2.copy(), kernel_2.copy(), z1.copy()), "hidden_delta")
    expected = (delta2 @ kernel_2.T) * tanh_derivative(z1)
    if np.shape(got) == expected.shape and np.asarray(got).dtype.kind in "iuf" \
            and np.allclose(got, delta2 @ kernel_2.T):
        raise AssertionError("the factor tanh'(z1) is missing: the error must pass back through "
                             "the activation")
    assert_close(got, expected, what="hidden_delta", atol=1e-10, rtol=1e-7)
    return "delta1 = (delta2 W2^T) * tanh'(z1), shape (N, H)."


@checker("Exercise 2 (backward of a ReLU dense layer)")
def check_relu_dense_backward(relu_dense_backward):
    """Exercise 2: ``relu_dense_backward(dy, x, W, b) -> (dx, dW, db)``, the backward pass of
    a dense layer with a ReLU, y = relu(x W + b), given dy = dL/dy (N, U)."""
    rng = np.random.default_rng(6)
    x, W, b = rng.normal(size=(5, 3)), rng.normal(size=(3, 4)), rng.normal(size=4)
    dy = rng.normal(size=(5, 4))
    got = require_solved(relu_dense_backward(dy.copy(), x.copy(), W.copy(), b.copy()),
                         "the answer")
    if not isinstance(got, tuple) or len(got) != 3:
        raise AssertionError("return a triple (dx, dW, db)")

    def loss(x_, W_, b_):  # a scalar whose gradient in y is dy
        return float(np.sum(dy * np.maximum(x_ @ W_ + b_, 0)))

    numeric = (numerical_gradient(lambda v: loss(v, W, b), x),
               numerical_gradient(lambda v: loss(x, v, b), W),
               numerical_gradient(lambda v: loss(x, W, v), b))
    for name, g, n in zip(("dx", "dW", "db"), got, numeric, strict=True):
        if np.shape(g) != n.shape:
            raise AssertionError(f"{name} has shape {np.shape(g)}, expected {n.shape}")
        g = np.asarray(g)
        if g.dtype.kind not in "iuf" or not np.isfinite(g).all():
            raise AssertionError(f"{name} must hold finite numbers, got {_few(g)}")
        err = relative_error(g, n)
        if err > 1e-7:
            raise AssertionError(f"{name} differs from the numerical gradient: relative error "
                                 f"{err:.1e} > 1e-7")
    return "dx, dW and db pass a gradient check (relative error < 1e-7)."


def _few(arr: np.ndarray) -> str:
    return np.array2string(arr.ravel()[:4], precision=3, separator=", ")
