"""Tests of the checkers of notebooks 01-06: right answers pass, stubs say "not solved yet",
every hint (the message for a typical wrong answer) is shown for that answer, and strict mode
raises. Checkers print and return None, so a check cell shows one line and no stray True/False."""

import numpy as np
import pytest

from tests.exercises.protocol import assert_explained, assert_not_solved, assert_passes
from utils.exercises.activations import _SATURATION_POINT, check_leaky_relu, check_saturation_point
from utils.exercises.backprop import check_deep_backward, check_relu_dense_backward
from utils.exercises.gradient_descent import check_adam_step, check_critical_lr_formula
from utils.exercises.keras_basics import check_logit_model, check_param_count
from utils.exercises.losses import check_bce, check_softmax_ce_grad
from utils.exercises.neurons import check_gate, check_line_neuron, check_xor_network
from utils.nn.activations import sigmoid, softmax


def stub(*args):
    raise NotImplementedError


XOR = {"kernel_1": np.array([[1.0, -1.0], [1.0, -1.0]]), "bias_1": np.array([-0.5, 1.5]),
       "kernel_2": np.array([[1.0], [1.0]]), "bias_2": np.array([-1.5])}


def relu_backward(da, X, W, b):
    dz = da * (X @ W + b > 0)
    return dz @ W.T, X.T @ dz, dz.sum(axis=0)


def bce(y, a):
    return -np.mean(y * np.log(a) + (1 - y) * np.log(1 - a))


def adam(theta, g, m, s, t, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-7, *, correct=True,
         shift=0, square=True, keep_corrected=False):
    """Adam's step, right by default; the keywords make its typical mistakes."""
    m = beta1 * m + (1 - beta1) * g
    s = beta2 * s + (1 - beta2) * (g**2 if square else g)
    m_hat = m / (1 - beta1 ** (t + shift)) if correct else m
    s_hat = s / (1 - beta2 ** (t + shift)) if correct else s
    new = theta - lr * m_hat / (np.sqrt(np.abs(s_hat)) + eps)
    return (new, m_hat, s_hat) if keep_corrected else (new, m, s)


def critical(A):
    return 2 / np.linalg.eigvalsh(A).max()


def backward3(params, cache, Z3, y, *, mean=True, slope2=True, slope1=True, skip=False,
              swap=False):
    """The two-hidden-layer backward pass, right by default; the keywords make typical mistakes."""
    X, A1, A2 = cache
    delta3 = (sigmoid(Z3) - y) / (len(y) if mean else 1)
    s2, s1 = (1 - A1**2, 1 - A2**2) if swap else (1 - A2**2, 1 - A1**2)
    delta2 = (delta3 @ params["kernel_3"].T) * (s2 if slope2 else 1)
    delta1 = ((delta3 @ params["kernel_3"].T) if skip else (delta2 @ params["kernel_2"].T)) \
        * (s1 if slope1 else 1)
    return {"kernel_1": X.T @ delta1, "bias_1": delta1.sum(axis=0), "kernel_2": A1.T @ delta2,
            "bias_2": delta2.sum(axis=0), "kernel_3": A2.T @ delta3, "bias_3": delta3.sum(axis=0)}


def layer_1_doubled(*args):
    grads = backward3(*args)
    return {**grads, "kernel_1": 2 * grads["kernel_1"]}


def softmax_grad(z, y):
    return (softmax(z) - y) / len(z)


RIGHT = [
    (check_line_neuron, (np.array([-2.0, 1.0]), 0.5)),
    (check_line_neuron, (np.array([-6.0, 3.0]), 1.5)),  # any positive multiple
    (check_gate, (np.array([-1.0, -1.0]), 1.5)),
    (check_gate, (np.array([1.0, 1.0]), -0.5, "OR")),
    (check_xor_network, (XOR,)),
    (check_leaky_relu, (lambda z, a: np.where(z > 0, z, a * z),
                        lambda z, a: np.where(z > 0, 1.0, a))),
    (check_saturation_point, (5.99,)),
    (check_bce, (bce,)),
    (check_softmax_ce_grad, (softmax_grad,)),
    (check_critical_lr_formula, (critical,)),
    (check_adam_step, (adam,)),
    (check_deep_backward, (backward3,)),
    (check_relu_dense_backward, (relu_backward,)),
    (check_param_count, (241,)),
]

