"""utils.cells.lstm, what only the LSTM has (the rest: test_every_cell.py)."""

import numpy as np
import pytest

from utils.cells import lstm
from utils.cells.params import params_from_keras
from utils.notebook_setup import import_tensorflow_quietly

import_tensorflow_quietly()
import keras  # noqa: E402  (after TensorFlow's quiet import)


def test_forget_bias_starts_at_one_as_in_keras():
    layer = keras.layers.LSTM(3)
    layer.build((None, None, 2))
    np.testing.assert_array_equal(params_from_keras(layer)["bias"][3:6], 1.0)  # unit_forget_bias
    b_i, b_f, b_g, b_o = np.split(lstm.init_params(2, 3, seed=0)["bias"], 4)
    assert np.all(b_f == 1.0) and not np.any(np.concatenate([b_i, b_g, b_o]))


@pytest.mark.parametrize("cell", ["LSTM"], indirect=True)
def test_gate_activations_are_in_range_and_match_the_forward(random_case):
    params, x, (h0, c0) = random_case((2, 5, 2, 3), np.random.default_rng(6))
    gates = lstm.gate_activations(x, params, h0, c0)
    assert set(gates) == {"i", "f", "g", "o", "c", "h"}
    for name in "ifo":
        assert gates[name].shape == (2, 5, 3)
        assert np.all((gates[name] > 0) & (gates[name] < 1))
    np.testing.assert_allclose(gates["h"], gates["o"] * np.tanh(gates["c"]))
    h_seq, _, c_last, _ = lstm.sequence_forward(x, params, h0, c0)
    np.testing.assert_array_equal(gates["h"], h_seq)
    np.testing.assert_array_equal(gates["c"][:, -1], c_last)


def test_step_cache_names_the_gates():
    params = lstm.init_params(2, 3, seed=0)
    x, h_prev, c_prev = np.ones((4, 2)), np.zeros((4, 3)), np.ones((4, 3))
    h_next, c_next, cache = lstm.step_forward(x, h_prev, c_prev, params)
    assert cache._fields == ("x", "h_prev", "c_prev", "i", "f", "g", "o", "tanh_c", "params")
    np.testing.assert_allclose(c_next, cache.f * c_prev + cache.i * cache.g)
    np.testing.assert_allclose(h_next, cache.o * cache.tanh_c)


def test_bad_cell_state_gradients_give_a_clear_error():
    params = lstm.init_params(2, 3, seed=0)
    *_, cache = lstm.sequence_forward(np.zeros((1, 4, 2)), params)
    with pytest.raises(ValueError, match=r"dc_last must have shape \(1, 3\)"):
        lstm.sequence_backward(None, cache, dc_last=np.zeros((3, 1)))
    with pytest.raises(ValueError, match="dc_last must hold finite"):
        lstm.sequence_backward(None, cache, dc_last=np.full((1, 3), np.nan))
    *_, step_cache = lstm.step_forward(np.zeros((1, 2)), np.zeros((1, 3)), np.zeros((1, 3)), params)
    with pytest.raises(ValueError, match=r"dc_next must have shape \(1, 3\)"):
        lstm.step_backward(np.zeros((1, 3)), np.zeros(3), step_cache)
