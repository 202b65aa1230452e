"""Bad-input cases for utils.timeseries (see tests/sweep/__init__.py), and for the checks
``utils.checks.column_names`` and ``utils.checks.text`` that it added."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from tests.sweep import Case  # noqa: E402
from utils import checks  # noqa: E402
from utils.timeseries.growth import levels_from_growth, one_step_levels  # noqa: E402
from utils.timeseries.metrics import evaluate, mae, mape, mase, rmse, skill_score, smape  # noqa: E402
from utils.timeseries.plotting import (  # noqa: E402
    plot_acf_pacf,
    plot_comparison,
    plot_forecast,
    plot_history,
    plot_lag_scatter,
    plot_series,
)
from utils.timeseries.scaling import MinMaxScaler, StandardScaler  # noqa: E402
from utils.timeseries.splits import check_training_part, chronological_split, tag  # noqa: E402
from utils.timeseries.time_index import future_index, infer_freq, target_index  # noqa: E402
from utils.timeseries.windowing import make_windows  # noqa: E402


def dated(values, start: str = "2000") -> pd.Series:
    """``values`` on quarter-start dates: the series of the sweep's calls."""
    values = np.asarray(values, dtype=float)
    return pd.Series(values, index=pd.date_range(start, periods=len(values), freq="QS-JAN"))


def shuffled(order) -> pd.Series:
    """Ten quarters in the order ``order`` (positions): unsorted or duplicated dates."""
    return dated(np.arange(10.0)).iloc[order]


UNSORTED, DUPLICATED = [1, 0, *range(2, 10)], [0, 1, 1, *range(2, 10)]
S = dated(np.sin(np.arange(40) / 3.0))  # 40 quarters, 2000Q1 .. 2009Q4
SPLIT = chronological_split(S, validation=0.2, test=0.2)
FITTED = StandardScaler().fit(np.array([[1.0, 5.0], [2.0, 7.0], [4.0, 6.0]]))
T, P = [1.0, 2.0, 4.0], [2.0, 2.0, 1.0]


def _refit():
    StandardScaler().fit([1.0, 2.0]).fit([1.0, 2.0])


M = "utils.timeseries.metrics."
SC = "utils.timeseries.scaling."
SP = "utils.timeseries.splits."
TI = "utils.timeseries.time_index."
PL = "utils.timeseries.plotting."
W = "utils.timeseries.windowing.make_windows"

