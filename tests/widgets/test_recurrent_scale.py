"""Tests of utils.widgets.recurrent_scale: the curve's numbers, every setting of the slider, bad
input."""

import matplotlib
import numpy as np
import pytest

from utils.cells import rnn
from utils.cells.gradient_flow import gradient_norm_by_lag
from utils.widgets.recurrent_scale import (
    draw_gradient_flow,
    recurrent_scale_explorer,
    relative_gradient_by_lag,
)

matplotlib.use("Agg")

X = np.random.default_rng(1).normal(size=(4, 12, 1))  # 4 sequences of 12 steps


def test_the_curve_is_the_gradient_norm_relative_to_lag_0():
    curve = relative_gradient_by_lag(X, 0.7, units=5, seed=3)
    params = rnn.init_params(1, 5, seed=3, recurrent_scale=0.7)
    norms = gradient_norm_by_lag(rnn.sequence_forward, rnn.sequence_backward, params, X)
    np.testing.assert_allclose(curve, norms / norms[0])
    assert curve.shape == (12,) and curve[0] == 1.0


def test_small_scales_vanish_and_large_ones_do_not():
    assert relative_gradient_by_lag(X, 0.5)[-1] < 1e-3
    assert relative_gradient_by_lag(X, 2.0)[-1] > 1.0


def test_the_input_is_not_modified():
    kept = X.copy()
    relative_gradient_by_lag(X, 1.5)
    np.testing.assert_array_equal(X, kept)


def test_the_static_drawing_labels_its_two_curves():
    ax = draw_gradient_flow(X, 1.5)
    labels = [line.get_label() for line in ax.get_lines()]
    assert labels == ["scale 1 (Keras' start)", "scale 1.5"]
    assert ax.get_yscale() == "log" and "(steps before the last)" in ax.get_xlabel()
    matplotlib.pyplot.close("all")


def test_the_explorer_redraws_for_every_scale_of_the_slider(caplog):
    import ipywidgets

    widget = recurrent_scale_explorer(X)
    assert isinstance(widget, ipywidgets.Widget)
    slider = next(c for c in widget.children if getattr(c, "description", "") == "W_h scale")
    assert (slider.min, slider.max, slider.step) == (0.3, 2.5, 0.1)
    for scale in np.round(np.arange(slider.min, slider.max + 1e-9, slider.step), 1):
        slider.value = float(scale)
        matplotlib.pyplot.close("all")
    assert "Exception in interact callback" not in caplog.text


@pytest.mark.parametrize("call, error, message", [
    (lambda: relative_gradient_by_lag(X[0], 1.0), ValueError, "x must have shape"),
    (lambda: relative_gradient_by_lag(X * np.nan, 1.0), ValueError, "x must hold finite"),
    (lambda: relative_gradient_by_lag(X, 0.0), ValueError, "scale must be a number > 0"),
    (lambda: relative_gradient_by_lag(X, "1"), TypeError, "scale must be a real number"),
    (lambda: relative_gradient_by_lag(X, 1.0, units=0), ValueError, "units must be a positive"),
    (lambda: relative_gradient_by_lag(X, 1.0, seed=-1), ValueError, "seed"),
    (lambda: draw_gradient_flow(X, np.inf), ValueError, "scale must be a finite number"),
    (lambda: recurrent_scale_explorer([[1.0]]), ValueError, "x must have shape"),
])
def test_bad_input_is_refused(call, error, message):
    with pytest.raises(error, match=message):
        call()
