"""Series made by code: the sine wave of the first recurrent-network examples (notebook 09).

.. math:: x_t = A \\sin(2\\pi t / P) + \\varepsilon_t, \\qquad \\varepsilon_t \\sim N(0, \\sigma^2)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from utils import checks

__all__ = ["sine"]


def sine(
    n: int, period: float, noise: float = 0.0, seed: int | None = None, amplitude: float = 1.0
) -> pd.Series:
    """A sampled sine wave, optionally with Gaussian noise.

    Parameters
    ----------
    n : int
        Number of time steps (>= 1).
    period : float
        Steps per full cycle (> 0).
    noise : float
        Standard deviation sigma of the added Gaussian noise (>= 0).
    seed : int or None
        Seed of the noise generator (``np.random.default_rng(seed)``), an int >= 0; repeatable
        when given.
    amplitude : float
        A, the peak value without noise.

    Returns
    -------
    pd.Series
        ``n`` values named ``"sine"``, indexed by the integer step ``t`` (0 .. n-1).
    """
    n = checks.positive_int(n, "n")
    period = checks.finite_number(period, "period", low=0.0, low_open=True)
    noise = checks.finite_number(noise, "noise", low=0.0)
    amplitude = checks.finite_number(amplitude, "amplitude")
    seed = None if seed is None else checks.seed(seed)
    t = np.arange(n)
    values = amplitude * np.sin(2 * np.pi * t / period)
    if noise > 0:
        values = values + np.random.default_rng(seed).normal(0.0, noise, size=n)
    return pd.Series(values, index=pd.RangeIndex(n, name="t"), name="sine")
