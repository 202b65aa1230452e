"""Interactive explorers for notebooks 02-04, with their logic in plain, tested functions.

Each explorer has two halves:

* a **pure function** that computes what the picture shows (``neuron_curve``,
  ``loss_comparison``, ``classify_descent``); ``tests/test_widgets.py`` calls these directly;
* a **builder** (``neuron_explorer``, ``loss_explorer``, ``learning_rate_explorer``) that wires
  sliders to a drawing function with ``ipywidgets.interactive`` and returns the widget.

Widgets only run in a live kernel (not on GitHub), so every notebook shows a static figure of the
same idea first. ``ipywidgets`` and ``matplotlib.pyplot`` are imported only when a builder is called.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from utils.activations import get_activation, sigmoid
from utils.optim import run_optimizer

__all__ = [
    "classify_descent",
    "learning_rate_explorer",
    "loss_comparison",
    "loss_explorer",
    "neuron_curve",
    "neuron_explorer",
]


# --- notebook 02: one neuron, y = f(w x + b) ------------------------------------------------------


def neuron_curve(weight: float, bias: float, activation: str = "sigmoid", x=None):
    """Output of one neuron with one input, ``y = f(w x + b)``, over a grid of inputs.

    Parameters
    ----------
    weight, bias : float
    activation : str, "sigmoid", "tanh", "relu" or "linear"
    x : array_like (M,), optional; default 201 points from -5 to 5

    Returns
    -------
    x : ndarray (M,), y : ndarray (M,), midpoint : float or None
        ``midpoint = -b / w`` is where the pre-activation is 0 (the centre of an S-curve, the
        kink of a ReLU); ``None`` when ``w = 0`` (the output is then flat).
    """
    f, _ = get_activation(activation)
    for name, value in (("weight", weight), ("bias", bias)):
        if not np.isscalar(value) or not np.isfinite(value):
            raise TypeError(f"{name} must be a finite number, got {value!r}")
    x = np.linspace(-5.0, 5.0, 201) if x is None else np.asarray(x, dtype=float)
    midpoint = None if weight == 0 else -bias / weight
    return x, f(weight * x + bias), midpoint


def neuron_explorer():
    """Sliders for weight, bias and activation of one neuron; draws ``y = f(w x + b)``."""
    import ipywidgets as widgets
    import matplotlib.pyplot as plt

    def draw(weight=1.0, bias=0.0, activation="sigmoid"):
        x, y, midpoint = neuron_curve(weight, bias, activation)
        fig, ax = plt.subplots(figsize=(7, 3.5))
        ax.plot(x, y, lw=2)
        if midpoint is not None and -5 <= midpoint <= 5:
            ax.axvline(midpoint, color="grey", ls=":", label=f"w x + b = 0 at x = {midpoint:.2f}")
            ax.legend(loc="upper left")
        ylim = {"sigmoid": (-0.05, 1.05), "tanh": (-1.05, 1.05)}.get(activation, (-1.2, 5.2))
        ax.set(xlabel="input x (unitless)", ylabel="output y = f(w x + b)", ylim=ylim,
               title=f"{activation}: w = {weight:.1f}, b = {bias:.1f}")
        plt.show()

    return widgets.interactive(
        draw,
        weight=widgets.FloatSlider(value=1.0, min=-10.0, max=10.0, step=0.1, description="weight w"),
        bias=widgets.FloatSlider(value=0.0, min=-10.0, max=10.0, step=0.1, description="bias b"),
        activation=widgets.Dropdown(options=["sigmoid", "tanh", "relu", "linear"],
                                    description="activation"),
    )


# --- notebook 03: quadratic error versus cross-entropy for a sigmoid output -----------------------


def loss_comparison(z, y: float) -> dict[str, np.ndarray]:
    """Both losses of one sigmoid output ``a = sigmoid(z)`` with target ``y``, and their slopes in z.

    ``mse = (a - y)^2``, ``dmse_dz = 2 (a - y) a (1 - a)``;
    ``ce = -[y log a + (1 - y) log(1 - a)]``, ``dce_dz = a - y``.

    Parameters
    ----------
    z : float or array_like, the pre-activation (logit)
    y : float in [0, 1], the target

    Returns
    -------
    dict with arrays ``a``, ``mse``, ``ce``, ``dmse_dz``, ``dce_dz`` (shape of ``z``).
    """
    if not np.isscalar(y) or not 0 <= y <= 1:
        raise ValueError(f"y must be a number in [0, 1], got {y!r}")
    z = np.asarray(z, dtype=float)
    a = sigmoid(z)
    return {
        "a": a,
        "mse": (a - y) ** 2,
        "ce": np.maximum(z, 0.0) - z * y + np.log1p(np.exp(-np.abs(z))),  # stable, from z
        "dmse_dz": 2 * (a - y) * a * (1 - a),
        "dce_dz": a - y,
    }


def loss_explorer():
    """Slider for the logit ``z`` and a target toggle; draws both losses and their slopes."""
    import ipywidgets as widgets
    import matplotlib.pyplot as plt

    grid = np.linspace(-8, 8, 321)

    def draw(z=-4.0, y=1):
        curves, point = loss_comparison(grid, y), loss_comparison(z, y)
        fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 3.5))
        for key, label in (("mse", "quadratic error"), ("ce", "cross-entropy")):
            (line,) = ax1.plot(grid, curves[key], label=label)
            ax1.plot(z, point[key], "o", color=line.get_color())
            (line,) = ax2.plot(grid, np.abs(curves["d" + key + "_dz"]), label=label)
            ax2.plot(z, abs(point["d" + key + "_dz"]), "o", color=line.get_color())
        ax1.set(xlabel="logit z", ylabel="loss", title=f"a = {float(point['a']):.3f}, y = {y}")
        ax2.set(xlabel="logit z", ylabel="|dLoss/dz|",
                title=f"slopes: MSE {abs(float(point['dmse_dz'])):.4f}, "
                      f"CE {abs(float(point['dce_dz'])):.4f}")
        ax1.legend()
        plt.show()

    return widgets.interactive(
        draw,
        z=widgets.FloatSlider(value=-4.0, min=-8.0, max=8.0, step=0.1, description="logit z"),
        y=widgets.ToggleButtons(options=[0, 1], value=1, description="target y"),
    )


# --- notebook 04: the learning rate ----------------------------------------------------------------


def classify_descent(path, grad_fn: Callable, loss_fn: Callable, tol: float = 1e-3) -> str:
    """Say what a gradient-descent path did: "diverged", "converged" or "too slow".

    * "diverged": the path left the finite range (``nan`` rows) or ended with a higher loss than
      it started with;
    * "converged": the gradient norm at the last point is below ``tol``;
    * "too slow": still going downhill, but not there yet (steps too small, or too few).

    Parameters
    ----------
    path : ndarray (n_steps + 1, P), as returned by :func:`utils.optim.run_optimizer`
    grad_fn, loss_fn : callables of a point (P,)
    tol : float
    """
    path = np.asarray(path, dtype=float)
    if path.ndim != 2 or len(path) == 0:
        raise ValueError(f"path must have shape (n_steps + 1, P), got {path.shape}")
    if np.isnan(path).any() or loss_fn(path[-1]) > loss_fn(path[0]):
        return "diverged"
    if np.linalg.norm(grad_fn(path[-1])) < tol:
        return "converged"
    return "too slow"


def learning_rate_explorer(loss_fn: Callable, grad_fn: Callable, start, n_steps: int = 20,
                           lr_max: float = 1.2, xlim=(-3, 3), ylim=(-3, 3)):
    """A learning-rate slider over gradient descent on a 1-D curve or a 2-D surface.

    ``loss_fn`` and ``grad_fn`` take a point of shape (P,), P = 1 or 2 (for P = 2 ``loss_fn`` must
    also accept arrays of points stacked on the last axis, for the contour plot).
    """
    import ipywidgets as widgets
    import matplotlib.pyplot as plt

    start = np.atleast_1d(np.asarray(start, dtype=float))

    def draw(lr=0.1, method="sgd"):
        path = run_optimizer(grad_fn, start, method=method, lr=lr, n_steps=n_steps)
        verdict = classify_descent(path, grad_fn, loss_fn)
        fig, ax = plt.subplots(figsize=(7, 4))
        if start.size == 1:
            grid = np.linspace(*xlim, 300)
            ax.plot(grid, [loss_fn(np.array([g])) for g in grid], color="grey")
            ok = ~np.isnan(path[:, 0])
            ax.plot(path[ok, 0], [loss_fn(p) for p in path[ok]], "o-", ms=4)
            ax.set(xlabel="parameter theta", ylabel="loss", xlim=xlim)
        else:
            gx, gy = np.meshgrid(np.linspace(*xlim, 200), np.linspace(*ylim, 200))
            ax.contour(gx, gy, loss_fn(np.stack([gx, gy])), levels=20, cmap="Greys")
            ax.plot(path[:, 0], path[:, 1], "o-", ms=3)
            ax.set(xlabel="theta 1", ylabel="theta 2", xlim=xlim, ylim=ylim)
        ax.set_title(f"{method}, learning rate {lr:.3f}, {n_steps} steps: {verdict}")
        plt.show()

    return widgets.interactive(
        draw,
        lr=widgets.FloatLogSlider(value=0.1, base=10, min=-3, max=np.log10(lr_max), step=0.05,
                                  description="learning rate"),
        method=widgets.Dropdown(options=["sgd", "momentum", "adam"], description="method"),
    )
