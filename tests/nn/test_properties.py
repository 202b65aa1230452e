"""Hypothesis properties of the numeric entry points of utils.nn: finite inputs are accepted,
non-finite ones are refused where the docstring says so (NaN keeps IEEE behaviour in the
element-wise activations), and no input is ever modified."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import array_shapes, arrays

from utils.nn import activations, losses
from utils.nn.gradcheck import relative_error
from utils.nn.optimizers import adam_update, init_adam_state, sgd_update

finite = st.floats(-1e6, 1e6, allow_nan=False)
probability = st.floats(0.0, 1.0)
non_finite = st.sampled_from([np.nan, np.inf, -np.inf])
shapes = array_shapes(min_dims=1, max_dims=2, min_side=1, max_side=5)
ELEMENTWISE = [f for name, pair in activations.ACTIVATIONS.items() for f in pair]


@pytest.mark.parametrize("f", ELEMENTWISE + [activations.softmax])
@given(z=arrays(np.float64, shapes, elements=finite))
def test_activations_accept_finite_arrays_and_keep_them(f, z):
    before = z.copy()
    out = f(z)
    assert out.shape == z.shape and np.isfinite(out).all()
    np.testing.assert_array_equal(z, before)


@pytest.mark.parametrize("f", ELEMENTWISE)
@given(z=arrays(np.float64, shapes, elements=finite), data=st.data())
def test_activations_keep_nan_where_it_is(f, z, data):
    position = tuple(data.draw(st.integers(0, n - 1)) for n in z.shape)
    z[position] = np.nan
    before = z.copy()
    out = f(z)
    assert np.isnan(out[position]) and np.isfinite(np.delete(out.ravel(), np.ravel_multi_index(
        position, z.shape))).all()
    np.testing.assert_array_equal(z, before)


def _pair(draw_y, draw_p, n):
    return (arrays(np.float64, (n, 1), elements=draw_y),
            arrays(np.float64, (n, 1), elements=draw_p))


PAIRWISE = {  # loss -> (labels, predictions) strategies of valid values
    losses.mse: (finite, finite), losses.mse_grad: (finite, finite),
    losses.binary_cross_entropy: (probability, probability),
    losses.binary_cross_entropy_grad: (probability, probability),
    losses.binary_cross_entropy_from_logits: (probability, finite),
    losses.binary_cross_entropy_from_logits_grad: (probability, finite),
}


@pytest.mark.parametrize("loss", list(PAIRWISE))
@given(data=st.data(), n=st.integers(1, 6))
def test_losses_accept_valid_inputs_and_keep_them(loss, data, n):
    y_strategy, p_strategy = _pair(*PAIRWISE[loss], n)
    y, p = data.draw(y_strategy), data.draw(p_strategy)
    saved = y.copy(), p.copy()
    assert np.isfinite(loss(y, p)).all()
    np.testing.assert_array_equal(y, saved[0])
    np.testing.assert_array_equal(p, saved[1])


@pytest.mark.parametrize("loss", list(PAIRWISE))
@given(data=st.data(), n=st.integers(1, 6), bad=non_finite, in_labels=st.booleans())
def test_losses_refuse_nan_and_inf_in_either_argument(loss, data, n, bad, in_labels):
    y_strategy, p_strategy = _pair(*PAIRWISE[loss], n)
    y, p = data.draw(y_strategy), data.draw(p_strategy)
    row = data.draw(st.integers(0, n - 1))
    (y if in_labels else p)[row, 0] = bad
    saved = y.copy(), p.copy()
    name = "y_true" if in_labels else "(y_pred|logits)"
    with pytest.raises(ValueError, match=f"^{name} must hold finite numbers"):
        loss(y, p)
    np.testing.assert_array_equal(y, saved[0])
    np.testing.assert_array_equal(p, saved[1])


@pytest.mark.parametrize("loss", [losses.categorical_cross_entropy,
                                  losses.categorical_cross_entropy_from_logits])
@given(logits=arrays(np.float64, st.tuples(st.integers(1, 5), st.integers(2, 4)),
                     elements=st.floats(-30, 30)), data=st.data())
def test_categorical_losses_accept_one_hot_rows_and_keep_them(loss, logits, data):
    labels = np.eye(logits.shape[1])[data.draw(st.lists(
        st.integers(0, logits.shape[1] - 1), min_size=len(logits), max_size=len(logits)))]
    pred = activations.softmax(logits) if loss is losses.categorical_cross_entropy else logits
    saved = labels.copy(), pred.copy()
    assert loss(labels, pred) >= 0
    np.testing.assert_array_equal(labels, saved[0])
    np.testing.assert_array_equal(pred, saved[1])


@given(a=arrays(np.float64, 4, elements=st.floats(-1e300, 1e300)),
       b=arrays(np.float64, 4, elements=st.floats(-1e300, 1e300)))
def test_relative_error_is_finite_bounded_and_symmetric(a, b):
    err = relative_error(a, b)
    assert 0.0 <= err <= 1.0 + 1e-12
    assert err == pytest.approx(relative_error(b, a), abs=1e-12)


@given(a=arrays(np.float64, 4, elements=finite), bad=non_finite, i=st.integers(0, 3))
def test_relative_error_refuses_non_finite(a, bad, i):
    b = a.copy()
    b[i] = bad
    with pytest.raises(ValueError, match="^b must hold finite numbers"):
        relative_error(a, b)


@given(p=arrays(np.float64, 3, elements=finite), g=arrays(np.float64, 3, elements=finite))
def test_updates_accept_finite_values_and_keep_their_inputs(p, g):
    params, grads = {"w": p}, {"w": g}
    saved = p.copy(), g.copy()
    state = init_adam_state(params)
    assert np.isfinite(sgd_update(params, grads, lr=0.1)["w"]).all()
    new, new_state = adam_update(params, grads, state, lr=0.1)
    assert np.isfinite(new["w"]).all() and new_state["t"] == 1 and state["t"] == 0
    np.testing.assert_array_equal(p, saved[0])
    np.testing.assert_array_equal(g, saved[1])
    np.testing.assert_array_equal(state["m"]["w"], 0.0)


@given(p=arrays(np.float64, 3, elements=finite), bad=non_finite, i=st.integers(0, 2))
def test_updates_refuse_non_finite_gradients(p, bad, i):
    g = np.zeros(3)
    g[i] = bad
    with pytest.raises(ValueError, match=r"^grads\['w'\] must hold finite numbers"):
        sgd_update({"w": p}, {"w": g})
