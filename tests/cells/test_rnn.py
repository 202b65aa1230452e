"""utils.cells.rnn: equal to keras.layers.SimpleRNN (outputs and GradientTape gradients), gradient checks."""

import numpy as np
import pytest

from utils.cells import rnn
from utils.cells.params import params_to_keras
from utils.nn.gradcheck import check_gradients, relative_error
from utils.notebook_setup import import_tensorflow_quietly

tf = import_tensorflow_quietly()
import keras  # noqa: E402  (after TensorFlow's quiet import)

# (N, T, D, H): the edge cases T=1, N=1, H=1 and a general one.
SHAPES = [(3, 6, 2, 4), (1, 5, 3, 2), (4, 1, 2, 3), (2, 4, 1, 1)]


def random_params(input_dim, units, rng, dtype=np.float64, scale=0.5):
    """Random weights and bias (a zero bias would hide bias bugs)."""
    shapes = {k: v.shape for k, v in rnn.init_params(input_dim, units).items()}
    return {k: rng.normal(scale=scale, size=s).astype(dtype) for k, s in shapes.items()}


def keras_layer(params, return_sequences):
    layer = keras.layers.SimpleRNN(
        params["recurrent_kernel"].shape[0], return_sequences=return_sequences, return_state=True
    )
    layer.build((None, None, params["kernel"].shape[0]))
    params_to_keras(params, layer)
    return layer


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("return_sequences", [True, False])
def test_forward_equals_keras_simple_rnn(shape, return_sequences):
    n, t, d, h = shape
    rng = np.random.default_rng(sum(shape))
    params = random_params(d, h, rng, np.float32)
    x = rng.normal(size=(n, t, d)).astype(np.float32)
    h0 = rng.normal(size=(n, h)).astype(np.float32)
    out, state = keras_layer(params, return_sequences)(x, initial_state=[h0])
    h_seq, h_last, _ = rnn.sequence_forward(x, params, h0)
    assert h_seq.dtype == np.float32
    assert np.abs((h_seq if return_sequences else h_last) - out.numpy()).max() <= 1e-5
    assert np.abs(h_last - state.numpy()).max() <= 1e-5


@pytest.mark.parametrize("shape", SHAPES[:2])
def test_default_initial_state_is_zeros_as_in_keras(shape):
    n, t, d, h = shape
    rng = np.random.default_rng(1)
    params = random_params(d, h, rng, np.float32)
    x = rng.normal(size=(n, t, d)).astype(np.float32)
    out, _ = keras_layer(params, True)(x)
    assert np.abs(rnn.sequence_forward(x, params)[0] - out.numpy()).max() <= 1e-5


@pytest.mark.parametrize("shape", SHAPES)
def test_bptt_gradients_equal_gradient_tape(shape):
    n, t, d, h = shape
    rng = np.random.default_rng(7)
    params = random_params(d, h, rng, np.float32)
    x = rng.normal(size=(n, t, d)).astype(np.float32)
    h0 = rng.normal(size=(n, h)).astype(np.float32)
    w_seq, w_last = rng.normal(size=(n, t, h)), rng.normal(size=(n, h))
    layer = keras_layer(params, True)
    xv, h0v = tf.constant(x), tf.constant(h0)
    with tf.GradientTape() as tape:
        tape.watch([xv, h0v])
        seq, last = layer(xv, initial_state=[h0v])
        loss = tf.reduce_sum(seq * w_seq.astype(np.float32)) + tf.reduce_sum(
            last * w_last.astype(np.float32)
        )
    weights = [layer.cell.kernel, layer.cell.recurrent_kernel, layer.cell.bias]
    tape_grads = tape.gradient(loss, weights + [xv, h0v])
    p64 = {k: v.astype(np.float64) for k, v in params.items()}
    _, _, cache = rnn.sequence_forward(x.astype(np.float64), p64, h0.astype(np.float64))
    dx, dh0, grads = rnn.sequence_backward(w_seq, cache, dh_last=w_last)
    ours = [grads["kernel"], grads["recurrent_kernel"], grads["bias"], dx, dh0]
    for name, a, b in zip(
        ["kernel", "recurrent_kernel", "bias", "x", "h0"], ours, tape_grads, strict=True
    ):
        assert relative_error(a, b.numpy()) <= 1e-4, name


