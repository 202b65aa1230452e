"""Tests for utils.timeseries.splits: chronological order, sizes, tags, dates, properties (inputs
never changed) and every documented error."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from utils.timeseries.splits import Split, check_training_part, chronological_split, tag


@settings(deadline=None)  # a busy 2-core machine must not fail a property
@given(st.integers(5, 300), st.floats(0, 0.4), st.floats(0.01, 0.4))
def test_parts_are_consecutive_disjoint_and_cover_the_series(quarterly, n, val, test):
    s = quarterly(np.arange(n))
    kept = s.copy()
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
    pd.testing.assert_series_equal(s, kept)  # the input is not changed, nor tagged
    assert s.attrs == {}


@settings(deadline=None)  # a busy 2-core machine must not fail a property
@given(st.integers(1, 38), st.integers(0, 38))
def test_split_by_dates(quarterly, test_pos, val_len):
    s = quarterly(np.arange(40))
    test_start = 40 - test_pos
    val_start = test_start - val_len
    assume(val_start >= 1)
    val = s.index[val_start] if val_len else 0
    split = chronological_split(s, validation=val, test=s.index[test_start])
    assert split.test.index[0] == s.index[test_start]
    assert len(split.validation) == val_len
    assert len(split.train) == val_start


@settings(deadline=None)
@given(st.sampled_from([np.nan, np.inf, -np.inf, 1.0, -0.5]))
def test_a_fraction_outside_0_1_or_not_finite_is_refused(quarterly, fraction):
    with pytest.raises(ValueError, match="test must be a"):
        chronological_split(quarterly(np.arange(10)), test=fraction)


def test_parts_keep_dates_and_carry_their_tag(quarterly):
    split = chronological_split(quarterly(np.arange(40)), validation=0.2, test=0.2)
    assert isinstance(split, Split)
    for part in ("train", "validation", "test"):
        got = getattr(split, part)
        assert isinstance(got.index, pd.DatetimeIndex)
        assert got.attrs["split_part"] == part
        assert got.diff().attrs["split_part"] == part  # travels with arithmetic
    assert split.test.index[0] == pd.Timestamp("2008-01-01")  # last 8 of 40 quarters


def test_split_by_date_strings(quarterly):
    split = chronological_split(quarterly(np.arange(40)), validation="2005", test="2008")
    assert split.validation.index[0] == pd.Timestamp("2005-01-01")
    assert split.test.index[0] == pd.Timestamp("2008-01-01")


def test_dataframe_can_be_split():
    df = pd.DataFrame({"a": np.arange(10.0)}, index=pd.date_range("2000", periods=10, freq="YS"))
    assert len(chronological_split(df, test=0.3).test) == 3


def test_check_training_part_refuses_validation_and_test(quarterly):
    split = chronological_split(quarterly(np.arange(40)), validation=0.2, test=0.2)
    check_training_part(split.train, "Model")
    check_training_part(quarterly(np.arange(40)), "Model")  # untagged: the caller's choice
    for part in ("validation", "test"):
        with pytest.raises(
            ValueError, match=f"Model must be fitted on the training part only, got the {part}"
        ):
            check_training_part(getattr(split, part), "Model")


def test_tag_refuses_unknown_parts_and_non_pandas(quarterly):
    with pytest.raises(ValueError, match="part must be one of"):
        tag(quarterly(np.arange(4)), "holdout")
    with pytest.raises(TypeError, match="series must be a pandas Series or DataFrame"):
        tag(np.arange(4.0), "train")


def test_series_must_be_pandas():
    with pytest.raises(TypeError, match="series must be a pandas Series or DataFrame, got ndarray"):
        chronological_split(np.arange(10.0))


@pytest.mark.parametrize("order", [slice(None, None, -1), [0, 1, 1, 2, 3]])
def test_unsorted_or_duplicated_index_is_refused(quarterly, order):
    with pytest.raises(ValueError, match="series must have a strictly increasing index"):
        chronological_split(quarterly(np.arange(40)).iloc[order])


@pytest.mark.parametrize("n", [0, 1])
def test_too_short_a_series_is_refused(quarterly, n):
    with pytest.raises(ValueError, match=f"series must hold at least 2 rows .* got {n}"):
        chronological_split(quarterly(np.arange(n)))


@pytest.mark.parametrize("test", [1.0, -0.1, 1.5])
def test_fraction_out_of_range(quarterly, test):
    with pytest.raises(ValueError, match=r"test must be a number in \[0, 1\)"):
        chronological_split(quarterly(np.arange(40)), test=test)


def test_fraction_too_small_for_one_row(quarterly):
    with pytest.raises(ValueError, match="less than one row"):
        chronological_split(quarterly(np.arange(10)), test=0.01)


def test_empty_training_part(quarterly):
    with pytest.raises(ValueError, match="the training part would be empty"):
        chronological_split(quarterly(np.arange(10)), validation=0.5, test=0.5)


@pytest.mark.parametrize("test", ["1990", "2030"])
def test_date_outside_the_series(quarterly, test):
    with pytest.raises(ValueError, match="test start date .* must fall strictly inside"):
        chronological_split(quarterly(np.arange(40)), test=test)


def test_a_string_that_is_no_date_names_the_argument(quarterly):
    with pytest.raises(ValueError, match=r"test must be a fraction in \[0, 1\) or a date, got "
                                         r"'2002-13', which is not a date"):
        chronological_split(quarterly(np.arange(40)), test="2002-13")


def test_date_needs_a_datetime_index():
    with pytest.raises(TypeError, match="may be a date only for a DatetimeIndex"):
        chronological_split(pd.Series(np.arange(10.0)), test="2005")


@pytest.mark.parametrize("test", [True, None, [0.2]])
def test_neither_fraction_nor_date_is_a_type_error(quarterly, test):
    with pytest.raises(TypeError, match="test must be a fraction or a date, got"):
        chronological_split(quarterly(np.arange(40)), test=test)
