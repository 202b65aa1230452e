"""Growth rates and levels: turn forecasts of percentage growth back into levels (e.g. GDP in dollars).

The workshop rebuilds GDP levels from predicted growth with a cumulative product. Which product
depends on what the growth forecasts were fed (GDP_t the level, or any other level; g_t the growth
in percent; t0 the last known quarter, k the steps ahead), as notebook 08 writes it::

    one-step-ahead:  GDP_hat_t = GDP_{t-1} (1 + g_hat_t / 100)            from the *true* GDP_{t-1}
    recursive:       GDP_hat_{t0+k} = GDP_{t0} prod_{j=1..k} (1 + g_hat_{t0+j} / 100)
                     each from the last *predicted* level

Introduced in notebook 08.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from utils import checks
from utils.timeseries.time_index import target_index

__all__ = ["levels_from_growth", "one_step_levels"]


def levels_from_growth(growth: pd.Series, last_level: float) -> pd.Series:
    """**Recursive** levels from growth forecasts in percent, from the last known level GDP_{t0}:
    GDP_hat_{t0+k} = GDP_{t0} prod_{j=1..k} (1 + g_hat_{t0+j} / 100).

    Each level compounds the previous *predicted* level, so errors pile up; use with the output of
    ``forecast``.
    """
    values = checks.numeric_series(growth, "growth")
    last_level = checks.finite_number(last_level, "last_level")
    return pd.Series(
        last_level * np.cumprod(1 + values / 100), index=growth.index, name=growth.name
    )


def one_step_levels(growth: pd.Series, levels: pd.Series) -> pd.Series:
    """**One-step-ahead** levels from growth predictions in percent:
    GDP_hat_t = GDP_{t-1} (1 + g_hat_t / 100).

    Each prediction starts from the *true* previous level; use with ``predict_one_step``.
    """
    values = checks.numeric_series(growth, "growth")
    checks.numeric_series(levels, "levels")
    target_index(levels.index, growth.index, name="growth", known_name="levels")
    previous = levels.index.searchsorted(growth.index, side="left") - 1  # (N,)
    if previous.min() < 0:
        raise ValueError("growth must start after the first date of levels (it needs the level "
                         "of the period before)")
    base = levels.to_numpy(dtype=float)[previous]
    return pd.Series(base * (1 + values / 100), index=growth.index, name=growth.name)
