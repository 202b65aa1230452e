"""utils.cells.lstm: equal to keras.layers.LSTM (outputs and GradientTape gradients), gradient checks."""

import numpy as np
import pytest

from utils.cells import lstm
from utils.cells.params import params_from_keras, params_to_keras
from utils.nn.gradcheck import check_gradients, relative_error
from utils.notebook_setup import import_tensorflow_quietly

tf = import_tensorflow_quietly()
import keras  # noqa: E402  (after TensorFlow's quiet import)

# (N, T, D, H): the edge cases T=1, N=1, H=1 and a general one.
SHAPES = [(3, 6, 2, 4), (1, 5, 3, 2), (4, 1, 2, 3), (2, 4, 1, 1)]


def random_params(input_dim, units, rng, dtype=np.float64, scale=0.5):
    """Random weights and bias (a zero bias would hide bias bugs)."""
    shapes = {k: v.shape for k, v in lstm.init_params(input_dim, units).items()}
    return {k: rng.normal(scale=scale, size=s).astype(dtype) for k, s in shapes.items()}


def keras_layer(params, return_sequences):
    layer = keras.layers.LSTM(
        params["recurrent_kernel"].shape[0], return_sequences=return_sequences, return_state=True
    )
    layer.build((None, None, params["kernel"].shape[0]))
    params_to_keras(params, layer)
    return layer


def random_case(shape, rng, dtype):
    n, t, d, h = shape
    params = random_params(d, h, rng, dtype)
    x = rng.normal(size=(n, t, d)).astype(dtype)
    h0, c0 = rng.normal(size=(2, n, h)).astype(dtype)
    return params, x, h0, c0


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("return_sequences", [True, False])
def test_forward_equals_keras_lstm(shape, return_sequences):
    params, x, h0, c0 = random_case(shape, np.random.default_rng(sum(shape)), np.float32)
    out, h_state, c_state = keras_layer(params, return_sequences)(x, initial_state=[h0, c0])
    h_seq, h_last, c_last, _ = lstm.sequence_forward(x, params, h0, c0)
    assert h_seq.dtype == np.float32
    assert np.abs((h_seq if return_sequences else h_last) - out.numpy()).max() <= 1e-5
    assert np.abs(h_last - h_state.numpy()).max() <= 1e-5
    assert np.abs(c_last - c_state.numpy()).max() <= 1e-5


def test_default_initial_state_and_keras_init_round_trip():
    rng = np.random.default_rng(1)
    layer = keras.layers.LSTM(3, return_sequences=True)
    x = rng.normal(size=(2, 5, 2)).astype(np.float32)
    out = layer(x)
    params = params_from_keras(layer)
    np.testing.assert_array_equal(params["bias"][3:6], 1.0)  # unit_forget_bias
    assert np.abs(lstm.sequence_forward(x, params)[0] - out.numpy()).max() <= 1e-5
    ours = lstm.init_params(2, 3, seed=0)
    assert {k: v.shape for k, v in ours.items()} == {k: v.shape for k, v in params.items()}
    np.testing.assert_array_equal(ours["bias"], params["bias"])


@pytest.mark.parametrize("shape", SHAPES)
def test_bptt_gradients_equal_gradient_tape(shape):
    rng = np.random.default_rng(7)
    params, x, h0, c0 = random_case(shape, rng, np.float32)
    n, t, _, h = shape
    w_seq, w_h, w_c = rng.normal(size=(n, t, h)), rng.normal(size=(n, h)), rng.normal(size=(n, h))
    layer = keras_layer(params, True)
    xv, h0v, c0v = tf.constant(x), tf.constant(h0), tf.constant(c0)
    with tf.GradientTape() as tape:
        tape.watch([xv, h0v, c0v])
        seq, last_h, last_c = layer(xv, initial_state=[h0v, c0v])
        loss = (
            tf.reduce_sum(seq * w_seq.astype(np.float32))
            + tf.reduce_sum(last_h * w_h.astype(np.float32))
            + tf.reduce_sum(last_c * w_c.astype(np.float32))
        )
    weights = [layer.cell.kernel, layer.cell.recurrent_kernel, layer.cell.bias]
    tape_grads = tape.gradient(loss, weights + [xv, h0v, c0v])
    p64 = {k: v.astype(np.float64) for k, v in params.items()}
    *_, cache = lstm.sequence_forward(x.astype(np.float64), p64, h0, c0)
    dx, dh0, dc0, grads = lstm.sequence_backward(w_seq, cache, dh_last=w_h, dc_last=w_c)
    ours = [grads["kernel"], grads["recurrent_kernel"], grads["bias"], dx, dh0, dc0]
    names = ["kernel", "recurrent_kernel", "bias", "x", "h0", "c0"]
    for name, a, b in zip(names, ours, tape_grads, strict=True):
        assert relative_error(a, b.numpy()) <= 1e-4, name


