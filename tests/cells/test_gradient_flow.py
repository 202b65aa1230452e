"""utils.cells.gradient_flow: vanishing and exploding gradients, measured."""

import numpy as np
import pytest

from utils.cells import lstm, rnn
from utils.cells.gradient_flow import gradient_norm_by_lag


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


def test_bad_arguments_give_a_clear_error():
    params, x = rnn.init_params(1, 2, seed=0), np.zeros((1, 3, 1))
    with pytest.raises(TypeError, match="sequence_forward must be a function"):
        gradient_norm_by_lag("rnn", rnn.sequence_backward, params, x)
    with pytest.raises(TypeError, match="sequence_backward must be a function"):
        gradient_norm_by_lag(rnn.sequence_forward, None, params, x)
    with pytest.raises(TypeError, match=r"cache must be the cache returned by lstm\.sequence_"):
        gradient_norm_by_lag(rnn.sequence_forward, lstm.sequence_backward, params, x)
    with pytest.raises(ValueError, match="x must hold finite"):
        gradient_norm_by_lag(rnn.sequence_forward, rnn.sequence_backward, params, x * np.nan)