#: (checker, answer, the hint it must show): one row per hint of every checker.
WRONG = [
    (check_line_neuron, (np.array([2.0, -1.0]), -0.5), "the wrong side (below it)"),
    (check_line_neuron, (np.array([2.0, 1.0]), -0.5),
     "is the line x2 = -2 x1 + 0.5, not the line x2 = 2 x1 - 0.5"),
    (check_line_neuron, (np.array([1.0, 0.0]), -0.5), "the vertical line x1 = 0.5"),
    (check_line_neuron, (np.zeros(2), 1.0), "no line at all"),
    (check_line_neuron, (np.zeros(3), 0.0), "w must hold 2 weights, got shape (3,)"),
    (check_line_neuron, (np.array([-2.0, 1.0]), "0.5"), "b must be a number, got '0.5'"),
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
    (check_saturation_point, (np.log(99),), "4% of the peak slope 0.25"),
    (check_saturation_point, (-5.99,), "give the positive solution"),
    (check_saturation_point, ("six",), "z_star must be a number, got 'six'"),
    (check_bce, (lambda y, a: -bce(y, a),), "sign is flipped"),
    (check_bce, (lambda y, a: 5 * bce(y, a),), "sum over the examples"),
    (check_bce, (lambda y, a: -(y * np.log(a) + (1 - y) * np.log(1 - a)),), "one loss per example"),
    (check_bce, (lambda y, a: bce(y, a) + 0.1,), "bce(y, a) is off"),
    (check_softmax_ce_grad, (lambda z, y: softmax_grad(z, y) * len(z),), "divide by N"),
    (check_softmax_ce_grad, (lambda z, y: -softmax_grad(z, y),), "the sign is flipped"),
    (check_softmax_ce_grad, (lambda z, y: (softmax(z) - y) * softmax(z) * (1 - softmax(z))
                             / len(z),), "dce_dlogits(z, y) with one-hot targets is off"),
    (check_softmax_ce_grad, (lambda z, y: -y / softmax(z) * softmax(z) * (1 - softmax(z))
                             / len(z),), "you kept only da_k/dz_k"),
    (check_softmax_ce_grad, (lambda z, y: (z - y) / len(z),), "apply the softmax"),
    (check_softmax_ce_grad, (lambda z, y: softmax_grad(z, np.eye(3)[y.argmax(axis=1)]),),
     "right for one-hot targets only"),
    (check_softmax_ce_grad, (lambda z, y: softmax_grad(z, y)[:, :2],),
     "with one-hot targets has shape (4, 2), expected (4, 3)"),
    (check_critical_lr_formula, (lambda A: 1 / np.linalg.eigvalsh(A).max(),),
     "the edge of divergence is twice as large"),
    (check_critical_lr_formula, (lambda A: 2 / np.linalg.eigvalsh(A).min(),),
     "the steepest one diverges"),
    (check_critical_lr_formula, (lambda A: 2 / np.diag(A).max(),),
     "right for axis-aligned valleys only"),
    (check_critical_lr_formula, (lambda A: 4 / np.linalg.eigvalsh(A).max(),), "factor 1/2"),
    (check_critical_lr_formula, (lambda A: 2 / np.trace(A),), "still converges"),
    (check_critical_lr_formula, (lambda A: 3 / np.linalg.eigvalsh(A).max(),), "diverges"),
    (check_critical_lr_formula, (lambda A: 2 / np.linalg.eigvalsh(A),),
     "must be a number, got an array of shape"),
    (check_adam_step, (lambda *a, **k: adam(*a, **k, correct=False),),
     "without the bias correction"),
    (check_adam_step, (lambda *a, **k: adam(*a, **k, shift=1),), "t = 1 on the first step"),
    (check_adam_step, (lambda *a, **k: adam(*a, **k, shift=-1),), "a division by zero?"),
    (check_adam_step, (lambda *a, **k: adam(*a, **k, square=False),), "squared gradients"),
    (check_adam_step, (lambda *a, **k: adam(*a, **k, keep_corrected=True),),
     "return the running averages m and s"),
    (check_adam_step, (lambda *a, **k: adam(*a, **k)[:2],), "return a triple (theta, m, s)"),
    (check_adam_step, (lambda *a, **k: (adam(*a, **k)[0] + 0.01, *adam(*a, **k)[1:]),),
     "the new theta after step 1 is off"),
    (check_deep_backward, (lambda *a: backward3(*a, mean=False),), "the loss is a mean"),
    (check_deep_backward, (lambda *a: backward3(*a, slope2=False),), "1 - A2**2 is missing"),
    (check_deep_backward, (lambda *a: backward3(*a, slope1=False),), "1 - A1**2 is missing"),
    (check_deep_backward, (lambda *a: backward3(*a, skip=True),),
     "not from delta3 through kernel_3"),
    (check_deep_backward, (lambda *a: backward3(*a, swap=True),), "its own slope"),
    (check_deep_backward, (layer_1_doubled,), "layers 3 and 2 are right, layer 1 is not"),
    (check_deep_backward, (lambda *a: {**backward3(*a), "bias_3": np.zeros(1)},),
     "the gradient of bias_3 is off"),
    (check_deep_backward, (lambda *a: [1.0],), "return a dict with the keys"),
    (check_relu_dense_backward, (lambda da, X, W, b: (da @ W.T, X.T @ da, da.sum(0)),),
     "dX differs from the numerical gradient: relative error"),
    (check_relu_dense_backward, (lambda da, X, W, b: relu_backward(da, X, W, b)[:2],),
     "return a triple (dX, dW, db)"),
    (check_relu_dense_backward, (lambda da, X, W, b: (*relu_backward(da, X, W, b)[:2], da.sum()),),
     "db has shape (), expected (4,)"),
    (check_relu_dense_backward, (lambda da, X, W, b: (*relu_backward(da, X, W, b)[:2],
                                                       np.full(4, np.nan)),),
     "db must hold finite numbers"),
    (check_param_count, (5 * 16 + 16 * 8 + 8,), "each unit also has a bias"),
    (check_param_count, (240,), "240 is not it; a Dense layer with D inputs"),
    (check_param_count, ("241",), "n_params must be a number, got '241'"),
]

