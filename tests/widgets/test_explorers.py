"""Tests of utils.widgets: the update logic of every explorer, and that each builder builds."""

import matplotlib
import numpy as np
import pytest

from utils.nn.activations import sigmoid
from utils.nn.optimizers import run_optimizer
from utils.widgets.descent import classify_descent, learning_rate_explorer
from utils.widgets.losses import loss_comparison, loss_explorer
from utils.widgets.neuron import neuron_curve, neuron_explorer

matplotlib.use("Agg")


def test_neuron_curve_values_and_midpoint():
    x, y, mid = neuron_curve(2.0, -4.0, "sigmoid")
    assert x.shape == y.shape == (201,)
    assert mid == pytest.approx(2.0)
    np.testing.assert_allclose(y, sigmoid(2 * x - 4))
    assert y[np.argmin(np.abs(x - mid))] == pytest.approx(0.5)


def test_neuron_curve_steeper_with_larger_weight():
    x = np.array([-0.5, 0.5])
    _, y_small, _ = neuron_curve(1.0, 0.0, "tanh", x)
    _, y_large, _ = neuron_curve(10.0, 0.0, "tanh", x)
    assert np.ptp(y_large) > np.ptp(y_small)


def test_neuron_curve_zero_weight_is_flat():
    _, y, mid = neuron_curve(0.0, 1.0, "relu")
    assert mid is None
    np.testing.assert_array_equal(y, 1.0)


def test_loss_comparison_slopes():
    out = loss_comparison(np.array([-6.0, 0.0, 6.0]), 1)
    np.testing.assert_allclose(out["dce_dz"], out["a"] - 1)
    np.testing.assert_allclose(out["dmse_dz"], 2 * (out["a"] - 1) * out["a"] * (1 - out["a"]))
    # the MSE slow-down: at z = -6 (confidently wrong) MSE's slope is ~400x smaller than CE's
    assert abs(out["dce_dz"][0]) / abs(out["dmse_dz"][0]) > 100
    assert out["ce"][2] < 0.01 and out["ce"][0] > 5


def test_loss_comparison_is_stable_far_out():
    out = loss_comparison(np.array([-1000.0, 1000.0]), 0)
    np.testing.assert_allclose(out["ce"], [0.0, 1000.0])


def test_classify_descent():
    def loss(t):
        return float(2 * t[0] ** 2)

    def grad(t):
        return 4 * t

    assert classify_descent(run_optimizer(grad, 1.0, lr=0.1, n_steps=50), grad, loss) == "converged"
    assert classify_descent(run_optimizer(grad, 1.0, lr=0.001, n_steps=50), grad, loss) == "too slow"
    assert classify_descent(run_optimizer(grad, 1.0, lr=0.6, n_steps=5), grad, loss) == "diverged"
    assert classify_descent(run_optimizer(grad, 1.0, lr=0.6, n_steps=200), grad, loss) == "diverged"


@pytest.mark.parametrize("build", [
    neuron_explorer,
    loss_explorer,
    lambda: learning_rate_explorer(lambda t: t[0] ** 2, lambda t: 2 * t, [2.0]),
    lambda: learning_rate_explorer(lambda t: t[0] ** 2 + 5 * t[1] ** 2,
                                   lambda t: np.array([2 * t[0], 10 * t[1]]), [2.0, 1.0]),
])
def test_builders_return_a_widget(build):
    import ipywidgets

    widget = build()
    assert isinstance(widget, ipywidgets.Widget)
    assert len(widget.children) >= 2  # the sliders and the output area
    matplotlib.pyplot.close("all")


def _set(widget, **values):
    """Move the widget's controls (each move redraws, as a learner's slider would)."""
    controls = {child.description: child for child in widget.children if hasattr(child, "value")}
    for description, value in values.items():
        controls[description].value = value


@pytest.mark.parametrize("build, settings", [
    (neuron_explorer, [{"activation": a, "weight w": w, "bias b": b}
                       for a in ("sigmoid", "tanh", "relu", "linear") for w, b in ((0.0, 1.0), (-10.0, 3.0))]),
    (loss_explorer, [{"target y": y, "logit z": z} for y in (0, 1) for z in (-8.0, 0.0, 8.0)]),
    (lambda: learning_rate_explorer(lambda t: t[0] ** 2 + 5 * t[1] ** 2,
                                    lambda t: np.array([2 * t[0], 10 * t[1]]), [2.0, 1.0], lr_max=1.0),
     [{"method": m, "learning rate": lr} for m in ("sgd", "momentum", "adam") for lr in (0.001, 0.05, 1.0)]),
    (lambda: learning_rate_explorer(lambda t: t[0] ** 2, lambda t: 2 * t, [2.0]),
     [{"learning rate": lr} for lr in (0.001, 0.5, 1.2)]),  # 1.2 diverges: the nan rows are skipped
])
def test_every_setting_redraws_without_error(build, settings, caplog):
    widget = build()
    for values in settings:
        _set(widget, **values)
    matplotlib.pyplot.close("all")
    assert "Exception in interact callback" not in caplog.text


def test_errors_name_the_argument():
    with pytest.raises(ValueError, match="activation"):
        neuron_curve(1.0, 0.0, "swish")
    with pytest.raises(TypeError, match="weight"):
        neuron_curve(np.nan, 0.0)
    with pytest.raises(ValueError, match="y"):
        loss_comparison(0.0, 2)
    with pytest.raises(ValueError, match="path"):
        classify_descent(np.zeros(3), lambda t: t, lambda t: 0.0)
