"""utils.cells.gru, what only the GRU has (the rest: test_every_cell.py)."""

import numpy as np
import pytest

from utils.cells import gru
from utils.cells.params import params_from_keras
from utils.notebook_setup import import_tensorflow_quietly

import_tensorflow_quietly()
import keras  # noqa: E402  (after TensorFlow's quiet import)


@pytest.mark.parametrize("reset_after", [True, False])
def test_reset_after_is_read_from_the_bias_shape(reset_after):
    layer = keras.layers.GRU(3, reset_after=reset_after)
    layer.build((None, None, 2))
    assert gru.reset_after(params_from_keras(layer)) is reset_after
    assert gru.reset_after(gru.init_params(2, 3, reset_after=reset_after)) is reset_after
    assert gru.init_params(2, 3, reset_after=reset_after)["bias"].shape == (
        (2, 9) if reset_after else (9,)
    )


@pytest.mark.parametrize("cell", ["GRU(reset_after=False)", "GRU(reset_after=True)"],
                         indirect=True)
def test_workshop_convention_is_keras_with_z_swapped(random_case):
    """The slides' h = z hh + (1 - z) h_prev equals Keras' h = z h_prev + (1 - z) hh for z -> 1 - z."""
    params, x, (h_prev,) = random_case((3, 1, 2, 4), np.random.default_rng(8))
    h_next, cache = gru.step_forward(x[:, 0], h_prev, params)
    z_workshop = 1.0 - cache.z
    np.testing.assert_allclose(h_next, z_workshop * cache.hh + (1 - z_workshop) * h_prev)


def test_step_cache_names_the_gates():
    x, h_prev = np.ones((2, 3)), np.zeros((2, 4))
    for reset_after in (True, False):
        params = gru.init_params(3, 4, seed=0, reset_after=reset_after)
        _, cache = gru.step_forward(x, h_prev, params)
        assert cache._fields == ("x", "h_prev", "z", "r", "hh", "u_h", "params")
        assert (cache.u_h is None) is not reset_after
        assert np.all((cache.z > 0) & (cache.z < 1) & (cache.r > 0) & (cache.r < 1))


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: gru.init_params(2, 3, reset_after="yes"), TypeError,
         "reset_after must be True or False, got 'yes'"),
        (lambda: gru.init_params(2, 3, reset_after=1), TypeError, "reset_after must be True or False"),
        (lambda: gru.reset_after([1, 2]), TypeError, "params must be a dict"),
        (lambda: gru.reset_after({**gru.init_params(2, 3), "bias": np.zeros((3, 9))}), ValueError,
         r"params\['bias'\] must have shape \(9,\) or \(2, 9\)"),
    ],
)
def test_bad_gru_options_give_a_clear_error(call, error, message):
    with pytest.raises(error, match=message):
        call()
