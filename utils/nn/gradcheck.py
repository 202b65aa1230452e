"""Gradient checking: compare an analytic gradient with central finite differences.

For a scalar function ``f`` of an array ``x``, each partial derivative is estimated by

    df/dx_i ~ (f(x + h e_i) - f(x - h e_i)) / (2 h)       (error O(h^2))

and compared with the analytic gradient through the relative error

    rel(a, n) = ||a - n|| / (||a|| + ||n||)                (0 when both are zero)

In float64 with ``h = 1e-6`` a correct backward pass gives about 1e-7 or less; a bug gives
something near 1e-2 to 1. A check that cannot be trusted is refused rather than passed: NaN or
inf in a gradient, a parameter or a value of ``f`` raises ``ValueError`` (``nan > tol`` is
False, so a NaN error would let a broken gradient through). Introduced in notebook 05; every
backward in ``utils`` is checked this way in ``tests/``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np

from utils.checks import finite_number, float_array, function

__all__ = ["check_gradients", "numerical_gradient", "relative_error"]


def numerical_gradient(f: Callable, x, h: float = 1e-6) -> np.ndarray:
    """Central-difference gradient of the scalar function ``f`` at ``x``.

    Parameters
    ----------
    f : callable, ``f(x) -> float``; called with a perturbed *copy* of ``x``; must return a
        finite number at every perturbed point
    x : array_like, any shape, finite real numbers (computed in float64)
    h : float, the step (positive)

    Returns
    -------
    ndarray (float64) with the shape of ``x``.
    """
    function(f, "f", signature="f(x) -> float")
    x = float_array(x, "x", dtype=np.float64)
    h = finite_number(h, "h", low=0.0, low_open=True)
    return _numerical_gradient(f, x, h, "f")


def _numerical_gradient(f: Callable, x: np.ndarray, h: float, f_name: str) -> np.ndarray:
    x = x.copy()  # a private copy that we perturb: the caller's array is never touched
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        f_plus = _scalar(f(x.copy()), f_name, i)
        x[i] = old - h
        f_minus = _scalar(f(x.copy()), f_name, i)
        x[i] = old
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad


def _scalar(value, f_name: str, i: tuple) -> float:
    """A value of ``f``: one finite real number (the check of what ``f`` returns)."""
    where = f"with element {i[0] if len(i) == 1 else i} perturbed"
    arr = np.asarray(value)
    if arr.size != 1 or arr.dtype.kind not in "iuf":
        raise TypeError(f"{f_name} must return one real number (the loss), got "
                        f"{type(value).__name__} of dtype {arr.dtype} and shape {arr.shape} "
                        f"{where}")
    number = float(arr.ravel()[0])
    if not np.isfinite(number):
        raise ValueError(f"{f_name} must return a finite number, got {number} {where}")
    return number


def relative_error(a, b) -> float:
    """``||a - b|| / (||a|| + ||b||)``, 0 when both are zero.

    ``a`` and ``b`` must be finite real arrays of one shape (``ValueError`` otherwise: a NaN
    error would compare as small). The norms are taken of ``a / s`` and ``b / s`` with
    ``s = max |a|, |b|``, so that values near 1e200 do not overflow.
    """
    a = float_array(a, "a", dtype=np.float64)
    b = float_array(b, "b", dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(f"b must have the shape of a {a.shape}, got {b.shape}")
    return _relative_error(a, b)


def _relative_error(a: np.ndarray, b: np.ndarray) -> float:
    scale = max(np.max(np.abs(a)), np.max(np.abs(b)))
    if scale == 0:
        return 0.0
    a, b = a / scale, b / scale  # every entry in [-1, 1]: the squares cannot overflow
    return float(np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b)))


def check_gradients(loss_fn: Callable, params: Mapping, grads: Mapping,
                    h: float = 1e-6) -> dict[str, float]:
    """Relative error between ``grads`` and the numerical gradient, for every entry of ``params``.

    Parameters
    ----------
    loss_fn : callable, ``loss_fn(params) -> float`` for a dict like ``params``; must return a
        finite number
    params : dict name -> array of finite numbers (at least one entry)
    grads : dict name -> array, the analytic gradients to check (same keys and shapes, finite)
    h : float, the finite-difference step (positive)

    Returns
    -------
    dict name -> relative error
    """
    function(loss_fn, "loss_fn", signature="loss_fn(params) -> float")
    h = finite_number(h, "h", low=0.0, low_open=True)
    if not isinstance(params, Mapping) or not isinstance(grads, Mapping):
        wrong = "params" if not isinstance(params, Mapping) else "grads"
        value = params if wrong == "params" else grads
        raise TypeError(f"{wrong} must be a dict name -> array, got {type(value).__name__}")
    if not params:
        raise ValueError("params must hold at least one array, got an empty dict")
    if set(params) != set(grads):
        raise ValueError(f"grads must have the keys of params {sorted(params)}, "
                         f"got {sorted(grads)}")
    values = {k: float_array(params[k], f"params[{k!r}]", dtype=np.float64) for k in params}
    analytic = {k: float_array(grads[k], f"grads[{k!r}]", dtype=np.float64) for k in params}
    for k, grad in analytic.items():
        if grad.shape != values[k].shape:
            raise ValueError(f"grads[{k!r}] must have the shape of params[{k!r}] "
                             f"{values[k].shape}, got {grad.shape}")
    errors = {}
    for name, value in values.items():

        def f(v, name=name):
            return loss_fn({**params, name: v})

        errors[name] = _relative_error(analytic[name], _numerical_gradient(f, value, h, "loss_fn"))
    return errors