def test_step_backward_gradient_check():
    rng = np.random.default_rng(0)
    params = random_params(3, 4, rng)
    x, h_prev, w = rng.normal(size=(2, 3)), rng.normal(size=(2, 4)), rng.normal(size=(2, 4))
    h_next, cache = rnn.step_forward(x, h_prev, params)
    dx, dh_prev, grads = rnn.step_backward(w, cache)

    def loss(v):
        return np.sum(rnn.step_forward(v["x"], v["h"], {k: v[k] for k in params})[0] * w)

    errors = check_gradients(
        loss, {"x": x, "h": h_prev, **params}, {"x": dx, "h": dh_prev, **grads}
    )
    assert max(errors.values()) < 1e-6, errors


def test_sequence_backward_gradient_check():
    rng = np.random.default_rng(1)
    n, t, d, h = 2, 5, 3, 3
    params = random_params(d, h, rng)
    x, h0 = rng.normal(size=(n, t, d)), rng.normal(size=(n, h))
    w_seq, w_last = rng.normal(size=(n, t, h)), rng.normal(size=(n, h))
    _, _, cache = rnn.sequence_forward(x, params, h0)
    dx, dh0, grads = rnn.sequence_backward(w_seq, cache, dh_last=w_last)

    def loss(v):
        h_seq, h_last, _ = rnn.sequence_forward(v["x"], {k: v[k] for k in params}, v["h"])
        return np.sum(h_seq * w_seq) + np.sum(h_last * w_last)

    errors = check_gradients(loss, {"x": x, "h": h0, **params}, {"x": dx, "h": dh0, **grads})
    assert max(errors.values()) < 1e-6, errors


def test_truncated_bptt_equals_independent_blocks():
    """truncate=k is the same as running blocks of k steps whose initial state is a constant."""
    rng = np.random.default_rng(2)
    n, t, d, h, k = 2, 7, 2, 3, 3
    params = random_params(d, h, rng)
    x, h0, w_seq = rng.normal(size=(n, t, d)), rng.normal(size=(n, h)), rng.normal(size=(n, t, h))
    _, _, cache = rnn.sequence_forward(x, params, h0)
    dx, dh0, grads = rnn.sequence_backward(w_seq, cache, truncate=k)
    state, total = h0, {name: 0.0 for name in params}
    for start in range(0, t, k):
        _, last, block_cache = rnn.sequence_forward(x[:, start : start + k], params, state)
        bdx, bdh0, bgrads = rnn.sequence_backward(w_seq[:, start : start + k], block_cache)
        np.testing.assert_allclose(dx[:, start : start + k], bdx, rtol=1e-12, atol=1e-14)
        if start == 0:
            np.testing.assert_allclose(dh0, bdh0, rtol=1e-12, atol=1e-14)
        total = {name: total[name] + bgrads[name] for name in params}
        state = last
    for name in params:
        np.testing.assert_allclose(grads[name], total[name], rtol=1e-12, atol=1e-14)
    full = rnn.sequence_backward(w_seq, cache, truncate=t)
    np.testing.assert_allclose(full[0], rnn.sequence_backward(w_seq, cache)[0])


def test_sequence_equals_chained_steps():
    rng = np.random.default_rng(3)
    params = random_params(2, 3, rng)
    x, h0, w_seq = rng.normal(size=(2, 4, 2)), rng.normal(size=(2, 3)), rng.normal(size=(2, 4, 3))
    h_seq, _, cache = rnn.sequence_forward(x, params, h0)
    dx, dh0, grads = rnn.sequence_backward(w_seq, cache)
    h, caches = h0, []
    for t in range(4):
        h, step_cache = rnn.step_forward(x[:, t], h, params)
        np.testing.assert_allclose(h, h_seq[:, t])
        caches.append(step_cache)
    dh, total = np.zeros_like(h0), {k: 0.0 for k in params}
    for t in reversed(range(4)):
        dx_t, dh, g = rnn.step_backward(dh + w_seq[:, t], caches[t])
        np.testing.assert_allclose(dx_t, dx[:, t])
        total = {k: total[k] + g[k] for k in params}
    np.testing.assert_allclose(dh, dh0)
    for k in params:
        np.testing.assert_allclose(total[k], grads[k])


