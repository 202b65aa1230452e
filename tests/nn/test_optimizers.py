"""Tests of utils.nn.optimizers: one-step known values, purity, Keras' momentum convention,
convergence, and the refusal of bad arguments and states."""

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
    with pytest.raises(ValueError, match="lr must be a number > 0, got -1.0"):
        sgd_update(P, G, lr=-1.0)
    with pytest.raises(ValueError, match="lr must be a finite number, got inf"):
        sgd_update(P, G, lr=np.inf)
    with pytest.raises(TypeError, match="lr must be a real number, got 'fast'"):
        sgd_update(P, G, lr="fast")
    with pytest.raises(ValueError, match="grads must have the keys of params"):
        sgd_update(P, {"v": G["w"]}, lr=0.1)
    with pytest.raises(ValueError, match=r"grads\['w'\] must have shape \(2,\)"):
        sgd_update(P, {"w": np.zeros(3)}, lr=0.1)
    with pytest.raises(ValueError, match=r"grads\['w'\] must hold finite numbers"):
        sgd_update(P, {"w": np.array([np.nan, 1.0])}, lr=0.1)
    with pytest.raises(TypeError, match=r"params\['w'\] must hold real numbers, got complex"):
        sgd_update({"w": np.array([1j, 1.0])}, G, lr=0.1)
    with pytest.raises(ValueError, match="params must hold at least one array"):
        sgd_update({}, {})
    with pytest.raises(TypeError, match="params must be a dict"):
        sgd_update([1.0], G)
    with pytest.raises(ValueError, match=r"beta must be a number in \[0, 1\)"):
        momentum_update(P, G, init_momentum_state(P), beta=1.0)
    with pytest.raises(ValueError, match="beta2 must be a number in"):
        adam_update(P, G, init_adam_state(P), beta2=1.5)
    with pytest.raises(ValueError, match="eps must be a number > 0"):
        adam_update(P, G, init_adam_state(P), eps=0.0)
    with pytest.raises(ValueError, match="method must be one of"):
        run_optimizer(lambda t: t, 1.0, "rmsprop")
    with pytest.raises(ValueError, match="method 'sgd' takes no settings"):
        run_optimizer(lambda t: t, 1.0, "sgd", beta=0.9)
    with pytest.raises(ValueError, match="method 'momentum' takes the settings"):
        run_optimizer(lambda t: t, 1.0, "momentum", beta1=0.9)
    with pytest.raises(ValueError, match="n_steps must be a positive int"):
        run_optimizer(lambda t: t, 1.0, n_steps=0)
    with pytest.raises(ValueError, match="lr must be a finite number"):
        run_optimizer(lambda t: t, 1.0, lr=np.inf)
    with pytest.raises(TypeError, match="grad_fn must be a function"):
        run_optimizer([1.0], 1.0)
    with pytest.raises(ValueError, match="start must have 0 or 1 axes"):
        run_optimizer(lambda t: t, [[1.0]])


@pytest.mark.parametrize("update, state, message", [
    (momentum_update, {}, r"state must hold the keys \['v'\] .*missing \['v'\]"),
    (momentum_update, {"v": {"x": np.zeros(2)}}, r"state\['v'\] must have the keys of params"),
    (momentum_update, {"v": {"w": np.zeros(3)}}, r"state\['v'\]\['w'\] must have shape \(2,\)"),
    (momentum_update, {"v": {"w": np.array([np.nan, 0.0])}},
     r"state\['v'\]\['w'\] must hold finite"),
    (adam_update, {"m": {"w": np.zeros(2)}, "s": {"w": np.zeros(2)}}, r"missing \['t'\]"),
    (adam_update, {**init_adam_state(P), "t": -1}, r"state\['t'\] must be a non-negative int"),
    (adam_update, {**init_adam_state(P), "t": 1.5}, r"state\['t'\] must be a non-negative int"),
    (adam_update, {**init_adam_state(P), "s": {"w": np.array([-1.0, 0.0])}}, r"state\['s'\]\['w'\] "
                                                                          "must hold squares"),
    (adam_update, {**init_adam_state(P), "m": {"w": np.zeros((2, 1))}}, r"state\['m'\]\['w'\] must "
                                                                      "have shape"),
])
def test_a_wrong_state_is_refused(update, state, message):
    error = TypeError if isinstance(state.get("t"), float) else ValueError
    with pytest.raises(error, match=message):
        update(P, G, state)


@pytest.mark.parametrize("update", [momentum_update, adam_update])
def test_a_state_that_is_not_a_dict_is_refused(update):
    with pytest.raises(TypeError, match="state must be the dict made by init_"):
        update(P, G, None)


def test_run_optimizer_refuses_a_gradient_that_is_not_finite_or_has_the_wrong_shape():
    with pytest.raises(ValueError, match=r"grad_fn\(theta\) at step 1 must hold finite numbers"):
        run_optimizer(lambda t: t * np.nan, [1.0, 2.0])
    with pytest.raises(ValueError, match=r"grad_fn\(theta\) at step 1 must have the shape of"):
        run_optimizer(lambda t: np.array([1.0]), [1.0, 2.0])
    path = run_optimizer(lambda t: 4 * t[0], 1.0, lr=0.1, n_steps=2)  # a scalar for P = 1 is fine
    np.testing.assert_allclose(path[:, 0], [1.0, 0.6, 0.36])


def test_scalar_params_stay_numpy_scalars():
    # notebook 04 trains {"w": 0.0, "b": 0.0} with sgd_update and prints the results
    new = sgd_update({"w": 0.0, "b": 1.0}, {"w": np.float64(2.0), "b": 0.5}, lr=0.1)
    assert new == {"w": -0.2, "b": 0.95} and all(np.ndim(v) == 0 for v in new.values())
