"""Rolling-origin backtests: every model, the same folds, errors in the series' own units.

One train/test split is one draw of luck. A backtest moves the forecast origin through the end of
the series (an *expanding window*): fold k trains on everything before its origin and is tested
on the ``horizon`` values after it.

    fold 0   train ──────────────────┤ test ├
    fold 1   train ────────────────────────┤ test ├
    fold 2   train ──────────────────────────────┤ test ├   (ends with the series)

Every model is rebuilt and re-fitted on each fold's training part (tagged ``"train"``, see
:mod:`utils.timeseries.splits`), so its scaler too is fitted on that part only. ``method="one_step"``
predicts each test value from the true values before it (:meth:`predict_one_step`);
``method="forecast"`` forecasts the whole test part from the origin (:meth:`forecast`), where
``step`` h = 1 .. horizon says how far ahead each prediction is.

    >>> folds = expanding_folds(series, n_folds=3, horizon=12)
    >>> result = compare(series, folds, {"naive": NaiveForecaster,
    ...                                  "GRU": lambda seed: KerasForecaster("gru", seed=seed)},
    ...                  seeds=[0, 1])
    >>> summarise(result.scores)

Per fold: MAE, RMSE (units of the series) and MASE (MAE over the in-sample naive MAE of that
fold's training part, lag ``m``). Introduced in notebook 12.

Several series at once (notebook 13): ``series`` may be a DataFrame whose column ``target`` is
forecast and scored. Folds are cut from the whole frame (``expanding_folds(frame, ...)``: every
column's training part ends at the same origin); a forecaster that reads covariates
(:class:`~utils.forecasting.covariates.CovariateForecaster`) gets the frame, any other forecaster
the target column alone, so the univariate models run exactly as on that column by itself:
``compare(frame, expanding_folds(frame, 3, 16), models, target="GDP growth")``.
"""

from __future__ import annotations

import inspect
import time
from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd

from utils import checks
from utils.forecasting.covariates import CovariateForecaster
from utils.forecasting.interface import Forecaster
from utils.progress_display import ProgressDisplay
from utils.timeseries.metrics import mae, mase, rmse
from utils.timeseries.splits import tag

__all__ = ["Backtest", "Fold", "backtest", "compare", "errors_by_step", "expanding_folds",
           "summarise"]

_METHODS = ("one_step", "forecast")
_METRICS = ("MAE", "RMSE", "MASE")


class Fold(NamedTuple):
    """One fold: the training part before the origin and the test part after it (both tagged;
    two Series, or two DataFrames when the folds were cut from a DataFrame)."""

    train: pd.Series | pd.DataFrame
    test: pd.Series | pd.DataFrame


class Backtest(NamedTuple):
    """Predictions (one row per model, seed, fold and test value) and scores (one per fold)."""

    predictions: pd.DataFrame  #: model, seed, fold, time, step, y_true, y_pred
    scores: pd.DataFrame  #: model, seed, fold, MAE, RMSE, MASE, seconds (to fit and predict)


def expanding_folds(series: pd.Series | pd.DataFrame, n_folds: int, horizon: int,
                    step: int | None = None) -> list[Fold]:
    """``n_folds`` expanding-window folds whose test parts hold ``horizon`` values each.

    The last test part ends with the series; origins are ``step`` values apart (default
    ``horizon``: test parts side by side, never overlapping). Fold k trains on positions
    ``[0, T - horizon - (n_folds - 1 - k) * step)`` and tests on the ``horizon`` after.
    A DataFrame (several series) is cut into folds of DataFrames, all columns at the same rows.
    """
    _check_data(series)
    n_folds = checks.positive_int(n_folds, "n_folds")
    horizon = checks.positive_int(horizon, "horizon")
    step = horizon if step is None else checks.positive_int(step, "step")
    first_origin = len(series) - horizon - (n_folds - 1) * step
    if first_origin < 2:
        raise ValueError(
            f"series of length {len(series)} is too short for n_folds={n_folds}, "
            f"horizon={horizon}, step={step}: the first fold would train on {first_origin} values"
        )
    origins = first_origin + step * np.arange(n_folds)
    return [Fold(tag(series.iloc[:o], "train"), tag(series.iloc[o : o + horizon], "test"))
            for o in origins]


def backtest(make_model: Callable[[], Forecaster], series: pd.Series | pd.DataFrame,
             folds: Sequence[Fold], *, method: str = "one_step", m: int = 1,
             target: str | None = None) -> Backtest:
    """Fit a fresh ``make_model()`` on every fold's training part and score it on its test part.

    ``make_model`` builds a new, unfitted forecaster: a class such as ``NaiveForecaster`` or a
    function such as ``lambda: ARForecaster(4)`` (not a forecaster itself: every fold needs its
    own). ``folds`` come from :func:`expanding_folds` on ``series``; ``method`` is
    ``"one_step"`` or ``"forecast"``; ``m`` is the season of the MASE scale. For a DataFrame
    ``series``, ``target`` names the column forecast and scored (see the module docstring).
    """
    _check_factory(make_model, "make_model")
    _check_run(series, folds, method, m, target)
    return _run(make_model, series, folds, method, m, target)


