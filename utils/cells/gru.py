"""The GRU cell in NumPy, forward and backward through time, equal to Keras ``GRU`` (both settings).

Three gate blocks, stacked in Keras' order z, r, h: ``W_x = [W_xz | W_xr | W_xh]`` (D, 3H) and
``W_h = [W_hz | W_hr | W_hh]`` (H, 3H). Each gate is written out, as in notebook 11 (``z`` is the
update gate, so the GRU has no symbol for a pre-activation)::

    reset_after=False (the classic form; bias [b_z | b_r | b_h] of shape (3H,)):
        z_t  = sigmoid(x_t W_xz + h_{t-1} W_hz + b_z)             update gate
        r_t  = sigmoid(x_t W_xr + h_{t-1} W_hr + b_r)             reset gate
        hh_t = tanh(x_t W_xh + (r_t * h_{t-1}) W_hh + b_h)        candidate (h~_t)
    reset_after=True (Keras' default; bias (2, 3H): b = bias[0] goes with x_t W_x,
    b' = bias[1] with h_{t-1} W_h):
        z_t  = sigmoid(x_t W_xz + b_z + h_{t-1} W_hz + b'_z)
        r_t  = sigmoid(x_t W_xr + b_r + h_{t-1} W_hr + b'_r)
        hh_t = tanh(x_t W_xh + b_h + r_t * (h_{t-1} W_hh + b'_h))  (u_h = h_{t-1} W_hh + b'_h)
    h_t = z_t * h_{t-1} + (1 - z_t) * hh_t                        (N, H)

with ``W_x = params["kernel"] (D, 3H)`` and ``W_h = params["recurrent_kernel"] (H, 3H)``: the
layout of ``keras.layers.GRU(units=H, reset_after=...)``. The setting is read from the bias' shape.

Backward, given ``dh`` arriving at ``h_t``; ``dz_pre``, ``dr_pre`` and ``dhh_pre`` are the
gradients of the sums inside the sigmoids of z and r and inside the candidate's tanh::

    dz = dh * (h_{t-1} - hh)      dhh = dh * (1 - z)      dhh_pre = dhh * (1 - hh^2)
    reset_after=True:   dr = dhh_pre * u_h          du_h = dhh_pre * r
    reset_after=False:  d(rh) = dhh_pre W_hh^T      dr = d(rh) * h_{t-1}
    dz_pre = dz * z (1 - z)       dr_pre = dr * r (1 - r)
    dx_t = [dz_pre | dr_pre | dhh_pre] W_x^T
    dh_{t-1} = dh * z + [dz_pre | dr_pre | du_h] W_h^T                     (reset_after=True)
    dh_{t-1} = dh * z + dz_pre W_hz^T + dr_pre W_hr^T + d(rh) * r          (reset_after=False)

Which way round z goes: Cho et al. (2014), who introduced the cell, and Keras write
``h_t = z * h_{t-1} + (1 - z) * hh`` (z = 1 keeps the old state). Chung et al. (2014) and many
tutorials, the workshop's slides among them, write the swapped form
``h_t = (1 - z) * h_{t-1} + z * hh`` (their z is Keras' 1 - z: z = 1 takes the candidate).
The sequence functions are loops over the steps (see :mod:`utils.cells.bptt`). Inputs,
states, gradients and weights must be finite real numbers (NaN and inf are refused).
Introduced in notebook 11.
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
from utils.checks import boolean, float_array
from utils.nn.activations import sigmoid

__all__ = [
    "SequenceCache",
    "StepCache",
    "init_params",
    "reset_after",
    "sequence_backward",
    "sequence_forward",
    "step_backward",
    "step_forward",
]


class StepCache(NamedTuple):
    """What :func:`step_backward` needs from :func:`step_forward`; every array is (N, H) but x."""

    x: np.ndarray  #: (N, D) the input
    h_prev: np.ndarray  #: the state entering the step
    z: np.ndarray  #: update gate
    r: np.ndarray  #: reset gate
    hh: np.ndarray  #: candidate
    u_h: np.ndarray | None  #: h_prev W_hh + b'_h, what r multiplies (None if not reset_after)
    params: dict  #: the checked parameter dict


class SequenceCache(NamedTuple):
    """What :func:`sequence_backward` needs from :func:`sequence_forward`: one StepCache per step."""

    steps: tuple[StepCache, ...]  #: steps[t] for t = 0 .. T-1


def init_params(
    input_dim: int, units: int, *, seed=None, reset_after: bool = True, recurrent_scale: float = 1.0
) -> dict:
    """Keras' default initialisation: Glorot kernel, orthogonal recurrent kernel, zero bias.

    Parameters
    ----------
    input_dim, units : int >= 1
        D and H.
    seed : None or int >= 0
    reset_after : bool
        True (Keras' default): bias ``(2, 3H)``; False: bias ``(3H,)``.
    recurrent_scale : float > 0
        Multiplies the orthogonal recurrent kernel.

    Returns
    -------
    dict with ``kernel (D, 3H)``, ``recurrent_kernel (H, 3H)``, ``bias (2, 3H) or (3H,)``
    """
    reset_after = boolean(reset_after, "reset_after")
    params = initialise(input_dim, units, 3, seed=seed, recurrent_scale=recurrent_scale)
    if reset_after:
        params["bias"] = np.zeros((2, 3 * units))  # b for the input, b' for the recurrent part
    return params


def reset_after(params) -> bool:
    """True if ``params`` is for ``GRU(reset_after=True)`` (bias of shape ``(2, 3H)``)."""
    return check_params(params, 3, gru=True)["bias"].ndim == 2


def step_forward(x, h_prev, params):
    """One GRU step.

    Parameters
    ----------
    x : ndarray (N, D)
    h_prev : ndarray (N, H)
    params : dict with ``kernel (D, 3H)``, ``recurrent_kernel (H, 3H)``, ``bias (2, 3H) or (3H,)``

    Returns
    -------
    h_next : ndarray (N, H)
    cache : StepCache for :func:`step_backward`
    """
    params = check_params(params, 3, gru=True)
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
    grads : dict with ``kernel (D, 3H)``, ``recurrent_kernel (H, 3H)``, ``bias`` (as in params)
    """
    cache = check_cache(cache, StepCache)
    dh_next = float_array(dh_next, "dh_next", shape=cache.h_prev.shape)
    return _step_backward(dh_next, cache)


def _step_forward(x, h_prev, params):
    """:func:`step_forward` without the checks (the sequence loop has checked once)."""
    bias, W_h = params["bias"], params["recurrent_kernel"]
    input_bias = bias[0] if bias.ndim == 2 else bias
    x_z, x_r, x_h = np.split(x @ params["kernel"] + input_bias, 3, axis=-1)  # (N, H) each
    if bias.ndim == 2:  # reset_after=True: r acts on the recurrent projection
        u_z, u_r, u_h = np.split(h_prev @ W_h + bias[1], 3, axis=-1)  # (N, H) each
        z, r = sigmoid(x_z + u_z), sigmoid(x_r + u_r)
        hh = np.tanh(x_h + r * u_h)
    else:  # reset_after=False: r acts on h_prev, before the product with W_hh
        W_hz, W_hr, W_hh = np.split(W_h, 3, axis=-1)  # (H, H) each
        z, r, u_h = sigmoid(x_z + h_prev @ W_hz), sigmoid(x_r + h_prev @ W_hr), None
        hh = np.tanh(x_h + (r * h_prev) @ W_hh)
    h_next = z * h_prev + (1.0 - z) * hh  # (N, H): z = 1 keeps the old state
    return h_next, StepCache(x, h_prev, z, r, hh, u_h, params)


def _step_backward(dh_next, cache: StepCache):
    """:func:`step_backward` without the checks (the sequence loop has checked once)."""
    z, r, hh, h_prev, params = cache.z, cache.r, cache.hh, cache.h_prev, cache.params
    W_h = params["recurrent_kernel"]
    dz = dh_next * (h_prev - hh)
    dhh_pre = dh_next * (1.0 - z) * (1.0 - hh * hh)  # (N, H): through the candidate's tanh
    if cache.u_h is not None:  # reset_after=True
        dr, du_h = dhh_pre * cache.u_h, dhh_pre * r
    else:
        W_hz, W_hr, W_hh = np.split(W_h, 3, axis=-1)
        drh = dhh_pre @ W_hh.T  # (N, H): the gradient of r * h_prev
        dr = drh * h_prev
    dz_pre, dr_pre = dz * z * (1.0 - z), dr * r * (1.0 - r)  # through the two sigmoids
    dxw = np.concatenate([dz_pre, dr_pre, dhh_pre], axis=-1)  # (N, 3H): of x W_x + b
    grads = {"kernel": cache.x.T @ dxw}
    if cache.u_h is not None:
        dhu = np.concatenate([dz_pre, dr_pre, du_h], axis=-1)  # (N, 3H): of h_prev W_h + b'
        dh_prev = dh_next * z + dhu @ W_h.T
        grads["recurrent_kernel"] = h_prev.T @ dhu
        grads["bias"] = np.stack([dxw.sum(axis=0), dhu.sum(axis=0)])  # (2, 3H)
    else:
        dh_prev = dh_next * z + dz_pre @ W_hz.T + dr_pre @ W_hr.T + drh * r
        grads["recurrent_kernel"] = np.concatenate(
            [h_prev.T @ dz_pre, h_prev.T @ dr_pre, (r * h_prev).T @ dhh_pre], axis=-1
        )  # (H, 3H)
        grads["bias"] = dxw.sum(axis=0)  # (3H,)
    return dxw @ params["kernel"].T, dh_prev, grads


def sequence_forward(x, params, h0=None):
    """Run the GRU over whole sequences (Keras ``return_sequences=True, return_state=True``).

    Parameters
    ----------
    x : ndarray (N, T, D)
    params : dict with ``kernel (D, 3H)``, ``recurrent_kernel (H, 3H)``, ``bias (2, 3H) or (3H,)``
    h0 : ndarray (N, H), optional
        Initial state (zeros by default, as Keras).

    Returns
    -------
    h_seq : ndarray (N, T, H)
    h_last : ndarray (N, H)
    cache : SequenceCache for :func:`sequence_backward`
    """
    params = check_params(params, 3, gru=True)
    x = check_sequence(x, params["kernel"].shape[0])
    h = check_state(h0, "h0", x, params)  # (N, H)
    h_seq, steps = [], []
    for t in range(x.shape[1]):
        h, step = _step_forward(x[:, t], h, params)
        h_seq.append(h)
        steps.append(step)
    return np.stack(h_seq, axis=1), h.copy(), SequenceCache(tuple(steps))


def sequence_backward(dh_seq, cache, dh_last=None, truncate=None):
    """Backpropagation through time for :func:`sequence_forward`.

    Parameters
    ----------
    dh_seq : ndarray (N, T, H) or None
        Gradient with respect to every hidden state (None: zeros).
    cache : SequenceCache from :func:`sequence_forward`
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
    steps = check_cache(cache, SequenceCache).steps
    truncate = check_truncate(truncate)
    n, units = steps[0].h_prev.shape
    dtype = steps[0].z.dtype
    dh_seq = upstream_gradient(dh_seq, dh_last, (n, len(steps), units), dtype)  # (N, T, H)
    dh, grads, dx = np.zeros((n, units), dtype), None, [None] * len(steps)
    for t in reversed(range(len(steps))):
        dx[t], dh, step_grads = _step_backward(dh + dh_seq[:, t], steps[t])
        grads = step_grads if grads is None else {k: grads[k] + step_grads[k] for k in grads}
        if truncate and t % truncate == 0 and t > 0:
            dh = np.zeros_like(dh)  # the start of a block: nothing flows to step t-1
    return np.stack(dx, axis=1), dh, grads
