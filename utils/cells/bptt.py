"""The bookkeeping of backpropagation through time that the three cells share.

A cell's sequence backward walks from the last step to the first; what arrives at each hidden
state is the gradient from the loss at that step (``dh_seq[:, t]``, plus ``dh_last`` at the end)
and the gradient from step t+1. The weight gradients are then one matrix product over all steps
(:func:`sequence_gradients`). Introduced in notebook 08.
"""

from __future__ import annotations

import numpy as np

from utils.checks import float_array, positive_int

__all__ = ["check_sequence", "check_state", "check_truncate", "result_dtype",
           "sequence_gradients", "shifted_states", "upstream_gradient"]


def check_sequence(x, input_dim: int) -> np.ndarray:
    """Input sequences ``x (N, T, D)`` checked: three axes, ``D == input_dim``, N and T at least 1."""
    arr = float_array(x, "x", shape=("N", "T", input_dim), min_size=0)
    if arr.shape[0] == 0 or arr.shape[1] == 0:
        raise ValueError(f"x must hold at least one sequence of at least one step, got {arr.shape}")
    return arr


def check_state(value, name: str, n: int, units: int, dtype) -> np.ndarray:
    """An initial state: zeros ``(N, H)`` if ``value`` is None, else ``value`` checked to ``(N, H)``."""
    if value is None:
        return np.zeros((n, units), dtype=dtype)
    return float_array(value, name, shape=(n, units), min_size=0)


def check_truncate(truncate) -> int | None:
    """``truncate`` must be None or a positive int (the length of a truncated-BPTT block)."""
    if truncate is None:
        return None
    try:
        return positive_int(truncate, "truncate")
    except (TypeError, ValueError) as exc:
        raise type(exc)(f"truncate must be None or a positive int, got {truncate!r}") from None


def result_dtype(*arrays) -> np.dtype:
    """The floating dtype the cell computes in (float32 only when every input is float32)."""
    return np.result_type(*[np.asarray(a).dtype for a in arrays], np.float32)


def upstream_gradient(dh_seq, dh_last, h_seq: np.ndarray) -> np.ndarray:
    """The gradient reaching each state from the loss: ``dh_seq`` (or zeros) plus ``dh_last`` at T-1.

    Returns a new ``(N, T, H)`` array; the arguments are not modified.
    """
    n, n_steps, units = h_seq.shape
    if dh_seq is None:
        g = np.zeros_like(h_seq)
    else:
        g = float_array(dh_seq, "dh_seq", shape=(n, n_steps, units), min_size=0).astype(h_seq.dtype, copy=True)
    if dh_last is not None:
        g[:, -1] += float_array(dh_last, "dh_last", shape=(n, units), min_size=0)
    return g


def sequence_gradients(x, h_prev, da, kernel) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """The input gradient and the weight gradients of a sequence, each as one matrix product.

    For pre-activations ``a_t = x_t W_x + h_{t-1} W_h + b`` with gradients ``da (N, T, kH)``:
    ``dx = da W_x^T (N, T, D)``, ``dW_x = sum_t x_t^T da_t``, ``dW_h = sum_t h_{t-1}^T da_t``,
    ``db = sum_t da_t``. ``h_prev (N, T, H)`` holds the state *entering* each step.
    """
    da_flat = da.reshape(-1, da.shape[2])  # (N*T, kH)
    grads = {
        "kernel": x.reshape(-1, x.shape[2]).T @ da_flat,  # (D, kH)
        "recurrent_kernel": h_prev.reshape(-1, h_prev.shape[2]).T @ da_flat,  # (H, kH)
        "bias": da_flat.sum(axis=0),  # (kH,)
    }
    return da @ kernel.T, grads  # dx (N, T, D)


def shifted_states(h0: np.ndarray, h_seq: np.ndarray) -> np.ndarray:
    """The state entering each step: ``[h0, h_1, ..., h_{T-1}]`` as ``(N, T, H)``."""
    return np.concatenate([h0[:, None, :], h_seq[:, :-1]], axis=1)
