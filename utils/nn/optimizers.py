"""Optimisers as pure update functions: gradient descent, momentum and Adam.

Parameters and gradients are dicts of arrays with the same keys (the MLP's ``params`` and
``grads``); an update returns *new* dicts and never modifies its inputs. With ``alpha`` the
learning rate and ``g = dL/dtheta``:

    gradient descent   theta <- theta - alpha g
    momentum           v <- beta v - alpha g;           theta <- theta + v        (Keras' SGD)
    Adam               m <- b1 m + (1 - b1) g;         s <- b2 s + (1 - b2) g^2
                       m_hat = m / (1 - b1^t);         s_hat = s / (1 - b2^t)
                       theta <- theta - alpha m_hat / (sqrt(s_hat) + eps)   (Kingma & Ba, 2015)

:func:`run_optimizer` applies one of them repeatedly to a function of a single array (a point on
a 1-D or 2-D loss surface) and returns the path, for the plots and widgets of notebook 04.
Introduced in notebook 04; used to train the networks of notebook 05.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np

__all__ = [
    "OPTIMIZERS",
    "adam_update",
    "init_adam_state",
    "init_momentum_state",
    "momentum_update",
    "run_optimizer",
    "sgd_update",
]


def _check(params: Mapping, grads: Mapping, lr: float) -> None:
    if not isinstance(params, Mapping) or not isinstance(grads, Mapping):
        raise TypeError("params and grads must be dicts of arrays")
    if set(params) != set(grads):
        raise ValueError(f"grads must have the keys of params {sorted(params)}, got {sorted(grads)}")
    for key in params:
        if np.shape(params[key]) != np.shape(grads[key]):
            raise ValueError(f"grads[{key!r}] must have shape {np.shape(params[key])}, "
                             f"got {np.shape(grads[key])}")
    if not np.isscalar(lr) or not lr > 0:
        raise ValueError(f"lr must be a positive number, got {lr!r}")


def sgd_update(params: Mapping, grads: Mapping, lr: float = 0.01) -> dict:
    """One gradient-descent step ``theta - lr * g`` for every entry; returns new params."""
    _check(params, grads, lr)
    return {k: params[k] - lr * np.asarray(grads[k]) for k in params}


def init_momentum_state(params: Mapping) -> dict:
    """Zero velocities ``{"v": {...}}`` with the shapes of ``params``."""
    return {"v": {k: np.zeros_like(np.asarray(p, float)) for k, p in params.items()}}


def momentum_update(params: Mapping, grads: Mapping, state: Mapping, lr: float = 0.01,
                    beta: float = 0.9) -> tuple[dict, dict]:
    """One momentum step (Keras' SGD with ``momentum=beta``); returns ``(params, state)``."""
    _check(params, grads, lr)
    if not 0 <= beta < 1:
        raise ValueError(f"beta must be in [0, 1), got {beta!r}")
    v = {k: beta * state["v"][k] - lr * np.asarray(grads[k]) for k in params}
    return {k: params[k] + v[k] for k in params}, {"v": v}


def init_adam_state(params: Mapping) -> dict:
    """Zero first and second moments and step count ``t = 0``."""
    zeros = {k: np.zeros_like(np.asarray(p, float)) for k, p in params.items()}
    return {"m": zeros, "s": {k: z.copy() for k, z in zeros.items()}, "t": 0}


def adam_update(params: Mapping, grads: Mapping, state: Mapping, lr: float = 0.001,
                beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-7) -> tuple[dict, dict]:
    """One Adam step with bias correction; returns ``(params, state)``."""
    _check(params, grads, lr)
    for name, beta in (("beta1", beta1), ("beta2", beta2)):
        if not 0 <= beta < 1:
            raise ValueError(f"{name} must be in [0, 1), got {beta!r}")
    t = state["t"] + 1
    m = {k: beta1 * state["m"][k] + (1 - beta1) * np.asarray(grads[k]) for k in params}
    s = {k: beta2 * state["s"][k] + (1 - beta2) * np.asarray(grads[k]) ** 2 for k in params}
    new = {}
    for k in params:
        m_hat, s_hat = m[k] / (1 - beta1**t), s[k] / (1 - beta2**t)
        new[k] = params[k] - lr * m_hat / (np.sqrt(s_hat) + eps)
    return new, {"m": m, "s": s, "t": t}


#: name -> (state initialiser or None, update function)
OPTIMIZERS = {
    "sgd": (None, sgd_update),
    "momentum": (init_momentum_state, momentum_update),
    "adam": (init_adam_state, adam_update),
}


def run_optimizer(grad_fn: Callable, start, method: str = "sgd", lr: float = 0.1,
                  n_steps: int = 50, **hyper) -> np.ndarray:
    """Follow ``method`` from ``start`` for ``n_steps`` steps on a function of one array.

    Parameters
    ----------
    grad_fn : callable, ``grad_fn(theta) -> gradient`` with the shape of ``theta``
    start : array_like, shape (P,) (P = 1 or 2 for the pictures) or a scalar
    method : "sgd", "momentum" or "adam"
    lr : float, the learning rate alpha
    n_steps : int
    **hyper : ``beta`` (momentum) or ``beta1``, ``beta2``, ``eps`` (Adam)

    Returns
    -------
    path : ndarray, shape (n_steps + 1, P), the start and every iterate. Once a coordinate
        exceeds 1e6 in size the run has diverged: the remaining rows are filled with ``nan``.
    """
    if method not in OPTIMIZERS:
        raise ValueError(f"method must be one of {sorted(OPTIMIZERS)}, got {method!r}")
    if isinstance(n_steps, bool) or not isinstance(n_steps, (int, np.integer)) or n_steps < 0:
        raise ValueError(f"n_steps must be a non-negative int, got {n_steps!r}")
    init, update = OPTIMIZERS[method]
    if init is None and hyper:
        raise ValueError(f"method 'sgd' takes no extra settings, got {sorted(hyper)}")
    theta = {"theta": np.atleast_1d(np.asarray(start, dtype=float)).copy()}
    state = init(theta) if init else None
    path = np.full((n_steps + 1, theta["theta"].size), np.nan)
    path[0] = theta["theta"]
    for step in range(1, n_steps + 1):
        grads = {"theta": np.asarray(grad_fn(theta["theta"].copy()), dtype=float)}
        if state is None:
            theta = update(theta, grads, lr)
        else:
            theta, state = update(theta, grads, state, lr, **hyper)
        if not np.all(np.abs(theta["theta"]) < 1e6):
            break
        path[step] = theta["theta"]
    return path
