"""The learning rate: gradient descent that crawls, converges, oscillates or diverges (notebook 04).

The pure function computes what the picture shows and is what the tests call; the builder wires
sliders to it with ``ipywidgets.interactive`` (imported only when the builder is called).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

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
    path : ndarray (n_steps + 1, P), as returned by :func:`utils.nn.optimizers.run_optimizer`
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
