"""Checkers for the exercises of notebook 11 (GRU).

Each checker prints one line (correct / not right yet and why / not solved yet) and never raises,
unless ``strict=True`` (the solution cells). States and weights are compared to 1e-8 absolute and
1e-6 relative; gradients with central finite differences (float64) to the same tolerance.

The two conventions of the GRU's update (see notebook 11): Cho et al. (2014) and Keras keep the
old state with z; Chung et al. (2014) and many tutorials take the candidate with z.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from utils.cells import gru
from utils.exercises.core import assert_close, checker, reject_typical_mistake, require_solved
from utils.nn.activations import sigmoid
from utils.nn.gradcheck import numerical_gradient

__all__ = ["check_chung_to_keras", "check_update_gate_backward"]

#: The keys of a GRU written in Chung et al.'s notation: input weights W (H, D), recurrent
#: weights U (H, H) and biases b (H,) of the update gate, the reset gate and the candidate.
_CHUNG_NAMES = ("W_z", "U_z", "b_z", "W_r", "U_r", "b_r", "W", "U", "b")


def _chung_step(x, h_prev, p):
    """One GRU step as Chung et al. (2014) write it (column vectors, a bias per gate), on a batch
    of rows: z = sigmoid(W_z x + U_z h + b_z), r likewise, candidate tanh(W x + U (r h) + b),
    and z weighs the candidate."""
    z = sigmoid(x @ p["W_z"].T + h_prev @ p["U_z"].T + p["b_z"])  # (N, H)
    r = sigmoid(x @ p["W_r"].T + h_prev @ p["U_r"].T + p["b_r"])  # (N, H)
    hh = np.tanh(x @ p["W"].T + (r * h_prev) @ p["U"].T + p["b"])  # (N, H)
    return (1.0 - z) * h_prev + z * hh  # (N, H)


@checker("Exercise 1 (a GRU from Chung et al.'s notation into Keras)")
def check_chung_to_keras(chung_to_keras):
    """Exercise (11): ``chung_to_keras(p) -> params``.

    ``p`` holds a GRU in Chung et al.'s notation, a dict of arrays ``W_z``, ``W_r``, ``W``
    (H, D), ``U_z``, ``U_r``, ``U`` (H, H) and ``b_z``, ``b_r``, ``b`` (H,) (the step
    ``chung_gru_step`` of the notebook); return the dict ``kernel``, ``recurrent_kernel``, ``bias`` of
    ``keras.layers.GRU(H, reset_after=False)`` that computes the same states. Checked on D = 2
    inputs and H = 3 units: the weights, and the states of the converted cell in
    :func:`utils.cells.gru.step_forward` (which equals Keras) against Chung et al.'s step.
    """
    rng = np.random.default_rng(11)
    d, h = 2, 3
    p = {name: rng.normal(scale=0.8, size={"W": (h, d), "U": (h, h), "b": (h,)}[name[0]])
         for name in _CHUNG_NAMES}
    got = require_solved(chung_to_keras({k: v.copy() for k, v in p.items()}), "chung_to_keras(p)")
    if not isinstance(got, Mapping) or not {"kernel", "recurrent_kernel", "bias"} <= set(got):
        raise AssertionError("return a dict with Keras' keys 'kernel', 'recurrent_kernel', 'bias'")
    got = {k: _array(got[k], k) for k in ("kernel", "recurrent_kernel", "bias")}
    _check_shapes(got, d, h)
    for wrong, message in _typical_mistakes(p):
        if all(np.allclose(got[k], v, atol=1e-8, rtol=1e-6) for k, v in wrong.items()):
            raise AssertionError(message)
    x, h_prev = rng.normal(size=(5, d)), np.tanh(rng.normal(size=(5, h)))
    assert_close(gru.step_forward(x, h_prev, got)[0], _chung_step(x, h_prev, p),
                 what="h_t of your weights in Keras' GRU (against Chung et al.'s step)")
    expected = _convert(p)
    for name in ("kernel", "recurrent_kernel", "bias"):
        assert_close(got[name], expected[name], what=name)
    return "Same states in both conventions: Keras' z is Chung et al.'s 1 - z."


@checker("Exercise 2 (the gradients through the GRU's update)")
def check_update_gate_backward(update_gate_backward):
    """Exercise (11): ``update_gate_backward(dh, z, hh, h_prev)`` returns the pair dz_pre and dhh.

    In Keras' convention the new state mixes the old state h_prev and the candidate hh with the
    update gate z = sigmoid(x_t W_xz + h_{t-1} W_hz + b_z). Given ``dh`` = dL/dh_t, return
    dz_pre, the gradient of L with respect to the sum inside z's sigmoid, and dhh = dL/dhh, all
    (N, H) arrays. Compared with finite differences on a batch of 4 (H = 3).
    """
    rng = np.random.default_rng(12)
    z_pre, dh = rng.normal(size=(2, 4, 3))  # z_pre: the sum inside the update gate's sigmoid
    hh, h_prev = np.tanh(rng.normal(size=(2, 4, 3)))
    z = sigmoid(z_pre)

    def state(z_pre, hh):
        return _keras_update(sigmoid(z_pre), hh, h_prev)

    expected_pre = numerical_gradient(lambda s: np.sum(dh * state(s, hh)), z_pre)
    expected_hh = numerical_gradient(lambda v: np.sum(dh * state(z_pre, v)), hh)
    got = require_solved(update_gate_backward(dh.copy(), z.copy(), hh.copy(), h_prev.copy()),
                         "update_gate_backward(...)")
    if not isinstance(got, tuple | list) or len(got) != 2:
        raise AssertionError("return a pair (dz_pre, dhh)")
    dz_pre, dhh = got
    slope = z * (1.0 - z)  # the sigmoid's derivative
    swapped = ("that is the gradient of Chung et al.'s convention, where z weighs the "
               "candidate; in Keras' convention z weighs h_prev")
    reject_typical_mistake(dz_pre, dh * (hh - h_prev) * slope, swapped)
    reject_typical_mistake(dhh, dh * z, swapped)
    reject_typical_mistake(
        dz_pre, dh * (h_prev - hh),
        "that is dL/dz; the exercise asks for the gradient of the "
        "sum inside z's sigmoid: chain through the sigmoid")
    reject_typical_mistake(
        dz_pre, dh * h_prev * slope,
        "z appears in both terms of h_t: in the weight of h_prev "
        "and in the weight of the candidate")
    assert_close(dz_pre, expected_pre, what="dz_pre (compared with finite differences)")
    assert_close(dhh, expected_hh, what="dhh (compared with finite differences)")
    return "A larger z keeps more of h_prev and less of the candidate: both gradients follow."


def _keras_update(z, hh, h_prev):
    """Keras' state update (the checker's reference; the notebook shows the equation)."""
    return z * h_prev + (1.0 - z) * hh


def _blocks(p: dict) -> dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Chung et al.'s weights as Keras' blocks: gate -> (W^T (D, H), U^T (H, H), b (H,))."""
    return {"z": (p["W_z"].T, p["U_z"].T, p["b_z"]), "r": (p["W_r"].T, p["U_r"].T, p["b_r"]),
            "h": (p["W"].T, p["U"].T, p["b"])}


