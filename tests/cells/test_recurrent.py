"""utils.cells (params, gradient flow): shape checks, Keras weight copy, initialisers, stable sigmoid, gradient flow."""

import re
import warnings

import numpy as np
import pytest

from utils.cells import gru, lstm, rnn
from utils.cells.gradient_flow import gradient_norm_by_lag
from utils.cells.params import check_params, orthogonal, params_from_keras, params_to_keras
from utils.checks import float_array
from utils.exercises import recurrent as ex
from utils.exercises.core import ExerciseNotSolved
from utils.nn.activations import sigmoid
from utils.notebook_setup import import_tensorflow_quietly

tf = import_tensorflow_quietly()
import keras  # noqa: E402  (after TensorFlow's quiet import)


def test_sigmoid_is_exact_and_does_not_overflow():
    z = np.array([-1000.0, -30.0, -1.0, 0.0, 2.0, 1000.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="raise"):
            s = sigmoid(z)
            s32 = sigmoid(z.astype(np.float32))
    np.testing.assert_allclose(s[1:-1], 1 / (1 + np.exp(-z[1:-1])), atol=1e-15)
    assert s[0] == 0.0 and s[-1] == 1.0 and s32.dtype == np.float32


def test_check_array_names_argument_expected_and_received_shape():
    assert float_array([[1, 2]], "x", shape=("N", 2)).dtype == np.float64
    with pytest.raises(ValueError, match=r"^x must have shape \(N, T, 3\), got \(2, 3\)$"):
        float_array(np.zeros((2, 3)), "x", shape=("N", "T", 3))
    with pytest.raises(TypeError, match="must hold numbers"):
        float_array(np.array(["a"]), "x", shape=("N",))


def test_check_params_returns_input_size_and_units():
    assert check_params(lstm.init_params(5, 2), 4) == (5, 2)
    assert check_params(gru.init_params(1, 3), 3, gru=True) == (1, 3)
    with pytest.raises(ValueError, match=r"params\['bias'\] must have shape \(9,\), got \(2, 9\)"):
        check_params(gru.init_params(1, 3), 3)


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
    with pytest.raises(ValueError, match="SimpleRNN, LSTM or GRU layer, got Dense"):
        params_from_keras(keras.layers.Dense(3))
    no_bias = keras.layers.SimpleRNN(2, use_bias=False)
    no_bias.build((None, None, 1))
    with pytest.raises(ValueError, match="use_bias=True"):
        params_from_keras(no_bias)
    layer = keras.layers.GRU(3)
    layer.build((None, None, 2))
    with pytest.raises(ValueError, match=r"params\['bias'\] must have shape \(2, 9\)"):
        params_to_keras(gru.init_params(2, 3, reset_after=False), layer)
    with pytest.raises(ValueError, match="missing"):
        params_to_keras({"kernel": np.zeros((2, 9))}, layer)


def test_orthogonal_has_orthonormal_rows_or_columns():
    rng = np.random.default_rng(0)
    wide, square = orthogonal((3, 12), rng), orthogonal((4, 4), rng, gain=0.5)
    np.testing.assert_allclose(wide @ wide.T, np.eye(3), atol=1e-12)
    np.testing.assert_allclose(square.T @ square, 0.25 * np.eye(4), atol=1e-12)


def test_gradient_norm_by_lag_vanishes_for_a_small_recurrent_scale():
    x = np.random.default_rng(0).normal(size=(4, 30, 1)) * 0.1
    small = rnn.init_params(1, 8, seed=0, recurrent_scale=0.5)
    norms = gradient_norm_by_lag(rnn.sequence_forward, rnn.sequence_backward, small, x)
    assert norms.shape == (30,) and np.all(norms > 0)
    assert norms[-1] < 1e-6 * norms[0]  # about 0.5**29
    large = rnn.init_params(1, 8, seed=0, recurrent_scale=1.5)
    grown = gradient_norm_by_lag(rnn.sequence_forward, rnn.sequence_backward, large, x)
    assert grown[10] > grown[0]  # explodes while the states are small (tanh near linear)


def test_gradient_norm_by_lag_lstm_keeps_more_gradient_than_simple_rnn():
    x = np.random.default_rng(1).normal(size=(8, 40, 1))
    simple = gradient_norm_by_lag(
        rnn.sequence_forward, rnn.sequence_backward, rnn.init_params(1, 16, seed=0), x
    )
    gated = gradient_norm_by_lag(
        lstm.sequence_forward, lstm.sequence_backward, lstm.init_params(1, 16, seed=0), x
    )
    assert gated[-1] / gated[0] > simple[-1] / simple[0]


# --- the exercise checkers of notebooks 08-10 ----------------------------------------------------


def _stub(*args):
    raise NotImplementedError


CHECKERS = [
    (
        ex.check_rnn_step,
        lambda x, h, wx, wh, b: np.tanh(x @ wx + h @ wh + b),
        lambda x, h, wx, wh, b: np.tanh(x @ wx + b),
        "recurrent term",
    ),
    (
        ex.check_rnn_param_count,
        lambda d, h: d * h + h * h + h,
        lambda d, h: d * h + h,
        "recurrent kernel",
    ),
    (
        ex.check_lstm_update,
        lambda i, f, g, o, c: (o * np.tanh(f * c + i * g), f * c + i * g),
        lambda i, f, g, o, c: (o * np.tanh(c), f * c + i * g),
        "o * tanh",
    ),
    (
        ex.check_lstm_param_count,
        lambda d, h: 4 * (d * h + h * h + h),
        lambda d, h: d * h + h * h + h,
        "four gates",
    ),
    (
        ex.check_gru_update,
        lambda z, hh, h: z * h + (1 - z) * hh,
        lambda z, hh, h: z * hh + (1 - z) * h,
        "workshop",
    ),
    (
        ex.check_gru_param_count,
        lambda d, h, ra: 3 * (d * h + h * h + h) + (3 * h if ra else 0),
        lambda d, h, ra: 3 * (d * h + h * h + h),
        "second bias row",
    ),
]


@pytest.mark.parametrize(("checker", "right", "wrong", "hint"), CHECKERS)
def test_checkers_say_right_wrong_or_not_solved(checker, right, wrong, hint, capsys):
    for answer, start in ((_stub, "⏳"), (..., "⏳"), (wrong, "✗"), (right, "✓")):
        assert checker(answer) is None
        out = capsys.readouterr().out
        assert out.startswith(start), out
    checker(wrong)
    assert hint in capsys.readouterr().out
    checker(right, strict=True)
    with pytest.raises(AssertionError, match=re.escape(hint)):
        checker(wrong, strict=True)
    with pytest.raises(ExerciseNotSolved):
        checker(_stub, strict=True)

