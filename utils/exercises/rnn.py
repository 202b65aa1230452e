"""Checkers for the exercises of notebook 09 (recurrent neural networks).

Each checker prints one line (correct / not right yet and why / not solved yet) and never raises,
unless ``strict=True`` (the solution cells). Gradients are checked against central finite
differences (:mod:`utils.nn.gradcheck`, float64): a relative error below 1e-6 passes.
"""

from __future__ import annotations

import numpy as np

from utils.cells import rnn
from utils.exercises.core import assert_shape, call_answer, checker
from utils.nn.gradcheck import numerical_gradient, relative_error

__all__ = ["check_forecast_sensitivity", "check_rnn_step_backward"]

#: The relative error (against finite differences) below which a gradient passes.
TOLERANCE = 1e-6

#: The five gradients of Exercise 1, in the order they are returned.
_NAMES = ("dx", "dh_prev", "dW_x", "dW_h", "db")


def _call(fn, name: str, *args):
    """The learner's ``fn(*args)`` (see :func:`~utils.exercises.core.call_answer`)."""
    return call_answer(fn, name, *args, hint=" (check the shape of each product: (N, H) @ (H, D) "
                                             "gives (N, D))")


@checker("Exercise 1 (the backward of one recurrent step)")
def check_rnn_step_backward(rnn_step_backward):
    """Exercise (09): ``rnn_step_backward(dh, x, h_prev, h, W_x, W_h)`` returns the five
    gradients dx, dh_prev, dW_x, dW_h and db (in this order) of one step of the simple cell,
    whose output is ``h`` (N, H), given ``dh`` = dL/dh, for a batch ``x (N, D)`` and
    ``h_prev (N, H)``.

    Checked against central finite differences of L = sum(dh * h) on a batch of 4 (D = 3,
    H = 5), each relative error below 1e-6; then run inside the loop over time of section 6 and
    compared with ``rnn.sequence_backward``.
    """
    rng = np.random.default_rng(9)
    n, d, h = 4, 3, 5
    x, h_prev, dh_next = rng.normal(size=(n, d)), rng.normal(size=(n, h)), rng.normal(size=(n, h))
    w_x, w_h, b = rng.normal(size=(d, h)), rng.normal(scale=0.5, size=(h, h)), rng.normal(size=h)
    inputs = {"dx": x, "dh_prev": h_prev, "dW_x": w_x, "dW_h": w_h, "db": b}
    h_next = np.tanh(x @ w_x + h_prev @ w_h + b)  # (N, H)
    arrays = (dh_next, x, h_prev, h_next, w_x, w_h)
    passed = [a.copy() for a in arrays]  # the learner's copies: must come back unchanged
    got = _call(rnn_step_backward, "rnn_step_backward", *passed)
    if not isinstance(got, tuple | list) or len(got) != 5:
        raise AssertionError("return the five gradients as a tuple (dx, dh_prev, dW_x, dW_h, db)")
    for name, value in zip(_NAMES, got, strict=True):
        _check_shape(name, value, inputs[name].shape, n)

    def loss(**values):
        step = {"x": x, "h_prev": h_prev, "W_x": w_x, "W_h": w_h, "b": b, **values}
        z = step["x"] @ step["W_x"] + step["h_prev"] @ step["W_h"] + step["b"]
        return np.sum(dh_next * np.tanh(z))

    keyword = {"dx": "x", "dh_prev": "h_prev", "dW_x": "W_x", "dW_h": "W_h", "db": "b"}
    for name, value in zip(_NAMES, got, strict=True):
        numeric = numerical_gradient(lambda v, k=keyword[name]: loss(**{k: v}), inputs[name])
        error = relative_error(np.asarray(value, dtype=float), numeric)
        if error > TOLERANCE:
            raise AssertionError(_diagnose(name, np.asarray(value, dtype=float), arrays, error))
    if any(not np.array_equal(a, p) for a, p in zip(arrays, passed, strict=True)):
        raise AssertionError("the gradients are right, but your function modified an input array"
                             " in place: compute new arrays instead")
    _check_in_the_loop(rnn_step_backward)
    return ("All five gradients pass the gradient check (relative errors below 1e-6), and in the "
            "loop over time of section 6 your step reproduces rnn.sequence_backward over 6 steps.")


