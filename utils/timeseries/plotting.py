"""The course's time-series plots: one look (the seaborn theme of :mod:`utils.style`), fixed colours
for train / validation / test / forecasts (:data:`utils.style.COLORS`, colour-blind safe), and
axes that always say their units.

Every function draws on ``ax`` (a new figure when ``ax=None``) and returns the Axes; the notebook
cell ends with ``plt.show()``. Introduced in notebooks 07-08.

    >>> ax = plot_forecast(split, {"naive": naive, "AR(4)": ar}, ylabel="growth (% q/q)")
    >>> plt.show()
"""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from utils import checks
from utils.style import COLORS, PALETTE
from utils.timeseries.splits import Split

__all__ = [
    "plot_acf_pacf", "plot_comparison", "plot_forecast", "plot_history", "plot_lag_scatter",
    "plot_series",
]

# Colours for named forecasts other than the naive one, in order of appearance: purple, brown,
# light blue, pink, yellow, vermilion; the first ones stay far from the orange of the test part.
_FORECAST_COLORS = [PALETTE[i] for i in (4, 5, 9, 6, 8, 3)]


def plot_series(series: pd.Series, *, ylabel: str, title=None, label=None, color=None, ax=None):
    """A line plot of ``series`` against its index; ``ylabel`` must name the units.

    NaN values are gaps in the line (e.g. the missing weeks of CO2); +-inf is refused.
    """
    _check_series(series, "series")
    _check_text(ylabel, title, label)
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

    ``split`` comes from :func:`~utils.timeseries.splits.chronological_split`; ``forecasts`` maps
    a name to a Series of predictions. ``start`` (a date, or a label of an integer index) zooms
    in: only data from ``start`` on is drawn.
    """
    if not isinstance(split, Split):
        raise TypeError(f"split must be a Split from chronological_split, got {type(split).__name__}")
    if forecasts is not None and not isinstance(forecasts, Mapping):
        raise TypeError(f"forecasts must be a dict of named forecasts such as {{'naive': pred}}, "
                        f"got {type(forecasts).__name__}")
    for name, pred in (forecasts or {}).items():
        _check_series(pred, f"forecasts[{name!r}]")
    _check_text(ylabel, title)
    start = _start(split, start)
    ax = _axes(ax)
    _draw_split(ax, split, start)
    others = iter(_FORECAST_COLORS)
    for name, pred in (forecasts or {}).items():
        color = COLORS["naive"] if name == "naive" else next(others)
        ax.plot(pred.index, pred.to_numpy(), color=color, label=name, lw=1.8,
                ls="--" if name == "naive" else "-")
    _label(ax, _xlabel(split.test.index), ylabel, title)
    ax.legend(ncols=2, fontsize="small")
    return ax


def plot_acf_pacf(series: pd.Series, lags: int = 20, *, lag_unit: str = "steps", axes=None):
    """Autocorrelation and partial autocorrelation up to ``lags``, with 95% bands; two Axes."""
    from statsmodels.graphics.tsaplots import plot_acf, plot_pacf

    _check_series(series, "series", finite=True)
    if checks.positive_int(lags, "lags") >= len(series) // 2:
        raise ValueError(f"lags must be an int in [1, {len(series) // 2}), got {lags!r}")
    checks.text(lag_unit, "lag_unit")
    if axes is not None and not (isinstance(axes, list | tuple | np.ndarray) and len(axes) == 2
                                 and all(isinstance(a, Axes) for a in axes)):
        raise TypeError(f"axes must be None or two matplotlib Axes, got {axes!r}")
    if axes is None:
        _, axes = plt.subplots(1, 2, figsize=(10, 3.5), layout="constrained")
    plot_acf(series.to_numpy(), lags=lags, ax=axes[0], zero=False, auto_ylims=True)
    plot_pacf(series.to_numpy(), lags=lags, ax=axes[1], zero=False, method="ywm", auto_ylims=True)
    for ax, what in zip(axes, ("autocorrelation", "partial autocorrelation"), strict=True):
        _label(ax, f"lag ({lag_unit})", f"{what} (-1 to 1)", what.capitalize())
    return axes


def plot_lag_scatter(series: pd.Series, lag: int = 1, *, unit: str, ax=None):
    """Each value against the value ``lag`` steps earlier, with their correlation in the title."""
    _check_series(series, "series", finite=True)
    if checks.positive_int(lag, "lag") >= len(series) - 1:
        raise ValueError(f"lag must be an int in [1, {len(series) - 1}), got {lag!r}")
    checks.text(unit, "unit")
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
    if not isinstance(curves, Mapping):
        raise TypeError(f"history must be a Keras History or a dict with a 'loss' list, "
                        f"got {type(curves).__name__}")
    if "loss" not in curves:
        raise ValueError(f"history must be a Keras History or a dict with a 'loss' list, "
                         f"got the keys {list(curves)}")
    for key in ("loss", "val_loss"):
        if key in curves:  # NaN allowed: a diverged training shows as a gap
            checks.float_array(curves[key], f"history[{key!r}]", ndim=1, finite=False)
    _check_text(ylabel)
    ax = _axes(ax)
    for key, color in (("loss", COLORS["train"]), ("val_loss", COLORS["validation"])):
        if key in curves:
            epochs = np.arange(1, len(curves[key]) + 1)
            ax.plot(epochs, curves[key], color=color,
                    label="validation" if key == "val_loss" else "training")
    _label(ax, "epoch", ylabel, "Training history")
    ax.legend()
    return ax


def plot_comparison(
    table: pd.DataFrame, metric: str = "MAE", *, unit: str, reference="naive", ax=None
):
    """A horizontal bar per model (a row of ``table``, e.g. from :func:`utils.timeseries.metrics.evaluate`)."""
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"table must be a DataFrame (from evaluate), got {type(table).__name__}")
    if metric not in table.columns:
        raise ValueError(f"table must be a DataFrame with a {metric!r} column, got "
                         f"{list(table.columns)}")
    checks.float_array(table[metric], f"table[{metric!r}]")
    checks.text(unit, "unit")
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
        if len(values) and (start is None or values.index[0] >= start):
            ax.axvline(values.index[0], color="0.3", ls="--", lw=1)


def _number(value: float) -> str:
    return f"{value:.3f}" if abs(value) < 10 else f"{value:,.1f}"


def _start(split: Split, start):
    """``start`` as a label comparable with the split's index (a Timestamp for dates), checked."""
    if start is None:
        return None
    if isinstance(split.test.index, pd.DatetimeIndex):
        try:
            start = pd.Timestamp(start)
        except (ValueError, TypeError):
            raise ValueError(f"start must be a date such as '1999', got {start!r}") from None
    elif not isinstance(start, int | np.integer) or isinstance(start, bool):
        raise TypeError(f"start must be a label of the series' index (an int), got {start!r}")
    if start > split.test.index[-1]:
        raise ValueError(f"start must come before the end of the test part "
                         f"({checks.label(split.test.index[-1])}), got {checks.label(start)}")
    return start


