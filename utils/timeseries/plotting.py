"""The course's time-series plots: one look (the seaborn theme of :mod:`utils.style`), fixed colours
for train / validation / test / forecasts (:data:`utils.style.COLORS`, colour-blind safe), and
axes that always say their units.

Every function draws on ``ax`` (a new figure when ``ax=None``) and returns the Axes; the notebook
cell ends with ``plt.show()``. Introduced in notebook 07.

    >>> ax = plot_forecast(split, {"naive": naive, "AR(4)": ar}, ylabel="growth (% q/q)")
    >>> plt.show()
"""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from utils.style import COLORS, PALETTE

#: Colours for named forecasts other than the naive one, in order of appearance: purple, brown,
#: light blue, pink, yellow, vermilion; the first ones stay far from the orange of the test part.
FORECAST_COLORS = [PALETTE[i] for i in (4, 5, 9, 6, 8, 3)]


def plot_series(series: pd.Series, *, ylabel: str, title=None, label=None, color=None, ax=None):
    """A line plot of ``series`` against its index; ``ylabel`` must name the units."""
    _check_series(series, "series")
    ax = _axes(ax)
    ax.plot(series.index, series.to_numpy(), color=color or COLORS["series"], label=label, lw=1.4)
    _label(ax, _xlabel(series.index), ylabel, title)
    if label:
        ax.legend()
    return ax


def plot_forecast(
    split,
    forecasts: Mapping[str, pd.Series] | None = None,
    *,
    ylabel: str,
    title=None,
    start=None,
    ax=None,
):
    """Train, validation and test parts (boundaries marked, test shaded) and named forecasts.

    ``start`` (a date) zooms in: only data from ``start`` on is drawn.
    """
    ax = _axes(ax)
    _draw_split(ax, split, start)
    others = iter(FORECAST_COLORS)
    for name, pred in (forecasts or {}).items():
        _check_series(pred, f"forecasts[{name!r}]")
        color = COLORS["naive"] if name == "naive" else next(others)
        ax.plot(
            pred.index,
            pred.to_numpy(),
            color=color,
            label=name,
            lw=1.8,
            ls="--" if name == "naive" else "-",
        )
    _label(ax, _xlabel(split.test.index), ylabel, title)
    ax.legend(ncols=2, fontsize="small")
    return ax


def plot_acf_pacf(series: pd.Series, lags: int = 20, *, lag_unit: str = "steps", axes=None):
    """Autocorrelation and partial autocorrelation up to ``lags``, with 95% bands; two Axes."""
    from statsmodels.graphics.tsaplots import plot_acf, plot_pacf

    _check_series(series, "series")
    if isinstance(lags, bool) or not isinstance(lags, int) or not 1 <= lags < len(series) // 2:
        raise ValueError(f"lags must be an int in [1, {len(series) // 2}), got {lags!r}")
    if axes is None:
        _, axes = plt.subplots(1, 2, figsize=(10, 3.5), layout="constrained")
    plot_acf(series.to_numpy(), lags=lags, ax=axes[0], zero=False, auto_ylims=True)
    plot_pacf(series.to_numpy(), lags=lags, ax=axes[1], zero=False, method="ywm", auto_ylims=True)
    for ax, what in zip(axes, ("autocorrelation", "partial autocorrelation"), strict=True):
        _label(ax, f"lag ({lag_unit})", f"{what} (-1 to 1)", what.capitalize())
    return axes


def plot_lag_scatter(series: pd.Series, lag: int = 1, *, unit: str, ax=None):
    """Each value against the value ``lag`` steps earlier, with their correlation in the title."""
    _check_series(series, "series")
    if isinstance(lag, bool) or not isinstance(lag, int) or not 1 <= lag < len(series) - 1:
        raise ValueError(f"lag must be an int in [1, {len(series) - 1}), got {lag!r}")
    now, before = series.to_numpy()[lag:], series.to_numpy()[:-lag]
    ax = _axes(ax, figsize=(4.5, 4.5))
    ax.scatter(before, now, s=14, alpha=0.6, color=COLORS["series"])
    r = np.corrcoef(before, now)[0, 1]
    _label(
        ax, f"value at t-{lag} ({unit})", f"value at t ({unit})", f"Lag-{lag} scatter, r = {r:.2f}"
    )
    return ax


