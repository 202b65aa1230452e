"""What every cell must satisfy, for SimpleRNN, LSTM and GRU (both reset_after settings):
Keras parity forward and backward, gradient checks, BPTT as chained steps, truncation, stable
numerics, dtypes, untouched inputs (fixtures in conftest.py; what they refuse:
test_every_cell_refuses.py)."""

import numpy as np
import pytest

from utils.cells.params import params_from_keras
from utils.nn.gradcheck import check_gradients, relative_error
from utils.notebook_setup import import_tensorflow_quietly

tf = import_tensorflow_quietly()
import keras  # noqa: E402  (after TensorFlow's quiet import)

# (N, T, D, H): a general case and the edge cases N=1, T=1, H=1.
SHAPES = [(3, 6, 2, 4), (1, 5, 3, 2), (4, 1, 2, 3), (2, 4, 1, 1)]


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("return_sequences", [True, False])
def test_forward_equals_keras(cell, random_case, keras_layer, shape, return_sequences):
    params, x, states = random_case(shape, np.random.default_rng(sum(shape)), np.float32)
    out, *keras_states = keras_layer(params, return_sequences)(x, initial_state=states)
    h_seq, last, _ = cell.forward(x, params, states)
    assert h_seq.dtype == np.float32
    assert np.abs((h_seq if return_sequences else last[0]) - out.numpy()).max() <= 1e-5
    for ours, theirs in zip(last, keras_states, strict=True):
        assert np.abs(ours - theirs.numpy()).max() <= 1e-5


@pytest.mark.parametrize("shape", SHAPES[:2])
def test_default_initial_state_is_zeros_as_in_keras(cell, random_case, keras_layer, shape):
    params, x, _ = random_case(shape, np.random.default_rng(1), np.float32)
    out, *_ = keras_layer(params, True)(x)
    assert np.abs(cell.forward(x, params)[0] - out.numpy()).max() <= 1e-5


@pytest.mark.parametrize("shape", SHAPES)
def test_bptt_gradients_equal_gradient_tape(cell, random_case, keras_layer, shape):
    rng = np.random.default_rng(7)
    params, x, states = random_case(shape, rng, np.float32)
    n, t, _, h = shape
    w_seq, w_last = rng.normal(size=(n, t, h)), rng.normal(size=(cell.n_states, n, h))
    layer = keras_layer(params, True)
    xv, state_vars = tf.constant(x), [tf.constant(s) for s in states]
    with tf.GradientTape() as tape:
        tape.watch([xv, *state_vars])
        seq, *last = layer(xv, initial_state=state_vars)
        loss = tf.reduce_sum(seq * w_seq.astype(np.float32)) + sum(
            tf.reduce_sum(s * w.astype(np.float32)) for s, w in zip(last, w_last, strict=True)
        )
    weights = [layer.cell.kernel, layer.cell.recurrent_kernel, layer.cell.bias]
    tape_grads = tape.gradient(loss, [*weights, xv, *state_vars])
    p64 = {k: v.astype(np.float64) for k, v in params.items()}
    _, _, cache = cell.forward(x.astype(np.float64), p64, states)
    dx, d_first, grads = cell.backward(w_seq, cache, list(w_last))
    ours = [grads["kernel"], grads["recurrent_kernel"], grads["bias"], dx, *d_first]
    names = ["kernel", "recurrent_kernel", "bias", "x", "h0", "c0"]
    for name, a, b in zip(names, ours, tape_grads, strict=False):
        assert relative_error(a, b.numpy()) <= 1e-4, name


def test_step_backward_gradient_check(cell, random_case):
    rng = np.random.default_rng(0)
    params, x, states = random_case((2, 1, 3, 4), rng)
    x, weights = x[:, 0], rng.normal(size=(cell.n_states, 2, 4))
    _, cache = cell.step(x, states, params)
    dx, d_prev, grads = cell.step_back(list(weights), cache)
    names = ["h", "c"][: cell.n_states]

    def loss(v):
        new, _ = cell.step(v["x"], [v[s] for s in names], {k: v[k] for k in params})
        return sum(np.sum(s * w) for s, w in zip(new, weights, strict=True))

    values = {"x": x, **dict(zip(names, states, strict=True)), **params}
    errors = check_gradients(loss, values, {"x": dx, **dict(zip(names, d_prev, strict=True)), **grads})
    assert max(errors.values()) < 1e-6, errors


def test_sequence_backward_gradient_check(cell, random_case):
    rng = np.random.default_rng(1)
    params, x, states = random_case((2, 5, 3, 3), rng)
    w_seq, w_last = rng.normal(size=(2, 5, 3)), rng.normal(size=(cell.n_states, 2, 3))
    _, _, cache = cell.forward(x, params, states)
    dx, d_first, grads = cell.backward(w_seq, cache, list(w_last))
    names = ["h", "c"][: cell.n_states]

    def loss(v):
        h_seq, last, _ = cell.forward(v["x"], {k: v[k] for k in params}, [v[s] for s in names])
        return np.sum(h_seq * w_seq) + sum(np.sum(s * w) for s, w in zip(last, w_last, strict=True))

    values = {"x": x, **dict(zip(names, states, strict=True)), **params}
    errors = check_gradients(loss, values, {"x": dx, **dict(zip(names, d_first, strict=True)),
                                            **grads})
    assert max(errors.values()) < 1e-6, errors


