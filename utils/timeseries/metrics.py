"""Forecast errors, in the series' own units unless said otherwise.

    MAE   = mean |y - y_hat|                                   (units of y)
    RMSE  = sqrt(mean (y - y_hat)^2)                           (units of y)
    MAPE  = 100 * mean |(y - y_hat) / y|                       (percent; refuses y = 0)
    sMAPE = 100 * mean 2 |y - y_hat| / (|y| + |y_hat|)         (percent, 0 to 200)
    MASE  = MAE / mean_t |y_train(t) - y_train(t-m)|           (no units; < 1 beats the
                                                                in-sample (seasonal) naive)
    skill = 1 - error_model / error_reference                  (1 perfect, 0 no better, < 0 worse)

``y_true`` and ``y_pred`` may be arrays or Series of the same shape; two Series must share their
index (no silent alignment). NaN and +-inf are refused, never skipped, and so are complex numbers.
Introduced in notebook 08.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from utils import checks

__all__ = ["evaluate", "mae", "mape", "mase", "rmse", "skill_score", "smape"]


def mae(y_true, y_pred) -> float:
    """Mean absolute error, in the units of ``y_true``."""
    return _mae(*_pair(y_true, y_pred))


def rmse(y_true, y_pred) -> float:
    """Root mean squared error, in the units of ``y_true``."""
    return _rmse(*_pair(y_true, y_pred))


def mape(y_true, y_pred) -> float:
    """Mean absolute percentage error in percent; raises ValueError if any true value is 0."""
    t, p = _pair(y_true, y_pred)
    if np.any(t == 0):
        raise ValueError(
            f"y_true must have no zeros for MAPE (division by zero), got {int(np.sum(t == 0))} "
            "zero(s); use sMAPE, MAE or MASE instead"
        )
    return float(100 * np.mean(np.abs((t - p) / t)))


def smape(y_true, y_pred) -> float:
    """Symmetric MAPE in percent (0 to 200); a pair of zeros counts as a perfect prediction."""
    t, p = _pair(y_true, y_pred)
    denom = np.abs(t) + np.abs(p)
    ratio = np.divide(2 * np.abs(t - p), denom, out=np.zeros_like(denom), where=denom > 0)
    return float(100 * np.mean(ratio))


def mase(y_true, y_pred, y_train, m: int = 1) -> float:
    """MAE scaled by the in-sample MAE of the (seasonal, period ``m``) naive forecast on
    ``y_train``, a series of shape (T,)."""
    t, p = _pair(y_true, y_pred)
    return _mae(t, p) / _naive_scale(y_train, m)


def skill_score(error_model: float, error_reference: float) -> float:
    """1 - error_model / error_reference (e.g. RMSE of a model against that of the naive forecast).

    Both are errors, so finite and >= 0; the reference must be > 0.
    """
    model = checks.finite_number(error_model, "error_model", low=0.0)
    reference = checks.finite_number(error_reference, "error_reference", low=0.0, low_open=True)
    return 1.0 - model / reference


def evaluate(
    y_true: pd.Series,
    forecasts: Mapping[str, pd.Series],
    y_train,
    m: int = 1,
    reference: str = "naive",
) -> pd.DataFrame:
    """One row per forecast: MAE, RMSE (units of y), MASE and RMSE skill against ``reference``.

    ``forecasts`` maps a name to predictions over the index of ``y_true`` (a dict, even for one
    forecast: ``{"AR(1)": pred}``). The skill column is left out when no forecast is called
    ``reference``.
    """
    if not isinstance(forecasts, Mapping):
        raise TypeError(
            f"forecasts must be a dict of named forecasts such as {{'naive': pred}}, got "
            f"{type(forecasts).__name__}; wrap a single forecast in a dict"
        )
    if not forecasts:
        raise ValueError("forecasts must hold at least one named forecast, got none")
    checks.text(reference, "reference")
    scale = _naive_scale(y_train, m)
    rows = {}
    for name, forecast in forecasts.items():
        t, p = _pair(y_true, forecast, f"forecasts[{name!r}]")
        rows[name] = {"MAE": _mae(t, p), "RMSE": _rmse(t, p), "MASE": _mae(t, p) / scale}
    table = pd.DataFrame.from_dict(rows, orient="index")
    if reference in forecasts:
        table["skill"] = [1.0 - r / table.loc[reference, "RMSE"] for r in table["RMSE"]]
    return table


def _mae(t: np.ndarray, p: np.ndarray) -> float:
    return float(np.mean(np.abs(t - p)))


def _rmse(t: np.ndarray, p: np.ndarray) -> float:
    return float(np.sqrt(np.mean((t - p) ** 2)))


def _naive_scale(y_train, m) -> float:
    """mean_t |y_train(t) - y_train(t-m)|, checked: > 0 and from more than m values."""
    train = checks.float_array(y_train, "y_train", ndim=1)  # (T,)
    m = checks.positive_int(m, "m")
    if len(train) <= m:
        raise ValueError(f"y_train must have more than m={m} values, got {len(train)}")
    scale = float(np.mean(np.abs(train[m:] - train[:-m])))
    if scale == 0:
        raise ValueError("y_train is constant at lag m, so the naive scale is 0; MASE is undefined")
    return scale


def _pair(y_true, y_pred, pred_name: str = "y_pred") -> tuple[np.ndarray, np.ndarray]:
    """Both as float arrays of one shape; two Series must share their index."""
    if isinstance(y_true, pd.Series) and isinstance(y_pred, pd.Series):
        if not y_true.index.equals(y_pred.index):
            raise ValueError(
                f"{pred_name} must have the index of y_true (no silent alignment); "
                "select the prediction over y_true.index first"
            )
    t = checks.float_array(y_true, "y_true", dtype=float)
    p = checks.float_array(y_pred, pred_name, dtype=float)
    if t.shape != p.shape:
        raise ValueError(f"{pred_name} must have the shape of y_true {t.shape}, got {p.shape}")
    return t, p
