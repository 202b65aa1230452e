"""Tests of the checkers of notebooks 01-06: right answers pass, stubs say "not solved yet",
every hint (the message for a typical wrong answer) is shown for that answer, and strict mode
raises. Checkers print and return None, so a check cell shows one line and no stray True/False."""

import numpy as np
import pytest

from utils.exercises import ExerciseNotSolved
from utils.exercises.activations import _SATURATION_POINT, check_leaky_relu, check_saturation_point
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


def bce(y, a):
    return -np.mean(y * np.log(a) + (1 - y) * np.log(1 - a))


def momentum(t, v, g, lr, b):
    return t + (b * v - lr * g), b * v - lr * g


RIGHT = [
    (check_neuron, (lambda x, w, b: sigmoid(x @ w + b),)),
    (check_gate, (np.array([-1.0, -1.0]), 1.5)),
    (check_gate, (np.array([1.0, 1.0]), -0.5, "OR")),
    (check_xor_network, (XOR,)),
    (check_leaky_relu, (lambda z, a: np.where(z > 0, z, a * z),
                        lambda z, a: np.where(z > 0, 1.0, a))),
    (check_saturation_point, (5.99,)),
    (check_bce, (bce,)),
    (check_bce_logit_grad, (lambda z, y: sigmoid(z) - y,)),
    (check_critical_learning_rate, (0.5,)),
    (check_momentum_step, (momentum,)),
    (check_hidden_delta, (lambda d, W, z: (d @ W.T) * tanh_derivative(z),)),
    (check_relu_dense_backward, (relu_backward,)),
    (check_param_count, (241,)),
]

#: (checker, answer, the hint it must show): one row per hint of every checker.
WRONG = [
    (check_neuron, (lambda x, w, b: x @ w + b,), "apply the sigmoid"),
    (check_neuron, (lambda x, w, b: sigmoid(x @ w),), "bias b is missing"),
    (check_neuron, (lambda x, w, b: sigmoid(x @ w + b)[:3],), "has shape (3,), expected (5,)"),
    (check_neuron, (lambda x, w, b: "sigmoid",), "must hold real numbers, got 'sigmoid'"),
    (check_gate, (np.array([1.0, 1.0]), -1.5), "wrong on"),
    (check_gate, (np.array([1.0, 1.0]), -1.5), "Remember step(0) = 0."),
    (check_gate, (np.zeros(3), 0.0), "w must hold 2 weights, got shape (3,)"),
    (check_gate, (np.array(["a", "b"]), 0.0), "w must hold 2 numbers"),
    (check_gate, ([[1.0], [1.0, 2.0]], 0.0), "w must hold 2 weights"),
    (check_gate, (np.array([-1.0, -1.0]), "1.5"), "b must be a number, got '1.5'"),
    (check_xor_network, ({**XOR, "bias_2": np.array([-0.5])},), "instead of [0, 1, 1, 0]"),
    (check_xor_network, ({"kernel_1": XOR["kernel_1"]},), "params has no 'bias_1'"),
    (check_xor_network, ({**XOR, "kernel_1": np.zeros(3)},), "kernel_1 must have shape (2, 2)"),
    (check_xor_network, ([XOR["kernel_1"], XOR["bias_1"]],), "params must be a dict"),
    (check_leaky_relu, (lambda z, a: np.maximum(z, 0), lambda z, a: z > 0), "plain ReLU"),
    (check_leaky_relu, (lambda z, a: np.where(z > 0, z, a * z),
                        lambda z, a: np.where(z > 0, 1.0, 0.0)),
     "leaky_relu_derivative(z, 0.1) is off"),
    (check_leaky_relu, (lambda z, a: np.where(z > 0, z, 0.01 * z), stub),
     "leaky_relu(z, 0.1) is off"),
    (check_saturation_point, (3.0,), "not 1%"),
    (check_saturation_point, (-5.99,), "give the positive solution"),
    (check_saturation_point, ("six",), "z_star must be a number, got 'six'"),
    (check_bce, (lambda y, a: -bce(y, a),), "sign is flipped"),
    (check_bce, (lambda y, a: 5 * bce(y, a),), "sum over the examples"),
    (check_bce, (lambda y, a: -(y * np.log(a) + (1 - y) * np.log(1 - a)),), "one loss per example"),
    (check_bce, (lambda y, a: bce(y, a) + 0.1,), "bce(y, a) is off"),
    (check_bce_logit_grad, (lambda z, y: (sigmoid(z) - y) * sigmoid(z) * (1 - sigmoid(z)),),
     "cancels"),
    (check_bce_logit_grad, (lambda z, y: y - sigmoid(z),), "the sign is flipped"),
    (check_bce_logit_grad, (lambda z, y: sigmoid(z),), "dce_dz(z, y=1) is off"),
    (check_critical_learning_rate, (0.7,), "diverges"),
    (check_critical_learning_rate, (0.3,), "still converges"),
    (check_critical_learning_rate, ([0.4, 0.5],),
     "lr must be a number, got an array of shape (2,)"),
    (check_momentum_step, (lambda t, v, g, lr, b: (t - lr * g, v),), "the new velocity v is off"),
    (check_momentum_step, (lambda t, v, g, lr, b: (t, b * v - lr * g),), "the new theta is off"),
    (check_momentum_step, (lambda t, v, g, lr, b: t - lr * g,), "return a pair (new_theta, new_v)"),
    (check_hidden_delta, (lambda d, W, z: d @ W.T,), "tanh'"),
    (check_hidden_delta, (lambda d, W, z: (d @ W.T) * np.tanh(z),), "hidden_delta is off"),
    (check_relu_dense_backward, (lambda dy, x, W, b: (dy @ W.T, x.T @ dy, dy.sum(0)),),
     "dx differs from the numerical gradient: relative error"),
    (check_relu_dense_backward, (lambda dy, x, W, b: relu_backward(dy, x, W, b)[:2],),
     "return a triple (dx, dW, db)"),
    (check_relu_dense_backward, (lambda dy, x, W, b: (*relu_backward(dy, x, W, b)[:2], dy.sum()),),
     "db has shape (), expected (4,)"),
    (check_relu_dense_backward, (lambda dy, x, W, b: (*relu_backward(dy, x, W, b)[:2],
                                                       np.full(4, np.nan)),),
     "db must hold finite numbers"),
    (check_param_count, (5 * 16 + 16 * 8 + 8,), "each unit also has a bias"),
    (check_param_count, (240,), "240 is not it; a Dense layer with D inputs"),
    (check_param_count, ("241",), "n_params must be a number, got '241'"),
    (check_model, ("model",), "model must be a keras model, got str"),
]

