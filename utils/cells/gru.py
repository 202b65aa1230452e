"""The GRU cell in NumPy, forward and backward through time, equal to Keras ``GRU`` (both settings).

Cho et al. (2014). Three gate blocks, stacked in Keras' order z, r, h. Keras' equations::

    z_t = sigmoid(x_t W_z + h_{t-1} U_z + b_z)             update gate       (N, H)
    r_t = sigmoid(x_t W_r + h_{t-1} U_r + b_r)             reset gate        (N, H)
    reset_after=True  (Keras' default, bias (2, 3H)):
        hh_t = tanh(x_t W_h + b_h + r_t * (h_{t-1} U_h + b'_h))
    reset_after=False (the classic form, bias (3H,)):
        hh_t = tanh(x_t W_h + (r_t * h_{t-1}) U_h + b_h)
    h_t = z_t * h_{t-1} + (1 - z_t) * hh_t                                   (N, H)

``W = params["kernel"] (D, 3H)``, ``U = params["recurrent_kernel"] (H, 3H)``; with
``reset_after=True`` the bias has two rows, ``bias[0]`` for the input projection and ``bias[1]``
(the ``b'``) for the recurrent one, also for z and r. The setting is read from the bias' shape.

The workshop's slides write ``h_t = z * c + (1 - z) * h_{t-1}`` (c the candidate): the same
cell with z's role swapped (their z is Keras' ``1 - z``). There z = 1 means "take the new
candidate"; in Keras z = 1 means "keep the old state".

Backward, given ``dh`` arriving at ``h_t``::

    dz = dh * (h_{t-1} - hh)     dhh = dh * (1 - z)     da_h = dhh * (1 - hh^2)
    reset_after=True:  dr = da_h * (h_{t-1} U_h + b'_h)
    reset_after=False: d(r h) = da_h U_h^T,  dr = d(r h) * h_{t-1}
    dh_{t-1} = dh * z + (gradients through U) (+ d(r h) * r in the classic form)

Introduced in notebook 10.
"""

from __future__ import annotations

import numpy as np

from utils.cells.bptt import (
    check_sequence,
    check_state,
    check_truncate,
    result_dtype,
    shifted_states,
    upstream_gradient,
)
from utils.cells.params import check_params, glorot_uniform, orthogonal
from utils.checks import float_array
from utils.nn.activations import sigmoid

__all__ = [
    "GATES",
    "init_params",
    "reset_after",
    "sequence_backward",
    "sequence_forward",
    "step_backward",
    "step_forward",
]

#: Keras' gate order in the stacked kernel, recurrent kernel and bias.
GATES = ("z", "r", "h")


def init_params(
    input_dim: int, units: int, *, seed=None, reset_after: bool = True, recurrent_scale: float = 1.0
) -> dict:
    """Keras' default initialisation: Glorot kernel, orthogonal recurrent kernel, zero bias.

    The bias is ``(2, 3H)`` with ``reset_after=True`` (Keras' default), else ``(3H,)``.
    """
    rng = np.random.default_rng(seed)
    return {
        "kernel": glorot_uniform((input_dim, 3 * units), rng),
        "recurrent_kernel": orthogonal((units, 3 * units), rng, gain=recurrent_scale),
        "bias": np.zeros((2, 3 * units) if reset_after else 3 * units),
    }


def reset_after(params) -> bool:
    """True if ``params`` is for ``GRU(reset_after=True)`` (bias of shape ``(2, 3H)``)."""
    return np.ndim(params["bias"]) == 2


def _biases(params):
    """``(input bias (3H,), recurrent bias (3H,) or None)`` from either bias layout."""
    bias = params["bias"]
    return (bias[0], bias[1]) if reset_after(params) else (bias, None)


