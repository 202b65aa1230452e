"""The simple recurrent cell in NumPy, forward and backward through time, equal to Keras ``SimpleRNN``.

    z_t = x_t W_x + h_{t-1} W_h + b          (N, H) the pre-activation
    h_t = tanh(z_t)                          (N, H)

with ``W_x = params["kernel"] (D, H)``, ``W_h = params["recurrent_kernel"] (H, H)`` and
``b = params["bias"] (H,)``: the layout of ``keras.layers.SimpleRNN(units=H)``. A feed-forward
layer computes ``h_t = f(x_t)``; the recurrent cell computes ``h_t = f(x_t, h_{t-1})``, so each
output depends on every earlier input.

Backward, with ``dh_t`` the gradient reaching ``h_t`` (from the loss and from step t+1)::

    dz_t = dh_t * (1 - h_t^2)      dx_t = dz_t W_x^T      dh_{t-1} = dz_t W_h^T
    dW_x = sum_t x_t^T dz_t        dW_h = sum_t h_{t-1}^T dz_t        db = sum_t dz_t

The sequence functions are loops over the steps (see :mod:`utils.cells.bptt`). Inputs,
states, gradients and weights must be finite real numbers (NaN and inf are refused).
Introduced in notebook 09.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from utils.cells.bptt import (
    check_cache,
    check_sequence,
    check_state,
    check_truncate,
    upstream_gradient,
)
from utils.cells.params import check_params, initialise
from utils.checks import float_array

__all__ = [
    "SequenceCache",
    "StepCache",
    "init_params",
    "sequence_backward",
    "sequence_forward",
    "step_backward",
    "step_forward",
]


class StepCache(NamedTuple):
    """What :func:`step_backward` needs from :func:`step_forward`."""

    x: np.ndarray  #: (N, D) the input
    h_prev: np.ndarray  #: (N, H) the state entering the step
    h_next: np.ndarray  #: (N, H) tanh(z), the state leaving it
    params: dict  #: the checked parameter dict


class SequenceCache(NamedTuple):
    """What :func:`sequence_backward` needs from :func:`sequence_forward`: one StepCache per step."""

    steps: tuple[StepCache, ...]  #: steps[t] for t = 0 .. T-1


def init_params(input_dim: int, units: int, *, seed=None, recurrent_scale: float = 1.0) -> dict:
    """Keras' default initialisation (Glorot kernel, orthogonal recurrent kernel, zero bias), float64.

    Parameters
    ----------
    input_dim, units : int >= 1
        D and H.
    seed : None or int >= 0
    recurrent_scale : float > 0
        Multiplies the orthogonal recurrent kernel, so it is its spectral radius: below 1
        gradients vanish over time, above 1 they can explode (notebook 09).

    Returns
    -------
    dict with ``kernel (D, H)``, ``recurrent_kernel (H, H)``, ``bias (H,)``
    """
    return initialise(input_dim, units, 1, seed=seed, recurrent_scale=recurrent_scale)


def step_forward(x, h_prev, params):
    """One time step ``h_next = tanh(x W_x + h_prev W_h + b)``.

    Parameters
    ----------
    x : ndarray (N, D)
    h_prev : ndarray (N, H)
    params : dict with ``kernel (D, H)``, ``recurrent_kernel (H, H)``, ``bias (H,)``

    Returns
    -------
    h_next : ndarray (N, H)
    cache : StepCache for :func:`step_backward`
    """
    params = check_params(params, 1)
    input_dim, units = params["kernel"].shape[0], params["recurrent_kernel"].shape[0]
    x = float_array(x, "x", shape=("N", input_dim))
    h_prev = float_array(h_prev, "h_prev", shape=(x.shape[0], units))
    return _step_forward(x, h_prev, params)


def step_backward(dh_next, cache):
    """Backward of :func:`step_forward`.

    Parameters
    ----------
    dh_next : ndarray (N, H)
        Gradient with respect to ``h_next``.
    cache : StepCache from :func:`step_forward`

    Returns
    -------
    dx : ndarray (N, D)
    dh_prev : ndarray (N, H)
    grads : dict with ``kernel (D, H)``, ``recurrent_kernel (H, H)``, ``bias (H,)``
    """
    cache = check_cache(cache, StepCache)
    dh_next = float_array(dh_next, "dh_next", shape=cache.h_next.shape)
    return _step_backward(dh_next, cache)


def _step_forward(x, h_prev, params):
    """:func:`step_forward` without the checks (the sequence loop has checked once)."""
    z = x @ params["kernel"] + h_prev @ params["recurrent_kernel"] + params["bias"]  # (N, H)
    h_next = np.tanh(z)  # (N, H)
    return h_next, StepCache(x, h_prev, h_next, params)


def _step_backward(dh_next, cache: StepCache):
    """:func:`step_backward` without the checks (the sequence loop has checked once)."""
    dz = dh_next * (1.0 - cache.h_next * cache.h_next)  # (N, H): tanh' = 1 - h^2
    dx = dz @ cache.params["kernel"].T  # (N, D)
    dh_prev = dz @ cache.params["recurrent_kernel"].T  # (N, H)
    grads = {"kernel": cache.x.T @ dz, "recurrent_kernel": cache.h_prev.T @ dz,
             "bias": dz.sum(axis=0)}
    return dx, dh_prev, grads


def sequence_forward(x, params, h0=None):
    """Run the cell over whole sequences (Keras ``return_sequences=True, return_state=True``).

    Parameters
    ----------
    x : ndarray (N, T, D)
        Batch-first input sequences.
    params : dict
        ``kernel (D, H)``, ``recurrent_kernel (H, H)``, ``bias (H,)``.
    h0 : ndarray (N, H), optional
        Initial state (zeros by default, as Keras).

    Returns
    -------
    h_seq : ndarray (N, T, H)
        Every hidden state (``return_sequences=True``).
    h_last : ndarray (N, H)
        The final state, ``h_seq[:, -1]`` (what ``return_sequences=False`` returns).
    cache : SequenceCache for :func:`sequence_backward`
    """
    params = check_params(params, 1)
    x = check_sequence(x, params["kernel"].shape[0])
    h = check_state(h0, "h0", x, params)  # (N, H)
    steps = []
    for t in range(x.shape[1]):
        h, step = _step_forward(x[:, t], h, params)
        steps.append(step)
    h_seq = np.stack([step.h_next for step in steps], axis=1)  # (N, T, H)
    return h_seq, h.copy(), SequenceCache(tuple(steps))


def sequence_backward(dh_seq, cache, dh_last=None, truncate=None):
    """Backpropagation through time for :func:`sequence_forward`.

    Parameters
    ----------
    dh_seq : ndarray (N, T, H) or None
        Gradient of the loss with respect to every hidden state (None: zeros, for a loss that
        only sees the final state).
    cache : SequenceCache from :func:`sequence_forward`
    dh_last : ndarray (N, H), optional
        Gradient with respect to the final state ``h_last`` (added to ``dh_seq[:, -1]``).
    truncate : int, optional
        Truncated BPTT: cut time into blocks of ``truncate`` steps (from t = 0) and do not carry
        the gradient across block boundaries, as when a long sequence is fed in chunks to a
        stateful RNN. ``dh0`` is then the gradient through the first block only.

    Returns
    -------
    dx : ndarray (N, T, D)
    dh0 : ndarray (N, H)
        Gradient with respect to the initial state.
    grads : dict
        ``kernel (D, H)``, ``recurrent_kernel (H, H)``, ``bias (H,)``.
    """
    steps = check_cache(cache, SequenceCache).steps
    truncate = check_truncate(truncate)
    n, units = steps[0].h_prev.shape
    dtype = steps[0].h_next.dtype
    dh_seq = upstream_gradient(dh_seq, dh_last, (n, len(steps), units), dtype)  # (N, T, H)
    dh, grads, dx = np.zeros((n, units), dtype), None, [None] * len(steps)
    for t in reversed(range(len(steps))):
        dx[t], dh, step_grads = _step_backward(dh + dh_seq[:, t], steps[t])
        grads = step_grads if grads is None else {k: grads[k] + step_grads[k] for k in grads}
        if truncate and t % truncate == 0 and t > 0:
            dh = np.zeros_like(dh)  # the start of a block: nothing flows to step t-1
    return np.stack(dx, axis=1), dh, grads
