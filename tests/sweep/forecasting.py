"""Bad-input cases for utils.forecasting and utils.training_progress (see tests/sweep/__init__.py).

No case trains a network: every bad argument is refused before any training starts.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tests.sweep import Case
from tests.sweep.timeseries import DUPLICATED, UNSORTED, dated, shuffled
from utils.forecasting.backtest import (
    backtest,
    compare,
    errors_by_step,
    expanding_folds,
    summarise,
)
from utils.forecasting.baselines import (
    ARForecaster,
    ARIMAForecaster,
    DirectARForecaster,
    DriftForecaster,
    MeanForecaster,
    NaiveForecaster,
    SeasonalNaiveForecaster,
)
from utils.forecasting.classical import AutoARIMAForecaster, ETSForecaster
from utils.forecasting.covariate_networks import KerasCovariateForecaster
from utils.forecasting.covariates import CovariateForecaster
from utils.forecasting.interface import past_windows
from utils.forecasting.intervals import backtest_intervals, conformal_radius, coverage_table
from utils.forecasting.keras_forecaster import KerasForecaster, MultiOutputForecaster
from utils.forecasting.multistep import Seq2SeqForecaster, strategy_forecaster
from utils.forecasting.networks import build_network, check_config, initial_weights
from utils.forecasting.training import (
    COMPILED,
    CompiledNetwork,
    predict_network,
    train_network,
    training_settings,
)
from utils.forecasting.var import VARForecaster
from utils.timeseries.splits import chronological_split
from utils.training_progress import TrainingProgress

S = dated(np.sin(np.arange(40) / 3.0) + np.arange(40) / 10)  # 40 quarters, 2000Q1 .. 2009Q4
SPLIT = chronological_split(S, validation=0.2, test=0.2)
FOLDS = expanding_folds(S, n_folds=2, horizon=4)
NAIVE = NaiveForecaster().fit(SPLIT.train)
RESULT = backtest(NaiveForecaster, S, FOLDS)
PRED = compare(S, FOLDS, {"naive": NaiveForecaster}).predictions
X, Y = np.zeros((8, 4, 1)), np.zeros((8, 1))
#: Valid arguments of training_settings, one replaced per case.
SETTINGS = {"epochs": 2, "patience": 1, "batch_size": 8, "learning_rate": 0.01, "seed": 0,
            "show_progress": None}
CONFIG = {"cell": "gru", "window": 4, "units": 2}
#: Several series: the sweep's series and a covariate, for the covariate forecasters.
FRAME = pd.DataFrame({"y": S, "x": np.cos(np.arange(40) / 3.0)}, index=S.index)
FRAME_SPLIT = chronological_split(FRAME, test=0.2)
FRAME_FOLDS = expanding_folds(FRAME, n_folds=2, horizon=4)


class _LastX(CovariateForecaster):
    """The smallest covariate forecaster: y_hat(t) = x(t - 1)."""

    name = "last x"

    def _fit(self, values):
        pass

    def _next(self, past):
        return past[-1, 1]


LAST_X = _LastX("y").fit(FRAME_SPLIT.train)


def inf_at(position: int) -> pd.Series:
    """The sweep's series with +inf at ``position`` (what pct_change() makes of a zero)."""
    return S.where(np.arange(len(S)) != position, np.inf)


def nan_at(position: int) -> pd.Series:
    """The sweep's series with NaN at ``position``."""
    return S.where(np.arange(len(S)) != position, np.nan)


B = "utils.forecasting.interface.BaseForecaster."
CL = "utils.forecasting.classical."
BT = "utils.forecasting.backtest."
BL = "utils.forecasting.baselines."
IV = "utils.forecasting.intervals."
NW = "utils.forecasting.networks."
TR = "utils.forecasting.training."
KF = "utils.forecasting.keras_forecaster.KerasForecaster"
MS = "utils.forecasting.multistep."
TP = "utils.training_progress.TrainingProgress"
CV = "utils.forecasting.covariates.CovariateForecaster"
KC = "utils.forecasting.covariate_networks.KerasCovariateForecaster"
VR = "utils.forecasting.var.VARForecaster"

