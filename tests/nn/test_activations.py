"""Tests of utils.nn.activations: known values, stability at +-1000, derivatives by finite differences."""

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
    softmax_backward,
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


def test_softmax_backward_gradcheck():
    rng = np.random.default_rng(0)
    z, dy = rng.normal(size=(4, 5)), rng.normal(size=(4, 5))
    numeric = numerical_gradient(lambda v: np.sum(dy * softmax(v)), z)
    assert relative_error(softmax_backward(dy, z), numeric) < 1e-8


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
    with pytest.raises(ValueError, match="activation"):
        get_activation("swish")
    with pytest.raises(TypeError, match="activation"):
        get_activation(None)
    with pytest.raises(TypeError, match="z"):
        sigmoid(np.array(["a"]))
    with pytest.raises(ValueError, match="z"):
        softmax(1.0)
    with pytest.raises(ValueError, match="dy"):
        softmax_backward(np.ones((2, 3)), np.ones((2, 4)))
