"""One neuron, y = f(w x + b): the curve a learner shapes with weight, bias and activation
(notebook 02).

The pure function computes what the picture shows and is what the tests call; the builder wires
sliders to it with ``ipywidgets.interactive`` (imported only when the builder is called).
"""

from __future__ import annotations

import numpy as np

from utils.checks import finite_number, float_array
from utils.nn.activations import get_activation

__all__ = ["neuron_curve", "neuron_explorer"]


def neuron_curve(weight: float, bias: float, activation: str = "sigmoid", x=None):
    """Output of one neuron with one input, ``y = f(w x + b)``, over a grid of inputs.

    Parameters
    ----------
    weight, bias : float, finite
    activation : str, "sigmoid", "tanh", "relu" or "linear"
    x : array_like (M,) of finite numbers, optional; default 201 points from -5 to 5

    Returns
    -------
    x : ndarray (M,), y : ndarray (M,), midpoint : float or None
        ``midpoint = -b / w`` is where the pre-activation is 0 (the centre of an S-curve, the
        kink of a ReLU); ``None`` when ``w = 0`` (the output is then flat).
    """
    weight, bias = finite_number(weight, "weight"), finite_number(bias, "bias")
    f, _ = get_activation(activation)
    x = np.linspace(-5.0, 5.0, 201) if x is None else float_array(x, "x", ndim=1)
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
        ax.set(xlabel="input x", ylabel="output y = f(w x + b)", ylim=ylim,
               title=f"{activation}: w = {weight:.1f}, b = {bias:.1f}")
        plt.show()

    return widgets.interactive(
        draw,
        weight=widgets.FloatSlider(value=1.0, min=-10.0, max=10.0, step=0.1,
                                   description="weight w"),
        bias=widgets.FloatSlider(value=0.0, min=-10.0, max=10.0, step=0.1, description="bias b"),
        activation=widgets.Dropdown(options=["sigmoid", "tanh", "relu", "linear"],
                                    description="activation"),
    )
