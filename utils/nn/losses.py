"""Loss functions and their gradients with respect to the prediction, in NumPy.

Arguments come in Keras order, ``(y_true, y_pred)``, and every loss is a mean over the examples
(and, for MSE, over the outputs too, exactly like Keras' ``"mse"``):

    mean squared error      E = 1/(N K) sum_n sum_k (y_nk - a_nk)^2
    binary cross-entropy    J = -1/N sum_n [y_n log a_n + (1 - y_n) log(1 - a_n)]
    categorical CE          J = -1/N sum_n sum_k y_nk log a_nk

The ``*_grad`` functions return ``dL/dy_pred`` with the shape of ``y_pred``. The ``from_logits``
versions take the pre-activation ``z`` (``a = sigmoid(z)`` or ``a = softmax(z)``) and are stable
for any ``z``; their gradients are the famous ``(a - y) / N``.

Probabilities are clipped to ``[EPSILON, 1 - EPSILON]`` before the logarithm, as Keras does, so
a confident wrong prediction costs about 16 rather than ``inf``.
Introduced in notebook 03.
"""

from __future__ import annotations

import numpy as np

from utils.nn.activations import sigmoid, softmax

__all__ = [
    "EPSILON",
    "binary_cross_entropy",
    "binary_cross_entropy_from_logits",
    "binary_cross_entropy_from_logits_grad",
    "binary_cross_entropy_grad",
    "categorical_cross_entropy",
    "categorical_cross_entropy_from_logits",
    "categorical_cross_entropy_from_logits_grad",
    "categorical_cross_entropy_grad",
    "mse",
    "mse_grad",
]

#: Clip value for probabilities (Keras' ``backend.epsilon()``).
EPSILON = 1e-7


def _pair(y_true, y_pred, pred_name: str = "y_pred") -> tuple[np.ndarray, np.ndarray]:
    """Validate and convert a (target, prediction) pair: numeric, same shape, at least 1-D."""
    arrays = []
    for name, value in (("y_true", y_true), (pred_name, y_pred)):
        arr = np.asarray(value)
        if not (np.issubdtype(arr.dtype, np.number) or np.issubdtype(arr.dtype, np.bool_)):
            raise TypeError(f"{name} must be numeric, got dtype {arr.dtype}")
        arrays.append(np.atleast_1d(arr.astype(np.float64, copy=False)))
    yt, yp = arrays
    if yt.shape != yp.shape:
        raise ValueError(f"y_true and {pred_name} must have the same shape, got {yt.shape} and {yp.shape}")
    return yt, yp


def _check_probabilities(a: np.ndarray, name: str = "y_pred") -> None:
    if np.any((a < 0) | (a > 1)) or np.any(np.isnan(a)):
        raise ValueError(f"{name} must hold probabilities in [0, 1], got values in [{a.min()}, {a.max()}]")


def mse(y_true, y_pred) -> float:
    """Mean squared error ``mean((y - a)^2)`` over every element (Keras' ``"mse"``)."""
    y, a = _pair(y_true, y_pred)
    return float(np.mean((a - y) ** 2))


def mse_grad(y_true, y_pred) -> np.ndarray:
    """``dE/da = 2 (a - y) / size``, shape of ``y_pred``."""
    y, a = _pair(y_true, y_pred)
    return 2.0 * (a - y) / a.size


def binary_cross_entropy(y_true, y_pred) -> float:
    """``-mean(y log a + (1 - y) log(1 - a))`` with ``a`` clipped to ``[EPSILON, 1 - EPSILON]``.

    ``y_pred`` holds probabilities (a sigmoid output); raises ``ValueError`` outside [0, 1].
    """
    y, a = _pair(y_true, y_pred)
    _check_probabilities(a)
    a = np.clip(a, EPSILON, 1.0 - EPSILON)
    return float(-np.mean(y * np.log(a) + (1.0 - y) * np.log1p(-a)))


def binary_cross_entropy_grad(y_true, y_pred) -> np.ndarray:
    """``dJ/da = (a - y) / (a (1 - a)) / size``, evaluated at ``a`` clipped as in the loss.

    This is the gradient of the *unclipped* formula (finite, never zero for a wrong answer);
    automatic differentiation through a clip would give 0 where the clip is active.
    """
    y, a = _pair(y_true, y_pred)
    _check_probabilities(a)
    a = np.clip(a, EPSILON, 1.0 - EPSILON)
    return (a - y) / (a * (1.0 - a)) / a.size


def binary_cross_entropy_from_logits(y_true, logits) -> float:
    """Binary cross-entropy of ``a = sigmoid(z)``, computed from ``z`` without ever forming ``a``.

    ``-[y log s(z) + (1 - y) log(1 - s(z))] = max(z, 0) - z y + log(1 + exp(-|z|))``,
    which is exact and finite for every ``z`` (the formula TensorFlow uses).
    """
    y, z = _pair(y_true, logits, "logits")
    return float(np.mean(np.maximum(z, 0.0) - z * y + np.log1p(np.exp(-np.abs(z)))))


def binary_cross_entropy_from_logits_grad(y_true, logits) -> np.ndarray:
    """``dJ/dz = (sigmoid(z) - y) / size``: the sigmoid's slope has cancelled out."""
    y, z = _pair(y_true, logits, "logits")
    return (sigmoid(z) - y) / z.size


def _check_rows(y: np.ndarray, name: str) -> None:
    if y.ndim < 2:
        raise ValueError(f"{name} must have shape (N, K) with one-hot rows, got {y.shape}")


def categorical_cross_entropy(y_true, y_pred) -> float:
    """``-1/N sum_n sum_k y_nk log a_nk`` for one-hot ``y_true`` and softmax ``y_pred``, (N, K)."""
    y, a = _pair(y_true, y_pred)
    _check_rows(y, "y_true")
    _check_probabilities(a)
    a = np.clip(a, EPSILON, 1.0)
    n = a.size // a.shape[-1]
    return float(-np.sum(y * np.log(a)) / n)


def categorical_cross_entropy_grad(y_true, y_pred) -> np.ndarray:
    """``dJ/da = -y / a / N``, shape (N, K)."""
    y, a = _pair(y_true, y_pred)
    _check_rows(y, "y_true")
    _check_probabilities(a)
    n = a.size // a.shape[-1]
    return -y / np.clip(a, EPSILON, 1.0) / n


def categorical_cross_entropy_from_logits(y_true, logits) -> float:
    """Categorical cross-entropy of ``softmax(z)`` from ``z``, via a stable log-sum-exp.

    ``-sum_k y_k log softmax(z)_k = -sum_k y_k (z_k - m - log sum_j exp(z_j - m))``, ``m = max z``.
    """
    y, z = _pair(y_true, logits, "logits")
    _check_rows(y, "y_true")
    m = np.max(z, axis=-1, keepdims=True)
    log_p = z - m - np.log(np.sum(np.exp(z - m), axis=-1, keepdims=True))
    n = z.size // z.shape[-1]
    return float(-np.sum(y * log_p) / n)


def categorical_cross_entropy_from_logits_grad(y_true, logits) -> np.ndarray:
    """``dJ/dz = (softmax(z) - y) / N`` for one-hot rows ``y``, shape (N, K)."""
    y, z = _pair(y_true, logits, "logits")
    _check_rows(y, "y_true")
    n = z.size // z.shape[-1]
    return (softmax(z) - y) / n
