"""Tests of utils.nn.mlp: shapes, gradient checks of the layer and the MLP, Keras weight layout."""

import numpy as np
import pytest

from utils.nn.gradcheck import check_gradients, numerical_gradient, relative_error
from utils.nn.losses import binary_cross_entropy_from_logits, binary_cross_entropy_from_logits_grad
from utils.nn.mlp import (
    dense_backward,
    dense_forward,
    init_dense,
    init_mlp,
    mlp_backward,
    mlp_forward,
    params_from_keras_weights,
    params_to_keras_weights,
)


def rng():
    return np.random.default_rng(0)


def test_forward_known_values():
    params = {"kernel": np.array([[1.0, 0.0], [2.0, -1.0]]), "bias": np.array([0.5, 0.0])}
    y, _ = dense_forward(np.array([[1.0, 1.0]]), params, "relu")
    np.testing.assert_allclose(y, [[3.5, 0.0]])


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu", "linear"])
def test_dense_backward_gradcheck(activation):
    r = rng()
    x, params = r.normal(size=(5, 3)), init_dense(3, 4, r)
    params["bias"] = r.normal(size=4)
    dy = r.normal(size=(5, 4))
    _, cache = dense_forward(x, params, activation)
    dx, grads = dense_backward(dy, cache)

    def loss(p):
        return float(np.sum(dy * dense_forward(x, p, activation)[0]))

    assert max(check_gradients(loss, params, grads).values()) < 1e-7
    assert relative_error(dx, numerical_gradient(lambda v: np.sum(dy * dense_forward(v, params, activation)[0]), x)) < 1e-7


def test_mlp_backward_gradcheck_with_a_loss():
    r = rng()
    x, y = r.normal(size=(8, 2)), (r.random((8, 1)) > 0.5).astype(float)
    params, acts = init_mlp([2, 5, 3, 1], r), ["tanh", "sigmoid", "linear"]
    logits, cache = mlp_forward(x, params, acts)
    _, grads = mlp_backward(binary_cross_entropy_from_logits_grad(y, logits), cache)
    assert set(grads) == set(params)

    def loss(p):
        return binary_cross_entropy_from_logits(y, mlp_forward(x, p, acts)[0])

    assert max(check_gradients(loss, params, grads).values()) < 1e-7


def test_pure_functions_do_not_mutate():
    r = rng()
    x, params = r.normal(size=(4, 2)), init_mlp([2, 3, 1], r)
    saved = {k: v.copy() for k, v in params.items()}
    x_saved = x.copy()
    out, cache = mlp_forward(x, params, ["tanh", "linear"])
    mlp_backward(np.ones_like(out), cache)
    np.testing.assert_array_equal(x, x_saved)
    for k in params:
        np.testing.assert_array_equal(params[k], saved[k])


def test_init_is_glorot_uniform_and_seeded():
    a, b = init_dense(30, 20, np.random.default_rng(3)), init_dense(30, 20, np.random.default_rng(3))
    np.testing.assert_array_equal(a["kernel"], b["kernel"])
    assert np.abs(a["kernel"]).max() <= np.sqrt(6 / 50)
    np.testing.assert_array_equal(a["bias"], np.zeros(20))


def test_keras_weight_roundtrip():
    params = init_mlp([3, 4, 1], rng())
    weights = params_to_keras_weights(params)
    assert [w.shape for w in weights] == [(3, 4), (4,), (4, 1), (1,)]
    assert all(w.dtype == np.float32 for w in weights)
    back = params_from_keras_weights(weights)
    for k in params:
        np.testing.assert_allclose(back[k], params[k], rtol=1e-6)


def test_errors_name_the_argument():
    params = init_dense(3, 2, rng())
    with pytest.raises(ValueError, match="x must have shape"):
        dense_forward(np.zeros((4, 5)), params)
    with pytest.raises(ValueError, match="activation"):
        dense_forward(np.zeros((4, 3)), params, "swish")
    with pytest.raises(TypeError, match="params"):
        dense_forward(np.zeros((4, 3)), {"kernel": params["kernel"]})
    with pytest.raises(ValueError, match="params must hold kernel"):
        dense_forward(np.zeros((4, 3)), {"kernel": params["kernel"], "bias": np.zeros(3)})
    _, cache = dense_forward(np.zeros((4, 3)), params)
    with pytest.raises(ValueError, match="dy"):
        dense_backward(np.zeros((4, 3)), cache)
    with pytest.raises(ValueError, match="units"):
        init_dense(3, 0, rng())
    with pytest.raises(TypeError, match="rng"):
        init_dense(3, 2, 42)
    with pytest.raises(ValueError, match="sizes"):
        init_mlp([3], rng())
    with pytest.raises(ValueError, match="params must hold exactly"):
        mlp_forward(np.zeros((1, 2)), init_mlp([2, 3, 1], rng()), ["tanh"])
    with pytest.raises(TypeError, match="activations"):
        mlp_forward(np.zeros((1, 2)), init_mlp([2, 1], rng()), "tanh")
    with pytest.raises(ValueError, match="weights"):
        params_from_keras_weights([np.zeros((2, 2))])
    with pytest.raises(ValueError, match="weights"):
        params_from_keras_weights([np.zeros((2, 2)), np.zeros(3)])
    with pytest.raises(TypeError, match="params"):
        params_to_keras_weights({})


def test_mlp_forward_matches_keras_dense_layers():
    keras = pytest.importorskip("keras")
    r = rng()
    params, x = init_mlp([3, 5, 4, 2], r), r.normal(size=(6, 3))
    for key in params:  # non-zero biases, so that the bias layout is tested too
        params[key] = r.normal(size=params[key].shape)
    acts = ["tanh", "relu", "sigmoid"]
    model = keras.Sequential([keras.Input(shape=(3,))]
                             + [keras.layers.Dense(u, activation=a) for u, a in zip((5, 4, 2), acts, strict=True)])
    model.set_weights(params_to_keras_weights(params))
    expected = np.asarray(model(x.astype("float32")))
    np.testing.assert_allclose(mlp_forward(x, params, acts)[0], expected, rtol=1e-5, atol=1e-6)
    back = params_from_keras_weights(model.get_weights())
    np.testing.assert_allclose(back["kernel_2"], params["kernel_2"], rtol=1e-6)
