"""utils.cells.gru: equal to keras.layers.GRU for both reset_after settings, gradient checks."""

import numpy as np
import pytest

from utils.cells import gru
from utils.cells.params import params_from_keras, params_to_keras
from utils.nn.gradcheck import check_gradients, relative_error
from utils.notebook_setup import import_tensorflow_quietly

tf = import_tensorflow_quietly()
import keras  # noqa: E402  (after TensorFlow's quiet import)

# (N, T, D, H): the edge cases T=1, N=1, H=1 and a general one.
SHAPES = [(3, 6, 2, 4), (1, 5, 3, 2), (4, 1, 2, 3), (2, 4, 1, 1)]
RESET_AFTER = [True, False]


def random_params(input_dim, units, rng, reset_after, dtype=np.float64, scale=0.5):
    """Random weights and bias (a zero bias would hide bias bugs)."""
    init = gru.init_params(input_dim, units, reset_after=reset_after)
    return {k: rng.normal(scale=scale, size=v.shape).astype(dtype) for k, v in init.items()}


def keras_layer(params, return_sequences):
    layer = keras.layers.GRU(
        params["recurrent_kernel"].shape[0],
        return_sequences=return_sequences,
        return_state=True,
        reset_after=gru.reset_after(params),
    )
    layer.build((None, None, params["kernel"].shape[0]))
    params_to_keras(params, layer)
    return layer


def random_case(shape, rng, reset_after, dtype):
    n, t, d, h = shape
    params = random_params(d, h, rng, reset_after, dtype)
    return params, rng.normal(size=(n, t, d)).astype(dtype), rng.normal(size=(n, h)).astype(dtype)


@pytest.mark.parametrize("reset_after", RESET_AFTER)
@pytest.mark.parametrize("shape", SHAPES)
def test_forward_equals_keras_gru(shape, reset_after):
    params, x, h0 = random_case(shape, np.random.default_rng(sum(shape)), reset_after, np.float32)
    h_seq, h_last, _ = gru.sequence_forward(x, params, h0)
    assert h_seq.dtype == np.float32
    for return_sequences in (True, False):
        out, state = keras_layer(params, return_sequences)(x, initial_state=[h0])
        assert np.abs((h_seq if return_sequences else h_last) - out.numpy()).max() <= 1e-5
        assert np.abs(h_last - state.numpy()).max() <= 1e-5


@pytest.mark.parametrize("reset_after", RESET_AFTER)
def test_default_initial_state_and_keras_init_round_trip(reset_after):
    rng = np.random.default_rng(1)
    layer = keras.layers.GRU(3, return_sequences=True, reset_after=reset_after)
    x = rng.normal(size=(2, 5, 2)).astype(np.float32)
    out = layer(x)
    params = params_from_keras(layer)
    assert gru.reset_after(params) is reset_after
    assert np.abs(gru.sequence_forward(x, params)[0] - out.numpy()).max() <= 1e-5
    ours = gru.init_params(2, 3, seed=0, reset_after=reset_after)
    assert {k: v.shape for k, v in ours.items()} == {k: v.shape for k, v in params.items()}


@pytest.mark.parametrize("reset_after", RESET_AFTER)
@pytest.mark.parametrize("shape", SHAPES)
def test_bptt_gradients_equal_gradient_tape(shape, reset_after):
    rng = np.random.default_rng(7)
    params, x, h0 = random_case(shape, rng, reset_after, np.float32)
    n, t, _, h = shape
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
    _, _, cache = gru.sequence_forward(x.astype(np.float64), p64, h0)
    dx, dh0, grads = gru.sequence_backward(w_seq, cache, dh_last=w_last)
    ours = [grads["kernel"], grads["recurrent_kernel"], grads["bias"], dx, dh0]
    names = ["kernel", "recurrent_kernel", "bias", "x", "h0"]
    for name, a, b in zip(names, ours, tape_grads, strict=True):
        assert relative_error(a, b.numpy()) <= 1e-4, name


@pytest.mark.parametrize("reset_after", RESET_AFTER)
def test_step_backward_gradient_check(reset_after):
    rng = np.random.default_rng(0)
    params, x, h_prev = random_case((2, 1, 3, 4), rng, reset_after, np.float64)
    x, w = x[:, 0], rng.normal(size=(2, 4))
    _, cache = gru.step_forward(x, h_prev, params)
    dx, dh_prev, grads = gru.step_backward(w, cache)

    def loss(v):
        return np.sum(gru.step_forward(v["x"], v["h"], {k: v[k] for k in params})[0] * w)

    errors = check_gradients(
        loss, {"x": x, "h": h_prev, **params}, {"x": dx, "h": dh_prev, **grads}
    )
    assert max(errors.values()) < 1e-6, errors


@pytest.mark.parametrize("reset_after", RESET_AFTER)
def test_sequence_backward_gradient_check(reset_after):
    rng = np.random.default_rng(1)
    params, x, h0 = random_case((2, 5, 3, 3), rng, reset_after, np.float64)
    w_seq, w_last = rng.normal(size=(2, 5, 3)), rng.normal(size=(2, 3))
    _, _, cache = gru.sequence_forward(x, params, h0)
    dx, dh0, grads = gru.sequence_backward(w_seq, cache, dh_last=w_last)

    def loss(v):
        h_seq, h_last, _ = gru.sequence_forward(v["x"], {k: v[k] for k in params}, v["h"])
        return np.sum(h_seq * w_seq) + np.sum(h_last * w_last)

    errors = check_gradients(loss, {"x": x, "h": h0, **params}, {"x": dx, "h": dh0, **grads})
    assert max(errors.values()) < 1e-6, errors


