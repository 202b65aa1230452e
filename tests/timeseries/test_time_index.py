"""Tests for utils.timeseries.time_index: the labels after a history, which targets it serves, and
every documented error (a target is reported where it really falls)."""

import numpy as np
import pandas as pd
import pytest

from utils.timeseries.time_index import future_index, infer_freq, target_index


def test_future_index_continues_dates_and_integers(quarterly):
    index = quarterly(np.arange(4)).index
    assert list(future_index(index, 2)) == list(pd.to_datetime(["2001-01-01", "2001-04-01"]))
    assert list(future_index(pd.RangeIndex(5), 3)) == [5, 6, 7]
    no_freq = pd.DatetimeIndex(["2000-01-01", "2000-02-01", "2000-03-01"])  # inferred: MS
    assert future_index(no_freq, 1)[0] == pd.Timestamp("2000-04-01")


def test_future_index_errors():
    with pytest.raises(ValueError, match="regular DatetimeIndex"):
        future_index(pd.DatetimeIndex(["2000-01-01", "2000-01-05", "2000-03-01"]), 1)
    with pytest.raises(TypeError, match=r"index \(of history\) must be a DatetimeIndex or integers"):
        future_index(pd.Index(["a", "b"]), 1)
    with pytest.raises(ValueError, match=r"horizon must be a positive int \(>= 1\), got 0"):
        future_index(pd.RangeIndex(3), 0)
    with pytest.raises(TypeError, match="index must be a pandas Index"):
        future_index([1, 2, 3], 1)
    with pytest.raises(ValueError, match="index must hold at least one label"):
        future_index(pd.RangeIndex(0), 1)


def test_targets_are_dates_of_history_or_the_step_after(quarterly):
    known = quarterly(np.arange(8)).index
    assert target_index(known, known[3:]).equals(known[3:])
    with_next = known[6:].append(future_index(known, 1))
    assert target_index(known, with_next).equals(with_next)


def test_single_dates_and_strings_are_read_as_dates(quarterly):
    known = quarterly(np.arange(8)).index
    for one in (known[2], "2000-07-01", np.datetime64("2000-07-01"), ["2000-07-01"]):
        assert list(target_index(known, one)) == [known[2]]
    assert list(target_index(pd.RangeIndex(5), 3)) == [3]


@pytest.mark.parametrize(("target", "where"), [
    ("2000-02-01", r"which is not one of its dates \(it falls between 2000-01-01 and 2000-04-01\)"),
    ("1999-10-01", r"before its start \(2000-01-01\)"),
    ("2002-07-01", r"after its end \(2001-10-01\), and 2002-01-01 is the furthest one step"),
])
def test_a_bad_target_is_reported_where_it_falls(quarterly, target, where):
    with pytest.raises(ValueError, match=f"index must hold dates of history .*got {target}, {where}"):
        target_index(quarterly(np.arange(8)).index, target)


def test_target_errors(quarterly):
    known = quarterly(np.arange(8)).index
    with pytest.raises(ValueError, match="index must hold at least one target"):
        target_index(known, [])
    with pytest.raises(ValueError, match="index must have a strictly increasing index"):
        target_index(known, known[[4, 2]])
    with pytest.raises(ValueError, match="index must hold dates like the index of history"):
        target_index(known, ["soon"])
    with pytest.raises(TypeError, match="index must hold dates like the index of history, got "
                                        "dtype int64"):
        target_index(known, [3])


def test_infer_freq_of_regular_dates_quietly(quarterly):
    assert infer_freq(quarterly(np.arange(5)).index) == "QS-JAN"
    assert infer_freq(pd.DatetimeIndex(["2000-01-01", "2000-01-05", "2000-03-01"])) is None
    assert infer_freq(pd.DatetimeIndex(["2000-01-01", "2000-02-01"])) is None  # too few to tell
    with pytest.raises(TypeError, match="dates must be a pandas DatetimeIndex, got list"):
        infer_freq(["2000-01-01", "2000-02-01", "2000-03-01"])
