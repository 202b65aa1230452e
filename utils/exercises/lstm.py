"""Checkers for the exercises of notebook 10 (LSTM).

Each checker prints one line (correct / not right yet and why / not solved yet) and never raises,
unless ``strict=True`` (the solution cells). Gradients are compared with central finite
differences (float64) to 1e-8 absolute and 1e-6 relative; counts must be exact.
"""

from __future__ import annotations

import numpy as np

from utils.exercises.core import (
    assert_close,
    checker,
    reject_typical_mistake,
    require_count,
    require_solved,
)
from utils.nn.activations import sigmoid
from utils.nn.gradcheck import numerical_gradient

__all__ = ["check_coupled_gate_backward", "check_stacked_lstm_params"]

#: (input size D, units of each LSTM layer) on which the stacked counts are checked.
_STACKS = [(1, [4]), (1, [8, 4]), (3, [16, 8, 4]), (5, [2, 6])]


@checker("Exercise 1 (the gate gradients of a coupled-gate LSTM)")
def check_coupled_gate_backward(coupled_backward):
    """Exercise (10): ``coupled_backward(dc, c_prev, f, g)`` returns the pair dz_f and dz_g.

    The coupled-gate LSTM writes with the input gate i = 1 - f, so its cell state is
    c_t = f c_{t-1} + (1 - f) g with f = sigmoid(z_f) and g = tanh(z_g). Given ``dc`` = dL/dc_t,
    return the gradients of L with respect to the pre-activations z_f and z_g, all (N, H) arrays.
    Compared with finite differences on a batch of 4 (H = 3).
    """
    rng = np.random.default_rng(10)
    z_f, z_g, c_prev, dc = rng.normal(size=(4, 4, 3))  # (N, H) each

    def cell_state(z_f, z_g):
        f = sigmoid(z_f)
        return f * c_prev + (1.0 - f) * np.tanh(z_g)  # (N, H)

    expected_f = numerical_gradient(lambda z: np.sum(dc * cell_state(z, z_g)), z_f)
    expected_g = numerical_gradient(lambda z: np.sum(dc * cell_state(z_f, z)), z_g)
    f, g = sigmoid(z_f), np.tanh(z_g)
    got = require_solved(coupled_backward(dc.copy(), c_prev.copy(), f.copy(), g.copy()),
                         "coupled_backward(...)")
    if not isinstance(got, tuple | list) or len(got) != 2:
        raise AssertionError("return a pair (dz_f, dz_g)")
    dz_f, dz_g = got
    slope = f * (1.0 - f)  # the sigmoid's derivative
    reject_typical_mistake(
        dz_f, dc * c_prev * slope,
        "dz_f follows only the path through f * c_prev: with "
        "i = 1 - f, f also reaches c_t through the write term (1 - f) g")
    reject_typical_mistake(
        dz_f, dc * (c_prev + g) * slope,
        "dz_f: the write term (1 - f) g falls when f rises, "
        "so its path enters with a minus sign")
    reject_typical_mistake(
        dz_f, dc * (c_prev - g),
        "dz_f is dL/df; the exercise asks for dL/dz_f: chain through "
        "the sigmoid f = sigmoid(z_f)")
    reject_typical_mistake(
        dz_g, dc * (1.0 - f),
        "dz_g is dL/dg; the exercise asks for dL/dz_g: chain through "
        "g = tanh(z_g)")
    reject_typical_mistake(
        dz_g, dc * f * (1.0 - g * g),
        "dz_g: the candidate is written with the input gate, "
        "which here is 1 - f, not f")
    assert_close(dz_f, expected_f, what="dz_f (compared with finite differences)")
    assert_close(dz_g, expected_g, what="dz_g (compared with finite differences)")
    return "Both gradients equal finite differences: f now acts on two paths into c_t."


@checker("Exercise 2 (the weights of a stacked LSTM)")
def check_stacked_lstm_params(stacked_lstm_params):
    """Exercise (10): ``stacked_lstm_params(D, units)``, the number of trainable parameters of
    ``keras.Sequential([keras.Input(shape=(None, D)), LSTM(units[0], return_sequences=True), ...,
    LSTM(units[-1]), Dense(1)])``: one LSTM layer per entry of the list ``units``, all but the
    last returning their whole sequence, then a dense output. Checked exactly on several stacks.
    """
    for d, units in _STACKS:
        got = require_count(stacked_lstm_params, d, list(units))
        expected, same_d, no_head = _count(d, units), _count(d, units, same_d=True), \
            _count(d, units, head=False)
        if got == expected:
            continue
        hint = ""
        if got == same_d:
            hint = (" (a layer's input is what the layer below it returns: only the first LSTM "
                    "reads the D input features)")
        elif got == no_head:
            hint = " (the Dense(1) output layer has weights too)"
        raise AssertionError(f"for D = {d}, units = {units} you give {got}, expected "
                             f"{expected}{hint}")
    return ("Each layer has four gate blocks, and each layer's input size is the units of the "
            "layer below it.")


def _count(d: int, units: list[int], *, same_d: bool = False, head: bool = True) -> int:
    """The right count, or that of a typical mistake (every layer reading D; no Dense head)."""
    total, inputs = 0, d
    for h in units:
        total += 4 * (inputs * h + h * h + h)
        inputs = d if same_d else h
    return total + (units[-1] + 1 if head else 0)
