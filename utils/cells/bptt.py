"""What the three cells share around backpropagation through time (BPTT): the checks at their
entry points and the gradient that reaches each hidden state from the loss.

Every cell's sequence functions are the loops a learner writes (here the SimpleRNN's)::

    for t in range(T):                                        # forward
        h, steps[t] = step_forward(x[:, t], h, params)        # (N, H), a StepCache
    dh = 0                                                    # backward, t = T-1 .. 0
    for t in reversed(range(T)):
        dx[:, t], dh, step_grads = step_backward(dh + dh_seq[:, t], steps[t])
        grads = grads + step_grads                            # the weights are shared by all steps

``dh_seq[:, t]`` is the gradient from the loss at step t (plus ``dh_last`` at t = T-1,
:func:`upstream_gradient`); ``dh`` is the one from step t+1. Truncated BPTT in blocks of ``k``
steps sets ``dh`` to zero at t = k, 2k, ...: no gradient crosses a block boundary.

The library's loops call the steps without their checks (``_step_forward``, ``_step_backward``):
the sequence function has checked its arguments once, at its entry. The results are the same
to the last bit as the loop over the public step functions (tests/cells/test_every_cell.py).
Introduced in notebook 09.
"""

from __future__ import annotations

import numpy as np

from utils.checks import float_array, positive_int

__all__ = ["check_cache", "check_sequence", "check_state", "check_truncate", "upstream_gradient"]


def check_sequence(x, input_dim: int) -> np.ndarray:
    """Input sequences ``x (N, T, D)`` checked: three axes, ``D == input_dim``, N and T at least 1,
    finite real numbers."""
    arr = float_array(x, "x", shape=("N", "T", input_dim), min_size=0)
    if arr.shape[0] == 0 or arr.shape[1] == 0:
        raise ValueError(f"x must hold at least one sequence of at least one step, got {arr.shape}")
    return arr


def check_state(value, name: str, x: np.ndarray, params: dict) -> np.ndarray:
    """An initial state ``(N, H)``: zeros if ``value`` is None (as Keras), else ``value`` checked
    (shape, finite). Either way in the dtype the cell computes in (float32 if x and the weights
    all are)."""
    dtype = np.result_type(x, *params.values())
    n, units = x.shape[0], params["recurrent_kernel"].shape[0]
    if value is None:
        return np.zeros((n, units), dtype=dtype)
    return float_array(value, name, shape=(n, units)).astype(dtype, copy=False)


def check_truncate(truncate) -> int | None:
    """``truncate`` must be None or a positive int (the length of a truncated-BPTT block)."""
    if truncate is None:
        return None
    try:
        return positive_int(truncate, "truncate")
    except (TypeError, ValueError) as exc:
        raise type(exc)(f"truncate must be None or a positive int, got {truncate!r}") from None


def check_cache(cache, expected: type):
    """``cache`` if it is an ``expected`` (a cell's StepCache or SequenceCache), else TypeError.

    The message says which forward makes the right cache, and what came instead: the whole tuple
    a forward returns, None, another cell's cache, or a step cache where a sequence cache belongs.
    """
    if isinstance(cache, expected):
        return cache
    raise TypeError(
        f"cache must be the cache returned by {_made_by(expected)} ({_name(expected)}),"
        f" got {_described(cache)}"
    )


def upstream_gradient(dh_seq, dh_last, shape: tuple[int, int, int], dtype) -> np.ndarray:
    """The gradient reaching each state from the loss: ``dh_seq`` (None: zeros) plus ``dh_last``
    at t = T-1, as a new ``(N, T, H)`` array of ``dtype``; the arguments are not modified."""
    if dh_seq is None:
        grad = np.zeros(shape, dtype=dtype)
    else:
        grad = float_array(dh_seq, "dh_seq", shape=shape).astype(dtype, copy=True)
    if dh_last is not None:
        grad[:, -1] += float_array(dh_last, "dh_last", shape=(shape[0], shape[2]))
    return grad


def _name(kind: type) -> str:
    """``utils.cells.lstm.StepCache`` -> ``"lstm.StepCache"``."""
    return f"{kind.__module__.rsplit('.', 1)[-1]}.{kind.__name__}"


def _made_by(kind: type) -> str:
    """The forward that makes a cache class: ``lstm.StepCache`` -> ``"lstm.step_forward"``."""
    cell = kind.__module__.rsplit(".", 1)[-1]
    return f"{cell}.{'step' if kind.__name__ == 'StepCache' else 'sequence'}_forward"


def _described(value) -> str:
    """What came instead of a cache, with a hint for the usual mistakes."""
    kind = type(value)
    if kind.__module__.startswith("utils.cells.") and kind.__name__.endswith("Cache"):
        return f"{_name(kind)} (made by {_made_by(kind)})"
    if isinstance(value, tuple):
        return (
            f"a tuple of {len(value)} items (a forward returns its outputs, then the cache:"
            " pass only the cache, its last item)"
        )
    return "None" if value is None else f"a {kind.__name__}"
