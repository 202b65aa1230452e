"""Bad-input cases for the course-wide modules: utils.checks, utils.notebook_setup, utils.style,
utils.widgets and utils.exercises (see tests/sweep/__init__.py).

Every message starts with the name of the argument at fault. The exercise checkers take the
learner's answer and *report* a wrong one (a line starting with ✗), so they are listed in
``NO_BAD_INPUT``; their other arguments (``strict``, the gate's name, the results table, the
GDP series) are a mistake in the call and are refused like any other argument.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tests.sweep import Case
from utils import checks, style
from utils.exercises import activations as ex_activations
from utils.exercises import (
    backprop,
    core,
    evaluation,
    gradient_descent,
    keras_basics,
    neurons,
    showdown,
    time_series,
)
from utils.exercises import covariates as ex_covariates
from utils.exercises import gru as ex_gru
from utils.exercises import losses as ex_losses
from utils.exercises import lstm as ex_lstm
from utils.exercises import rnn as ex_rnn
from utils.notebook_setup import setup_notebook
from utils.progress_display import ProgressDisplay
from utils.widgets.boundary import (
    boundary_explorer,
    decision_surface,
    draw_boundary,
    train_classifier,
)
from utils.widgets.covariates import covariate_explorer, covariate_scores, draw_covariate_choice
from utils.widgets.coverage import coverage_explorer, coverage_view, draw_coverage
from utils.widgets.descent import classify_descent, learning_rate_explorer
from utils.widgets.gates import draw_gru_gates, draw_lstm_memory, gru_gates, lstm_memory
from utils.widgets.lags import draw_lag_view, lag_explorer, lag_view
from utils.widgets.losses import loss_comparison
from utils.widgets.neuron import neuron_curve
from utils.widgets.recurrent_scale import (
    draw_gradient_flow,
    recurrent_scale_explorer,
    relative_gradient_by_lag,
)
from utils.widgets.split_date import skill_by_test_start, split_date_explorer, verdict

DATES = pd.date_range("2000-01-01", periods=6, freq="QS-JAN")
SERIES = pd.Series(np.arange(6.0) + 100, index=DATES)


def _check(fn, kind, call, error, names):
    return Case(f"utils.checks.{fn}", kind, call, error, names)


CHECKS_CASES = [
    _check("positive_int", "range", lambda: checks.positive_int(0, "window"), ValueError, "window"),
    _check("positive_int", "type", lambda: checks.positive_int(2.0, "window"), TypeError, "window"),
    _check("positive_int", "type", lambda: checks.positive_int(True, "window"), TypeError,
           "window"),
    _check("non_negative_int", "range", lambda: checks.non_negative_int(-1, "n"), ValueError, "n"),
    _check("non_negative_int", "type", lambda: checks.non_negative_int("1", "n"), TypeError, "n"),
    _check("seed", "range", lambda: checks.seed(-5), ValueError, "seed"),
    _check("seed", "type", lambda: checks.seed(4.2), TypeError, "seed"),
    _check("boolean", "type", lambda: checks.boolean("no", "strict"), TypeError, "strict"),
    _check("function", "type", lambda: checks.function(3, "factory"), TypeError, "factory"),
    _check("generator", "type", lambda: checks.generator(0), TypeError, "rng"),
    _check("finite_number", "nan", lambda: checks.finite_number(np.nan, "lr"), ValueError, "lr"),
    _check("finite_number", "inf", lambda: checks.finite_number(-np.inf, "lr"), ValueError, "lr"),
    _check("finite_number", "complex", lambda: checks.finite_number(1j, "lr"), TypeError, "lr"),
    _check("finite_number", "type", lambda: checks.finite_number("1", "lr"), TypeError, "lr"),
    _check("finite_number", "range", lambda: checks.finite_number(-1, "lr", low=0), ValueError,
           "lr"),
    _check("fraction", "range", lambda: checks.fraction(1.0, "test"), ValueError, "test"),
    _check("fraction", "nan", lambda: checks.fraction(np.nan, "test"), ValueError, "test"),
    _check("one_of", "choice", lambda: checks.one_of("x", "method", ("sgd",)), ValueError,
           "method"),
    _check("float_array", "type", lambda: checks.float_array(["a"], "x"), TypeError, "x"),
    _check("float_array", "complex", lambda: checks.float_array([1j], "x"), TypeError, "x"),
    _check("float_array", "nan", lambda: checks.float_array([np.nan], "x"), ValueError, "x"),
    _check("float_array", "inf", lambda: checks.float_array([np.inf], "x"), ValueError, "x"),
    _check("float_array", "empty", lambda: checks.float_array([], "x"), ValueError, "x"),
    _check("float_array", "shape", lambda: checks.float_array([1.0], "x", shape=(2,)),
           ValueError, "x"),
    _check("float_array", "length1", lambda: checks.float_array([1.0], "x", min_size=2),
           ValueError, "x"),
    _check("time_index", "unsorted", lambda: checks.time_index(DATES[::-1], "series"),
           ValueError, "series"),
    _check("time_index", "duplicated", lambda: checks.time_index(DATES[[0, 0, 1]], "series"),
           ValueError, "series"),
    _check("numeric_series", "type", lambda: checks.numeric_series(SERIES.to_numpy(), "y"),
           TypeError, "y"),
    _check("numeric_series", "nan", lambda: checks.numeric_series(SERIES.where(SERIES > 101), "y"),
           ValueError, "y"),
    _check("numeric_series", "inf", lambda: checks.numeric_series(SERIES.replace(102.0, np.inf),
                                                                  "y"), ValueError, "y"),
    _check("numeric_series", "complex", lambda: checks.numeric_series(SERIES + 1j, "y"),
           TypeError, "y"),
    _check("numeric_series", "unsorted", lambda: checks.numeric_series(SERIES.iloc[::-1], "y"),
           ValueError, "y"),
    _check("numeric_series", "duplicated", lambda: checks.numeric_series(
        SERIES.iloc[[0, 0, 1]], "y"), ValueError, "y"),
    _check("numeric_series", "length1", lambda: checks.numeric_series(SERIES.iloc[:1], "y",
                                                                      min_length=2),
           ValueError, "y"),
    _check("numeric_series", "empty", lambda: checks.numeric_series(SERIES.iloc[:0], "y"),
           ValueError, "y"),
    _check("text", "type", lambda: checks.text(3, "name"), TypeError, "name"),
    _check("text", "empty", lambda: checks.text(" ", "name"), ValueError, "name"),
    _check("path", "type", lambda: checks.path(None, "path"), TypeError, "path"),
    _check("column_names", "type", lambda: checks.column_names(3, "by"), TypeError, "by"),
    _check("column_names", "empty", lambda: checks.column_names([], "by"), ValueError, "by"),
    _check("dataframe_columns", "type", lambda: checks.dataframe_columns(SERIES, "table", ["a"]),
           TypeError, "table"),
    _check("dataframe_columns", "missing", lambda: checks.dataframe_columns(
        SERIES.to_frame("v"), "table", ["MASE"]), ValueError, "table"),
]


def _widget(module, fn, kind, call, error, names):
    return Case(f"utils.widgets.{module}.{fn}", kind, call, error, names)


def _bowl(t):
    return float(t[0] ** 2)


def _naive():
    from utils.forecasting.baselines import NaiveForecaster

    return NaiveForecaster()


def _bowl_grad(t):
    return 2 * t


_XOR_X = np.array([[1.0, 1.0], [-1.0, 1.0], [1.0, -1.0], [-1.0, -1.0]])
_XOR_Y = np.array([[1.0], [0.0], [0.0], [1.0]])

#: One model's one-step predictions over 2 folds of 3 values (utils.widgets.coverage).
_PREDICTIONS = pd.DataFrame({"fold": [0, 0, 0, 1, 1, 1], "time": DATES,
                             "y_true": np.arange(6.0), "y_pred": np.arange(6.0) + 0.5})

#: A target and two covariates (utils.widgets.covariates, utils.exercises.covariates).
_COVARIATES = pd.DataFrame(np.random.default_rng(0).normal(size=(80, 3)), columns=["y", "a", "b"],
                           index=pd.date_range("1990-01-01", periods=80, freq="QS-JAN"))

WIDGET_CASES = [
    _widget("covariates", "covariate_scores", "type", lambda: covariate_scores(
        _COVARIATES["y"], "y"), TypeError, "data"),
    _widget("covariates", "covariate_scores", "choice", lambda: covariate_scores(
        _COVARIATES, "z"), ValueError, "target"),
    _widget("covariates", "covariate_scores", "choice", lambda: covariate_scores(
        _COVARIATES, "y", ["c"]), ValueError, "covariates"),
    _widget("covariates", "covariate_scores", "duplicated", lambda: covariate_scores(
        _COVARIATES, "y", ["a", "a"]), ValueError, "covariates"),
    _widget("covariates", "covariate_scores", "range", lambda: covariate_scores(
        _COVARIATES, "y", ["a"], max_lags=0), ValueError, "max_lags"),
    _widget("covariates", "covariate_scores", "nan", lambda: covariate_scores(
        _COVARIATES.where(_COVARIATES > -2), "y", ["a"]), ValueError, "series"),
    _widget("covariates", "draw_covariate_choice", "type", lambda: draw_covariate_choice(
        _COVARIATES, "y", 3), TypeError, "covariates"),
    _widget("covariates", "covariate_explorer", "choice", lambda: covariate_explorer(
        _COVARIATES, "y", ["a"], chosen=["b"]), ValueError, "chosen"),
    _widget("covariates", "covariate_explorer", "type", lambda: covariate_explorer(
        _COVARIATES, "y", None), TypeError, "candidates"),
    _widget("boundary", "train_classifier", "shape", lambda: train_classifier(
        _XOR_X[:, :1], _XOR_Y, 2, 1), ValueError, "X"),
    _widget("boundary", "train_classifier", "nan", lambda: train_classifier(
        np.full((4, 2), np.nan), _XOR_Y, 2, 1), ValueError, "X"),
    _widget("boundary", "train_classifier", "shape", lambda: train_classifier(
        _XOR_X, _XOR_Y[:3], 2, 1), ValueError, "y"),
    _widget("boundary", "train_classifier", "range", lambda: train_classifier(
        _XOR_X, 3 * _XOR_Y, 2, 1), ValueError, "y"),
    _widget("boundary", "train_classifier", "range", lambda: train_classifier(
        _XOR_X, _XOR_Y, 0, 1), ValueError, "units"),
    _widget("boundary", "train_classifier", "type", lambda: train_classifier(
        _XOR_X, _XOR_Y, 2, 1.5), TypeError, "n_steps"),
    _widget("boundary", "train_classifier", "range", lambda: train_classifier(
        _XOR_X, _XOR_Y, 2, 1, lr=-1.0), ValueError, "lr"),
    _widget("boundary", "decision_surface", "missing", lambda: decision_surface(
        {"kernel_1": np.zeros((2, 2))}), ValueError, "params"),
    _widget("boundary", "decision_surface", "range", lambda: decision_surface(
        train_classifier(_XOR_X, _XOR_Y, 2, 0), resolution=1), ValueError, "resolution"),
    _widget("boundary", "decision_surface", "inf", lambda: decision_surface(
        train_classifier(_XOR_X, _XOR_Y, 2, 0), extent=np.inf), ValueError, "extent"),
    _widget("boundary", "draw_boundary", "type", lambda: draw_boundary(
        "axes", train_classifier(_XOR_X, _XOR_Y, 2, 0), _XOR_X, _XOR_Y), TypeError, "ax"),
    _widget("boundary", "draw_boundary", "shape", lambda: draw_boundary(
        _axes(), train_classifier(_XOR_X, _XOR_Y, 2, 0), _XOR_X, _XOR_Y[:2]), ValueError, "y"),
    _widget("boundary", "boundary_explorer", "shape", lambda: boundary_explorer(
        _XOR_X, _XOR_Y, _XOR_X[:, :1], _XOR_Y), ValueError, "X_val"),
    _widget("boundary", "boundary_explorer", "range", lambda: boundary_explorer(
        _XOR_X, _XOR_Y, _XOR_X, 2 * _XOR_Y), ValueError, "y_val"),
    _widget("recurrent_scale", "relative_gradient_by_lag", "shape",
            lambda: relative_gradient_by_lag(np.ones((2, 3)), 1.0), ValueError, "x"),
    _widget("recurrent_scale", "relative_gradient_by_lag", "range",
            lambda: relative_gradient_by_lag(np.ones((2, 3, 1)), 0.0), ValueError, "scale"),
    _widget("recurrent_scale", "draw_gradient_flow", "nan",
            lambda: draw_gradient_flow(np.ones((2, 3, 1)), np.nan), ValueError, "scale"),
    _widget("recurrent_scale", "recurrent_scale_explorer", "type",
            lambda: recurrent_scale_explorer("x"), TypeError, "x"),
    _widget("neuron", "neuron_curve", "nan", lambda: neuron_curve(np.nan, 0.0), ValueError,
            "weight"),
    _widget("neuron", "neuron_curve", "inf", lambda: neuron_curve(1.0, np.inf), ValueError, "bias"),
    _widget("neuron", "neuron_curve", "type", lambda: neuron_curve("1", 0.0), TypeError, "weight"),
    _widget("neuron", "neuron_curve", "complex", lambda: neuron_curve(1j, 0.0), TypeError,
            "weight"),
    _widget("neuron", "neuron_curve", "choice", lambda: neuron_curve(1.0, 0.0, "swish"),
            ValueError, "activation"),
    _widget("neuron", "neuron_curve", "shape", lambda: neuron_curve(1.0, 0.0, x=np.ones((2, 2))),
            ValueError, "x"),
    _widget("neuron", "neuron_curve", "empty", lambda: neuron_curve(1.0, 0.0, x=[]), ValueError,
            "x"),
    _widget("neuron", "neuron_curve", "nan", lambda: neuron_curve(1.0, 0.0, x=[np.nan]),
            ValueError, "x"),
    _widget("losses", "loss_comparison", "range", lambda: loss_comparison(0.0, 2), ValueError, "y"),
    _widget("losses", "loss_comparison", "type", lambda: loss_comparison(0.0, "1"), TypeError, "y"),
    _widget("losses", "loss_comparison", "nan", lambda: loss_comparison([np.nan], 1), ValueError,
            "z"),
    _widget("losses", "loss_comparison", "inf", lambda: loss_comparison([np.inf], 1), ValueError,
            "z"),
    _widget("losses", "loss_comparison", "complex", lambda: loss_comparison([1j], 1), TypeError,
            "z"),
    _widget("losses", "loss_comparison", "empty", lambda: loss_comparison([], 1), ValueError, "z"),
    _widget("descent", "classify_descent", "shape", lambda: classify_descent(
        np.zeros(3), _bowl_grad, _bowl), ValueError, "path"),
    _widget("descent", "classify_descent", "empty", lambda: classify_descent(
        np.zeros((0, 1)), _bowl_grad, _bowl), ValueError, "path"),
    _widget("descent", "classify_descent", "type", lambda: classify_descent(
        np.zeros((3, 1)), "grad", _bowl), TypeError, "grad_fn"),
    _widget("descent", "classify_descent", "range", lambda: classify_descent(
        np.zeros((3, 1)), _bowl_grad, _bowl, tol=-1.0), ValueError, "tol"),
    _widget("descent", "learning_rate_explorer", "shape", lambda: learning_rate_explorer(
        _bowl, _bowl_grad, [1.0, 2.0, 3.0]), ValueError, "start"),
    _widget("descent", "learning_rate_explorer", "nan", lambda: learning_rate_explorer(
        _bowl, _bowl_grad, [np.nan]), ValueError, "start"),
    _widget("descent", "learning_rate_explorer", "range", lambda: learning_rate_explorer(
        _bowl, _bowl_grad, [1.0], n_steps=0), ValueError, "n_steps"),
    _widget("descent", "learning_rate_explorer", "range", lambda: learning_rate_explorer(
        _bowl, _bowl_grad, [1.0], lr_max=1e-4), ValueError, "lr_max"),
    _widget("descent", "learning_rate_explorer", "inf", lambda: learning_rate_explorer(
        _bowl, _bowl_grad, [1.0], lr_max=np.inf), ValueError, "lr_max"),
    _widget("descent", "learning_rate_explorer", "range", lambda: learning_rate_explorer(
        _bowl, _bowl_grad, [1.0], xlim=(3, -3)), ValueError, "xlim"),
    _widget("descent", "learning_rate_explorer", "type", lambda: learning_rate_explorer(
        _bowl, None, [1.0]), TypeError, "grad_fn"),
    _widget("lags", "lag_view", "type", lambda: lag_view(SERIES.to_numpy(), 1), TypeError,
            "series"),
    _widget("lags", "lag_view", "nan", lambda: lag_view(SERIES.where(SERIES > 101), 1),
            ValueError, "series"),
    _widget("lags", "lag_view", "range", lambda: lag_view(SERIES, 0, max_lag=3), ValueError,
            "lag"),
    _widget("lags", "lag_view", "range", lambda: lag_view(SERIES, 1, max_lag=5), ValueError,
            "max_lag"),
    _widget("lags", "draw_lag_view", "empty", lambda: draw_lag_view(SERIES, 1, 2, unit=" "),
            ValueError, "unit"),
    _widget("lags", "draw_lag_view", "type", lambda: draw_lag_view(SERIES, 1.5, 2, unit="u"),
            TypeError, "lag"),
    _widget("lags", "lag_explorer", "type", lambda: lag_explorer(SERIES, unit=None, max_lag=3),
            TypeError, "unit"),
    _widget("lags", "lag_explorer", "range", lambda: lag_explorer(SERIES, unit="u", max_lag=0),
            ValueError, "max_lag"),
    _widget("split_date", "verdict", "type", lambda: verdict(SERIES.to_numpy(), "2001",
            {"naive": _naive}, test_length=2), TypeError, "series"),
    _widget("split_date", "verdict", "choice", lambda: verdict(SERIES, "2001-01-01", {},
            test_length=2), ValueError, "models"),
    _widget("split_date", "verdict", "range", lambda: verdict(SERIES, "2001-01-01",
            {"naive": _naive}, test_length=1), ValueError, "test_length"),
    _widget("split_date", "verdict", "range", lambda: verdict(SERIES, "2001-02-01",
            {"naive": _naive}, test_length=2), ValueError, "test_start"),
    _widget("split_date", "skill_by_test_start", "type", lambda: skill_by_test_start(
        SERIES, "2001-01-01", {"naive": _naive}, test_length=2), TypeError, "starts"),
    _widget("split_date", "split_date_explorer", "range", lambda: split_date_explorer(
        SERIES, {"naive": _naive}, test_length=2, first_year=-1, ylabel="y"), ValueError,
        "first_year"),
    _widget("split_date", "split_date_explorer", "type", lambda: split_date_explorer(
        SERIES, {"naive": _naive}, test_length=2, first_year=2001, ylabel=None), TypeError,
        "ylabel"),
    _widget("gates", "lstm_memory", "nan", lambda: lstm_memory(np.nan), ValueError,
            "forget_bias"),
    _widget("gates", "lstm_memory", "type", lambda: lstm_memory("1"), TypeError, "forget_bias"),
    _widget("gates", "gru_gates", "inf", lambda: gru_gates(np.inf), ValueError, "update_bias"),
    _widget("gates", "gru_gates", "choice", lambda: gru_gates(1.0, "workshop"), ValueError,
            "convention"),
    _widget("gates", "draw_lstm_memory", "type", lambda: draw_lstm_memory(1.0, ax="axes"),
            TypeError, "ax"),
    _widget("gates", "draw_lstm_memory", "complex", lambda: draw_lstm_memory(1j), TypeError,
            "forget_bias"),
    _widget("gates", "draw_gru_gates", "choice", lambda: draw_gru_gates(1.0, "cho"), ValueError,
            "convention"),
    _widget("coverage", "coverage_view", "range", lambda: coverage_view(_PREDICTIONS, 1.0),
            ValueError, "coverage"),
    _widget("coverage", "coverage_view", "nan", lambda: coverage_view(_PREDICTIONS, np.nan),
            ValueError, "coverage"),
    _widget("coverage", "coverage_view", "type", lambda: coverage_view(SERIES, 0.8), TypeError,
            "predictions"),
    _widget("coverage", "coverage_view", "missing", lambda: coverage_view(
        _PREDICTIONS.drop(columns="y_pred"), 0.8), ValueError, "predictions"),
    _widget("coverage", "coverage_view", "choice", lambda: coverage_view(
        _PREDICTIONS.assign(seed=[0, 0, 0, 0, 1, 1]), 0.5), ValueError, "predictions"),
    _widget("coverage", "draw_coverage", "empty", lambda: draw_coverage(
        SERIES, _PREDICTIONS, 0.5, ylabel=""), ValueError, "ylabel"),
    _widget("coverage", "draw_coverage", "range", lambda: draw_coverage(
        SERIES, _PREDICTIONS, 0.5, ylabel="y", start="2030"), ValueError, "start"),
    _widget("coverage", "coverage_explorer", "type", lambda: coverage_explorer(
        SERIES, _PREDICTIONS, ylabel=3), TypeError, "ylabel"),
]

SETUP_CASES = [
    Case("utils.notebook_setup.setup_notebook", "range", lambda: setup_notebook(seed=-1),
         ValueError, "seed"),
    Case("utils.notebook_setup.setup_notebook", "type", lambda: setup_notebook(seed="42"),
         TypeError, "seed"),
    Case("utils.notebook_setup.setup_notebook", "type",
         lambda: setup_notebook(seed=1, tensorflow="no"), TypeError, "tensorflow"),
    Case("utils.notebook_setup.setup_notebook", "type",
         lambda: setup_notebook(seed=1, tensorflow=False, verbose=None), TypeError, "verbose"),
]


def _core(fn, kind, call, error, names):
    return Case(f"utils.exercises.core.{fn}", kind, call, error, names)


CORE_CASES = [
    _core("run_check", "type", lambda: core.run_check("Ex", 3), TypeError, "check"),
    _core("run_check", "type", lambda: core.run_check("Ex", lambda: None, strict="yes"),
          TypeError, "strict"),
    _core("run_check", "type", lambda: core.run_check(None, lambda: None), TypeError, "title"),
    _core("checker", "type", lambda: core.checker(3), TypeError, "title"),
    _core("checker", "choice",
          lambda: core.checker("Ex", table=checks.boolean)(lambda answer: None),
          ValueError, "argument_checks"),
    _core("assert_close", "range", lambda: core.assert_close(1.0, 1.0, atol=-1.0), ValueError,
          "atol"),
    _core("assert_close", "nan", lambda: core.assert_close(1.0, 1.0, rtol=np.nan), ValueError,
          "rtol"),
    _core("assert_close", "type", lambda: core.assert_close(1.0, 1.0, atol="0"), TypeError, "atol"),
    _core("assert_shape", "type", lambda: core.assert_shape(np.zeros(2), 2), TypeError, "expected"),
    _core("call_answer", "type", lambda: core.call_answer(abs, None, 1), TypeError, "name"),
    _core("call_answer", "type", lambda: core.call_answer(abs, "abs", 1, hint=3), TypeError, "hint"),
    _core("reject_typical_mistake", "type",
          lambda: core.reject_typical_mistake(1.0, "wrong", "message"), TypeError, "wrong"),
    _core("reject_typical_mistake", "nan",
          lambda: core.reject_typical_mistake(1.0, np.array([np.nan]), "message"), ValueError,
          "wrong"),
    _core("reject_typical_mistake", "type",
          lambda: core.reject_typical_mistake(1.0, np.zeros(1), None), TypeError, "message"),
    _core("assert_shape", "range", lambda: core.assert_shape(np.zeros(2), (-2,)), ValueError,
          r"expected\[0\]"),
]

#: Every checker with a right answer, so that a case exercises only the argument it names.
CHECKERS = {
    neurons.check_line_neuron: (..., ...), neurons.check_gate: (..., ...),
    neurons.check_xor_network: (...,),
    ex_activations.check_leaky_relu: (..., ...), ex_activations.check_saturation_point: (...,),
    ex_losses.check_bce: (...,), ex_losses.check_softmax_ce_grad: (...,),
    gradient_descent.check_critical_lr_formula: (...,),
    gradient_descent.check_adam_step: (...,), backprop.check_deep_backward: (...,),
    backprop.check_relu_dense_backward: (...,), keras_basics.check_param_count: (...,),
    keras_basics.check_logit_model: (..., ...), time_series.check_yoy_growth: (..., SERIES),
    time_series.check_autocorrelation: (...,), time_series.check_arima_order: (...,),
    evaluation.check_rebuild_levels: (...,), evaluation.check_scaler_leakage: (..., None, None),
    showdown.check_recursive_forecast: (...,), showdown.check_conformal_radius: (...,),
    showdown.check_coverage: (...,),
    ex_covariates.check_scale_columns: (...,), ex_covariates.check_stacked_gru_weights: (...,),
    ex_covariates.check_most_useful: (..., _COVARIATES, "y"),
    **{getattr(m, name): (...,) for m in (ex_rnn, ex_lstm, ex_gru) for name in m.__all__},
}

EXERCISE_CASES = [
    Case("utils.exercises.covariates.check_most_useful", "type",
         lambda: ex_covariates.check_most_useful(..., _COVARIATES.to_numpy(), "y"), TypeError,
         "data"),
    Case("utils.exercises.covariates.check_most_useful", "shape",
         lambda: ex_covariates.check_most_useful(..., _COVARIATES[["y", "a"]], "y"), ValueError,
         "data"),
    Case("utils.exercises.covariates.check_most_useful", "type",
         lambda: ex_covariates.check_most_useful(..., _COVARIATES, 0), TypeError, "target"),
    *(Case(f"{fn.__module__}.{fn.__name__}", "type",
           lambda fn=fn, args=args: fn(*args, strict="yes"), TypeError, "strict")
      for fn, args in CHECKERS.items()),
    Case("utils.exercises.neurons.check_gate", "choice",
         lambda: neurons.check_gate(np.zeros(2), 0.0, gate="NOR"), ValueError, "gate"),
    Case("utils.exercises.time_series.check_yoy_growth", "type",
         lambda: time_series.check_yoy_growth(..., SERIES.to_numpy()), TypeError, "gdp"),
    Case("utils.exercises.time_series.check_yoy_growth", "nan",
         lambda: time_series.check_yoy_growth(..., SERIES.where(SERIES > 101)), ValueError, "gdp"),
    Case("utils.exercises.time_series.check_yoy_growth", "unsorted",
         lambda: time_series.check_yoy_growth(..., SERIES.iloc[::-1]), ValueError, "gdp"),
    Case("utils.exercises.time_series.check_yoy_growth", "length1",
         lambda: time_series.check_yoy_growth(..., SERIES.iloc[:1]), ValueError, "gdp"),
    Case("utils.exercises.evaluation.check_scaler_leakage", "type",
         lambda: evaluation.check_scaler_leakage(..., SERIES.to_numpy(), None), TypeError,
         "growth"),
    Case("utils.exercises.evaluation.check_scaler_leakage", "length1",
         lambda: evaluation.check_scaler_leakage(..., SERIES, None), ValueError, "growth"),
    Case("utils.exercises.evaluation.check_scaler_leakage", "type",
         lambda: evaluation.check_scaler_leakage(..., pd.Series(np.arange(30.0), index=pd.date_range(
             "2000-01-01", periods=30, freq="QS-JAN")), (SERIES, SERIES)), TypeError, "split"),
]

STYLE_CASES = [
    Case("utils.progress_display.ProgressDisplay", "range", lambda: ProgressDisplay(0), ValueError,
         "total"),
    Case("utils.progress_display.ProgressDisplay", "type", lambda: ProgressDisplay(2, show="on"),
         TypeError, "show"),
    Case("utils.progress_display.ProgressDisplay.update", "range",
         lambda: ProgressDisplay(2).update(-1), ValueError, "done"),
    Case("utils.progress_display.ProgressDisplay.update", "type",
         lambda: ProgressDisplay(2).update(1, 5), TypeError, "text"),
    Case("utils.style.legend_outside", "type", lambda: style.legend_outside("axes"), TypeError,
         "ax"),
    Case("utils.style.integer_ticks", "type", lambda: style.integer_ticks(None), TypeError, "ax"),
    Case("utils.style.integer_ticks", "choice", lambda: style.integer_ticks(_axes(), "z"),
         ValueError, "axis"),
]


def _axes():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt.subplots()[1]


CASES: list[Case] = [
    Case(c.target, c.kind, c.call, c.error, c.names if c.names.startswith("^") else "^" + c.names)
    for c in (*CHECKS_CASES, *WIDGET_CASES, *SETUP_CASES, *CORE_CASES, *EXERCISE_CASES,
              *STYLE_CASES)
]

_ANSWER = ("takes the learner's answer: a wrong one is reported in one line (✗ and a hint), "
           "never raised (tests/exercises/ test every hint); its other arguments have cases")

#: Public names with no argument a learner could get wrong, and why.
NO_BAD_INPUT: dict[str, str] = {
    **{f"{fn.__module__}.{fn.__name__}": _ANSWER for fn in CHECKERS},
    "utils.progress_display.ProgressDisplay.open": "its text is checked by update, its state by "
                                                   "the constructor",
    "utils.progress_display.ProgressDisplay.close": "takes no argument",
    "utils.exercises.core.assert_number": "takes the learner's answer: a wrong one is an "
                                          "AssertionError that run_check reports",
    "utils.exercises.core.require_solved": "takes any value: its job is to tell a stub from an "
                                           "answer",
    "utils.exercises.core.require_count": "takes the learner's function: whatever it returns is "
                                          "reported as a hint (tests/exercises test it)",
    "utils.exercises.core.ExerciseNotSolved": "an exception class, raised by the checkers",
    "utils.checks.label": "formats any index label for a message; every value has a label",
    "utils.checks.shape_text": "formats a shape that a check has already read, for a message",
    "utils.notebook_setup.import_tensorflow_quietly": "takes no argument",
    "utils.style.apply_style": "takes no argument",
    "utils.exercises.time_series.mystery_series": "takes no argument (a fixed simulation)",
    "utils.widgets.neuron.neuron_explorer": "takes no argument (its sliders bound every value)",
    "utils.widgets.losses.loss_explorer": "takes no argument (its controls bound every value)",
    "utils.widgets.gates.pulse_input": "takes no argument (the viewers' fixed input)",
    "utils.widgets.gates.lstm_memory_viewer": "takes no argument (its slider bounds every value)",
    "utils.widgets.gates.gru_gate_viewer": "takes no argument (its controls bound every value)",
    "utils.widgets.coverage.CoverageView": "the NamedTuple that coverage_view returns",
}
