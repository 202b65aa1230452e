"""The deck's figures, drawn at build time by the course's own code (``utils``), never pasted.

Each function returns a matplotlib Figure; ``slides/slides.md`` places one with
``{{figure NAME}}``. The data figures repeat the plots of the notebooks named in their docstrings
(same data, same ``utils`` calls); the diagrams are in :mod:`diagrams`; the results of notebooks
10-13 (a trained LSTM and GRU, the stored tables of the showdown) come from :mod:`results`.

Every figure is drawn for a room, at the size it is shown (:mod:`deckstyle`).
"""

from __future__ import annotations

import diagrams
import matplotlib.pyplot as plt
import numpy as np
import results
import seaborn as sns
from deckstyle import figure

from utils.data import load, sine
from utils.forecasting.baselines import ARForecaster, NaiveForecaster
from utils.nn.activations import (
    relu,
    relu_derivative,
    sigmoid,
    sigmoid_derivative,
    tanh,
    tanh_derivative,
)
from utils.nn.optimizers import run_optimizer
from utils.style import COLORS, FORECAST_COLORS, PALETTE, integer_ticks, legend_outside
from utils.timeseries.growth import levels_from_growth, one_step_levels
from utils.timeseries.plotting import plot_forecast, plot_lag_scatter, plot_series
from utils.timeseries.splits import chronological_split
from utils.widgets.descent import classify_descent

# --- 02: activations ----------------------------------------------------------------------------

def _curves(derivative: bool):
    z = np.linspace(-6, 6, 481)
    fig, ax = figure(1100, 470)
    curves = (("sigmoid", sigmoid, sigmoid_derivative), ("tanh", tanh, tanh_derivative),
              ("ReLU", relu, relu_derivative))
    for (name, f, df), color, style in zip(curves, FORECAST_COLORS[:3], ("-", "--", ":"), strict=True):
        ax.plot(z, (df if derivative else f)(z), style, color=color, lw=4, label=name)
    ax.set_xlabel("pre-activation $z$")
    integer_ticks(ax)
    legend_outside(ax)
    return fig, ax


def activations():
    """Sigmoid, tanh and ReLU (the first figure of notebook 02)."""
    fig, ax = _curves(derivative=False)
    ax.set(ylabel="$f(z)$", ylim=(-1.2, 3))
    return fig


def derivatives():
    """The slopes of sigmoid, tanh and ReLU: near 0 far from z = 0 (notebook 02)."""
    fig, ax = _curves(derivative=True)
    ax.set(ylabel="slope $f'(z)$", ylim=(-0.05, 1.1))
    ax.axvline(6, color="0.3", ls="--", lw=2)
    ax.annotate("$z = 6$", (6, 0.55), xytext=(3.3, 0.55), va="center",
                arrowprops={"arrowstyle": "-|>", "color": "0.3", "lw": 2})
    return fig


# --- 03: losses ------------------------------------------------------------------------------------

def losses():
    """Quadratic error and cross-entropy for a target y = 1 as the prediction a falls (03)."""
    a = np.linspace(0.005, 1, 400)
    fig, ax = figure(1100, 390)
    ax.plot(a, (1 - a) ** 2, color=FORECAST_COLORS[0], lw=4, label="quadratic $(y - a)^2$")
    ax.plot(a, -np.log(a), "--", color=FORECAST_COLORS[1], lw=4, label="cross-entropy $-\\log a$")
    ax.set(xlabel="prediction $a$ (target $y = 1$)", ylabel="loss $L$", ylim=(0, 5), xlim=(0, 1))
    legend_outside(ax)
    return fig


# --- 04: gradient descent --------------------------------------------------------------------------

