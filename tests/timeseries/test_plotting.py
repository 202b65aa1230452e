"""Tests for utils.timeseries.plotting: every plot draws, labels its axes with units, and refuses bad input."""

import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from utils.style import COLORS  # noqa: E402
from utils.timeseries.metrics import evaluate  # noqa: E402
from utils.timeseries.plotting import (  # noqa: E402
    plot_acf_pacf,
    plot_comparison,
    plot_forecast,
    plot_history,
    plot_lag_scatter,
    plot_series,
)
from utils.timeseries.splits import chronological_split  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield
    plt.close("all")


@pytest.fixture
def growth(quarterly):
    n = 60
    return quarterly(np.sin(np.arange(n) / 3.0) + np.random.default_rng(0).normal(scale=0.2, size=n))


def test_plot_series_labels_units(growth):
    ax = plot_series(growth, ylabel="growth (%)", title="GDP growth", label="growth")
    assert ax.get_xlabel() == "date" and ax.get_ylabel() == "growth (%)"
    assert ax.get_title() == "GDP growth" and len(ax.lines) == 1


def test_plot_forecast_draws_the_truth_in_black_and_shades_the_periods(growth):
    s = growth
    split = chronological_split(s, validation=0.2, test=0.2)
    naive = s.shift(1).loc[split.test.index].rename("naive")
    ax = plot_forecast(split, {"naive": naive, "AR(1)": naive * 0.5}, ylabel="growth (%)")
    lines = {line.get_label(): line for line in ax.lines}
    assert {"observed", "naive", "AR(1)"} <= set(lines)
    assert matplotlib.colors.same_color(lines["observed"].get_color(), COLORS["truth"])
    assert len(lines["observed"].get_xdata()) == len(s)  # train, validation and test: all truth
    assert matplotlib.colors.same_color(lines["naive"].get_color(), COLORS["naive"])
    shaded = {p.get_label(): p for p in ax.patches}
    assert matplotlib.colors.same_color(shaded["test period"].get_facecolor()[:3], COLORS["test"])
    assert "validation period" in shaded
    legend = ax.get_legend()
    assert legend.get_bbox_to_anchor().x0 > ax.get_window_extent().x1 - 1  # outside the data
    assert ax.get_ylabel() == "growth (%)"


def test_plot_forecast_zoom_starts_later(growth):
    split = chronological_split(growth, test=0.2)
    early = growth.loc["2005":].rename("early")  # a forecast that starts before the zoom
    ax = plot_forecast(split, {"early": early}, ylabel="growth (%)", start="2010")
    first = min(pd.Timestamp(line.get_xdata()[0]) for line in ax.lines)
    assert first == pd.Timestamp("2010-01-01")


def test_plot_forecast_zoom_works_on_an_integer_index():
    s = pd.Series(np.sin(np.arange(100) / 5.0), index=pd.RangeIndex(100, name="t"))
    split = chronological_split(s, test=0.2)
    ax = plot_forecast(split, ylabel="value", start=60)
    assert min(line.get_xdata()[0] for line in ax.lines) == 60
    assert ax.get_xlabel() == "time step"


def test_plot_acf_pacf_two_labelled_axes(growth):
    axes = plot_acf_pacf(growth, lags=8, lag_unit="quarters")
    assert [ax.get_xlabel() for ax in axes] == ["lag (quarters)"] * 2
    assert "autocorrelation" in axes[0].get_ylabel()


def test_plot_lag_scatter_shows_correlation(growth):
    s = growth
    ax = plot_lag_scatter(s, lag=1, unit="%", name="growth")
    r = np.corrcoef(s.to_numpy()[:-1], s.to_numpy()[1:])[0, 1]
    assert f"r = {r:.3f}" in ax.get_title()
    assert ax.get_xlabel() == "growth at t-1 (%)" and ax.get_ylabel() == "growth at t (%)"
    slope, intercept = np.polyfit(s.to_numpy()[:-1], s.to_numpy()[1:], 1)
    (line,) = ax.lines  # the least-squares line, drawn
    x, y = line.get_xdata(), line.get_ydata()
    np.testing.assert_allclose(y, intercept + slope * x)


def test_plot_history_from_dict():
    ax = plot_history({"loss": [3.0, 2.0, 1.0, 0.5], "val_loss": [3.5, 2.0, 2.5, 2.6]},
                      ylabel="loss (MSE)")
    labels = [line.get_label() for line in ax.lines]
    assert labels[:2] == ["training", "validation"]
    assert labels[2] == "lowest validation loss (epoch 2): weights kept"
    assert ax.lines[2].get_xdata()[0] == 2
    assert ax.get_xlabel() == "epoch"
    ax.figure.canvas.draw()
    assert all(float(t).is_integer() for t in ax.get_xticks())


def test_plot_comparison_bars():
    idx = pd.date_range("2000", periods=4, freq="YS")
    truth = pd.Series([1.0, 2.0, 3.0, 4.0], index=idx)
    table = evaluate(
        truth, {"naive": truth.shift(1).fillna(0.0), "good": truth + 0.1}, [1.0, 2.0, 4.0]
    )
    ax = plot_comparison(table, "MAE", unit="%")
    assert len(ax.patches) == 2 and ax.get_xlabel() == "MAE (%)"


