"""The LSTM cell in NumPy, forward and backward through time, equal to Keras ``LSTM``.

Hochreiter and Schmidhuber (1997). Four gates, stacked in Keras' order i, f, c, o::

    a_t = x_t W_x + h_{t-1} W_h + b                     (N, 4H) = [a_i | a_f | a_c | a_o]
    i_t = sigmoid(a_i)      input gate: how much of the candidate to write
    f_t = sigmoid(a_f)      forget gate: how much of the old cell state to keep
    g_t = tanh(a_c)         candidate values (Keras calls this block "c")
    o_t = sigmoid(a_o)      output gate: how much of the cell state to show
    c_t = f_t * c_{t-1} + i_t * g_t                     (N, H) the cell state
    h_t = o_t * tanh(c_t)                               (N, H) the hidden state (the output)

with ``W_x = params["kernel"] (D, 4H)``, ``W_h = params["recurrent_kernel"] (H, 4H)``,
``b = params["bias"] (4H,)``: the layout of ``keras.layers.LSTM(units=H)`` (whose
``unit_forget_bias=True`` starts the forget bias at 1).

Backward, given ``dh_t`` and ``dc_t`` arriving at step t::

    do = dh * tanh(c_t)                 dc = dc_t + dh * o * (1 - tanh(c_t)^2)
    di = dc * g    df = dc * c_{t-1}    dg = dc * i    dc_{t-1} = dc * f
    da = [di i(1-i) | df f(1-f) | dg (1-g^2) | do o(1-o)]
    dx_t = da W_x^T    dh_{t-1} = da W_h^T

The cell-state path ``dc_{t-1} = dc * f`` has no weight matrix and no squashing: with f near 1
the gradient flows back many steps. Introduced in notebook 09.
"""

from __future__ import annotations

import numpy as np

from utils.cells.bptt import (
    check_sequence,
    check_state,
    check_truncate,
    result_dtype,
    sequence_gradients,
    shifted_states,
    upstream_gradient,
)
from utils.cells.params import check_params, glorot_uniform, orthogonal
from utils.checks import float_array
from utils.nn.activations import sigmoid

__all__ = [
    "GATES",
    "gate_activations",
    "init_params",
    "sequence_backward",
    "sequence_forward",
    "step_backward",
    "step_forward",
]

#: Keras' gate order in the stacked kernel, recurrent kernel and bias.
GATES = ("i", "f", "c", "o")


def init_params(input_dim: int, units: int, *, seed=None, recurrent_scale: float = 1.0) -> dict:
    """Keras' default initialisation: Glorot kernel, orthogonal recurrent kernel, forget bias 1."""
    rng = np.random.default_rng(seed)
    bias = np.zeros(4 * units)
    bias[units : 2 * units] = 1.0  # unit_forget_bias=True
    return {
        "kernel": glorot_uniform((input_dim, 4 * units), rng),
        "recurrent_kernel": orthogonal((units, 4 * units), rng, gain=recurrent_scale),
        "bias": bias,
    }


def _gates(a: np.ndarray) -> np.ndarray:
    """Activated gates ``[i | f | g | o]`` from pre-activations ``a (..., 4H)``."""
    units = a.shape[-1] // 4
    act = sigmoid(a)  # (N, 4H): i, f and o are sigmoids ...
    act[..., 2 * units : 3 * units] = np.tanh(a[..., 2 * units : 3 * units])  # ... g is a tanh
    return act


def _gate_grads(dh, dc_next, c_prev, tanh_c, act):
    """From ``dh`` and ``dc_next`` at one step: ``(da (N, 4H), dc_prev (N, H))``."""
    units = dh.shape[-1]
    i, f, g, o = (act[:, k * units : (k + 1) * units] for k in range(4))
    dc = dc_next + dh * o * (1.0 - tanh_c * tanh_c)  # (N, H)
    dact = np.concatenate([dc * g, dc * c_prev, dc * i, dh * tanh_c], axis=1)  # (N, 4H)
    deriv = act * (1.0 - act)  # sigmoid' for i, f, o ...
    deriv[:, 2 * units : 3 * units] = 1.0 - g * g  # ... tanh' for g
    return dact * deriv, dc * f


def step_forward(x, h_prev, c_prev, params):
    """One LSTM step. Returns ``(h_next (N, H), c_next (N, H), cache)``.

    Parameters
    ----------
    x : ndarray (N, D)
    h_prev, c_prev : ndarray (N, H)
    params : dict with ``kernel (D, 4H)``, ``recurrent_kernel (H, 4H)``, ``bias (4H,)``
    """
    input_dim, units = check_params(params, 4)
    x = float_array(x, "x", shape=("N", input_dim), min_size=0)
    h_prev = float_array(h_prev, "h_prev", shape=(x.shape[0], units), min_size=0)
    c_prev = float_array(c_prev, "c_prev", shape=(x.shape[0], units), min_size=0)
    a = x @ params["kernel"] + h_prev @ params["recurrent_kernel"] + params["bias"]  # (N, 4H)
    act = _gates(a)  # (N, 4H)
    c_next = act[:, units : 2 * units] * c_prev + act[:, :units] * act[:, 2 * units : 3 * units]
    tanh_c = np.tanh(c_next)  # (N, H)
    h_next = act[:, 3 * units :] * tanh_c  # (N, H)
    return h_next, c_next, (x, h_prev, c_prev, tanh_c, act, params)


