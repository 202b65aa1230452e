"""Tests of utils.widgets.boundary: the training behind the decision-boundary explorer of notebook
05, the surface it draws, and a redraw for every setting of its two controls."""

import matplotlib
import numpy as np
import pytest

from utils.nn.activations import sigmoid
from utils.nn.losses import binary_cross_entropy_from_logits
from utils.nn.mlp import init_mlp, mlp_forward
from utils.widgets import boundary
from utils.widgets.boundary import (
    boundary_explorer,
    decision_surface,
    draw_boundary,
    train_classifier,
)

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def noisy_xor(n, seed=0):
    rng = np.random.default_rng(seed)
    centres = rng.choice([-1.0, 1.0], size=(n, 2))
    X = centres + rng.normal(scale=0.4, size=(n, 2))
    return X, (centres[:, 0] * centres[:, 1] > 0).astype(float)[:, None]


X, Y = noisy_xor(80)
X_VAL, Y_VAL = noisy_xor(40, seed=1)


def accuracy(params, X, y):
    logits, _ = mlp_forward(X, params, ["tanh", "linear"])
    return float(np.mean((logits > 0) == (y == 1)))


def test_zero_steps_is_the_random_start():
    params = train_classifier(X, Y, units=3, n_steps=0, seed=4)
    start = init_mlp([2, 3, 1], np.random.default_rng(4))
    assert params.keys() == start.keys()
    for name in start:
        np.testing.assert_array_equal(params[name], start[name])


def test_training_lowers_the_loss_and_learns_xor():
    def loss(params):
        return binary_cross_entropy_from_logits(Y, mlp_forward(X, params, ["tanh", "linear"])[0])

    start, trained = train_classifier(X, Y, 8, 0), train_classifier(X, Y, 8, 300)
    assert loss(trained) < 0.2 < loss(start)
    assert accuracy(trained, X, Y) > 0.9
    assert accuracy(train_classifier(X, Y, 1, 300), X, Y) < 0.85  # one line cannot do XOR


def test_flat_labels_and_inputs_are_not_modified():
    X_copy, y_flat = X.copy(), Y[:, 0].copy()
    a = train_classifier(X_copy, y_flat, 2, 5)
    b = train_classifier(X, Y, 2, 5)
    np.testing.assert_array_equal(X_copy, X)
    np.testing.assert_array_equal(y_flat, Y[:, 0])
    for name in a:
        np.testing.assert_array_equal(a[name], b[name])


def test_decision_surface_is_the_sigmoid_of_the_logit_on_a_grid():
    params = train_classifier(X, Y, 4, 20)
    gx, gy, prob = decision_surface(params, extent=2.0, resolution=5)
    assert gx.shape == gy.shape == prob.shape == (5, 5)
    assert gx[0, 0] == gy[0, 0] == -2.0 and gx[-1, -1] == gy[-1, -1] == 2.0
    point = np.array([[gx[1, 3], gy[1, 3]]])
    expected = sigmoid(mlp_forward(point, params, ["tanh", "linear"])[0])[0, 0]
    assert prob[1, 3] == pytest.approx(expected)
    assert ((prob > 0) & (prob < 1)).all()


def test_draw_boundary_draws_the_line_only_where_the_probability_crosses_one_half():
    fig, (ax1, ax2) = plt.subplots(1, 2)
    trained = train_classifier(X, Y, 8, 100)
    filled = draw_boundary(ax1, trained, X, Y)
    assert filled.levels[0] == 0 and filled.levels[-1] == 1
    assert len(ax1.collections) == 4  # filled contours, the boundary, two classes of points
    flat = {name: np.zeros_like(value) for name, value in trained.items()}  # 0.5 everywhere
    draw_boundary(ax2, flat, X, Y)
    assert len(ax2.collections) == 3  # no boundary line
    assert ax1.get_legend_handles_labels()[1] == ["class 0", "class 1"]
    plt.close(fig)


def test_builder_returns_a_widget_with_two_controls():
    import ipywidgets

    widget = boundary_explorer(X, Y, X_VAL, Y_VAL)
    assert isinstance(widget, ipywidgets.Widget)
    controls = {c.description: c for c in widget.children if hasattr(c, "value")}
    assert set(controls) == {"hidden units", "Adam steps"}
    assert list(controls["hidden units"].options) == list(boundary._UNITS)
    assert list(controls["Adam steps"].options) == list(boundary._STEPS)
    plt.close("all")


def test_every_setting_redraws_without_error(caplog, monkeypatch):
    import ipywidgets

    calls = []
    real = boundary.train_classifier
    monkeypatch.setattr(boundary, "train_classifier",
                        lambda *a, **k: calls.append(a[2:4]) or real(*a, **k))
    widget = boundary_explorer(X, Y, X_VAL, Y_VAL)
    controls = {c.description: c for c in widget.children if isinstance(c, ipywidgets.ValueWidget)}
    for units in boundary._UNITS:
        controls["hidden units"].value = units
        for n_steps in boundary._STEPS:
            controls["Adam steps"].value = n_steps
            plt.close("all")
    assert "Exception in interact callback" not in caplog.text
    expected = {(u, s) for u in boundary._UNITS for s in boundary._STEPS}
    assert expected <= set(calls)
    assert len(calls) == len(set(calls))  # each setting trained once, then drawn from the cache
    controls["hidden units"].value = boundary._UNITS[0]  # back to a setting seen before
    assert len(calls) == len(set(calls))
    plt.close("all")


@pytest.mark.parametrize("call, error, message", [
    (lambda: train_classifier(X[:, :1], Y, 2, 5), ValueError, r"X must have shape \(N, 2\)"),
    (lambda: train_classifier(np.full((3, 2), np.nan), Y[:3], 2, 5), ValueError,
     "X must hold finite numbers"),
    (lambda: train_classifier(X, Y[:5], 2, 5), ValueError, r"y must have shape \(80, 1\)"),
    (lambda: train_classifier(X, 2 * Y, 2, 5), ValueError, "y must hold labels 0 or 1, got 2"),
    (lambda: train_classifier(X, Y, 0, 5), ValueError, "units must be a positive int"),
    (lambda: train_classifier(X, Y, 2.0, 5), TypeError, "units must be"),
    (lambda: train_classifier(X, Y, 2, -1), ValueError, "n_steps must be"),
    (lambda: train_classifier(X, Y, 2, 5, seed=-1), ValueError, "seed"),
    (lambda: train_classifier(X, Y, 2, 5, lr=0.0), ValueError, "lr must be a number > 0"),
    (lambda: decision_surface({"kernel_1": np.zeros((2, 2))}), ValueError, "params must hold"),
    (lambda: decision_surface(train_classifier(X, Y, 2, 0), extent=0), ValueError,
     "extent must be a number > 0"),
    (lambda: decision_surface(train_classifier(X, Y, 2, 0), resolution=1), ValueError,
     "resolution must be an int >= 2"),
    (lambda: draw_boundary(None, train_classifier(X, Y, 2, 0), X, Y), TypeError,
     "ax must be a matplotlib Axes"),
    (lambda: boundary_explorer(X, Y, X_VAL, Y), ValueError, r"y_val must have shape \(40, 1\)"),
    (lambda: boundary_explorer(X, Y, X_VAL[:, :1], Y_VAL), ValueError, "X_val must have shape"),
])
def test_bad_input_is_refused_with_a_message_naming_the_argument(call, error, message):
    with pytest.raises(error, match=message):
        call()
    plt.close("all")