def gradient_descent():
    """Gradient descent on L(theta) = (theta - 2)^2 + 1 from theta = -1 with four learning rates,
    each titled with the notebook's verdict (notebook 04)."""

    def loss_1d(theta):
        return (theta[0] - 2.0) ** 2 + 1.0

    def grad_1d(theta):
        return 2.0 * (theta - 2.0)

    grid = np.linspace(-6, 10, 300)
    fig, axes = plt.subplots(2, 2, figsize=(1150 / 72, 520 / 72), sharex=True, sharey=True,
                             layout="constrained")
    for ax, lr in zip(axes.flat, (0.02, 0.3, 0.8, 1.05), strict=True):
        path = run_optimizer(grad_1d, [-1.0], "sgd", lr=lr, n_steps=30)
        ax.plot(grid, (grid - 2) ** 2 + 1, color="0.6", lw=3)
        ax.plot(path[:, 0], (path[:, 0] - 2) ** 2 + 1, "o-", ms=9, lw=2.5, color=PALETTE[3])
        ax.set(xlim=(-6, 10), ylim=(0, 70), xticks=[-6, -2, 2, 6, 10], yticks=[0, 30, 60],
               title=f"$\\alpha$ = {lr}: {classify_descent(path, grad_1d, loss_1d)}")
    for ax in axes[1]:
        ax.set_xlabel("parameter $\\theta$")
    for ax in axes[:, 0]:
        ax.set_ylabel("loss $L$")
    return fig


# --- 07: a time series -----------------------------------------------------------------------------

def _growth():
    gdp = load("gdp")
    return gdp, (100 * gdp.pct_change()).iloc[1:].rename("growth")


def _split():
    _, growth = _growth()
    return growth, chronological_split(growth, validation="1995", test="2002")


def gdp():
    """US real GDP, 1959-2009 (notebooks 00 and 07)."""
    fig, ax = figure(1150, 470)
    plot_series(load("gdp"), ylabel="bn chained 2005 US\\$", title="US real GDP (SAAR)", ax=ax)
    return fig


def growth():
    """Quarter-on-quarter growth of US real GDP (notebook 07)."""
    _, g = _growth()
    fig, ax = figure(1150, 470)
    plot_series(g, ylabel="growth (% q/q)", title="Quarter-on-quarter growth", ax=ax)
    ax.axhline(0, color="0.3", lw=1.5)
    return fig


def histogram():
    """The distribution of quarterly growth (notebook 07)."""
    _, g = _growth()
    fig, ax = figure(1000, 470)
    sns.histplot(g.to_numpy(), bins=30, color=COLORS["series"], ax=ax)
    ax.axvline(g.mean(), color=COLORS["truth"], ls="--", lw=3, label=f"mean {g.mean():.2f} %")
    ax.set(xlabel="growth (% q/q)", ylabel="number of quarters")
    integer_ticks(ax, "y")
    legend_outside(ax)
    return fig


def acf():
    """Autocorrelation of growth by lag, with the 95 % band of a series with none (notebook 07)."""
    from statsmodels.tsa.stattools import acf as autocorrelation

    _, g = _growth()
    lags = np.arange(1, 21)
    values = autocorrelation(g.to_numpy(), nlags=20)[1:]
    band = 1.96 / np.sqrt(len(g))
    fig, ax = figure(1150, 470)
    ax.axhspan(-band, band, color=COLORS["series"], alpha=0.15, lw=0,
               label="95 % band of no autocorrelation")
    ax.vlines(lags, 0, values, color=COLORS["series"], lw=5)
    ax.plot(lags, values, "o", color=COLORS["series"], ms=12)
    ax.axhline(0, color="0.3", lw=1.5)
    ax.set(xlabel="lag (quarters)", ylabel="autocorrelation", xlim=(0.3, 20.7))
    ax.set_xticks([1, 4, 8, 12, 16, 20])
    legend_outside(ax)
    return fig


def lag_scatter():
    """Growth against growth one quarter earlier, with the least-squares line (notebook 07)."""
    _, g = _growth()
    fig, ax = figure(1180, 500)
    plot_lag_scatter(g, lag=1, unit="% q/q", name="growth", ax=ax)
    for collection in ax.collections:
        collection.set_sizes([90])
    ax.get_legend().remove()
    legend_outside(ax)
    return fig


# --- 08: honest evaluation -------------------------------------------------------------------------

def split():
    """The chronological split: train, validation from 1995, test from 2002 (notebook 08)."""
    _, parts = _split()
    fig, ax = figure(1180, 470)
    plot_forecast(parts, ylabel="growth (% q/q)", ax=ax)
    return fig