def step_backward(dh_next, dc_next, cache):
    """Backward of :func:`step_forward`: returns ``(dx (N, D), dh_prev, dc_prev (N, H), grads)``."""
    x, h_prev, c_prev, tanh_c, act, params = cache
    dh_next = float_array(dh_next, "dh_next", shape=h_prev.shape, min_size=0)
    dc_next = float_array(dc_next, "dc_next", shape=c_prev.shape, min_size=0)
    da, dc_prev = _gate_grads(dh_next, dc_next, c_prev, tanh_c, act)  # (N, 4H), (N, H)
    grads = {"kernel": x.T @ da, "recurrent_kernel": h_prev.T @ da, "bias": da.sum(axis=0)}
    return da @ params["kernel"].T, da @ params["recurrent_kernel"].T, dc_prev, grads


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
    cache : tuple for :func:`sequence_backward`
    """
    input_dim, units = check_params(params, 4)
    x = check_sequence(x, input_dim)
    n, n_steps, _ = x.shape
    dtype = result_dtype(x, params["kernel"], params["recurrent_kernel"])
    h = h_init = check_state(h0, "h0", n, units, dtype)
    c = c_init = check_state(c0, "c0", n, units, dtype)
    recurrent = params["recurrent_kernel"]
    xw = x @ params["kernel"] + params["bias"]  # (N, T, 4H): every input projection at once
    h_seq = np.empty((n, n_steps, units), dtype=dtype)
    c_seq = np.empty_like(h_seq)  # (N, T, H)
    tanh_c_seq = np.empty_like(h_seq)  # (N, T, H)
    acts = np.empty((n, n_steps, 4 * units), dtype=dtype)  # (N, T, 4H)
    for t in range(n_steps):
        act = acts[:, t] = _gates(xw[:, t] + h @ recurrent)  # (N, 4H)
        c = c_seq[:, t] = (
            act[:, units : 2 * units] * c + act[:, :units] * act[:, 2 * units : 3 * units]
        )
        tanh_c = tanh_c_seq[:, t] = np.tanh(c)  # (N, H)
        h = h_seq[:, t] = act[:, 3 * units :] * tanh_c  # (N, H)
    cache = (x, h_init, c_init, h_seq, c_seq, tanh_c_seq, acts, params)
    return h_seq, h.copy(), c.copy(), cache


def sequence_backward(dh_seq, cache, dh_last=None, dc_last=None, truncate=None):
    """Backpropagation through time for :func:`sequence_forward`.

    Parameters
    ----------
    dh_seq : ndarray (N, T, H) or None
        Gradient with respect to every hidden state (None: zeros).
    cache : from :func:`sequence_forward`
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
    x, h0, c0, h_seq, c_seq, tanh_c_seq, acts, params = cache
    n, n_steps, units = h_seq.shape
    truncate = check_truncate(truncate)
    g = upstream_gradient(dh_seq, dh_last, h_seq)  # (N, T, H)
    dc = np.zeros((n, units), dtype=g.dtype)
    if dc_last is not None:
        dc = dc + float_array(dc_last, "dc_last", shape=(n, units), min_size=0)
    recurrent_t = params["recurrent_kernel"].T
    da = np.empty((n, n_steps, 4 * units), dtype=g.dtype)  # (N, T, 4H)
    dh = np.zeros((n, units), dtype=g.dtype)
    for t in range(n_steps - 1, -1, -1):
        c_prev = c_seq[:, t - 1] if t > 0 else c0
        da[:, t], dc = _gate_grads(dh + g[:, t], dc, c_prev, tanh_c_seq[:, t], acts[:, t])
        dh = da[:, t] @ recurrent_t  # (N, H): to h_{t-1}
        if truncate and t % truncate == 0 and t > 0:
            dh, dc = np.zeros_like(dh), np.zeros_like(dc)
    dx, grads = sequence_gradients(x, shifted_states(h0, h_seq), da, params["kernel"])
    return dx, dh, dc, grads


def gate_activations(x, params, h0=None, c0=None) -> dict[str, np.ndarray]:
    """The gates and states of an LSTM along sequences, for plots (notebook 09).

    Returns a dict of ``(N, T, H)`` arrays: ``"i"``, ``"f"``, ``"g"`` (the candidate), ``"o"``,
    ``"c"`` (cell state) and ``"h"`` (hidden state).
    """
    h_seq, _, _, cache = sequence_forward(x, params, h0, c0)
    acts, units = cache[6], h_seq.shape[2]
    out = {name: acts[..., k * units : (k + 1) * units].copy() for k, name in enumerate("ifgo")}
    out["c"], out["h"] = cache[4].copy(), h_seq.copy()
    return out
