"""What the NumPy recurrent cells share: shape checks, Keras weight copy, initialisers, gradient flow.

The three cells (:mod:`utils.rnn`, :mod:`utils.lstm`, :mod:`utils.gru`) keep their parameters in a
plain dict with Keras' names and layouts, so weights move both ways between NumPy and Keras::

    params = params_from_keras(layer)        # {"kernel": (D, kH), "recurrent_kernel": (H, kH),
    params_to_keras(params, layer)           #  "bias": (kH,) or (2, 3H) for a GRU with reset_after}

where ``k`` is the number of stacked gates (1 for SimpleRNN, 4 for LSTM, 3 for GRU).

The sigmoid here is written as ``sigmoid(z) = (1 + tanh(z / 2)) / 2``: one transcendental call,
no overflow at +-1000 (``tanh`` saturates instead of ``exp`` overflowing). Introduced in notebook 08.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np

__all__ = [
    "PARAM_NAMES",
    "check_array",
    "check_params",
    "glorot_uniform",
    "gradient_norm_by_lag",
    "orthogonal",
    "params_from_keras",
    "params_to_keras",
    "sigmoid",
]

#: The keys of every cell's parameter dict, in Keras' weight order.
PARAM_NAMES = ("kernel", "recurrent_kernel", "bias")


def sigmoid(z: np.ndarray) -> np.ndarray:
    """Logistic sigmoid ``1 / (1 + exp(-z))`` computed as ``(1 + tanh(z / 2)) / 2`` (never overflows)."""
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def _float_array(value, name: str) -> np.ndarray:
    """``value`` as a floating-point array (integers become float64); ValueError if not numeric."""
    try:
        arr = np.asarray(value)
    except (TypeError, ValueError) as exc:  # pragma: no cover - ragged input
        raise ValueError(f"{name} must be a numeric array, got {type(value).__name__}") from exc
    if arr.dtype.kind in "iub":
        return arr.astype(np.float64)
    if arr.dtype.kind != "f":
        raise ValueError(f"{name} must be a numeric array, got dtype {arr.dtype}")
    return arr


def check_array(value, name: str, shape: Sequence[int | str]) -> np.ndarray:
    """Return ``value`` as a float array of the given shape, or raise a ValueError that says why.

    ``shape`` mixes fixed sizes (ints) and free sizes (labels such as ``"N"``), e.g.
    ``("N", "T", 3)``; the message names the argument, the expected and the received shape.
    """
    arr = _float_array(value, name)
    expected = "(" + ", ".join(str(s) for s in shape) + ")"
    ok = arr.ndim == len(shape) and all(
        isinstance(s, str) or arr.shape[i] == s for i, s in enumerate(shape)
    )
    if not ok:
        raise ValueError(f"{name} must have shape {expected}, got {arr.shape}")
    return arr


def check_sequence(x, input_dim: int) -> np.ndarray:
    """Input sequences ``x (N, T, D)`` checked: three axes, ``D == input_dim``, N and T at least 1."""
    arr = check_array(x, "x", ("N", "T", input_dim))
    if arr.shape[0] == 0 or arr.shape[1] == 0:
        raise ValueError(f"x must hold at least one sequence of at least one step, got {arr.shape}")
    return arr


def upstream_gradient(dh_seq, dh_last, h_seq: np.ndarray) -> np.ndarray:
    """The gradient reaching each state from the loss: ``dh_seq`` (or zeros) plus ``dh_last`` at T-1.

    Returns a new ``(N, T, H)`` array; the arguments are not modified.
    """
    n, n_steps, units = h_seq.shape
    if dh_seq is None:
        g = np.zeros_like(h_seq)
    else:
        g = check_array(dh_seq, "dh_seq", (n, n_steps, units)).astype(h_seq.dtype, copy=True)
    if dh_last is not None:
        g[:, -1] += check_array(dh_last, "dh_last", (n, units))
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


def check_params(params, n_gates: int, *, gru: bool = False) -> tuple[int, int]:
    """Check a cell's parameter dict and return ``(D, H)``: input size and number of units.

    Expected: ``kernel (D, n_gates*H)``, ``recurrent_kernel (H, n_gates*H)`` and ``bias`` of shape
    ``(n_gates*H,)``, or for a GRU also ``(2, 3H)`` (``reset_after=True``).
    """
    if not isinstance(params, Mapping):
        raise ValueError(
            f"params must be a dict with keys {PARAM_NAMES}, got {type(params).__name__}"
        )
    missing = [k for k in PARAM_NAMES if k not in params]
    if missing:
        raise ValueError(f"params is missing {missing} (expected keys {PARAM_NAMES})")
    rec = _float_array(params["recurrent_kernel"], "params['recurrent_kernel']")
    if rec.ndim != 2 or rec.shape[1] != n_gates * rec.shape[0]:
        raise ValueError(
            f"params['recurrent_kernel'] must have shape (H, {n_gates}*H), got {rec.shape}"
        )
    units = rec.shape[0]
    kernel = _float_array(params["kernel"], "params['kernel']")
    if kernel.ndim != 2 or kernel.shape[1] != n_gates * units:
        raise ValueError(
            f"params['kernel'] must have shape (D, {n_gates * units}), got {kernel.shape}"
        )
    bias_shape = np.shape(params["bias"])
    allowed = [(n_gates * units,)] + ([(2, n_gates * units)] if gru else [])
    if bias_shape not in allowed:
        wanted = " or ".join(str(s) for s in allowed)
        raise ValueError(f"params['bias'] must have shape {wanted}, got {bias_shape}")
    return kernel.shape[0], units


def check_state(value, name: str, n: int, units: int, dtype) -> np.ndarray:
    """An initial state: zeros ``(N, H)`` if ``value`` is None, else ``value`` checked to ``(N, H)``."""
    if value is None:
        return np.zeros((n, units), dtype=dtype)
    return check_array(value, name, (n, units))


def result_dtype(*arrays) -> np.dtype:
    """The floating dtype the cell computes in (float32 only when every input is float32)."""
    return np.result_type(*[np.asarray(a).dtype for a in arrays], np.float32)


def check_truncate(truncate) -> int | None:
    """``truncate`` must be None or a positive int (the length of a truncated-BPTT block)."""
    if truncate is None:
        return None
    if isinstance(truncate, bool) or not isinstance(truncate, (int, np.integer)) or truncate < 1:
        raise ValueError(f"truncate must be None or a positive int, got {truncate!r}")
    return int(truncate)


def glorot_uniform(shape: tuple[int, int], rng: np.random.Generator) -> np.ndarray:
    """Keras' default ``kernel_initializer``: uniform in +-sqrt(6 / (fan_in + fan_out))."""
    limit = np.sqrt(6.0 / (shape[0] + shape[1]))
    return rng.uniform(-limit, limit, size=shape)


