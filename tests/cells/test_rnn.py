"""utils.cells.rnn, what only the SimpleRNN has (the rest: test_every_cell.py)."""

import numpy as np

from utils.cells import rnn


def test_init_params_recurrent_scale_is_the_spectral_radius():
    params = rnn.init_params(2, 5, seed=0, recurrent_scale=0.7)
    assert params["kernel"].shape == (2, 5) and params["bias"].shape == (5,)
    np.testing.assert_allclose(np.abs(np.linalg.eigvals(params["recurrent_kernel"])), 0.7)


def test_step_cache_holds_what_the_backward_reads():
    x, h_prev = np.ones((2, 3)), np.zeros((2, 4))
    h_next, cache = rnn.step_forward(x, h_prev, rnn.init_params(3, 4, seed=0))
    assert cache._fields == ("x", "h_prev", "h_next", "params")
    np.testing.assert_array_equal(cache.h_next, h_next)
    np.testing.assert_array_equal(cache.h_prev, h_prev)