@pytest.mark.parametrize("reset_after", RESET_AFTER)
def test_truncated_bptt_equals_independent_blocks(reset_after):
    """truncate=k is the same as running blocks of k steps whose initial state is a constant."""
    rng = np.random.default_rng(2)
    params, x, h0 = random_case((2, 7, 2, 3), rng, reset_after, np.float64)
    w_seq, k = rng.normal(size=(2, 7, 3)), 3
    _, _, cache = gru.sequence_forward(x, params, h0)
    dx, dh0, grads = gru.sequence_backward(w_seq, cache, truncate=k)
    state, total = h0, {name: 0.0 for name in params}
    for start in range(0, 7, k):
        _, last, block_cache = gru.sequence_forward(x[:, start : start + k], params, state)
        bdx, bdh0, bgrads = gru.sequence_backward(w_seq[:, start : start + k], block_cache)
        np.testing.assert_allclose(dx[:, start : start + k], bdx, rtol=1e-12, atol=1e-14)
        if start == 0:
            np.testing.assert_allclose(dh0, bdh0, rtol=1e-12, atol=1e-14)
        total = {name: total[name] + bgrads[name] for name in params}
        state = last
    for name in params:
        np.testing.assert_allclose(grads[name], total[name], rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("reset_after", RESET_AFTER)
def test_sequence_equals_chained_steps_and_inputs_are_not_modified(reset_after):
    rng = np.random.default_rng(3)
    params, x, h0 = random_case((2, 4, 2, 3), rng, reset_after, np.float64)
    w_seq = rng.normal(size=(2, 4, 3))
    copies = [a.copy() for a in (x, h0, w_seq, *params.values())]
    h_seq, _, cache = gru.sequence_forward(x, params, h0)
    dx, dh0, grads = gru.sequence_backward(w_seq, cache)
    h, caches = h0, []
    for t in range(4):
        h, step_cache = gru.step_forward(x[:, t], h, params)
        np.testing.assert_allclose(h, h_seq[:, t])
        caches.append(step_cache)
    dh, total = np.zeros_like(h0), {k: 0.0 for k in params}
    for t in reversed(range(4)):
        dx_t, dh, g = gru.step_backward(dh + w_seq[:, t], caches[t])
        np.testing.assert_allclose(dx_t, dx[:, t])
        total = {k: total[k] + g[k] for k in params}
    np.testing.assert_allclose(dh, dh0)
    for k in params:
        np.testing.assert_allclose(total[k], grads[k])
    for before, after in zip(copies, (x, h0, w_seq, *params.values()), strict=True):
        np.testing.assert_array_equal(before, after)


def test_workshop_convention_is_keras_with_z_swapped():
    """The slides' h = z c + (1 - z) h_prev equals Keras' h = z h_prev + (1 - z) c for z -> 1 - z."""
    rng = np.random.default_rng(8)
    params, x, h_prev = random_case((3, 1, 2, 4), rng, False, np.float64)
    h_next, (_, _, zr, hh, _, _) = gru.step_forward(x[:, 0], h_prev, params)
    z_workshop = 1.0 - zr[:, :4]
    np.testing.assert_allclose(h_next, z_workshop * hh + (1 - z_workshop) * h_prev)


@pytest.mark.parametrize("reset_after", RESET_AFTER)
def test_large_pre_activations_do_not_overflow(reset_after):
    rng = np.random.default_rng(5)
    params = {k: v * 1000 for k, v in random_params(2, 3, rng, reset_after).items()}
    with np.errstate(all="raise"):
        h_seq, _, cache = gru.sequence_forward(rng.normal(size=(2, 4, 2)) * 1000, params)
        dx = gru.sequence_backward(np.ones_like(h_seq), cache)[0]
    assert np.all(np.isfinite(h_seq)) and np.all(np.isfinite(dx))


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda p: gru.sequence_forward(np.zeros((2, 3)), p), r"x must have shape \(N, T, 2\)"),
        (lambda p: gru.sequence_forward(np.zeros((2, 3, 5)), p), r"x must have shape \(N, T, 2\)"),
        (
            lambda p: gru.sequence_forward(np.zeros((2, 3, 2)), p, np.zeros((2, 1))),
            r"h0 .*\(2, 3\)",
        ),
        (lambda p: gru.step_forward(np.zeros((2, 2)), np.zeros((3, 3)), p), r"h_prev .*\(2, 3\)"),
        (
            lambda p: gru.sequence_forward(np.zeros((1, 3, 2)), {**p, "kernel": None}),
            r"params\['kernel'\]",
        ),
        (
            lambda p: gru.sequence_forward(
                np.zeros((1, 3, 2)), {k: v for k, v in p.items() if k != "recurrent_kernel"}
            ),
            r"missing \['recurrent_kernel'\]",
        ),
        (
            lambda p: gru.sequence_forward(np.zeros((1, 3, 2)), {**p, "bias": np.zeros((3, 9))}),
            r"params\['bias'\] must have shape \(9,\) or \(2, 9\)",
        ),
    ],
)
def test_bad_input_gives_a_clear_error(call, message):
    with pytest.raises((ValueError, TypeError), match=message):
        call(gru.init_params(2, 3, seed=0))
