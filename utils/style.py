"""One plot style for the whole course, and the figure rules every notebook follows.

The rules (from the first expert read of the course):

- the **truth is black** in every forecast figure (``COLORS["truth"]``); the training,
  validation and test periods are told apart by shading and labelled boundaries, not by
  colouring the truth;
- **no two lines of one figure share a colour**: forecasts take :data:`FORECAST_COLORS` in order
  (colour-blind safe hues far from black, grey and each other), the naive forecast is grey and
  dashed;
- **the legend never covers data**: :func:`legend_outside` puts it to the right of the axes;
- **integer quantities get integer ticks** (lags, epochs, steps): :func:`integer_ticks`;
- **units**: an axis of a quantity with units names them in parentheses, "growth (% q/q)";
  a dimensionless quantity is named without parentheses ("MASE", "autocorrelation", "loss
  (standardised units)" says which scale the loss is on);
- a reference line says in its label what it is.

Introduced in notebook 00 (the setup cell of every notebook calls :func:`apply_style`).
"""

from __future__ import annotations

import matplotlib as mpl
import seaborn as sns
from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator

__all__ = ["COLORS", "FORECAST_COLORS", "PALETTE", "apply_style", "integer_ticks", "legend_outside"]

#: The colour-blind-safe palette of the course (seaborn "colorblind").
PALETTE = sns.color_palette("colorblind")

#: Fixed roles, so that the truth, the periods and the reference forecasts look alike everywhere.
COLORS = {
    "truth": (0.0, 0.0, 0.0),  # black: the observed series, in every forecast figure
    "series": PALETTE[0],  # a series shown on its own (no forecast beside it)
    "train": PALETTE[0],  # training curves (loss per epoch)
    "validation": PALETTE[2],  # validation curves and the validation period's shading
    "test": PALETTE[1],  # the test period's shading
    "naive": PALETTE[7],  # grey, dashed: the naive forecast
    "baseline": PALETTE[7],  # bars of the naive-type baselines
    "classical": PALETTE[0],  # bars of the classical statistical models (AR, ARIMA, ETS)
    "neural": PALETTE[3],  # bars of the neural networks
    "model": PALETTE[0],  # a single model's forecast shown alone beside the truth
}

#: Colours for forecasts other than the naive one, in order: blue, vermilion, green, purple,
#: orange, pink. Brown, yellow and light blue are left out: too close to orange, too pale, too
#: close to blue.
FORECAST_COLORS = [PALETTE[i] for i in (0, 3, 2, 4, 1, 6)]


def apply_style() -> None:
    """Set the course's seaborn theme (white grid, colour-blind palette, readable sizes)."""
    sns.set_theme(context="notebook", style="whitegrid", palette="colorblind")
    mpl.rcParams.update(
        {
            "figure.figsize": (8.0, 4.0),
            "figure.dpi": 100,
            "axes.titleweight": "bold",
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    )


def legend_outside(ax: Axes, **kwargs) -> None:
    """Put the legend of ``ax`` to the right of the axes, where it cannot cover data."""
    if not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes, got {type(ax).__name__}")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0, **kwargs)


def integer_ticks(ax: Axes, axis: str = "x") -> None:
    """Only whole numbers as ticks on ``axis`` ("x", "y" or "both"): for lags, epochs, steps."""
    if not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes, got {type(ax).__name__}")
    if axis not in ("x", "y", "both"):
        raise ValueError(f"axis must be one of ['x', 'y', 'both'], got {axis!r}")
    for name in ("x", "y") if axis == "both" else (axis,):
        getattr(ax, f"{name}axis").set_major_locator(MaxNLocator(integer=True))