def plot_history(history, *, ylabel: str = "loss", ax=None):
    """Training (and validation) loss per epoch from a Keras ``History`` or its ``.history`` dict."""
    curves = getattr(history, "history", history)
    if not isinstance(curves, Mapping) or "loss" not in curves:
        raise ValueError(
            f"history must be a Keras History or a dict with a 'loss' list, got {type(curves).__name__}"
        )
    ax = _axes(ax)
    for key, color in (("loss", COLORS["train"]), ("val_loss", COLORS["validation"])):
        if key in curves:
            epochs = np.arange(1, len(curves[key]) + 1)
            ax.plot(
                epochs,
                curves[key],
                color=color,
                label="validation" if key == "val_loss" else "training",
            )
    _label(ax, "epoch", ylabel, "Training history")
    ax.legend()
    return ax


def plot_comparison(
    table: pd.DataFrame, metric: str = "MAE", *, unit: str, reference="naive", ax=None
):
    """A horizontal bar per model (a row of ``table``, e.g. from :func:`utils.timeseries.metrics.evaluate`)."""
    if not isinstance(table, pd.DataFrame) or metric not in table.columns:
        got = list(table.columns) if isinstance(table, pd.DataFrame) else type(table).__name__
        raise ValueError(f"table must be a DataFrame with a {metric!r} column, got {got}")
    ax = _axes(ax, figsize=(7, 0.5 * len(table) + 1.5))
    colors = [COLORS["naive"] if name == reference else COLORS["model"] for name in table.index]
    bars = ax.barh([str(n) for n in table.index], table[metric].to_numpy(), color=colors)
    ax.bar_label(bars, fmt=_number, padding=3, fontsize="small")
    if reference in table.index:
        ax.axvline(table.loc[reference, metric], color=COLORS["naive"], ls="--", lw=1)
    ax.invert_yaxis()
    _label(ax, f"{metric} ({unit})", "model", f"{metric} on the test part (lower is better)")
    return ax


def _draw_split(ax, split, start) -> None:
    """The three parts from ``start`` on, the test period shaded, visible boundaries dashed."""
    for part in ("train", "validation", "test"):
        values = getattr(split, part)
        values = values if start is None else values.loc[start:]
        if len(values):
            ax.plot(values.index, values.to_numpy(), color=COLORS[part], label=part, lw=1.4)
    ax.axvspan(split.test.index[0], split.test.index[-1], color=COLORS["test"], alpha=0.08, lw=0)
    for part in ("validation", "test"):
        values = getattr(split, part)
        if len(values) and (start is None or values.index[0] >= _position(values.index, start)):
            ax.axvline(values.index[0], color="0.3", ls="--", lw=1)


def _position(index: pd.Index, start):
    """``start`` as a value comparable with ``index``: a Timestamp for dates, as given otherwise."""
    return pd.Timestamp(start) if isinstance(index, pd.DatetimeIndex) else start


def _number(value: float) -> str:
    return f"{value:.3f}" if abs(value) < 10 else f"{value:,.1f}"


def _check_series(series, name: str) -> None:
    if not isinstance(series, pd.Series):
        raise TypeError(f"{name} must be a pandas Series, got {type(series).__name__}")
    if len(series) == 0:
        raise ValueError(f"{name} must not be empty")


def _axes(ax, figsize=None):
    return ax if ax is not None else plt.subplots(figsize=figsize)[1]


def _xlabel(index) -> str:
    return "date" if isinstance(index, pd.DatetimeIndex) else "time step"


def _label(ax, xlabel: str, ylabel: str, title) -> None:
    if not isinstance(ylabel, str) or not ylabel.strip():
        raise ValueError(f"ylabel must be a non-empty string naming the units, got {ylabel!r}")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
