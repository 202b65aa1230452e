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

Every loss checks its arguments first: real numbers (no strings, booleans or complex numbers:
TypeError), the same shape, not empty, no NaN or inf, labels and probabilities in [0, 1], rows
of class probabilities that sum to 1 (ValueError naming the argument and the first bad row).
Introduced in notebook 03.
"""

from __future__ import annotations

import numpy as np

from utils.checks import float_array
from utils.nn.activations import sigmoid, softmax

__all__ = [
    "EPSILON",
    "ROW_SUM_TOLERANCE",
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

#: How far from 1 a row of class probabilities or labels may sum (hand-rounded rows pass).
ROW_SUM_TOLERANCE = 1e-3


def _pair(y_true, y_pred, pred_name: str = "y_pred") -> tuple[np.ndarray, np.ndarray]:
    """Both arrays as float64, at least 1-D, finite, non-empty and of the same shape."""
    y = np.atleast_1d(float_array(y_true, "y_true", dtype=np.float64))
    a = np.atleast_1d(float_array(y_pred, pred_name, dtype=np.float64))
    if y.shape != a.shape:
        raise ValueError(f"{pred_name} must have the shape of y_true {y.shape}, got {a.shape}")
    return y, a


def _row(index: tuple) -> str:
    """The example (row) an element belongs to: all axes but the classes' (the last)."""
    row = index[:-1] if len(index) > 1 else index
    return str(row[0]) if len(row) == 1 else str(row)


def _unit_interval(arr: np.ndarray, name: str, what: str, hint: str = "") -> None:
    """Refuse values outside [0, 1], naming the first bad row."""
    bad = (arr < 0) | (arr > 1)
    if bad.any():
        first = tuple(int(i) for i in np.argwhere(bad)[0])
        raise ValueError(f"{name} must hold {what} in [0, 1], got {arr[first]:g} in row "
                         f"{_row(first)}{hint}")


def _classes(y: np.ndarray, a: np.ndarray | None, pred_name: str) -> None:
    """(N, K) rows: labels (and probabilities, if given) in [0, 1], each row summing to 1."""
    if y.ndim < 2:
        raise ValueError(f"y_true must have shape (N, K), one row of K class labels per example, "
                         f"got {y.shape}")
    hint = " (pass logits to categorical_cross_entropy_from_logits instead)"
    for arr, name, what, tip in ((y, "y_true", "labels", " (one-hot rows)"),
                                 (a, pred_name, "probabilities", hint)):
        if arr is None:
            continue
        _unit_interval(arr, name, what, tip)
        off = np.abs(arr.sum(axis=-1) - 1.0) > ROW_SUM_TOLERANCE  # (N,)
        if off.any():
            row = tuple(int(i) for i in np.argwhere(off)[0])
            raise ValueError(f"{name} must hold rows that sum to 1, got row {_row(row + (0,))} "
                             f"summing to {arr[row].sum():g}{tip}")


def _binary(y_true, y_pred, pred_name: str = "y_pred") -> tuple[np.ndarray, np.ndarray]:
    """A pair for binary cross-entropy: labels in [0, 1], and probabilities too (not logits)."""
    y, a = _pair(y_true, y_pred, pred_name)
    _unit_interval(y, "y_true", "labels")
    if pred_name == "y_pred":
        _unit_interval(a, "y_pred", "probabilities",
                       " (pass logits to binary_cross_entropy_from_logits instead)")
    return y, a


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

    ``y_true`` holds labels and ``y_pred`` probabilities (a sigmoid output), both in [0, 1];
    anything else raises ``ValueError`` naming the argument and the first row outside.
    """
    y, a = _binary(y_true, y_pred)
    a = np.clip(a, EPSILON, 1.0 - EPSILON)
    return float(-np.mean(y * np.log(a) + (1.0 - y) * np.log1p(-a)))


def binary_cross_entropy_grad(y_true, y_pred) -> np.ndarray:
    """``dJ/da = (a - y) / (a (1 - a)) / size``, evaluated at ``a`` clipped as in the loss.

    This is the gradient of the *unclipped* formula (finite, never zero for a wrong answer);
    automatic differentiation through a clip would give 0 where the clip is active.
    """
    y, a = _binary(y_true, y_pred)
    a = np.clip(a, EPSILON, 1.0 - EPSILON)
    return (a - y) / (a * (1.0 - a)) / a.size


def binary_cross_entropy_from_logits(y_true, logits) -> float:
    """Binary cross-entropy of ``a = sigmoid(z)``, computed from ``z`` without ever forming ``a``.

    ``-[y log s(z) + (1 - y) log(1 - s(z))] = max(z, 0) - z y + log(1 + exp(-|z|))``,
    which is exact and finite for every finite ``z`` (the formula TensorFlow uses).
    ``y_true`` holds labels in [0, 1].
    """
    y, z = _binary(y_true, logits, "logits")
    return float(np.mean(np.maximum(z, 0.0) - z * y + np.log1p(np.exp(-np.abs(z)))))


def binary_cross_entropy_from_logits_grad(y_true, logits) -> np.ndarray:
    """``dJ/dz = (sigmoid(z) - y) / size``: the sigmoid's slope has cancelled out."""
    y, z = _binary(y_true, logits, "logits")
    return (sigmoid(z) - y) / z.size


def categorical_cross_entropy(y_true, y_pred) -> float:
    """``-1/N sum_n sum_k y_nk log a_nk`` for one-hot ``y_true`` and softmax ``y_pred``, (N, K).

    Both hold rows in [0, 1] that sum to 1 (within :data:`ROW_SUM_TOLERANCE`); anything else
    raises ``ValueError`` naming the argument and the first bad row.
    """
    y, a = _pair(y_true, y_pred)
    _classes(y, a, "y_pred")
    a = np.clip(a, EPSILON, 1.0)
    n = a.size // a.shape[-1]
    return float(-np.sum(y * np.log(a)) / n)


def categorical_cross_entropy_grad(y_true, y_pred) -> np.ndarray:
    """``dJ/da = -y / a / N``, shape (N, K)."""
    y, a = _pair(y_true, y_pred)
    _classes(y, a, "y_pred")
    n = a.size // a.shape[-1]
    return -y / np.clip(a, EPSILON, 1.0) / n


def categorical_cross_entropy_from_logits(y_true, logits) -> float:
    """Categorical cross-entropy of ``softmax(z)`` from ``z``, via a stable log-sum-exp.

    ``-sum_k y_k log softmax(z)_k = -sum_k y_k (z_k - m - log sum_j exp(z_j - m))``, ``m = max z``.
    """
    y, z = _pair(y_true, logits, "logits")
    _classes(y, None, "logits")
    m = np.max(z, axis=-1, keepdims=True)
    log_p = z - m - np.log(np.sum(np.exp(z - m), axis=-1, keepdims=True))
    n = z.size // z.shape[-1]
    return float(-np.sum(y * log_p) / n)


def categorical_cross_entropy_from_logits_grad(y_true, logits) -> np.ndarray:
    """``dJ/dz = (softmax(z) - y) / N`` for one-hot rows ``y``, shape (N, K)."""
    y, z = _pair(y_true, logits, "logits")
    _classes(y, None, "logits")
    n = z.size // z.shape[-1]
    return (softmax(z) - y) / n
