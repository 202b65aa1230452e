"""A dense (fully connected) layer and a small multi-layer perceptron, forward and backward.

Dense layer, for a batch ``x`` of shape (N, D) and ``units = U``:

    z = x W + b        # (N, U)   pre-activation; W = params["kernel"] (D, U), b = params["bias"] (U,)
    y = f(z)           # (N, U)   f named as in Keras: "sigmoid", "tanh", "relu", "linear"

Backward, given ``dy = dL/dy`` (N, U):

    dz = dy * f'(z)    # (N, U)   the layer's "delta"
    dW = x^T dz        # (D, U)
    db = sum_n dz      # (U,)
    dx = dz W^T        # (N, D)   passed on to the layer below

A multi-layer perceptron chains L dense layers. Its parameters are one flat dict with Keras'
layouts, ``{"kernel_1": (D, U1), "bias_1": (U1,), "kernel_2": (U1, U2), ...}``, so that
``model.get_weights()`` of a Keras ``Sequential`` of Dense layers converts both ways
(:func:`params_from_keras_weights`, :func:`params_to_keras_weights`). The functions are pure: no
hidden state, inputs never modified, no optimiser inside the backward pass.
Introduced in notebooks 01 (forward) and 05 (backward); notebook 06 copies Keras weights in.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from utils.nn.activations import get_activation

__all__ = [
    "dense_backward",
    "dense_forward",
    "init_dense",
    "init_mlp",
    "mlp_backward",
    "mlp_forward",
    "params_from_keras_weights",
    "params_to_keras_weights",
]


def _check_rng(rng) -> np.random.Generator:
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy.random.Generator, got {type(rng).__name__}")
    return rng


def init_dense(n_inputs: int, units: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Glorot-uniform kernel (D, U) and zero bias (U,), Keras' default initialisation.

    ``W ~ U(-l, l)`` with ``l = sqrt(6 / (D + U))``.
    """
    for name, value in (("n_inputs", n_inputs), ("units", units)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
            raise ValueError(f"{name} must be a positive int, got {value!r}")
    rng = _check_rng(rng)
    limit = np.sqrt(6.0 / (n_inputs + units))
    return {"kernel": rng.uniform(-limit, limit, size=(n_inputs, units)), "bias": np.zeros(units)}


def _check_dense(x, params: Mapping) -> np.ndarray:
    if not isinstance(params, Mapping) or "kernel" not in params or "bias" not in params:
        raise TypeError("params must be a dict with 'kernel' (D, U) and 'bias' (U,)")
    x = np.asarray(x, dtype=float)
    kernel, bias = np.asarray(params["kernel"]), np.asarray(params["bias"])
    if kernel.ndim != 2 or bias.shape != (kernel.shape[1],):
        raise ValueError(
            f"params must hold kernel (D, U) and bias (U,), got {kernel.shape} and {bias.shape}"
        )
    if x.ndim != 2 or x.shape[1] != kernel.shape[0]:
        raise ValueError(f"x must have shape (N, {kernel.shape[0]}), got {x.shape}")
    return x


def dense_forward(x, params: Mapping, activation: str = "linear"):
    """Forward pass of one dense layer, ``y = f(x W + b)``.

    Parameters
    ----------
    x : array_like, shape (N, D)
    params : dict with ``kernel`` (D, U) and ``bias`` (U,)
    activation : str, one of "sigmoid", "tanh", "relu", "linear"

    Returns
    -------
    y : ndarray, shape (N, U)
    cache : tuple, everything :func:`dense_backward` needs
    """
    f, _ = get_activation(activation)
    x = _check_dense(x, params)
    z = x @ params["kernel"] + params["bias"]  # (N, U)
    return f(z), (x, z, params["kernel"], activation)


def dense_backward(dy, cache):
    """Backward pass of one dense layer (equations in the module docstring).

    Parameters
    ----------
    dy : array_like, shape (N, U), gradient of the loss with respect to the layer's output
    cache : the tuple returned by :func:`dense_forward`

    Returns
    -------
    dx : ndarray (N, D)
    grads : dict with ``kernel`` (D, U) and ``bias`` (U,)
    """
    x, z, kernel, activation = cache
    dy = np.asarray(dy, dtype=float)
    if dy.shape != z.shape:
        raise ValueError(f"dy must have the layer's output shape {z.shape}, got {dy.shape}")
    _, df = get_activation(activation)
    dz = dy * df(z)  # (N, U), the delta
    return dz @ kernel.T, {"kernel": x.T @ dz, "bias": dz.sum(axis=0)}


def init_mlp(sizes: Sequence[int], rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Parameters of an MLP with layer sizes ``[D, U1, ..., UL]``: ``kernel_l``, ``bias_l``, l = 1..L."""
    if len(sizes) < 2:
        raise ValueError(f"sizes must list the input size and at least one layer, got {sizes!r}")
    params = {}
    for layer, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:], strict=True), start=1):
        dense = init_dense(n_in, n_out, rng)
        params[f"kernel_{layer}"], params[f"bias_{layer}"] = dense["kernel"], dense["bias"]
    return params


def _n_layers(params: Mapping, activations: Sequence[str]) -> int:
    n = len(activations)
    if isinstance(activations, str) or n == 0:
        raise TypeError(f"activations must be a list of names, one per layer, got {activations!r}")
    expected = {f"{kind}_{layer}" for layer in range(1, n + 1) for kind in ("kernel", "bias")}
    if set(params) != expected:
        raise ValueError(
            f"params must hold exactly {sorted(expected)} for {n} layers, got {sorted(params)}"
        )
    return n


def mlp_forward(x, params: Mapping, activations: Sequence[str]):
    """Forward pass of an MLP: ``h_0 = x``, ``h_l = f_l(h_{l-1} W_l + b_l)``, output ``h_L``.

    Parameters
    ----------
    x : array_like, shape (N, D)
    params : dict ``kernel_l`` (U_{l-1}, U_l), ``bias_l`` (U_l,) for l = 1..L
    activations : list of L activation names

    Returns
    -------
    y : ndarray, shape (N, U_L)
    cache : list of the L layer caches
    """
    n = _n_layers(params, activations)
    h, caches = x, []
    for layer in range(1, n + 1):
        layer_params = {"kernel": params[f"kernel_{layer}"], "bias": params[f"bias_{layer}"]}
        h, cache = dense_forward(h, layer_params, activations[layer - 1])
        caches.append(cache)
    return h, caches


def mlp_backward(dy, caches):
    """Backward pass of an MLP: the layers' backward passes in reverse order.

    Returns ``dx`` (N, D) and ``grads``, a dict with the keys and shapes of ``params``.
    """
    grads, dh = {}, dy
    for layer in range(len(caches), 0, -1):
        dh, layer_grads = dense_backward(dh, caches[layer - 1])
        grads[f"kernel_{layer}"], grads[f"bias_{layer}"] = layer_grads["kernel"], layer_grads["bias"]
    return dh, grads


def params_from_keras_weights(weights: Sequence) -> dict[str, np.ndarray]:
    """``model.get_weights()`` of Dense layers ``[W1, b1, W2, b2, ...]`` -> MLP params (float64)."""
    if len(weights) == 0 or len(weights) % 2:
        raise ValueError(f"weights must alternate kernel, bias; got {len(weights)} arrays")
    params = {}
    for i in range(0, len(weights), 2):
        kernel, bias = np.asarray(weights[i], float), np.asarray(weights[i + 1], float)
        if kernel.ndim != 2 or bias.shape != (kernel.shape[1],):
            raise ValueError(f"weights[{i}:{i + 2}] must be kernel (D, U) and bias (U,), "
                             f"got {kernel.shape} and {bias.shape}")
        params[f"kernel_{i // 2 + 1}"], params[f"bias_{i // 2 + 1}"] = kernel.copy(), bias.copy()
    return params


def params_to_keras_weights(params: Mapping) -> list[np.ndarray]:
    """MLP params -> ``[W1, b1, W2, b2, ...]`` for ``model.set_weights`` (float32, Keras' dtype)."""
    if not isinstance(params, Mapping) or len(params) < 2:
        raise TypeError("params must be a dict with kernel_1, bias_1, ... (see init_mlp)")
    n = len(params) // 2
    _n_layers(params, ["linear"] * n)
    return [np.asarray(params[f"{kind}_{layer}"], np.float32)
            for layer in range(1, n + 1) for kind in ("kernel", "bias")]
