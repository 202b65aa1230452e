"""A dense (fully connected) layer and a small multi-layer perceptron, forward and backward.

Dense layer, for a batch ``x`` of shape (N, D) and ``units = H``:

    z = x W + b        # (N, H)   pre-activations (Z_1 in the notebooks); W = params["kernel"]
                       #          (D, H), b = bias (H,)
    y = f(z)           # (N, H)   activations (A_1 in the notebooks); f named as in Keras:
                       #          "sigmoid", "tanh", "relu", "linear"

Backward, given ``dy = dL/dy`` (N, H):

    dz = dy * f'(z)    # (N, H)   the layer's "delta"
    dW = x^T dz        # (D, H)
    db = sum_n dz      # (H,)
    dx = dz W^T        # (N, D)   passed on to the layer below

A multi-layer perceptron chains M dense layers, l = 1 .. M, of H_1, ..., H_M units. Its
parameters are one flat dict with Keras' layouts, ``{"kernel_1": (D, H_1), "bias_1": (H_1,),
"kernel_2": (H_1, H_2), ...}``, so that
``model.get_weights()`` of a Keras ``Sequential`` of Dense layers converts both ways
(:func:`params_from_keras_weights`, :func:`params_to_keras_weights`). The functions are pure: no
hidden state, inputs never modified, no optimiser inside the backward pass.
Introduced in notebooks 01 (forward) and 05 (backward); notebook 06 copies Keras weights in.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

import numpy as np

from utils.checks import float_array, generator, one_of, positive_int
from utils.nn.activations import ACTIVATIONS, get_activation

__all__ = [
    "DenseCache",
    "dense_backward",
    "dense_forward",
    "init_dense",
    "init_mlp",
    "mlp_backward",
    "mlp_forward",
    "params_from_keras_weights",
    "params_to_keras_weights",
]


class DenseCache(NamedTuple):
    """What :func:`dense_backward` needs from the forward pass of one dense layer."""

    x: np.ndarray  #: (N, D) the layer's input
    z: np.ndarray  #: (N, H) the pre-activations x W + b
    kernel: np.ndarray  #: (D, H) W
    activation: str  #: the activation's name


def init_dense(n_inputs: int, units: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Glorot-uniform kernel (D, H) and zero bias (H,), Keras' default initialisation.

    ``W ~ Uniform(-limit, limit)`` with ``limit = sqrt(6 / (D + H))``.

    Parameters
    ----------
    n_inputs, units : int >= 1, D and H
    rng : numpy.random.Generator, e.g. ``np.random.default_rng(0)``
    """
    n_inputs, units = positive_int(n_inputs, "n_inputs"), positive_int(units, "units")
    return _init_dense(n_inputs, units, generator(rng, "rng"))