def _forward(xw, h_prev, recurrent, recurrent_bias):
    """One step from the input projection ``xw (N, 3H)``: returns ``(h, zr, hh, m)``.

    ``m`` is what the reset gate multiplies: ``h_prev U_h + b'_h`` (reset_after) or ``h_prev``.
    """
    units = h_prev.shape[1]
    if recurrent_bias is not None:  # reset_after=True: one product for all three blocks
        hu = h_prev @ recurrent + recurrent_bias  # (N, 3H)
        zr = sigmoid(xw[:, : 2 * units] + hu[:, : 2 * units])  # (N, 2H)
        m = hu[:, 2 * units :]  # (N, H)
        hh = np.tanh(xw[:, 2 * units :] + zr[:, units:] * m)  # (N, H)
    else:  # reset_after=False: the reset gate acts before the product with U_h
        zr = sigmoid(xw[:, : 2 * units] + h_prev @ recurrent[:, : 2 * units])  # (N, 2H)
        m = h_prev
        hh = np.tanh(xw[:, 2 * units :] + (zr[:, units:] * h_prev) @ recurrent[:, 2 * units :])
    z = zr[:, :units]
    return hh + z * (h_prev - hh), zr, hh, m  # h = z h_prev + (1 - z) hh


def _backward(dh, h_prev, zr, hh, m, recurrent, is_reset_after):
    """One step back: ``(dxw (N, 3H), dhu (N, 3H), dh_prev (N, H))``.

    ``dhu`` is the gradient of the recurrent products' outputs (for ``dU`` and ``db'``).
    """
    units = dh.shape[1]
    z, r = zr[:, :units], zr[:, units:]
    da_h = dh * (1.0 - z) * (1.0 - hh * hh)  # (N, H)
    if is_reset_after:
        dr = da_h * m
    else:
        drh = da_h @ recurrent[:, 2 * units :].T  # (N, H): gradient of r * h_prev
        dr = drh * h_prev
    da_zr = np.concatenate([dh * (h_prev - hh), dr], axis=1) * zr * (1.0 - zr)  # (N, 2H)
    dxw = np.concatenate([da_zr, da_h], axis=1)  # (N, 3H)
    if is_reset_after:
        dhu = np.concatenate([da_zr, da_h * r], axis=1)  # (N, 3H)
        dh_prev = dh * z + dhu @ recurrent.T
    else:
        dhu = dxw
        dh_prev = dh * z + drh * r + da_zr @ recurrent[:, : 2 * units].T
    return dxw, dhu, dh_prev


def _weight_grads(x, h_prev, rh_prev, dxw, dhu, is_reset_after):
    """Weight gradients from flattened ``(M, .)`` arrays; ``rh_prev`` is ``r * h_prev`` (classic)."""
    units = h_prev.shape[1]
    recurrent_in = h_prev if is_reset_after else rh_prev  # what U_h multiplies
    grads = {
        "kernel": x.T @ dxw,  # (D, 3H)
        "recurrent_kernel": np.concatenate(
            [h_prev.T @ dhu[:, : 2 * units], recurrent_in.T @ dhu[:, 2 * units :]], axis=1
        ),  # (H, 3H)
        "bias": np.stack([dxw.sum(axis=0), dhu.sum(axis=0)]) if is_reset_after else dxw.sum(axis=0),
    }
    return grads


def step_forward(x, h_prev, params):
    """One GRU step. Returns ``(h_next (N, H), cache)``.

    Parameters
    ----------
    x : ndarray (N, D)
    h_prev : ndarray (N, H)
    params : dict with ``kernel (D, 3H)``, ``recurrent_kernel (H, 3H)``, ``bias (2, 3H) or (3H,)``
    """
    input_dim, units = check_params(params, 3, gru=True)
    x = float_array(x, "x", shape=("N", input_dim), min_size=0)
    h_prev = float_array(h_prev, "h_prev", shape=(x.shape[0], units), min_size=0)
    input_bias, recurrent_bias = _biases(params)
    xw = x @ params["kernel"] + input_bias  # (N, 3H)
    h_next, zr, hh, m = _forward(xw, h_prev, params["recurrent_kernel"], recurrent_bias)
    return h_next, (x, h_prev, zr, hh, m, params)


def step_backward(dh_next, cache):
    """Backward of :func:`step_forward`: returns ``(dx (N, D), dh_prev (N, H), grads)``."""
    x, h_prev, zr, hh, m, params = cache
    dh_next = float_array(dh_next, "dh_next", shape=h_prev.shape, min_size=0)
    is_ra = reset_after(params)
    dxw, dhu, dh_prev = _backward(dh_next, h_prev, zr, hh, m, params["recurrent_kernel"], is_ra)
    rh_prev = zr[:, h_prev.shape[1] :] * h_prev
    grads = _weight_grads(x, h_prev, rh_prev, dxw, dhu, is_ra)
    return dxw @ params["kernel"].T, dh_prev, grads


