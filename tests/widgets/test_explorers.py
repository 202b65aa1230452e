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
    slow = run_optimizer(grad, 1.0, lr=0.001, n_steps=50)
    assert classify_descent(slow, grad, loss) == "too slow"
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
                       for a in ("sigmoid", "tanh", "relu", "linear")
                       for w, b in ((0.0, 1.0), (-10.0, 3.0))]),
    (loss_explorer, [{"target y": y, "logit z": z} for y in (0, 1) for z in (-8.0, 0.0, 8.0)]),
    (lambda: learning_rate_explorer(lambda t: t[0] ** 2 + 5 * t[1] ** 2,
                                    lambda t: np.array([2 * t[0], 10 * t[1]]), [2.0, 1.0],
                                    lr_max=1.0),
     [{"method": m, "learning rate": lr} for m in ("sgd", "momentum", "adam")
      for lr in (0.001, 0.05, 1.0)]),
    (lambda: learning_rate_explorer(lambda t: t[0] ** 2, lambda t: 2 * t, [2.0]),
     [{"learning rate": lr} for lr in (0.001, 0.5, 1.2)]),  # 1.2 diverges: the nan rows are skipped
])
def test_every_setting_redraws_without_error(build, settings, caplog):
    widget = build()
    for values in settings:
        _set(widget, **values)
    matplotlib.pyplot.close("all")
    assert "Exception in interact callback" not in caplog.text


def _bowl(t):
    return float(t[0] ** 2)


def _bowl_grad(t):
    return 2 * t


@pytest.mark.parametrize("call, error, message", [
    (lambda: neuron_curve(1.0, 0.0, "swish"), ValueError, "activation must be one of"),
    (lambda: neuron_curve(np.nan, 0.0), ValueError, "weight must be a finite number"),
    (lambda: neuron_curve("1", 0.0), TypeError, "weight must be a real number"),
    (lambda: neuron_curve(1.0, np.inf), ValueError, "bias must be a finite number"),
    (lambda: neuron_curve(1.0, 0.0, x=np.zeros((2, 2))), ValueError, "x must have 1 axes"),
    (lambda: neuron_curve(1.0, 0.0, x=[]), ValueError, "x must hold at least 1 value"),
    (lambda: neuron_curve(1.0, 0.0, x=[1j]), TypeError, "x must hold real numbers"),
    (lambda: loss_comparison(0.0, 2), ValueError, r"y must be a number in \[0, 1\], got 2"),
    (lambda: loss_comparison(0.0, "1"), TypeError, "y must be a real number"),
    (lambda: loss_comparison([0.0, np.nan], 1), ValueError, "z must hold finite numbers"),
    (lambda: classify_descent(np.zeros(3), _bowl_grad, _bowl), ValueError, "path must have 2 axes"),
    (lambda: classify_descent(np.zeros((0, 1)), _bowl_grad, _bowl), ValueError,
     "path must hold at least 1 value"),
    (lambda: classify_descent(np.zeros((3, 1)), "grad", _bowl), TypeError,
     "grad_fn must be a function"),
    (lambda: classify_descent(np.zeros((3, 1)), _bowl_grad, None), TypeError,
     "loss_fn must be a function"),
    (lambda: classify_descent(np.zeros((3, 1)), _bowl_grad, _bowl, tol=0), ValueError,
     "tol must be a number > 0"),
    (lambda: learning_rate_explorer(_bowl, _bowl_grad, [1.0, 2.0, 3.0]), ValueError,
     "start must hold 1 or 2 numbers"),
    (lambda: learning_rate_explorer(_bowl, _bowl_grad, [np.nan]), ValueError,
     "start must hold finite"),
    (lambda: learning_rate_explorer(_bowl, _bowl_grad, [1.0], n_steps=0), ValueError,
     "n_steps must be a positive int"),
    (lambda: learning_rate_explorer(_bowl, _bowl_grad, [1.0], lr_max=0.001), ValueError,
     "lr_max must be a number > 0.001"),
    (lambda: learning_rate_explorer(_bowl, _bowl_grad, [1.0], xlim=(3, -3)), ValueError,
     r"xlim must be \(low, high\) with low < high"),
    (lambda: learning_rate_explorer(_bowl, _bowl_grad, [1.0], ylim=(0, 1, 2)), ValueError,
     r"ylim must have shape \(2,\)"),
    (lambda: learning_rate_explorer(_bowl, 3, [1.0]), TypeError, "grad_fn must be a function"),
])
def test_errors_name_the_argument(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_a_path_with_inf_counts_as_diverged():
    path = np.array([[1.0], [np.inf]])
    assert classify_descent(path, _bowl_grad, _bowl) == "diverged"
