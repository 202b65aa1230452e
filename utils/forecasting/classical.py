"""The strongest classical competitors: models whose structure is chosen on the training part.

A network is only "better" than the strongest classical model, not than a weak one. Two
families, each chosen the way the forecasting literature does it (Hyndman and Athanasopoulos,
*Forecasting: Principles and Practice*, chapters 8 and 9), and only ever from the training part:

=====================  ====================================================================
ARIMA (AICc)           d from a KPSS test (difference once if the level is not stationary),
                       then (p, q) in a small grid by the corrected Akaike criterion AICc;
                       a constant when d = 0, a drift (or none) when d = 1
ETS (AICc)             exponential smoothing with error, trend and season components, each
                       additive or multiplicative (trend also damped or absent), chosen by
                       AICc: the classical model for a seasonal series such as monthly sales
=====================  ====================================================================

    AICc = -2 log(likelihood) + 2k + 2k(k + 1) / (n - k - 1)   (k parameters, n observations)

Lower is better; the correction term keeps small samples from picking too many parameters.
Both forecasters keep the chosen model's parameters for every later prediction: one-step-ahead
predictions filter the true history with them, and the recursive forecast continues from the
end of ``history``. The ARIMA fits skip the standard errors of the parameters
(``cov_type="none"``: a numerical Hessian per candidate that neither AICc nor a forecast uses,
about a quarter of the search's time). statsmodels' convergence warnings during the search are silenced (a
candidate that does not converge simply loses on AICc). Introduced in notebook 12.

    >>> model = AutoARIMAForecaster().fit(split.train)
    >>> model.order_, model.candidates_.head()         # the choice, and every AICc of the grid
"""

from __future__ import annotations

import itertools
import warnings

import numpy as np
import pandas as pd

from utils import checks
from utils.forecasting.baselines import ARIMAForecaster
from utils.forecasting.interface import BaseForecaster

__all__ = ["AutoARIMAForecaster", "ETSForecaster"]


class AutoARIMAForecaster(ARIMAForecaster):
    """ARIMA(p, d, q) with d chosen by a KPSS test and (p, q) by AICc, on the training part only.

    Once the order is chosen it forecasts as :class:`~utils.forecasting.baselines.ARIMAForecaster`
    of that order (whose one-step and recursive forecasts it inherits).

    Parameters
    ----------
    max_p, max_q : int >= 0
        The grid: p = 0 .. max_p and q = 0 .. max_q ((max_p + 1)(max_q + 1) fits, twice that when
        d = 1, for the drift and no-drift versions).
    d : None, 0 or 1
        None: a KPSS test of level stationarity at 5 % decides; 0 or 1 fixes it.

    After ``fit``: ``order_`` (p, d, q), ``trend_``, ``candidates_`` (a DataFrame of every
    candidate with its AICc, best first) and ``results_`` (statsmodels).
    """

    name = "ARIMA (AICc)"

    def __init__(self, max_p: int = 3, max_q: int = 2, d: int | None = None) -> None:
        self.max_p = checks.non_negative_int(max_p, "max_p")
        self.max_q = checks.non_negative_int(max_q, "max_q")
        self.d = None if d is None else checks.one_of(d, "d", (0, 1))

    @property
    def min_train(self) -> int:
        """Enough values for the largest model of the grid and its AICc."""
        return 2 * (self.max_p + self.max_q) + 10

    def _fit(self, values):
        from statsmodels.tsa.arima.model import ARIMA

        d = self.d if self.d is not None else _kpss_differences(values)
        trends = ("c",) if d == 0 else ("n", "t")
        rows = []
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for p, q, trend in itertools.product(range(self.max_p + 1), range(self.max_q + 1),
                                                 trends):
                results = ARIMA(values, order=(p, d, q), trend=trend).fit(cov_type="none")
                rows.append({"order": (p, d, q), "trend": trend, "AICc": results.aicc,
                             "results": results})
        table = pd.DataFrame(rows).sort_values("AICc", kind="stable", ignore_index=True)
        best = table.iloc[0]
        self.order_, self.trend_, self.results_ = best["order"], best["trend"], best["results"]
        self.candidates_ = table.drop(columns="results")
        self.min_history = max(1, self.order_[0] + self.order_[1])


class ETSForecaster(BaseForecaster):
    """Exponential smoothing (ETS) for a seasonal series, components chosen by AICc.

    Parameters
    ----------
    season : int >= 2
        The seasonal period m (12 for monthly data).

    The grid: error additive or multiplicative; trend none, additive or additive damped;
    season additive or multiplicative (multiplicative parts only for a positive series): at most
    12 fits. After ``fit``: ``components_`` (error, trend, season), ``candidates_`` (every
    candidate with its AICc, best first) and ``params_``.
    """

    def __init__(self, season: int) -> None:
        self.season = checks.positive_int(season, "season")
        if self.season < 2:
            raise ValueError(f"season must be a seasonal period >= 2, got {season!r}")
        self.name = f"ETS (AICc, m={self.season})"
        self.min_history = 2 * self.season

    @property
    def min_train(self) -> int:
        """Two full seasons and some: enough to estimate the seasonal states and the AICc."""
        return 2 * self.season + 10

    def _fit(self, values):
        from statsmodels.tsa.exponential_smoothing.ets import ETSModel

        kinds = ("add", "mul") if values.min() > 0 else ("add",)
        rows = []
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for error, (trend, damped), seasonal in itertools.product(
                    kinds, ((None, False), ("add", False), ("add", True)), kinds):
                spec = {"error": error, "trend": trend, "damped_trend": damped,
                        "seasonal": seasonal, "seasonal_periods": self.season}
                results = ETSModel(values, **spec).fit(disp=False)
                if np.isfinite(results.aicc):
                    rows.append({**spec, "AICc": results.aicc, "params": results.params})
        table = pd.DataFrame(rows).sort_values("AICc", kind="stable", ignore_index=True)
        best = table.iloc[0]
        self.spec_ = {k: best[k] for k in ("error", "trend", "damped_trend", "seasonal",
                                            "seasonal_periods")}
        self.spec_["trend"] = None if pd.isna(self.spec_["trend"]) else self.spec_["trend"]
        self.params_ = best["params"]
        self.components_ = (best["error"], _trend_name(self.spec_), best["seasonal"])
        self.candidates_ = table.drop(columns="params")

    def _smooth(self, values):
        """The chosen model with its fitted parameters, run over ``values`` (nothing re-fitted)."""
        from statsmodels.tsa.exponential_smoothing.ets import ETSModel

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ETSModel(values, **self.spec_).smooth(self.params_)

    def _one_step(self, values, positions):
        smoothed = self._smooth(values[: int(positions.max())])
        # fittedvalues[i] predicts values[i] from values[:i]; one more step for the last target
        fitted = np.append(np.asarray(smoothed.fittedvalues), smoothed.forecast(1))
        return fitted[positions]

    def _forecast(self, values, horizon):
        return np.asarray(self._smooth(values).forecast(horizon))


def _kpss_differences(values: np.ndarray) -> int:
    """1 if a KPSS test rejects level stationarity at 5 % (as auto.arima decides d), else 0."""
    from statsmodels.tsa.stattools import kpss

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # p-values outside the table are clipped, with a warning
        p_value = kpss(values, regression="c", nlags="auto")[1]
    return int(p_value < 0.05)


def _trend_name(spec) -> str:
    if spec["trend"] is None:
        return "none"
    return "damped" if spec["damped_trend"] else spec["trend"]
