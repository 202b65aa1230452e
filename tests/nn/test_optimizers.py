"""Tests of utils.nn.optimizers: one-step known values, purity, Keras' momentum convention, convergence."""

import numpy as np
import pytest

from utils.nn.optimizers import (
    adam_update,
    init_adam_state,
    init_momentum_state,
    momentum_update,
    run_optimizer,
    sgd_update,
)

P = {"w": np.array([1.0, -2.0])}
G = {"w": np.array([0.5, 4.0])}


def test_sgd_step_and_purity():
    new = sgd_update(P, G, lr=0.1)
    np.testing.assert_allclose(new["w"], [0.95, -2.4])
    np.testing.assert_array_equal(P["w"], [1.0, -2.0])


def test_momentum_two_steps_by_hand():
    p1, s1 = momentum_update(P, G, init_momentum_state(P), lr=0.1, beta=0.9)
    np.testing.assert_allclose(s1["v"]["w"], [-0.05, -0.4])
    p2, s2 = momentum_update(p1, G, s1, lr=0.1, beta=0.9)
    np.testing.assert_allclose(s2["v"]["w"], [0.9 * -0.05 - 0.05, 0.9 * -0.4 - 0.4])
    np.testing.assert_allclose(p2["w"], P["w"] + s1["v"]["w"] + s2["v"]["w"])


def test_adam_first_step_is_lr_times_sign():
    new, state = adam_update(P, G, init_adam_state(P), lr=0.01)
    np.testing.assert_allclose(new["w"], P["w"] - 0.01 * np.sign(G["w"]), rtol=1e-6)
    assert state["t"] == 1


def test_adam_matches_keras():
    keras = pytest.importorskip("keras")
    w = keras.Variable(np.array([1.0, -2.0], dtype="float32"))
    opt = keras.optimizers.Adam(learning_rate=0.05)
    params, state = {"w": np.array([1.0, -2.0])}, init_adam_state(P)
    for g in ([0.5, 4.0], [-1.0, 2.0], [0.3, -0.1]):
        opt.apply_gradients([(keras.ops.convert_to_tensor(np.array(g, "float32")), w)])
        params, state = adam_update(params, {"w": np.array(g)}, state, lr=0.05)
    np.testing.assert_allclose(np.asarray(w), params["w"], rtol=1e-5)


def test_momentum_matches_keras_sgd():
    keras = pytest.importorskip("keras")
    w = keras.Variable(np.array([1.0, -2.0], dtype="float32"))
    opt = keras.optimizers.SGD(learning_rate=0.1, momentum=0.9)
    params, state = {"w": np.array([1.0, -2.0])}, init_momentum_state(P)
    for g in ([0.5, 4.0], [-1.0, 2.0], [0.3, -0.1]):
        opt.apply_gradients([(keras.ops.convert_to_tensor(np.array(g, "float32")), w)])
        params, state = momentum_update(params, {"w": np.array(g)}, state, lr=0.1, beta=0.9)
    np.testing.assert_allclose(np.asarray(w), params["w"], rtol=1e-5)


@pytest.mark.parametrize("method, lr", [("sgd", 0.05), ("momentum", 0.05), ("adam", 0.1)])
def test_run_optimizer_converges_on_a_bowl(method, lr):
    path = run_optimizer(lambda t: np.array([2 * t[0], 20 * t[1]]), [3.0, 1.0], method, lr, 300)
    assert path.shape == (301, 2)
    np.testing.assert_allclose(path[-1], [0.0, 0.0], atol=1e-2)


def test_run_optimizer_marks_divergence_with_nan():
    path = run_optimizer(lambda t: 2 * t, 1.0, "sgd", lr=1.5, n_steps=100)
    assert np.isnan(path[-1, 0]) and not np.isnan(path[1, 0])
    np.testing.assert_allclose(path[1:4, 0], [-2.0, 4.0, -8.0])


def test_errors_name_the_argument():
    with pytest.raises(ValueError, match="lr"):
        sgd_update(P, G, lr=-1.0)
    with pytest.raises(ValueError, match="grads"):
        sgd_update(P, {"v": G["w"]}, lr=0.1)
    with pytest.raises(ValueError, match="grads"):
        sgd_update(P, {"w": np.zeros(3)}, lr=0.1)
    with pytest.raises(TypeError, match="params"):
        sgd_update([1.0], G)
    with pytest.raises(ValueError, match="beta"):
        momentum_update(P, G, init_momentum_state(P), beta=1.0)
    with pytest.raises(ValueError, match="beta2"):
        adam_update(P, G, init_adam_state(P), beta2=1.5)
    with pytest.raises(ValueError, match="method"):
        run_optimizer(lambda t: t, 1.0, "rmsprop")
    with pytest.raises(ValueError, match="sgd"):
        run_optimizer(lambda t: t, 1.0, "sgd", beta=0.9)
    with pytest.raises(ValueError, match="n_steps"):
        run_optimizer(lambda t: t, 1.0, n_steps=-1)
