"""Tests of utils.widgets.split_date: the verdict for one test period, the skills over many,
every position of the slider, bad input."""

import matplotlib
import numpy as np
import pandas as pd
import pytest

from utils.forecasting.baselines import ARForecaster, MeanForecaster, NaiveForecaster
from utils.timeseries.metrics import rmse
from utils.widgets.split_date import skill_by_test_start, split_date_explorer, verdict

matplotlib.use("Agg")

SERIES = pd.Series(0.5 + np.random.default_rng(1).normal(size=80),
                   index=pd.date_range("1990-01-01", periods=80, freq="QS-JAN"), name="g")
MODELS = {"naive": NaiveForecaster, "mean": MeanForecaster, "AR(1)": lambda: ARForecaster(1)}


def test_verdict_fits_on_the_past_and_scores_the_test_period():
    table = verdict(SERIES, "2000-01-01", MODELS, test_length=12)
    assert list(table.index) == list(MODELS)
    test = SERIES.loc["2000-01-01":"2002-10-01"]
    assert table.attrs["test"] == (test.index[0], test.index[-1])
    mean = SERIES.loc[:"1999-10-01"].mean()  # fitted on everything before the test period only
    assert table.loc["mean", "RMSE"] == pytest.approx(rmse(test, np.full(12, mean)))
    naive = SERIES.shift(1).loc[test.index]
    assert table.loc["naive", "RMSE"] == pytest.approx(rmse(test, naive))
    assert table.loc["naive", "skill"] == 0
    expected = 1 - table.loc["AR(1)", "RMSE"] / table.loc["naive", "RMSE"]
    assert table.loc["AR(1)", "skill"] == pytest.approx(expected)
    assert table.attrs["best"] == table["RMSE"].idxmin()


def test_the_verdict_moves_with_the_test_period():
    starts = [f"{year}-01-01" for year in range(1992, 2008)]
    skills = skill_by_test_start(SERIES, starts, MODELS, test_length=12)
    assert skills.shape == (len(starts), 3) and (skills["naive"] == 0).all()
    assert skills.index[0] == pd.Timestamp("1992-01-01")
    assert skills["mean"].std() > 0  # a different number for different periods


def test_the_explorer_redraws_for_every_year(caplog):
    import ipywidgets

    widget = split_date_explorer(SERIES, MODELS, test_length=12, first_year=1992, ylabel="g (%)")
    assert isinstance(widget, ipywidgets.Widget)
    slider = next(c for c in widget.children if getattr(c, "description", "") == "test from")
    assert (slider.min, slider.max) == (1992, 2007)  # the last test period ends with the series
    for year in range(slider.min, slider.max + 1):
        slider.value = year
    matplotlib.pyplot.close("all")
    assert "Exception in interact callback" not in caplog.text


@pytest.mark.parametrize("call, error, message", [
    (lambda: verdict(SERIES.to_numpy(), "2000", MODELS, test_length=12), TypeError,
     "series must be a pandas Series"),
    (lambda: verdict(SERIES.reset_index(drop=True), 40, MODELS, test_length=12), TypeError,
     "series must have a DatetimeIndex"),
    (lambda: verdict(SERIES, "2000-02-01", MODELS, test_length=12), ValueError,
     "test_start must be a date of the series' index"),
    (lambda: verdict(SERIES, "not a date", MODELS, test_length=12), ValueError,
     "test_start must be a date"),
    (lambda: verdict(SERIES, "2009-01-01", MODELS, test_length=12), ValueError,
     "test_start must leave"),
    (lambda: verdict(SERIES, "1990-01-01", MODELS, test_length=12), ValueError,
     "test_start must leave"),
    (lambda: verdict(SERIES, "2000-01-01", MODELS, test_length=1), ValueError,
     "test_length must be an int >= 2"),
    (lambda: verdict(SERIES, "2000-01-01", MODELS, test_length=2.0), TypeError, "test_length"),
    (lambda: verdict(SERIES, "2000-01-01", [NaiveForecaster], test_length=12), TypeError,
     "models must be a dict"),
    (lambda: verdict(SERIES, "2000-01-01", {"mean": MeanForecaster}, test_length=12),
     ValueError, "models must hold the naive forecast"),
    (lambda: verdict(SERIES, "2000-01-01", {"naive": NaiveForecaster(), "x": 3},
                     test_length=12), TypeError, r"models\['naive'\] must be a function"),
    (lambda: skill_by_test_start(SERIES, "2000-01-01", MODELS, test_length=12), TypeError,
     "starts must be a non-empty list"),
    (lambda: skill_by_test_start(SERIES, [], MODELS, test_length=12), TypeError,
     "starts must be a non-empty list"),
    (lambda: split_date_explorer(SERIES, MODELS, test_length=12, first_year=0, ylabel="g"),
     ValueError, "first_year must be a positive int"),
    (lambda: split_date_explorer(SERIES, MODELS, test_length=12, first_year=1992, ylabel=""),
     ValueError, "ylabel must be"),
])
def test_bad_input_is_refused(call, error, message):
    with pytest.raises(error, match=message):
        call()
