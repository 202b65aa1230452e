"""Optimisers as pure update functions: gradient descent, momentum and Adam.

Parameters and gradients are dicts of arrays with the same keys (the MLP's ``params`` and
``grads``); an update returns *new* dicts and never modifies its inputs. With ``alpha`` the
learning rate and ``g = dL/dtheta``:

    gradient descent   theta <- theta - alpha g
    momentum           v <- beta v - alpha g;           theta <- theta + v        (Keras' SGD)
    Adam               m <- b1 m + (1 - b1) g;         s <- b2 s + (1 - b2) g^2
                       m_hat = m / (1 - b1^t);         s_hat = s / (1 - b2^t)
                       theta <- theta - alpha m_hat / (sqrt(s_hat) + eps)   (Kingma & Ba, 2015)

Every update checks its arguments first (``ValueError``/``TypeError`` naming the argument):
``params`` and ``grads`` hold finite real arrays with the same keys and shapes, ``lr`` is a
finite number > 0, the betas lie in [0, 1), and a ``state`` is the one its ``init_*_state``
made for these ``params`` (the same keys and shapes).

:func:`run_optimizer` applies one of them repeatedly to a function of a single array (a point on
a 1-D or 2-D loss surface) and returns the path, for the plots and widgets of notebook 04.
Introduced in notebook 04; used to train the networks of notebook 05.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np

from utils.checks import (
    finite_number,
    float_array,
    function,
    non_negative_int,
    one_of,
    positive_int,
)

__all__ = [
    "OPTIMIZERS",
    "adam_update",
    "init_adam_state",
    "init_momentum_state",
    "momentum_update",
    "run_optimizer",
    "sgd_update",
]


def _arrays(values, name: str) -> dict[str, np.ndarray]:
    """A non-empty dict name -> finite float array (a copy where a conversion was needed)."""
    if not isinstance(values, Mapping):
        raise TypeError(f"{name} must be a dict name -> array, got {type(values).__name__}")
    if not values:
        raise ValueError(f"{name} must hold at least one array, got an empty dict")
    return {k: float_array(v, f"{name}[{k!r}]") for k, v in values.items()}


def _like(params: dict, values, name: str) -> dict[str, np.ndarray]:
    """``values`` checked against ``params``: the same keys, each array of the same shape."""
    arrays = _arrays(values, name)
    if set(arrays) != set(params):
        raise ValueError(f"{name} must have the keys of params {sorted(params)}, "
                         f"got {sorted(arrays)}")
    for k, arr in arrays.items():
        if arr.shape != params[k].shape:
            raise ValueError(f"{name}[{k!r}] must have shape {params[k].shape} (that of "
                             f"params[{k!r}]), got {arr.shape}")
    return arrays


def _checked(params, grads, lr) -> tuple[dict, dict, float]:
    p = _arrays(params, "params")
    return p, _like(p, grads, "grads"), finite_number(lr, "lr", low=0.0, low_open=True)


def _state(state, keys: tuple[str, ...], made_by: str) -> Mapping:
    if not isinstance(state, Mapping):
        raise TypeError(f"state must be the dict made by {made_by}, got {type(state).__name__}")
    missing = [k for k in keys if k not in state]
    if missing:
        raise ValueError(f"state must hold the keys {list(keys)} (made by {made_by}), "
                         f"missing {missing}")
    return state


def _beta(value, name: str) -> float:
    return finite_number(value, name, low=0.0, high=1.0, high_open=True)


def sgd_update(params: Mapping, grads: Mapping, lr: float = 0.01) -> dict:
    """One gradient-descent step ``theta - lr * g`` for every entry; returns new params."""
    p, g, lr = _checked(params, grads, lr)
    return _sgd(p, g, lr)


def _sgd(p: dict, g: dict, lr: float) -> dict:
    return {k: p[k] - lr * g[k] for k in p}


def init_momentum_state(params: Mapping) -> dict:
    """Zero velocities ``{"v": {...}}`` with the shapes of ``params``."""
    return {"v": {k: np.zeros_like(p, dtype=float) for k, p in _arrays(params, "params").items()}}


def momentum_update(params: Mapping, grads: Mapping, state: Mapping, lr: float = 0.01,
                    beta: float = 0.9) -> tuple[dict, dict]:
    """One momentum step (Keras' SGD with ``momentum=beta``); returns ``(params, state)``."""
    p, g, lr = _checked(params, grads, lr)
    v = _like(p, _state(state, ("v",), "init_momentum_state")["v"], "state['v']")
    return _momentum(p, g, {"v": v}, lr, _beta(beta, "beta"))


def _momentum(p: dict, g: dict, state: dict, lr: float, beta: float) -> tuple[dict, dict]:
    v = {k: beta * state["v"][k] - lr * g[k] for k in p}
    return {k: p[k] + v[k] for k in p}, {"v": v}


def init_adam_state(params: Mapping) -> dict:
    """Zero first and second moments and step count ``t = 0``."""
    zeros = {k: np.zeros_like(p, dtype=float) for k, p in _arrays(params, "params").items()}
    return {"m": zeros, "s": {k: z.copy() for k, z in zeros.items()}, "t": 0}


def adam_update(params: Mapping, grads: Mapping, state: Mapping, lr: float = 0.001,
                beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-7) -> tuple[dict, dict]:
    """One Adam step with bias correction; returns ``(params, state)``."""
    p, g, lr = _checked(params, grads, lr)
    state = _state(state, ("m", "s", "t"), "init_adam_state")
    checked = {"m": _like(p, state["m"], "state['m']"), "s": _like(p, state["s"], "state['s']"),
               "t": non_negative_int(state["t"], "state['t']")}
    bad_s = [k for k, s in checked["s"].items() if (s < 0).any()]
    if bad_s:
        raise ValueError(f"state['s'][{bad_s[0]!r}] must hold squares (>= 0), got a negative value")
    return _adam(p, g, checked, lr, _beta(beta1, "beta1"), _beta(beta2, "beta2"),
                 finite_number(eps, "eps", low=0.0, low_open=True))


def _adam(p: dict, g: dict, state: dict, lr: float, beta1: float, beta2: float,
          eps: float) -> tuple[dict, dict]:
    t = state["t"] + 1
    m = {k: beta1 * state["m"][k] + (1 - beta1) * g[k] for k in p}
    s = {k: beta2 * state["s"][k] + (1 - beta2) * g[k] ** 2 for k in p}
    new = {}
    for k in p:
        m_hat, s_hat = m[k] / (1 - beta1**t), s[k] / (1 - beta2**t)
        new[k] = p[k] - lr * m_hat / (np.sqrt(s_hat) + eps)
    return new, {"m": m, "s": s, "t": t}


#: name -> (state initialiser or None, update function)
OPTIMIZERS = {
    "sgd": (None, sgd_update),
    "momentum": (init_momentum_state, momentum_update),
    "adam": (init_adam_state, adam_update),
}

#: method -> (the step it takes, its settings with their defaults)
_STEPS = {
    "sgd": (_sgd, {}),
    "momentum": (_momentum, {"beta": 0.9}),
    "adam": (_adam, {"beta1": 0.9, "beta2": 0.999, "eps": 1e-7}),
}


def run_optimizer(grad_fn: Callable, start, method: str = "sgd", lr: float = 0.1,
                  n_steps: int = 50, **hyper) -> np.ndarray:
    """Follow ``method`` from ``start`` for ``n_steps`` steps on a function of one array.

    Parameters
    ----------
    grad_fn : callable, ``grad_fn(theta) -> gradient`` with the shape of ``theta``, finite
    start : array_like, shape (P,) (P = 1 or 2 for the pictures) or a scalar, finite
    method : "sgd", "momentum" or "adam"
    lr : float > 0, the learning rate alpha
    n_steps : int >= 1
    **hyper : ``beta`` (momentum) or ``beta1``, ``beta2``, ``eps`` (Adam)

    Returns
    -------
    path : ndarray, shape (n_steps + 1, P), the start and every iterate. Once a coordinate
        exceeds 1e6 in size the run has diverged: the remaining rows are filled with ``nan``.
    """
    function(grad_fn, "grad_fn", signature="grad_fn(theta) -> gradient")
    theta = np.atleast_1d(float_array(start, "start", ndim=(0, 1), dtype=np.float64))  # (P,)
    step, settings = _STEPS[one_of(method, "method", OPTIMIZERS)]
    lr, n_steps = finite_number(lr, "lr", low=0.0, low_open=True), positive_int(n_steps, "n_steps")
    unknown = sorted(set(hyper) - set(settings))
    if unknown:
        takes = f"the settings {sorted(settings)}" if settings else "no settings"
        raise ValueError(f"method {method!r} takes {takes}, got {unknown}")
    values = {k: (_beta(v, k) if k.startswith("beta") else
                  finite_number(v, k, low=0.0, low_open=True)) for k, v in hyper.items()}
    args = [settings[k] if k not in values else values[k] for k in settings]
    init = OPTIMIZERS[method][0]
    state = init({"theta": theta}) if init else None
    path = np.full((n_steps + 1, theta.size), np.nan)
    path[0] = theta
    p = {"theta": theta}
    for i in range(1, n_steps + 1):
        g = {"theta": _gradient(grad_fn, p["theta"], i)}
        if state is None:
            p = step(p, g, lr)
        else:
            p, state = step(p, g, state, lr, *args)
        if not np.all(np.abs(p["theta"]) < 1e6):
            break
        path[i] = p["theta"]
    return path


def _gradient(grad_fn: Callable, theta: np.ndarray, step: int) -> np.ndarray:
    """``grad_fn(theta)``, checked: finite real numbers with the shape of theta (P,)."""
    g = float_array(grad_fn(theta.copy()), f"grad_fn(theta) at step {step}", dtype=np.float64)
    if g.size == theta.size:
        g = g.reshape(theta.shape)  # a scalar for a one-parameter theta is fine
    else:
        raise ValueError(f"grad_fn(theta) at step {step} must have the shape of start "
                         f"{theta.shape}, got {g.shape}")
    return g
