"""The learning rate: gradient descent that crawls, converges, oscillates or diverges (notebook 04).

The pure function computes what the picture shows and is what the tests call; the builder wires
sliders to it with ``ipywidgets.interactive`` (imported only when the builder is called).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from utils.checks import finite_number, float_array, function, positive_int
from utils.nn.optimizers import run_optimizer

__all__ = ["classify_descent", "learning_rate_explorer"]


def classify_descent(path, grad_fn: Callable, loss_fn: Callable, tol: float = 1e-3) -> str:
    """Say what a gradient-descent path did: "diverged", "converged" or "too slow".

    * "diverged": the path left the finite range (``nan`` rows) or ended with a higher loss than
      it started with;
    * "converged": the gradient norm at the last point is below ``tol``;
    * "too slow": still going downhill, but not there yet (steps too small, or too few).

    Parameters
    ----------
    path : ndarray (n_steps + 1, P), as returned by :func:`utils.nn.optimizers.run_optimizer`;
        ``nan`` rows (a run that diverged) are expected, not refused
    grad_fn, loss_fn : callables of a point (P,)
    tol : float > 0
    """
    path = float_array(path, "path", ndim=2, finite=False)
    function(grad_fn, "grad_fn", signature="grad_fn(theta) -> gradient")
    function(loss_fn, "loss_fn", signature="loss_fn(theta) -> float")
    tol = finite_number(tol, "tol", low=0.0, low_open=True)
    if np.isnan(path).any() or loss_fn(path[-1]) > loss_fn(path[0]):
        return "diverged"
    if np.linalg.norm(grad_fn(path[-1])) < tol:
        return "converged"
    return "too slow"


def learning_rate_explorer(loss_fn: Callable, grad_fn: Callable, start, n_steps: int = 20,
                           lr_max: float = 1.2, xlim=(-3, 3), ylim=(-3, 3)):
    """A learning-rate slider over gradient descent on a 1-D curve or a 2-D surface.

    ``loss_fn`` and ``grad_fn`` take a point of shape (P,), P = 1 or 2 (for P = 2 ``loss_fn`` must
    also accept arrays of points stacked on the first axis, for the contour plot). ``start``
    holds P finite numbers; ``n_steps`` is an int >= 1; the slider runs from 0.001 to
    ``lr_max`` (> 0.001); ``xlim`` and ``ylim`` are (low, high) pairs with low < high.
    """
    function(loss_fn, "loss_fn", signature="loss_fn(theta) -> float")
    function(grad_fn, "grad_fn", signature="grad_fn(theta) -> gradient")
    start = np.atleast_1d(float_array(start, "start", ndim=(0, 1), dtype=np.float64))  # (P,)
    if start.size > 2:
        raise ValueError(f"start must hold 1 or 2 numbers (a point on a curve or a surface), "
                         f"got shape {start.shape}")
    n_steps = positive_int(n_steps, "n_steps")
    lr_max = finite_number(lr_max, "lr_max", low=1e-3, low_open=True)
    xlim, ylim = _limits(xlim, "xlim"), _limits(ylim, "ylim")
    import ipywidgets as widgets
    import matplotlib.pyplot as plt

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


def _limits(value, name: str) -> tuple[float, float]:
    """An axis range ``(low, high)`` of finite numbers with low < high."""
    low, high = float_array(value, name, shape=(2,), dtype=np.float64)
    if not low < high:
        raise ValueError(f"{name} must be (low, high) with low < high, got ({low:g}, {high:g})")
    return float(low), float(high)
