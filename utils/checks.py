"""Argument checks shared by every public function of ``utils``: one place, one wording.

Every check takes the value and the argument's ``name`` and either returns the value in the form
the caller needs (an ``int``, a float array, ...) or raises with a message of one shape::

    <name> must be <what was expected>, got <what came>

The exception type follows one rule, so the same mistake always raises the same exception:

- **TypeError**: the value is of the wrong kind (a string where a number belongs, a float where
  an int belongs, a list where a Series belongs, complex numbers, booleans used as numbers);
- **ValueError**: the kind is right but the value is not (negative, out of range, NaN or inf,
  the wrong shape, empty, dates out of order).

    >>> positive_int(0, "window")
    Traceback (most recent call last):
    ValueError: window must be a positive int (>= 1), got 0

Checks run once, at the public entry point; private helpers trust what they are given.
"""

from __future__ import annotations

import math
import numbers
import os
from collections.abc import Collection, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = [
    "boolean",
    "column_names",
    "dataframe_columns",
    "finite_number",
    "float_array",
    "fraction",
    "function",
    "generator",
    "label",
    "non_negative_int",
    "numeric_series",
    "one_of",
    "path",
    "positive_int",
    "seed",
    "shape_text",
    "text",
    "time_index",
]


def _received(value) -> str:
    """How a received value is shown in a message: short reprs in full, else the type."""
    text = repr(value)
    return text if len(text) <= 40 else f"a {type(value).__name__}"


def label(value) -> str:
    """An index label for a message: a midnight Timestamp as its date, anything else as is."""
    if isinstance(value, pd.Timestamp) and value == value.normalize():
        return str(value.date())
    return str(value)


def _is_int(value) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, bool | np.bool_)


def positive_int(value, name: str) -> int:
    """``value`` as an int >= 1 (TypeError for a float, bool or string; ValueError if < 1)."""
    if not _is_int(value):
        raise TypeError(f"{name} must be a positive int (>= 1), got {_received(value)}")
    if value < 1:
        raise ValueError(f"{name} must be a positive int (>= 1), got {value!r}")
    return int(value)


def non_negative_int(value, name: str) -> int:
    """``value`` as an int >= 0."""
    if not _is_int(value):
        raise TypeError(f"{name} must be a non-negative int (>= 0), got {_received(value)}")
    if value < 0:
        raise ValueError(f"{name} must be a non-negative int (>= 0), got {value!r}")
    return int(value)


def seed(value, name: str = "seed") -> int:
    """A random seed: an int >= 0 (the same rule everywhere in the course)."""
    return non_negative_int(value, name)


def boolean(value, name: str) -> bool:
    """``value`` as a bool: True or False (NumPy's bools too); 1, "yes" or None are refused."""
    if not isinstance(value, bool | np.bool_):
        raise TypeError(f"{name} must be True or False, got {_received(value)}")
    return bool(value)


def function(value, name: str, *, signature: str = "") -> object:
    """``value`` if it can be called (a function, a lambda, a class), else TypeError.

    ``signature`` shows the call expected, e.g. ``"f(x) -> float"``, in the message.
    """
    if not callable(value):
        shown = f" such as {signature}" if signature else ""
        raise TypeError(f"{name} must be a function{shown}, got {_received(value)}")
    return value


def generator(value, name: str = "rng") -> np.random.Generator:
    """A NumPy random generator (``np.random.default_rng(seed)``); a seed or None is refused."""
    if not isinstance(value, np.random.Generator):
        raise TypeError(
            f"{name} must be a numpy.random.Generator such as np.random.default_rng(0), "
            f"got {_received(value)}"
        )
    return value