CASES: list[Case] = [
    # metrics
    Case(M + "mae", "type", lambda: mae(["a"], [1.0]), TypeError, "y_true"),
    Case(M + "mae", "shape", lambda: mae(T, P[:2]), ValueError, "y_pred"),
    Case(M + "mae", "empty", lambda: mae([], []), ValueError, "y_true"),
    Case(M + "mae", "nan", lambda: mae(T, [1.0, np.nan, 2.0]), ValueError, "y_pred"),
    Case(M + "mae", "inf", lambda: mae([np.inf, 1.0, 2.0], P), ValueError, "y_true"),
    Case(M + "mae", "complex", lambda: mae([1 + 9j], [1.0]), TypeError, "y_true"),
    Case(M + "rmse", "shape", lambda: rmse(dated(T), dated(P, "2001")), ValueError, "y_pred"),
    Case(M + "rmse", "nan", lambda: rmse([np.nan], [1.0]), ValueError, "y_true"),
    Case(M + "rmse", "inf", lambda: rmse(T, [1.0, -np.inf, 2.0]), ValueError, "y_pred"),
    Case(M + "rmse", "complex", lambda: rmse(T, np.array(P) * 1j), TypeError, "y_pred"),
    Case(M + "mape", "range", lambda: mape([0.0, 1.0], [1.0, 1.0]), ValueError, "y_true"),
    Case(M + "mape", "nan", lambda: mape(T, [np.nan] * 3), ValueError, "y_pred"),
    Case(M + "mape", "type", lambda: mape(T, None), TypeError, "y_pred"),
    Case(M + "smape", "inf", lambda: smape([np.inf], [1.0]), ValueError, "y_true"),
    Case(M + "smape", "empty", lambda: smape([], []), ValueError, "y_true"),
    Case(M + "smape", "type", lambda: smape([True], [1.0]), TypeError, "y_true"),
    Case(M + "mase", "shape", lambda: mase(T, P, [[1.0, 2.0], [3.0, 5.0]]), ValueError, "y_train"),
    Case(M + "mase", "inf", lambda: mase(T, P, [1.0, np.inf, 2.0]), ValueError, "y_train"),
    Case(M + "mase", "nan", lambda: mase(T, [np.nan] * 3, [1.0, 3.0]), ValueError, "y_pred"),
    Case(M + "mase", "range", lambda: mase(T, P, [1.0, 3.0, 2.0], m=0), ValueError, r"\bm\b"),
    Case(M + "mase", "type", lambda: mase(T, P, [1.0, 3.0, 2.0], m=1.5), TypeError, r"\bm\b"),
    Case(M + "mase", "length1", lambda: mase(T, P, [1.0]), ValueError, "y_train"),
    Case(M + "mase", "range", lambda: mase(T, P, [2.0, 2.0, 2.0]), ValueError, "y_train"),
    Case(M + "skill_score", "range", lambda: skill_score(-1.0, 2.0), ValueError, "error_model"),
    Case(M + "skill_score", "nan", lambda: skill_score(1.0, np.nan), ValueError, "error_reference"),
    Case(M + "skill_score", "inf", lambda: skill_score(np.inf, 1.0), ValueError, "error_model"),
    Case(M + "skill_score", "range", lambda: skill_score(1.0, 0.0), ValueError, "error_reference"),
    Case(M + "skill_score", "type", lambda: skill_score("1", 2.0), TypeError, "error_model"),
    Case(M + "evaluate", "type", lambda: evaluate(dated(T), dated(P), [1.0, 3.0]), TypeError,
         "forecasts"),
    Case(M + "evaluate", "empty", lambda: evaluate(dated(T), {}, [1.0, 3.0]), ValueError,
         "forecasts"),
    Case(M + "evaluate", "shape", lambda: evaluate(dated(T), {"AR": P[:2]}, [1.0, 3.0]),
         ValueError, "forecasts"),
    Case(M + "evaluate", "nan", lambda: evaluate(dated(T), {"AR": P}, [1.0, np.nan]), ValueError,
         "y_train"),
    Case(M + "evaluate", "range", lambda: evaluate(dated(T), {"AR": P}, [1.0, 3.0], m=0),
         ValueError, r"\bm\b"),
    Case(M + "evaluate", "type", lambda: evaluate(dated(T), {"AR": P}, [1.0, 3.0], reference=0),
         TypeError, "reference"),
    # scaling
    Case(SC + "StandardScaler", "type", lambda: StandardScaler().fit(["a", "b"]), TypeError,
         "train"),
    Case(SC + "StandardScaler", "shape", lambda: StandardScaler().fit(np.ones((3, 2, 2))),
         ValueError, "train"),
    Case(SC + "StandardScaler", "empty", lambda: StandardScaler().fit([]), ValueError, "train"),
    Case(SC + "StandardScaler", "length1", lambda: StandardScaler().fit([1.0]), ValueError,
         "train"),
    Case(SC + "StandardScaler", "nan", lambda: StandardScaler().fit([1.0, np.nan]), ValueError,
         "train"),
    Case(SC + "StandardScaler", "inf", lambda: StandardScaler().fit(dated([1.0, np.inf, 2.0])),
         ValueError, "train"),
    Case(SC + "StandardScaler", "complex", lambda: StandardScaler().fit([1.0, 2j]), TypeError,
         "train"),
    Case(SC + "StandardScaler", "range", lambda: StandardScaler().fit([3.0, 3.0]), ValueError,
         "train"),
    Case(SC + "StandardScaler", "wrong_state", _refit, ValueError, "already fitted"),
    Case(SC + "StandardScaler", "wrong_state", lambda: StandardScaler().transform([1.0]),
         ValueError, "not fitted"),
    Case(SC + "StandardScaler", "wrong_state", lambda: StandardScaler().fit(SPLIT.test),
         ValueError, "training part"),
    Case(SC + "StandardScaler", "shape", lambda: FITTED.transform(np.ones((4, 3))), ValueError,
         "data"),
    Case(SC + "StandardScaler", "shape", lambda: FITTED.inverse_transform(np.ones((2, 2, 2))),
         ValueError, "data"),
    Case(SC + "StandardScaler", "nan", lambda: FITTED.transform([[1.0, np.nan]]), ValueError,
         "data"),
    Case(SC + "StandardScaler", "inf", lambda: FITTED.inverse_transform([[np.inf, 1.0]]),
         ValueError, "data"),
    Case(SC + "StandardScaler", "type", lambda: FITTED.transform([1.0], column=1.5), TypeError,
         "column"),
    Case(SC + "StandardScaler", "type", lambda: FITTED.transform([1.0], column="a"), TypeError,
         "column"),
    Case(SC + "StandardScaler", "type", lambda: FITTED.transform([1.0], column=True), TypeError,
         "column"),
    Case(SC + "StandardScaler", "range", lambda: FITTED.transform([1.0], column=2), ValueError,
         "column"),
    Case(SC + "MinMaxScaler", "type", lambda: MinMaxScaler(feature_range=None), TypeError,
         "feature_range"),
    Case(SC + "MinMaxScaler", "shape", lambda: MinMaxScaler(feature_range=(0, 1, 2)), TypeError,
         "feature_range"),
    Case(SC + "MinMaxScaler", "inf", lambda: MinMaxScaler(feature_range=(0, np.inf)), ValueError,
         "feature_range"),
    Case(SC + "MinMaxScaler", "nan", lambda: MinMaxScaler(feature_range=(np.nan, 1)), ValueError,
         "feature_range"),
    Case(SC + "MinMaxScaler", "range", lambda: MinMaxScaler(feature_range=(1, 0)), ValueError,
         "feature_range"),
    Case(SC + "MinMaxScaler", "wrong_state", lambda: MinMaxScaler().inverse_transform([1.0]),
         ValueError, "not fitted"),
    # splits
    Case(SP + "chronological_split", "type", lambda: chronological_split(np.arange(10.0)),
         TypeError, "series"),
    Case(SP + "chronological_split", "unsorted", lambda: chronological_split(shuffled(UNSORTED)),
         ValueError, "series"),
    Case(SP + "chronological_split", "duplicated",
         lambda: chronological_split(shuffled(DUPLICATED)), ValueError, "series"),
    Case(SP + "chronological_split", "empty", lambda: chronological_split(dated([])), ValueError,
         "series"),
    Case(SP + "chronological_split", "length1", lambda: chronological_split(dated([1.0])),
         ValueError, "series"),
    Case(SP + "chronological_split", "range", lambda: chronological_split(S, test=1.5), ValueError,
         "test"),
    Case(SP + "chronological_split", "nan", lambda: chronological_split(S, test=np.nan),
         ValueError, "test"),
    Case(SP + "chronological_split", "inf", lambda: chronological_split(S, validation=np.inf),
         ValueError, "validation"),
    Case(SP + "chronological_split", "type", lambda: chronological_split(S, test=True), TypeError,
         "test"),
    Case(SP + "chronological_split", "range", lambda: chronological_split(S, test="2002-13"),
         ValueError, "test"),
    Case(SP + "chronological_split", "range", lambda: chronological_split(S, test="2030"),
         ValueError, "test"),
    Case(SP + "chronological_split", "range",
         lambda: chronological_split(S, validation=0.5, test=0.5), ValueError, "validation"),
    Case(SP + "tag", "choice", lambda: tag(S, "holdout"), ValueError, "part"),
    Case(SP + "tag", "type", lambda: tag(S.to_numpy(), "train"), TypeError, "series"),
    Case(SP + "check_training_part", "wrong_state", lambda: check_training_part(SPLIT.test, "AR"),
         ValueError, "training part"),
    Case(SP + "check_training_part", "type", lambda: check_training_part(S, 3), TypeError, "who"),
    # time_index
    Case(TI + "future_index", "type", lambda: future_index([1, 2], 1), TypeError, "index"),
    Case(TI + "future_index", "range", lambda: future_index(S.index, 0), ValueError, "horizon"),
    Case(TI + "future_index", "empty", lambda: future_index(pd.RangeIndex(0), 1), ValueError,
         "index"),
    Case(TI + "future_index", "type", lambda: future_index(pd.Index(["a", "b"]), 1), TypeError,
         "index"),
    Case(TI + "future_index", "range",
         lambda: future_index(pd.DatetimeIndex(["2000-01-01", "2000-01-05", "2000-03-01"]), 1),
         ValueError, "index"),
    Case(TI + "infer_freq", "type", lambda: infer_freq(["2000-01-01"] * 3), TypeError, "dates"),
    Case(TI + "target_index", "unsorted", lambda: target_index(S.index, S.index[[5, 3]]),
         ValueError, "index"),
    Case(TI + "target_index", "duplicated", lambda: target_index(S.index, S.index[[3, 3]]),
         ValueError, "index"),
    Case(TI + "target_index", "empty", lambda: target_index(S.index, []), ValueError, "index"),
    Case(TI + "target_index", "range", lambda: target_index(S.index, "2002-02-01"), ValueError,
         "index"),
    Case(TI + "target_index", "type", lambda: target_index(S.index, [3]), TypeError, "index"),
    # growth
    Case("utils.timeseries.growth.levels_from_growth", "nan",
         lambda: levels_from_growth(dated([1.0, np.nan]), 100.0), ValueError, "growth"),
    Case("utils.timeseries.growth.levels_from_growth", "inf",
         lambda: levels_from_growth(dated([1.0]), np.inf), ValueError, "last_level"),
    Case("utils.timeseries.growth.levels_from_growth", "type",
         lambda: levels_from_growth([1.0, 2.0], 100.0), TypeError, "growth"),
    Case("utils.timeseries.growth.levels_from_growth", "empty",
         lambda: levels_from_growth(dated([]), 100.0), ValueError, "growth"),
    Case("utils.timeseries.growth.one_step_levels", "range",
         lambda: one_step_levels(dated([1.0], "2020"), S), ValueError, "growth"),
    Case("utils.timeseries.growth.one_step_levels", "unsorted",
         lambda: one_step_levels(S.iloc[5:6], shuffled(UNSORTED)), ValueError, "levels"),
    Case("utils.timeseries.growth.one_step_levels", "type",
         lambda: one_step_levels(S.iloc[5:6], list(S)), TypeError, "levels"),
    # windowing
    Case(W, "empty", lambda: make_windows(chronological_split(S).validation, 2), ValueError,
         "empty validation part"),
    Case(W, "unsorted", lambda: make_windows(shuffled(UNSORTED), 2), ValueError, "series"),
    Case(W, "duplicated", lambda: make_windows(shuffled(DUPLICATED), 2), ValueError, "series"),
    Case(W, "nan", lambda: make_windows(dated([1.0, np.nan, 2.0, 3.0]), 2), ValueError, "series"),
    Case(W, "inf", lambda: make_windows(dated([1.0, 2.0, np.inf]), 2), ValueError, "series"),
    Case(W, "complex", lambda: make_windows(np.arange(4) * 1j, 2), TypeError, "series"),
    Case(W, "type", lambda: make_windows(pd.Series(list("abcd")), 2), TypeError, "series"),
    Case(W, "shape", lambda: make_windows(np.zeros((4, 2, 2)), 1), ValueError, "series"),
    Case(W, "range", lambda: make_windows(S, 0), ValueError, "window"),
    Case(W, "type", lambda: make_windows(S, 2.5), TypeError, "window"),
    Case(W, "range", lambda: make_windows(S, 2, horizon=39), ValueError, "horizon"),
    Case(W, "range", lambda: make_windows(S, 2, stride=-1), ValueError, "stride"),
    Case(W, "length1", lambda: make_windows([1.0], 1), ValueError, "window"),
    Case(W, "choice", lambda: make_windows(pd.DataFrame({"a": T, "b": P}), 1, target="c"),
         ValueError, "target"),
    Case(W, "type", lambda: make_windows(pd.DataFrame({"a": T, "b": P}), 1, target=True),
         TypeError, "target"),
    # plotting
    Case(PL + "plot_series", "type", lambda: plot_series(S.to_numpy(), ylabel="%"), TypeError,
         "series"),
    Case(PL + "plot_series", "inf", lambda: plot_series(dated([1.0, np.inf]), ylabel="%"),
         ValueError, "series"),
    Case(PL + "plot_series", "empty", lambda: plot_series(dated([]), ylabel="%"), ValueError,
         "series"),
    Case(PL + "plot_series", "unsorted", lambda: plot_series(shuffled(UNSORTED), ylabel="%"),
         ValueError, "series"),
    Case(PL + "plot_series", "type", lambda: plot_series(S, ylabel=None), TypeError, "ylabel"),
    Case(PL + "plot_series", "range", lambda: plot_series(S, ylabel=" "), ValueError, "ylabel"),
    Case(PL + "plot_series", "type", lambda: plot_series(S, ylabel="%", ax="left"), TypeError,
         r"\bax\b"),
    Case(PL + "plot_forecast", "type", lambda: plot_forecast(tuple(SPLIT), ylabel="%"), TypeError,
         "split"),
    Case(PL + "plot_forecast", "type", lambda: plot_forecast(SPLIT, SPLIT.test, ylabel="%"),
         TypeError, "forecasts"),
    Case(PL + "plot_forecast", "inf",
         lambda: plot_forecast(SPLIT, {"AR": SPLIT.test * np.inf}, ylabel="%"), ValueError,
         "forecasts"),
    Case(PL + "plot_forecast", "range", lambda: plot_forecast(SPLIT, ylabel="%", start="2030"),
         ValueError, "start"),
    Case(PL + "plot_acf_pacf", "nan", lambda: plot_acf_pacf(dated([np.nan, *S]), lags=4),
         ValueError, "series"),
    Case(PL + "plot_acf_pacf", "range", lambda: plot_acf_pacf(S, lags=20), ValueError, "lags"),
    Case(PL + "plot_acf_pacf", "type", lambda: plot_acf_pacf(S, lags=2.0), TypeError, "lags"),
    Case(PL + "plot_acf_pacf", "type", lambda: plot_acf_pacf(S, lags=4, axes=5), TypeError, "axes"),
    Case(PL + "plot_lag_scatter", "range", lambda: plot_lag_scatter(S, 0, unit="%"), ValueError,
         "lag"),
    Case(PL + "plot_lag_scatter", "inf", lambda: plot_lag_scatter(dated([np.inf, *S]), unit="%"),
         ValueError, "series"),
    Case(PL + "plot_lag_scatter", "type", lambda: plot_lag_scatter(S, unit=None), TypeError,
         "unit"),
    Case(PL + "plot_history", "missing", lambda: plot_history({"accuracy": [1.0]}), ValueError,
         "history"),
    Case(PL + "plot_history", "type", lambda: plot_history([1.0, 0.5]), TypeError, "history"),
    Case(PL + "plot_history", "shape", lambda: plot_history({"loss": [[1.0, 0.5]]}), ValueError,
         "history"),
    Case(PL + "plot_history", "complex", lambda: plot_history({"loss": [1j]}), TypeError,
         "history"),
    Case(PL + "plot_comparison", "missing",
         lambda: plot_comparison(pd.DataFrame({"MAE": [1.0]}), "RMSE", unit="%"), ValueError,
         "table"),
    Case(PL + "plot_comparison", "type", lambda: plot_comparison({"MAE": [1.0]}, unit="%"),
         TypeError, "table"),
    Case(PL + "plot_comparison", "nan",
         lambda: plot_comparison(pd.DataFrame({"MAE": [np.nan]}), unit="%"), ValueError, "table"),
    Case(PL + "plot_comparison", "type",
         lambda: plot_comparison(pd.DataFrame({"MAE": [1.0]}), unit=3), TypeError, "unit"),
    # the checks this area added to utils.checks
    Case("utils.checks.column_names", "type", lambda: checks.column_names(3, "by"), TypeError,
         "by"),
    Case("utils.checks.column_names", "empty", lambda: checks.column_names([], "by"), ValueError,
         "by"),
    Case("utils.checks.text", "type", lambda: checks.text(None, "unit"), TypeError, "unit"),
    Case("utils.checks.text", "empty", lambda: checks.text("", "unit"), ValueError, "unit"),
]

#: Public names with no argument a learner could get wrong, and why.
NO_BAD_INPUT: dict[str, str] = {
    "utils.timeseries.splits.Split": "the NamedTuple of three Series that chronological_split "
                                     "returns; its parts are checked where they are used",
    "utils.timeseries.windowing.Windows": "the NamedTuple of arrays that make_windows returns",
}
