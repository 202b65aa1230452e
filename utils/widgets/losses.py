"""Quadratic error versus cross-entropy for a sigmoid output, as the pre-activation moves
(notebook 03).

The pure function computes what the picture shows and is what the tests call; the builder wires
sliders to it with ``ipywidgets.interactive`` (imported only when the builder is called).
"""

from __future__ import annotations

import numpy as np

from utils.checks import finite_number, float_array
from utils.nn.activations import sigmoid

__all__ = ["loss_comparison", "loss_explorer"]


def loss_comparison(z, y: float) -> dict[str, np.ndarray]:
    """Both losses of one sigmoid output ``a = sigmoid(z)`` with target ``y``, their slopes in z.

    ``mse = (a - y)^2``, ``dmse_dz = 2 (a - y) a (1 - a)``;
    ``ce = -[y log a + (1 - y) log(1 - a)]``, ``dce_dz = a - y``.

    Parameters
    ----------
    z : float or array_like, any shape, the pre-activation (logit), finite
    y : float in [0, 1], the target

    Returns
    -------
    dict with arrays ``a``, ``mse``, ``ce``, ``dmse_dz``, ``dce_dz`` (shape of ``z``).
    """
    y = finite_number(y, "y", low=0.0, high=1.0)
    z = float_array(z, "z", dtype=np.float64)
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
