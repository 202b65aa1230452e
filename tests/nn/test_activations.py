"""Tests of utils.nn.activations: known values, stability at +-1000, derivatives by finite
differences, IEEE behaviour for NaN and inf, and the errors."""

import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from utils.nn.activations import (
    ACTIVATIONS,
    get_activation,
    relu,
    relu_derivative,
    sigmoid,
    sigmoid_derivative,
    softmax,
    tanh,
)
from utils.nn.gradcheck import numerical_gradient, relative_error

finite = st.floats(-50, 50, allow_nan=False)


def test_known_values():
    np.testing.assert_allclose(sigmoid([0.0, np.log(3.0)]), [0.5, 0.75])
    np.testing.assert_allclose(tanh([0.0, 1.0]), [0.0, np.tanh(1.0)])
    np.testing.assert_array_equal(relu([-2.0, 0.0, 3.0]), [0.0, 0.0, 3.0])
    np.testing.assert_array_equal(relu_derivative([-2.0, 0.0, 3.0]), [0.0, 0.0, 1.0])
    assert sigmoid_derivative(0.0) == pytest.approx(0.25)
    np.testing.assert_allclose(softmax([[0.0, np.log(3.0)]]), [[0.25, 0.75]])


def test_sigmoid_is_stable_at_extremes():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s = sigmoid(np.array([-1000.0, -50.0, 50.0, 1000.0]))
        d = sigmoid_derivative(np.array([-1000.0, 1000.0]))
        p = softmax(np.array([[1000.0, -1000.0, 0.0]]))
    assert s[0] == 0.0 and s[-1] == 1.0 and np.all(np.isfinite(s))
    np.testing.assert_array_equal(d, [0.0, 0.0])
    np.testing.assert_allclose(p, [[1.0, 0.0, 0.0]])


def test_integers_are_accepted_and_input_not_mutated():
    z = np.array([-1, 0, 2])
    before = z.copy()
    for name, (f, df) in ACTIVATIONS.items():
        assert f(z).dtype == np.float64, name
        assert df(z).dtype == np.float64, name
    np.testing.assert_array_equal(z, before)


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "relu", "linear"])
def test_derivatives_match_finite_differences(name):
    f, df = get_activation(name)
    z = np.array([-3.0, -0.7, -0.1, 0.2, 1.5, 4.0])  # away from ReLU's kink
    numeric = numerical_gradient(lambda v: np.sum(f(v)), z)
    assert relative_error(df(z), numeric) < 1e-8


def test_softmax_jacobian_vector_product_by_finite_differences():
    # dz = y * (dy - sum_k dy_k y_k): the backward of softmax, which the losses' from-logits
    # gradients build on
    rng = np.random.default_rng(0)
    z, dy = rng.normal(size=(4, 5)), rng.normal(size=(4, 5))
    y = softmax(z)
    numeric = numerical_gradient(lambda v: np.sum(dy * softmax(v)), z)
    assert relative_error(y * (dy - np.sum(dy * y, axis=-1, keepdims=True)), numeric) < 1e-8


@given(arrays(np.float64, (3, 4), elements=finite))
def test_softmax_rows_are_distributions(z):
    p = softmax(z)
    assert np.all(p >= 0)
    np.testing.assert_allclose(p.sum(axis=-1), 1.0)
    np.testing.assert_allclose(softmax(z + 7.0), p, atol=1e-12)  # shift invariance


@given(arrays(np.float64, 6, elements=st.floats(-1000, 1000)))
def test_sigmoid_symmetry_and_range(z):
    s = sigmoid(z)
    assert np.all((s >= 0) & (s <= 1))
    np.testing.assert_allclose(s + sigmoid(-z), 1.0, atol=1e-15)
    np.testing.assert_allclose(2 * sigmoid(2 * z) - 1, np.tanh(z), atol=1e-12)


def test_errors_name_the_argument():
    with pytest.raises(ValueError, match="activation must be one of"):
        get_activation("swish")
    with pytest.raises(ValueError, match="activation must be one of"):
        get_activation(None)
    with pytest.raises(TypeError, match="z must hold numbers"):
        sigmoid(np.array(["a"]))
    with pytest.raises(TypeError, match="z must hold numbers, got dtype bool"):
        relu(np.array([True, False]))
    with pytest.raises(TypeError, match="z must hold real numbers, got complex"):
        tanh([1 + 2j])
    with pytest.raises(ValueError, match="z must hold at least 1 value"):
        sigmoid([])
    with pytest.raises(ValueError, match=r"z must have shape \(\.\.\., K\)"):
        softmax(1.0)


@pytest.mark.parametrize("name, at_minus_inf, at_plus_inf", [
    ("sigmoid", 0.0, 1.0), ("tanh", -1.0, 1.0), ("relu", 0.0, np.inf), ("linear", -np.inf, np.inf),
])
def test_nan_and_inf_follow_ieee_element_by_element(name, at_minus_inf, at_plus_inf):
    f, df = get_activation(name)
    z = np.array([np.nan, -np.inf, np.inf, 0.5])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        y, dy = f(z), df(z)
    assert np.isnan(y[0]) and np.isnan(dy[0])  # nan in, nan out: it shows where it was made
    np.testing.assert_array_equal(y[1:3], [at_minus_inf, at_plus_inf])  # the limits
    assert y[3] == f(np.array([0.5]))[0]  # the other elements are untouched


def test_softmax_row_with_nan_is_nan_and_other_rows_untouched():
    p = softmax(np.array([[0.0, np.nan], [0.0, np.log(3.0)]]))
    assert np.isnan(p[0]).all()
    np.testing.assert_allclose(p[1], [0.25, 0.75])
