"""Tests for utils.timeseries.scaling: known values, round trips, fit-once, train-only, properties
(finite accepted, NaN and inf refused, inputs never changed) and every documented error."""

import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from utils.timeseries.scaling import MinMaxScaler, StandardScaler
from utils.timeseries.splits import chronological_split

SCALERS = pytest.mark.parametrize("make", [StandardScaler, lambda: MinMaxScaler((-1, 1))])


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
@SCALERS
def test_inverse_transform_undoes_transform_and_changes_no_input(make, train, other):
    assume(np.ptp(train) > 1e-3)  # constant training data is a documented error
    kept = train.copy(), other.copy()
    scaler = make().fit(train)
    np.testing.assert_allclose(scaler.inverse_transform(scaler.transform(other)), other, atol=1e-6)
    np.testing.assert_array_equal(train, kept[0])
    np.testing.assert_array_equal(other, kept[1])


@settings(deadline=None)
@given(arrays(float, st.integers(2, 30), elements=finite), st.data())
@SCALERS
def test_nan_or_inf_is_refused_at_fit_and_transform(make, values, data):
    position = data.draw(st.integers(0, len(values) - 1))
    bad = values.copy()
    bad[position] = data.draw(st.sampled_from([np.nan, np.inf, -np.inf]))
    with pytest.raises(ValueError, match=rf"train must hold finite numbers .* at position {position}"):
        make().fit(bad)
    with pytest.raises(ValueError, match=rf"data must hold finite numbers .* at position {position}"):
        make().fit(np.array([0.0, 1.0])).transform(bad)


def test_series_keeps_index_name_and_tag(quarterly):
    split = chronological_split(quarterly(np.arange(10.0)).rename("g"), test=0.3)
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


def test_univariate_scaler_scales_windows_of_any_width():
    scaler = StandardScaler().fit(np.array([1.0, 3.0]))
    np.testing.assert_allclose(scaler.transform(np.array([[1.0, 3.0, 5.0]])), [[-1.0, 1.0, 3.0]])


def test_refuses_validation_or_test_part(quarterly):
    split = chronological_split(quarterly(np.arange(20.0)), validation=0.2, test=0.2)
    for part in (split.validation, split.test):
        with pytest.raises(ValueError, match="StandardScaler must be fitted on the training part"):
            StandardScaler().fit(part)


def test_refuses_second_fit():
    scaler = StandardScaler().fit(np.array([1.0, 2.0]))
    with pytest.raises(ValueError, match="already fitted; create a new one"):
        scaler.fit(np.array([1.0, 2.0]))


@pytest.mark.parametrize("method", ["transform", "inverse_transform"])
def test_refuses_use_before_fit(method):
    with pytest.raises(ValueError, match="not fitted yet"):
        getattr(MinMaxScaler(), method)(np.array([1.0]))


def test_refuses_constant_train():
    with pytest.raises(ValueError, match="train is constant"):
        StandardScaler().fit(np.array([3.0, 3.0, 3.0]))


def test_refuses_too_short_train():
    with pytest.raises(ValueError, match="train must have at least 2 rows, got 1"):
        StandardScaler().fit(np.array([3.0]))


def test_refuses_non_numeric_and_complex():
    with pytest.raises(TypeError, match="train must hold numbers"):
        StandardScaler().fit(np.array(["a", "b"]))
    with pytest.raises(TypeError, match="data must hold numbers"):
        StandardScaler().fit(np.array([1.0, 2.0])).transform(np.array(["a"]))
    with pytest.raises(TypeError, match="train must hold real numbers, got complex"):
        StandardScaler().fit(np.array([1.0, 2j]))


@pytest.mark.parametrize("shape", [(), (3, 2, 2)])
def test_refuses_scalars_and_three_axes(shape):
    with pytest.raises(ValueError, match=re.escape(f"train must have 1 or 2 axes, got shape {shape}")):
        StandardScaler().fit(np.ones(shape))
    with pytest.raises(ValueError, match=re.escape(f"data must have 1 or 2 axes, got shape {shape}")):
        StandardScaler().fit(np.array([1.0, 2.0])).transform(np.ones(shape))


def test_refuses_the_wrong_number_of_columns():
    scaler = StandardScaler().fit(np.array([[1.0, 5.0], [2.0, 7.0]]))
    with pytest.raises(ValueError, match=r"data must have shape \(T, 2\) like the training data, "
                                         r"got \(3, 3\)"):
        scaler.transform(np.ones((3, 3)))
    with pytest.raises(ValueError, match=r"data must have shape \(T, 2\)"):
        scaler.inverse_transform(np.ones(3))


@pytest.mark.parametrize(("feature_range", "error", "match"), [
    ((1, 0), ValueError, r"feature_range must be \(low, high\) with low < high"),
    (None, TypeError, r"feature_range must be a pair \(low, high\)"),
    ((0, 1, 2), TypeError, r"feature_range must be a pair"),
    ((0, np.inf), ValueError, r"feature_range\[1\] must be a finite number"),
    (("0", 1), TypeError, r"feature_range\[0\] must be a real number"),
])
def test_bad_feature_range(feature_range, error, match):
    with pytest.raises(error, match=match):
        MinMaxScaler(feature_range=feature_range)


@pytest.mark.parametrize(("column", "columns", "error", "match"), [
    (0, 1, ValueError, r"column must be None for a scaler fitted on one series"),
    (2, 2, ValueError, r"column must be None or in \[0, 2\)"),
    (1.5, 2, TypeError, "column must be a non-negative int"),
    ("a", 2, TypeError, "column must be a non-negative int"),
    (True, 2, TypeError, "column must be a non-negative int"),
])
def test_bad_column(column, columns, error, match):
    train = np.array([1.0, 2.0]) if columns == 1 else np.array([[1.0, 5.0], [2.0, 7.0]])
    with pytest.raises(error, match=match):
        StandardScaler().fit(train).transform(np.array([1.0]), column=column)