def _init_dense(n_inputs: int, units: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    limit = np.sqrt(6.0 / (n_inputs + units))
    return {"kernel": rng.uniform(-limit, limit, size=(n_inputs, units)), "bias": np.zeros(units)}


def _dense_params(params) -> tuple[np.ndarray, np.ndarray]:
    """``kernel`` (D, H) and ``bias`` (H,) of a dense layer, finite."""
    if not isinstance(params, Mapping):
        raise TypeError(f"params must be a dict with 'kernel' (D, U) and 'bias' (U,), "
                        f"got {type(params).__name__}")
    missing = [k for k in ("kernel", "bias") if k not in params]
    if missing:
        raise ValueError(f"params must hold 'kernel' (D, U) and 'bias' (U,), missing {missing}")
    kernel = float_array(params["kernel"], "params['kernel']", shape=("D", "U"))
    return kernel, float_array(params["bias"], "params['bias']", shape=(kernel.shape[1],))


def dense_forward(x, params: Mapping, activation: str = "linear"):
    """Forward pass of one dense layer, ``y = f(x W + b)``.

    Parameters
    ----------
    x : array_like, shape (N, D), finite
    params : dict with ``kernel`` (D, H) and ``bias`` (H,)
    activation : str, one of "sigmoid", "tanh", "relu", "linear"

    Returns
    -------
    y : ndarray, shape (N, H), the activations
    cache : DenseCache, everything :func:`dense_backward` needs
    """
    f, _ = get_activation(activation)
    kernel, bias = _dense_params(params)
    x = float_array(x, "x", shape=("N", kernel.shape[0]), dtype=np.float64)
    return _dense_forward(x, kernel, bias, activation, f)


def _dense_forward(x, kernel, bias, activation, f) -> tuple[np.ndarray, DenseCache]:
    z = x @ kernel + bias  # (N, H)
    return f(z), DenseCache(x, z, kernel, activation)


def _cache(cache, name: str = "cache") -> DenseCache:
    if not isinstance(cache, DenseCache):
        pair = type(cache) is tuple and len(cache) == 2 and isinstance(cache[1], DenseCache)
        what = "the (y, cache) pair" if pair else type(cache).__name__
        raise TypeError(f"{name} must be the DenseCache returned by dense_forward (its second "
                        f"result), got {what}")
    return cache


def dense_backward(dy, cache: DenseCache):
    """Backward pass of one dense layer (equations in the module docstring).

    Parameters
    ----------
    dy : array_like, shape (N, H), gradient of the loss with respect to the layer's output
    cache : DenseCache, the second result of :func:`dense_forward`

    Returns
    -------
    dx : ndarray (N, D)
    grads : dict with ``kernel`` (D, H) and ``bias`` (H,)
    """
    cache = _cache(cache)
    dy = float_array(dy, "dy", shape=cache.z.shape)
    return _dense_backward(dy, cache)


def _dense_backward(dy: np.ndarray, cache: DenseCache):
    x, z, kernel, activation = cache
    _, df = ACTIVATIONS[activation]
    dz = dy * df(z)  # (N, H), the delta
    return dz @ kernel.T, {"kernel": x.T @ dz, "bias": dz.sum(axis=0)}


def init_mlp(sizes: Sequence[int], rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Parameters of an MLP with layer sizes ``[D, H_1, ..., H_M]``: ``kernel_l``, ``bias_l``,
    l = 1 .. M.

    ``sizes`` is a list of at least two ints >= 1; ``rng`` a ``numpy.random.Generator``.
    """
    if isinstance(sizes, str | bytes) or not isinstance(sizes, Sequence | np.ndarray):
        raise TypeError(f"sizes must be a list of layer sizes [D, U1, ..., UL], "
                        f"got {type(sizes).__name__}")
    if len(sizes) < 2:
        raise ValueError(f"sizes must list the input size and at least one layer, got {sizes!r}")
    sizes = [positive_int(n, f"sizes[{i}]") for i, n in enumerate(sizes)]
    rng = generator(rng, "rng")
    params = {}
    for layer, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:], strict=True), start=1):
        dense = _init_dense(n_in, n_out, rng)
        params[f"kernel_{layer}"], params[f"bias_{layer}"] = dense["kernel"], dense["bias"]
    return params


def _activations(activations) -> list[str]:
    if isinstance(activations, str) or not isinstance(activations, Sequence):
        raise TypeError(f"activations must be a list of names, one per layer, got {activations!r}")
    if len(activations) == 0:
        raise ValueError("activations must name at least one layer, got an empty list")
    return [one_of(a, f"activations[{i}]", ACTIVATIONS) for i, a in enumerate(activations)]


def _mlp_params(params, n: int | None = None) -> list[tuple[np.ndarray, np.ndarray]]:
    """The M (kernel, bias) pairs of an MLP's flat dict, checked to chain: (H_{l-1}, H_l), (H_l,).

    ``n`` is the number of layers (``None``: as many as the dict holds pairs, at least one).
    """
    if not isinstance(params, Mapping):
        raise TypeError(f"params must be a dict kernel_1, bias_1, ... (see init_mlp), "
                        f"got {type(params).__name__}")
    n = max(len(params) // 2, 1) if n is None else n
    expected = {f"{kind}_{layer}" for layer in range(1, n + 1) for kind in ("kernel", "bias")}
    if set(params) != expected:
        raise ValueError(
            f"params must hold exactly {sorted(expected)} for {n} layers, got {sorted(params)}"
        )
    layers, width = [], "D"
    for layer in range(1, n + 1):
        kernel = float_array(params[f"kernel_{layer}"], f"params['kernel_{layer}']",
                             shape=(width, f"U{layer}"))
        bias = float_array(params[f"bias_{layer}"], f"params['bias_{layer}']",
                           shape=(kernel.shape[1],))
        layers.append((kernel, bias))
        width = kernel.shape[1]
    return layers


def mlp_forward(x, params: Mapping, activations: Sequence[str]):
    """Forward pass of an MLP: ``A_0 = x``, ``A_l = f_l(A_{l-1} W_l + b_l)``, output ``A_M``.

    Parameters
    ----------
    x : array_like, shape (N, D), finite
    params : dict ``kernel_l`` (H_{l-1}, H_l), ``bias_l`` (H_l,) for l = 1..M (H_0 = D)
    activations : list of M activation names

    Returns
    -------
    y : ndarray, shape (N, H_M), the last layer's activations A_M
    caches : list of the M layers' DenseCache
    """
    names = _activations(activations)
    layers = _mlp_params(params, len(names))
    a = float_array(x, "x", shape=("N", layers[0][0].shape[0]), dtype=np.float64)
    caches = []
    for (kernel, bias), name in zip(layers, names, strict=True):
        a, cache = _dense_forward(a, kernel, bias, name, ACTIVATIONS[name][0])
        caches.append(cache)
    return a, caches


def mlp_backward(dy, caches: Sequence[DenseCache]):
    """Backward pass of an MLP: the layers' backward passes in reverse order.

    Parameters
    ----------
    dy : array_like, shape (N, H_M), gradient of the loss with respect to the output
    caches : the list of M DenseCache returned by :func:`mlp_forward` (its second result)

    Returns ``dx`` (N, D) and ``grads``, a dict with the keys and shapes of ``params``.
    """
    if isinstance(caches, DenseCache):
        raise TypeError("caches must be the list of layer caches returned by mlp_forward, got one "
                        "DenseCache (use dense_backward for a single layer)")
    if not isinstance(caches, list | tuple):
        raise TypeError(f"caches must be the list of layer caches returned by mlp_forward, "
                        f"got {type(caches).__name__}")
    if len(caches) == 0:
        raise ValueError("caches must hold one DenseCache per layer, got an empty list")
    caches = [_cache(c, f"caches[{i}]") for i, c in enumerate(caches)]
    for i in range(1, len(caches)):
        if caches[i].x.shape != caches[i - 1].z.shape:
            raise ValueError(f"caches[{i}] must follow caches[{i - 1}] (input of shape "
                             f"{caches[i - 1].z.shape}), got input of shape {caches[i].x.shape}")
    grads, da = {}, float_array(dy, "dy", shape=caches[-1].z.shape)
    for layer in range(len(caches), 0, -1):
        da, layer_grads = _dense_backward(da, caches[layer - 1])
        grads[f"kernel_{layer}"] = layer_grads["kernel"]
        grads[f"bias_{layer}"] = layer_grads["bias"]
    return da, grads


def params_from_keras_weights(weights: Sequence) -> dict[str, np.ndarray]:
    """``model.get_weights()`` of Dense layers ``[W1, b1, W2, b2, ...]`` -> MLP params (float64)."""
    if not isinstance(weights, list | tuple):
        raise TypeError(f"weights must be the list model.get_weights() returns, "
                        f"got {type(weights).__name__}")
    if len(weights) == 0 or len(weights) % 2:
        raise ValueError(f"weights must alternate kernel, bias; got {len(weights)} arrays")
    params, width = {}, "D"
    for i in range(0, len(weights), 2):
        kernel = float_array(weights[i], f"weights[{i}]", shape=(width, "U"), dtype=np.float64)
        bias = float_array(weights[i + 1], f"weights[{i + 1}]", shape=(kernel.shape[1],),
                           dtype=np.float64)
        params[f"kernel_{i // 2 + 1}"], params[f"bias_{i // 2 + 1}"] = kernel, bias  # copies
        width = kernel.shape[1]
    return params


def params_to_keras_weights(params: Mapping) -> list[np.ndarray]:
    """MLP params -> ``[W1, b1, W2, b2, ...]`` for ``model.set_weights`` (float32, Keras' dtype)."""
    layers = _mlp_params(params)
    return [np.asarray(arr, np.float32) for layer in layers for arr in layer]
