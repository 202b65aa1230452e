"""Checkers for the exercises of notebook 01 (neurons): a sigmoid neuron, a NAND gate, XOR.

Each checker prints one line (correct / not right yet and why / not solved yet) and never raises,
unless ``strict=True`` (the solution cells). Tolerance: 1e-8 absolute on neuron outputs; the gates
must be exactly right on all four inputs.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from utils.checks import one_of
from utils.exercises.core import assert_close, assert_number, checker, require_solved
from utils.nn.activations import sigmoid

__all__ = ["check_gate", "check_neuron", "check_xor_network"]

#: The four binary inputs, one per row, and the truth tables of the gates used in notebook 01.
_INPUTS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
_GATES = {
    "AND": np.array([0, 0, 0, 1]),
    "OR": np.array([0, 1, 1, 1]),
    "NAND": np.array([1, 1, 1, 0]),
    "XOR": np.array([0, 1, 1, 0]),
}


def _step(z):
    return (np.asarray(z, dtype=float) > 0).astype(int)


@checker("Exercise 1 (a sigmoid neuron)")
def check_neuron(neuron):
    """Exercise 1: ``neuron(x, w, b)``, the output of one sigmoid neuron for each row of x (N, D),
    shape (N,)."""
    rng = np.random.default_rng(1)
    x, w, b = rng.normal(size=(5, 3)), rng.normal(size=3), 0.7
    got = require_solved(neuron(x.copy(), w.copy(), b), "neuron(x, w, b)")
    expected = sigmoid(x @ w + b)
    comparable = np.shape(got) == expected.shape and np.asarray(got).dtype.kind in "iuf"
    if comparable and np.allclose(got, x @ w + b):
        raise AssertionError("the output is the weighted sum itself: apply the sigmoid to it")
    if comparable and np.allclose(got, sigmoid(x @ w)):
        raise AssertionError("the bias b is missing from the weighted sum")
    assert_close(got, expected, what="neuron(x, w, b)", atol=1e-8, rtol=0)
    return "Checked on 5 random inputs with 3 features (tolerance 1e-8)."


def _gate(value, name: str) -> None:
    one_of(value, name, _GATES)


@checker("Exercise 2 (a {gate} perceptron)", gate=_gate)
def check_gate(w, b, gate: str = "NAND"):
    """Exercise 2: weights ``w`` (2,) and a bias ``b`` with which a step perceptron computes
    ``gate`` ("AND", "OR", "NAND" or "XOR") on the four binary inputs."""
    require_solved(b, "b")
    try:
        w_arr = np.asarray(w)
    except ValueError:  # a ragged list
        raise AssertionError(f"w must hold 2 weights, got {w!r}") from None
    if w_arr.shape != (2,):
        raise AssertionError(f"w must hold 2 weights, got shape {w_arr.shape}")
    if w_arr.dtype.kind not in "iuf":
        raise AssertionError(f"w must hold 2 numbers, got {w!r}")
    b = assert_number(b, "b")
    out = _step(_INPUTS @ w_arr.astype(float) + b)
    wrong = [f"{tuple(_INPUTS[i].astype(int))} -> {out[i]} (should be {_GATES[gate][i]})"
             for i in range(4) if out[i] != _GATES[gate][i]]
    if wrong:
        raise AssertionError("wrong on " + "; ".join(wrong) + ". Remember step(0) = 0.")
    return f"step(x·w + b) reproduces the {gate} truth table."


@checker("Exercise 3 (XOR with a hidden layer)")
def check_xor_network(params):
    """Exercise 3: ``params`` of a two-layer step network computing XOR: ``kernel_1`` (2, 2),
    ``bias_1`` (2,), ``kernel_2`` (2, 1), ``bias_2`` (1,)."""
    shapes = {"kernel_1": (2, 2), "bias_1": (2,), "kernel_2": (2, 1), "bias_2": (1,)}
    if not isinstance(params, Mapping):
        raise AssertionError(f"params must be a dict with the keys {sorted(shapes)}, "
                             f"got {type(params).__name__}")
    for key, shape in shapes.items():
        if key not in params:
            raise AssertionError(f"params has no {key!r}; it needs {sorted(shapes)}")
        arr = np.asarray(require_solved(params[key], key))
        if arr.shape != shape or arr.dtype.kind not in "iuf":
            raise AssertionError(f"{key} must have shape {shape}, got {arr.shape}")
    p = {key: np.asarray(params[key], float) for key in shapes}
    h = _step(_INPUTS @ p["kernel_1"] + p["bias_1"])
    y = _step(h @ p["kernel_2"] + p["bias_2"])[:, 0]
    wrong = [f"{tuple(_INPUTS[i].astype(int))} -> {y[i]}" for i in range(4)
             if y[i] != _GATES["XOR"][i]]
    if wrong:
        raise AssertionError(f"the network outputs {y.tolist()} instead of [0, 1, 1, 0]: wrong on "
                             + ", ".join(wrong) + f". Hidden units give {h.tolist()}.")
    return "Two hidden step units and one output unit compute XOR."
