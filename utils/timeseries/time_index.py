"""Index arithmetic of a time series: the timestamps after its end, and which targets it can serve.

Introduced in notebook 07.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["check_targets", "future_index"]


def future_index(index: pd.Index, horizon: int) -> pd.Index:
    """The ``horizon`` index labels after the end of ``index`` (dates need a known frequency)."""
    if isinstance(index, pd.DatetimeIndex):
        freq = index.freq or (pd.infer_freq(index) if len(index) >= 3 else None)
        if freq is None:
            raise ValueError("history must have a regular DatetimeIndex (a frequency) to forecast")
        return pd.date_range(index[-1], periods=horizon + 1, freq=freq)[1:]
    if pd.api.types.is_integer_dtype(index.dtype):
        return pd.RangeIndex(index[-1] + 1, index[-1] + 1 + horizon)
    raise TypeError(
        f"history index must be a DatetimeIndex or integers, got {type(index).__name__}"
    )


def check_targets(known: pd.Index, index: pd.Index) -> None:
    """Targets must be dates of ``history`` or the one step right after its end."""
    outside = index[~index.isin(known)]
    if len(outside) and not (len(outside) == 1 and outside[0] == future_index(known, 1)[0]):
        raise ValueError(
            "index must hold timestamps of history (or the one step right after its end), "
            f"got {len(outside)} outside it, first {outside[0]}"
        )
