"""Tests of the checkers of notebook 10 (utils.exercises.lstm): right answers pass, stubs say "not
solved yet", every hint shows for the wrong answer it is written for, and strict mode raises."""


import numpy as np
import pytest

from tests.exercises.protocol import assert_explained, assert_not_solved, assert_passes
from utils.cells import lstm as lstm_cell
from utils.exercises import lstm


def stub(*args):
    raise NotImplementedError


def ellipsis(*args):
    return ...  # the stub of the count exercise: `return ...  # an int`


def coupled_right(dc, c_prev, f, g):
    return dc * (c_prev - g) * f * (1 - f), dc * (1 - f) * (1 - g**2)


def stacked_right(d, units):
    total, inputs = 0, d
    for h in units:
        total, inputs = total + 4 * (inputs * h + h * h + h), h
    return total + units[-1] + 1


RIGHT = {
    lstm.check_coupled_gate_backward: coupled_right,
    lstm.check_stacked_lstm_params: stacked_right,
}

#: (checker, a typical wrong answer, the hint it must get)
WRONG = [
    (lstm.check_coupled_gate_backward, lambda dc, c, f, g: coupled_right(dc, c, f, g)[0],
     "return a pair"),
    (lstm.check_coupled_gate_backward,
     lambda dc, c, f, g: (dc * c * f * (1 - f), coupled_right(dc, c, f, g)[1]),
     "only the path through f * c_prev"),
    (lstm.check_coupled_gate_backward,
     lambda dc, c, f, g: (dc * (c + g) * f * (1 - f), coupled_right(dc, c, f, g)[1]),
     "minus sign"),
    (lstm.check_coupled_gate_backward,
     lambda dc, c, f, g: (dc * (c - g), coupled_right(dc, c, f, g)[1]),
     "chain through the sigmoid"),
    (lstm.check_coupled_gate_backward,
     lambda dc, c, f, g: (coupled_right(dc, c, f, g)[0], dc * (1 - f)),
     "chain through g = tanh(z_g)"),
    (lstm.check_coupled_gate_backward,
     lambda dc, c, f, g: (coupled_right(dc, c, f, g)[0], dc * f * (1 - g**2)),
     "which here is 1 - f"),
    (lstm.check_coupled_gate_backward,
     lambda dc, c, f, g: (coupled_right(dc, c, f, g)[0], 2 * dc),
     "dz_g (compared with finite differences) is off"),
    (lstm.check_coupled_gate_backward, lambda dc, c, f, g: ("a", "b"), "must hold real numbers"),
    (lstm.check_stacked_lstm_params,
     lambda d, units: sum(4 * (d * h + h * h + h) for h in units) + units[-1] + 1,
     "only the first LSTM reads the D input features"),
    (lstm.check_stacked_lstm_params, lambda d, units: stacked_right(d, units) - units[-1] - 1,
     "the Dense(1) output layer has weights too"),
    (lstm.check_stacked_lstm_params, lambda d, units: stacked_right(d, units) + 1,
     "for D = 1, units = [4] you give 102, expected 101"),
    (lstm.check_stacked_lstm_params, lambda d, units: float(stacked_right(d, units)),
     "a count must be an int"),
]


@pytest.mark.parametrize("checker", list(RIGHT), ids=lambda c: c.__name__)
def test_right_answers_pass_and_stubs_are_not_solved_yet(checker, capsys):
    assert_passes(checker, (RIGHT[checker],), capsys)
    for answer in (stub, ..., ellipsis):
        assert_not_solved(checker, (answer,), capsys)


@pytest.mark.parametrize(("checker", "wrong", "hint"), WRONG,
                         ids=[f"{c.__name__}-{h}" for c, _, h in WRONG])
def test_each_hint_shows_for_its_wrong_answer(checker, wrong, hint, capsys):
    assert_explained(checker, (wrong,), hint, capsys)


def test_the_coupled_gate_answer_agrees_with_the_library_step_with_i_tied_to_f():
    """An LSTM step whose input gate's pre-activation is -z_f has i = 1 - f: the coupled cell.
    Its gradient of z_f is the library's f part minus its i part; that of z_g is the g part."""
    rng = np.random.default_rng(0)
    h = 3
    z_f, z_g, z_o, c_prev, dc = rng.normal(size=(5, 1, h))
    params = {"kernel": np.zeros((1, 4 * h)), "recurrent_kernel": np.zeros((h, 4 * h)),
              "bias": np.concatenate([-z_f[0], z_f[0], z_g[0], z_o[0]])}  # i, f, c, o blocks
    _, _, cache = lstm_cell.step_forward(np.zeros((1, 1)), np.zeros((1, h)), c_prev, params)
    grads = lstm_cell.step_backward(np.zeros((1, h)), dc, cache)[3]
    dz_i, dz_f, dz_g, _ = np.split(grads["bias"][None], 4, axis=1)  # (1, H) each, N = 1
    got_f, got_g = coupled_right(dc, c_prev, cache.f, cache.g)
    np.testing.assert_allclose(got_f, dz_f - dz_i)
    np.testing.assert_allclose(got_g, dz_g)


@pytest.mark.parametrize(("d", "units"), [(1, [4]), (3, [16, 8, 4]), (5, [2, 6])])
def test_the_stacked_count_is_keras_count(d, units):
    import keras

    layers = [keras.layers.LSTM(h, return_sequences=k < len(units) - 1)
              for k, h in enumerate(units)]
    model = keras.Sequential([keras.Input(shape=(None, d)), *layers, keras.layers.Dense(1)])
    assert model.count_params() == stacked_right(d, units)


def test_docstrings_do_not_give_the_answers_away():
    for checker in RIGHT:
        doc = checker.__doc__
        assert "c_prev - g" not in doc and "(1 - g" not in doc, checker.__name__
        assert "units[0] *" not in doc and "4 * (" not in doc, checker.__name__