def test_step_backward_gradient_check():
    rng = np.random.default_rng(0)
    params, x, h_prev, c_prev = random_case((2, 1, 3, 4), rng, np.float64)
    x = x[:, 0]
    w_h, w_c = rng.normal(size=(2, 2, 4))
    *_, cache = lstm.step_forward(x, h_prev, c_prev, params)
    dx, dh_prev, dc_prev, grads = lstm.step_backward(w_h, w_c, cache)

    def loss(v):
        h_next, c_next, _ = lstm.step_forward(v["x"], v["h"], v["c"], {k: v[k] for k in params})
        return np.sum(h_next * w_h) + np.sum(c_next * w_c)

    errors = check_gradients(
        loss,
        {"x": x, "h": h_prev, "c": c_prev, **params},
        {"x": dx, "h": dh_prev, "c": dc_prev, **grads},
    )
    assert max(errors.values()) < 1e-6, errors


def test_sequence_backward_gradient_check():
    rng = np.random.default_rng(1)
    params, x, h0, c0 = random_case((2, 5, 3, 3), rng, np.float64)
    w_seq, w_h, w_c = rng.normal(size=(2, 5, 3)), rng.normal(size=(2, 3)), rng.normal(size=(2, 3))
    *_, cache = lstm.sequence_forward(x, params, h0, c0)
    dx, dh0, dc0, grads = lstm.sequence_backward(w_seq, cache, dh_last=w_h, dc_last=w_c)

    def loss(v):
        weights = {k: v[k] for k in params}
        h_seq, h_last, c_last, _ = lstm.sequence_forward(v["x"], weights, v["h"], v["c"])
        return np.sum(h_seq * w_seq) + np.sum(h_last * w_h) + np.sum(c_last * w_c)

    errors = check_gradients(
        loss, {"x": x, "h": h0, "c": c0, **params}, {"x": dx, "h": dh0, "c": dc0, **grads}
    )
    assert max(errors.values()) < 1e-6, errors


def test_truncated_bptt_equals_independent_blocks():
    """truncate=k is the same as running blocks of k steps whose initial states are constants."""
    rng = np.random.default_rng(2)
    params, x, h0, c0 = random_case((2, 7, 2, 3), rng, np.float64)
    w_seq, k = rng.normal(size=(2, 7, 3)), 3
    *_, cache = lstm.sequence_forward(x, params, h0, c0)
    dx, dh0, dc0, grads = lstm.sequence_backward(w_seq, cache, truncate=k)
    h, c, total = h0, c0, {name: 0.0 for name in params}
    for start in range(0, 7, k):
        _, h_new, c_new, block_cache = lstm.sequence_forward(x[:, start : start + k], params, h, c)
        bdx, bdh0, bdc0, bgrads = lstm.sequence_backward(w_seq[:, start : start + k], block_cache)
        np.testing.assert_allclose(dx[:, start : start + k], bdx, rtol=1e-12, atol=1e-14)
        if start == 0:
            np.testing.assert_allclose(dh0, bdh0, rtol=1e-12, atol=1e-14)
            np.testing.assert_allclose(dc0, bdc0, rtol=1e-12, atol=1e-14)
        total = {name: total[name] + bgrads[name] for name in params}
        h, c = h_new, c_new
    for name in params:
        np.testing.assert_allclose(grads[name], total[name], rtol=1e-12, atol=1e-14)


