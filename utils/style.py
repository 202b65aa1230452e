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

The look is seaborn's "whitegrid" theme with its "colorblind" palette, set here through
matplotlib's rcParams without importing seaborn (which takes over a second to import, most of
the set-up cell of a notebook that trains no network; tests/test_notebook_setup.py checks that
the two agree). Introduced in notebook 00 (the setup cell of every notebook calls
:func:`apply_style`).
"""

from __future__ import annotations

import matplotlib as mpl
from cycler import cycler
from matplotlib.axes import Axes
from matplotlib.colors import to_rgb
from matplotlib.ticker import MaxNLocator

__all__ = ["COLORS", "FORECAST_COLORS", "PALETTE", "apply_style", "integer_ticks", "legend_outside"]

#: The colour-blind-safe palette of the course: seaborn's "colorblind", as RGB triples.
PALETTE = [to_rgb(c) for c in ("#0173b2", "#de8f05", "#029e73", "#d55e00", "#cc78bc", "#ca9161",
                               "#fbafe4", "#949494", "#ece133", "#56b4e9")]

#: seaborn's set_theme(context="notebook", style="whitegrid", palette="colorblind"), as rcParams.
_WHITEGRID = {
    "axes.facecolor": "white", "axes.edgecolor": ".8", "axes.grid": True, "axes.axisbelow": True,
    "axes.labelcolor": ".15", "figure.facecolor": "white", "grid.color": ".8",
    "grid.linestyle": "-", "text.color": ".15", "xtick.color": ".15", "ytick.color": ".15",
    "xtick.direction": "out", "ytick.direction": "out", "lines.solid_capstyle": "round",
    "patch.edgecolor": "w", "patch.force_edgecolor": True, "font.family": ["sans-serif"],
    "font.sans-serif": ["Arial", "DejaVu Sans", "Liberation Sans", "Bitstream Vera Sans",
                        "sans-serif"],
    "xtick.bottom": False, "xtick.top": False, "ytick.left": False, "ytick.right": False,
    "axes.spines.left": True, "axes.spines.bottom": True,
    "font.size": 12.0, "axes.labelsize": 12.0, "axes.titlesize": 12.0, "xtick.labelsize": 11.0,
    "ytick.labelsize": 11.0, "legend.fontsize": 11.0, "legend.title_fontsize": 12.0,
    "axes.linewidth": 1.25, "grid.linewidth": 1.0, "lines.linewidth": 1.5,
    "lines.markersize": 6.0, "patch.linewidth": 1.0, "xtick.major.width": 1.25,
    "ytick.major.width": 1.25, "xtick.minor.width": 1.0, "ytick.minor.width": 1.0,
    "xtick.major.size": 6.0, "ytick.major.size": 6.0, "xtick.minor.size": 4.0,
    "ytick.minor.size": 4.0, "axes.prop_cycle": cycler("color", PALETTE),
}

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
    """Set the course's look (seaborn's white grid, colour-blind palette, readable sizes)."""
    mpl.rcParams.update(_WHITEGRID)
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
