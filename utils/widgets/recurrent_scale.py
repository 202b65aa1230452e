"""The scale of the recurrent kernel: gradients that vanish or explode with the time lag
(notebook 09).

For a SimpleRNN whose recurrent kernel is ``W_h = scale * Q`` (``Q`` orthogonal, Keras' start),
and the loss ``L = sum(h_T)``, the picture shows ``||dL/dx_{T-1-k}||`` relative to lag 0 on a log
scale: going back one step multiplies the gradient by ``diag(1 - h^2) W_h^T``, so below scale 1
it falls exponentially with the lag ``k``; above it, it can grow. The pure function
:func:`relative_gradient_by_lag` computes the curve (the tests call it); :func:`draw_gradient_flow`
draws one scale against the reference scale 1; :func:`recurrent_scale_explorer` wires a scale
slider to it with ``ipywidgets`` (imported only when called).
"""

from __future__ import annotations

import numpy as np

from utils.cells import rnn
from utils.cells.gradient_flow import gradient_norm_by_lag
from utils.checks import finite_number, float_array, positive_int
from utils.checks import seed as check_seed

__all__ = ["draw_gradient_flow", "recurrent_scale_explorer", "relative_gradient_by_lag"]


def relative_gradient_by_lag(x, scale: float, units: int = 16, seed: int = 0) -> np.ndarray:
    """``norms[k] / norms[0]`` for a SimpleRNN of ``units`` units with ``W_h = scale * Q``.

    Parameters
    ----------
    x : ndarray (N, T, D), finite: the input sequences
    scale : float > 0, the spectral radius of the recurrent kernel
    units : int >= 1, H
    seed : int >= 0, the seed of the initial weights (Keras' initialisers)

    Returns
    -------
    ndarray (T,): entry k for the input k steps before the last; entry 0 is 1.
    """
    x = float_array(x, "x", shape=("N", "T", "D"))
    scale = finite_number(scale, "scale", low=0.0, low_open=True)
    params = rnn.init_params(x.shape[2], positive_int(units, "units"), seed=check_seed(seed),
                             recurrent_scale=scale)
    norms = gradient_norm_by_lag(rnn.sequence_forward, rnn.sequence_backward, params, x)
    return norms / norms[0]


def draw_gradient_flow(x, scale: float, units: int = 16, seed: int = 0):
    """The curve of ``scale`` beside the reference scale 1 (log scale); returns the Axes."""
    import matplotlib.pyplot as plt

    from utils.style import COLORS, FORECAST_COLORS, integer_ticks, legend_outside

    curve = relative_gradient_by_lag(x, scale, units, seed)
    reference = relative_gradient_by_lag(x, 1.0, units, seed)
    lags = np.arange(len(curve))
    _, ax = plt.subplots(figsize=(8, 3.5), layout="constrained")
    ax.semilogy(lags, reference, color=COLORS["naive"], ls="--", label="scale 1 (Keras' start)")
    ax.semilogy(lags, curve, color=FORECAST_COLORS[1], lw=2, label=f"scale {scale:.1f}")
    ax.set(xlabel="time lag k (steps before the last)", ylabel="gradient norm, relative to lag 0",
           title=f"W_h = {scale:.1f} x orthogonal: at lag {lags[-1]} the gradient is "
                 f"{curve[-1]:.1e} times that at lag 0")
    integer_ticks(ax)
    legend_outside(ax, fontsize="small")
    return ax


def recurrent_scale_explorer(x, units: int = 16, seed: int = 0):
    """A slider for the scale of ``W_h`` (0.3 to 2.5) driving :func:`draw_gradient_flow`."""
    relative_gradient_by_lag(x, 1.0, units, seed)  # refuses bad input before any widget exists
    import ipywidgets as widgets
    import matplotlib.pyplot as plt

    def draw(scale=1.0):
        draw_gradient_flow(x, scale, units, seed)
        plt.show()

    return widgets.interactive(draw, scale=widgets.FloatSlider(
        value=1.0, min=0.3, max=2.5, step=0.1, description="W_h scale"))
