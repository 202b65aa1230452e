"""Baseline forecasters every model in the course must beat, all with the interface of
:mod:`utils.forecasting.interface` (``fit``, ``predict_one_step``, ``forecast``).

=====================  ====================================================================
naive                  y_hat(t) = y(t-1)                          (last value)
seasonal naive         y_hat(t) = y(t-m)                          (same season, one period ago)
drift                  y_hat(t) = y(t-1) + (y_n - y_1) / (n - 1)  (slope of the n training values)
mean                   y_hat(t) = mean of the training part
AR(p)                  y_hat(t) = phi_0 + phi_1 y(t-1) + ... + phi_p y(t-p)   (least squares)
AR(p) direct           one AR(p) per step ahead k, fitted on the value k steps ahead
ARIMA(p, d, q)         statsmodels' state-space ARIMA, parameters estimated on the training part
=====================  ====================================================================

    >>> model = ARForecaster(p=4).fit(split.train)
    >>> one_step = model.predict_one_step(series, split.test.index)   # true lags fed in
    >>> recursive = model.forecast(split.train, horizon=len(split.test))  # own predictions fed back

Introduced in notebook 08.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from utils import checks
from utils.forecasting.interface import BaseForecaster

__all__ = [
    "ARForecaster", "ARIMAForecaster", "DirectARForecaster", "DriftForecaster", "MeanForecaster",
    "NaiveForecaster", "SeasonalNaiveForecaster",
]


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
        self.season = self.min_history = checks.positive_int(season, "season")
        self.name = f"seasonal naive (m={self.season})"

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
    """Linear autoregression AR(p), y_hat(t) = phi_0 + sum_i phi_i y(t-i), fitted by least squares.

    It needs at least 2p + 1 training values. After ``fit``: ``intercept_`` is phi_0, ``coef_`` (p,)
    holds phi_1 ... phi_p (lag 1 first).
    """

    def __init__(self, p: int) -> None:
        self.p = self.min_history = checks.positive_int(p, "p")
        self.name = f"AR({self.p})"

    @property
    def min_train(self) -> int:
        return 2 * self.p + 1

    def _fit(self, values):
        lags = sliding_window_view(values[:-1], self.p)[:, ::-1]  # (n-p, p), lag 1 first
        design = np.column_stack([np.ones(len(lags)), lags])  # (n-p, p+1)
        beta, *_ = np.linalg.lstsq(design, values[self.p :], rcond=None)
        self.intercept_, self.coef_ = float(beta[0]), beta[1:]

    def _next(self, past):
        return self.intercept_ + self.coef_ @ past[-1 : -self.p - 1 : -1]


class DirectARForecaster(BaseForecaster):
    """The *direct* multi-step strategy with linear models: one AR(p) per step ahead k,

        y_hat(t0+k) = phi_{k,0} + sum_i phi_{k,i} y(t0+1-i),     k = 1 .. ``horizon``,

    from the forecast origin t0 (the last known time), each fitted by least squares on the value
    k steps after its window. Nothing is fed back: ``forecast(history, horizon)`` takes step k
    from the model of step k (so at most ``horizon`` steps); one step ahead it is the AR(p).
    Compare with :class:`ARForecaster`'s recursive forecast, which feeds its own predictions
    back. After ``fit``: ``intercepts_`` (horizon,), ``coefs_`` (horizon, p).
    """

    def __init__(self, p: int, horizon: int) -> None:
        self.p = self.min_history = checks.positive_int(p, "p")
        self.horizon = self.max_horizon = checks.positive_int(horizon, "horizon")
        self.name = f"AR({self.p}) direct"

    @property
    def min_train(self) -> int:
        return 2 * self.p + self.horizon

    def _fit(self, values):
        lags = sliding_window_view(values, self.p)[:, ::-1]  # (n-p+1, p), lag 1 first
        betas = []
        for k in range(1, self.horizon + 1):  # every window whose value k steps ahead is known
            n_rows = len(values) - self.p - k + 1
            design = np.column_stack([np.ones(n_rows), lags[:n_rows]])  # (n_rows, p+1)
            target = values[self.p + k - 1 :]  # (n_rows,)
            betas.append(np.linalg.lstsq(design, target, rcond=None)[0])
        beta = np.array(betas)  # (horizon, p+1)
        self.intercepts_, self.coefs_ = beta[:, 0], beta[:, 1:]

    def _next(self, past):
        return self.intercepts_[0] + self.coefs_[0] @ past[-1 : -self.p - 1 : -1]

    def _forecast(self, values, horizon):
        lags = values[-1 : -self.p - 1 : -1]  # (p,) the last p true values, lag 1 first
        return self.intercepts_[:horizon] + self.coefs_[:horizon] @ lags  # (horizon,)


class ARIMAForecaster(BaseForecaster):
    """ARIMA(p, d, q) from statsmodels, parameters estimated once on the training part.

    Both kinds of forecast keep those parameters: one-step-ahead runs the Kalman filter over the
    true history (``results.apply``), the recursive forecast continues from the end of ``history``.
    The model sees plain arrays; this class keeps the dates, so statsmodels never has to guess a
    frequency. ``trend`` is None (statsmodels' default), "n", "c", "t" or "ct".
    """

    def __init__(self, order: tuple[int, int, int] = (1, 0, 0), trend: str | None = None) -> None:
        if isinstance(order, str) or not isinstance(order, Sequence):
            raise TypeError(f"order must be three non-negative ints (p, d, q), got {order!r}")
        if len(order) != 3:
            raise ValueError(f"order must be three non-negative ints (p, d, q), got {order!r}")
        self.order = tuple(checks.non_negative_int(k, f"order[{i}]") for i, k in enumerate(order))
        self.trend = checks.one_of(trend, "trend", (None, "n", "c", "t", "ct"))
        self.min_history = max(1, self.order[0] + self.order[1])
        self.name = "ARIMA({},{},{})".format(*self.order)

    def _fit(self, values):
        from statsmodels.tsa.arima.model import ARIMA

        # no standard errors of the parameters: a forecast does not use them
        self.results_ = ARIMA(values, order=self.order, trend=self.trend).fit(cov_type="none")

    def _one_step(self, values, positions):
        first, last = int(positions.min()), int(positions.max())
        filtered = self.results_.apply(values[:last])
        preds = np.asarray(filtered.predict(start=first, end=last))  # (last - first + 1,)
        return preds[positions - first]

    def _forecast(self, values, horizon):
        return np.asarray(self.results_.apply(values).forecast(horizon))
