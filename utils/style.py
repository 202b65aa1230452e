"""One plot style for the whole course: a seaborn theme with a colour-blind-safe palette.

Introduced in notebook 00 (the setup cell of every notebook calls :func:`apply_style`).
"""

from __future__ import annotations

import matplotlib as mpl
import seaborn as sns

__all__ = ["COLORS", "PALETTE", "apply_style"]

#: The colour-blind-safe palette used by every plot in the course (seaborn "colorblind").
PALETTE = sns.color_palette("colorblind")

#: Fixed roles, so that "train", "test" and "forecast" look the same in every notebook.
COLORS = {
    "series": PALETTE[0],
    "train": PALETTE[0],
    "validation": PALETTE[2],
    "test": PALETTE[1],
    "forecast": PALETTE[4],
    "naive": PALETTE[7],
    "model": PALETTE[4],
}


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
