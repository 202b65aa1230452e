"""Checkers for the exercises of notebook 01 (neurons): a sigmoid neuron, a NAND gate, XOR.

Each checker prints one line (correct / not right yet and why / not solved yet) and never raises,
unless ``strict=True`` (the solution cells). Tolerance: 1e-8 absolute on neuron outputs; the gates
must be exactly right on all four inputs.
"""

from __future__ import annotations

import numpy as np

from utils.exercises.core import assert_close, require_solved, run_check
from utils.nn.activations import sigmoid

__all__ = ["GATES", "check_gate", "check_neuron", "check_xor_network"]

#: The four binary inputs, one per row, and the truth tables of the gates used in notebook 01.
INPUTS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
GATES = {
    "AND": np.array([0, 0, 0, 1]),
    "OR": np.array([0, 1, 1, 1]),
    "NAND": np.array([1, 1, 1, 0]),
    "XOR": np.array([0, 1, 1, 0]),
}


def _step(z):
    return (np.asarray(z, dtype=float) > 0).astype(int)


def check_neuron(neuron, *, strict: bool = False) -> None:
    """Exercise: ``neuron(x, w, b)`` returns ``sigmoid(x @ w + b)``, shape (N,), for x (N, D)."""

    def check():
        require_solved(neuron, "neuron")
        rng = np.random.default_rng(1)
        x, w, b = rng.normal(size=(5, 3)), rng.normal(size=3), 0.7
        got = np.asarray(require_solved(neuron(x.copy(), w.copy(), b), "neuron(x, w, b)"))
        expected = sigmoid(x @ w + b)
        if got.shape == expected.shape and np.allclose(got, x @ w + b):
            raise AssertionError("the output is the weighted sum itself: apply the sigmoid to it")
        if got.shape == expected.shape and np.allclose(got, sigmoid(x @ w)):
            raise AssertionError("the bias b is missing from the weighted sum")
        assert_close(got, expected, what="neuron(x, w, b)", atol=1e-8, rtol=0)
        return "Checked on 5 random inputs with 3 features (tolerance 1e-8)."

    run_check("Exercise 1 (a sigmoid neuron)", check, strict=strict)


def check_gate(w, b, gate: str = "NAND", *, strict: bool = False) -> None:
    """Exercise: a step perceptron ``step(x @ w + b)`` with weights ``w`` (2,) computes ``gate``."""
    if gate not in GATES:
        raise ValueError(f"gate must be one of {sorted(GATES)}, got {gate!r}")

    def check():
        w_arr = np.asarray(require_solved(w, "w"), dtype=float)
        require_solved(b, "b")
        if w_arr.shape != (2,):
            raise AssertionError(f"w must hold 2 weights, got shape {w_arr.shape}")
        out = _step(INPUTS @ w_arr + float(b))
        wrong = [f"{tuple(INPUTS[i].astype(int))} -> {out[i]} (should be {GATES[gate][i]})"
                 for i in range(4) if out[i] != GATES[gate][i]]
        if wrong:
            raise AssertionError("wrong on " + "; ".join(wrong) + ". Remember step(0) = 0.")
        return f"step(x·w + b) reproduces the {gate} truth table."

    run_check(f"Exercise 2 (a {gate} perceptron)", check, strict=strict)


def check_xor_network(params, *, strict: bool = False) -> None:
    """Exercise: step units, ``h = step(x @ kernel_1 + bias_1)`` (2 hidden), ``y = step(h @ kernel_2 + bias_2)``."""

    def check():
        require_solved(params, "params")
        shapes = {"kernel_1": (2, 2), "bias_1": (2,), "kernel_2": (2, 1), "bias_2": (1,)}
        for key, shape in shapes.items():
            if key not in params:
                raise AssertionError(f"params has no {key!r}; it needs {sorted(shapes)}")
            if np.shape(require_solved(params[key], key)) != shape:
                raise AssertionError(f"{key} must have shape {shape}, got {np.shape(params[key])}")
        h = _step(INPUTS @ np.asarray(params["kernel_1"], float) + params["bias_1"])
        y = _step(h @ np.asarray(params["kernel_2"], float) + params["bias_2"])[:, 0]
        wrong = [f"{tuple(INPUTS[i].astype(int))} -> {y[i]}" for i in range(4) if y[i] != GATES["XOR"][i]]
        if wrong:
            raise AssertionError(f"the network outputs {y.tolist()} instead of [0, 1, 1, 0]: wrong on "
                                 + ", ".join(wrong) + f". Hidden units give {h.tolist()}.")
        return "Two hidden step units and one output unit compute XOR."

    run_check("Exercise 3 (XOR with a hidden layer)", check, strict=strict)