def test_inputs_are_not_modified_and_return_sequences_false_gradient():
    rng = np.random.default_rng(4)
    params = random_params(2, 3, rng)
    x, h0, w = rng.normal(size=(2, 4, 2)), rng.normal(size=(2, 3)), rng.normal(size=(2, 3))
    copies = [x.copy(), h0.copy(), w.copy()] + [v.copy() for v in params.values()]
    _, _, cache = rnn.sequence_forward(x, params, h0)
    by_last = rnn.sequence_backward(None, cache, dh_last=w)
    dh_seq = np.zeros((2, 4, 3))
    dh_seq[:, -1] = w
    by_seq = rnn.sequence_backward(dh_seq, cache)
    np.testing.assert_allclose(by_last[0], by_seq[0])
    for before, after in zip(copies, [x, h0, w, *params.values()], strict=True):
        np.testing.assert_array_equal(before, after)


def test_large_pre_activations_do_not_overflow():
    rng = np.random.default_rng(5)
    params = {k: v * 1000 for k, v in random_params(2, 3, rng).items()}
    with np.errstate(all="raise"):
        h_seq, _, cache = rnn.sequence_forward(rng.normal(size=(2, 4, 2)) * 1000, params)
        dx = rnn.sequence_backward(np.ones_like(h_seq), cache)[0]
    assert np.all(np.isfinite(h_seq)) and np.all(np.isfinite(dx))


def test_init_params_recurrent_scale_is_the_spectral_radius():
    params = rnn.init_params(2, 5, seed=0, recurrent_scale=0.7)
    assert params["kernel"].shape == (2, 5) and params["bias"].shape == (5,)
    np.testing.assert_allclose(np.abs(np.linalg.eigvals(params["recurrent_kernel"])), 0.7)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda p: rnn.sequence_forward(np.zeros((2, 3)), p), r"x must have shape \(N, T, 2\)"),
        (lambda p: rnn.sequence_forward(np.zeros((2, 3, 4)), p), r"x must have shape \(N, T, 2\)"),
        (lambda p: rnn.sequence_forward(np.zeros((2, 0, 2)), p), "at least one"),
        (
            lambda p: rnn.sequence_forward(np.zeros((2, 3, 2)), p, np.zeros((2, 4))),
            r"h0 .*\(2, 3\)",
        ),
        (lambda p: rnn.step_forward(np.zeros((2, 2)), np.zeros((1, 3)), p), r"h_prev .*\(2, 3\)"),
        (
            lambda p: rnn.step_forward(np.zeros(2), np.zeros((1, 3)), p),
            r"x must have shape \(N, 2\)",
        ),
        (lambda p: rnn.sequence_forward(np.zeros((1, 3, 2)), {"kernel": p["kernel"]}), "missing"),
        (
            lambda p: rnn.sequence_forward(np.zeros((1, 3, 2)), {**p, "bias": np.zeros(4)}),
            r"params\['bias'\] must have shape \(3,\)",
        ),
        (
            lambda p: rnn.sequence_forward(np.zeros((1, 3, 2)), {**p, "kernel": np.zeros((2, 4))}),
            r"params\['kernel'\]",
        ),
        (
            lambda p: rnn.sequence_forward(
                np.zeros((1, 3, 2)), {**p, "recurrent_kernel": np.zeros((3, 2))}
            ),
            r"params\['recurrent_kernel'\]",
        ),
        (lambda p: rnn.sequence_forward(np.zeros((1, 3, 2)), [1, 2]), "params must be a dict"),
    ],
)
def test_bad_input_gives_a_clear_error(call, message):
    with pytest.raises(ValueError, match=message):
        call(rnn.init_params(2, 3, seed=0))


def test_bad_backward_arguments_give_a_clear_error():
    params = rnn.init_params(2, 3, seed=0)
    _, _, cache = rnn.sequence_forward(np.zeros((1, 4, 2)), params)
    with pytest.raises(ValueError, match=r"dh_seq must have shape \(1, 4, 3\)"):
        rnn.sequence_backward(np.zeros((1, 4, 2)), cache)
    with pytest.raises(ValueError, match=r"dh_last must have shape \(1, 3\)"):
        rnn.sequence_backward(None, cache, dh_last=np.zeros(3))
    with pytest.raises(ValueError, match="truncate must be None or a positive int"):
        rnn.sequence_backward(None, cache, truncate=0)
    _, step_cache = rnn.step_forward(np.zeros((1, 2)), np.zeros((1, 3)), params)
    with pytest.raises(ValueError, match=r"dh_next must have shape \(1, 3\)"):
        rnn.step_backward(np.zeros((2, 3)), step_cache)
