"""Tests of the checkers of notebook 09 (utils.exercises.rnn): right answers pass, stubs say "not
solved yet", every hint shows for the wrong answer it is written for, and strict mode raises."""

import re

import numpy as np
import pytest

from tests.exercises.protocol import assert_not_solved, assert_passes
from utils.cells import rnn as cells_rnn
from utils.exercises import rnn


def stub(*args):
    raise NotImplementedError


def step_backward(dh_next, x, h_prev, h_next, W_x, W_h, *, tanh_prime=None, dh_prev_of=None,
                  dW_h_of=None, db_axis=0, dW_x_transposed=False):
    """The right backward of one step, or one of its typical mistakes (the keyword arguments)."""
    da = dh_next * (1 - h_next**2) if tanh_prime is None else dh_next * tanh_prime(h_prev, h_next)
    dx = da @ W_x.T
    dh_prev = da @ W_h.T if dh_prev_of is None else dh_prev_of(da, W_h, dh_next)
    dW_x = (x.T @ da).T if dW_x_transposed else x.T @ da
    dW_h = h_prev.T @ da if dW_h_of is None else dW_h_of(da, h_prev, h_next)
    db = da.sum(axis=0) if db_axis == 0 else da
    return dx, dh_prev, dW_x, dW_h, db


def wrong(**mistake):
    return lambda *args: step_backward(*args, **mistake)


def sensitivity(theta, X):
    _, _, cache = cells_rnn.sequence_forward(X, {k: theta[k] for k in
                                                 ("kernel", "recurrent_kernel", "bias")})
    dh_last = np.ones((len(X), 1)) @ theta["dense_kernel"].T  # d y_hat / d h_T, (N, H)
    dx = cells_rnn.sequence_backward(None, cache, dh_last=dh_last)[0]  # (N, T, 1)
    return np.abs(dx[:, :, 0]).mean(axis=0)


def sensitivity_by_finite_differences(theta, X):
    """Another right answer: perturb each input and watch the forecast."""
    def forecast(X):
        _, h_last, _ = cells_rnn.sequence_forward(X, {k: theta[k] for k in
                                                      ("kernel", "recurrent_kernel", "bias")})
        return h_last @ theta["dense_kernel"] + theta["dense_bias"]  # (N, 1)

    out = np.zeros(X.shape[:2])
    for t in range(X.shape[1]):
        up, down = X.copy(), X.copy()
        up[:, t] += 1e-6
        down[:, t] -= 1e-6
        out[:, t] = (forecast(up) - forecast(down))[:, 0] / 2e-6
    return np.abs(out).mean(axis=0)


def no_dense(theta, X):
    _, _, cache = cells_rnn.sequence_forward(X, {k: theta[k] for k in
                                                 ("kernel", "recurrent_kernel", "bias")})
    dh_last = np.ones((len(X), theta["recurrent_kernel"].shape[0]))
    return np.abs(cells_rnn.sequence_backward(None, cache, dh_last=dh_last)[0][:, :, 0]).mean(0)


def signed(theta, X):
    _, _, cache = cells_rnn.sequence_forward(X, {k: theta[k] for k in
                                                 ("kernel", "recurrent_kernel", "bias")})
    dh_last = np.ones((len(X), 1)) @ theta["dense_kernel"].T
    return cells_rnn.sequence_backward(None, cache, dh_last=dh_last)[0][:, :, 0].mean(axis=0)


def modifies_theta(theta, X):
    result = sensitivity(theta, X)
    theta["bias"] += 1.0
    return result


class Stateful:
    """Right on one step, but it keeps a running sum between calls."""

    def __init__(self):
        self.calls = 0

    def __call__(self, *args):
        self.calls += 1
        dx, dh_prev, dW_x, dW_h, db = step_backward(*args)
        return dx, dh_prev * (1 if self.calls == 1 else 2), dW_x, dW_h, db


RIGHT = {
    rnn.check_rnn_step_backward: [step_backward],
    rnn.check_forecast_sensitivity: [sensitivity, sensitivity_by_finite_differences],
}