def test_errors(growth):
    with pytest.raises(TypeError, match="series must be a pandas Series, got ndarray"):
        plot_series(np.arange(3.0), ylabel="x")
    with pytest.raises(ValueError, match=r"series must hold at least 1 value\(s\), got 0"):
        plot_series(pd.Series([], dtype=float), ylabel="x")
    with pytest.raises(ValueError, match="series must hold no [+]-inf"):
        plot_series(growth.replace(growth.iloc[3], np.inf), ylabel="x")
    with pytest.raises(ValueError, match="series must hold finite numbers"):
        plot_acf_pacf(growth.replace(growth.iloc[3], np.nan), lags=8)
    with pytest.raises(TypeError, match="ax must be None or a matplotlib Axes"):
        plot_series(growth, ylabel="x", ax="left")
    with pytest.raises(ValueError, match="ylabel must be a non-empty string naming the units"):
        plot_series(growth, ylabel="")
    with pytest.raises(ValueError, match=r"lags must be an int in \[1, 30\), got 40"):
        plot_acf_pacf(growth, lags=40)
    with pytest.raises(ValueError, match="lag must be a positive int"):
        plot_lag_scatter(growth, lag=0, unit="%")
    with pytest.raises(ValueError, match=r"lag must be an int in \[1, 59\), got 59"):
        plot_lag_scatter(growth, lag=59, unit="%")
    with pytest.raises(ValueError, match="history must be a Keras History or a dict"):
        plot_history({"accuracy": [1.0]})
    with pytest.raises(TypeError, match="history must be a Keras History or a dict"):
        plot_history([1.0, 0.5])
    with pytest.raises(ValueError, match="table must be a DataFrame with a 'RMSE' column"):
        plot_comparison(pd.DataFrame({"MAE": [1.0]}), "RMSE", unit="%")
    with pytest.raises(TypeError, match="table must be a DataFrame"):
        plot_comparison({"MAE": [1.0]}, "MAE", unit="%")


def test_forecast_plot_errors(growth):
    split = chronological_split(growth, test=0.2)
    with pytest.raises(TypeError, match=r"forecasts\['x'\] must be a pandas Series"):
        plot_forecast(split, {"x": [1.0]}, ylabel="%")
    with pytest.raises(TypeError, match="forecasts must be a dict of named forecasts"):
        plot_forecast(split, split.test, ylabel="%")
    with pytest.raises(TypeError, match="split must be a Split from chronological_split"):
        plot_forecast(tuple(split)[:2], ylabel="%")
    with pytest.raises(ValueError, match="start must be a date such as '1999', got 'soon'"):
        plot_forecast(split, ylabel="%", start="soon")
    with pytest.raises(ValueError, match="start must come before the end of the test part"):
        plot_forecast(split, ylabel="%", start="2030")


def test_zoomed_forecast_plot_draws_only_visible_boundaries(growth):
    split = chronological_split(growth, validation=0.3, test=0.2)  # validation from 2004
    ax = plot_forecast(split, ylabel="%", start="2008")
    boundaries = [line for line in ax.lines if line.get_linestyle() == "--"
                  and line.get_label().startswith("_")]
    assert len(boundaries) == 1  # only the test boundary (2012) is after the zoom start


def test_comparison_labels_and_reference_line():
    table = pd.DataFrame({"MAE": [0.49, 0.4421, 1234.5]}, index=["naive", "AR(1)", "big"])
    ax = plot_comparison(table, "MAE", unit="pp")
    labels = [t.get_text() for t in ax.texts]
    assert labels == ["0.490", "0.442", "1,234.5"]
    assert any(line.get_xdata()[0] == 0.49 for line in ax.lines)


def test_forecast_colours_stay_apart_from_the_parts(growth):
    split = chronological_split(growth, validation=0.2, test=0.2)
    forecasts = {name: split.test * k for k, name in enumerate(("naive", "a", "b", "c"))}
    ax = plot_forecast(split, forecasts, ylabel="%")
    colors = {line.get_label(): line.get_color() for line in ax.lines}
    taken = [COLORS["truth"], COLORS["naive"]]
    for name in ("a", "b", "c"):
        assert not any(matplotlib.colors.same_color(colors[name], p) for p in taken)
    picked = [colors[n] for n in ("a", "b", "c")]
    assert len({matplotlib.colors.to_hex(c) for c in picked}) == 3  # no two lines share a colour


def test_comparison_colours_bars_by_kind_with_a_legend():
    table = pd.DataFrame({"MAE": [0.5, 0.4, 0.45]}, index=["naive", "AR(1)", "LSTM"])
    kinds = {"naive": "baseline", "AR(1)": "classical", "LSTM": "neural"}
    ax = plot_comparison(table, "MAE", unit="pp", kinds=kinds)
    for bar, name in zip(ax.patches, table.index, strict=False):
        assert matplotlib.colors.same_color(bar.get_facecolor()[:3], COLORS[kinds[name]])
    legend = ax.get_legend()
    labels = [t.get_text() for t in legend.get_texts()]
    assert labels == ["naive (reference)", "baseline", "classical", "neural"]
    for handle, kind in zip(legend.legend_handles[1:], labels[1:], strict=True):
        assert matplotlib.colors.same_color(handle.get_facecolor()[:3], COLORS[kind])
    with pytest.raises(ValueError, match="kinds must give every model a kind"):
        plot_comparison(table, "MAE", unit="pp", kinds={"naive": "baseline"})
    with pytest.raises(ValueError, match=r"kinds\['LSTM'\] must be one of"):
        plot_comparison(table, "MAE", unit="pp", kinds={**kinds, "LSTM": "deep"})