def compare(series: pd.Series | pd.DataFrame, folds: Sequence[Fold],
            models: Mapping[str, Callable], *, seeds: Sequence[int] = (0,),
            method: str = "one_step", m: int = 1, show_progress: bool | None = None,
            target: str | None = None) -> Backtest:
    """Backtest every model of ``models`` (name -> factory) on the same ``folds``.

    A factory with a ``seed`` parameter (a neural network) is called once per seed in ``seeds``
    (a list of ints >= 0, e.g. ``[0, 1, 2]``); a factory without one (a deterministic baseline)
    is run once and gets seed -1. The result's ``model`` column holds the names given in
    ``models``. ``show_progress`` is the live bar of :mod:`utils.progress_display` (one step
    per model and seed; ``None``: shown in JupyterLab only, never in scripted runs). For a
    DataFrame ``series``, ``target`` names the column forecast and scored (module docstring).
    """
    if not isinstance(models, Mapping):
        raise TypeError(f"models must be a dict mapping names to factories, got "
                        f"{type(models).__name__}")
    if not models:
        raise ValueError("models must map at least one name to a factory, got none")
    for name, factory in models.items():
        _check_factory(factory, f"models[{name!r}]")
    if isinstance(seeds, str) or not isinstance(seeds, Sequence | np.ndarray):
        raise TypeError(f"seeds must be a list of seeds (ints >= 0), got {seeds!r}; "
                        "for a single seed write [0]")
    if len(seeds) == 0:
        raise ValueError("seeds must hold at least one seed, got none")
    seeds = [checks.seed(s, f"seeds[{i}]") for i, s in enumerate(seeds)]
    _check_run(series, folds, method, m, target)
    if show_progress is not None:
        checks.boolean(show_progress, "show_progress")
    runs = [(name, factory, seed) for name, factory in models.items()
            for seed in (seeds if "seed" in inspect.signature(factory).parameters else [-1])]
    parts = []
    label = target if target is not None else series.name or "series"
    with ProgressDisplay(len(runs), f"{label}: backtests",
                         show=show_progress) as progress:
        for k, (name, factory, seed) in enumerate(runs):
            progress.update(k, f"{name}" + (f", seed {seed}" if seed >= 0 else "")
                            + f" ({k + 1} of {len(runs)}, {len(folds)} folds each)")
            make = (lambda f=factory, s=seed: f(seed=s)) if seed >= 0 else factory
            result = _run(make, series, folds, method, m, target)
            parts.append([frame.assign(model=name, seed=seed) for frame in result])
    predictions, scores = (pd.concat(frames, ignore_index=True) for frames in zip(*parts, strict=True))
    return Backtest(predictions, scores)


def summarise(scores: pd.DataFrame, by: str | Sequence[str] = ("model",)) -> pd.DataFrame:
    """Mean over folds of each metric per run, then mean and spread (std) over seeds.

    ``scores`` is the ``scores`` table of :func:`compare` (``result.scores``). ``by`` is one
    column name or several (a single string such as ``"model"`` is one column).

    Returns one row per group of ``by`` with MAE, RMSE, MASE (means), ``MASE_sd`` (population
    std over seeds; 0 for a deterministic model run once), ``runs`` (number of seeds) and, when
    ``scores`` has it, ``seconds`` (mean time of one run: fitting and predicting every fold).
    """
    if isinstance(scores, Backtest):
        raise TypeError("scores must be the scores table of a backtest, got the whole Backtest; "
                        "pass result.scores")
    by = checks.column_names(by, "by")
    checks.dataframe_columns(scores, "scores", [*by, "seed", *_METRICS], made_by="compare")
    checks.float_array(scores[list(_METRICS)], "scores[MAE, RMSE, MASE]")
    runs = scores.groupby([*by, "seed"], sort=False)[list(_METRICS)].mean()
    grouped = runs.groupby(level=by, sort=False)
    table = grouped.mean()
    table["MASE_sd"] = grouped["MASE"].std(ddof=0)
    table["runs"] = grouped.size()
    if "seconds" in scores.columns:
        per_run = scores.groupby([*by, "seed"], sort=False)["seconds"].sum()
        table["seconds"] = per_run.groupby(level=by, sort=False).mean()
    return table


def errors_by_step(predictions: pd.DataFrame) -> pd.DataFrame:
    """Mean absolute error per forecast step (rows, h = 1 .. H) and model (columns).

    ``predictions`` is the ``predictions`` table of :func:`compare` (``result.predictions``).
    """
    if isinstance(predictions, Backtest):
        raise TypeError("predictions must be the predictions table of a backtest, got the whole "
                        "Backtest; pass result.predictions")
    checks.dataframe_columns(predictions, "predictions", ["model", "step", "y_true", "y_pred"],
                             made_by="compare")
    checks.float_array(predictions[["y_true", "y_pred"]], "predictions[y_true, y_pred]")
    errors = predictions.assign(abs_error=(predictions["y_true"] - predictions["y_pred"]).abs())
    return errors.pivot_table(index="step", columns="model", values="abs_error", aggfunc="mean",
                              sort=False)


