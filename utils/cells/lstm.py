"""The LSTM cell in NumPy, forward and backward through time, equal to Keras ``LSTM``.

Four gate blocks, stacked in Keras' order i, f, c, o::

    z_t = x_t W_x + h_{t-1} W_h + b             (N, 4H) = [z_i | z_f | z_g | z_o] pre-activations
    i_t = sigmoid(z_i)      input gate: how much of the candidate to write
    f_t = sigmoid(z_f)      forget gate: how much of the old cell state to keep
    g_t = tanh(z_g)         candidate values (Keras calls this block "c")
    o_t = sigmoid(z_o)      output gate: how much of the cell state to show
    c_t = f_t * c_{t-1} + i_t * g_t             (N, H) the cell state
    h_t = o_t * tanh(c_t)                       (N, H) the hidden state (the output)

with ``W_x = params["kernel"] (D, 4H)``, ``W_h = params["recurrent_kernel"] (H, 4H)``,
``b = params["bias"] (4H,)``: the layout of ``keras.layers.LSTM(units=H)`` (whose
``unit_forget_bias=True`` starts the forget bias at 1).

Backward, given ``dh`` and ``dc_t`` arriving at step t::

    do = dh * tanh(c_t)                 dc = dc_t + dh * o * (1 - tanh(c_t)^2)
    di = dc * g    df = dc * c_{t-1}    dg = dc * i    dc_{t-1} = dc * f
    dz = [di i(1-i) | df f(1-f) | dg (1-g^2) | do o(1-o)]
    dx_t = dz W_x^T    dh_{t-1} = dz W_h^T

The cell-state path ``dc_{t-1} = dc * f`` has no weight matrix and no squashing: with f near 1
the gradient flows back many steps. The sequence functions loop over the step functions (see
:mod:`utils.cells.bptt`). Inputs, states, gradients and weights must be finite real numbers
(NaN and inf are refused).

History: Hochreiter and Schmidhuber (1997) introduced the LSTM with its constant error carousel
(a cell state without a forget gate); the cell with a forget gate, the one above and Keras', is
Gers, Schmidhuber and Cummins (2000). Introduced in notebook 10.
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
from utils.nn.activations import sigmoid

__all__ = [
    "SequenceCache",
    "StepCache",
    "gate_activations",
    "init_params",
    "sequence_backward",
    "sequence_forward",
    "step_backward",
    "step_forward",
]


class StepCache(NamedTuple):
    """What :func:`step_backward` needs from :func:`step_forward`; every array is (N, H) but x."""

    x: np.ndarray  #: (N, D) the input
    h_prev: np.ndarray  #: the hidden state entering the step
    c_prev: np.ndarray  #: the cell state entering the step
    i: np.ndarray  #: input gate
    f: np.ndarray  #: forget gate
    g: np.ndarray  #: candidate
    o: np.ndarray  #: output gate
    tanh_c: np.ndarray  #: tanh of the new cell state
    params: dict  #: the checked parameter dict


class SequenceCache(NamedTuple):
    """What :func:`sequence_backward` needs from :func:`sequence_forward`: one StepCache per step."""

    steps: tuple[StepCache, ...]  #: steps[t] for t = 0 .. T-1


def init_params(input_dim: int, units: int, *, seed=None, recurrent_scale: float = 1.0) -> dict:
    """Keras' default initialisation: Glorot kernel, orthogonal recurrent kernel, forget bias 1.

    Parameters
    ----------
    input_dim, units : int >= 1
        D and H.
    seed : None or int >= 0
    recurrent_scale : float > 0
        Multiplies the orthogonal recurrent kernel.

    Returns
    -------
    dict with ``kernel (D, 4H)``, ``recurrent_kernel (H, 4H)``, ``bias (4H,)``
    """
    params = initialise(input_dim, units, 4, seed=seed, recurrent_scale=recurrent_scale)
    b_i, b_f, b_g, b_o = np.split(params["bias"], 4)
    return {**params, "bias": np.concatenate([b_i, b_f + 1.0, b_g, b_o])}  # unit_forget_bias


def step_forward(x, h_prev, c_prev, params):
    """One LSTM step.

    Parameters
    ----------
    x : ndarray (N, D)
    h_prev, c_prev : ndarray (N, H)
    params : dict with ``kernel (D, 4H)``, ``recurrent_kernel (H, 4H)``, ``bias (4H,)``

    Returns
    -------
    h_next, c_next : ndarray (N, H)
    cache : StepCache for :func:`step_backward`
    """
    params = check_params(params, 4)
    input_dim, units = params["kernel"].shape[0], params["recurrent_kernel"].shape[0]
    x = float_array(x, "x", shape=("N", input_dim))
    h_prev = float_array(h_prev, "h_prev", shape=(x.shape[0], units))
    c_prev = float_array(c_prev, "c_prev", shape=(x.shape[0], units))
    return _step_forward(x, h_prev, c_prev, params)


def step_backward(dh_next, dc_next, cache):
    """Backward of :func:`step_forward`.

    Parameters
    ----------
    dh_next, dc_next : ndarray (N, H)
        Gradients with respect to ``h_next`` and ``c_next``.
    cache : StepCache from :func:`step_forward`

    Returns
    -------
    dx : ndarray (N, D)
    dh_prev, dc_prev : ndarray (N, H)
    grads : dict with ``kernel (D, 4H)``, ``recurrent_kernel (H, 4H)``, ``bias (4H,)``
    """
    cache = check_cache(cache, StepCache)
    dh_next = float_array(dh_next, "dh_next", shape=cache.h_prev.shape)
    dc_next = float_array(dc_next, "dc_next", shape=cache.c_prev.shape)
    return _step_backward(dh_next, dc_next, cache)


def _step_forward(x, h_prev, c_prev, params):
    """:func:`step_forward` without the checks (the sequence loop has checked once)."""
    z = x @ params["kernel"] + h_prev @ params["recurrent_kernel"] + params["bias"]  # (N, 4H)
    z_i, z_f, z_g, z_o = np.split(z, 4, axis=-1)  # (N, H) each
    i, f, o = sigmoid(z_i), sigmoid(z_f), sigmoid(z_o)
    g = np.tanh(z_g)
    c_next = f * c_prev + i * g  # (N, H)
    tanh_c = np.tanh(c_next)
    h_next = o * tanh_c  # (N, H)
    return h_next, c_next, StepCache(x, h_prev, c_prev, i, f, g, o, tanh_c, params)


def _step_backward(dh_next, dc_next, cache: StepCache):
    """:func:`step_backward` without the checks (the sequence loop has checked once)."""
    i, f, g, o, tanh_c = cache.i, cache.f, cache.g, cache.o, cache.tanh_c  # (N, H) each
    dc = dc_next + dh_next * o * (1.0 - tanh_c * tanh_c)  # (N, H): both paths into c_t
    di, df, dg, do = dc * g, dc * cache.c_prev, dc * i, dh_next * tanh_c
    dz = np.concatenate(
        [di * i * (1.0 - i), df * f * (1.0 - f), dg * (1.0 - g * g), do * o * (1.0 - o)], axis=-1
    )  # (N, 4H)
    kernel, recurrent = cache.params["kernel"], cache.params["recurrent_kernel"]
    grads = {"kernel": cache.x.T @ dz, "recurrent_kernel": cache.h_prev.T @ dz,
             "bias": dz.sum(axis=0)}
    return dz @ kernel.T, dz @ recurrent.T, dc * f, grads  # dx, dh_prev, dc_prev, grads


def sequence_forward(x, params, h0=None, c0=None):
    """Run the LSTM over whole sequences (Keras ``return_sequences=True, return_state=True``).

    Parameters
    ----------
    x : ndarray (N, T, D)
    params : dict with ``kernel (D, 4H)``, ``recurrent_kernel (H, 4H)``, ``bias (4H,)``
    h0, c0 : ndarray (N, H), optional
        Initial hidden and cell states (zeros by default; Keras' ``initial_state=[h0, c0]``).

    Returns
    -------
    h_seq : ndarray (N, T, H)
    h_last, c_last : ndarray (N, H)
        The final states (Keras' ``return_state=True`` gives ``[h_seq or h_last, h_last, c_last]``).
    cache : SequenceCache for :func:`sequence_backward`
    """
    params = check_params(params, 4)
    x = check_sequence(x, params["kernel"].shape[0])
    h, c = check_state(h0, "h0", x, params), check_state(c0, "c0", x, params)  # (N, H)
    h_seq, steps = [], []
    for t in range(x.shape[1]):
        h, c, step = _step_forward(x[:, t], h, c, params)
        h_seq.append(h)
        steps.append(step)
    return np.stack(h_seq, axis=1), h.copy(), c.copy(), SequenceCache(tuple(steps))


def sequence_backward(dh_seq, cache, dh_last=None, dc_last=None, truncate=None):
    """Backpropagation through time for :func:`sequence_forward`.

    Parameters
    ----------
    dh_seq : ndarray (N, T, H) or None
        Gradient with respect to every hidden state (None: zeros).
    cache : SequenceCache from :func:`sequence_forward`
    dh_last, dc_last : ndarray (N, H), optional
        Gradients with respect to the final hidden and cell states.
    truncate : int, optional
        Truncated BPTT in blocks of ``truncate`` steps from t = 0: neither ``dh`` nor ``dc`` is
        carried across a block boundary (see :func:`utils.cells.rnn.sequence_backward`).

    Returns
    -------
    dx : ndarray (N, T, D)
    dh0, dc0 : ndarray (N, H)
    grads : dict with ``kernel (D, 4H)``, ``recurrent_kernel (H, 4H)``, ``bias (4H,)``
    """
    steps = check_cache(cache, SequenceCache).steps
    truncate = check_truncate(truncate)
    n, units = steps[0].h_prev.shape
    dtype = steps[0].i.dtype
    dh_seq = upstream_gradient(dh_seq, dh_last, (n, len(steps), units), dtype)  # (N, T, H)
    dc = np.zeros((n, units), dtype)
    if dc_last is not None:
        dc = dc + float_array(dc_last, "dc_last", shape=(n, units))
    dh, grads, dx = np.zeros((n, units), dtype), None, [None] * len(steps)
    for t in reversed(range(len(steps))):
        dx[t], dh, dc, step_grads = _step_backward(dh + dh_seq[:, t], dc, steps[t])
        grads = step_grads if grads is None else {k: grads[k] + step_grads[k] for k in grads}
        if truncate and t % truncate == 0 and t > 0:
            dh, dc = np.zeros_like(dh), np.zeros_like(dc)  # nothing flows to step t-1
    return np.stack(dx, axis=1), dh, dc, grads


def gate_activations(x, params, h0=None, c0=None) -> dict[str, np.ndarray]:
    """The gates and states of an LSTM along sequences, for plots (notebook 10).

    Parameters and checks as :func:`sequence_forward`.

    Returns
    -------
    dict of ``(N, T, H)`` arrays: ``"i"``, ``"f"``, ``"g"`` (the candidate), ``"o"``, ``"c"``
    (the cell state) and ``"h"`` (the hidden state).
    """
    h_seq, _, _, cache = sequence_forward(x, params, h0, c0)
    gates = {name: np.stack([getattr(s, name) for s in cache.steps], axis=1) for name in "ifgo"}
    c_seq = np.stack([s.f * s.c_prev + s.i * s.g for s in cache.steps], axis=1)  # c_t, (N, T, H)
    return {**gates, "c": c_seq, "h": h_seq}
