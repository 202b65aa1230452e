"""Checkers for the exercises of notebook 01 (neurons): a neuron for a given line, a NAND gate,
XOR.

Each checker prints one line (correct / not right yet and why / not solved yet) and never raises,
unless ``strict=True`` (the solution cells). Exact answers: the line neuron must be right on 111
test points off its line, the gates on all four binary inputs.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from utils.checks import one_of
from utils.exercises.core import assert_number, checker, require_solved

__all__ = ["check_gate", "check_line_neuron", "check_xor_network"]

#: The four binary inputs, one per row, and the truth tables of the gates used in notebook 01.
_INPUTS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
_GATES = {
    "AND": np.array([0, 0, 0, 1]),
    "OR": np.array([0, 1, 1, 1]),
    "NAND": np.array([1, 1, 1, 0]),
    "XOR": np.array([0, 1, 1, 0]),
}

#: Exercise 1's line x2 = 2 x1 - 0.5 as (w, b) of w·x + b = 0, and test points off the line
#: (at least 0.1 away vertically), with 1 where the point lies above it.
_LINE = (np.array([-2.0, 1.0]), 0.5)
_GRID = np.array([[x1, x2] for x1 in np.linspace(-2, 2, 9) for x2 in np.linspace(-3, 3, 13)])
_LINE_POINTS = _GRID[np.abs(_GRID[:, 1] - (2 * _GRID[:, 0] - 0.5)) >= 0.1]
_ABOVE = (_LINE_POINTS[:, 1] > 2 * _LINE_POINTS[:, 0] - 0.5).astype(int)


def _step(z):
    return (np.asarray(z, dtype=float) > 0).astype(int)


@checker("Exercise 1 (a neuron for a given line)")
def check_line_neuron(w, b):
    """Exercise 1: weights ``w`` (2,) and a bias ``b`` with which a step neuron outputs 1 exactly
    on the side of the line that the exercise names, and 0 on the other side."""
    require_solved(b, "b")
    w_arr = _two_weights(w)
    b = assert_number(b, "b")
    z = _LINE_POINTS @ w_arr + b
    out = _step(z)
    if np.array_equal(out, _ABOVE):
        return ("step(x·w + b) is 1 exactly above the line; any positive multiple of (w, b) "
                "draws the same line with the same side.")
    if np.array_equal(out, 1 - _ABOVE) or np.array_equal(_step(-z), _ABOVE):
        raise AssertionError("your line is right but the neuron outputs 1 on the wrong side "
                             "(below it): multiply w and b by -1")
    raise AssertionError(f"your neuron's boundary w·x + b = 0 is {_line_text(w_arr, b)}, not "
                         f"{_line_text(*_LINE)}: wrong on {int(np.sum(out != _ABOVE))} of "
                         f"{len(_ABOVE)} test points")


def _two_weights(w) -> np.ndarray:
    """``w`` as 2 float weights, or an AssertionError that says what came instead."""
    try:
        w_arr = np.asarray(require_solved(w, "w"))
    except ValueError:  # a ragged list
        raise AssertionError(f"w must hold 2 weights, got {w!r}") from None
    if w_arr.shape != (2,):
        raise AssertionError(f"w must hold 2 weights, got shape {w_arr.shape}")
    if w_arr.dtype.kind not in "iuf":
        raise AssertionError(f"w must hold 2 numbers, got {w!r}")
    return w_arr.astype(float)


def _line_text(w: np.ndarray, b: float) -> str:
    """The line w·x + b = 0 in the form a learner reads: x2 = m x1 + c (or x1 = c, or none)."""
    if w[1] != 0:
        return f"the line x2 = {-w[0] / w[1]:.3g} x1 {'-' if b / w[1] > 0 else '+'} {abs(b / w[1]):.3g}"
    if w[0] != 0:
        return f"the vertical line x1 = {-b / w[0]:.3g}"
    return "no line at all (both weights are 0)"


def _gate(value, name: str) -> None:
    one_of(value, name, _GATES)


@checker("Exercise 2 (a {gate} perceptron)", gate=_gate)
def check_gate(w, b, gate: str = "NAND"):
    """Exercise 2: weights ``w`` (2,) and a bias ``b`` with which a step perceptron computes
    ``gate`` ("AND", "OR", "NAND" or "XOR") on the four binary inputs."""
    require_solved(b, "b")
    w_arr = _two_weights(w)
    b = assert_number(b, "b")
    out = _step(_INPUTS @ w_arr + b)
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
    A1 = _step(_INPUTS @ p["kernel_1"] + p["bias_1"])  # (4, 2): the hidden units' activations
    y = _step(A1 @ p["kernel_2"] + p["bias_2"])[:, 0]
    wrong = [f"{tuple(_INPUTS[i].astype(int))} -> {y[i]}" for i in range(4)
             if y[i] != _GATES["XOR"][i]]
    if wrong:
        raise AssertionError(f"the network outputs {y.tolist()} instead of [0, 1, 1, 0]: wrong on "
                             + ", ".join(wrong) + f". Hidden units give {A1.tolist()}.")
    return "Two hidden step units and one output unit compute XOR."
