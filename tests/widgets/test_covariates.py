"""Tests of utils.widgets.covariates: the scores of a choice of covariates (validation blocks
inside the first fold's training part, test blocks of the backtest), every check box of the
explorer, and bad input."""

import matplotlib
import numpy as np
import pandas as pd
import pytest

from utils.forecasting.backtest import backtest, expanding_folds
from utils.forecasting.baselines import ARForecaster, NaiveForecaster
from utils.forecasting.var import VARForecaster
from utils.widgets.covariates import covariate_explorer, covariate_scores, draw_covariate_choice

matplotlib.use("Agg")


def make_data(n=100, seed=0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 3))
    y = 0.5 + 0.6 * np.r_[0, x[:-1, 0]] + 0.3 * rng.normal(size=n)
    index = pd.date_range("1985-01-01", periods=n, freq="QS-JAN")
    return pd.DataFrame({"y": y, "lead": x[:, 0], "noise": x[:, 1], "T-bill": x[:, 2]},
                        index=index)


DATA = make_data()
SMALL = {"n_folds": 2, "horizon": 8, "max_lags": 2}


def test_the_scores_are_the_backtests_they_describe():
    table = covariate_scores(DATA, "y", ["lead"], **SMALL)
    assert list(table.index) == ["naive", "AR(2)", "VAR (AIC)"]
    frame = DATA[["y", "lead"]]
    folds = expanding_folds(frame, 2, 8)
    inner = expanding_folds(folds[0].train, 2, 8)  # the validation blocks: training data
    assert inner[-1].test.index[-1] == folds[0].train.index[-1] < folds[0].test.index[0]
    for name, make in (("naive", NaiveForecaster), ("AR(2)", lambda: ARForecaster(2)),
                       ("VAR (AIC)", lambda: VARForecaster("y", max_lags=2))):
        for column, part, part_folds in (("validation", folds[0].train, inner),
                                         ("test", frame, folds)):
            expected = backtest(make, part, part_folds, target="y").scores["MASE"].mean()
            assert table.loc[name, column] == pytest.approx(expected, rel=1e-12)
    assert table.attrs["lag_orders"] == [VARForecaster("y", 2).fit(f.train).lag_order_
                                         for f in folds]
    assert table.loc["VAR (AIC)", "test"] < table.loc["AR(2)", "test"]  # the leading covariate


def test_no_covariate_means_no_var_row():
    table = covariate_scores(DATA, "y", [], **SMALL)
    assert list(table.index) == ["naive", "AR(2)"] and table.attrs["lag_orders"] == []


def test_the_input_is_not_modified():
    kept = DATA.copy()
    covariate_scores(DATA, "y", ["lead", "noise"], **SMALL)
    pd.testing.assert_frame_equal(DATA, kept)


@pytest.mark.parametrize("covariates", [[], ["lead"], ["lead", "noise", "T-bill"], "noise"])
def test_every_choice_draws(covariates):
    fig = draw_covariate_choice(DATA, "y", covariates, **SMALL)
    ax = fig.axes[0]
    names = [t.get_text() for t in ax.get_yticklabels()]
    assert names[:2] == ["naive", "AR(2)"] and ("VAR (AIC)" in names) == bool(covariates)
    assert "none" in ax.get_title() if not covariates else "Covariates: " in ax.get_title()
    assert ax.get_xlabel().startswith("MASE")
    matplotlib.pyplot.close("all")


def test_the_explorer_redraws_for_every_check_box(caplog):
    import ipywidgets

    widget = covariate_explorer(DATA, "y", ["lead", "noise", "T-bill"], chosen=["lead"], **SMALL)
    assert isinstance(widget, ipywidgets.Widget)
    boxes = [c for c in widget.children if isinstance(c, ipywidgets.Checkbox)]
    assert [b.description for b in boxes] == ["lead", "noise", "T-bill"]
    assert [b.value for b in boxes] == [True, False, False]
    for box in boxes:  # every control, both values
        box.value = not box.value
        box.value = not box.value
    for box in boxes:
        box.value = False  # none ticked: the no-VAR picture
    matplotlib.pyplot.close("all")
    assert "Exception in interact callback" not in caplog.text


@pytest.mark.parametrize(("call", "error", "match"), [
    (lambda: covariate_scores(DATA["y"], "y"), TypeError, "data must be a pandas DataFrame"),
    (lambda: covariate_scores(DATA, "z"), ValueError, "target must be one of"),
    (lambda: covariate_scores(DATA, "y", ["y"]), ValueError, "covariates must be columns"),
    (lambda: covariate_scores(DATA, "y", ["gdp"]), ValueError, "covariates must be columns"),
    (lambda: covariate_scores(DATA, "y", ["lead", "lead"]), ValueError, "each column once"),
    (lambda: covariate_scores(DATA, "y", None), TypeError, "covariates must be a column name"),
    (lambda: covariate_scores(DATA, "y", ["lead"], max_lags=0), ValueError, "max_lags"),
    (lambda: covariate_scores(DATA, "y", ["lead"], horizon=0), ValueError, "horizon"),
    (lambda: covariate_scores(DATA.iloc[:30], "y", ["lead"]), ValueError, "too short"),
    (lambda: covariate_explorer(DATA, "y", ["lead"], chosen=["noise"]), ValueError,
     "chosen must be among the candidates"),
    (lambda: covariate_explorer(DATA, "y", 3), TypeError, "candidates must be a column name"),
    (lambda: covariate_explorer(DATA, "y", ["lead"], chosen=["y"]), ValueError,
     "chosen must be columns of data other than the target"),
])
def test_bad_input_is_refused(call, error, match):
    with pytest.raises(error, match=match):
        call()