def _stack(blocks: dict, order: str = "zrh") -> dict[str, np.ndarray]:
    """Keras' three arrays from per-gate blocks, stacked side by side in ``order``."""
    return {name: np.concatenate([blocks[gate][j] for gate in order], axis=-1)
            for j, name in enumerate(("kernel", "recurrent_kernel", "bias"))}


def _convert(p: dict) -> dict[str, np.ndarray]:
    """The right conversion (the checker's reference)."""
    blocks = _blocks(p)
    return _stack({**blocks, "z": tuple(-part for part in blocks["z"])})


def _typical_mistakes(p: dict) -> list[tuple[dict, str]]:
    """Wrong conversions, each with the hint it gets (compared as whole dicts)."""
    blocks = _blocks(p)
    w, u, b = blocks["z"]
    negated = {gate: tuple(-part for part in parts) for gate, parts in blocks.items()}
    order = "Keras stacks the gate blocks in the order z, r, h (update, reset, candidate)"
    return [
        (_stack(blocks), "these weights run Chung et al.'s cell in Keras' convention, where z "
                         "means the opposite (keep the old state, not take the candidate): "
                         "Keras' z must equal their 1 - z"),
        (_stack(negated), "only the update gate changes meaning between the conventions; the "
                          "reset gate and the candidate are the same in both"),
        (_stack({**blocks, "z": (-w, -u, b)}), "the update gate's bias is part of its "
                                               "pre-activation too"),
        (_stack({**blocks, "z": (w, u, -b)}), "the update gate's kernel and recurrent kernel "
                                              "are part of its pre-activation too"),
        (_stack({**blocks, "z": negated["z"]}, "rzh"), order),
        (_stack(blocks, "rzh"), order),
        (_stack({**blocks, "z": (1.0 - w, 1.0 - u, 1.0 - b)}),
         "1 - sigmoid(u) is not sigmoid(1 - u): change the sign of the sum inside the sigmoid, "
         "not the weights' distance from 1"),
    ]


def _array(value, name: str) -> np.ndarray:
    """``value`` as a float array, or an AssertionError naming the entry."""
    try:
        arr = np.asarray(value)
    except (TypeError, ValueError):
        arr = np.asarray(None)
    if arr.dtype.kind not in "biuf":
        raise AssertionError(f"params[{name!r}] must hold real numbers, got {type(value).__name__}")
    return arr.astype(float)


def _check_shapes(got: dict, d: int, h: int) -> None:
    """Keras' shapes for D inputs and H units (reset_after=False), with a hint for the usual
    slips: untransposed blocks, input and recurrent weights swapped, a second bias row."""
    wanted = {"kernel": (d, 3 * h), "recurrent_kernel": (h, 3 * h), "bias": (3 * h,)}
    hints = {
        ("kernel", (3 * h, d)): "Keras multiplies the row vector x_t by kernel: transpose each "
                                "block of Chung et al.'s W (H, D)",
        ("kernel", (h, 3 * h)): "kernel holds the weights that multiply the input x_t (Chung et "
                                "al.'s W), recurrent_kernel those that multiply h_{t-1} (their U)",
        ("recurrent_kernel", (d, 3 * h)): "recurrent_kernel holds the weights that multiply "
                                          "h_{t-1} (Chung et al.'s U)",
        ("bias", (2, 3 * h)): "GRU(reset_after=False) has one bias row of 3H",
    }
    for name, shape in wanted.items():
        if got[name].shape != shape:
            hint = hints.get((name, got[name].shape), "")
            raise AssertionError(f"{name} has shape {got[name].shape}, expected {shape} for "
                                 f"D = {d}, H = {h}" + (f": {hint}" if hint else ""))