def _check_series(series, name: str, finite: bool = False) -> None:
    """A non-empty Series of real numbers in time order; NaN (a gap) allowed unless ``finite``."""
    values = checks.numeric_series(series, name, finite=finite)
    if np.isinf(values).any():
        raise ValueError(f"{name} must hold no +-inf (NaN gaps are fine), got "
                         f"{values[np.isinf(values)][0]} at "
                         f"{checks.label(series.index[np.isinf(values)][0])}")


def _check_text(ylabel, *optional) -> None:
    """``ylabel`` names the units; a title or label is None or a str."""
    if not isinstance(ylabel, str):
        raise TypeError(f"ylabel must be a string naming the units, got {ylabel!r}")
    if not ylabel.strip():
        raise ValueError(f"ylabel must be a non-empty string naming the units, got {ylabel!r}")
    for value in optional:
        if value is not None and not isinstance(value, str):
            raise TypeError(f"title and label must be None or a str, got {value!r}")


def _axes(ax, figsize=None):
    if ax is not None and not isinstance(ax, Axes):
        raise TypeError(f"ax must be None or a matplotlib Axes, got {type(ax).__name__}")
    return ax if ax is not None else plt.subplots(figsize=figsize)[1]


def _xlabel(index) -> str:
    return "date" if isinstance(index, pd.DatetimeIndex) else "time step"


def _label(ax, xlabel: str, ylabel: str, title) -> None:
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
