"""utils.cells.params: the parameter check, Keras' initialisation, the weight copy to and from
Keras."""

import numpy as np
import pytest

from utils.cells import gru, lstm, rnn
from utils.cells.params import check_params, initialise, params_from_keras, params_to_keras
from utils.checks import float_array
from utils.notebook_setup import import_tensorflow_quietly

import_tensorflow_quietly()
import keras  # noqa: E402  (after TensorFlow's quiet import)


def test_check_array_names_argument_expected_and_received_shape():
    """The check every cell's messages are made of (utils.checks.float_array)."""
    assert float_array([[1, 2]], "x", shape=("N", 2)).dtype == np.float64
    with pytest.raises(ValueError, match=r"^x must have shape \(N, T, 3\), got \(2, 3\)$"):
        float_array(np.zeros((2, 3)), "x", shape=("N", "T", 3))
    with pytest.raises(TypeError, match="must hold numbers"):
        float_array(np.array(["a"]), "x", shape=("N",))


def test_check_params_returns_the_checked_arrays():
    checked = check_params({k: v.tolist() for k, v in lstm.init_params(5, 2).items()}, 4)
    assert {k: v.shape for k, v in checked.items()} == {
        "kernel": (5, 8), "recurrent_kernel": (2, 8), "bias": (8,)}
    assert all(isinstance(v, np.ndarray) for v in checked.values())
    assert check_params(gru.init_params(1, 3), 3, gru=True)["bias"].shape == (2, 9)
    with pytest.raises(ValueError, match=r"params\['bias'\] must have shape \(9,\), got \(2, 9\)"):
        check_params(gru.init_params(1, 3), 3)
    with pytest.raises(ValueError, match=r"n_gates must be one of \[1, 3, 4\], got 2"):
        check_params(rnn.init_params(1, 3), 2)
    with pytest.raises(ValueError, match=r"params\['recurrent_kernel'\] must hold at least 1"):
        check_params({"kernel": np.zeros((1, 0)), "recurrent_kernel": np.zeros((0, 0)),
                      "bias": np.zeros(0)}, 1)


def test_initialise_is_glorot_orthogonal_and_zero():
    params = initialise(3, 4, 3, seed=0, recurrent_scale=0.5)
    limit = np.sqrt(6 / (3 + 12))
    assert np.all(np.abs(params["kernel"]) <= limit) and params["kernel"].shape == (3, 12)
    wide = params["recurrent_kernel"]  # (4, 12): orthonormal rows, times 0.5
    np.testing.assert_allclose(wide @ wide.T, 0.25 * np.eye(4), atol=1e-12)
    np.testing.assert_array_equal(params["bias"], np.zeros(12))
    square = initialise(2, 4, 1, seed=1)["recurrent_kernel"]
    np.testing.assert_allclose(square.T @ square, np.eye(4), atol=1e-12)
    with pytest.raises(ValueError, match="n_gates must be one of"):
        initialise(2, 4, 5)


@pytest.mark.parametrize(
    ("layer", "module"),
    [
        (lambda: keras.layers.SimpleRNN(3), rnn),
        (lambda: keras.layers.LSTM(3), lstm),
        (lambda: keras.layers.GRU(3), gru),
        (lambda: keras.layers.GRU(3, reset_after=False), gru),
    ],
)
def test_weights_copy_both_ways(layer, module):
    layer = layer()
    layer.build((None, None, 2))
    params = params_from_keras(layer)
    assert list(params) == ["kernel", "recurrent_kernel", "bias"]
    new = {k: v + 1.0 for k, v in params.items()}
    params_to_keras(new, layer)
    for k, v in params_from_keras(layer).items():
        np.testing.assert_array_equal(v, new[k].astype(np.float32))
    params["kernel"][0, 0] = 99.0  # a copy: the layer does not change
    assert params_from_keras(layer)["kernel"][0, 0] != 99.0
    x = np.ones((1, 4, 2), dtype=np.float32)
    assert np.abs(module.sequence_forward(x, new)[1] - layer(x).numpy()).max() <= 1e-5


def test_weight_copy_errors_are_clear():
    with pytest.raises(ValueError, match="not built yet"):
        params_from_keras(keras.layers.LSTM(3))
    with pytest.raises(TypeError, match="SimpleRNN, LSTM or GRU layer, got Dense"):
        params_from_keras(keras.layers.Dense(3))
    no_bias = keras.layers.SimpleRNN(2, use_bias=False)
    no_bias.build((None, None, 1))
    with pytest.raises(ValueError, match="use_bias=True"):
        params_from_keras(no_bias)
    layer = keras.layers.GRU(3)
    layer.build((None, None, 2))
    before = params_from_keras(layer)
    with pytest.raises(ValueError, match=r"params\['bias'\] must have shape \(2, 9\)"):
        params_to_keras(gru.init_params(2, 3, reset_after=False), layer)
    with pytest.raises(ValueError, match="missing"):
        params_to_keras({"kernel": np.zeros((2, 9))}, layer)
    with pytest.raises(TypeError, match="params must be a dict"):
        params_to_keras([np.zeros((2, 9))], layer)
    nan_bias = {**gru.init_params(2, 3), "bias": np.full((2, 9), np.nan)}
    with pytest.raises(ValueError, match=r"params\['bias'\] must hold finite"):
        params_to_keras(nan_bias, layer)
    for k, v in params_from_keras(layer).items():  # nothing was copied
        np.testing.assert_array_equal(v, before[k])
