"""How strongly a recurrent cell's last state depends on earlier inputs: vanishing and exploding
gradients, measured. Introduced in notebook 09 (and used again for the LSTM in notebook 10).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from utils.checks import function

__all__ = ["gradient_norm_by_lag"]


def gradient_norm_by_lag(
    sequence_forward: Callable, sequence_backward: Callable, params, x: np.ndarray
) -> np.ndarray:
    """How strongly the last hidden state depends on each earlier input: a measure of gradient flow.

    For ``L = sum(h_T)`` (summed over the batch and the units), returns ``norms[k]``, the norm of
    ``dL/dx_{T-1-k}`` (the input ``k`` steps before the end), averaged over the batch.
    A curve that falls fast with ``k`` is a vanishing gradient; one that rises is exploding.

    Parameters
    ----------
    sequence_forward, sequence_backward : callable
        A cell's pair, e.g. ``rnn.sequence_forward`` and ``rnn.sequence_backward``.
    params : dict
        The cell's parameters.
    x : ndarray (N, T, D)
        The input sequences (``params`` and ``x`` are checked by ``sequence_forward``).

    Returns
    -------
    ndarray (T,)
        ``norms[0]`` for the last input, ``norms[T-1]`` for the first.
    """
    function(sequence_forward, "sequence_forward", signature="rnn.sequence_forward")
    function(sequence_backward, "sequence_backward", signature="rnn.sequence_backward")
    h_seq, *_, cache = sequence_forward(x, params)
    dh_seq = np.zeros_like(h_seq)
    dh_seq[:, -1] = 1.0  # (N, H): dL/dh_T
    dx = sequence_backward(dh_seq, cache)[0]  # (N, T, D)
    norms = np.linalg.norm(dx, axis=2).mean(axis=0)  # (T,)
    return norms[::-1].copy()
