"""The deck's figures, drawn at build time by the course's own code (``utils``), never pasted.

Each function returns a matplotlib Figure; ``slides/slides.md`` places one with
``{{figure NAME}}``. They repeat the plots of the notebooks named in their docstrings (same
data, same ``utils.timeseries.plotting`` calls, same labels), so the deck and the notebooks cannot drift
apart. No function trains a network: the deck shows no number that a notebook does not print.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import seaborn as sns  # noqa: E402

from utils.data import load, sine  # noqa: E402
from utils.forecasting.baselines import ARForecaster, NaiveForecaster  # noqa: E402
from utils.nn.activations import (  # noqa: E402
    relu,
    relu_derivative,
    sigmoid,
    sigmoid_derivative,
    tanh,
    tanh_derivative,
)
from utils.nn.optimizers import run_optimizer  # noqa: E402
from utils.style import COLORS, PALETTE  # noqa: E402
from utils.timeseries.plotting import (  # noqa: E402
    plot_acf_pacf,
    plot_forecast,
    plot_lag_scatter,
    plot_series,
)
from utils.timeseries.splits import chronological_split  # noqa: E402
from utils.widgets.descent import classify_descent  # noqa: E402


def _growth():
    gdp = load("gdp")
    return gdp, (100 * gdp.pct_change()).iloc[1:].rename("growth")


def _split():
    _, growth = _growth()
    return growth, chronological_split(growth, validation="1995", test="2002")


def activations():
    """Sigmoid, tanh and ReLU with their derivatives (the first figure of notebook 02)."""
    z = np.linspace(-6, 6, 481)
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4), layout="constrained")
    curves = (("sigmoid", sigmoid, sigmoid_derivative), ("tanh", tanh, tanh_derivative),
              ("ReLU", relu, relu_derivative))
    for (name, f, df), style in zip(curves, ("-", "--", ":"), strict=True):
        ax1.plot(z, f(z), style, lw=2, label=name)
        ax2.plot(z, df(z), style, lw=2, label=name)
    ax1.set(xlabel="pre-activation z", ylabel="f(z)", ylim=(-1.2, 3), title="Activation functions")
    ax2.set(xlabel="pre-activation z", ylabel="f'(z)", title="Their derivatives")
    ax1.legend()
    return fig


def gradient_descent():
    """Gradient descent on H(theta) = (theta - 2)^2 + 1 with four learning rates (notebook 04)."""

    def loss_1d(theta):
        return (theta[0] - 2.0) ** 2 + 1.0

    def grad_1d(theta):
        return 2.0 * (theta - 2.0)

    paths = {lr: run_optimizer(grad_1d, [-1.0], "sgd", lr=lr, n_steps=30)
             for lr in (0.02, 0.3, 0.8, 1.05)}
    grid = np.linspace(-6, 10, 300)
    fig, axes = plt.subplots(1, 4, figsize=(13, 3.3), sharey=True, layout="constrained")
    for ax, (lr, path) in zip(axes, paths.items(), strict=True):
        ax.plot(grid, (grid - 2) ** 2 + 1, color="grey")
        ax.plot(path[:, 0], (path[:, 0] - 2) ** 2 + 1, "o-", ms=3, color="C3")
        ax.set(xlabel="parameter theta", xlim=(-6, 10), ylim=(0, 70),
               title=f"lr = {lr}: {classify_descent(path, grad_1d, loss_1d)}")
    axes[0].set_ylabel("loss H(theta)")
    return fig


def gdp():
    """US real GDP, 1959-2009 (notebooks 00 and 07)."""
    fig, ax = plt.subplots(figsize=(10, 4))
    plot_series(load("gdp"), ylabel="real GDP (bn chained 2005 US$, SAAR)",
                title="US real GDP, 1959-2009", ax=ax)
    return fig


def growth():
    """Quarter-on-quarter growth and its histogram (notebook 07)."""
    _, g = _growth()
    fig, (ax_line, ax_hist) = plt.subplots(1, 2, figsize=(11, 3.8), width_ratios=[2, 1],
                                           layout="constrained")
    plot_series(g, ylabel="growth (% q/q)", title="Quarter-on-quarter growth", ax=ax_line)
    ax_line.axhline(0, color="0.3", lw=0.8)
    sns.histplot(g.to_numpy(), bins=30, color=COLORS["series"], ax=ax_hist)
    ax_hist.set(xlabel="growth (% q/q)", ylabel="number of quarters", title="Histogram of growth")
    return fig


def acf():
    """Autocorrelation and partial autocorrelation of growth (notebook 07)."""
    _, g = _growth()
    axes = plot_acf_pacf(g, lags=20, lag_unit="quarters")
    return axes[0].figure


def lag_scatter():
    """Growth against growth one quarter earlier (notebook 07)."""
    _, g = _growth()
    return plot_lag_scatter(g, lag=1, unit="% q/q").figure


def split():
    """The chronological split: train, validation from 1995, test from 2002 (notebook 08)."""
    _, parts = _split()
    fig, ax = plt.subplots(figsize=(10, 4))
    plot_forecast(parts, ylabel="growth (% q/q)", title="Chronological split of GDP growth", ax=ax)
    return fig


def _forecasts(kind: str):
    g, parts = _split()
    models = [NaiveForecaster(), ARForecaster(1)]
    for model in models:
        model.fit(parts.train)
    if kind == "one-step":
        return parts, {m.name: m.predict_one_step(g, parts.test.index) for m in models}
    known = g.loc[: parts.validation.index[-1]]
    return parts, {m.name: m.forecast(known, horizon=len(parts.test)) for m in models}


def _forecast_figure(kind: str, title: str):
    """Naive and AR(1) forecasts of the test part, of one kind (notebook 08)."""
    parts, forecasts = _forecasts(kind)
    fig, ax = plt.subplots(figsize=(10, 4))
    plot_forecast(parts, forecasts, start="1999", ylabel="growth (% q/q)", title=title, ax=ax)
    return fig


def one_step():
    """One-step-ahead forecasts of the test part, naive and AR(1) (notebook 08)."""
    return _forecast_figure("one-step", "One-step-ahead forecasts (true lags fed in)")


def recursive():
    """Recursive forecasts from 2001Q4, naive and AR(1) (notebook 08)."""
    return _forecast_figure("recursive", "Recursive forecasts from 2001Q4 (own predictions fed back)")


def sine_ambiguity():
    """Why one time step is ambiguous on a sine: the same value, rising or falling (notebook 09)."""
    wave = sine(60, period=24)
    t, x = wave.index.to_numpy(), wave.to_numpy()
    fig, ax = plt.subplots(figsize=(10, 3.8))
    ax.plot(t, x, color=COLORS["series"], lw=1.4, marker=".", ms=5)
    for i, color in ((2, PALETTE[3]), (10, PALETTE[2])):
        ax.annotate("", xy=(t[i + 1], x[i + 1]), xytext=(t[i], x[i]),
                    arrowprops={"arrowstyle": "->", "color": color, "lw": 2})
        ax.plot(t[i], x[i], "o", color=color, ms=9)
    ax.axhline(x[2], color="0.5", ls=":", lw=1)
    ax.set(xlabel="time step t", ylabel="x_t (no unit)",
           title="Same input value, different next value: one step cannot tell them apart")
    return fig


FIGURES = {
    "activations": activations,
    "gradient-descent": gradient_descent,
    "gdp": gdp,
    "growth": growth,
    "acf": acf,
    "lag-scatter": lag_scatter,
    "split": split,
    "one-step": one_step,
    "recursive": recursive,
    "sine-ambiguity": sine_ambiguity,
}
