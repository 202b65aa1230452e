"""Activation functions and their derivatives, in NumPy.

Every element-wise activation ``f`` comes with its derivative ``f'`` as a function of the
*pre-activation* ``z`` (the weighted sum a neuron computes before its activation):

    sigmoid(z) = 1 / (1 + exp(-z))        sigmoid'(z) = sigmoid(z) (1 - sigmoid(z))
    tanh(z)                               tanh'(z)    = 1 - tanh(z)^2
    relu(z)    = max(0, z)                relu'(z)    = 1 if z > 0 else 0   (0 at z = 0, as Keras)
    linear(z)  = z                        linear'(z)  = 1

Softmax is not element-wise: ``softmax(z)_k = exp(z_k) / sum_j exp(z_j)`` over the last axis, and
its backward takes the upstream gradient ``dy`` and returns
``dz = y * (dy - sum_k dy_k y_k)`` (the Jacobian-vector product, never the full Jacobian).

All functions accept any array shape, never modify their input and return float arrays.
Introduced in notebooks 01 (sigmoid) and 02 (the rest).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

__all__ = [
    "ACTIVATIONS",
    "get_activation",
    "linear",
    "linear_derivative",
    "relu",
    "relu_derivative",
    "sigmoid",
    "sigmoid_derivative",
    "softmax",
    "softmax_backward",
    "tanh",
    "tanh_derivative",
]


def _as_float(z, name: str = "z") -> np.ndarray:
    """Return ``z`` as a float array (a copy is never needed: callers do not write into it)."""
    arr = np.asarray(z)
    if arr.dtype == object or not (
        np.issubdtype(arr.dtype, np.number) or np.issubdtype(arr.dtype, np.bool_)
    ):
        raise TypeError(f"{name} must be numeric, got dtype {arr.dtype}")
    if not np.issubdtype(arr.dtype, np.floating):
        arr = arr.astype(np.float64)
    return arr


def sigmoid(z):
    """Logistic sigmoid ``1 / (1 + exp(-z))``, stable for any ``z`` (no overflow at +-1000).

    The split formula only ever exponentiates a non-positive number:
    for ``z >= 0`` it computes ``1 / (1 + exp(-z))``; for ``z < 0`` it computes
    ``exp(z) / (1 + exp(z))``. Both are the same function, and ``exp`` of a negative number
    underflows quietly to 0 instead of overflowing.

    Parameters
    ----------
    z : array_like, any shape
        Pre-activation.

    Returns
    -------
    ndarray, same shape as ``z``, values in [0, 1].
    """
    z = _as_float(z)
    with np.errstate(under="ignore"):  # exp(-1000) underflowing to 0 is the right answer
        e = np.exp(-np.abs(z))  # in (0, 1], never overflows
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_derivative(z):
    """``sigmoid'(z) = sigmoid(z) (1 - sigmoid(z))``; at most 0.25 (at ``z = 0``)."""
    s = sigmoid(z)
    return s * (1.0 - s)


def tanh(z):
    """Hyperbolic tangent ``(e^z - e^-z) / (e^z + e^-z)``, values in [-1, 1]."""
    return np.tanh(_as_float(z))


def tanh_derivative(z):
    """``tanh'(z) = 1 - tanh(z)^2``; at most 1 (at ``z = 0``)."""
    t = np.tanh(_as_float(z))
    return 1.0 - t * t


def relu(z):
    """Rectified linear unit ``max(0, z)``."""
    z = _as_float(z)
    return np.maximum(z, 0.0)


def relu_derivative(z):
    """``relu'(z)``: 1 where ``z > 0``, else 0 (the kink at 0 gets 0, as in Keras/TensorFlow)."""
    z = _as_float(z)
    return (z > 0).astype(z.dtype)


def linear(z):
    """Identity ``f(z) = z`` (a layer with no activation); returns a float copy."""
    return _as_float(z).copy()


def linear_derivative(z):
    """``linear'(z) = 1`` everywhere."""
    return np.ones_like(_as_float(z))


def softmax(z):
    """Softmax over the last axis: ``y_k = exp(z_k - max z) / sum_j exp(z_j - max z)``.

    Subtracting the maximum changes nothing mathematically and keeps ``exp`` from overflowing.

    Parameters
    ----------
    z : array_like, shape (..., K)
        Logits, one row per example.

    Returns
    -------
    ndarray, shape (..., K); each row is positive and sums to 1.
    """
    z = _as_float(z)
    if z.ndim == 0:
        raise ValueError("z must have at least 1 dimension (the K classes), got a scalar")
    e = np.exp(z - np.max(z, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)


def softmax_backward(dy, z):
    """Backward of softmax: ``dz = y * (dy - sum_k dy_k y_k)`` with ``y = softmax(z)``.

    Parameters
    ----------
    dy : array_like, shape (..., K)
        Gradient of the loss with respect to the softmax output.
    z : array_like, shape (..., K)
        The logits the forward pass received.

    Returns
    -------
    dz : ndarray, shape (..., K)
    """
    dy = _as_float(dy, "dy")
    y = softmax(z)
    if dy.shape != y.shape:
        raise ValueError(f"dy must have the shape of z {y.shape}, got {dy.shape}")
    return y * (dy - np.sum(dy * y, axis=-1, keepdims=True))


#: name -> (activation, derivative) for the element-wise activations; names as in Keras.
ACTIVATIONS: dict[str, tuple[Callable, Callable]] = {
    "sigmoid": (sigmoid, sigmoid_derivative),
    "tanh": (tanh, tanh_derivative),
    "relu": (relu, relu_derivative),
    "linear": (linear, linear_derivative),
}


def get_activation(name: str) -> tuple[Callable, Callable]:
    """Return ``(f, f_derivative)`` for an element-wise activation named as in Keras.

    Raises ``TypeError`` if ``name`` is not a string, ``ValueError`` if it is unknown.
    """
    if not isinstance(name, str):
        raise TypeError(f"activation must be a string such as 'tanh', got {type(name).__name__}")
    if name not in ACTIVATIONS:
        raise ValueError(f"activation must be one of {sorted(ACTIVATIONS)}, got {name!r}")
    return ACTIVATIONS[name]
