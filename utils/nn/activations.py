"""Activation functions and their derivatives, in NumPy.

Every element-wise activation ``f`` comes with its derivative ``f'`` as a function of the
*pre-activation* ``z`` (the weighted sum a neuron computes before its activation):

    sigmoid(z) = 1 / (1 + exp(-z))        sigmoid'(z) = sigmoid(z) (1 - sigmoid(z))
    tanh(z)                               tanh'(z)    = 1 - tanh(z)^2
    relu(z)    = max(0, z)                relu'(z)    = 1 if z > 0 else 0   (0 at z = 0, as Keras)
    linear(z)  = z                        linear'(z)  = 1

Softmax is not element-wise: ``softmax(z)_k = exp(z_k) / sum_j exp(z_j)`` over the last axis.

All functions accept any array shape of real numbers (ints become float64, float32 stays float32),
never modify their input and return float arrays. They refuse what is not an array of real
numbers (strings, booleans, complex numbers: TypeError) and an empty array (ValueError). Like
NumPy, they keep IEEE behaviour element by element: ``nan`` gives ``nan`` and ``+-inf`` gives the
limit (``sigmoid(inf) = 1``), so that a NaN shows up where it was made instead of stopping a
whole batch. Introduced in notebooks 01 (sigmoid) and 02 (the rest).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from utils.checks import float_array, one_of

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
    "tanh",
    "tanh_derivative",
]


def _z(z) -> np.ndarray:
    """The pre-activation as a float array (NaN and inf kept: element-wise maths)."""
    return float_array(z, "z", finite=False)


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
    ndarray, same shape as ``z``, values in [0, 1] (``nan`` where ``z`` is ``nan``).
    """
    z = _z(z)
    with np.errstate(under="ignore"):  # exp(-1000) underflowing to 0 is the right answer
        e = np.exp(-np.abs(z))  # in (0, 1], never overflows
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_derivative(z):
    """``sigmoid'(z) = sigmoid(z) (1 - sigmoid(z))``; at most 0.25 (at ``z = 0``)."""
    s = sigmoid(z)
    return s * (1.0 - s)


def tanh(z):
    """Hyperbolic tangent ``(e^z - e^-z) / (e^z + e^-z)``, values in [-1, 1]."""
    return np.tanh(_z(z))


def tanh_derivative(z):
    """``tanh'(z) = 1 - tanh(z)^2``; at most 1 (at ``z = 0``)."""
    t = np.tanh(_z(z))
    return 1.0 - t * t


def relu(z):
    """Rectified linear unit ``max(0, z)``."""
    return np.maximum(_z(z), 0.0)


def relu_derivative(z):
    """``relu'(z)``: 1 where ``z > 0``, else 0 (the kink at 0 gets 0, as in Keras/TensorFlow).

    ``nan`` stays ``nan``.
    """
    z = _z(z)
    return np.where(np.isnan(z), z, (z > 0).astype(z.dtype))


def linear(z):
    """Identity ``f(z) = z`` (a layer with no activation); returns a float copy."""
    return _z(z).copy()


def linear_derivative(z):
    """``linear'(z) = 1`` everywhere (``nan`` stays ``nan``)."""
    z = _z(z)
    return np.where(np.isnan(z), z, np.ones_like(z))


def softmax(z):
    """Softmax over the last axis: ``y_k = exp(z_k - max z) / sum_j exp(z_j - max z)``.

    Subtracting the maximum changes nothing mathematically and keeps ``exp`` from overflowing.
    A row holding ``nan`` or ``+-inf`` gives a row of ``nan`` (IEEE behaviour, as above).

    Parameters
    ----------
    z : array_like, shape (..., K)
        Logits, one row per example (at least one axis: the K classes).

    Returns
    -------
    ndarray, shape (..., K); each row is positive and sums to 1.
    """
    z = float_array(z, "z", finite=False)
    if z.ndim == 0:
        raise ValueError("z must have shape (..., K), at least one axis (the K classes), "
                         "got a scalar of shape ()")
    with np.errstate(invalid="ignore"):  # inf - inf in a row holding inf: that row is nan
        e = np.exp(z - np.max(z, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)


#: name -> (activation, derivative) for the element-wise activations; names as in Keras.
ACTIVATIONS: dict[str, tuple[Callable, Callable]] = {
    "sigmoid": (sigmoid, sigmoid_derivative),
    "tanh": (tanh, tanh_derivative),
    "relu": (relu, relu_derivative),
    "linear": (linear, linear_derivative),
}


def get_activation(name: str) -> tuple[Callable, Callable]:
    """Return ``(f, f_derivative)`` for an element-wise activation named as in Keras.

    Raises ``ValueError`` naming ``activation`` if ``name`` is not one of :data:`ACTIVATIONS`
    (whatever its type: a name is either on the list or not).
    """
    return ACTIVATIONS[one_of(name, "activation", ACTIVATIONS)]
