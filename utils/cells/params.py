"""A recurrent cell's parameters: their layout, Keras' initialisation, and the copy to and from Keras.

The three cells (:mod:`utils.cells.rnn`, :mod:`utils.cells.lstm`, :mod:`utils.cells.gru`) keep
their parameters in a plain dict with Keras' names and layouts, so weights move both ways between
NumPy and Keras::

    x_t W_x + h_{t-1} W_h + b                   (N, kH), k gate blocks side by side

    W_x = params["kernel"]            (D, kH)
    W_h = params["recurrent_kernel"]  (H, kH)
    b   = params["bias"]              (kH,), or (2, 3H) for a GRU with reset_after=True

    params = params_from_keras(layer)        # NumPy copies of a built Keras layer's weights
    params_to_keras(params, layer)           # and back

where ``k`` is the number of stacked gate blocks (1 for SimpleRNN, 4 for LSTM, 3 for GRU).
Introduced in notebook 09.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from utils.checks import finite_number, float_array, one_of, positive_int
from utils.checks import seed as check_seed

__all__ = ["check_params", "initialise", "params_from_keras", "params_to_keras"]

#: The keys of every cell's parameter dict, in Keras' weight order.
PARAM_NAMES = ("kernel", "recurrent_kernel", "bias")

#: The number of stacked gate blocks of each cell: SimpleRNN 1, GRU 3, LSTM 4.
N_GATES = (1, 3, 4)


def check_params(params, n_gates: int, *, gru: bool = False) -> dict[str, np.ndarray]:
    """A cell's parameter dict, checked: returns ``{"kernel", "recurrent_kernel", "bias"}`` arrays.

    Expected: ``kernel (D, kH)``, ``recurrent_kernel (H, kH)`` and ``bias (kH,)`` (for a GRU also
    ``(2, 3H)``, ``reset_after=True``), real and finite, with ``k = n_gates``. The input size is
    ``kernel.shape[0]``, the number of units ``recurrent_kernel.shape[0]``.

    Raises TypeError for something that is not a dict, or weights that are not real numbers
    (complex, strings); ValueError for a missing key, a wrong shape, NaN or inf.
    """
    n_gates = one_of(positive_int(n_gates, "n_gates"), "n_gates", N_GATES)
    _check_keys(params)
    recurrent = float_array(params["recurrent_kernel"], "params['recurrent_kernel']", ndim=2)
    units = recurrent.shape[0]
    if recurrent.shape[1] != n_gates * units:
        raise ValueError(
            f"params['recurrent_kernel'] must have shape (H, {n_gates}*H), got {recurrent.shape}"
        )
    kernel = float_array(params["kernel"], "params['kernel']", shape=("D", n_gates * units))
    bias_shapes = [(n_gates * units,)] + ([(2, n_gates * units)] if gru else [])
    bias = float_array(params["bias"], "params['bias']")
    if bias.shape not in bias_shapes:
        wanted = " or ".join(str(s) for s in bias_shapes)
        raise ValueError(f"params['bias'] must have shape {wanted}, got {bias.shape}")
    return {"kernel": kernel, "recurrent_kernel": recurrent, "bias": bias}


def _check_keys(params) -> None:
    """``params`` must be a dict (a Mapping) holding the three keys."""
    if not isinstance(params, Mapping):
        raise TypeError(
            f"params must be a dict with keys {PARAM_NAMES}, got {type(params).__name__}"
        )
    missing = [k for k in PARAM_NAMES if k not in params]
    if missing:
        raise ValueError(f"params is missing {missing} (expected keys {PARAM_NAMES})")


def initialise(input_dim, units, n_gates, *, seed=None, recurrent_scale=1.0) -> dict:
    """Keras' default initialisation of a cell with ``n_gates`` stacked blocks, in float64.

    ``kernel (D, kH)``: Glorot uniform, in +-sqrt(6 / (D + kH)); ``recurrent_kernel (H, kH)``:
    orthogonal (orthonormal rows) times ``recurrent_scale``; ``bias (kH,)``: zeros.

    Parameters
    ----------
    input_dim, units : int >= 1
        D and H.
    n_gates : 1, 3 or 4
    seed : None or int >= 0
    recurrent_scale : float > 0
        Multiplies the orthogonal recurrent kernel (for a square one: its spectral radius).
    """
    input_dim = positive_int(input_dim, "input_dim")
    units = positive_int(units, "units")
    n_gates = one_of(positive_int(n_gates, "n_gates"), "n_gates", N_GATES)
    rng = np.random.default_rng(None if seed is None else check_seed(seed))
    gain = finite_number(recurrent_scale, "recurrent_scale", low=0.0, low_open=True)
    return {
        "kernel": _glorot_uniform((input_dim, n_gates * units), rng),
        "recurrent_kernel": _orthogonal((units, n_gates * units), rng, gain),
        "bias": np.zeros(n_gates * units),
    }


def _glorot_uniform(shape: tuple[int, int], rng: np.random.Generator) -> np.ndarray:
    """Keras' default ``kernel_initializer``: uniform in +-sqrt(6 / (fan_in + fan_out))."""
    limit = np.sqrt(6.0 / (shape[0] + shape[1]))
    return rng.uniform(-limit, limit, size=shape)


def _orthogonal(shape: tuple[int, int], rng: np.random.Generator, gain: float) -> np.ndarray:
    """Keras' default ``recurrent_kernel_initializer``: orthonormal rows or columns, times gain."""
    rows, cols = shape
    gaussian = rng.normal(size=(max(rows, cols), min(rows, cols)))
    q, r = np.linalg.qr(gaussian)
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
    """Copy a parameter dict into a built Keras ``SimpleRNN``, ``LSTM`` or ``GRU`` layer.

    Each array must have the shape of the layer's weight and hold finite real numbers.
    """
    current = _keras_weights(layer)
    _check_keys(params)
    checked = []
    for name, w in zip(PARAM_NAMES, current, strict=True):
        value = float_array(params[name], f"params[{name!r}]")
        if value.shape != w.shape:
            raise ValueError(
                f"params[{name!r}] must have shape {w.shape} to fit layer {layer.name!r},"
                f" got {value.shape}"
            )
        checked.append(value.astype(w.dtype))
    layer.set_weights(checked)


def _keras_weights(layer) -> list[np.ndarray]:
    """The layer's [kernel, recurrent_kernel, bias], with clear errors for other layers."""
    kind = type(layer).__name__
    if kind not in ("SimpleRNN", "LSTM", "GRU"):
        raise TypeError(f"layer must be a keras SimpleRNN, LSTM or GRU layer, got {kind}")
    if not layer.built:
        raise ValueError(
            f"layer {layer.name!r} is not built yet: call it on an input or put it in a model"
            " that starts with keras.Input(shape=...)"
        )
    weights = layer.get_weights()
    if len(weights) != 3:
        raise ValueError(f"layer {layer.name!r} must use a bias (use_bias=True)")
    return weights
