"""The simple recurrent cell in NumPy, forward and backward through time, equal to Keras ``SimpleRNN``.

    a_t = x_t W_x + h_{t-1} W_h + b          (N, H)
    h_t = tanh(a_t)                          (N, H)

with ``W_x = params["kernel"] (D, H)``, ``W_h = params["recurrent_kernel"] (H, H)`` and
``b = params["bias"] (H,)``: the layout of ``keras.layers.SimpleRNN(units=H)``. A feed-forward
layer computes ``h_t = f(x_t)``; the recurrent cell computes ``h_t = f(x_t, h_{t-1})``, so each
output depends on every earlier input.

Backward, with ``dh_t`` the gradient reaching ``h_t`` (from the loss and from step t+1)::

    da_t = dh_t * (1 - h_t^2)      dx_t = da_t W_x^T      dh_{t-1} = da_t W_h^T
    dW_x = sum_t x_t^T da_t        dW_h = sum_t h_{t-1}^T da_t        db = sum_t da_t

Vectorised like fast implementations: the input projection ``x W_x + b`` of all time steps is one
matrix product, and so are the weight gradients; only the recurrence loops over time.
Introduced in notebook 08.
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

__all__ = ["init_params", "sequence_backward", "sequence_forward", "step_backward", "step_forward"]


def init_params(input_dim: int, units: int, *, seed=None, recurrent_scale: float = 1.0) -> dict:
    """Keras' default initialisation (Glorot kernel, orthogonal recurrent kernel, zero bias), float64.

    ``recurrent_scale`` multiplies the orthogonal recurrent kernel (its spectral radius):
    below 1 gradients vanish over time, above 1 they can explode (notebook 08).
    """
    rng = np.random.default_rng(seed)
    return {
        "kernel": glorot_uniform((input_dim, units), rng),
        "recurrent_kernel": orthogonal((units, units), rng, gain=recurrent_scale),
        "bias": np.zeros(units),
    }


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
    cache : tuple for :func:`step_backward`
    """
    input_dim, units = check_params(params, 1)
    x = float_array(x, "x", shape=("N", input_dim), min_size=0)
    h_prev = float_array(h_prev, "h_prev", shape=(x.shape[0], units), min_size=0)
    a = x @ params["kernel"] + h_prev @ params["recurrent_kernel"] + params["bias"]  # (N, H)
    h_next = np.tanh(a)  # (N, H)
    return h_next, (x, h_prev, h_next, params)


def step_backward(dh_next, cache):
    """Backward of :func:`step_forward`: returns ``(dx (N, D), dh_prev (N, H), grads)``.

    ``grads`` has the keys of ``params``: ``kernel``, ``recurrent_kernel``, ``bias``.
    """
    x, h_prev, h_next, params = cache
    dh_next = float_array(dh_next, "dh_next", shape=h_next.shape, min_size=0)
    da = dh_next * (1.0 - h_next * h_next)  # (N, H)
    dx = da @ params["kernel"].T  # (N, D)
    dh_prev = da @ params["recurrent_kernel"].T  # (N, H)
    grads = {"kernel": x.T @ da, "recurrent_kernel": h_prev.T @ da, "bias": da.sum(axis=0)}
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
    cache : tuple for :func:`sequence_backward`
    """
    input_dim, units = check_params(params, 1)
    x = check_sequence(x, input_dim)
    n, n_steps, _ = x.shape
    dtype = result_dtype(x, params["kernel"], params["recurrent_kernel"])
    h = h_init = check_state(h0, "h0", n, units, dtype)
    kernel, recurrent = params["kernel"], params["recurrent_kernel"]
    xw = x @ kernel + params["bias"]  # (N, T, H): every input projection in one product
    h_seq = np.empty((n, n_steps, units), dtype=dtype)
    for t in range(n_steps):
        h = np.tanh(xw[:, t] + h @ recurrent)  # (N, H)
        h_seq[:, t] = h
    return h_seq, h_seq[:, -1].copy(), (x, h_init, h_seq, params)


def sequence_backward(dh_seq, cache, dh_last=None, truncate=None):
    """Backpropagation through time for :func:`sequence_forward`.

    Parameters
    ----------
    dh_seq : ndarray (N, T, H) or None
        Gradient of the loss with respect to every hidden state (None: zeros, for a loss that
        only sees the final state).
    cache : from :func:`sequence_forward`
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
    x, h0, h_seq, params = cache
    n, n_steps, units = h_seq.shape
    truncate = check_truncate(truncate)
    g = upstream_gradient(dh_seq, dh_last, h_seq)  # (N, T, H)
    recurrent_t = params["recurrent_kernel"].T
    da = np.empty_like(g)  # (N, T, H)
    dh = np.zeros((n, units), dtype=g.dtype)  # gradient arriving from step t+1
    for t in range(n_steps - 1, -1, -1):
        h = h_seq[:, t]
        da[:, t] = (dh + g[:, t]) * (1.0 - h * h)  # (N, H)
        dh = da[:, t] @ recurrent_t  # (N, H): to h_{t-1}
        if truncate and t % truncate == 0 and t > 0:
            dh = np.zeros_like(dh)
    dx, grads = sequence_gradients(x, shifted_states(h0, h_seq), da, params["kernel"])
    return dx, dh, grads
