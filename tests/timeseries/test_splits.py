"""Tests for utils.timeseries.splits: chronological order, sizes, tags, dates and every documented error."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from utils.timeseries.splits import Split, check_training_part, chronological_split, tag
from utils.timeseries.windowing import make_windows


def quarterly(n=40):
    return pd.Series(
        np.arange(n, dtype=float), index=pd.date_range("2000", periods=n, freq="QS-JAN")
    )


@settings(deadline=None)  # a busy 2-core machine must not fail a property
@given(st.integers(5, 300), st.floats(0, 0.4), st.floats(0.01, 0.4))
def test_parts_are_consecutive_disjoint_and_cover_the_series(n, val, test):
    s = quarterly(n)
    if (
        round(test * n) == 0
        or (val > 0 and round(val * n) == 0)
        or round(test * n) + round(val * n) >= n
    ):
        return  # documented errors, tested below
    split = chronological_split(s, validation=val, test=test)
    pd.testing.assert_series_equal(pd.concat(list(split)), s, check_freq=False)
    assert len(split.test) == round(test * n)
    assert len(split.validation) == round(val * n)
    assert split.train.index[-1] < split.test.index[0]
    if len(split.validation):
        assert split.train.index[-1] < split.validation.index[0] < split.test.index[0]


@settings(deadline=None)  # a busy 2-core machine must not fail a property
@given(st.integers(1, 38), st.integers(0, 38))
def test_split_by_dates(test_pos, val_len):
    s = quarterly(40)
    test_start = 40 - test_pos
    val_start = test_start - val_len
    assume(val_start >= 1)
    val = s.index[val_start] if val_len else 0
    split = chronological_split(s, validation=val, test=s.index[test_start])
    assert split.test.index[0] == s.index[test_start]
    assert len(split.validation) == val_len
    assert len(split.train) == val_start


def test_parts_keep_dates_and_carry_their_tag():
    split = chronological_split(quarterly(), validation=0.2, test=0.2)
    assert isinstance(split, Split)
    for part in ("train", "validation", "test"):
        got = getattr(split, part)
        assert isinstance(got.index, pd.DatetimeIndex)
        assert got.attrs["split_part"] == part
        assert got.diff().attrs["split_part"] == part  # travels with arithmetic
    assert split.test.index[0] == pd.Timestamp("2008-01-01")  # last 8 of 40 quarters


def test_the_input_series_is_not_tagged():
    s = quarterly()
    chronological_split(s, test=0.25)
    assert s.attrs == {}


def test_split_by_date_strings():
    split = chronological_split(quarterly(), validation="2005", test="2008")
    assert split.validation.index[0] == pd.Timestamp("2005-01-01")
    assert split.test.index[0] == pd.Timestamp("2008-01-01")


def test_dataframe_can_be_split():
    df = pd.DataFrame({"a": np.arange(10.0)}, index=pd.date_range("2000", periods=10, freq="YS"))
    assert len(chronological_split(df, test=0.3).test) == 3


def test_with_context_gives_one_window_per_test_target():
    s = quarterly()
    split = chronological_split(s, validation=0.2, test=0.2)
    X, y, times = make_windows(split.with_context("test", window=4), window=4)
    np.testing.assert_array_equal(times[:, 0], split.test.index.to_numpy())
    np.testing.assert_array_equal(X[0, :, 0], s.iloc[28:32].to_numpy())
    assert split.with_context("validation", 3).attrs["split_part"] == "validation"


def test_with_context_errors():
    split = chronological_split(quarterly(10), test=0.3)
    with pytest.raises(ValueError, match="part must be 'validation' or 'test', got 'train'"):
        split.with_context("train", 2)
    with pytest.raises(ValueError, match=r"window must be an int in \[1, 7\]"):
        split.with_context("test", 8)


def test_check_training_part_refuses_validation_and_test():
    split = chronological_split(quarterly(), validation=0.2, test=0.2)
    check_training_part(split.train, "Model")
    check_training_part(quarterly(), "Model")  # an untagged series is the caller's choice
    for part in ("validation", "test"):
        with pytest.raises(
            ValueError, match=f"Model must be fitted on the training part only, got the {part}"
        ):
            check_training_part(getattr(split, part), "Model")


def test_tag_refuses_unknown_parts():
    with pytest.raises(ValueError, match="part must be one of"):
        tag(quarterly(), "holdout")


def test_series_must_be_pandas():
    with pytest.raises(TypeError, match="series must be a pandas Series or DataFrame, got ndarray"):
        chronological_split(np.arange(10.0))


def test_unsorted_index_is_refused():
    with pytest.raises(ValueError, match="strictly increasing index"):
        chronological_split(quarterly().iloc[::-1])


@pytest.mark.parametrize("test", [1.0, -0.1, 1.5])
def test_fraction_out_of_range(test):
    with pytest.raises(ValueError, match=r"test as a fraction must be in \[0, 1\)"):
        chronological_split(quarterly(), test=test)


def test_fraction_too_small_for_one_row():
    with pytest.raises(ValueError, match="less than one row"):
        chronological_split(quarterly(10), test=0.01)


def test_empty_training_part():
    with pytest.raises(ValueError, match="the training part would be empty"):
        chronological_split(quarterly(10), validation=0.5, test=0.5)


@pytest.mark.parametrize("test", ["1990", "2030"])
def test_date_outside_the_series(test):
    with pytest.raises(ValueError, match="test start date .* must fall strictly inside"):
        chronological_split(quarterly(), test=test)


def test_date_needs_a_datetime_index():
    with pytest.raises(TypeError, match="may be a date only for a DatetimeIndex"):
        chronological_split(pd.Series(np.arange(10.0)), test="2005")


def test_bool_is_not_a_fraction():
    with pytest.raises(TypeError, match="test must be a fraction or a date, got True"):
        chronological_split(quarterly(), test=True)