def _baseline_forecasts(kind: str):
    g, parts = _split()
    models = [NaiveForecaster(), ARForecaster(1)]
    for model in models:
        model.fit(parts.train)
    if kind == "one-step":
        return parts, {m.name: m.predict_one_step(g, parts.test.index) for m in models}
    known = g.loc[: parts.validation.index[-1]]
    return parts, {m.name: m.forecast(known, horizon=len(parts.test)) for m in models}


def _forecast_figure(kind: str):
    parts, forecasts = _baseline_forecasts(kind)
    fig, ax = figure(1180, 470)
    plot_forecast(parts, forecasts, start="1999", ylabel="growth (% q/q)", ax=ax)
    return fig


def one_step():
    """One-step-ahead forecasts of the test part, naive and AR(1): true lags fed in (08)."""
    return _forecast_figure("one-step")


def recursive():
    """Recursive forecasts from 2001Q4, naive and AR(1): own predictions fed back (08)."""
    return _forecast_figure("recursive")


def levels():
    """GDP levels rebuilt from AR(1) growth forecasts, one step ahead (from the true level of
    the quarter before) and recursive (from 2001Q4's level) (notebook 08, section 8)."""
    gdp_levels, _ = _growth()
    _, one = _baseline_forecasts("one-step")
    parts, rec = _baseline_forecasts("recursive")
    known_end = parts.validation.index[-1]
    level_split = chronological_split(gdp_levels.iloc[1:], validation="1995", test="2002")
    forecasts = {
        "AR(1), one step ahead": one_step_levels(one["AR(1)"], gdp_levels),
        "AR(1), recursive": levels_from_growth(rec["AR(1)"], last_level=gdp_levels.loc[known_end]),
    }
    fig, ax = figure(1180, 470)
    plot_forecast(level_split, forecasts, start="1999", ylabel="bn chained 2005 US\\$", ax=ax)
    return fig


# --- 09: recurrent networks ------------------------------------------------------------------------

def spike():
    """A feed-forward unit and a recurrent unit (w_h = 0.8) fed one spike at t = 0 (notebook 09)."""
    x = np.array([1.0, 0, 0, 0, 0, 0])
    h_ff = np.tanh(x)
    h, h_rec = 0.0, []
    for x_t in x:
        h = np.tanh(x_t + 0.8 * h)
        h_rec.append(h)
    fig, ax = figure(1100, 430)
    t = np.arange(len(x))
    ax.plot(t, h_ff, "o--", color=COLORS["naive"], lw=3.5, label="feed-forward $h_t = f(x_t)$")
    ax.plot(t, h_rec, "o-", color=FORECAST_COLORS[1], lw=3.5,
            label="recurrent $h_t = f(x_t, h_{t-1})$")
    ax.set(xlabel="time step $t$ (input 1 at $t = 0$, then 0)", ylabel="output $h_t$", ylim=(-0.05, 0.85))
    integer_ticks(ax)
    ax.legend(loc="upper right")
    return fig


def vanishing():
    """How much the last state depends on earlier inputs, by lag, for recurrent kernels of
    several scales (notebook 09, section 7)."""
    from utils.cells import rnn
    from utils.cells.gradient_flow import gradient_norm_by_lag

    x_long = np.random.default_rng(1).normal(size=(16, 40, 1))
    fig, ax = figure(1180, 480)
    for color, scale in zip(FORECAST_COLORS[:5], (0.5, 0.9, 1.0, 1.5, 2.0), strict=True):
        p = rnn.init_params(1, 16, seed=0, recurrent_scale=scale)
        norms = gradient_norm_by_lag(rnn.sequence_forward, rnn.sequence_backward, p, x_long)
        ax.semilogy(np.arange(40), norms / norms[0], color=color, lw=4, label=f"scale {scale}")
    ax.set(xlabel="lag $k$ (steps before the last)", ylabel="gradient, relative to $k = 0$")
    integer_ticks(ax)
    legend_outside(ax, title="$W_h$")
    return fig