def finite_number(value, name: str, *, low: float | None = None, high: float | None = None,
                  low_open: bool = False, high_open: bool = False) -> float:
    """``value`` as a finite float, optionally inside ``[low, high]`` (``*_open``: end excluded).

    ints and NumPy scalars are accepted; bools, strings, complex numbers and arrays are not.
    """
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {_received(value)}")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    too_low = low is not None and (number <= low if low_open else number < low)
    too_high = high is not None and (number >= high if high_open else number > high)
    if too_low or too_high:
        raise ValueError(f"{name} must be a number {_span(low, high, low_open, high_open)}, "
                         f"got {value!r}")
    return number


def _span(low, high, low_open, high_open) -> str:
    """``in (0, 1)``, ``>= 0``, ``< 5``: the allowed range in words."""
    if high is None:
        return f"{'>' if low_open else '>='} {low:g}"
    if low is None:
        return f"{'<' if high_open else '<='} {high:g}"
    return f"in {'(' if low_open else '['}{low:g}, {high:g}{')' if high_open else ']'}"


def fraction(value, name: str, *, allow_zero: bool = False) -> float:
    """A fraction strictly between 0 and 1 (or in [0, 1) with ``allow_zero``)."""
    return finite_number(value, name, low=0.0, high=1.0, low_open=not allow_zero, high_open=True)


def one_of(value, name: str, choices: Collection):
    """``value`` if it is one of ``choices`` (compared with ==), else ValueError listing them."""
    try:
        ok = value in choices
    except TypeError:  # an unhashable value against a set or dict
        ok = False
    if not ok or isinstance(value, bool | np.bool_) and not any(c is value for c in choices):
        shown = sorted(choices, key=str) if not isinstance(choices, Sequence) else list(choices)
        raise ValueError(f"{name} must be one of {shown}, got {_received(value)}")
    return value


def shape_text(shape: Sequence) -> str:
    """``("N", 3)`` -> ``"(N, 3)"``; ``(5,)`` -> ``"(5,)"``."""
    items = [str(s) for s in shape]
    return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"


def float_array(value, name: str, *, shape: Sequence[int | str] | None = None,
                ndim: int | Sequence[int] | None = None, finite: bool = True,
                min_size: int = 1, dtype=None) -> np.ndarray:
    """``value`` as a real floating-point array, checked.

    Parameters
    ----------
    value : array_like
        Numbers: ints and bools-free numeric arrays become float64; float32 stays float32
        (``dtype`` forces one). Complex numbers, strings, objects and ragged lists are refused.
    shape : sequence of int or str, optional
        Expected shape; a string (``"N"``) marks a free size. ``(N, 3)`` accepts any N.
    ndim : int or sequence of int, optional
        Allowed numbers of axes (when ``shape`` is not given).
    finite : bool
        Refuse NaN and +-inf (the message gives the first bad position).
    min_size : int
        The fewest elements (1: an empty array is refused).

    Returns
    -------
    ndarray, never the caller's object itself when a conversion was needed, never modified.
    """
    if isinstance(value, pd.Series | pd.DataFrame | pd.Index):
        value = value.to_numpy()
    try:
        arr = np.asarray(value)
    except (TypeError, ValueError) as exc:
        raise TypeError(
            f"{name} must be an array of numbers with a regular shape, got {_received(value)}"
        ) from exc
    kind = arr.dtype.kind
    if kind == "c":
        raise TypeError(f"{name} must hold real numbers, got complex dtype {arr.dtype}")
    if kind == "b" or kind not in "iuf":
        raise TypeError(f"{name} must hold numbers, got dtype {arr.dtype}")
    if dtype is not None:
        arr = arr.astype(dtype)
    elif kind in "iu":
        arr = arr.astype(np.float64)
    if shape is not None:
        ok = arr.ndim == len(shape) and all(
            isinstance(s, str) or arr.shape[i] == s for i, s in enumerate(shape)
        )
        if not ok:
            raise ValueError(f"{name} must have shape {shape_text(shape)}, got {arr.shape}")
    elif ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if arr.ndim not in allowed:
            wanted = " or ".join(str(d) for d in allowed)
            raise ValueError(f"{name} must have {wanted} axes, got shape {arr.shape}")
    if arr.size < min_size:
        raise ValueError(
            f"{name} must hold at least {min_size} value(s), got an array of shape {arr.shape}"
        )
    if finite and arr.size and not np.isfinite(arr).all():
        first = tuple(int(i) for i in np.argwhere(~np.isfinite(arr))[0])
        where = first[0] if len(first) == 1 else first
        raise ValueError(
            f"{name} must hold finite numbers (no NaN or inf), got {arr[first]} at position {where}"
        )
    return arr


