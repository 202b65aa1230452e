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
from utils.style import COLORS, FORECAST_COLORS, integer_ticks, legend_outside
from utils.timeseries.splits import Split

__all__ = [
    "plot_acf_pacf", "plot_comparison", "plot_forecast", "plot_history", "plot_lag_scatter",
    "plot_series",
]

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
    """The observed series in black, its validation and test periods shaded, and named forecasts.

    ``split`` comes from :func:`~utils.timeseries.splits.chronological_split`; ``forecasts`` maps
    a name to a Series of predictions, drawn in :data:`utils.style.FORECAST_COLORS` in order (the
    one named "naive" grey and dashed). ``start`` (a date, or a label of an integer index) zooms
    in: only data from ``start`` on is drawn. The legend sits outside the axes.
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
    others = iter(FORECAST_COLORS)
    for name, pred in (forecasts or {}).items():
        color = COLORS["naive"] if name == "naive" else next(others, None)
        if color is None:
            raise ValueError(f"forecasts must hold at most {len(FORECAST_COLORS)} forecasts "
                             f"besides the naive one (one colour each), got {len(forecasts)}")
        shown = pred if start is None else pred.loc[start:]  # zoomed like the truth
        ax.plot(shown.index, shown.to_numpy(), color=color, label=name, lw=1.6,
                ls="--" if name == "naive" else "-")
    _label(ax, _xlabel(split.test.index), ylabel, title)
    legend_outside(ax, fontsize="small")
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
        _label(ax, f"lag ({lag_unit})", what, what.capitalize())
        integer_ticks(ax)
    return axes


def plot_lag_scatter(series: pd.Series, lag: int = 1, *, unit: str, name: str = "value", ax=None):
    """Each value against the value ``lag`` steps earlier, with the least-squares line through
    the points and their correlation r (3 decimals) in the title.

    ``name`` and ``unit`` label the axes: ``f"{name} at t-{lag} ({unit})"``.
    """
    _check_series(series, "series", finite=True)
    if checks.positive_int(lag, "lag") >= len(series) - 1:
        raise ValueError(f"lag must be an int in [1, {len(series) - 1}), got {lag!r}")
    checks.text(unit, "unit")
    checks.text(name, "name")
    now, before = series.to_numpy()[lag:], series.to_numpy()[:-lag]
    ax = _axes(ax, figsize=(4.5, 4.5))
    ax.scatter(before, now, s=14, alpha=0.6, color=COLORS["series"])
    slope, intercept = np.polyfit(before, now, 1)
    ends = np.array([before.min(), before.max()])
    ax.plot(ends, intercept + slope * ends, color=COLORS["truth"], lw=1.4,
            label=f"least squares: slope {slope:.2f}")
    r = np.corrcoef(before, now)[0, 1]
    _label(ax, f"{name} at t-{lag} ({unit})", f"{name} at t ({unit})",
           f"Lag-{lag} scatter, r = {r:.3f}")
    ax.legend(loc="upper left", fontsize="small")
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
    if "val_loss" in curves and np.isfinite(curves["val_loss"]).any():
        best = int(np.nanargmin(curves["val_loss"])) + 1  # the epoch early stopping restores
        ax.axvline(best, color="0.3", ls=":", lw=1.2,
                   label=f"lowest validation loss (epoch {best}): weights kept")
    _label(ax, "epoch", ylabel, "Training history")
    integer_ticks(ax)
    ax.legend()
    return ax


def plot_comparison(table: pd.DataFrame, metric: str = "MAE", *, unit: str, reference="naive",
                    kinds: Mapping[str, str] | None = None, ax=None):
    """A horizontal bar per model (a row of ``table``, e.g. from :func:`utils.timeseries.metrics.evaluate`).

    ``kinds`` maps a model name to its kind, "baseline", "classical" or "neural", which colours
    its bar (:data:`utils.style.COLORS`) and adds a legend of the kinds; without it the
    ``reference`` bar is grey and the others blue. The ``reference`` model's value is drawn as a
    dashed line labelled with its name.
    """
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"table must be a DataFrame (from evaluate), got {type(table).__name__}")
    if metric not in table.columns:
        raise ValueError(f"table must be a DataFrame with a {metric!r} column, got "
                         f"{list(table.columns)}")
    checks.float_array(table[metric], f"table[{metric!r}]")
    checks.text(unit, "unit")
    kinds = _check_kinds(kinds, table.index)
    ax = _axes(ax, figsize=(7, 0.5 * len(table) + 1.5))
    names = [str(n) for n in table.index]
    if kinds:
        colors = [COLORS[kinds[name]] for name in table.index]
    else:
        colors = [COLORS["baseline"] if n == reference else COLORS["classical"] for n in table.index]
    bars = ax.barh(names, table[metric].to_numpy(), color=colors)
    ax.bar_label(bars, fmt=_number, padding=3, fontsize="small")
    if reference in table.index:
        ax.axvline(table.loc[reference, metric], color=COLORS["naive"], ls="--", lw=1,
                   label=f"{reference} (reference)")
    handles = ax.get_legend_handles_labels()[0]  # the reference line, if drawn
    if kinds:
        from matplotlib.patches import Patch

        handles += [Patch(color=COLORS[kind], label=kind)  # one entry per kind, its own colour
                    for kind in dict.fromkeys(kinds[name] for name in table.index)]
    ax.invert_yaxis()
    _label(ax, f"{metric} ({unit})", "model", f"{metric} on the test part (lower is better)")
    if handles:
        legend_outside(ax, handles=handles, fontsize="small")
    return ax


def _check_kinds(kinds, names) -> dict | None:
    """``kinds`` None, or a dict giving every model of ``names`` a kind with a colour."""
    if kinds is None:
        return None
    if not isinstance(kinds, Mapping):
        raise TypeError(f"kinds must be None or a dict model -> kind, got {type(kinds).__name__}")
    allowed = ("baseline", "classical", "neural")
    for name in names:
        if name not in kinds:
            raise ValueError(f"kinds must give every model a kind, got none for {name!r}")
        checks.one_of(kinds[name], f"kinds[{name!r}]", allowed)
    return dict(kinds)


def _draw_split(ax, split, start) -> None:
    """The observed series in black from ``start`` on; validation and test periods shaded and
    named; their first dates marked by dashed lines."""
    observed = pd.concat([split.train, split.validation, split.test])
    observed = observed if start is None else observed.loc[start:]
    ax.plot(observed.index, observed.to_numpy(), color=COLORS["truth"], label="observed", lw=1.4)
    for part in ("validation", "test"):
        whole = getattr(split, part)
        values = whole if start is None else whole.loc[start:]
        if len(values):
            ax.axvspan(values.index[0], values.index[-1], color=COLORS[part], alpha=0.10, lw=0,
                       label=f"{part} period")
        if len(whole) and (start is None or whole.index[0] >= start):  # its start is in view
            ax.axvline(whole.index[0], color="0.3", ls="--", lw=1)


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
