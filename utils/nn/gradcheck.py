"""Gradient checking: compare an analytic gradient with central finite differences.

For a scalar function ``f`` of an array ``x``, each partial derivative is estimated by

    df/dx_i ~ (f(x + h e_i) - f(x - h e_i)) / (2 h)       (error O(h^2))

and compared with the analytic gradient through the relative error

    rel(a, n) = ||a - n|| / max(||a|| + ||n||, tiny)       (0 when both are zero)

In float64 with ``h = 1e-6`` a correct backward pass gives about 1e-7 or less; a bug gives
something near 1e-2 to 1. Introduced in notebook 05; every backward in ``utils`` is checked this
way in ``tests/``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np

__all__ = ["check_gradients", "numerical_gradient", "relative_error"]


def numerical_gradient(f: Callable, x, h: float = 1e-6) -> np.ndarray:
    """Central-difference gradient of the scalar function ``f`` at ``x``.

    Parameters
    ----------
    f : callable, ``f(x) -> float``; called with a perturbed *copy* of ``x``
    x : array_like, any shape, float64 recommended
    h : float, the step (positive)

    Returns
    -------
    ndarray with the shape of ``x``.
    """
    if not callable(f):
        raise TypeError(f"f must be callable, got {type(f).__name__}")
    if not np.isscalar(h) or not h > 0:
        raise ValueError(f"h must be a positive number, got {h!r}")
    x = np.array(x, dtype=np.float64)  # a private copy: the caller's array is never touched
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        f_plus = float(f(x.copy()))
        x[i] = old - h
        f_minus = float(f(x.copy()))
        x[i] = old
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad


def relative_error(a, b) -> float:
    """``||a - b|| / (||a|| + ||b||)``, 0 when both are zero; raises ``ValueError`` on a shape mismatch."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(f"a and b must have the same shape, got {a.shape} and {b.shape}")
    denom = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if denom == 0 else float(np.linalg.norm(a - b) / denom)


def check_gradients(loss_fn: Callable, params: Mapping, grads: Mapping,
                    h: float = 1e-6) -> dict[str, float]:
    """Relative error between ``grads`` and the numerical gradient, for every entry of ``params``.

    Parameters
    ----------
    loss_fn : callable, ``loss_fn(params) -> float`` for a dict like ``params``
    params : dict name -> array
    grads : dict name -> array, the analytic gradients to check (same keys and shapes)

    Returns
    -------
    dict name -> relative error
    """
    if set(params) != set(grads):
        raise ValueError(f"grads must have the keys of params {sorted(params)}, got {sorted(grads)}")
    errors = {}
    for name in params:

        def f(value, name=name):
            return loss_fn({**params, name: value})

        errors[name] = relative_error(grads[name], numerical_gradient(f, params[name], h))
    return errors