def sine_ambiguity():
    """Why one time step is ambiguous on a sine: the same value, rising or falling (notebook 09)."""
    wave = sine(60, period=24)
    t, x = wave.index.to_numpy(), wave.to_numpy()
    fig, ax = figure(1150, 450)
    ax.plot(t, x, color=COLORS["series"], lw=3, marker=".", ms=12)
    for i, color, text in ((2, PALETTE[3], "rising"), (10, PALETTE[2], "falling")):
        ax.annotate("", xy=(t[i + 1], x[i + 1]), xytext=(t[i], x[i]),
                    arrowprops={"arrowstyle": "-|>", "color": color, "lw": 4, "mutation_scale": 30})
        ax.plot(t[i], x[i], "o", color=color, ms=18, label=f"$y_t = {x[i]:.2f}$, {text}")
    ax.axhline(x[2], color="0.4", ls=":", lw=2.5)
    ax.set(xlabel="time step $t$", ylabel="$y_t$ (no unit)")
    integer_ticks(ax)
    legend_outside(ax)
    return fig


# --- 10: the LSTM's gradient flow ------------------------------------------------------------------

def lstm_flow():
    """Gradient flow at the start of training: a SimpleRNN and LSTMs whose forget bias starts at
    0, 1 (Keras) and 3, total and along the cell state alone (notebook 10, section 6)."""
    from utils.cells import lstm, rnn
    from utils.cells.gradient_flow import gradient_norm_by_lag

    x_long = np.random.default_rng(1).normal(size=(16, 60, 1))
    start = lstm.init_params(1, 16, seed=0)
    fig, ax = figure(1180, 500)
    norms = gradient_norm_by_lag(rnn.sequence_forward, rnn.sequence_backward,
                                 rnn.init_params(1, 16, seed=0), x_long)
    ax.semilogy(norms / norms[0], "--", color=COLORS["naive"], lw=4, label="SimpleRNN")
    for color, fb in zip(FORECAST_COLORS, (0.0, 1.0, 3.0), strict=False):
        p = {**start, "bias": np.where(np.arange(64) // 16 == 1, fb, start["bias"])}
        norms = gradient_norm_by_lag(lstm.sequence_forward, lstm.sequence_backward, p, x_long)
        ax.semilogy(norms / norms[0], color=color, lw=4, label=f"LSTM, $b_f = {fb:.0f}$")
        f_back = lstm.gate_activations(x_long, p)["f"][:, ::-1]
        path = np.concatenate([[1.0], f_back.cumprod(axis=1).mean(axis=(0, 2))[:-1]])
        ax.semilogy(path, ":", color=color, lw=4)
    ax.plot([], [], ":", color="0.3", lw=4, label="cell path alone")
    ax.set(xlabel="lag $k$ (steps before the last)", ylabel="gradient, relative to $k = 0$",
           ylim=(1e-14, 10))
    integer_ticks(ax)
    legend_outside(ax)
    return fig


FIGURES = {
    "neuron": diagrams.neuron,
    "perceptron": diagrams.perceptron_lines,
    "mlp": diagrams.mlp,
    "activations": activations,
    "derivatives": derivatives,
    "losses": losses,
    "gradient-descent": gradient_descent,
    "backprop": diagrams.backprop,
    "gdp": gdp,
    "growth": growth,
    "histogram": histogram,
    "acf": acf,
    "lag-scatter": lag_scatter,
    "windows": diagrams.windows,
    "split": split,
    "one-step": one_step,
    "recursive": recursive,
    "levels": levels,
    "spike": spike,
    "unrolled": diagrams.unrolled,
    "vanishing": vanishing,
    "sine-ambiguity": sine_ambiguity,
    "lstm-1": diagrams.lstm_1,
    "lstm-2": diagrams.lstm_2,
    "lstm-3": diagrams.lstm_3,
    "lstm-4": diagrams.lstm_4,
    "lstm-flow": lstm_flow,
    "gru-cell": diagrams.gru_cell,
    "gdp-forecasts": results.gdp_forecasts,
    "covariates": results.covariates_figure,
}