STUBS = [(check_line_neuron, (..., 0.5)), (check_line_neuron, (np.zeros(2), ...)),
         (check_gate, (..., ...)), (check_gate, (np.zeros(2), ...)),
         (check_xor_network, (...,)), (check_xor_network, ({**XOR, "bias_1": ...},)),
         (check_leaky_relu, (stub, stub)), (check_leaky_relu, (lambda z, a: z, ...)),
         (check_saturation_point, (...,)), (check_bce, (stub,)),
         (check_softmax_ce_grad, (stub,)), (check_critical_lr_formula, (stub,)),
         (check_critical_lr_formula, (lambda A: None,)),
         (check_adam_step, (stub,)), (check_deep_backward, (stub,)),
         (check_relu_dense_backward, (stub,)), (check_param_count, (...,)),
         (check_logit_model, (..., stub)), (check_logit_model, ("model", ...))]


@pytest.mark.parametrize("checker, args", RIGHT)
def test_right_answers_pass(checker, args, capsys):
    assert_passes(checker, args, capsys)


@pytest.mark.parametrize("checker, args, hint", WRONG)
def test_every_hint_is_shown_for_its_wrong_answer(checker, args, hint, capsys):
    assert_explained(checker, args, hint, capsys)


@pytest.mark.parametrize("checker, args", STUBS)
def test_stubs_say_not_solved_and_do_not_raise(checker, args, capsys):
    assert_not_solved(checker, args, capsys)


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


def _model(keras, units=16, act="relu", out_act=None, inputs=2, extra=None,
           optimizer="adam", loss="logits", compile_=True):
    """A classifier built with model.add, right by default; the keywords make typical mistakes."""
    model = keras.Sequential()
    model.add(keras.Input(shape=(inputs,)))
    model.add(keras.layers.Dense(units, activation=act))
    model.add(keras.layers.Dense(1, activation=out_act))
    if extra is not None:
        model.add(extra)
    if compile_:
        model.compile(optimizer=optimizer, loss=keras.losses.BinaryCrossentropy(from_logits=True)
                      if loss == "logits" else loss)
    return model


def _proba(model, X):
    return 1 / (1 + np.exp(-model.predict(X, verbose=0)))


MODEL_HINTS = [
    ({}, _proba, None),
    ({"units": 8}, _proba, "the Dense layers have [8, 1] units, expected [16, 1]"),
    ({"act": "tanh"}, _proba, "the hidden layer's activation is tanh, expected relu"),
    ({"out_act": "sigmoid"}, _proba, "the loss applies a sigmoid again (from_logits=True)"),
    ({"extra": "sigmoid layer"}, _proba, "the loss applies a sigmoid again (from_logits=True)"),
    ({"out_act": "sigmoid", "loss": "binary_crossentropy"}, _proba,
     "the output is a probability, not a logit"),
    ({"loss": "binary_crossentropy"}, _proba, "use the loss's from-logits form"),
    ({"loss": "mse"}, _proba, "the loss is 'mse', expected the binary cross-entropy"),
    ({"inputs": 3}, _proba, "the input shape is (3,), expected (2,)"),
    ({"compile_": False}, _proba, "not compiled yet"),
    ({"optimizer": "sgd"}, _proba, "the optimizer is SGD, expected Adam"),
    ({}, lambda m, X: m.predict(X, verbose=0), "returns the logits themselves"),
    ({}, lambda m, X: (m.predict(X, verbose=0) > 0).astype(float), "returns classes (0 or 1)"),
    ({}, lambda m, X: _proba(m, X)[:2], "has shape (2, 1), expected (4, 1)"),
    ({}, lambda m, X: _proba(m, X) + 0.1, "predict_proba(model, X) is off"),
]


@pytest.mark.parametrize("settings, predict_proba, hint", MODEL_HINTS)
def test_check_logit_model_hints(settings, predict_proba, hint, capsys):
    keras = pytest.importorskip("keras")
    if settings.get("extra") == "sigmoid layer":
        settings = {"extra": keras.layers.Activation("sigmoid")}
    model = _model(keras, **settings)
    if hint is None:
        check_logit_model(model, predict_proba, strict=True)
        return
    check_logit_model(model, predict_proba)
    assert hint in capsys.readouterr().out
    with pytest.raises(AssertionError, match="Exercise 2"):
        check_logit_model(model, predict_proba, strict=True)


def test_check_logit_model_refuses_what_is_not_a_model(capsys):
    pytest.importorskip("keras")
    check_logit_model("model", _proba)
    assert "model must be a keras model, got str" in capsys.readouterr().out