CASES: list[Case] = [
    # the interface, through the naive forecast
    Case(B + "fit", "type", lambda: NaiveForecaster().fit(S.to_numpy()), TypeError, "train"),
    Case(B + "fit", "nan", lambda: NaiveForecaster().fit(dated([1.0, np.nan])), ValueError,
         "train"),
    Case(B + "fit", "inf", lambda: NaiveForecaster().fit(inf_at(3)), ValueError, "train"),
    Case(B + "fit", "complex", lambda: NaiveForecaster().fit(S * 1j), TypeError, "train"),
    Case(B + "fit", "unsorted", lambda: NaiveForecaster().fit(shuffled(UNSORTED)), ValueError,
         "train"),
    Case(B + "fit", "duplicated", lambda: NaiveForecaster().fit(shuffled(DUPLICATED)), ValueError,
         "train"),
    Case(B + "fit", "empty", lambda: NaiveForecaster().fit(dated([])), ValueError, "train"),
    Case(B + "fit", "length1", lambda: NaiveForecaster().fit(dated([1.0])), ValueError, "train"),
    Case(B + "fit", "wrong_state", lambda: NaiveForecaster().fit(SPLIT.test), ValueError,
         "training part"),
    Case(B + "fit", "type", lambda: NaiveForecaster().fit(SPLIT.train, SPLIT.validation),
         TypeError, "validation"),
    Case(B + "predict_one_step", "wrong_state",
         lambda: NaiveForecaster().predict_one_step(S, SPLIT.test.index), ValueError,
         "not fitted"),
    Case(B + "predict_one_step", "type", lambda: NAIVE.predict_one_step(list(S), S.index[30:]),
         TypeError, "history"),
    Case(B + "predict_one_step", "range", lambda: NAIVE.predict_one_step(S, "2020-01-01"),
         ValueError, "index"),
    Case(B + "predict_one_step", "range", lambda: NAIVE.predict_one_step(S, "2002-02-01"),
         ValueError, "index"),
    Case(B + "predict_one_step", "unsorted", lambda: NAIVE.predict_one_step(S, S.index[[35, 30]]),
         ValueError, "index"),
    Case(B + "predict_one_step", "duplicated",
         lambda: NAIVE.predict_one_step(S, S.index[[30, 30]]), ValueError, "index"),
    Case(B + "predict_one_step", "empty", lambda: NAIVE.predict_one_step(S, S.index[:0]),
         ValueError, "index"),
    Case(B + "predict_one_step", "nan", lambda: NAIVE.predict_one_step(dated([1.0, np.nan]), 1),
         ValueError, "history"),
    Case(B + "predict_one_step", "inf", lambda: NAIVE.predict_one_step(inf_at(5), S.index[30:]),
         ValueError, "history"),
    Case(B + "predict_one_step", "type", lambda: NAIVE.predict_one_step(S, [30]), TypeError,
         "index"),
    Case(B + "forecast", "wrong_state", lambda: MeanForecaster().forecast(S, 4), ValueError,
         "not fitted"),
    Case(B + "forecast", "range", lambda: NAIVE.forecast(S, 0), ValueError, "horizon"),
    Case(B + "forecast", "type", lambda: NAIVE.forecast(S, 1.5), TypeError, "horizon"),
    Case(B + "forecast", "type", lambda: NAIVE.forecast(S.to_numpy(), 2), TypeError, "history"),
    Case(B + "forecast", "inf", lambda: NAIVE.forecast(inf_at(39), 2), ValueError, "history"),
    Case(B + "forecast", "length1", lambda: ARForecaster(2).fit(S).forecast(S.iloc[:1], 2),
         ValueError, "history"),
    # the baselines
    Case(BL + "NaiveForecaster", "range", lambda: NAIVE.predict_one_step(S, S.index[0]),
         ValueError, "index"),
    Case(BL + "DriftForecaster", "length1", lambda: DriftForecaster().fit(dated([1.0])),
         ValueError, "train"),
    Case(BL + "MeanForecaster", "nan",
         lambda: MeanForecaster().fit(SPLIT.train).forecast(dated([np.nan]), 2), ValueError,
         "history"),
    Case(BL + "SeasonalNaiveForecaster", "range", lambda: SeasonalNaiveForecaster(0), ValueError,
         "season"),
    Case(BL + "SeasonalNaiveForecaster", "type", lambda: SeasonalNaiveForecaster(4.0), TypeError,
         "season"),
    Case(BL + "SeasonalNaiveForecaster", "length1",
         lambda: SeasonalNaiveForecaster(4).fit(dated([1.0])), ValueError, "train"),
    Case(BL + "ARForecaster", "type", lambda: ARForecaster("2"), TypeError, r"\bp\b"),
    Case(BL + "ARForecaster", "range", lambda: ARForecaster(0), ValueError, r"\bp\b"),
    Case(BL + "ARForecaster", "inf", lambda: ARForecaster(2).fit(inf_at(7)), ValueError, "train"),
    Case(BL + "ARForecaster", "length1", lambda: ARForecaster(2).fit(S.iloc[:1]), ValueError,
         "train"),
    Case(BL + "ARIMAForecaster", "shape", lambda: ARIMAForecaster((1, 0)), ValueError, "order"),
    Case(BL + "ARIMAForecaster", "type", lambda: ARIMAForecaster(1), TypeError, "order"),
    Case(BL + "ARIMAForecaster", "range", lambda: ARIMAForecaster((1, -1, 0)), ValueError,
         "order"),
    Case(BL + "ARIMAForecaster", "type", lambda: ARIMAForecaster((1, 0.5, 0)), TypeError, "order"),
    Case(BL + "ARIMAForecaster", "choice", lambda: ARIMAForecaster(trend="linear"), ValueError,
         "trend"),
    Case(BL + "ARIMAForecaster", "inf", lambda: ARIMAForecaster().fit(inf_at(2)), ValueError,
         "train"),
    Case(BL + "DirectARForecaster", "range", lambda: DirectARForecaster(2, horizon=0),
         ValueError, "horizon"),
    Case(BL + "DirectARForecaster", "type", lambda: DirectARForecaster(2.0, horizon=3),
         TypeError, "p"),
    Case(BL + "DirectARForecaster", "range",
         lambda: DirectARForecaster(1, horizon=2).fit(S).forecast(S, 3), ValueError, "horizon"),
    Case(BL + "DirectARForecaster", "length1", lambda: DirectARForecaster(1, 2).fit(S.iloc[:1]),
         ValueError, "train"),
    # the classical models chosen by AICc
    Case(CL + "AutoARIMAForecaster", "type", lambda: AutoARIMAForecaster(max_p=2.0), TypeError,
         "max_p"),
    Case(CL + "AutoARIMAForecaster", "range", lambda: AutoARIMAForecaster(max_q=-1), ValueError,
         "max_q"),
    Case(CL + "AutoARIMAForecaster", "choice", lambda: AutoARIMAForecaster(d=2), ValueError, "d"),
    Case(CL + "AutoARIMAForecaster", "nan", lambda: AutoARIMAForecaster().fit(nan_at(2)),
         ValueError, "train"),
    Case(CL + "ETSForecaster", "range", lambda: ETSForecaster(1), ValueError, "season"),
    Case(CL + "ETSForecaster", "type", lambda: ETSForecaster("12"), TypeError, "season"),
    Case(CL + "ETSForecaster", "length1", lambda: ETSForecaster(4).fit(S.iloc[:1]), ValueError,
         "train"),
    # past_windows
    Case("utils.forecasting.interface.past_windows", "range",
         lambda: past_windows(S, S.index[30:], 0), ValueError, "window"),
    Case("utils.forecasting.interface.past_windows", "type",
         lambda: past_windows(S, S.index[30:], 1.5), TypeError, "window"),
    Case("utils.forecasting.interface.past_windows", "range",
         lambda: past_windows(S, S.index[2:], 4), ValueError, "index"),
    Case("utils.forecasting.interface.past_windows", "type",
         lambda: past_windows(S.to_numpy(), S.index[30:], 4), TypeError, "history"),
    Case("utils.forecasting.interface.past_windows", "empty",
         lambda: past_windows(S, [], 4), ValueError, "index"),
    # backtests
    Case(BT + "expanding_folds", "range", lambda: expanding_folds(S, 0, 4), ValueError, "n_folds"),
    Case(BT + "expanding_folds", "type", lambda: expanding_folds(S, 2, 1.5), TypeError, "horizon"),
    Case(BT + "expanding_folds", "type", lambda: expanding_folds(S, 2, 4, step="2"), TypeError,
         "step"),
    Case(BT + "expanding_folds", "range", lambda: expanding_folds(S, 5, 10), ValueError, "series"),
    Case(BT + "expanding_folds", "nan", lambda: expanding_folds(dated([np.nan] * 20), 2, 2),
         ValueError, "series"),
    Case(BT + "backtest", "type", lambda: backtest(NaiveForecaster(), S, FOLDS), TypeError,
         "pass the class or a function that builds one"),
    Case(BT + "backtest", "type", lambda: backtest(NaiveForecaster, S.to_numpy(), FOLDS),
         TypeError, "series"),
    Case(BT + "backtest", "empty", lambda: backtest(NaiveForecaster, S, []), ValueError, "folds"),
    Case(BT + "backtest", "type", lambda: backtest(NaiveForecaster, S, FOLDS[0]), TypeError,
         "folds"),
    Case(BT + "backtest", "missing",
         lambda: backtest(NaiveForecaster, S.iloc[:30], FOLDS), ValueError, "folds"),
    Case(BT + "compare", "type",
         lambda: compare(S, FOLDS, {"naive": NaiveForecaster}, show_progress=1), TypeError,
         "show_progress"),
    Case(BT + "backtest", "choice", lambda: backtest(NaiveForecaster, S, FOLDS, method="direct"),
         ValueError, "method"),
    Case(BT + "backtest", "range", lambda: backtest(NaiveForecaster, S, FOLDS, m=0), ValueError,
         r"\bm\b"),
    Case(BT + "compare", "type", lambda: compare(S, FOLDS, {"naive": NaiveForecaster}, seeds=0),
         TypeError, "seeds"),
    Case(BT + "compare", "empty", lambda: compare(S, FOLDS, {"naive": NaiveForecaster}, seeds=[]),
         ValueError, "seeds"),
    Case(BT + "compare", "range",
         lambda: compare(S, FOLDS, {"naive": NaiveForecaster}, seeds=[-1]), ValueError, "seeds"),
    Case(BT + "compare", "type", lambda: compare(S, FOLDS, [NaiveForecaster]), TypeError,
         "models"),
    Case(BT + "compare", "empty", lambda: compare(S, FOLDS, {}), ValueError, "models"),
    Case(BT + "compare", "type", lambda: compare(S, FOLDS, {"naive": NaiveForecaster()}),
         TypeError, "models"),
    Case(BT + "summarise", "type", lambda: summarise(RESULT), TypeError, "result.scores"),
    Case(BT + "summarise", "missing", lambda: summarise(RESULT.scores), ValueError, "scores"),
    Case(BT + "summarise", "type", lambda: summarise(RESULT.scores.assign(seed=0), by=3),
         TypeError, r"\bby\b"),
    Case(BT + "summarise", "empty", lambda: summarise(RESULT.scores.assign(seed=0), by=[]),
         ValueError, r"\bby\b"),
    Case(BT + "summarise", "nan",
         lambda: summarise(RESULT.scores.assign(seed=0, MASE=np.nan)), ValueError, "scores"),
    Case(BT + "errors_by_step", "missing", lambda: errors_by_step(PRED.drop(columns="step")),
         ValueError, "predictions"),
    Case(BT + "errors_by_step", "type", lambda: errors_by_step(RESULT), TypeError, "predictions"),
    Case(BT + "errors_by_step", "inf", lambda: errors_by_step(PRED.assign(y_pred=np.inf)),
         ValueError, "predictions"),
    # intervals
    Case(IV + "conformal_radius", "range", lambda: conformal_radius(np.ones(9), 1.0), ValueError,
         "coverage"),
    Case(IV + "conformal_radius", "type", lambda: conformal_radius(np.ones(9), "0.8"), TypeError,
         "coverage"),
    Case(IV + "conformal_radius", "nan", lambda: conformal_radius([1.0, np.nan] * 5), ValueError,
         "residuals"),
    Case(IV + "conformal_radius", "inf", lambda: conformal_radius([1.0, np.inf] * 5), ValueError,
         "residuals"),
    Case(IV + "conformal_radius", "length1", lambda: conformal_radius([1.0]), ValueError,
         "residuals"),
    Case(IV + "conformal_radius", "empty", lambda: conformal_radius([]), ValueError, "residuals"),
    Case(IV + "conformal_radius", "shape", lambda: conformal_radius(np.ones((3, 3))), ValueError,
         "residuals"),
    Case(IV + "conformal_radius", "complex", lambda: conformal_radius(np.ones(9) * 1j), TypeError,
         "residuals"),
    Case(IV + "backtest_intervals", "missing", lambda: backtest_intervals(PRED.drop(columns="fold")),
         ValueError, "predictions"),
    Case(IV + "backtest_intervals", "range",
         lambda: backtest_intervals(PRED[PRED["fold"] == 0]), ValueError, "predictions"),
    Case(IV + "backtest_intervals", "type", lambda: backtest_intervals(PRED, groups=None),
         TypeError, "groups"),
    Case(IV + "backtest_intervals", "inf", lambda: backtest_intervals(PRED.assign(y_true=np.inf)),
         ValueError, "predictions"),
    Case(IV + "backtest_intervals", "range", lambda: backtest_intervals(PRED, coverage=0.0),
         ValueError, "coverage"),
    Case(IV + "coverage_table", "missing", lambda: coverage_table(PRED), ValueError, "bands"),
    Case(IV + "coverage_table", "type", lambda: coverage_table(PRED, by=3), TypeError, r"\bby\b"),
    # networks
    Case(NW + "build_network", "choice", lambda: build_network("rnn", 4), ValueError, "cell"),
    Case(NW + "build_network", "range", lambda: build_network("gru", 0), ValueError, "window"),
    Case(NW + "build_network", "type", lambda: build_network("gru", 4, units=2.0), TypeError,
         "units"),
    Case(NW + "build_network", "choice", lambda: build_network("gru", 4, architecture="attention"),
         ValueError, "architecture"),
    Case(TR + "train_network", "range", lambda: train_network(CONFIG, X, Y, X, Y, seed=-1),
         ValueError, "seed"),
    Case(TR + "train_network", "type", lambda: train_network(CONFIG, X, Y, X, Y, seed="0"),
         TypeError, "seed"),
    Case(TR + "train_network", "nan",
         lambda: train_network(CONFIG, X, Y, X, Y, seed=0, learning_rate=np.nan), ValueError,
         "learning_rate"),
    Case(TR + "train_network", "range",
         lambda: train_network(CONFIG, X, Y, X, Y, seed=0, learning_rate=0), ValueError,
         "learning_rate"),
    Case(TR + "train_network", "type",
         lambda: train_network(CONFIG, X, Y, X, Y, seed=0, learning_rate="fast"), TypeError,
         "learning_rate"),
    Case(TR + "train_network", "range", lambda: train_network(CONFIG, X, Y, X, Y, seed=0, epochs=0),
         ValueError, "epochs"),
    Case(TR + "train_network", "empty", lambda: train_network(CONFIG, X, Y, X[:0], Y[:0], seed=0),
         ValueError, "X_val"),
    Case(TR + "train_network", "shape", lambda: train_network(CONFIG, X[:, :, 0], Y, X, Y, seed=0),
         ValueError, r"\bX\b"),
    Case(TR + "train_network", "shape", lambda: train_network(CONFIG, X, Y[:3], X, Y, seed=0),
         ValueError, r"\by\b"),
    Case(TR + "train_network", "inf", lambda: train_network(CONFIG, X, Y + np.inf, X, Y, seed=0),
         ValueError, r"\by\b"),
    Case(TR + "train_network", "type", lambda: train_network("gru", X, Y, X, Y, seed=0), TypeError,
         "network"),
    Case(TR + "train_network", "missing", lambda: train_network({"cell": "gru"}, X, Y, X, Y, seed=0),
         ValueError, "network"),
    Case(TR + "train_network", "type",
         lambda: train_network(CONFIG, X, Y, X, Y, seed=0, show_progress="yes"), TypeError,
         "show_progress"),
    Case(TR + "predict_network", "type", lambda: predict_network("gru", [], X), TypeError,
         "network"),
    Case(TR + "predict_network", "shape",
         lambda: predict_network(build_network(**CONFIG), [], X), ValueError, "weights"),
    Case(TR + "training_settings", "range",
         lambda: training_settings(**{**SETTINGS, "epochs": 0}), ValueError, "epochs"),
    Case(TR + "training_settings", "nan",
         lambda: training_settings(**{**SETTINGS, "learning_rate": np.nan}), ValueError,
         "learning_rate"),
    Case(TR + "training_settings", "type",
         lambda: training_settings(**{**SETTINGS, "seed": "0"}), TypeError, "seed"),
    Case(TR + "training_settings", "type",
         lambda: training_settings(**{**SETTINGS, "show_progress": "yes"}), TypeError,
         "show_progress"),
    Case(TR + "CompiledNetwork", "missing", lambda: CompiledNetwork({"cell": "gru"}, 0.01),
         ValueError, "config"),
    Case(NW + "initial_weights", "type", lambda: initial_weights(CONFIG, seed=1.5), TypeError,
         "seed"),
    Case(NW + "initial_weights", "choice", lambda: initial_weights({"cell": "rnn", "window": 2}, 0),
         ValueError, "cell"),
    Case(NW + "check_config", "type", lambda: check_config(["gru"], "network"), TypeError,
         "network"),
    Case(NW + "check_config", "shape", lambda: check_config(CONFIG, "network", 5, 1), ValueError,
         "network must match the windows"),
    Case(TR + "CompiledNetworks.get", "missing", lambda: COMPILED.get({"cell": "gru"}),
         ValueError, "config"),
    Case(TR + "CompiledNetworks.get", "type", lambda: COMPILED.get(["gru", 4]), TypeError,
         "config"),
    Case(TR + "CompiledNetworks.get", "choice", lambda: COMPILED.get({"cell": "rnn", "window": 4}),
         ValueError, "cell"),
    Case(TR + "CompiledNetworks.get", "range", lambda: COMPILED.get(CONFIG, learning_rate=-1.0),
         ValueError, "learning_rate"),
    # the Keras forecasters: every setting refused when the forecaster is made
    Case(KF, "choice", lambda: KerasForecaster("transformer"), ValueError, "cell"),
    Case(KF, "type", lambda: KerasForecaster(3), TypeError, "cell"),
    Case(KF, "range", lambda: KerasForecaster(learning_rate=0), ValueError, "learning_rate"),
    Case(KF, "nan", lambda: KerasForecaster(learning_rate=np.nan), ValueError, "learning_rate"),
    Case(KF, "inf", lambda: KerasForecaster(learning_rate=np.inf), ValueError, "learning_rate"),
    Case(KF, "type", lambda: KerasForecaster(learning_rate="fast"), TypeError, "learning_rate"),
    Case(KF, "range", lambda: KerasForecaster(epochs=0), ValueError, "epochs"),
    Case(KF, "type", lambda: KerasForecaster(patience=1.5), TypeError, "patience"),
    Case(KF, "range", lambda: KerasForecaster(batch_size=-1), ValueError, "batch_size"),
    Case(KF, "range", lambda: KerasForecaster(validation=1.0), ValueError, "validation"),
    Case(KF, "range", lambda: KerasForecaster(window=0), ValueError, "window"),
    Case(KF, "type", lambda: KerasForecaster(show_progress="yes"), TypeError, "show_progress"),
    Case(KF, "type", lambda: KerasForecaster(name=3), TypeError, "name"),
    Case(KF, "type", lambda: KerasForecaster(seed=-1.0), TypeError, "seed"),
    Case(KF, "length1", lambda: KerasForecaster(window=4).fit(S.iloc[:1]), ValueError, "train"),
    Case(KF, "wrong_state", lambda: KerasForecaster().forecast(S, 2), ValueError, "not fitted"),
    Case(KF, "wrong_state",
         lambda: KerasForecaster(window=4).fit(SPLIT.train, validation=SPLIT.test), ValueError,
         "validation"),
    Case(KF + ".network", "wrong_state", lambda: KerasForecaster("gru").network(), ValueError,
         "not fitted"),
    Case("utils.forecasting.keras_forecaster.MultiOutputForecaster", "range",
         lambda: MultiOutputForecaster(horizon=0), ValueError, "horizon"),
    Case("utils.forecasting.keras_forecaster.MultiOutputForecaster", "type",
         lambda: MultiOutputForecaster(horizon="3"), TypeError, "horizon"),
    Case("utils.forecasting.keras_forecaster.MultiOutputForecaster", "range",
         lambda: MultiOutputForecaster("gru", horizon=0), ValueError,
         "horizon"),
    Case(MS + "Seq2SeqForecaster", "type", lambda: Seq2SeqForecaster("gru", horizon=2.0),
         TypeError, "horizon"),
    Case(MS + "strategy_forecaster", "choice", lambda: strategy_forecaster("beam", "gru", horizon=2),
         ValueError, "strategy"),
    Case(MS + "strategy_forecaster", "choice",
         lambda: strategy_forecaster("multi-output", "rnn", horizon=2), ValueError, "cell"),
    Case(MS + "strategy_forecaster", "range",
         lambda: strategy_forecaster("recursive", "gru", horizon=0), ValueError, "horizon"),
    Case(MS + "strategy_forecaster", "type",
         lambda: strategy_forecaster("seq2seq", "gru", horizon=None), TypeError, "horizon"),
    # several series: the covariate forecasters, backtests of a DataFrame, network options
    Case(CV, "type", lambda: _LastX(3), TypeError, "target"),
    Case(CV, "type", lambda: _LastX("y").fit(FRAME_SPLIT.train["y"]), TypeError, "train"),
    Case(CV, "missing", lambda: _LastX("z").fit(FRAME_SPLIT.train), ValueError, "train"),
    Case(CV, "nan", lambda: _LastX("y").fit(FRAME.where(FRAME > 0)), ValueError, "train"),
    Case(CV, "inf", lambda: _LastX("y").fit(FRAME.assign(x=np.inf)), ValueError, "train"),
    Case(CV, "complex", lambda: _LastX("y").fit(FRAME * 1j), TypeError, "train"),
    Case(CV, "unsorted", lambda: _LastX("y").fit(FRAME.iloc[::-1]), ValueError, "train"),
    Case(CV, "duplicated", lambda: _LastX("y").fit(FRAME.iloc[[0, 0, 1, 2]]),
         ValueError, "train"),
    Case(CV, "length1", lambda: _LastX("y").fit(FRAME.iloc[:1]), ValueError, "train"),
    Case(CV, "empty", lambda: _LastX("y").fit(FRAME.iloc[:0]), ValueError, "train"),
    Case(CV, "wrong_state", lambda: _LastX("y").fit(FRAME_SPLIT.test), ValueError,
         "training part"),
    Case(CV, "type", lambda: _LastX("y").fit(FRAME_SPLIT.train, FRAME_SPLIT.test),
         TypeError, "validation"),
    Case(CV, "wrong_state",
         lambda: _LastX("y").predict_one_step(FRAME, FRAME.index[30:]), ValueError, "not fitted"),
    Case(CV, "shape",
         lambda: LAST_X.predict_one_step(FRAME[["x", "y"]], FRAME.index[30:]), ValueError,
         "history"),
    Case(CV, "range",
         lambda: LAST_X.predict_one_step(FRAME, "2020-01-01"), ValueError, "index"),
    Case(CV, "range", lambda: LAST_X.predict_one_step(FRAME, FRAME.index[:1]),
         ValueError, "index"),
    Case(CV, "type",
         lambda: LAST_X.predict_one_step(FRAME["y"], FRAME.index[30:]), TypeError, "history"),
    Case(CV, "range", lambda: LAST_X.forecast(FRAME, 2), ValueError, "horizon"),
    Case(CV, "type", lambda: LAST_X.forecast(FRAME, 1.0), TypeError, "horizon"),
    Case(CV, "nan", lambda: LAST_X.forecast(FRAME.where(FRAME > 0), 1), ValueError,
         "history"),
    Case(KC, "type", lambda: KerasCovariateForecaster(target=None), TypeError, "target"),
    Case(KC, "choice", lambda: KerasCovariateForecaster("transformer", target="y"), ValueError,
         "cell"),
    Case(KC, "choice", lambda: KerasCovariateForecaster(target="y", architecture="seq2seq"),
         ValueError, "architecture"),
    Case(KC, "range", lambda: KerasCovariateForecaster(target="y", dropout=1.0), ValueError,
         "dropout"),
    Case(KC, "range", lambda: KerasCovariateForecaster("conv1d", target="y", window=2), ValueError,
         "kernel_size"),
    Case(KC, "range", lambda: KerasCovariateForecaster(target="y", epochs=0), ValueError, "epochs"),
    Case(KC, "type", lambda: KerasCovariateForecaster(target="y", seed=0.5), TypeError, "seed"),
    Case(KC, "length1", lambda: KerasCovariateForecaster(target="y", window=4).fit(FRAME.iloc[:1]),
         ValueError, "train"),
    Case(KC + ".network", "wrong_state", lambda: KerasCovariateForecaster(target="y").network(),
         ValueError, "not fitted"),
    Case(VR, "range", lambda: VARForecaster("y", max_lags=0), ValueError, "max_lags"),
    Case(VR, "type", lambda: VARForecaster("y", max_lags="2"), TypeError, "max_lags"),
    Case(VR, "shape", lambda: VARForecaster("y", max_lags=2).fit(FRAME_SPLIT.train[["y"]]),
         ValueError, "train"),
    Case(VR, "length1", lambda: VARForecaster("y", max_lags=8).fit(FRAME.iloc[:20]), ValueError,
         "train"),
    Case(BT + "compare", "missing",
         lambda: compare(FRAME, FRAME_FOLDS, {"naive": NaiveForecaster}), ValueError, "target"),
    Case(BT + "compare", "choice",
         lambda: compare(FRAME, FRAME_FOLDS, {"naive": NaiveForecaster}, target="z"), ValueError,
         "target"),
    Case(BT + "backtest", "type", lambda: backtest(NaiveForecaster, FRAME, FOLDS, target="y"),
         TypeError, "folds"),
    Case(BT + "backtest", "range", lambda: backtest(NaiveForecaster, S, FOLDS, target="y"),
         ValueError, "target"),
    Case(BT + "backtest", "type", lambda: backtest(lambda: _LastX("y"), S, FOLDS), TypeError,
         "DataFrame"),
    Case(BT + "expanding_folds", "nan", lambda: expanding_folds(FRAME.where(FRAME > 0), 2, 4),
         ValueError, "series"),
    Case(NW + "build_network", "range", lambda: build_network("gru", 4, features=0), ValueError,
         "features"),
    Case(NW + "build_network", "range", lambda: build_network("gru", 4, dropout=-0.1), ValueError,
         "dropout"),
    Case(NW + "build_network", "choice",
         lambda: build_network("conv1d", 4, architecture="stacked"), ValueError, "conv1d"),
    Case(NW + "build_network", "type", lambda: build_network("conv1d", None), TypeError, "window"),
    Case(TR + "train_network", "shape",
         lambda: train_network({**CONFIG, "features": 2}, X, Y, X, Y, seed=0), ValueError,
         "feature"),
    Case(TR + "predict_network", "shape",
         lambda: predict_network({**CONFIG, "features": 2}, initial_weights(
             {**CONFIG, "features": 2}, 0), X), ValueError, r"\bX\b"),
    # the live training display
    Case(TP, "range", lambda: TrainingProgress(0), ValueError, "epochs"),
    Case(TP, "type", lambda: TrainingProgress(3, label=None), TypeError, "label"),
    Case(TP, "type", lambda: TrainingProgress(3, show="yes"), TypeError, "show"),
    Case(TP, "type", lambda: TrainingProgress(3, sink="print"), TypeError, "sink"),
    Case(TP + ".on_epoch_end", "range", lambda: TrainingProgress(3, sink=print).on_epoch_end(-1),
         ValueError, "epoch"),
    Case(TP + ".on_epoch_end", "type",
         lambda: TrainingProgress(3, sink=print).on_epoch_end(0, [0.1]), TypeError, "logs"),
]