def orthogonal(shape: tuple[int, int], rng: np.random.Generator, gain: float = 1.0) -> np.ndarray:
    """Keras' default ``recurrent_kernel_initializer``: a matrix with orthonormal rows or columns."""
    rows, cols = shape
    a = rng.normal(size=(max(rows, cols), min(rows, cols)))
    q, r = np.linalg.qr(a)
    q = q * np.sign(np.diag(r))  # a uniform draw over orthogonal matrices
    return gain * (q if rows >= cols else q.T)


def params_from_keras(layer) -> dict[str, np.ndarray]:
    """Copy the weights of a built Keras ``SimpleRNN``, ``LSTM`` or ``GRU`` layer into a dict.

    Returns ``{"kernel", "recurrent_kernel", "bias"}`` as NumPy copies (changing them does not
    change the layer).
    """
    weights = _keras_weights(layer)
    return {name: np.array(w, copy=True) for name, w in zip(PARAM_NAMES, weights, strict=True)}


def params_to_keras(params: Mapping[str, np.ndarray], layer) -> None:
    """Copy a parameter dict into a built Keras ``SimpleRNN``, ``LSTM`` or ``GRU`` layer."""
    current = _keras_weights(layer)
    missing = [k for k in PARAM_NAMES if k not in params]
    if missing:
        raise ValueError(f"params is missing {missing} (expected keys {PARAM_NAMES})")
    for name, w in zip(PARAM_NAMES, current, strict=True):
        if np.shape(params[name]) != w.shape:
            raise ValueError(
                f"params[{name!r}] must have shape {w.shape} to fit layer {layer.name!r},"
                f" got {np.shape(params[name])}"
            )
    layer.set_weights(
        [
            np.asarray(params[name], dtype=w.dtype)
            for name, w in zip(PARAM_NAMES, current, strict=True)
        ]
    )


def _keras_weights(layer) -> list[np.ndarray]:
    """The layer's [kernel, recurrent_kernel, bias], with clear errors for unbuilt or bias-free layers."""
    kind = type(layer).__name__
    if kind not in ("SimpleRNN", "LSTM", "GRU"):
        raise ValueError(f"layer must be a keras SimpleRNN, LSTM or GRU layer, got {kind}")
    if not layer.built:
        raise ValueError(
            f"layer {layer.name!r} is not built yet: call it on an input or put it in a model"
            " that starts with keras.Input(shape=...)"
        )
    weights = layer.get_weights()
    if len(weights) != 3:
        raise ValueError(f"layer {layer.name!r} must use a bias (use_bias=True)")
    return weights


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
        The input sequences.

    Returns
    -------
    ndarray (T,)
        ``norms[0]`` for the last input, ``norms[T-1]`` for the first.
    """
    h_seq, *_, cache = sequence_forward(x, params)
    dh_seq = np.zeros_like(h_seq)
    dh_seq[:, -1] = 1.0  # (N, H): dL/dh_T
    dx = sequence_backward(dh_seq, cache)[0]  # (N, T, D)
    norms = np.linalg.norm(dx, axis=2).mean(axis=0)  # (T,)
    return norms[::-1].copy()

