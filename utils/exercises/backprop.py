"""Checkers for the exercises of notebook 05 (backpropagation): the backward pass of a network with
two hidden layers, a ReLU layer's backward.

Tolerance: relative error below 1e-7 against finite differences / the reference.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from utils.exercises.core import assert_close, checker, require_solved
from utils.nn.activations import sigmoid
from utils.nn.gradcheck import numerical_gradient, relative_error
from utils.nn.losses import binary_cross_entropy_from_logits_grad
from utils.nn.mlp import init_mlp, mlp_backward, mlp_forward

__all__ = ["check_deep_backward", "check_relu_dense_backward"]


@checker("Exercise 1 (backpropagation through two hidden layers)")
def check_deep_backward(backward3):
    """Exercise 1: ``backward3(params, cache, Z3, y)``, the gradients (a dict with the keys of
    ``params``) of the mean binary cross-entropy of a network with two tanh hidden layers and
    a logit output, from the cache ``(X, A1, A2)`` of its forward pass, the logits ``Z3``
    (N, 1) and the targets ``y`` (N, 1)."""
    rng = np.random.default_rng(5)
    params = init_mlp([3, 4, 4, 1], rng)  # equal widths: a swap of slopes runs
    X, y = rng.normal(size=(6, 3)), rng.integers(0, 2, size=(6, 1)).astype(float)
    Z3, caches = mlp_forward(X, params, ["tanh", "tanh", "linear"])
    A1, A2 = np.tanh(caches[0].z), np.tanh(caches[1].z)  # the hidden layers' activations
    got = require_solved(
        backward3({k: v.copy() for k, v in params.items()}, (X.copy(), A1.copy(), A2.copy()),
                  Z3.copy(), y.copy()), "backward3(params, cache, Z3, y)")
    if not isinstance(got, Mapping) or set(got) != set(params):
        keys = sorted(got) if isinstance(got, Mapping) else type(got).__name__
        raise AssertionError(f"return a dict with the keys {sorted(params)}, got {keys}")
    _, expected = mlp_backward(binary_cross_entropy_from_logits_grad(y, Z3), caches)
    _deep_hints(got, expected, params, (X, A1, A2), Z3, y)
    for name in ("kernel_3", "bias_3", "kernel_2", "bias_2", "kernel_1", "bias_1"):
        assert_close(got[name], expected[name], what=f"the gradient of {name}", atol=1e-10,
                     rtol=1e-7)
    return ("Each layer's delta is the delta above it, sent back through that layer's kernel, "
            "times its own slope 1 - A**2.")


def _deep_variants(params, cache, Z3, y) -> dict[str, dict[str, np.ndarray]]:
    """The gradients of typical wrong backward passes, keyed by the hint that names the mistake."""
    X, A1, A2 = cache
    n = len(y)

    def grads(delta3, slope2, slope1, *, skip=False):
        delta2 = (delta3 @ params["kernel_3"].T) * slope2
        delta1 = (delta3 @ params["kernel_3"].T if skip else delta2 @ params["kernel_2"].T) * slope1
        return {"kernel_3": A2.T @ delta3, "bias_3": delta3.sum(axis=0),
                "kernel_2": A1.T @ delta2, "bias_2": delta2.sum(axis=0),
                "kernel_1": X.T @ delta1, "bias_1": delta1.sum(axis=0)}

    delta3 = (sigmoid(Z3) - y) / n
    slope1, slope2 = 1 - A1**2, 1 - A2**2
    return {
        "the loss is a mean: the output delta is (sigmoid(Z3) - y) / N": grads(
            delta3 * n, slope2, slope1),
        "the factor 1 - A2**2 is missing: the error must pass back through layer 2's tanh":
            grads(delta3, 1.0, slope1),
        "the factor 1 - A1**2 is missing: the error must pass back through layer 1's tanh":
            grads(delta3, slope2, 1.0),
        "each layer's delta takes its own slope: 1 - A2**2 for layer 2, 1 - A1**2 for layer 1":
            grads(delta3, slope1, slope2),
        "delta1 comes from delta2 sent back through kernel_2, not from delta3 through kernel_3":
            grads(delta3, slope2, slope1, skip=True),
    }


def _deep_hints(got, expected, params, cache, Z3, y) -> None:
    """Raise the hint of a typical mistake if ``got`` matches one of the wrong backward passes."""
    try:
        values = {k: np.asarray(v, dtype=float) for k, v in got.items()}
    except (TypeError, ValueError):
        return  # assert_close says what the answer is instead
    if any(values[k].shape != expected[k].shape for k in expected):
        return
    for hint, wrong in _deep_variants(params, cache, Z3, y).items():
        if all(np.allclose(values[k], wrong[k], atol=1e-10, rtol=1e-7) for k in wrong):
            raise AssertionError(hint)
    if all(np.allclose(values[k], expected[k], atol=1e-10, rtol=1e-7)
           for k in ("kernel_3", "bias_3", "kernel_2", "bias_2")) \
            and not np.allclose(values["kernel_1"], expected["kernel_1"], atol=1e-10, rtol=1e-7):
        raise AssertionError("layers 3 and 2 are right, layer 1 is not: delta1 comes from delta2 "
                             "sent back through kernel_2 (not from delta3 through kernel_3), "
                             "times 1 - A1**2")


@checker("Exercise 2 (backward of a ReLU dense layer)")
def check_relu_dense_backward(relu_dense_backward):
    """Exercise 2: ``relu_dense_backward(da, X, W, b) -> (dX, dW, db)``, the backward pass of
    a dense layer with a ReLU, A = relu(X W + b), given da = dL/dA (N, H)."""
    rng = np.random.default_rng(6)
    X, W, b = rng.normal(size=(5, 3)), rng.normal(size=(3, 4)), rng.normal(size=4)
    da = rng.normal(size=(5, 4))
    got = require_solved(relu_dense_backward(da.copy(), X.copy(), W.copy(), b.copy()),
                         "the answer")
    if not isinstance(got, tuple) or len(got) != 3:
        raise AssertionError("return a triple (dX, dW, db)")

    def loss(X_, W_, b_):  # a scalar whose gradient in A is da
        return float(np.sum(da * np.maximum(X_ @ W_ + b_, 0)))

    numeric = (numerical_gradient(lambda v: loss(v, W, b), X),
               numerical_gradient(lambda v: loss(X, v, b), W),
               numerical_gradient(lambda v: loss(X, W, v), b))
    for name, g, n in zip(("dX", "dW", "db"), got, numeric, strict=True):
        if np.shape(g) != n.shape:
            raise AssertionError(f"{name} has shape {np.shape(g)}, expected {n.shape}")
        g = np.asarray(g)
        if g.dtype.kind not in "iuf" or not np.isfinite(g).all():
            raise AssertionError(f"{name} must hold finite numbers, got {_few(g)}")
        err = relative_error(g, n)
        if err > 1e-7:
            raise AssertionError(f"{name} differs from the numerical gradient: relative error "
                                 f"{err:.1e} > 1e-7")
    return "dX, dW and db pass a gradient check (relative error < 1e-7)."


def _few(arr: np.ndarray) -> str:
    return np.array2string(arr.ravel()[:4], precision=3, separator=", ")
