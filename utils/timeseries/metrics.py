"""Forecast errors, in the series' own units unless said otherwise.

    MAE   = mean |y - y_hat|                                   (units of y)
    RMSE  = sqrt(mean (y - y_hat)^2)                           (units of y)
    MAPE  = 100 * mean |(y - y_hat) / y|                       (percent; refuses y = 0)
    sMAPE = 100 * mean 2 |y - y_hat| / (|y| + |y_hat|)         (percent, 0 to 200)
    MASE  = MAE / mean_t |y_train(t) - y_train(t-m)|           (no units; < 1 beats the
                                                                in-sample (seasonal) naive)
    skill = 1 - error_model / error_reference                  (1 perfect, 0 no better, < 0 worse)

``y_true`` and ``y_pred`` may be arrays or Series of the same shape; two Series must share their
index (no silent alignment), and NaN is refused rather than skipped. Introduced in notebook 07.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd


def mae(y_true, y_pred) -> float:
    """Mean absolute error, in the units of ``y_true``."""
    t, p = _pair(y_true, y_pred)
    return float(np.mean(np.abs(t - p)))


def rmse(y_true, y_pred) -> float:
    """Root mean squared error, in the units of ``y_true``."""
    t, p = _pair(y_true, y_pred)
    return float(np.sqrt(np.mean((t - p) ** 2)))


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
    """MAE scaled by the in-sample MAE of the (seasonal, period ``m``) naive forecast on ``y_train``."""
    train = _array(y_train, "y_train").ravel()
    if isinstance(m, bool) or not isinstance(m, int | np.integer) or m < 1:
        raise ValueError(f"m must be a positive int, got {m!r}")
    if len(train) <= m:
        raise ValueError(f"y_train must have more than m={m} values, got {len(train)}")
    scale = np.mean(np.abs(train[m:] - train[:-m]))
    if scale == 0:
        raise ValueError("y_train is constant at lag m, so the naive scale is 0; MASE is undefined")
    return mae(y_true, y_pred) / float(scale)


def skill_score(error_model: float, error_reference: float) -> float:
    """1 - error_model / error_reference (e.g. RMSE of a model against that of the naive forecast)."""
    if not error_reference > 0:
        raise ValueError(f"error_reference must be > 0, got {error_reference!r}")
    return 1.0 - float(error_model) / float(error_reference)


def evaluate(
    y_true: pd.Series,
    forecasts: Mapping[str, pd.Series],
    y_train,
    m: int = 1,
    reference: str = "naive",
) -> pd.DataFrame:
    """One row per forecast: MAE, RMSE (units of y), MASE and RMSE skill against ``reference``.

    ``forecasts`` maps a name to predictions over the index of ``y_true``. The skill column is
    left out when no forecast is called ``reference``.
    """
    if not forecasts:
        raise ValueError("forecasts must hold at least one named forecast, got none")
    rows = {
        name: {"MAE": mae(y_true, f), "RMSE": rmse(y_true, f), "MASE": mase(y_true, f, y_train, m)}
        for name, f in forecasts.items()
    }
    table = pd.DataFrame.from_dict(rows, orient="index")
    if reference in forecasts:
        table["skill"] = [skill_score(r, table.loc[reference, "RMSE"]) for r in table["RMSE"]]
    return table


def _pair(y_true, y_pred) -> tuple[np.ndarray, np.ndarray]:
    if isinstance(y_true, pd.Series) and isinstance(y_pred, pd.Series):
        if not y_true.index.equals(y_pred.index):
            raise ValueError(
                "y_true and y_pred must have the same index (no silent alignment); "
                "select the prediction over y_true.index first"
            )
    t, p = _array(y_true, "y_true"), _array(y_pred, "y_pred")
    if t.shape != p.shape:
        raise ValueError(f"y_pred must have the shape of y_true {t.shape}, got {p.shape}")
    if t.size == 0:
        raise ValueError("y_true must hold at least one value, got an empty array")
    return t, p


def _array(values, name: str) -> np.ndarray:
    arr = values.to_numpy() if isinstance(values, pd.Series | pd.DataFrame) else np.asarray(values)
    if arr.dtype == bool or not np.issubdtype(arr.dtype, np.number):
        raise TypeError(f"{name} must hold numbers, got dtype {arr.dtype}")
    arr = arr.astype(float)
    if np.isnan(arr).any():
        raise ValueError(
            f"{name} contains NaN; expected no missing values (drop them explicitly first)"
        )
    return arr
