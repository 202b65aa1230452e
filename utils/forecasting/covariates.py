"""Forecasting one series from its own past *and* the past of other series (covariates).

The forecasting interface of :mod:`utils.forecasting.interface`, for data that is a DataFrame:
one column is the ``target`` (what we forecast, e.g. GDP growth), the others are covariates
(e.g. consumption growth). The value at time t is predicted from the rows strictly before t,

    y_hat(t) = f(x_{t-1}, x_{t-2}, ..., x_{t-T}),     x_t = (y_t, covariate values at t)  (D,)

with T the steps of a window (p for the VAR) and D the columns. So a covariate is used through
its *past* only, exactly like the target's own lags: at the moment of the forecast, no value of
quarter t is known yet, not even the covariates'.

``fit(train)``, ``predict_one_step(history, index)`` and ``forecast(history, horizon)`` take
DataFrames whose columns are those of the training part (same names, same order) and return a
Series of the target's predictions. A backtest runs these forecasters next to the univariate
ones: ``compare(frame, folds, models, target="GDP growth")`` (:mod:`utils.forecasting.backtest`)
gives each univariate forecaster the target column and each covariate forecaster the whole frame.

Subclasses implement ``_fit(values, validation)`` with ``values`` (n, D) (``validation``: (V, D)
or None) and ``_next(past)`` with ``past`` (t, D), like :class:`~utils.forecasting.interface.
BaseForecaster`'s hooks; ``target_column_`` is the target's position among the D columns. Unless
a subclass says otherwise (``max_horizon``), the forecast is one step: a recursive forecast would
need the covariates' future too. The network forecaster lives in
:mod:`utils.forecasting.covariate_networks`, the vector autoregression in
:mod:`utils.forecasting.var`. Introduced in notebook 13.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from utils import checks
from utils.forecasting.interface import BaseForecaster

__all__ = ["CovariateForecaster"]


class CovariateForecaster(BaseForecaster):
    """Checks and bookkeeping of the forecasters of one column of a DataFrame (see above).

    Parameters
    ----------
    target : str
        The column to forecast; the other columns are its covariates.

    After ``fit``: ``columns_`` (the training part's columns) and ``target_column_``.
    """

    max_horizon: int | None = 1
    horizon_limit = "can forecast: a longer forecast needs the covariates' future"
    unit = "row"

    def __init__(self, target: str) -> None:
        self.target = checks.text(target, "target")

    def _forecast(self, values: np.ndarray, horizon: int):
        """Hook: one step after ``values`` (n, D)."""
        return [self._next(values)]

    def _read(self, frame, name: str) -> np.ndarray:
        """``frame``'s values (n, D), checked; the training part's columns are learnt by fit."""
        if name == "train":
            self.columns_ = None  # a new fit learns new columns
        if not isinstance(frame, pd.DataFrame):
            raise TypeError(f"{name} must be a pandas DataFrame holding the target "
                            f"{self.target!r} and its covariates, got {type(frame).__name__}")
        columns = list(frame.columns)
        if self.target not in columns:
            raise ValueError(f"{name} must have the target column {self.target!r}, got the "
                             f"columns {columns}")
        if getattr(self, "columns_", None) is None:
            self.columns_, self.target_column_ = columns, columns.index(self.target)
        elif columns != self.columns_:
            raise ValueError(f"{name} must have the columns of the training part "
                             f"{self.columns_}, in that order, got {columns}")
        checks.time_index(frame.index, name)
        return checks.float_array(frame, name, ndim=2, dtype=float)  # (n, D)
