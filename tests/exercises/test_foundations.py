"""Tests of the checkers of notebooks 01-06: right answers pass, stubs say "not solved yet",
wrong answers are explained, and strict mode raises. Checkers print and return None, so a check
cell shows one line and no stray True/False."""

import numpy as np
import pytest

from utils.exercises import ExerciseNotSolved
from utils.exercises.activations import SATURATION_POINT, check_leaky_relu, check_saturation_point
from utils.exercises.backprop import check_hidden_delta, check_relu_dense_backward
from utils.exercises.gradient_descent import check_critical_learning_rate, check_momentum_step
from utils.exercises.keras_basics import check_model, check_param_count
from utils.exercises.losses import check_bce, check_bce_logit_grad
from utils.exercises.neurons import check_gate, check_neuron, check_xor_network
from utils.nn.activations import sigmoid, tanh_derivative


def stub(*args):
    raise NotImplementedError


XOR = {"kernel_1": np.array([[1.0, -1.0], [1.0, -1.0]]), "bias_1": np.array([-0.5, 1.5]),
       "kernel_2": np.array([[1.0], [1.0]]), "bias_2": np.array([-1.5])}


def relu_backward(dy, x, W, b):
    dz = dy * (x @ W + b > 0)
    return dz @ W.T, x.T @ dz, dz.sum(axis=0)


RIGHT = [
    (check_neuron, (lambda x, w, b: sigmoid(x @ w + b),)),
    (check_gate, (np.array([-1.0, -1.0]), 1.5)),
    (check_xor_network, (XOR,)),
    (check_leaky_relu, (lambda z, a: np.where(z > 0, z, a * z), lambda z, a: np.where(z > 0, 1.0, a))),
    (check_saturation_point, (5.99,)),
    (check_bce, (lambda y, a: -np.mean(y * np.log(a) + (1 - y) * np.log(1 - a)),)),
    (check_bce_logit_grad, (lambda z, y: sigmoid(z) - y,)),
    (check_critical_learning_rate, (0.5,)),
    (check_momentum_step, (lambda t, v, g, lr, b: (t + (b * v - lr * g), b * v - lr * g),)),
    (check_hidden_delta, (lambda d, W, z: (d @ W.T) * tanh_derivative(z),)),
    (check_relu_dense_backward, (relu_backward,)),
    (check_param_count, (241,)),
]

WRONG = [
    (check_neuron, (lambda x, w, b: x @ w + b,), "apply the sigmoid"),
    (check_neuron, (lambda x, w, b: sigmoid(x @ w),), "bias"),
    (check_gate, (np.array([1.0, 1.0]), -1.5), "wrong on"),
    (check_xor_network, ({**XOR, "bias_2": np.array([-0.5])},), "instead of"),
    (check_leaky_relu, (lambda z, a: np.maximum(z, 0), lambda z, a: z > 0), "plain ReLU"),
    (check_saturation_point, (3.0,), "not 1%"),
    (check_bce, (lambda y, a: np.mean(y * np.log(a) + (1 - y) * np.log(1 - a)),), "sign"),
    (check_bce, (lambda y, a: -np.sum(y * np.log(a) + (1 - y) * np.log(1 - a)),), "sum"),
    (check_bce_logit_grad, (lambda z, y: (sigmoid(z) - y) * sigmoid(z) * (1 - sigmoid(z)),), "cancels"),
    (check_critical_learning_rate, (0.7,), "diverges"),
    (check_critical_learning_rate, (0.3,), "still converges"),
    (check_momentum_step, (lambda t, v, g, lr, b: (t - lr * g, v),), "velocity"),
    (check_hidden_delta, (lambda d, W, z: d @ W.T,), "tanh'"),
    (check_relu_dense_backward, (lambda dy, x, W, b: (dy @ W.T, x.T @ dy, dy.sum(0)),), "relative error"),
    (check_param_count, (5 * 16 + 16 * 8 + 8,), "bias"),
]

STUBS = [(check_neuron, (stub,)), (check_gate, (..., ...)), (check_xor_network, (...,)),
         (check_leaky_relu, (stub, stub)), (check_saturation_point, (...,)), (check_bce, (stub,)),
         (check_bce_logit_grad, (stub,)), (check_critical_learning_rate, (...,)),
         (check_momentum_step, (stub,)), (check_hidden_delta, (stub,)),
         (check_relu_dense_backward, (stub,)), (check_param_count, (...,)), (check_model, (...,))]


@pytest.mark.parametrize("checker, args", RIGHT)
def test_right_answers_pass(checker, args, capsys):
    checker(*args, strict=True)  # raises if the checker rejected a right answer
    checker(*args)
    out = capsys.readouterr().out
    assert out.startswith("✓") and out.count("✓") == 2


@pytest.mark.parametrize("checker, args, reason", WRONG)
def test_wrong_answers_are_explained(checker, args, reason, capsys):
    assert checker(*args) is None  # prints, never raises, shows no True/False in the notebook
    out = capsys.readouterr().out
    assert out.startswith("✗") and reason in out
    with pytest.raises(AssertionError, match=reason):
        checker(*args, strict=True)


@pytest.mark.parametrize("checker, args", STUBS)
def test_stubs_say_not_solved_and_do_not_raise(checker, args, capsys):
    checker(*args)
    assert "not solved yet" in capsys.readouterr().out
    with pytest.raises(ExerciseNotSolved):
        checker(*args, strict=True)


def test_saturation_point_is_where_the_slope_is_one_percent():
    s = sigmoid(SATURATION_POINT)
    assert s * (1 - s) == pytest.approx(0.0025)


def test_check_gate_rejects_unknown_gate():
    with pytest.raises(ValueError, match="gate"):
        check_gate(np.zeros(2), 0.0, gate="NOR")


def test_check_model_with_keras():
    keras = pytest.importorskip("keras")

    def build(units=16, compile_=True):
        model = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(units, activation="relu"),
                                  keras.layers.Dropout(0.2), keras.layers.Dense(1, activation="sigmoid")])
        if compile_:
            model.compile(optimizer="adam", loss="binary_crossentropy")
        return model

    check_model(build(), strict=True)
    with pytest.raises(AssertionError, match="8 units and activation relu; expected 16"):
        check_model(build(units=8), strict=True)
    with pytest.raises(AssertionError, match="not compiled"):
        check_model(build(compile_=False), strict=True)