STUBS = [(check_neuron, (stub,)), (check_neuron, (lambda x, w, b: None,)),
         (check_gate, (..., ...)), (check_gate, (np.zeros(2), ...)),
         (check_xor_network, (...,)), (check_xor_network, ({**XOR, "bias_1": ...},)),
         (check_leaky_relu, (stub, stub)), (check_leaky_relu, (lambda z, a: z, ...)),
         (check_saturation_point, (...,)), (check_bce, (stub,)),
         (check_bce_logit_grad, (stub,)), (check_critical_learning_rate, (...,)),
         (check_momentum_step, (stub,)), (check_hidden_delta, (stub,)),
         (check_relu_dense_backward, (stub,)), (check_param_count, (...,)), (check_model, (...,))]


@pytest.mark.parametrize("checker, args", RIGHT)
def test_right_answers_pass(checker, args, capsys):
    checker(*args, strict=True)  # raises if the checker rejected a right answer
    assert checker(*args) is None
    out = capsys.readouterr().out
    assert out.startswith("✓") and out.count("✓") == 2


@pytest.mark.parametrize("checker, args, hint", WRONG)
def test_every_hint_is_shown_for_its_wrong_answer(checker, args, hint, capsys):
    assert checker(*args) is None  # prints, never raises, shows no True/False in the notebook
    out = capsys.readouterr().out
    assert out.startswith("✗") and hint in out, out
    with pytest.raises(AssertionError) as caught:
        checker(*args, strict=True)
    assert hint in str(caught.value) and not isinstance(caught.value, ExerciseNotSolved)


@pytest.mark.parametrize("checker, args", STUBS)
def test_stubs_say_not_solved_and_do_not_raise(checker, args, capsys):
    checker(*args)
    assert "not solved yet" in capsys.readouterr().out
    with pytest.raises(ExerciseNotSolved):
        checker(*args, strict=True)


def test_saturation_point_is_where_the_slope_is_one_percent():
    s = sigmoid(_SATURATION_POINT)
    assert s * (1 - s) == pytest.approx(0.0025)


def test_the_gate_names_the_title_and_is_checked_before_the_answer(capsys):
    check_gate(np.array([1.0, 1.0]), -1.5, "AND")
    assert capsys.readouterr().out.startswith("✓ Exercise 2 (a AND perceptron): correct.")
    with pytest.raises(ValueError, match=r"gate must be one of \['AND', 'NAND', 'OR', 'XOR'\]"):
        check_gate(np.zeros(2), 0.0, gate="NOR")
    with pytest.raises(ValueError, match="gate must be one of"):
        check_gate(..., ..., gate="NOR")  # a mistake in the call, even with a stub answer


def test_strict_must_be_a_bool():
    with pytest.raises(TypeError, match="strict must be True or False, got 'yes'"):
        check_param_count(241, strict="yes")


def _model(keras, units=16, act="relu", rate=0.2, out_act="sigmoid", inputs=2, layers=None,
           optimizer="adam", loss="binary_crossentropy", compile_=True):
    stack = layers or [keras.layers.Dense(units, activation=act), keras.layers.Dropout(rate),
                       keras.layers.Dense(1, activation=out_act)]
    model = keras.Sequential([keras.Input(shape=(inputs,)), *stack])
    if compile_:
        model.compile(optimizer=optimizer, loss=loss)
    return model


MODEL_HINTS = [
    ({}, None),
    ({"units": 8}, "8 units and activation relu; expected 16 and relu"),
    ({"act": "tanh"}, "16 units and activation tanh; expected 16 and relu"),
    ({"out_act": "linear"}, "1 units and activation linear; expected 1 and sigmoid"),
    ({"rate": 0.5}, "the dropout rate is 0.5, expected 0.2"),
    ({"inputs": 3}, "the input shape is (3,), expected (2,)"),
    ({"compile_": False}, "not compiled yet"),
    ({"optimizer": "sgd"}, "the optimizer is SGD, expected Adam"),
    ({"loss": "mse"}, "the loss is 'mse', expected 'binary_crossentropy'"),
    ({"layers": "no dropout"}, "the layers are ['Dense', 'Dense']"),
]


@pytest.mark.parametrize("settings, hint", MODEL_HINTS)
def test_check_model_hints(settings, hint, capsys):
    keras = pytest.importorskip("keras")
    if settings.get("layers") == "no dropout":
        settings = {"layers": [keras.layers.Dense(16, activation="relu"),
                               keras.layers.Dense(1, activation="sigmoid")]}
    model = _model(keras, **settings)
    if hint is None:
        check_model(model, strict=True)
        return
    check_model(model)
    assert hint in capsys.readouterr().out
    with pytest.raises(AssertionError, match="Exercise 2"):
        check_model(model, strict=True)