def _check_shape(name: str, value, expected: tuple, n: int) -> None:
    """The shape of one returned gradient, with a hint for the usual slips."""
    what = {"dx": "x", "dh_prev": "h_prev", "dW_x": "W_x", "dW_h": "W_h", "db": "b"}[name]
    shape = np.shape(value)
    if name == "db" and shape == (n, expected[0]):
        raise AssertionError("db has one row per sample: b is added to every row of the batch, so"
                             " its gradient collects (sums) the rows, giving the shape of b (H,)")
    if name.startswith("dW") and shape == expected[::-1] and expected[0] != expected[1]:
        raise AssertionError(f"{name} has the shape {shape} of {what} transposed: a gradient has "
                             f"the shape of its weight {expected}; swap the factors (and "
                             f"transpose them)")
    assert_shape(value, expected, what=name)


def _variants(arrays) -> dict[str, dict[str, np.ndarray]]:
    """The five gradients of the typical wrong answers, each with its hint."""
    dh_next, x, h_prev, h_next, w_x, w_h = arrays

    def grads(dz, hprev_for_w=h_prev):
        return {"dx": dz @ w_x.T, "dh_prev": dz @ w_h.T, "dW_x": x.T @ dz,
                "dW_h": hprev_for_w.T @ dz, "db": dz.sum(axis=0)}

    right = dh_next * (1.0 - h_next**2)  # (N, H)
    return {
        "forgot tanh'": grads(dh_next),
        "tanh' of h_prev": grads(dh_next * (1.0 - h_prev**2)),
        "tanh applied twice": grads(dh_next * (1.0 - np.tanh(h_next) ** 2)),
        "no square": grads(dh_next * (1.0 - h_next)),
        "untransposed W_h": {**grads(right), "dh_prev": right @ w_h},
        "transposed dW_h": {**grads(right), "dW_h": (h_prev.T @ right).T},
        "h in dW_h": grads(right, hprev_for_w=h_next),
        "dh added": {**grads(right), "dh_prev": dh_next + right @ w_h.T},
    }


_HINTS = {
    "forgot tanh'": "the gradient must first pass back through the tanh: multiply dh by "
                    "tanh'(z_t), which you can compute from h alone (notebook 02)",
    "tanh' of h_prev": "tanh' belongs to this step's own output: compute it from h, not "
                       "from h_prev",
    "tanh applied twice": "h is already tanh(z_t): its derivative is computed from h itself, "
                          "without applying tanh again",
    "no square": "tanh'(z) is 1 minus the *square* of tanh(z)",
    "untransposed W_h": "dh_prev goes back through W_h, so it is multiplied by W_h transposed "
                        "(its values are wrong although its shape is right, since W_h is square)",
    "transposed dW_h": "dW_h is transposed: its rows belong to h_prev's units (the rows of W_h), "
                       "its columns to the new units",
    "h in dW_h": "W_h multiplies h_prev, the state entering the step: dW_h is built from "
                 "h_prev, not from h",
    "dh added": "dh_prev is only what flows back through W_h: do not add dh to it (adding the "
                "gradients of two sources is the loop's job, not the step's)",
}


def _diagnose(name: str, value: np.ndarray, arrays, error: float) -> str:
    """The hint for a gradient that fails the check: a typical mistake if it is one."""
    for mistake, grads in _variants(arrays).items():
        if np.allclose(value, grads[name], rtol=1e-6, atol=1e-9):
            return f"{name} fails the gradient check: {_HINTS[mistake]}"
    return (f"{name} fails the gradient check: relative error {error:.1e} against finite "
            f"differences (it must be below {TOLERANCE:g})")


def _check_in_the_loop(rnn_step_backward) -> None:
    """The learner's step, in the loop over time of section 6, equals rnn.sequence_backward."""
    rng = np.random.default_rng(19)
    params = {**rnn.init_params(2, 3, seed=4), "bias": rng.normal(size=3)}
    x, h0 = rng.normal(size=(2, 6, 2)), rng.normal(size=(2, 3))
    h_seq, _, cache = rnn.sequence_forward(x, params, h0)
    dh_seq = rng.normal(size=h_seq.shape)
    dx_exp, dh0_exp, grads_exp = rnn.sequence_backward(dh_seq, cache)
    dh_next, dW_h = np.zeros((2, 3)), np.zeros((3, 3))
    for t in reversed(range(6)):
        h_prev = h0 if t == 0 else h_seq[:, t - 1]
        out = _call(rnn_step_backward, "rnn_step_backward", dh_seq[:, t] + dh_next, x[:, t],
                    h_prev, h_seq[:, t], params["kernel"], params["recurrent_kernel"])
        dh_next, dW_h = np.asarray(out[1]), dW_h + np.asarray(out[3])
    if not (np.allclose(dh_next, dh0_exp) and np.allclose(dW_h, grads_exp["recurrent_kernel"])):
        raise AssertionError("each gradient passes the check on one step, but the loop over time "
                             "does not reproduce rnn.sequence_backward: does your function keep "
                             "state between calls?")


