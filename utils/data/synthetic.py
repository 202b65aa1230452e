"""Series made by code: the sine wave of the first recurrent-network examples (notebook 08).

.. math:: x_t = A \\sin(2\\pi t / P) + \\varepsilon_t, \\qquad \\varepsilon_t \\sim N(0, \\sigma^2)
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def sine(
    n: int, period: float, noise: float = 0.0, seed: int | None = None, amplitude: float = 1.0
) -> pd.Series:
    """A sampled sine wave, optionally with Gaussian noise.

    Parameters
    ----------
    n : int
        Number of time steps (> 0).
    period : float
        Steps per full cycle (> 0).
    noise : float
        Standard deviation sigma of the added Gaussian noise (>= 0).
    seed : int or None
        Seed of the noise generator (``np.random.default_rng(seed)``); repeatable when given.
    amplitude : float
        A, the peak value without noise.

    Returns
    -------
    pd.Series
        ``n`` values named ``"sine"``, indexed by the integer step ``t`` (0 .. n-1).
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)):
        raise TypeError(f"n must be an int, got {type(n).__name__}")
    if n <= 0:
        raise ValueError(f"n must be > 0, got {n}")
    for arg, value in (("period", period), ("noise", noise), ("amplitude", amplitude)):
        if isinstance(value, bool) or not isinstance(value, (int, float, np.number)):
            raise TypeError(f"{arg} must be a number, got {type(value).__name__}")
        if not np.isfinite(value):
            raise ValueError(f"{arg} must be finite, got {value}")
    if period <= 0:
        raise ValueError(f"period must be > 0, got {period}")
    if noise < 0:
        raise ValueError(f"noise must be >= 0, got {noise}")
    t = np.arange(n)
    values = amplitude * np.sin(2 * np.pi * t / period)
    if noise > 0:
        values = values + np.random.default_rng(seed).normal(0.0, noise, size=n)
    return pd.Series(values, index=pd.RangeIndex(n, name="t"), name="sine")
