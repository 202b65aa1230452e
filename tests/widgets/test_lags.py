"""Tests of utils.widgets.lags: the lag view's numbers, every lag of the slider, bad input."""

import matplotlib
import numpy as np
import pandas as pd
import pytest
from statsmodels.tsa.stattools import acf

from utils.widgets.lags import draw_lag_view, lag_explorer, lag_view

matplotlib.use("Agg")

SERIES = pd.Series(np.sin(np.arange(60) / 3) + np.random.default_rng(0).normal(size=60) * 0.3,
                   index=pd.date_range("2000-01-01", periods=60, freq="QS-JAN"), name="x")


def test_lag_view_matches_statsmodels_and_numpy():
    view = lag_view(SERIES, lag=3, max_lag=10)
    np.testing.assert_allclose(view["acf"], acf(SERIES.to_numpy(), nlags=10), atol=1e-12)
    assert view["r"] == pytest.approx(view["acf"][3])
    np.testing.assert_array_equal(view["before"], SERIES.to_numpy()[:-3])
    np.testing.assert_array_equal(view["now"], SERIES.to_numpy()[3:])
    assert view["pearson"] == pytest.approx(np.corrcoef(view["before"], view["now"])[0, 1])
    assert view["pearson"] != pytest.approx(view["r"], abs=1e-4)  # two different numbers
    slope, intercept = np.polyfit(view["before"], view["now"], 1)
    assert (view["slope"], view["intercept"]) == pytest.approx((slope, intercept))
    assert view["band"] == pytest.approx(1.96 / np.sqrt(60))


def test_the_input_is_not_modified():
    kept = SERIES.copy()
    lag_view(SERIES, 2)
    pd.testing.assert_series_equal(SERIES, kept)


@pytest.mark.parametrize("lag", range(1, 13))
def test_every_lag_of_the_slider_draws(lag):
    fig = draw_lag_view(SERIES, lag, 12, unit="units", name="x", lag_unit="quarters")
    scatter, correlogram = fig.axes
    assert scatter.get_xlabel() == f"x at t-{lag} (units)"
    assert f"$r_{{{lag}}}$ = " in correlogram.get_title()
    marked = [bar.get_facecolor() for bar in correlogram.containers[0]]
    assert len({tuple(c) for c in marked}) == 2  # the marked bar has its own colour
    matplotlib.pyplot.close("all")


def test_the_explorer_redraws_for_every_lag(caplog):
    import ipywidgets

    widget = lag_explorer(SERIES, unit="units", name="x", max_lag=8, lag_unit="quarters")
    assert isinstance(widget, ipywidgets.Widget)
    slider = next(c for c in widget.children if getattr(c, "description", "") == "lag")
    assert (slider.min, slider.max) == (1, 8)
    for lag in range(1, 9):
        slider.value = lag
    matplotlib.pyplot.close("all")
    assert "Exception in interact callback" not in caplog.text


@pytest.mark.parametrize("call, error, message", [
    (lambda: lag_view(SERIES.to_numpy(), 1), TypeError, "series must be a pandas Series"),
    (lambda: lag_view(SERIES.where(SERIES > 0), 1), ValueError, "series must hold finite"),
    (lambda: lag_view(SERIES, 0), ValueError, "lag must be a positive int"),
    (lambda: lag_view(SERIES, 13), ValueError, r"lag must be an int in \[1, max_lag=12\]"),
    (lambda: lag_view(SERIES, 1.0), TypeError, "lag must be"),
    (lambda: lag_view(SERIES, 1, max_lag=59), ValueError, "max_lag must be an int in"),
    (lambda: lag_view(SERIES.iloc[:2], 1), ValueError, "series must hold at least 3"),
    (lambda: draw_lag_view(SERIES, 1, unit=""), ValueError, "unit must be"),
    (lambda: draw_lag_view(SERIES, 1, unit="u", name=3), TypeError, "name must be"),
    (lambda: lag_explorer(SERIES, unit="u", max_lag=0), ValueError, "max_lag must be"),
    (lambda: lag_explorer(SERIES, unit=None), TypeError, "unit must be"),
])
def test_bad_input_is_refused(call, error, message):
    with pytest.raises(error, match=message):
        call()
