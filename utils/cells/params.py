"""A recurrent cell's parameters: their layout, Keras' initialisation, and the copy to and from Keras.

The three cells (:mod:`utils.cells.rnn`, :mod:`utils.cells.lstm`, :mod:`utils.cells.gru`) keep their
parameters in a plain dict with Keras' names and layouts, so weights move both ways between NumPy and
Keras::

    params = params_from_keras(layer)        # {"kernel": (D, kH), "recurrent_kernel": (H, kH),
    params_to_keras(params, layer)           #  "bias": (kH,) or (2, 3H) for a GRU with reset_after}

where ``k`` is the number of stacked gates (1 for SimpleRNN, 4 for LSTM, 3 for GRU).
Introduced in notebook 08.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from utils.checks import float_array

__all__ = ["PARAM_NAMES", "check_params", "glorot_uniform", "orthogonal", "params_from_keras",
           "params_to_keras"]

#: The keys of every cell's parameter dict, in Keras' weight order.
PARAM_NAMES = ("kernel", "recurrent_kernel", "bias")


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
    rec = float_array(params["recurrent_kernel"], "params['recurrent_kernel']", min_size=0)
    if rec.ndim != 2 or rec.shape[1] != n_gates * rec.shape[0]:
        raise ValueError(
            f"params['recurrent_kernel'] must have shape (H, {n_gates}*H), got {rec.shape}"
        )
    units = rec.shape[0]
    kernel = float_array(params["kernel"], "params['kernel']", min_size=0)
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
