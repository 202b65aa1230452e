"""Tests of utils.nn.losses: known values, Keras' conventions, stability, gradients by finite
differences, and the refusal of bad labels, probabilities, NaN, inf and complex numbers."""

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
    (categorical_cross_entropy_from_logits, categorical_cross_entropy_from_logits_grad, Y_CAT,
     Z_CAT),
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
    # -log s(z) for y = 1, -log s(-z) for y = 0
    assert loss == pytest.approx(np.logaddexp(0.0, -z if y else z), rel=1e-12)


def test_inputs_not_mutated():
    a = sigmoid(Z_BIN)
    before = a.copy()
    binary_cross_entropy_grad(Y_BIN, a)
    mse_grad(Y_BIN, a)
    np.testing.assert_array_equal(a, before)


def test_errors_name_the_argument():
    with pytest.raises(ValueError, match=r"y_pred must have the shape of y_true \(2,\), got"):
        mse([1.0, 2.0], [1.0])
    with pytest.raises(ValueError, match=r"y_pred must hold probabilities in \[0, 1\], got 1.5 in "
                                         "row 0"):
        binary_cross_entropy([1.0], [1.5])
    with pytest.raises(TypeError, match="y_true must hold numbers"):
        mse(["a"], [1.0])
    with pytest.raises(ValueError, match="logits must have the shape of y_true"):
        binary_cross_entropy_from_logits([1.0, 0.0], [1.0])
    with pytest.raises(ValueError, match=r"y_true must have shape \(N, K\)"):
        categorical_cross_entropy([1.0, 0.0], [0.5, 0.5])


ALL_LOSSES = [mse, mse_grad, binary_cross_entropy, binary_cross_entropy_grad,
              binary_cross_entropy_from_logits, binary_cross_entropy_from_logits_grad,
              categorical_cross_entropy, categorical_cross_entropy_grad,
              categorical_cross_entropy_from_logits, categorical_cross_entropy_from_logits_grad]


@pytest.mark.parametrize("loss", ALL_LOSSES)
@pytest.mark.parametrize("bad, error, message", [
    (np.nan, ValueError, "must hold finite numbers .*got nan at position"),
    (np.inf, ValueError, "must hold finite numbers .*got inf at position"),
    (0.5 + 1j, TypeError, "must hold real numbers, got complex"),
])
def test_nan_inf_and_complex_are_refused_in_either_argument(loss, bad, error, message):
    y, p = Y_CAT.copy(), softmax(Z_CAT)
    y_bad, p_bad = y.astype(type(bad)), p.astype(type(bad))
    y_bad[1, 2], p_bad[2, 0] = bad, bad
    with pytest.raises(error, match="y_true " + message):
        loss(y_bad, p)
    with pytest.raises(error, match=r"(y_pred|logits) " + message):
        loss(y, p_bad)


@pytest.mark.parametrize("loss", ALL_LOSSES)
def test_empty_input_is_refused(loss):
    with pytest.raises(ValueError, match="y_true must hold at least 1 value"):
        loss(np.zeros((0, 3)), np.zeros((0, 3)))


@pytest.mark.parametrize("loss", [binary_cross_entropy, binary_cross_entropy_grad,
                                  binary_cross_entropy_from_logits,
                                  binary_cross_entropy_from_logits_grad])
def test_binary_labels_outside_0_1_are_refused_naming_the_row(loss):
    with pytest.raises(ValueError, match=r"y_true must hold labels in \[0, 1\], got 2 in row 2"):
        loss([[1.0], [0.0], [2.0], [-1.0]], [[0.5]] * 4)


@pytest.mark.parametrize("loss", [categorical_cross_entropy, categorical_cross_entropy_grad])
def test_prediction_rows_must_sum_to_1(loss):
    probs = softmax(Z_CAT)
    probs[3] *= 0.9  # row 3 sums to 0.9
    with pytest.raises(ValueError, match="y_pred must hold rows that sum to 1, got row 3 summing "
                                         "to 0.9 .*categorical_cross_entropy_from_logits"):
        loss(Y_CAT, probs)
    with pytest.raises(ValueError, match="y_pred must hold probabilities in \\[0, 1\\], got 1.3 in "
                                         "row 1"):
        loss(Y_CAT, np.array([[0.5, 0.5, 0.0], [1.3, -0.3, 0.0], [0, 0, 1], [0, 0, 1]]))
    hand_rounded = np.array([[0.333, 0.333, 0.334]] * 4) - [0.0, 0.0, 0.0005]
    loss(Y_CAT, hand_rounded)  # within ROW_SUM_TOLERANCE: accepted


@pytest.mark.parametrize("loss", [categorical_cross_entropy, categorical_cross_entropy_from_logits,
                                  categorical_cross_entropy_from_logits_grad])
def test_label_rows_must_sum_to_1(loss):
    labels = Y_CAT.copy()
    labels[2] = [1.0, 1.0, 0.0]
    with pytest.raises(ValueError, match="y_true must hold rows that sum to 1, got row 2 summing "
                                         "to 2"):
        loss(labels, softmax(Z_CAT))
    smoothed = Y_CAT * 0.9 + 0.1 / 3  # label smoothing keeps rows summing to 1: accepted
    assert np.isfinite(loss(smoothed, softmax(Z_CAT))).all()


def test_booleans_are_refused_not_read_as_numbers():
    with pytest.raises(TypeError, match="y_true must hold numbers, got dtype bool"):
        binary_cross_entropy(np.array([True, False]), [0.9, 0.1])
