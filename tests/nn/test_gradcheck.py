"""Tests of utils.nn.gradcheck: the checker itself must catch a wrong gradient and pass a right
one, and refuse what it cannot check (NaN, inf) rather than pass it."""

import numpy as np
import pytest

from utils.nn.gradcheck import check_gradients, numerical_gradient, relative_error


def test_numerical_gradient_of_known_functions():
    x = np.array([[1.0, -2.0], [0.5, 3.0]])
    np.testing.assert_allclose(numerical_gradient(lambda v: np.sum(v**2), x), 2 * x, rtol=1e-8)
    np.testing.assert_allclose(numerical_gradient(lambda v: np.sin(v).sum(), x), np.cos(x),
                               rtol=1e-8)


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


def test_relative_error_does_not_overflow_for_large_values():
    assert relative_error([1e200, -3e200], [1e200, -3e200]) == 0.0
    assert relative_error([2e300], [1e300]) == pytest.approx(1 / 3)
    assert relative_error([1e-300], [0.0]) == pytest.approx(1.0)  # no underflow to 0/0 either


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_a_non_finite_gradient_is_refused_not_passed(bad):
    # nan > tol is False: a NaN error would let a broken gradient through the check
    with pytest.raises(ValueError, match="a must hold finite numbers"):
        relative_error([1.0, bad], [1.0, 2.0])
    with pytest.raises(ValueError, match="b must hold finite numbers"):
        relative_error([1.0, 2.0], [bad, 2.0])
    params = {"w": np.array([1.0, -2.0])}
    with pytest.raises(ValueError, match=r"grads\['w'\] must hold finite numbers"):
        check_gradients(lambda p: float(np.sum(p["w"] ** 2)), params, {"w": np.array([bad, 1.0])})
    with pytest.raises(ValueError, match=r"params\['w'\] must hold finite numbers"):
        check_gradients(lambda p: 0.0, {"w": np.array([bad])}, {"w": np.zeros(1)})


def test_a_loss_that_returns_nan_or_an_array_is_refused():
    def sqrt_loss(v):  # nan once element 1 goes below 0
        with np.errstate(invalid="ignore"):
            return float(v[0] + np.sqrt(v[1]))

    with pytest.raises(ValueError, match="f must return a finite number, got nan with element 1"):
        numerical_gradient(sqrt_loss, np.array([1.0, 0.0]), h=1e-3)
    with pytest.raises(ValueError, match="loss_fn must return a finite number"):
        check_gradients(lambda p: np.inf, {"w": np.zeros(1)}, {"w": np.zeros(1)})
    with pytest.raises(TypeError, match=r"f must return one real number \(the loss\), got ndarray"):
        numerical_gradient(lambda v: v * 2, np.zeros(2))


def test_errors_name_the_argument():
    with pytest.raises(TypeError, match="f must be a function"):
        numerical_gradient(3.0, np.zeros(2))
    with pytest.raises(ValueError, match="h must be a number > 0"):
        numerical_gradient(np.sum, np.zeros(2), h=0.0)
    with pytest.raises(TypeError, match="x must hold real numbers, got complex"):
        numerical_gradient(np.sum, np.array([1j]))
    with pytest.raises(ValueError, match="x must hold at least 1 value"):
        numerical_gradient(np.sum, np.zeros(0))
    with pytest.raises(ValueError, match=r"b must have the shape of a \(2,\), got \(3,\)"):
        relative_error(np.zeros(2), np.zeros(3))
    with pytest.raises(ValueError, match="grads must have the keys of params"):
        check_gradients(lambda p: 0.0, {"w": np.zeros(1)}, {"v": np.zeros(1)})
    with pytest.raises(ValueError, match=r"grads\['w'\] must have the shape of params\['w'\]"):
        check_gradients(lambda p: 0.0, {"w": np.zeros(1)}, {"w": np.zeros(2)})
    with pytest.raises(ValueError, match="params must hold at least one array"):
        check_gradients(lambda p: 0.0, {}, {})
    with pytest.raises(TypeError, match="loss_fn must be a function"):
        check_gradients("loss", {"w": np.zeros(1)}, {"w": np.zeros(1)})
    with pytest.raises(TypeError, match="grads must be a dict"):
        check_gradients(lambda p: 0.0, {"w": np.zeros(1)}, [np.zeros(1)])
