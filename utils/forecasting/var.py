"""The classical model with several inputs: a vector autoregression (VAR), its lag order chosen by
AIC on the training part only.

Every column is regressed on p lags of every column (Sims, 1980; Lütkepohl, *New Introduction to
Multiple Time Series Analysis*, 2005):

    x_t = phi_0 + Phi_1 x_{t-1} + ... + Phi_p x_{t-p} + eps_t,    x_t, phi_0 (D,),  Phi_i (D, D)

with phi_0 the constant, as in an AR, and the matrices Phi_i as Hamilton (*Time Series Analysis*,
1994) writes them (Lütkepohl writes A_i, a letter this course keeps for a layer's activations),
fitted by least squares, equation by equation (statsmodels' ``VAR``). The lag order p is the one
with the lowest Akaike criterion among p = 0 .. ``max_lags``, all compared on the same rows:

    AIC(p) = log det(Sigma_p) + 2 (p D^2 + D) / n       (Sigma_p: the residual covariance)

The one-step prediction of the target is its row of the equation, fed the true rows before t;
the recursive forecast feeds back the predicted rows of *every* column, so a VAR, unlike the
covariate networks, forecasts any horizon. It is the covariate forecaster of
:mod:`utils.forecasting.covariates` that a network with the same inputs has to beat.
Introduced in notebook 13.

    >>> var = VARForecaster(target="GDP growth", max_lags=8).fit(train_frame)
    >>> var.lag_order_, var.aic_              # the choice, and the AIC of every p
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from utils import checks
from utils.forecasting.covariates import CovariateForecaster

__all__ = ["VARForecaster"]


class VARForecaster(CovariateForecaster):
    """VAR(p) of all the columns, p by AIC on the training part; forecasts the ``target``.

    Parameters
    ----------
    target : str
        The column to forecast (the data must hold at least one other column).
    max_lags : int >= 1
        The largest lag order tried.

    After ``fit``: ``lag_order_`` (p), ``aic_`` (a Series: the AIC of every p), ``intercept_``
    (D,) = phi_0, ``coefs_`` (p, D, D) with ``coefs_[i - 1]`` = Phi_i.
    """

    name = "VAR (AIC)"
    max_horizon = None

    def __init__(self, target: str, max_lags: int = 8) -> None:
        super().__init__(target)
        self.max_lags = checks.positive_int(max_lags, "max_lags")

    @property
    def min_train(self) -> int:
        """Rows for the largest order and some: more are needed with more columns (see fit)."""
        return 2 * self.max_lags + 2

    def _fit(self, values):
        from statsmodels.tsa.api import VAR

        n, n_columns = values.shape
        if n_columns < 2:
            raise ValueError(f"train must hold the target and at least one covariate for a "
                             f"VAR, got only {self.columns_}; for the target alone use an AR "
                             f"model (ARForecaster, AutoARIMAForecaster)")
        if n - self.max_lags <= n_columns * self.max_lags + 1:
            raise ValueError(f"train must have more than {(n_columns + 1) * self.max_lags + 1} "
                             f"rows for max_lags={self.max_lags} with {n_columns} columns, got {n}")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model = VAR(values)
            aic = model.select_order(self.max_lags, trend="c").ics["aic"]
            self.aic_ = pd.Series(aic, index=pd.RangeIndex(len(aic), name="p"), name="AIC")
            self.lag_order_ = int(self.aic_.idxmin())
            results = model.fit(self.lag_order_, trend="c")
        self.intercept_, self.coefs_ = np.asarray(results.intercept), np.asarray(results.coefs)
        self.min_history = max(1, self.lag_order_)

    def _rows(self, lags: np.ndarray) -> np.ndarray:
        """x_hat (N, D) = phi_0 + sum_i Phi_i x_{t-i}, from ``lags`` (N, p, D), lag 1 first."""
        return self.intercept_ + np.einsum("ijk,nik->nj", self.coefs_, lags)

    def _next(self, past):
        p = self.lag_order_
        return float(self._rows(past[len(past) - p :][::-1][None])[0, self.target_column_])

    def _one_step(self, values, positions):
        p = self.lag_order_
        rows = positions[:, None] - 1 - np.arange(p)  # (N, p): lag 1 first
        return self._rows(values[rows])[:, self.target_column_]  # values[rows]: (N, p, D)

    def _forecast(self, values, horizon):
        path = list(values)
        for _ in range(horizon):  # every column's prediction is fed back
            past = np.asarray(path)
            path.append(self._rows(past[len(past) - self.lag_order_ :][::-1][None])[0])
        return np.asarray(path[len(values) :])[:, self.target_column_]
