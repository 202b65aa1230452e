"""utils.data.sine: the generated sine wave."""

import numpy as np
import pytest

from utils.data import sine


def test_clean_sine_has_known_values():
    s = sine(8, period=4)
    np.testing.assert_allclose(s.to_numpy(), [0, 1, 0, -1, 0, 1, 0, -1], atol=1e-12)
    assert s.name == "sine" and s.index.name == "t" and s.index[-1] == 7


def test_noise_is_repeatable_with_a_seed_and_has_the_right_scale():
    a, b = sine(5000, 50, noise=0.1, seed=1), sine(5000, 50, noise=0.1, seed=1)
    np.testing.assert_array_equal(a, b)
    residual = a - sine(5000, 50)
    assert residual.std() == pytest.approx(0.1, rel=0.05)
    assert not np.array_equal(a, sine(5000, 50, noise=0.1, seed=2))


def test_amplitude():
    assert sine(4, 4, amplitude=3.0).max() == pytest.approx(3.0)


@pytest.mark.parametrize("kwargs,error,match", [
    ({"n": 0, "period": 4}, ValueError, r"n must be a positive int \(>= 1\), got 0"),
    ({"n": 2.5, "period": 4}, TypeError, "n must be a positive int"),
    ({"n": 10, "period": 0}, ValueError, "period must be a number > 0"),
    ({"n": 10, "period": 4, "noise": -1}, ValueError, "noise must be a number >= 0"),
    ({"n": 10, "period": float("nan")}, ValueError, "period must be a finite number"),
    ({"n": 10, "period": 4, "amplitude": float("inf")}, ValueError, "amplitude must be a finite"),
    ({"n": 10, "period": "4"}, TypeError, "period must be a real number"),
    ({"n": 10, "period": 4, "noise": 0.1, "seed": -1}, ValueError, "seed must be a non-negative"),
    ({"n": 10, "period": 4, "noise": 0.1, "seed": "1"}, TypeError, "seed must be a non-negative"),
])
def test_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        sine(**kwargs)
