"""Tests for utils.timeseries.scaling: known values, round trips, fit-once, train-only, and every error."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from utils.timeseries.scaling import MinMaxScaler, StandardScaler
from utils.timeseries.splits import chronological_split


def test_standard_scaler_known_values():
    scaler = StandardScaler().fit(pd.Series([1.0, 2.0, 3.0]))
    assert scaler.offset_ == pytest.approx(2.0)
    assert scaler.scale_ == pytest.approx(np.sqrt(2 / 3))
    np.testing.assert_allclose(scaler.transform(np.array([2.0, 2.0 + np.sqrt(2 / 3)])), [0.0, 1.0])


def test_min_max_scaler_known_values():
    scaler = MinMaxScaler().fit(np.array([2.0, 4.0, 6.0]))
    np.testing.assert_allclose(scaler.transform(np.array([2.0, 4.0, 8.0])), [0.0, 0.5, 1.5])
    sym = MinMaxScaler(feature_range=(-1, 1)).fit(np.array([2.0, 6.0]))
    np.testing.assert_allclose(sym.transform(np.array([2.0, 4.0, 6.0])), [-1.0, 0.0, 1.0])


finite = st.floats(-1e6, 1e6, allow_nan=False)


@settings(deadline=None)  # a busy 2-core machine must not fail a property
@given(arrays(float, st.integers(2, 50), elements=finite), arrays(float, 7, elements=finite))
@pytest.mark.parametrize("make", [StandardScaler, lambda: MinMaxScaler((-1, 1))])
def test_inverse_transform_undoes_transform(make, train, other):
    assume(np.ptp(train) > 1e-3)  # constant training data is a documented error
    scaler = make().fit(train)
    np.testing.assert_allclose(scaler.inverse_transform(scaler.transform(other)), other, atol=1e-6)


def test_series_keeps_index_name_and_tag():
    s = pd.Series(np.arange(10.0), index=pd.date_range("2000", periods=10, freq="QS-JAN"), name="g")
    split = chronological_split(s, test=0.3)
    scaler = StandardScaler().fit(split.train)
    z = scaler.transform(split.test)
    assert z.index.equals(split.test.index) and z.name == "g"
    assert z.attrs["split_part"] == "test"
    pd.testing.assert_series_equal(scaler.inverse_transform(z), split.test)


def test_multicolumn_scaler_and_column_inverse():
    df = pd.DataFrame({"a": [0.0, 2.0, 4.0], "b": [10.0, 20.0, 30.0]})
    scaler = MinMaxScaler().fit(df)
    np.testing.assert_allclose(scaler.transform(df).to_numpy(), [[0, 0], [0.5, 0.5], [1, 1]])
    preds = np.array([[0.0, 0.5], [1.0, 1.0]])  # (N, horizon) of column b
    np.testing.assert_allclose(scaler.inverse_transform(preds, column=1), [[10, 20], [30, 30]])


def test_input_is_not_mutated():
    values = np.array([1.0, 2.0, 3.0])
    scaler = StandardScaler().fit(values)
    scaler.transform(values)
    np.testing.assert_array_equal(values, [1.0, 2.0, 3.0])


def test_refuses_validation_or_test_part():
    s = pd.Series(np.arange(20.0), index=pd.date_range("2000", periods=20, freq="MS"))
    split = chronological_split(s, validation=0.2, test=0.2)
    for part in (split.validation, split.test):
        with pytest.raises(ValueError, match="StandardScaler must be fitted on the training part"):
            StandardScaler().fit(part)


def test_refuses_second_fit():
    scaler = StandardScaler().fit(np.array([1.0, 2.0]))
    with pytest.raises(RuntimeError, match="already fitted; create a new one"):
        scaler.fit(np.array([1.0, 2.0]))


@pytest.mark.parametrize("method", ["transform", "inverse_transform"])
def test_refuses_use_before_fit(method):
    with pytest.raises(RuntimeError, match="not fitted yet"):
        getattr(MinMaxScaler(), method)(np.array([1.0]))


def test_refuses_nan_in_train():
    with pytest.raises(ValueError, match="train contains NaN"):
        StandardScaler().fit(np.array([1.0, np.nan, 3.0]))


def test_refuses_constant_train():
    with pytest.raises(ValueError, match="train is constant"):
        StandardScaler().fit(np.array([3.0, 3.0, 3.0]))


def test_refuses_too_short_train():
    with pytest.raises(ValueError, match="train must have at least 2 rows, got 1"):
        StandardScaler().fit(np.array([3.0]))


def test_refuses_non_numeric():
    with pytest.raises(TypeError, match="train must hold numbers"):
        StandardScaler().fit(np.array(["a", "b"]))
    with pytest.raises(TypeError, match="data must hold numbers"):
        StandardScaler().fit(np.array([1.0, 2.0])).transform(np.array(["a"]))


def test_refuses_scalar():
    with pytest.raises(ValueError, match="train must be an array of shape"):
        StandardScaler().fit(np.float64(1.0))


def test_bad_feature_range():
    with pytest.raises(ValueError, match="feature_range must be \\(low, high\\) with low < high"):
        MinMaxScaler(feature_range=(1, 0))


@pytest.mark.parametrize("column", [0, 2])
def test_bad_column(column):
    univariate = StandardScaler().fit(np.array([1.0, 2.0]))
    two = StandardScaler().fit(np.array([[1.0, 5.0], [2.0, 7.0]]))
    with pytest.raises(ValueError, match="column must be None or in"):
        (univariate if column == 0 else two).transform(np.array([1.0]), column=column)
