"""Tests for utils.timeseries.growth: levels rebuilt from growth, both ways, and the errors."""

import numpy as np
import pandas as pd
import pytest

from utils.timeseries.growth import levels_from_growth, one_step_levels
from utils.timeseries.time_index import future_index


def test_levels_from_growth_compounds_predictions(quarterly):
    g = quarterly([10.0, -50.0, 100.0])
    np.testing.assert_allclose(levels_from_growth(g, 100.0), [110.0, 55.0, 110.0])
    assert levels_from_growth(g, 100.0).index.equals(g.index)


def test_one_step_levels_start_from_the_true_previous_level(quarterly):
    levels = quarterly([100.0, 200.0, 300.0, 400.0])
    g = pd.Series([10.0, -10.0], index=levels.index[2:])
    np.testing.assert_allclose(one_step_levels(g, levels), [220.0, 270.0])
    nxt = pd.Series([50.0], index=future_index(levels.index, 1))
    np.testing.assert_allclose(one_step_levels(nxt, levels), [600.0])


def test_level_errors(quarterly):
    levels = quarterly([100.0, 200.0, 300.0])
    with pytest.raises(ValueError, match="growth must hold finite numbers"):
        levels_from_growth(quarterly([1.0, np.nan]), 100.0)
    with pytest.raises(ValueError, match="last_level must be a finite number"):
        levels_from_growth(quarterly([1.0, 2.0]), np.inf)
    with pytest.raises(ValueError, match="growth must start after the first date of levels"):
        one_step_levels(levels.iloc[:1] * 0, levels)
    with pytest.raises(ValueError, match="growth must hold dates of levels"):
        one_step_levels(quarterly([1.0], start="2010"), levels)