def _check_factory(factory, name: str) -> None:
    """A class or function that builds a forecaster; a forecaster itself is refused."""
    if not isinstance(factory, type) and isinstance(factory, Forecaster):
        kind = type(factory).__name__
        raise TypeError(f"{name} must build a new forecaster for every fold: pass the class or a "
                        f"function that builds one ({kind}, not {kind}()), got a {kind} instance")
    checks.function(factory, name, signature="NaiveForecaster or lambda: ARForecaster(4)")


def _check_data(series) -> None:
    """A Series, or a DataFrame, of finite real numbers in time order."""
    if isinstance(series, pd.DataFrame):
        checks.time_index(series.index, "series")
        checks.float_array(series, "series", ndim=2)
    else:
        checks.numeric_series(series, "series")


def _check_run(series, folds, method: str, m: int, target) -> None:
    """The arguments shared by :func:`backtest` and :func:`compare`."""
    _check_data(series)
    kind = type(series)
    if kind is pd.DataFrame and target is None:
        raise ValueError(f"target must name the column of series to forecast, one of "
                         f"{list(series.columns)}, got None")
    if kind is pd.DataFrame:
        checks.one_of(target, "target", list(series.columns))
    elif target is not None:
        raise ValueError(f"target must be None for a Series (it is its own target), got "
                         f"{target!r}; pass a DataFrame to forecast one of its columns")
    if isinstance(folds, Fold):
        raise TypeError("folds must be a list of Fold (from expanding_folds), got one Fold; "
                        "for one fold write [fold]")
    if isinstance(folds, str) or not isinstance(folds, Sequence):
        raise TypeError(f"folds must be a list of Fold (from expanding_folds), got "
                        f"{type(folds).__name__}")
    if not folds:
        raise ValueError("folds must hold at least one Fold, got none")
    for k, fold in enumerate(folds):
        if not (isinstance(fold, tuple) and len(fold) == 2
                and all(isinstance(part, kind) for part in fold)):
            raise TypeError(f"folds[{k}] must be a Fold(train, test) of two {kind.__name__}s "
                            f"(from expanding_folds(series, ...)), got {type(fold).__name__}")
        if kind is pd.DataFrame and not all(list(part.columns) == list(series.columns)
                                             for part in fold):
            raise ValueError(f"folds[{k}] must have the columns of series "
                             f"{list(series.columns)} (folds from expanding_folds(series, ...)), "
                             f"got {list(fold[0].columns)}")
        test = fold[1]
        if len(test) == 0 or not test.index.isin(series.index).all():
            raise ValueError(f"folds[{k}] must test on dates of series (folds from "
                             f"expanding_folds(series, ...)), got {len(test)} test value(s) "
                             "not all in series")
    checks.one_of(method, "method", _METHODS)
    checks.positive_int(m, "m")


def _run(make_model, series, folds, method: str, m: int, target=None) -> Backtest:
    """The backtest itself, on checked arguments (one model factory, every fold)."""
    rows, scores = [], []
    for k, fold in enumerate(folds):
        tic = time.perf_counter()
        model = make_model()
        if not isinstance(model, Forecaster):
            raise TypeError(f"make_model must return a forecaster (fit, predict_one_step, "
                            f"forecast, name), got {type(model).__name__}")
        data, fit_on, train, test = _views(model, series, fold, target)
        model.fit(fit_on)
        if method == "one_step":
            pred = model.predict_one_step(data.loc[: test.index[-1]], test.index)
        else:
            pred = model.forecast(fit_on, horizon=len(test))
        seconds = time.perf_counter() - tic
        if not pred.index.equals(test.index):
            raise ValueError(f"{model.name} predicted at other dates than fold {k}'s test part")
        rows.append(pd.DataFrame({
            "model": model.name, "fold": k, "time": test.index, "step": np.arange(1, len(test) + 1),
            "y_true": test.to_numpy(dtype=float), "y_pred": pred.to_numpy(dtype=float)}))
        scores.append({"model": model.name, "fold": k, "MAE": mae(test, pred),
                       "RMSE": rmse(test, pred), "MASE": mase(test, pred, train, m),
                       "seconds": seconds})
    return Backtest(pd.concat(rows, ignore_index=True), pd.DataFrame(scores))


def _views(model, series, fold, target):
    """What ``model`` reads (the data, and the part it is fitted on) and the target's training
    and test parts, which score it."""
    reads_frame = isinstance(model, CovariateForecaster)
    if target is None:
        if reads_frame:
            raise TypeError(f"{model.name} reads several series: backtest it on a DataFrame "
                            f"with target=..., got a Series")
        return series, fold[0], fold[0], fold[1]
    train, test = tag(fold[0][target], "train"), tag(fold[1][target], "test")
    if not reads_frame:
        return series[target], train, train, test
    if model.target != target:
        raise ValueError(f"target must be the column {model.name} forecasts, {model.target!r}, "
                         f"got {target!r}")
    return series, fold[0], train, test