#: Public names with no argument a learner could get wrong, and why.
NO_BAD_INPUT: dict[str, str] = {
    "utils.forecasting.interface.Forecaster": "a Protocol, used with isinstance; never called",
    "utils.forecasting.interface.Forecaster.fit": "a Protocol's signature, with no body",
    "utils.forecasting.interface.Forecaster.predict_one_step": "a Protocol's signature, no body",
    "utils.forecasting.interface.Forecaster.forecast": "a Protocol's signature, with no body",
    "utils.forecasting.interface.BaseForecaster": "takes no arguments; its methods have cases",
    "utils.forecasting.backtest.Fold": "the NamedTuple that expanding_folds returns; backtest "
                                       "checks the folds it is given",
    "utils.forecasting.backtest.Backtest": "the NamedTuple that backtest and compare return",
    "utils.forecasting.training.CompiledNetworks": "takes no arguments",
    "utils.forecasting.training.CompiledNetworks.clear": "takes no arguments",
    "utils.forecasting.training.CompiledNetwork.reset": "an internal step of train_network, "
                                                       "which checks the config the weights "
                                                       "come from",
    "utils.training_progress.TrainingProgress.on_train_begin": "Keras calls it; its only "
                                                               "argument, logs, is unused",
    "utils.training_progress.TrainingProgress.on_train_end": "Keras calls it; its only argument, "
                                                             "logs, is unused",
}
