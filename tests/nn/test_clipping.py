"""Tests of utils.nn.clipping: known values, the equation, purity, dtypes, no overflow, Keras'
``global_clipnorm``, and the refusal of bad arguments."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from utils.nn.clipping import clip_by_global_norm

#: Gradient entries: 0 or of size 1e-100 to 1e6 (np.linalg.norm, the reference, underflows below).
ELEMENTS = st.floats(-1e6, 1e6).filter(lambda v: v == 0 or abs(v) > 1e-100)
GRADS = {"a": np.array([3.0, 0.0]), "b": np.array([[4.0]])}  # global norm 5


def test_known_values_scale_every_array_by_one_factor():
    clipped, norm = clip_by_global_norm(GRADS, 1.0)
    assert norm == pytest.approx(5.0)
    np.testing.assert_allclose(clipped["a"], [0.6, 0.0])
    np.testing.assert_allclose(clipped["b"], [[0.8]])


def test_below_the_threshold_nothing_changes_but_the_arrays_are_new():
    clipped, norm = clip_by_global_norm(GRADS, 5.0)
    assert norm == pytest.approx(5.0)
    for k in GRADS:
        np.testing.assert_array_equal(clipped[k], GRADS[k])
        assert clipped[k] is not GRADS[k]


def test_inf_never_clips_and_reports_the_norm():
    clipped, norm = clip_by_global_norm(GRADS, np.inf)
    assert norm == pytest.approx(5.0)
    np.testing.assert_array_equal(clipped["b"], GRADS["b"])


def test_the_inputs_are_not_modified():
    grads = {k: v.copy() for k, v in GRADS.items()}
    clip_by_global_norm(grads, 0.1)
    for k in GRADS:
        np.testing.assert_array_equal(grads[k], GRADS[k])


def test_zero_gradients_and_empty_arrays():
    clipped, norm = clip_by_global_norm({"w": np.zeros((2, 3)), "e": np.zeros(0)}, 1.0)
    assert norm == 0.0 and clipped["w"].shape == (2, 3) and clipped["e"].shape == (0,)
    clipped, norm = clip_by_global_norm({"w": np.array([3.0, 4.0]), "e": np.zeros(0)}, 1.0)
    assert norm == pytest.approx(5.0) and clipped["e"].shape == (0,)


def test_float32_stays_float32_and_ints_become_floats():
    clipped, _ = clip_by_global_norm({"w": np.array([3.0, 4.0], np.float32), "i": [1, 2]}, 1.0)
    assert clipped["w"].dtype == np.float32 and clipped["i"].dtype == np.float64


def test_huge_gradients_do_not_overflow():
    clipped, norm = clip_by_global_norm({"w": np.array([3e200, 4e200])}, 1.0)
    assert norm == pytest.approx(5e200)
    np.testing.assert_allclose(clipped["w"], [0.6, 0.8])


@settings(max_examples=60, deadline=None)
@given(arrays(np.float64, st.integers(1, 6), elements=ELEMENTS),
       arrays(np.float64, (2, 2), elements=ELEMENTS),
       st.floats(1e-3, 1e3))
def test_the_equation(a, b, max_norm):
    """g <- g min(1, c / ||g||): the direction is kept, the norm is at most c."""
    clipped, norm = clip_by_global_norm({"a": a, "b": b}, max_norm)
    whole = np.concatenate([a.ravel(), b.ravel()])
    assert norm == pytest.approx(np.linalg.norm(whole), rel=1e-12, abs=1e-300)
    scale = 1.0 if norm == 0 else min(1.0, max_norm / norm)
    np.testing.assert_allclose(clipped["a"], a * scale, rtol=1e-12)
    np.testing.assert_allclose(clipped["b"], b * scale, rtol=1e-12)
    after = np.linalg.norm(np.concatenate([clipped["a"].ravel(), clipped["b"].ravel()]))
    assert after <= max_norm * (1 + 1e-12) or after == pytest.approx(norm)


def test_equals_keras_global_clipnorm():
    keras = pytest.importorskip("keras")
    grads = {"w": np.array([[0.5, -4.0], [2.0, 1.0]]), "b": np.array([3.0, -0.5])}
    variables = {k: keras.Variable(np.zeros_like(v)) for k, v in grads.items()}
    sgd = keras.optimizers.SGD(learning_rate=1.0, global_clipnorm=1.5)  # one step = -clipped
    sgd.apply_gradients([(keras.ops.convert_to_tensor(grads[k]), variables[k]) for k in grads])
    clipped, _ = clip_by_global_norm(grads, 1.5)
    for k in grads:
        np.testing.assert_allclose(-np.asarray(variables[k]), clipped[k], rtol=1e-6)


@pytest.mark.parametrize("grads, max_norm, error, message", [
    ([1.0, 2.0], 1.0, TypeError, "grads must be a dict"),
    ({}, 1.0, ValueError, "grads must hold at least one array"),
    ({"w": [np.nan, 1.0]}, 1.0, ValueError, r"grads\['w'\] must hold finite"),
    ({"w": [np.inf]}, 1.0, ValueError, r"grads\['w'\] must hold finite"),
    ({"w": [1j]}, 1.0, TypeError, r"grads\['w'\] must hold real"),
    ({"w": ["a"]}, 1.0, TypeError, r"grads\['w'\] must hold numbers"),
    ({"w": [1.0]}, 0.0, ValueError, r"max_norm must be a number > 0 \(inf: never clip\)"),
    ({"w": [1.0]}, -np.inf, ValueError, "max_norm must be a number > 0"),
    ({"w": [1.0]}, np.nan, ValueError, "max_norm must be a number > 0"),
    ({"w": [1.0]}, "1", TypeError, "max_norm must be a real number"),
    ({"w": [1.0]}, True, TypeError, "max_norm must be a real number"),
])
def test_bad_arguments_are_refused(grads, max_norm, error, message):
    with pytest.raises(error, match=message):
        clip_by_global_norm(grads, max_norm)
