"""Tests of utils.widgets.coverage: the bands and measured coverage at every setting of the slider
agree with the library, every setting draws, and bad input is refused."""

import matplotlib
import numpy as np
import pandas as pd
import pytest

from utils.forecasting.intervals import backtest_intervals, conformal_radius, coverage_table
from utils.widgets.coverage import COVERAGES, coverage_explorer, coverage_view, draw_coverage

matplotlib.use("Agg")

DATES = pd.date_range("1950-01-01", periods=70, freq="YS")
SERIES = pd.Series(50 + 30 * np.sin(np.arange(70) / 1.7), index=DATES, name="cycle")


def predictions(seed=0, n_folds=3, block=20):
    """One model's one-step predictions over the last ``n_folds`` blocks of SERIES."""
    rng = np.random.default_rng(seed)
    times = DATES[-n_folds * block :]
    truth = SERIES.loc[times].to_numpy()
    return pd.DataFrame({"model": "GRU", "seed": 0, "fold": np.repeat(np.arange(n_folds), block),
                         "time": times, "step": np.tile(np.arange(1, block + 1), n_folds),
                         "y_true": truth, "y_pred": truth + rng.normal(scale=5, size=len(truth))})


PRED = predictions()


@pytest.mark.parametrize("percent", COVERAGES)
def test_the_view_agrees_with_the_library_at_every_setting(percent):
    view = coverage_view(PRED, percent / 100)
    bands = backtest_intervals(PRED, percent / 100)
    assert view.measured == pytest.approx(coverage_table(bands)["coverage"].iloc[0])
    assert view.target == percent / 100
    assert list(view.bands.index) == list(PRED["time"][PRED["fold"] > 0])
    residuals = PRED["y_true"] - PRED["y_pred"]
    for k in (1, 2):  # fold k's radius from the folds before it only
        assert view.radii[k] == pytest.approx(
            conformal_radius(residuals[PRED["fold"] < k].to_numpy(), percent / 100))
    np.testing.assert_array_equal(view.bands["covered"], (view.bands["y_true"] >= view.bands["lower"])
                                  & (view.bands["y_true"] <= view.bands["upper"]))


def test_wider_targets_give_wider_bands_and_no_lower_coverage():
    views = [coverage_view(PRED, p / 100) for p in COVERAGES]
    widths = [(v.bands["upper"] - v.bands["lower"]).mean() for v in views]
    assert np.all(np.diff(widths) >= 0)
    assert np.all(np.diff([v.measured for v in views]) >= 0)


def test_the_input_is_not_modified():
    kept = PRED.copy()
    coverage_view(PRED, 0.8)
    draw_coverage(SERIES, PRED, 0.8, ylabel="units")
    pd.testing.assert_frame_equal(PRED, kept)
    matplotlib.pyplot.close("all")


@pytest.mark.parametrize("percent", COVERAGES)
def test_every_setting_draws(percent):
    ax = draw_coverage(SERIES, PRED, percent / 100, ylabel="units", start="1960")
    view = coverage_view(PRED, percent / 100)
    assert ax.get_title() == (f"Target {percent}%: {view.measured:.0%} of 40 values inside")
    labels = ax.get_legend_handles_labels()[1]
    assert labels[:3] == ["observed", "one-step prediction", f"{percent}% band"]
    assert labels[3].startswith("outside the band (")
    observed = ax.get_lines()[0]
    assert observed.get_color() in ("k", "black", (0.0, 0.0, 0.0)) or \
        matplotlib.colors.to_rgb(observed.get_color()) == (0.0, 0.0, 0.0)
    matplotlib.pyplot.close("all")


def test_the_explorer_redraws_for_every_setting(caplog):
    import ipywidgets

    widget = coverage_explorer(SERIES, PRED, ylabel="units", start="1960")
    assert isinstance(widget, ipywidgets.Widget)
    slider = next(c for c in widget.children if getattr(c, "description", "") == "coverage %")
    assert list(slider.options) == list(COVERAGES) and slider.value == 80
    for percent in COVERAGES:
        slider.value = percent
    matplotlib.pyplot.close("all")
    assert "Exception in interact callback" not in caplog.text


@pytest.mark.parametrize("call, error, message", [
    (lambda: coverage_view(PRED, 1.0), ValueError, "coverage must be"),
    (lambda: coverage_view(PRED, "80"), TypeError, "coverage must be"),
    (lambda: coverage_view(PRED.drop(columns="time"), 0.8), ValueError, "predictions must have"),
    (lambda: coverage_view(PRED["y_pred"], 0.8), TypeError, "predictions must be"),
    (lambda: coverage_view(pd.concat([PRED, PRED.assign(seed=1)]), 0.8), ValueError,
     "predictions must hold one model and one seed"),
    (lambda: coverage_view(predictions(block=5), 0.95), ValueError, "residuals must hold"),
    (lambda: draw_coverage(SERIES, PRED, 0.8, ylabel=" "), ValueError, "ylabel must be"),
    (lambda: draw_coverage(SERIES, PRED, 0.8, ylabel="u", start="2100"), ValueError,
     "start must leave"),
    (lambda: coverage_explorer(SERIES, PRED, ylabel=None), TypeError, "ylabel must be"),
])
def test_bad_input_is_refused(call, error, message):
    with pytest.raises(error, match=message):
        call()
    matplotlib.pyplot.close("all")
