"""Tests of utils.nn.losses: known values, Keras' conventions, stability, gradients by finite differences."""

import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from utils.nn.activations import sigmoid, softmax
from utils.nn.gradcheck import numerical_gradient, relative_error
from utils.nn.losses import (
    binary_cross_entropy,
    binary_cross_entropy_from_logits,
    binary_cross_entropy_from_logits_grad,
    binary_cross_entropy_grad,
    categorical_cross_entropy,
    categorical_cross_entropy_from_logits,
    categorical_cross_entropy_from_logits_grad,
    categorical_cross_entropy_grad,
    mse,
    mse_grad,
)

rng = np.random.default_rng(0)
Y_BIN = np.array([[1.0], [0.0], [1.0], [0.0]])
Z_BIN = np.array([[0.3], [-1.2], [2.0], [0.7]])
Y_CAT = np.eye(3)[[0, 2, 1, 2]]
Z_CAT = rng.normal(size=(4, 3))


def test_known_values():
    assert mse([1.0, 2.0], [1.0, 4.0]) == pytest.approx(2.0)
    assert binary_cross_entropy([1.0, 0.0], [0.5, 0.5]) == pytest.approx(np.log(2))
    assert categorical_cross_entropy([[0, 1.0]], [[0.75, 0.25]]) == pytest.approx(np.log(4))
    assert binary_cross_entropy_from_logits([1.0], [0.0]) == pytest.approx(np.log(2))


def test_from_logits_agree_with_probabilities():
    assert binary_cross_entropy_from_logits(Y_BIN, Z_BIN) == pytest.approx(
        binary_cross_entropy(Y_BIN, sigmoid(Z_BIN)))
    assert categorical_cross_entropy_from_logits(Y_CAT, Z_CAT) == pytest.approx(
        categorical_cross_entropy(Y_CAT, softmax(Z_CAT)))


def test_from_logits_is_stable():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        big = binary_cross_entropy_from_logits([0.0, 1.0], [1000.0, -1000.0])
        cat = categorical_cross_entropy_from_logits([[1.0, 0.0]], [[-1000.0, 1000.0]])
        clipped = binary_cross_entropy([1.0], [0.0])
    assert big == pytest.approx(1000.0)
    assert cat == pytest.approx(2000.0)
    assert clipped == pytest.approx(-np.log(1e-7))  # clipped like Keras, finite


@pytest.mark.parametrize("loss, grad, y, pred", [
    (mse, mse_grad, Y_BIN, sigmoid(Z_BIN)),
    (binary_cross_entropy, binary_cross_entropy_grad, Y_BIN, sigmoid(Z_BIN)),
    (binary_cross_entropy_from_logits, binary_cross_entropy_from_logits_grad, Y_BIN, Z_BIN),
    (categorical_cross_entropy, categorical_cross_entropy_grad, Y_CAT, softmax(Z_CAT)),
    (categorical_cross_entropy_from_logits, categorical_cross_entropy_from_logits_grad, Y_CAT, Z_CAT),
])
def test_gradients_match_finite_differences(loss, grad, y, pred):
    numeric = numerical_gradient(lambda p: loss(y, p), pred)
    assert relative_error(grad(y, pred), numeric) < 1e-7


def test_logit_gradient_is_a_minus_y_over_n():
    np.testing.assert_allclose(binary_cross_entropy_from_logits_grad(Y_BIN, Z_BIN),
                               (sigmoid(Z_BIN) - Y_BIN) / 4)


@given(st.floats(-30, 30), st.sampled_from([0.0, 1.0]))
def test_bce_is_non_negative_and_zero_only_when_right(z, y):
    loss = binary_cross_entropy_from_logits([y], [z])
    assert loss >= 0
    assert loss == pytest.approx(np.logaddexp(0.0, -z if y else z), rel=1e-12)  # -log s(z), -log s(-z)


def test_inputs_not_mutated():
    a = sigmoid(Z_BIN)
    before = a.copy()
    binary_cross_entropy_grad(Y_BIN, a)
    mse_grad(Y_BIN, a)
    np.testing.assert_array_equal(a, before)


def test_errors_name_the_argument():
    with pytest.raises(ValueError, match="y_true and y_pred"):
        mse([1.0, 2.0], [1.0])
    with pytest.raises(ValueError, match="y_pred"):
        binary_cross_entropy([1.0], [1.5])
    with pytest.raises(TypeError, match="y_true"):
        mse(["a"], [1.0])
    with pytest.raises(ValueError, match="logits"):
        binary_cross_entropy_from_logits([1.0, 0.0], [1.0])
    with pytest.raises(ValueError, match="y_true"):
        categorical_cross_entropy([1.0, 0.0], [0.5, 0.5])
