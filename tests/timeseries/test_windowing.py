"""Tests for utils.timeseries.windowing: shapes, alignment with the series, properties (finite
input accepted, NaN and inf inside a window refused, input never changed) and every documented
error."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from utils.timeseries.splits import chronological_split
from utils.timeseries.windowing import make_windows


@st.composite
def series_and_sizes(draw):
    T = draw(st.integers(2, 60))
    window = draw(st.integers(1, T - 1))
    horizon = draw(st.integers(1, T - window))
    stride = draw(st.integers(1, 5))
    return T, window, horizon, stride


@settings(deadline=None)  # a busy 2-core machine must not fail a property
@given(series_and_sizes())
def test_sample_count_and_shapes(sizes):
    T, window, horizon, stride = sizes
    values = np.arange(T, dtype=float)
    X, y, times = make_windows(values, window, horizon, stride)
    n = (T - window - horizon) // stride + 1
    assert X.shape == (n, window, 1)
    assert y.shape == (n, horizon)
    assert times.shape == (n, horizon)
    if stride == 1:
        assert n == T - window - horizon + 1
    np.testing.assert_array_equal(values, np.arange(T))  # the input is not changed


@settings(deadline=None)  # a busy 2-core machine must not fail a property
@given(series_and_sizes())
def test_no_target_in_its_own_inputs_and_targets_follow_inputs(sizes):
    T, window, horizon, stride = sizes
    # Values equal to positions, so every value names its time step.
    X, y, _ = make_windows(np.arange(T, dtype=float), window, horizon, stride)
    for inputs, targets in zip(X[:, :, 0], y, strict=True):
        assert not set(inputs) & set(targets)
        assert inputs.max() < targets.min()
        np.testing.assert_array_equal(np.diff(np.concatenate([inputs, targets])), 1.0)


@settings(deadline=None)  # a busy 2-core machine must not fail a property
@given(series_and_sizes(), st.integers(0, 2**32 - 1))
def test_targets_line_up_with_the_original_series(quarterly, sizes, seed):
    T, window, horizon, stride = sizes
    s = quarterly(np.random.default_rng(seed).normal(size=T))
    X, y, times = make_windows(s, window, horizon, stride)
    np.testing.assert_array_equal(y, s.loc[times.ravel()].to_numpy().reshape(y.shape))
    for i, first in enumerate(times[:, 0]):
        pos = s.index.get_loc(first)
        np.testing.assert_array_equal(X[i, :, 0], s.iloc[pos - window : pos].to_numpy())


@settings(deadline=None)
@given(series_and_sizes(), st.sampled_from([np.nan, np.inf, -np.inf]), st.data())
def test_a_non_finite_value_inside_a_window_is_refused(sizes, bad, data):
    T, window, horizon, _ = sizes
    values = np.arange(T, dtype=float)
    values[data.draw(st.integers(0, T - 1))] = bad  # stride 1: every value is in some window
    with pytest.raises(ValueError, match="series must hold finite numbers inside the windows"):
        make_windows(values, window, horizon)


def test_multivariate_input_gives_all_columns_or_one_target():
    df = pd.DataFrame({"a": np.arange(10.0), "b": np.arange(10.0) * 10})
    X, y, times = make_windows(df, window=3, horizon=2)
    assert X.shape == (6, 3, 2) and y.shape == (6, 2, 2)
    np.testing.assert_array_equal(y[0], [[3, 30], [4, 40]])
    _, y_b, _ = make_windows(df, window=3, horizon=2, target="b")
    np.testing.assert_array_equal(y_b[0], [30, 40])
    _, y_1, _ = make_windows(df.to_numpy(), window=3, horizon=2, target=1)
    np.testing.assert_array_equal(y_1, y_b)
    np.testing.assert_array_equal(times[:, 0], np.arange(3, 9))


def test_known_small_example():
    X, y, times = make_windows([1.0, 2.0, 3.0, 4.0, 5.0], window=2)
    np.testing.assert_array_equal(X[:, :, 0], [[1, 2], [2, 3], [3, 4]])
    np.testing.assert_array_equal(y, [[3], [4], [5]])
    np.testing.assert_array_equal(times, [[2], [3], [4]])


@pytest.mark.parametrize("gap", [np.nan, np.inf])
def test_a_gap_outside_every_window_is_allowed(gap):
    # starts 0 and 2 use positions 0..4; the value at position 5 is never reached
    X, y, _ = make_windows([1.0, 2.0, 3.0, 4.0, 5.0, gap], window=2, stride=2)
    assert X.shape == (2, 2, 1)
    np.testing.assert_array_equal(y, [[3.0], [5.0]])


@pytest.mark.parametrize("name", ["window", "horizon", "stride"])
@pytest.mark.parametrize("value", [0, -3])
def test_sizes_must_be_positive(name, value):
    args = {"window": 2, "horizon": 1, "stride": 1} | {name: value}
    with pytest.raises(ValueError, match=rf"{name} must be a positive int \(>= 1\), got {value}"):
        make_windows(np.arange(10.0), **args)


@pytest.mark.parametrize("window", [2.5, True, "2"])
def test_a_size_that_is_no_int_is_a_type_error(window):
    with pytest.raises(TypeError, match="window must be a positive int"):
        make_windows(np.arange(10.0), window=window)


@pytest.mark.parametrize(("window", "horizon"), [(10, 1), (8, 3), (11, 1)])
def test_window_plus_horizon_longer_than_series(window, horizon):
    with pytest.raises(ValueError, match="window \\+ horizon must be <= the series length 10"):
        make_windows(np.arange(10.0), window=window, horizon=horizon)


def test_an_empty_part_is_refused_with_the_likely_cause(quarterly):
    split = chronological_split(quarterly(np.arange(20)))  # validation=0: an empty part
    with pytest.raises(ValueError, match=r"got an empty series .* empty validation part when "
                                         r"validation=0"):
        make_windows(split.validation, window=2)


def test_a_nan_inside_a_window_names_its_date():
    s = pd.Series([1.0, 2.0, np.nan, 4.0, 5.0], index=pd.date_range("2000", periods=5, freq="YS"))
    with pytest.raises(ValueError, match=r"1 NaN or inf value\(s\) there \(at 2002-01-01\)"):
        make_windows(s, window=2)


@pytest.mark.parametrize(("order", "match"), [
    ([1, 0, 2, 3, 4], "got 2000-01-01 after 2000-04-01"), ([0, 1, 1, 2, 3], "2000-04-01 twice"),
])
def test_unsorted_or_duplicated_dates_are_refused(quarterly, order, match):
    with pytest.raises(ValueError, match=f"series must have a strictly increasing index.*{match}"):
        make_windows(quarterly(np.arange(5)).iloc[order], window=2)


def test_non_numeric_or_complex_input_is_a_type_error():
    with pytest.raises(TypeError, match="series must hold numbers"):
        make_windows(pd.Series(["a", "b", "c", "d"]), window=2)
    with pytest.raises(TypeError, match="series must hold numbers"):
        make_windows(np.array([True, False, True]), window=1)
    with pytest.raises(TypeError, match="series must hold real numbers, got complex"):
        make_windows(np.array([1.0, 2j, 3.0]), window=1)


def test_three_dimensional_input_is_refused():
    with pytest.raises(ValueError, match=r"series must have 1 or 2 axes, got shape \(4, 2, 2\)"):
        make_windows(np.zeros((4, 2, 2)), window=1)


@pytest.mark.parametrize(("target", "error"), [(2, ValueError), ("c", ValueError),
                                               (-1, ValueError), (True, TypeError),
                                               (1.0, TypeError)])
def test_unknown_target_column(target, error):
    with pytest.raises(error, match="target must be a column position"):
        make_windows(pd.DataFrame({"a": [1.0, 2, 3], "b": [4.0, 5, 6]}), window=1, target=target)


def test_the_windows_are_copies():
    values = np.arange(6.0)
    X, _, _ = make_windows(values, window=2)
    X[:] = -1
    np.testing.assert_array_equal(values, np.arange(6.0))
