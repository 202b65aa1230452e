"""How the deck's figures are drawn: for a room, at the size they are shown.

A figure of ``figsize = (w / 72, h / 72)`` inches is ``w x h`` pt, and ``slides/build.py`` shows it
``w x h`` px on the 1280 x 720 slide, so a font of ``s`` pt is ``s`` px of the slide. No text is
smaller than :data:`MIN_PT` (:func:`readable` raises every smaller one, including the "small"
legends that ``utils``' plots ask for), lines are thick, and the file is SVG (sharp on any
projector). tests/test_slides.py measures the result in a browser.
"""

from __future__ import annotations

import contextlib

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import seaborn as sns  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from utils.style import apply_style  # noqa: E402

#: The smallest text in any deck figure, in px of the 1280 x 720 slide. tests/test_slides.py
#: requires rendered text of at least 1/40 of the screen's height; a 16:9 deck on a 1024 x 768
#: (4:3) projector is drawn at 0.768 of its size, so 1/40 of 768 px needs 25 px on the slide.
MIN_PT = 26
#: Widest figure: the slide is 1280 px wide and reveal.js keeps a margin.
MAX_WIDTH = 1200

#: The deck's matplotlib settings on top of the course's style (utils.style.apply_style).
RC = {
    "figure.dpi": 72,  # 1 inch = 72 px: figsize in px / 72
    "savefig.dpi": 72,
    "svg.fonttype": "path",  # text as outlines: the same on every machine, no font needed
    "font.size": MIN_PT + 2,
    "axes.titlesize": MIN_PT + 4,
    "axes.labelsize": MIN_PT + 2,
    "xtick.labelsize": MIN_PT,
    "ytick.labelsize": MIN_PT,
    "legend.fontsize": MIN_PT,
    "legend.title_fontsize": MIN_PT,
    "mathtext.fontset": "dejavusans",
    "lines.linewidth": 3.5,
    "lines.markersize": 11,
    "axes.linewidth": 1.6,
    "grid.linewidth": 1.2,
    "xtick.major.size": 8,
    "ytick.major.size": 8,
    "xtick.major.width": 1.6,
    "ytick.major.width": 1.6,
    "axes.titlepad": 14,
    "axes.labelpad": 8,
    "legend.handlelength": 2.4,
}


@contextlib.contextmanager
def deck_style():
    """The course's style, then the deck's sizes; restored afterwards."""
    with matplotlib.rc_context():
        apply_style()
        sns.set_context("talk")
        matplotlib.rcParams.update(RC)
        yield


def canvas(width: int, height: int, panels: int = 0):
    """A figure of ``width x height`` px: one blank Axes in px coordinates (``panels=0``, for
    diagrams) or ``panels`` Axes side by side (``figsize`` in px / 72)."""
    if panels:
        fig, axes = plt.subplots(1, panels, figsize=(width / 72, height / 72), layout="constrained")
        return fig, axes
    fig = plt.figure(figsize=(width / 72, height / 72))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set(xlim=(0, width), ylim=(0, height))
    ax.axis("off")
    return fig, ax


def figure(width: int = MAX_WIDTH, height: int = 470, **kwargs):
    return plt.subplots(figsize=(width / 72, height / 72), layout="constrained", **kwargs)


def readable(fig):
    """Raise every text of ``fig`` to at least :data:`MIN_PT` and thicken thin data lines."""
    for text in fig.findobj(Text):
        if text.get_text().strip() and text.get_fontsize() < MIN_PT:
            text.set_fontsize(MIN_PT)
    for ax in fig.axes:  # the data and reference lines, not the grid
        for line in ax.lines:
            if line.get_linewidth() < 2.5:
                line.set_linewidth(3.2 if len(line.get_xdata()) > 2 else 2.5)
    return fig