@checker("Exercise 2 (how far back does the forecast look?)")
def check_forecast_sensitivity(forecast_sensitivity):
    """Exercise (09): ``forecast_sensitivity(theta, X)`` returns, for each step t of the windows
    ``X (N, T, 1)``, the mean over the N windows of the absolute derivative of the forecast
    y_hat (the dense output on top of h_T) with respect to the input x_t: an array (T,), entry t
    for step t of the window (the last entry is the most recent value).

    ``theta`` holds the SimpleRNN's ``kernel``, ``recurrent_kernel``, ``bias`` and the dense
    layer's ``dense_kernel (H, 1)``, ``dense_bias (1,)``, as in section 9. Checked on a random
    network of 6 units and 5 windows of 8 steps, to 1e-6 relative.
    """
    rng = np.random.default_rng(29)
    theta = {**rnn.init_params(1, 6, seed=7, recurrent_scale=0.9), "bias": rng.normal(size=6),
             "dense_kernel": rng.normal(size=(6, 1)), "dense_bias": rng.normal(size=1)}
    X = rng.normal(size=(5, 8, 1))
    passed = {k: v.copy() for k, v in theta.items()}  # the learner's copy: must come back unchanged
    got = _call(forecast_sensitivity, "forecast_sensitivity", passed, X.copy())
    expected, variants = _sensitivities(theta, X)
    shape = np.shape(got)
    if shape in ((5, 8), (5, 8, 1)):
        raise AssertionError(f"you return one value per window and step {shape}: average over "
                             f"the windows, to get one number per step, shape (8,)")
    got = assert_shape(got, (8,), what="forecast_sensitivity(theta, X)")
    if not np.allclose(got, expected, rtol=1e-6, atol=1e-10):
        for mistake, values in variants.items():
            if np.allclose(got, values, rtol=1e-6, atol=1e-10):
                raise AssertionError(_SENSITIVITY_HINTS[mistake])
        raise AssertionError(f"forecast_sensitivity is off by up to {np.max(np.abs(got - expected)):.3g}"
                             f" (relative tolerance 1e-6); start from the gradient of y_hat "
                             f"with respect to h_T, then backpropagate through time")
    if any(not np.array_equal(theta[k], passed[k]) for k in theta):
        raise AssertionError("the values are right, but your function modified theta in place")
    return "It matches backpropagation through time on a random network (6 units, 8 steps)."


def _sensitivities(theta: dict, X: np.ndarray) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """The right answer for ``theta`` and ``X``, and those of the typical wrong answers."""
    params = {k: theta[k] for k in ("kernel", "recurrent_kernel", "bias")}
    _, _, cache = rnn.sequence_forward(X, params)
    n, units = X.shape[0], params["recurrent_kernel"].shape[0]

    def dx_for(dh_last):
        return rnn.sequence_backward(None, cache, dh_last=dh_last)[0][:, :, 0]  # (N, T)

    dx = dx_for(np.ones((n, 1)) @ theta["dense_kernel"].T)  # (N, T)
    no_dense = np.abs(dx_for(np.ones((n, units)))).mean(axis=0)
    right = np.abs(dx).mean(axis=0)  # (T,)
    return right, {
        "signed": dx.mean(axis=0), "reversed": right[::-1], "summed": np.abs(dx).sum(axis=0),
        "no dense": no_dense, "no dense, reversed": no_dense[::-1],
        "signed, reversed": dx.mean(axis=0)[::-1],
    }


_SENSITIVITY_HINTS = {
    "signed": "positive and negative derivatives cancel in a plain mean: average their absolute "
              "values",
    "signed, reversed": "two slips: average the absolute values, and keep the window's order",
    "reversed": "your array runs backwards: entry t must belong to step t of the window, so the "
                "last entry is the most recent value",
    "summed": "you sum over the windows: take the mean, so that the number does not grow with N",
    "no dense": "this is the sensitivity of sum(h_T), not of the forecast: y_hat reads h_T "
                "through the dense layer, so the gradient reaching h_T is not 1 for every unit",
    "no dense, reversed": "this is the gradient-flow measure of section 7 (sum(h_T), by lag): "
                          "the forecast reads h_T through the dense layer, and entry t must "
                          "belong to step t of the window",
}
