"""Tests of utils.checks, the one module of argument checks: what each check accepts and returns,
what it refuses (TypeError for a wrong kind of value, ValueError for a wrong value of the right
kind), the message (``<name> must be <expected>, got <received>``), and that nothing is mutated.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from utils import checks

DATES = pd.date_range("2000-01-01", periods=4, freq="QS-JAN")


# ---------------------------------------------------------------- integers, seeds, flags, calls


@pytest.mark.parametrize("value", [1, 7, np.int64(3), np.uint8(2)])
def test_positive_int_accepts_ints_and_returns_a_python_int(value):
    assert checks.positive_int(value, "window") == int(value)
    assert type(checks.positive_int(value, "window")) is int


@pytest.mark.parametrize("value, error", [
    (0, ValueError), (-3, ValueError), (1.0, TypeError), (True, TypeError),
    (np.bool_(True), TypeError),
    ("3", TypeError), (None, TypeError), (np.array(3), TypeError),
])
def test_positive_int_refuses(value, error):
    with pytest.raises(error, match=r"^window must be a positive int \(>= 1\), got "):
        checks.positive_int(value, "window")


@pytest.mark.parametrize("check", [checks.non_negative_int, checks.seed])
def test_non_negative_int_and_seed(check):
    assert check(0, "seed") == 0 and check(np.int32(5), "seed") == 5
    with pytest.raises(ValueError, match=r"^seed must be a non-negative int \(>= 0\), got -1$"):
        check(-1, "seed")
    for bad in (1.5, "42", True, None):
        with pytest.raises(TypeError, match=r"^seed must be a non-negative int \(>= 0\), got "):
            check(bad, "seed")


def test_seed_names_seed_by_default():
    with pytest.raises(ValueError, match="^seed must"):
        checks.seed(-2)


def test_boolean():
    assert checks.boolean(True, "strict") is True and checks.boolean(np.bool_(False), "s") is False
    for bad in (1, 0, "yes", None, np.array([True])):
        with pytest.raises(TypeError, match="^strict must be True or False, got "):
            checks.boolean(bad, "strict")


def test_function():
    assert checks.function(len, "f") is len
    assert checks.function(dict, "factory") is dict  # a class is callable: a factory
    with pytest.raises(TypeError, match=r"^f must be a function such as f\(x\) -> float, got 3.0$"):
        checks.function(3.0, "f", signature="f(x) -> float")
    with pytest.raises(TypeError, match="^grad_fn must be a function, got None$"):
        checks.function(None, "grad_fn")


def test_generator():
    rng = np.random.default_rng(0)
    assert checks.generator(rng) is rng
    for bad in (0, None, np.random.RandomState(0)):
        with pytest.raises(TypeError, match=r"^rng must be a numpy.random.Generator .*got "):
            checks.generator(bad)
    with pytest.raises(TypeError, match="^random must be"):
        checks.generator(42, "random")


# ---------------------------------------------------------------- numbers, fractions, choices


@pytest.mark.parametrize("value", [0, -2.5, 1e300, np.float32(0.5), np.int64(4)])
def test_finite_number_accepts_real_numbers_as_float(value):
    assert checks.finite_number(value, "lr") == float(value)
    assert type(checks.finite_number(value, "lr")) is float


@pytest.mark.parametrize("value, error, message", [
    (np.nan, ValueError, "lr must be a finite number, got nan"),
    (np.inf, ValueError, "lr must be a finite number, got inf"),
    (-np.inf, ValueError, "lr must be a finite number, got -inf"),
    ("0.1", TypeError, "lr must be a real number, got '0.1'"),
    (1 + 2j, TypeError, r"lr must be a real number, got \(1\+2j\)"),
    (True, TypeError, "lr must be a real number, got True"),
    (None, TypeError, "lr must be a real number, got None"),
    (np.array([0.1]), TypeError, "lr must be a real number, got array"),
])
def test_finite_number_refuses(value, error, message):
    with pytest.raises(error, match="^" + message):
        checks.finite_number(value, "lr")


@pytest.mark.parametrize("kwargs, inside, outside, words", [
    ({"low": 0.0, "low_open": True}, [1e-9, 5.0], [0.0, -1.0], "> 0"),
    ({"low": 0.0}, [0.0, 5.0], [-1e-9], ">= 0"),
    ({"high": 5.0, "high_open": True}, [4.9, -3.0], [5.0], "< 5"),
    ({"low": 0.0, "high": 1.0}, [0.0, 1.0], [1.5, -0.1], r"in \[0, 1\]"),
    ({"low": 0.0, "high": 1.0, "high_open": True}, [0.0, 0.99], [1.0], r"in \[0, 1\)"),
])
def test_finite_number_ranges_and_their_wording(kwargs, inside, outside, words):
    for value in inside:
        assert checks.finite_number(value, "x", **kwargs) == value
    for value in outside:
        with pytest.raises(ValueError, match=f"^x must be a number {words}, got "):
            checks.finite_number(value, "x", **kwargs)


def test_fraction():
    assert checks.fraction(0.2, "test") == 0.2
    assert checks.fraction(0.0, "validation", allow_zero=True) == 0.0
    for bad in (0.0, 1.0, 1.5, -0.1):
        with pytest.raises(ValueError, match=r"^test must be a number in \(0, 1\), got "):
            checks.fraction(bad, "test")
    with pytest.raises(ValueError, match=r"in \[0, 1\)"):
        checks.fraction(1.0, "validation", allow_zero=True)
    with pytest.raises(TypeError, match="^test must be a real number"):
        checks.fraction("0.2", "test")


def test_one_of():
    assert checks.one_of("adam", "method", ("sgd", "adam")) == "adam"
    assert checks.one_of(2, "k", {1, 2}) == 2
    with pytest.raises(ValueError,
                       match=r"^method must be one of \['sgd', 'adam'\], got 'rmsprop'$"):
        checks.one_of("rmsprop", "method", ("sgd", "adam"))
    with pytest.raises(ValueError, match=r"^cell must be one of \['GRU', 'LSTM'\], got "):
        checks.one_of(["LSTM"], "cell", {"LSTM": 1, "GRU": 2})  # unhashable: refused, not a crash
    with pytest.raises(ValueError, match="^flag must be one of"):
        checks.one_of(True, "flag", (1, 0))  # True == 1, but a bool is not the int 1
    assert checks.one_of(True, "flag", (True, False)) is True


def test_shape_text_and_label():
    assert checks.shape_text(("N", 3)) == "(N, 3)"
    assert checks.shape_text((5,)) == "(5,)" and checks.shape_text(()) == "()"
    assert checks.label(pd.Timestamp("2001-04-01")) == "2001-04-01"
    assert checks.label(pd.Timestamp("2001-04-01 12:30")) == "2001-04-01 12:30:00"
    assert checks.label(7) == "7"


# ---------------------------------------------------------------- text, paths, column names


def test_text():
    assert checks.text("GDP", "name") == "GDP"
    assert checks.text("", "unit", empty=True) == ""
    with pytest.raises(ValueError, match="^name must be a non-empty str, got '  '$"):
        checks.text("  ", "name")
    with pytest.raises(TypeError, match="^name must be a str, got 3$"):
        checks.text(3, "name")


def test_path(tmp_path):
    assert checks.path("data/gdp.csv", "path") == Path("data/gdp.csv")
    assert checks.path(tmp_path, "path") == tmp_path
    for bad in (None, 3, b"gdp.csv"):
        with pytest.raises(TypeError, match=r"^path must be a path \(a str or a pathlib.Path\)"):
            checks.path(bad, "path")


def test_column_names():
    assert checks.column_names("model", "by") == ["model"]  # one name, not a list of letters
    names = ("series", "model")
    assert checks.column_names(names, "by") == ["series", "model"] and names == ("series", "model")
    with pytest.raises(ValueError, match=r"^by must name at least one column, got \[\]$"):
        checks.column_names([], "by")
    for bad in (None, 3, ["model", 3]):
        with pytest.raises(TypeError, match="^by must be a column name or a list of column names"):
            checks.column_names(bad, "by")


def test_dataframe_columns():
    frame = pd.DataFrame({"MAE": [1.0], "MASE": [0.5]})
    assert checks.dataframe_columns(frame, "table", ["MASE"]) is None
    with pytest.raises(ValueError, match=r"^table must have the columns \['MASE', 'RMSE'\] "
                                         r"\(from summarise\); missing \['RMSE'\]$"):
        checks.dataframe_columns(frame, "table", ["MASE", "RMSE"], made_by="summarise")
    with pytest.raises(TypeError, match="^table must be a pandas DataFrame, got Series$"):
        checks.dataframe_columns(frame["MASE"], "table", ["MASE"])


# ---------------------------------------------------------------- arrays


def test_float_array_converts_ints_keeps_float32_and_reads_pandas():
    assert checks.float_array([1, 2], "x").dtype == np.float64
    assert checks.float_array(np.ones(2, np.float32), "x").dtype == np.float32
    assert checks.float_array(np.ones(2, np.float32), "x", dtype=np.float64).dtype == np.float64
    np.testing.assert_array_equal(checks.float_array(pd.Series([1.0, 2.0]), "x"), [1.0, 2.0])
    assert checks.float_array(3.0, "x").shape == ()


@pytest.mark.parametrize("value, message", [
    ([1 + 2j], "x must hold real numbers, got complex dtype complex128"),
    ([True, False], "x must hold numbers, got dtype bool"),
    (["a"], "x must hold numbers, got dtype <U1"),
    ([[1.0], [1.0, 2.0]], "x must be an array of numbers with a regular shape"),
    ([None, 1.0], "x must hold numbers, got dtype object"),
])
def test_float_array_refuses_what_is_not_real_numbers_with_a_type_error(value, message):
    with pytest.raises(TypeError, match="^" + message.replace("(", r"\(").replace(")", r"\)")):
        checks.float_array(value, "x")


@pytest.mark.parametrize("kwargs, value, message", [
    ({"shape": ("N", 3)}, np.zeros((4, 2)), r"x must have shape \(N, 3\), got \(4, 2\)"),
    ({"shape": (2,)}, np.zeros((2, 1)), r"x must have shape \(2,\), got \(2, 1\)"),
    ({"ndim": 2}, np.zeros(3), r"x must have 2 axes, got shape \(3,\)"),
    ({"ndim": (0, 1)}, np.zeros((1, 1)), r"x must have 0 or 1 axes, got shape \(1, 1\)"),
    ({}, np.zeros((0, 3)), r"x must hold at least 1 value\(s\), got an array of shape \(0, 3\)"),
    ({"min_size": 3}, np.zeros(2), r"x must hold at least 3 value\(s\)"),
    ({}, [1.0, np.nan], r"x must hold finite numbers \(no NaN or inf\), got nan at position 1"),
    ({}, [[1.0, 2.0], [-np.inf, 0.0]], r"x must hold finite .*got -inf at position \(1, 0\)"),
])
def test_float_array_refuses_wrong_values_with_a_value_error(kwargs, value, message):
    with pytest.raises(ValueError, match="^" + message):
        checks.float_array(value, "x", **kwargs)


def test_float_array_optional_checks_can_be_lifted():
    np.testing.assert_array_equal(checks.float_array([np.nan], "z", finite=False), [np.nan])
    assert checks.float_array([], "x", min_size=0).shape == (0,)


finite_floats = st.floats(-1e300, 1e300, allow_nan=False)


@given(arrays(np.float64, st.integers(1, 6), elements=finite_floats))
def test_float_array_accepts_finite_arrays_unchanged(values):
    before = values.copy()
    out = checks.float_array(values, "x")
    np.testing.assert_array_equal(out, before)
    np.testing.assert_array_equal(values, before)  # the input is never modified


@given(arrays(np.float64, st.integers(1, 6), elements=finite_floats), st.data())
def test_float_array_refuses_nan_and_inf_and_names_the_first(values, data):
    position = data.draw(st.integers(0, len(values) - 1))
    bad = data.draw(st.sampled_from([np.nan, np.inf, -np.inf]))
    values[position] = bad
    before = values.copy()
    with pytest.raises(ValueError, match=f"x must hold finite numbers .*at position "
                                         f"{int(np.flatnonzero(~np.isfinite(values))[0])}$"):
        checks.float_array(values, "x")
    np.testing.assert_array_equal(values, before)


# ---------------------------------------------------------------- time order and series


def test_time_index():
    assert checks.time_index(DATES, "series").equals(DATES)
    with pytest.raises(ValueError, match="^series must have a strictly increasing index .*got "
                                         "2000-04-01 after 2000-07-01"):
        checks.time_index(DATES[[0, 2, 1, 3]], "series")
    with pytest.raises(ValueError, match="got 2000-04-01 twice"):
        checks.time_index(DATES[[0, 1, 1, 2]], "series")


def test_numeric_series():
    series = pd.Series([1.0, 2.0, 3.0, 4.0], index=DATES)
    np.testing.assert_array_equal(checks.numeric_series(series, "y"), [1.0, 2.0, 3.0, 4.0])
    with pytest.raises(TypeError, match="^y must be a pandas Series, got ndarray$"):
        checks.numeric_series(series.to_numpy(), "y")
    with pytest.raises(TypeError, match="^y must hold real numbers, got dtype bool$"):
        checks.numeric_series(series > 2, "y")
    with pytest.raises(TypeError, match="^y must hold real numbers, got dtype complex128$"):
        checks.numeric_series(series + 1j, "y")
    with pytest.raises(ValueError, match="^y must hold at least 5 value"):
        checks.numeric_series(series, "y", min_length=5)
    with pytest.raises(ValueError, match="^y must have a strictly increasing index"):
        checks.numeric_series(series.iloc[::-1], "y")
    with pytest.raises(ValueError, match="got nan at 2000-07-01; drop or fill"):
        checks.numeric_series(series.where(series != 3.0), "y")
    assert np.isnan(checks.numeric_series(series.where(series != 3.0), "y", finite=False)[2])


@given(st.lists(finite_floats, min_size=1, max_size=8))
def test_numeric_series_accepts_finite_values_unchanged(values):
    series = pd.Series(values, index=pd.date_range("2000", periods=len(values), freq="D"))
    before = series.copy()
    np.testing.assert_array_equal(checks.numeric_series(series, "y"), values)
    pd.testing.assert_series_equal(series, before)


@given(st.lists(finite_floats, min_size=1, max_size=8), st.data())
def test_numeric_series_refuses_nan_and_inf_naming_the_date(values, data):
    position = data.draw(st.integers(0, len(values) - 1))
    values[position] = data.draw(st.sampled_from([np.nan, np.inf, -np.inf]))
    series = pd.Series(values, index=pd.date_range("2000-01-01", periods=len(values), freq="D"))
    before = series.copy()
    date = series.index[position].date()
    with pytest.raises(ValueError, match=f"y must hold finite numbers .*at {date}"):
        checks.numeric_series(series, "y")
    pd.testing.assert_series_equal(series, before)


def test_every_check_has_a_test_here():
    tested = {"positive_int", "non_negative_int", "seed", "boolean", "function", "generator",
              "finite_number", "fraction", "one_of", "shape_text", "label", "text", "path",
              "column_names", "dataframe_columns", "float_array", "time_index", "numeric_series"}
    assert set(checks.__all__) <= tested, f"untested checks: {sorted(set(checks.__all__) - tested)}"
