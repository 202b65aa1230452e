"""Conformal prediction intervals at the coverage you choose, and how often they held (notebook 12).

For one model's one-step predictions over the folds of a backtest, fold k's band is
``y_hat +- q_k``, with ``q_k`` the conformal radius of the chosen coverage computed from the
residuals of folds 0 .. k-1 only (:func:`utils.forecasting.intervals.backtest_intervals`); fold 0
only calibrates. The *measured* coverage is the fraction of the judged values inside their band.

:func:`coverage_view` computes the bands and the measured coverage (the tests call it for every
setting of the slider), :func:`draw_coverage` draws them over the observed series, and
:func:`coverage_explorer` wires a coverage slider (50 to 95 %) to the drawing with ``ipywidgets``
(imported only when called).
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from utils import checks
from utils.forecasting.intervals import backtest_intervals

__all__ = ["COVERAGES", "CoverageView", "coverage_explorer", "coverage_view", "draw_coverage"]

#: The slider's settings, in percent.
COVERAGES = tuple(range(50, 100, 5))


class CoverageView(NamedTuple):
    """What the picture shows for one coverage."""

    bands: pd.DataFrame  #: indexed by time: y_true, y_pred, lower, upper, covered, fold
    radii: pd.Series  #: the half-width q of each judged fold
    target: float  #: the coverage asked for
    measured: float  #: the fraction of judged values inside their band


def coverage_view(predictions: pd.DataFrame, coverage: float) -> CoverageView:
    """Bands of ``coverage`` (0 < coverage < 1) for the predictions of one model and one seed.

    ``predictions`` has the columns fold, time, y_true, y_pred (the rows of one model and one
    seed of ``compare(...).predictions``; columns model and seed, if present, must hold one
    value each). A coverage that the earliest calibration folds are too short to promise raises
    ``ValueError``, as :func:`~utils.forecasting.intervals.conformal_radius` does.
    """
    coverage = checks.fraction(coverage, "coverage")
    checks.dataframe_columns(predictions, "predictions", ["fold", "time", "y_true", "y_pred"],
                             made_by="compare")
    for column in ("model", "seed"):
        if column in predictions and predictions[column].nunique() > 1:
            raise ValueError(f"predictions must hold one model and one seed, got "
                             f"{predictions[column].nunique()} values of {column!r}; select "
                             "them first, e.g. .query(\"model == 'GRU' and seed == 0\")")
    one_run = predictions.assign(_run=0)
    bands = backtest_intervals(one_run, coverage, groups="_run").drop(columns="_run")
    bands = bands.set_index("time")[["fold", "y_true", "y_pred", "lower", "upper", "covered"]]
    radii = ((bands["upper"] - bands["lower"]) / 2).groupby(bands["fold"]).first()
    return CoverageView(bands, radii.rename("radius"), coverage, float(bands["covered"].mean()))


def draw_coverage(series: pd.Series, predictions: pd.DataFrame, coverage: float, *,
                  ylabel: str, start=None, ax=None):
    """The observed ``series`` (black) from ``start`` on, the one-step predictions and their
    band of ``coverage``, values outside the band marked; the title compares the target with the
    measured coverage. Returns the Axes."""
    import matplotlib.pyplot as plt

    from utils.style import COLORS, FORECAST_COLORS, legend_outside
    from utils.timeseries.plotting import plot_series

    checks.text(ylabel, "ylabel")
    view = coverage_view(predictions, coverage)
    shown = series if start is None else series.loc[start:]
    if len(shown) == 0:
        raise ValueError(f"start must leave part of the series to draw, got {start!r}")
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 3.8), layout="constrained")
    plot_series(shown, ylabel=ylabel, label="observed", color=COLORS["truth"], ax=ax)
    bands, color = view.bands, FORECAST_COLORS[0]
    ax.plot(bands.index, bands["y_pred"], color=color, lw=1.4, label="one-step prediction")
    ax.fill_between(bands.index, bands["lower"], bands["upper"], color=color, alpha=0.2, lw=0,
                    label=f"{coverage:.0%} band")
    missed = bands[~bands["covered"]]
    ax.scatter(missed.index, missed["y_true"], color=FORECAST_COLORS[1], marker="x", s=40,
               zorder=3, label=f"outside the band ({len(missed)})")
    ax.set_title(f"Target {coverage:.0%}: {view.measured:.0%} of {len(bands)} values inside")
    legend_outside(ax, fontsize="small")
    return ax


def coverage_explorer(series: pd.Series, predictions: pd.DataFrame, *, ylabel: str, start=None):
    """A coverage slider (50 to 95 %, steps of 5) driving :func:`draw_coverage`."""
    draw_coverage(series, predictions, 0.8, ylabel=ylabel, start=start)  # refuses bad input now
    import ipywidgets as widgets
    import matplotlib.pyplot as plt

    plt.close("all")

    def draw(percent=80):
        draw_coverage(series, predictions, percent / 100, ylabel=ylabel, start=start)
        plt.show()

    return widgets.interactive(draw, percent=widgets.SelectionSlider(
        options=list(COVERAGES), value=80, description="coverage %"))