def time_index(index, name: str) -> pd.Index:
    """An index in time order: strictly increasing, no duplicates (the first offender is named)."""
    index = pd.Index(index)
    later = np.asarray(index[1:] > index[:-1], dtype=bool)  # (T-1,)
    if not later.all():
        i = int(np.flatnonzero(~later)[0])
        what = "twice" if index[i] == index[i + 1] else f"after {label(index[i])}"
        raise ValueError(
            f"{name} must have a strictly increasing index (in time order), got "
            f"{label(index[i + 1])} {what} (sort it and drop duplicates first)"
        )
    return index


def numeric_series(series, name: str, *, min_length: int = 1, finite: bool = True) -> np.ndarray:
    """The values of a pandas Series of real numbers in time order, as a 1-D float array.

    Refuses: anything but a Series (TypeError), booleans, strings or complex numbers (TypeError),
    an unsorted or duplicated index, NaN or +-inf (with ``finite``), fewer than ``min_length``
    values (ValueError).
    """
    if not isinstance(series, pd.Series):
        raise TypeError(f"{name} must be a pandas Series, got {type(series).__name__}")
    if series.dtype == bool or not pd.api.types.is_numeric_dtype(series.dtype) \
            or pd.api.types.is_complex_dtype(series.dtype):
        raise TypeError(f"{name} must hold real numbers, got dtype {series.dtype}")
    time_index(series.index, name)
    values = series.to_numpy(dtype=float)
    if len(values) < min_length:
        raise ValueError(f"{name} must hold at least {min_length} value(s), got {len(values)}")
    if finite and not np.isfinite(values).all():
        i = int(np.flatnonzero(~np.isfinite(values))[0])
        raise ValueError(
            f"{name} must hold finite numbers (no NaN or inf), got {values[i]} at "
            f"{label(series.index[i])}; drop or fill the gaps explicitly first"
        )
    return values


def text(value, name: str, *, empty: bool = False) -> str:
    """``value`` as a str; a blank one is refused unless ``empty`` (a column name, a unit)."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, got {_received(value)}")
    if not empty and not value.strip():
        raise ValueError(f"{name} must be a non-empty str, got {value!r}")
    return value


def path(value, name: str) -> Path:
    """``value`` (a str or a path-like object) as a ``pathlib.Path``; None, numbers... refused."""
    if isinstance(value, bytes) or not isinstance(value, str | os.PathLike):
        raise TypeError(f"{name} must be a path (a str or a pathlib.Path), got {_received(value)}")
    return Path(value)


def column_names(value, name: str) -> list[str]:
    """One column name or several: ``"model"`` gives ``["model"]`` (a str is one name, never a
    list of letters); a list or tuple of str gives a list; an empty one is refused."""
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise TypeError(f"{name} must be a column name or a list of column names, "
                        f"got {_received(value)}")
    if not value:
        raise ValueError(f"{name} must name at least one column, got {value!r}")
    return list(value)


def dataframe_columns(frame, name: str, required: Sequence[str], *, made_by: str = "") -> None:
    """``frame`` must be a DataFrame holding the columns ``required``."""
    source = f" (from {made_by})" if made_by else ""
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame{source}, got {type(frame).__name__}")
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise ValueError(
            f"{name} must have the columns {list(required)}{source}; missing {missing}"
        )
