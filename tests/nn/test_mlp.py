"""Tests of utils.nn.mlp: shapes, gradient checks of the layer and the MLP, Keras weight layout."""

from typing import NamedTuple

import numpy as np
import pytest

from utils.nn.gradcheck import check_gradients, numerical_gradient, relative_error
from utils.nn.losses import binary_cross_entropy_from_logits, binary_cross_entropy_from_logits_grad
from utils.nn.mlp import (
    DenseCache,
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
    numeric = numerical_gradient(lambda v: np.sum(dy * dense_forward(v, params, activation)[0]), x)
    assert relative_error(dx, numeric) < 1e-7


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
    a = init_dense(30, 20, np.random.default_rng(3))
    b = init_dense(30, 20, np.random.default_rng(3))
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
    with pytest.raises(ValueError, match=r"x must have shape \(N, 3\), got \(4, 5\)"):
        dense_forward(np.zeros((4, 5)), params)
    with pytest.raises(ValueError, match="activation must be one of"):
        dense_forward(np.zeros((4, 3)), params, "swish")
    with pytest.raises(TypeError, match="params must be a dict"):
        dense_forward(np.zeros((4, 3)), [params["kernel"], params["bias"]])
    with pytest.raises(ValueError, match=r"params must hold 'kernel' .* missing \['bias'\]"):
        dense_forward(np.zeros((4, 3)), {"kernel": params["kernel"]})
    with pytest.raises(ValueError, match=r"params\['bias'\] must have shape \(2,\)"):
        dense_forward(np.zeros((4, 3)), {"kernel": params["kernel"], "bias": np.zeros(3)})
    with pytest.raises(ValueError, match="x must hold finite numbers"):
        dense_forward(np.full((4, 3), np.nan), params)
    _, cache = dense_forward(np.zeros((4, 3)), params)
    with pytest.raises(ValueError, match=r"dy must have shape \(4, 2\)"):
        dense_backward(np.zeros((4, 3)), cache)
    with pytest.raises(ValueError, match="units must be a positive int"):
        init_dense(3, 0, rng())
    with pytest.raises(TypeError, match="n_inputs must be a positive int"):
        init_dense(3.0, 2, rng())
    with pytest.raises(TypeError, match="rng must be a numpy.random.Generator"):
        init_dense(3, 2, 42)
    with pytest.raises(ValueError, match="sizes must list the input size"):
        init_mlp([3], rng())
    with pytest.raises(ValueError, match=r"sizes\[1\] must be a positive int"):
        init_mlp([3, -1], rng())
    with pytest.raises(TypeError, match="sizes must be a list"):
        init_mlp(3, rng())
    with pytest.raises(TypeError, match="rng must be a numpy.random.Generator"):
        init_mlp([2, 1], None)
    with pytest.raises(ValueError, match="params must hold exactly"):
        mlp_forward(np.zeros((1, 2)), init_mlp([2, 3, 1], rng()), ["tanh"])
    with pytest.raises(TypeError, match="activations must be a list of names"):
        mlp_forward(np.zeros((1, 2)), init_mlp([2, 1], rng()), "tanh")
    with pytest.raises(ValueError, match=r"activations\[1\] must be one of"):
        mlp_forward(np.zeros((1, 2)), init_mlp([2, 3, 1], rng()), ["tanh", "swish"])
    with pytest.raises(ValueError, match=r"params\['kernel_2'\] must have shape \(3, U2\)"):
        mlp_forward(np.zeros((1, 2)), {**init_mlp([2, 3, 1], rng()), "kernel_2": np.zeros((4, 1))},
                    ["tanh", "linear"])
    with pytest.raises(ValueError, match="weights must alternate"):
        params_from_keras_weights([np.zeros((2, 2))])
    with pytest.raises(ValueError, match=r"weights\[1\] must have shape \(2,\)"):
        params_from_keras_weights([np.zeros((2, 2)), np.zeros(3)])
    with pytest.raises(ValueError, match=r"weights\[2\] must have shape \(3, U\)"):
        params_from_keras_weights([np.zeros((2, 3)), np.zeros(3), np.zeros((2, 1)), np.zeros(1)])
    with pytest.raises(TypeError, match="weights must be the list"):
        params_from_keras_weights(np.zeros((2, 2)))
    with pytest.raises(ValueError, match="params must hold exactly"):
        params_to_keras_weights({})
    with pytest.raises(TypeError, match="params must be a dict"):
        params_to_keras_weights([np.zeros((2, 2)), np.zeros(2)])


def test_a_wrong_cache_is_refused_naming_cache():
    params = init_dense(3, 2, rng())
    y, cache = dense_forward(np.ones((4, 3)), params, "tanh")
    assert isinstance(cache, DenseCache) and cache.activation == "tanh"
    with pytest.raises(TypeError, match=r"cache must be the DenseCache .*the \(y, cache\) pair"):
        dense_backward(np.ones_like(y), (y, cache))  # the whole result of the forward
    with pytest.raises(TypeError, match="cache must be the DenseCache .*got NoneType"):
        dense_backward(np.ones_like(y), None)
    with pytest.raises(TypeError, match="cache must be the DenseCache .*got tuple"):
        dense_backward(np.ones_like(y), tuple(cache))  # a plain tuple read by position
    with pytest.raises(TypeError, match="cache must be the DenseCache .*got StepCache"):
        dense_backward(np.ones_like(y), StepCache(1, 2))  # another layer's cache


class StepCache(NamedTuple):  # stands for the cache of another layer (a recurrent step)
    x: int
    h: int


def test_mlp_backward_refuses_empty_or_wrong_caches():
    params = init_mlp([2, 3, 1], rng())
    y, caches = mlp_forward(np.ones((5, 2)), params, ["tanh", "linear"])
    with pytest.raises(ValueError, match="caches must hold one DenseCache per layer, got an empty"):
        mlp_backward(np.ones_like(y), [])
    with pytest.raises(TypeError, match=r"caches\[0\] must be the DenseCache .*got ndarray"):
        mlp_backward(np.ones_like(y), (y, caches))
    with pytest.raises(TypeError, match="caches must be the list .*got one DenseCache"):
        mlp_backward(np.ones_like(y), caches[0])
    with pytest.raises(TypeError, match="caches must be the list .*got NoneType"):
        mlp_backward(np.ones_like(y), None)
    with pytest.raises(ValueError, match=r"caches\[1\] must follow caches\[0\]"):
        mlp_backward(np.ones_like(y), caches[::-1])
    with pytest.raises(ValueError, match=r"dy must have shape \(5, 1\)"):
        mlp_backward(np.ones((5, 3)), caches)


def test_mlp_forward_matches_keras_dense_layers():
    keras = pytest.importorskip("keras")
    r = rng()
    params, x = init_mlp([3, 5, 4, 2], r), r.normal(size=(6, 3))
    for key in params:  # non-zero biases, so that the bias layout is tested too
        params[key] = r.normal(size=params[key].shape)
    acts = ["tanh", "relu", "sigmoid"]
    model = keras.Sequential([keras.Input(shape=(3,))]
                             + [keras.layers.Dense(u, activation=a)
                                for u, a in zip((5, 4, 2), acts, strict=True)])
    model.set_weights(params_to_keras_weights(params))
    expected = np.asarray(model(x.astype("float32")))
    np.testing.assert_allclose(mlp_forward(x, params, acts)[0], expected, rtol=1e-5, atol=1e-6)
    back = params_from_keras_weights(model.get_weights())
    np.testing.assert_allclose(back["kernel_2"], params["kernel_2"], rtol=1e-6)