def test_sequence_equals_chained_steps_and_inputs_are_not_modified():
    rng = np.random.default_rng(3)
    params, x, h0, c0 = random_case((2, 4, 2, 3), rng, np.float64)
    w_seq = rng.normal(size=(2, 4, 3))
    copies = [a.copy() for a in (x, h0, c0, w_seq, *params.values())]
    h_seq, _, _, cache = lstm.sequence_forward(x, params, h0, c0)
    dx, dh0, dc0, grads = lstm.sequence_backward(w_seq, cache)
    h, c, caches = h0, c0, []
    for t in range(4):
        h, c, step_cache = lstm.step_forward(x[:, t], h, c, params)
        np.testing.assert_allclose(h, h_seq[:, t])
        caches.append(step_cache)
    dh, dc, total = np.zeros_like(h0), np.zeros_like(c0), {k: 0.0 for k in params}
    for t in reversed(range(4)):
        dx_t, dh, dc, g = lstm.step_backward(dh + w_seq[:, t], dc, caches[t])
        np.testing.assert_allclose(dx_t, dx[:, t])
        total = {k: total[k] + g[k] for k in params}
    np.testing.assert_allclose(dh, dh0)
    np.testing.assert_allclose(dc, dc0)
    for k in params:
        np.testing.assert_allclose(total[k], grads[k])
    for before, after in zip(copies, (x, h0, c0, w_seq, *params.values()), strict=True):
        np.testing.assert_array_equal(before, after)


def test_large_pre_activations_do_not_overflow():
    rng = np.random.default_rng(5)
    params = {k: v * 1000 for k, v in random_params(2, 3, rng).items()}
    with np.errstate(all="raise"):
        h_seq, _, _, cache = lstm.sequence_forward(rng.normal(size=(2, 4, 2)) * 1000, params)
        dx = lstm.sequence_backward(np.ones_like(h_seq), cache)[0]
    assert np.all(np.isfinite(h_seq)) and np.all(np.isfinite(dx))


def test_gate_activations_are_in_range_and_match_the_forward():
    rng = np.random.default_rng(6)
    params, x, _, _ = random_case((2, 5, 2, 3), rng, np.float64)
    gates = lstm.gate_activations(x, params)
    assert set(gates) == {"i", "f", "g", "o", "c", "h"}
    for name in "ifo":
        assert gates[name].shape == (2, 5, 3)
        assert np.all((gates[name] > 0) & (gates[name] < 1))
    np.testing.assert_allclose(gates["h"], gates["o"] * np.tanh(gates["c"]))
    np.testing.assert_allclose(gates["h"], lstm.sequence_forward(x, params)[0])


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda p: lstm.sequence_forward(np.zeros((2, 3)), p), r"x must have shape \(N, T, 2\)"),
        (lambda p: lstm.sequence_forward(np.zeros((2, 3, 1)), p), r"x must have shape \(N, T, 2\)"),
        (
            lambda p: lstm.sequence_forward(np.zeros((2, 3, 2)), p, np.zeros((2, 4))),
            r"h0 .*\(2, 3\)",
        ),
        (
            lambda p: lstm.sequence_forward(np.zeros((2, 3, 2)), p, None, np.zeros((1, 3))),
            r"c0 .*\(2, 3\)",
        ),
        (
            lambda p: lstm.step_forward(np.zeros((2, 2)), np.zeros((2, 3)), np.zeros((2, 2)), p),
            r"c_prev .*\(2, 3\)",
        ),
        (lambda p: lstm.sequence_forward(np.zeros((1, 3, 2)), {"bias": p["bias"]}), "missing"),
        (
            lambda p: lstm.sequence_forward(np.zeros((1, 3, 2)), {**p, "bias": np.zeros((2, 12))}),
            r"params\['bias'\] must have shape \(12,\)",
        ),
        (
            lambda p: lstm.sequence_forward(np.zeros((1, 3, 2)), {**p, "kernel": np.zeros((2, 9))}),
            r"params\['kernel'\] must have shape \(D, 12\)",
        ),
        (
            lambda p: lstm.sequence_forward(
                np.zeros((1, 3, 2)), {**p, "recurrent_kernel": np.zeros((3, 9))}
            ),
            r"params\['recurrent_kernel'\] must have shape \(H, 4\*H\)",
        ),
    ],
)
def test_bad_input_gives_a_clear_error(call, message):
    with pytest.raises(ValueError, match=message):
        call(lstm.init_params(2, 3, seed=0))


def test_bad_backward_arguments_give_a_clear_error():
    params = lstm.init_params(2, 3, seed=0)
    *_, cache = lstm.sequence_forward(np.zeros((1, 4, 2)), params)
    with pytest.raises(ValueError, match=r"dc_last must have shape \(1, 3\)"):
        lstm.sequence_backward(None, cache, dc_last=np.zeros((3, 1)))
    *_, step_cache = lstm.step_forward(np.zeros((1, 2)), np.zeros((1, 3)), np.zeros((1, 3)), params)
    with pytest.raises(ValueError, match=r"dc_next must have shape \(1, 3\)"):
        lstm.step_backward(np.zeros((1, 3)), np.zeros(3), step_cache)