def test_sequence_equals_chained_steps(cell, random_case):
    """The loop a learner writes, steps forward then step backwards from T-1 to 0, gives the
    library's results to the last bit."""
    rng = np.random.default_rng(3)
    params, x, first = random_case((2, 4, 2, 3), rng)
    w_seq = rng.normal(size=(2, 4, 3))
    h_seq, _, cache = cell.forward(x, params, first)
    dx, d_first, grads = cell.backward(w_seq, cache)
    states, caches = first, []
    for t in range(4):
        states, step_cache = cell.step(x[:, t], states, params)
        np.testing.assert_array_equal(states[0], h_seq[:, t])
        caches.append(step_cache)
    d_states, total = [np.zeros_like(s) for s in first], {k: 0.0 for k in params}
    for t in reversed(range(4)):
        d_states[0] = d_states[0] + w_seq[:, t]
        dx_t, d_states, step_grads = cell.step_back(d_states, caches[t])
        np.testing.assert_array_equal(dx_t, dx[:, t])
        total = {k: total[k] + step_grads[k] for k in params}
    for ours, chained in zip(d_first, d_states, strict=True):
        np.testing.assert_array_equal(ours, chained)
    for k in params:
        np.testing.assert_array_equal(total[k], grads[k])


def test_truncated_bptt_equals_independent_blocks(cell, random_case):
    """truncate=k is the same as running blocks of k steps whose initial states are constants."""
    rng = np.random.default_rng(2)
    params, x, first = random_case((2, 7, 2, 3), rng)
    w_seq, k = rng.normal(size=(2, 7, 3)), 3
    _, _, cache = cell.forward(x, params, first)
    dx, d_first, grads = cell.backward(w_seq, cache, truncate=k)
    states, total = first, {name: 0.0 for name in params}
    for start in range(0, 7, k):
        _, last, block_cache = cell.forward(x[:, start : start + k], params, states)
        bdx, bd_first, bgrads = cell.backward(w_seq[:, start : start + k], block_cache)
        np.testing.assert_allclose(dx[:, start : start + k], bdx, rtol=1e-12, atol=1e-14)
        if start == 0:
            for ours, block in zip(d_first, bd_first, strict=True):
                np.testing.assert_allclose(ours, block, rtol=1e-12, atol=1e-14)
        total = {name: total[name] + bgrads[name] for name in params}
        states = last
    for name in params:
        np.testing.assert_allclose(grads[name], total[name], rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(cell.backward(w_seq, cache, truncate=7)[0],
                               cell.backward(w_seq, cache)[0])


def test_a_loss_on_the_last_state_alone(cell, random_case):
    """dh_seq=None with dh_last equals a dh_seq that is zero but at the last step."""
    rng = np.random.default_rng(4)
    params, x, first = random_case((2, 4, 2, 3), rng)
    w = rng.normal(size=(2, 3))
    _, _, cache = cell.forward(x, params, first)
    dh_seq = np.zeros((2, 4, 3))
    dh_seq[:, -1] = w
    np.testing.assert_allclose(cell.backward(None, cache, [w])[0], cell.backward(dh_seq, cache)[0])


def test_inputs_are_not_modified(cell, random_case):
    rng = np.random.default_rng(4)
    params, x, first = random_case((2, 4, 2, 3), rng)
    w_seq, w_last = rng.normal(size=(2, 4, 3)), list(rng.normal(size=(cell.n_states, 2, 3)))
    arrays = [x, *first, w_seq, *w_last, *params.values()]
    copies = [a.copy() for a in arrays]
    _, _, cache = cell.forward(x, params, first)
    cell.backward(w_seq, cache, w_last, truncate=2)
    _, step_cache = cell.step(x[:, 0], first, params)
    cell.step_back(w_last, step_cache)
    for before, after in zip(copies, arrays, strict=True):
        np.testing.assert_array_equal(before, after)


def test_large_pre_activations_do_not_overflow(cell, random_params):
    rng = np.random.default_rng(5)
    params = {k: v * 1000 for k, v in random_params(2, 3, rng).items()}
    with np.errstate(all="raise"):
        h_seq, _, cache = cell.forward(rng.normal(size=(2, 4, 2)) * 1000, params)
        dx = cell.backward(np.ones_like(h_seq), cache)[0]
    assert np.all(np.isfinite(h_seq)) and np.all(np.isfinite(dx))


def test_float32_stays_float32(cell, random_case):
    rng = np.random.default_rng(6)
    params, x, first = random_case((2, 4, 2, 3), rng, np.float32)
    h_seq, last, cache = cell.forward(x, params, first)
    dx, d_first, grads = cell.backward(np.ones_like(h_seq), cache, truncate=2)
    new, step_cache = cell.step(x[:, 0], first, params)
    step_dx, d_prev, step_grads = cell.step_back([np.ones_like(s) for s in new], step_cache)
    outputs = [h_seq, *last, dx, *d_first, *grads.values(), *new, step_dx, *d_prev,
               *step_grads.values()]
    assert {a.dtype for a in outputs} == {np.dtype(np.float32)}
    assert cell.forward(x, params)[0].dtype == np.float32  # zero initial states too


def test_keras_initial_weights_round_trip(cell):
    """Weights that Keras initialised give Keras' output, and init_params has their shapes."""
    layer = getattr(keras.layers, cell.layer)(3, return_sequences=True, **cell.options)
    x = np.random.default_rng(1).normal(size=(2, 5, 2)).astype(np.float32)
    out = layer(x)
    params = params_from_keras(layer)
    assert np.abs(cell.forward(x, params)[0] - out.numpy()).max() <= 1e-5
    ours = cell.init_params(2, 3, seed=0)
    assert {k: v.shape for k, v in ours.items()} == {k: v.shape for k, v in params.items()}
