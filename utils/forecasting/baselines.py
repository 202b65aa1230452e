"""Baseline forecasters every model in the course must beat, all with the interface of
:mod:`utils.forecasting.interface` (``fit``, ``predict_one_step``, ``forecast``).

=====================  ====================================================================
naive                  y_hat(t) = y(t-1)                          (last value)
seasonal naive         y_hat(t) = y(t-m)                          (same season, one period ago)
drift                  y_hat(t) = y(t-1) + (y_T - y_1) / (T - 1)  (slope of the training part)
mean                   y_hat(t) = mean of the training part
AR(p)                  y_hat(t) = c + phi_1 y(t-1) + ... + phi_p y(t-p)   (least squares)
ARIMA(p, d, q)         statsmodels' state-space ARIMA, parameters estimated on the training part
=====================  ====================================================================

    >>> model = ARForecaster(p=4).fit(split.train)
    >>> one_step = model.predict_one_step(series, split.test.index)   # true lags fed in
    >>> recursive = model.forecast(split.train, horizon=len(split.test))  # own predictions fed back

Introduced in notebook 07.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from numpy.lib.stride_tricks import sliding_window_view

from utils.forecasting.interface import BaseForecaster, future_index, series_values


class NaiveForecaster(BaseForecaster):
    """Tomorrow looks like today: y_hat(t) = y(t-1)."""

    name = "naive"

    def _fit(self, values):
        pass

    def _next(self, past):
        return past[-1]


class SeasonalNaiveForecaster(BaseForecaster):
    """Same season last period: y_hat(t) = y(t-m), with ``season`` = m (12 for monthly data)."""

    def __init__(self, season: int) -> None:
        self.min_history = _positive_int(season, "season")
        self.season = self.min_history
        self.name = f"seasonal naive (m={season})"

    def _fit(self, values):
        pass

    def _next(self, past):
        return past[-self.season]


class DriftForecaster(BaseForecaster):
    """Last value plus the average step of the training part: y_hat(t) = y(t-1) + slope."""

    name = "drift"

    def _fit(self, values):
        self.slope_ = (values[-1] - values[0]) / (len(values) - 1)

    def _next(self, past):
        return past[-1] + self.slope_


class MeanForecaster(BaseForecaster):
    """Always the mean of the training part."""

    name = "mean"

    def _fit(self, values):
        self.mean_ = float(values.mean())

    def _next(self, past):
        return self.mean_


class ARForecaster(BaseForecaster):
    """Linear autoregression AR(p), y_hat(t) = c + sum_i phi_i y(t-i), fitted by least squares.

    After ``fit``: ``intercept_`` is c, ``coef_`` (p,) holds phi_1 ... phi_p (lag 1 first).
    """

    def __init__(self, p: int) -> None:
        self.p = self.min_history = _positive_int(p, "p")
        self.name = f"AR({p})"

    def _fit(self, values):
        if len(values) < 2 * self.p + 1:
            raise ValueError(
                f"train must have at least {2 * self.p + 1} values for AR({self.p}), got {len(values)}"
            )
        lags = sliding_window_view(values[:-1], self.p)[:, ::-1]  # (T-p, p), lag 1 first
        design = np.column_stack([np.ones(len(lags)), lags])  # (T-p, p+1)
        beta, *_ = np.linalg.lstsq(design, values[self.p :], rcond=None)
        self.intercept_, self.coef_ = float(beta[0]), beta[1:]

    def _next(self, past):
        return self.intercept_ + self.coef_ @ past[-1 : -self.p - 1 : -1]


class ARIMAForecaster(BaseForecaster):
    """ARIMA(p, d, q) from statsmodels, parameters estimated once on the training part.

    Both kinds of forecast keep those parameters: one-step-ahead runs the Kalman filter over the
    true history (``results.apply``), the recursive forecast continues from the end of ``history``.
    The model sees plain arrays; this class keeps the dates, so statsmodels never has to guess a
    frequency.
    """

    def __init__(self, order: tuple[int, int, int] = (1, 0, 0), trend: str | None = None) -> None:
        if len(order) != 3 or not all(isinstance(k, int) and k >= 0 for k in order):
            raise ValueError(f"order must be three non-negative ints (p, d, q), got {order!r}")
        self.order, self.trend = tuple(order), trend
        self.min_history = max(1, order[0] + order[1])
        self.name = "ARIMA({},{},{})".format(*order)

    def _fit(self, values):
        from statsmodels.tsa.arima.model import ARIMA

        self.results_ = ARIMA(values, order=self.order, trend=self.trend).fit()

    def predict_one_step(self, history: pd.Series, index) -> pd.Series:
        values, positions, index = self._prepare(history, index)
        first, last = int(positions.min()), int(positions.max())
        filtered = self.results_.apply(values[:last])
        preds = np.asarray(filtered.predict(start=first, end=last))  # (last - first + 1,)
        return pd.Series(preds[positions - first], index=index, name=self.name)

    def forecast(self, history: pd.Series, horizon: int) -> pd.Series:
        self._require_fitted()
        if isinstance(horizon, bool) or not isinstance(horizon, int | np.integer) or horizon < 1:
            raise ValueError(f"horizon must be a positive int, got {horizon!r}")
        values = series_values(history, "history")
        preds = np.asarray(self.results_.apply(values).forecast(horizon))
        return pd.Series(preds, index=future_index(history.index, horizon), name=self.name)


def _positive_int(value, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
        raise ValueError(f"{name} must be a positive int, got {value!r}")
    return int(value)
