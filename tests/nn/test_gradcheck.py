"""Tests of utils.nn.gradcheck: the checker itself must catch a wrong gradient and pass a right one."""

import numpy as np
import pytest

from utils.nn.gradcheck import check_gradients, numerical_gradient, relative_error


def test_numerical_gradient_of_known_functions():
    x = np.array([[1.0, -2.0], [0.5, 3.0]])
    np.testing.assert_allclose(numerical_gradient(lambda v: np.sum(v**2), x), 2 * x, rtol=1e-8)
    np.testing.assert_allclose(numerical_gradient(lambda v: np.sin(v).sum(), x), np.cos(x), rtol=1e-8)


def test_input_is_not_mutated():
    x = np.array([1.0, 2.0])
    numerical_gradient(lambda v: float(v @ v), x)
    np.testing.assert_array_equal(x, [1.0, 2.0])


def test_relative_error():
    assert relative_error([1.0, 2.0], [1.0, 2.0]) == 0.0
    assert relative_error([0.0], [0.0]) == 0.0
    assert relative_error([1.0], [-1.0]) == pytest.approx(1.0)
    assert relative_error([1.0], [1.0 + 1e-9]) < 1e-9


def test_check_gradients_passes_right_and_flags_wrong():
    params = {"w": np.array([1.0, -2.0]), "b": np.array([0.5])}

    def loss(p):
        return float(np.sum(p["w"] ** 3) + 4 * p["b"][0] ** 2)

    right = {"w": 3 * params["w"] ** 2, "b": 8 * params["b"]}
    wrong = {"w": 3 * params["w"] ** 2, "b": 4 * params["b"]}  # forgot the factor 2
    assert max(check_gradients(loss, params, right).values()) < 1e-8
    errors = check_gradients(loss, params, wrong)
    assert errors["w"] < 1e-8 and errors["b"] > 0.1


def test_errors_name_the_argument():
    with pytest.raises(TypeError, match="f"):
        numerical_gradient(3.0, np.zeros(2))
    with pytest.raises(ValueError, match="h"):
        numerical_gradient(np.sum, np.zeros(2), h=0.0)
    with pytest.raises(ValueError, match="same shape"):
        relative_error(np.zeros(2), np.zeros(3))
    with pytest.raises(ValueError, match="grads"):
        check_gradients(lambda p: 0.0, {"w": np.zeros(1)}, {"v": np.zeros(1)})
