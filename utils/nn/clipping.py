"""Gradient clipping by global norm: one scale for all the gradients, so that their joint norm is
at most ``max_norm``.

With ``nabla L`` all the gradients of the model as one vector (every array ``dL/dtheta_k``,
k = 1 .. P, of the parameter arrays ``theta_k``) and ``tau = max_norm``, the clipping threshold:

    ||nabla L|| = sqrt( sum_k sum_i (dL/dtheta_k)_i^2 )        the global norm
    dL/dtheta_k  <-  dL/dtheta_k * min(1, tau / ||nabla L||)    for every k

A step of gradient descent then moves at most ``alpha * tau``, whatever the gradient (Pascanu,
Mikolov and Bengio, 2013); the direction is kept, only the length is capped. This is Keras'
``global_clipnorm`` (its ``clipnorm`` instead clips each array on its own norm). The function is
pure: it returns new arrays and never modifies ``grads``. Introduced in notebook 09, where it
rescues a recurrent network whose gradients explode.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping

import numpy as np

from utils.checks import finite_number, float_array

__all__ = ["clip_by_global_norm"]


def clip_by_global_norm(grads: Mapping, max_norm: float) -> tuple[dict, float]:
    """Scale every array of ``grads`` by ``min(1, max_norm / ||nabla L||)`` (the module's equation).

    Parameters
    ----------
    grads : dict name -> array
        The gradients (finite real numbers, at least one array; any shapes), e.g. the ``grads``
        of a backward pass. float32 arrays stay float32.
    max_norm : float > 0
        ``tau``, the largest global norm let through; ``inf`` never clips (to log the norm of an
        unclipped run).

    Returns
    -------
    clipped : dict
        New arrays with the keys and shapes of ``grads``; equal to them when
        ``||nabla L|| <= tau``.
    norm : float
        ``||nabla L||``, the global norm *before* clipping (to log how often clipping acts).
    """
    if not isinstance(grads, Mapping):
        raise TypeError(f"grads must be a dict name -> array, got {type(grads).__name__}")
    if not grads:
        raise ValueError("grads must hold at least one array, got an empty dict")
    arrays = {k: float_array(v, f"grads[{k!r}]", min_size=0) for k, v in grads.items()}
    max_norm = _max_norm(max_norm)
    biggest = max((float(np.max(np.abs(a))) for a in arrays.values() if a.size), default=0.0)
    if biggest == 0.0:
        return {k: a.copy() for k, a in arrays.items()}, 0.0
    # sqrt(sum grad^2) as biggest * sqrt(sum (grad / biggest)^2): no overflow for huge gradients
    ratio = np.sqrt(sum(np.sum((a.astype(np.float64) / biggest) ** 2) for a in arrays.values()))
    norm = float(biggest * ratio)
    scale = min(1.0, (max_norm / biggest) / float(ratio))
    return {k: (a * scale).astype(a.dtype, copy=False) for k, a in arrays.items()}, norm


def _max_norm(value) -> float:
    """``value`` as a number > 0: finite, or ``inf`` (never clip)."""
    if isinstance(value, numbers.Real) and not isinstance(value, bool | np.bool_) \
            and float(value) == math.inf:
        return math.inf
    try:
        return finite_number(value, "max_norm", low=0.0, low_open=True)
    except ValueError:
        raise ValueError(f"max_norm must be a number > 0 (inf: never clip), got {value!r}") from None