def sequence_forward(x, params, h0=None):
    """Run the GRU over whole sequences (Keras ``return_sequences=True, return_state=True``).

    Parameters
    ----------
    x : ndarray (N, T, D)
    params : dict with ``kernel (D, 3H)``, ``recurrent_kernel (H, 3H)``, ``bias (2, 3H) or (3H,)``
    h0 : ndarray (N, H), optional
        Initial state (zeros by default).

    Returns
    -------
    h_seq : ndarray (N, T, H)
    h_last : ndarray (N, H)
    cache : tuple for :func:`sequence_backward`
    """
    input_dim, units = check_params(params, 3, gru=True)
    x = check_sequence(x, input_dim)
    n, n_steps, _ = x.shape
    dtype = result_dtype(x, params["kernel"], params["recurrent_kernel"])
    h = h_init = check_state(h0, "h0", n, units, dtype)
    input_bias, recurrent_bias = _biases(params)
    recurrent = params["recurrent_kernel"]
    xw = x @ params["kernel"] + input_bias  # (N, T, 3H): every input projection at once
    h_seq = np.empty((n, n_steps, units), dtype=dtype)
    zr_seq = np.empty((n, n_steps, 2 * units), dtype=dtype)  # (N, T, 2H)
    hh_seq, m_seq = np.empty_like(h_seq), np.empty_like(h_seq)  # (N, T, H)
    for t in range(n_steps):
        h, zr_seq[:, t], hh_seq[:, t], m_seq[:, t] = _forward(
            xw[:, t], h, recurrent, recurrent_bias
        )
        h_seq[:, t] = h
    cache = (x, h_init, h_seq, zr_seq, hh_seq, m_seq, params)
    return h_seq, h.copy(), cache


def sequence_backward(dh_seq, cache, dh_last=None, truncate=None):
    """Backpropagation through time for :func:`sequence_forward`.

    Parameters
    ----------
    dh_seq : ndarray (N, T, H) or None
        Gradient with respect to every hidden state (None: zeros).
    cache : from :func:`sequence_forward`
    dh_last : ndarray (N, H), optional
        Gradient with respect to the final state.
    truncate : int, optional
        Truncated BPTT in blocks of ``truncate`` steps from t = 0 (see
        :func:`utils.cells.rnn.sequence_backward`).

    Returns
    -------
    dx : ndarray (N, T, D)
    dh0 : ndarray (N, H)
    grads : dict with ``kernel (D, 3H)``, ``recurrent_kernel (H, 3H)``, ``bias`` (as in params)
    """
    x, h0, h_seq, zr_seq, hh_seq, m_seq, params = cache
    n, n_steps, units = h_seq.shape
    truncate = check_truncate(truncate)
    is_ra = reset_after(params)
    g = upstream_gradient(dh_seq, dh_last, h_seq)  # (N, T, H)
    h_prev = shifted_states(h0, h_seq)  # (N, T, H)
    recurrent = params["recurrent_kernel"]
    dxw = np.empty((n, n_steps, 3 * units), dtype=g.dtype)  # (N, T, 3H)
    dhu = np.empty_like(dxw) if is_ra else dxw
    dh = np.zeros((n, units), dtype=g.dtype)
    for t in range(n_steps - 1, -1, -1):
        step = (h_prev[:, t], zr_seq[:, t], hh_seq[:, t], m_seq[:, t], recurrent, is_ra)
        dxw[:, t], dhu[:, t], dh = _backward(dh + g[:, t], *step)
        if truncate and t % truncate == 0 and t > 0:
            dh = np.zeros_like(dh)
    rh_prev = zr_seq[..., units:] * h_prev  # (N, T, H)
    flat = [a.reshape(n * n_steps, -1) for a in (x, h_prev, rh_prev, dxw, dhu)]
    grads = _weight_grads(*flat, is_ra)
    return dxw @ params["kernel"].T, dh, grads
