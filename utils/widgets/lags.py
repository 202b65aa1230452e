"""The lag k of a series: its lag-k scatter and its bar in the correlogram, side by side
(notebook 07).

    r_k = sum_{t=k+1}^{n} (y_t - y_bar)(y_{t-k} - y_bar) / sum_{t=1}^{n} (y_t - y_bar)^2

The scatter shows every pair (y_{t-k}, y_t) with its least-squares line; the correlogram shows
r_1 .. r_max_lag with the 95 % band +-1.96 / sqrt(n) of a series of n values with no
autocorrelation, and the bar of lag k marked. The pure function :func:`lag_view` computes what
the picture shows (the tests call it); :func:`draw_lag_view` draws one lag (the static figure of
the notebook); :func:`lag_explorer` wires a lag slider to it with ``ipywidgets`` (imported only
when called).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from utils import checks

__all__ = ["draw_lag_view", "lag_explorer", "lag_view"]


def lag_view(series: pd.Series, lag: int, max_lag: int = 12) -> dict:
    """What the lag-``lag`` picture of ``series`` shows.

    Parameters
    ----------
    series : pd.Series (n,) of finite numbers, in time order
    lag : int, 1 <= lag <= max_lag
    max_lag : int, 1 <= max_lag < n - 1: the last lag of the correlogram

    Returns
    -------
    dict with ``before`` (n - lag,) the values y_{t-lag}, ``now`` (n - lag,) the values y_t,
    ``acf`` (max_lag + 1,) the autocorrelations r_0 = 1, r_1, ..., ``r`` the autocorrelation at
    ``lag`` (the formula above: whole-series mean and variance), ``pearson`` the Pearson
    correlation of the two pieces (each centred on its own mean), ``slope`` and ``intercept`` of
    the least-squares line of ``now`` on ``before``, and ``band`` = 1.96 / sqrt(n).
    """
    values = checks.numeric_series(series, "series", min_length=3)  # (n,)
    max_lag = checks.positive_int(max_lag, "max_lag")
    if max_lag >= len(values) - 1:
        raise ValueError(f"max_lag must be an int in [1, {len(values) - 1}), got {max_lag!r}")
    lag = checks.positive_int(lag, "lag")
    if lag > max_lag:
        raise ValueError(f"lag must be an int in [1, max_lag={max_lag}], got {lag!r}")
    centred = values - values.mean()  # (n,)
    acf = np.array([1.0] + [np.sum(centred[k:] * centred[:-k]) / np.sum(centred**2)
                            for k in range(1, max_lag + 1)])  # (max_lag + 1,)
    before, now = values[:-lag], values[lag:]  # (n - lag,) each
    slope, intercept = np.polyfit(before, now, 1)
    return {"before": before, "now": now, "acf": acf, "r": float(acf[lag]),
            "pearson": float(np.corrcoef(before, now)[0, 1]), "slope": float(slope),
            "intercept": float(intercept), "band": 1.96 / np.sqrt(len(values))}


def draw_lag_view(series: pd.Series, lag: int, max_lag: int = 12, *, unit: str,
                  name: str = "value", lag_unit: str = "steps"):
    """Two panels: the lag-``lag`` scatter of ``series`` with its least-squares line (black), and the
    correlogram up to ``max_lag`` with the bar of ``lag`` marked. Returns the figure.

    ``unit`` and ``name`` label the scatter's axes (``"growth at t-1 (% q/q)"``); ``lag_unit``
    names the step of the correlogram's lag axis ("quarters").
    """
    import matplotlib.pyplot as plt

    from utils.style import COLORS, FORECAST_COLORS, integer_ticks

    view = lag_view(series, lag, max_lag)
    unit, name = checks.text(unit, "unit"), checks.text(name, "name")
    lag_unit = checks.text(lag_unit, "lag_unit")
    fig, (ax_scatter, ax_acf) = plt.subplots(1, 2, figsize=(10, 4), width_ratios=[1, 1.4],
                                             layout="constrained")
    ax_scatter.scatter(view["before"], view["now"], s=14, alpha=0.6, color=COLORS["series"])
    ends = np.array([view["before"].min(), view["before"].max()])
    ax_scatter.plot(ends, view["intercept"] + view["slope"] * ends, color=COLORS["truth"], lw=1.4)
    ax_scatter.set(xlabel=f"{name} at t-{lag} ({unit})", ylabel=f"{name} at t ({unit})",
                   title=f"Lag-{lag} scatter, least-squares slope {view['slope']:.2f}")
    lags = np.arange(1, max_lag + 1)
    colors = [FORECAST_COLORS[1] if k == lag else COLORS["series"] for k in lags]
    ax_acf.bar(lags, view["acf"][1:], color=colors, width=0.6)
    ax_acf.axhspan(-view["band"], view["band"], color="0.85", zorder=0)
    ax_acf.axhline(0, color="0.3", lw=0.8)
    ax_acf.set(xlabel=f"lag ({lag_unit}); grey: 95 % band of a series with no autocorrelation",
               ylabel="autocorrelation",
               title=f"Autocorrelation, $r_{{{lag}}}$ = {view['r']:.3f} (marked)")
    integer_ticks(ax_acf)
    return fig


def lag_explorer(series: pd.Series, *, unit: str, name: str = "value", max_lag: int = 12,
                 lag_unit: str = "steps"):
    """A lag slider (1 to ``max_lag``) driving :func:`draw_lag_view` of ``series``."""
    lag_view(series, 1, max_lag)  # refuses a bad series or max_lag before any widget exists
    checks.text(unit, "unit"), checks.text(name, "name"), checks.text(lag_unit, "lag_unit")
    import ipywidgets as widgets
    import matplotlib.pyplot as plt

    def draw(lag=1):
        draw_lag_view(series, lag, max_lag, unit=unit, name=name, lag_unit=lag_unit)
        plt.show()

    return widgets.interactive(
        draw, lag=widgets.IntSlider(value=1, min=1, max=max_lag, step=1, description="lag"))
