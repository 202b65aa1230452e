"""Hidden units and training steps: how a small network's decision boundary takes shape
(notebook 05).

The network is the one of notebook 05: 2 features -> ``units`` tanh units -> 1 logit, its
weights drawn by :func:`~utils.nn.mlp.init_mlp` from ``np.random.default_rng(seed)``, trained by
full-batch Adam on the mean binary cross-entropy computed from the logits:

    for each step:  z, caches = mlp_forward(X, params, ["tanh", "linear"])      # (N, 1) logits
                    dz = (sigmoid(z) - y) / N                                   # the output delta
                    params = adam_update(params, mlp_backward(dz, caches)[1], state, lr)

The pure functions compute what the picture shows and are what the tests call
(:func:`train_classifier`, :func:`decision_surface`, :func:`draw_boundary`); the builder
:func:`boundary_explorer` wires two sliders to them with ``ipywidgets.interactive`` (imported only
when it is called).
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes

from utils import checks
from utils.checks import finite_number, float_array, non_negative_int, positive_int
from utils.nn.activations import sigmoid
from utils.nn.losses import binary_cross_entropy_from_logits_grad
from utils.nn.mlp import init_mlp, mlp_backward, mlp_forward
from utils.nn.optimizers import adam_update, init_adam_state

__all__ = ["boundary_explorer", "decision_surface", "draw_boundary", "train_classifier"]

#: The explorer's choices: hidden units, and training steps.
_UNITS = (1, 2, 3, 4, 8, 16)
_STEPS = (0, 10, 30, 100, 300)
_ACTIVATIONS = ["tanh", "linear"]


def _features(X, name: str = "X") -> np.ndarray:
    return float_array(X, name, shape=("N", 2), dtype=np.float64)


def _labels(y, n: int, name: str = "y") -> np.ndarray:
    """Labels 0 or 1, shape (N, 1) (a flat (N,) array is accepted)."""
    y = float_array(y, name, ndim=(1, 2), dtype=np.float64)
    y = y.reshape(-1, 1) if y.ndim == 1 else y
    if y.shape != (n, 1):
        raise ValueError(f"{name} must have shape ({n}, 1), one label per row of X, got {y.shape}")
    if not np.isin(y, (0.0, 1.0)).all():
        bad = y[~np.isin(y, (0.0, 1.0))][0]
        raise ValueError(f"{name} must hold labels 0 or 1, got {bad:g}")
    return y


def train_classifier(X, y, units: int, n_steps: int, *, seed: int = 1,
                     lr: float = 0.05) -> dict[str, np.ndarray]:
    """Train the 2 -> ``units`` tanh -> 1 network for ``n_steps`` full-batch Adam steps.

    Parameters
    ----------
    X : array_like (N, 2), finite features
    y : array_like (N, 1) or (N,), labels 0 or 1
    units : int >= 1, the hidden units H
    n_steps : int >= 0 (0 returns the random starting weights)
    seed : int >= 0, seeds ``init_mlp``'s generator (notebook 05 uses 1)
    lr : float > 0, Adam's learning rate

    Returns
    -------
    params : dict ``kernel_1`` (2, H), ``bias_1`` (H,), ``kernel_2`` (H, 1), ``bias_2`` (1,)
    """
    X = _features(X)
    y = _labels(y, len(X))
    units, n_steps = positive_int(units, "units"), non_negative_int(n_steps, "n_steps")
    lr = finite_number(lr, "lr", low=0.0, low_open=True)
    params = init_mlp([2, units, 1], np.random.default_rng(checks.seed(seed)))
    state = init_adam_state(params)
    for _ in range(n_steps):
        logits, caches = mlp_forward(X, params, _ACTIVATIONS)  # (N, 1)
        _, grads = mlp_backward(binary_cross_entropy_from_logits_grad(y, logits), caches)
        params, state = adam_update(params, grads, state, lr=lr)
    return params


def decision_surface(params, extent: float = 2.5, resolution: int = 101):
    """The predicted probability of class 1 on a square grid of the feature plane.

    Parameters
    ----------
    params : dict of a 2 -> H -> 1 network (see :func:`train_classifier`)
    extent : float > 0, the grid spans [-extent, extent] on both axes
    resolution : int >= 2, points per axis

    Returns
    -------
    gx, gy : ndarray (resolution, resolution), the grid's coordinates
    probability : ndarray (resolution, resolution), sigmoid of the network's logit
    """
    extent = finite_number(extent, "extent", low=0.0, low_open=True)
    resolution = positive_int(resolution, "resolution")
    if resolution < 2:
        raise ValueError(f"resolution must be an int >= 2, got {resolution}")
    axis = np.linspace(-extent, extent, resolution)
    gx, gy = np.meshgrid(axis, axis)
    logits, _ = mlp_forward(np.column_stack([gx.ravel(), gy.ravel()]), params, _ACTIVATIONS)
    return gx, gy, sigmoid(logits).reshape(gx.shape)


def _accuracy(params, X: np.ndarray, y: np.ndarray) -> float:
    """Share of rows whose logit has the sign of the label (logit > 0 means class 1)."""
    logits, _ = mlp_forward(X, params, _ACTIVATIONS)
    return float(np.mean((logits > 0) == (y == 1)))


def draw_boundary(ax: Axes, params, X, y, *, extent: float = 2.5):
    """Draw the probability of class 1 (filled contours), the boundary where it is 0.5 (black)
    and the points ``X`` marked by their label ``y`` on ``ax``.

    ``X`` (N, 2) and ``y`` (N, 1) or (N,) as in :func:`train_classifier`. Returns the filled
    contour set (for a colour bar: ``fig.colorbar(filled, ax=ax)``).
    """
    if not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes, got {type(ax).__name__}")
    X = _features(X)
    y = _labels(y, len(X))
    gx, gy, prob = decision_surface(params, extent)
    filled = ax.contourf(gx, gy, prob, levels=np.linspace(0, 1, 11), cmap="RdBu_r", alpha=0.6)
    if prob.min() < 0.5 < prob.max():
        ax.contour(gx, gy, prob, levels=[0.5], colors="k")
    for label, marker in ((0, "o"), (1, "s")):
        pts = X[y[:, 0] == label]
        ax.scatter(pts[:, 0], pts[:, 1], marker=marker, s=12, edgecolors="k", linewidths=0.3,
                   label=f"class {label}")
    ax.set(xlim=(-extent, extent), ylim=(-extent, extent), xlabel="feature x1",
           ylabel="feature x2")
    return filled


def boundary_explorer(X_train, y_train, X_val, y_val):
    """Sliders for the hidden units and the training steps; draws the trained network's
    decision boundary over the training points, with training and validation accuracy.

    ``X_train``, ``X_val`` (N, 2) and ``y_train``, ``y_val`` (N, 1) as in
    :func:`train_classifier`. Each setting trains once; moving back to it redraws from a cache.
    """
    X_train = _features(X_train, "X_train")
    y_train = _labels(y_train, len(X_train), "y_train")
    X_val = _features(X_val, "X_val")
    y_val = _labels(y_val, len(X_val), "y_val")
    import ipywidgets as widgets
    import matplotlib.pyplot as plt

    trained: dict[tuple[int, int], dict] = {}

    def draw(units=8, n_steps=300):
        if (units, n_steps) not in trained:
            trained[units, n_steps] = train_classifier(X_train, y_train, units, n_steps)
        params = trained[units, n_steps]
        fig, ax = plt.subplots(figsize=(5.5, 5))
        draw_boundary(ax, params, X_train, y_train)
        ax.set_title(f"{units} hidden unit{'s' * (units > 1)}, {n_steps} steps\naccuracy: training "
                     f"{_accuracy(params, X_train, y_train):.2f}, validation "
                     f"{_accuracy(params, X_val, y_val):.2f}")
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0)
        plt.show()

    return widgets.interactive(
        draw,
        units=widgets.SelectionSlider(options=list(_UNITS), value=8, description="hidden units"),
        n_steps=widgets.SelectionSlider(options=list(_STEPS), value=300,
                                        description="Adam steps"),
    )