#: (checker, a typical wrong answer, the hint it must get)
WRONG = [
    (rnn.check_rnn_step_backward, wrong(tanh_prime=lambda hp, hn: 1.0), "through the tanh"),
    (rnn.check_rnn_step_backward, wrong(tanh_prime=lambda hp, hn: 1 - hp**2),
     "compute it from h, not from h_prev"),
    (rnn.check_rnn_step_backward, wrong(tanh_prime=lambda hp, hn: 1 - np.tanh(hn) ** 2),
     "without applying tanh again"),
    (rnn.check_rnn_step_backward, wrong(tanh_prime=lambda hp, hn: 1 - hn), "*square*"),
    (rnn.check_rnn_step_backward, wrong(dh_prev_of=lambda da, W_h, dh: da @ W_h),
     "multiplied by W_h transposed"),
    (rnn.check_rnn_step_backward, wrong(dh_prev_of=lambda da, W_h, dh: dh + da @ W_h.T),
     "is the loop's job"),
    (rnn.check_rnn_step_backward, wrong(dW_h_of=lambda da, hp, hn: (hp.T @ da).T),
     "dW_h is transposed"),
    (rnn.check_rnn_step_backward, wrong(dW_h_of=lambda da, hp, hn: hn.T @ da),
     "dW_h is built from h_prev"),
    (rnn.check_rnn_step_backward, wrong(db_axis=None), "db has one row per sample"),
    (rnn.check_rnn_step_backward, wrong(dW_x_transposed=True), "dW_x has the shape (5, 3)"),
    (rnn.check_rnn_step_backward, wrong(dW_h_of=lambda da, hp, hn: 2 * hp.T @ da),
     "dW_h fails the gradient check: relative error"),
    (rnn.check_rnn_step_backward, lambda dh, x, hp, hn, W_x, W_h: (dh @ W_x, dh),
     "raised ValueError"),
    (rnn.check_rnn_step_backward, lambda *args: step_backward(*args)[:4], "the five gradients"),
    (rnn.check_rnn_step_backward, Stateful(), "keep state between calls"),
    (rnn.check_forecast_sensitivity, signed, "average their absolute values"),
    (rnn.check_forecast_sensitivity, lambda th, X: sensitivity(th, X)[::-1], "runs backwards"),
    (rnn.check_forecast_sensitivity, lambda th, X: signed(th, X)[::-1], "two slips"),
    (rnn.check_forecast_sensitivity, lambda th, X: sensitivity(th, X) * len(X),
     "take the mean"),
    (rnn.check_forecast_sensitivity, no_dense, "not of the forecast"),
    (rnn.check_forecast_sensitivity, lambda th, X: no_dense(th, X)[::-1],
     "the gradient-flow measure of section 7"),
    (rnn.check_forecast_sensitivity, lambda th, X: np.zeros((len(X), X.shape[1])),
     "average over the windows"),
    (rnn.check_forecast_sensitivity, lambda th, X: 1.1 * sensitivity(th, X), "is off by up to"),
    (rnn.check_forecast_sensitivity, modifies_theta, "modified theta in place"),
]


@pytest.mark.parametrize("checker", list(RIGHT), ids=lambda c: c.__name__)
def test_right_answers_pass_and_stubs_are_not_solved_yet(checker, capsys):
    for right in RIGHT[checker]:
        assert_passes(checker, (right,), capsys)
    for answer in (stub, ...):
        assert_not_solved(checker, (answer,), capsys)


@pytest.mark.parametrize(("checker", "wrong", "hint"), WRONG,
                         ids=[f"{c.__name__}-{h}" for c, _, h in WRONG])
def test_each_hint_shows_for_its_wrong_answer(checker, wrong, hint, capsys):
    if isinstance(wrong, Stateful):
        wrong.calls = 0
    checker(wrong)
    out = capsys.readouterr().out
    assert out.startswith("✗") and hint in out, out
    if isinstance(wrong, Stateful):
        wrong.calls = 0
    with pytest.raises(AssertionError, match=re.escape(hint)):
        checker(wrong, strict=True)


def test_a_step_that_modifies_its_input_is_caught(capsys):
    def in_place(dh_next, x, h_prev, h_next, W_x, W_h):
        out = step_backward(dh_next, x, h_prev, h_next, W_x, W_h)
        dh_next *= 0.0
        return out

    rnn.check_rnn_step_backward(in_place)
    assert "modified an input array" in capsys.readouterr().out


def test_docstrings_do_not_give_the_answers_away():
    for checker in RIGHT:
        doc = checker.__doc__
        for formula in ("1 - h", "h_next**2", "W_h.T", "W_x.T", "x.T", "sum(axis=0)",
                        "dense_kernel.T", "ones("):
            assert formula not in doc, (checker.__name__, formula)
