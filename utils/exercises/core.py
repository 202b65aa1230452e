"""The core of every exercise checker: run a check, report it in one line, raise only if strict.

Every checker in ``utils.exercises`` is written the same way, with :func:`checker`::

    @checker("Exercise 1 (one recurrent step)")
    def check_rnn_step(rnn_step):
        got = rnn_step(x, h_prev, W_x, W_h, b)        # the learner's answer, already not a stub
        if looks_like_a_typical_mistake(got):
            raise AssertionError("a hint that names the mistake")
        assert_close(got, expected, what="rnn_step(...)")
        return "a sentence that says what the right answer means"

    check_rnn_step(rnn_step)                 # a check cell: prints one line, never raises
    check_rnn_step(rnn_step, strict=True)    # a solution cell: raises if missing or wrong

Introduced in notebook 01 (the first exercise).
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

import numpy as np


class ExerciseNotSolved(AssertionError):
    """Raised (in strict mode only) when an exercise still holds its stub."""


def require_solved(value: Any, what: str = "your answer") -> Any:
    """Return ``value``, or raise :class:`ExerciseNotSolved` if it is still a stub.

    A stub is ``...`` (Ellipsis) or ``None``; a stub function raises ``NotImplementedError``
    when called, which :func:`run_check` treats the same way.
    """
    if value is ... or value is None:
        raise ExerciseNotSolved(f"{what} is still the stub (`...`)")
    return value


def assert_shape(got: Any, expected: tuple[int, ...], what: str = "your answer") -> np.ndarray:
    """Raise ``AssertionError`` unless ``got`` is array-like with shape ``expected``."""
    arr = np.asarray(require_solved(got, what))
    if arr.shape != tuple(expected):
        raise AssertionError(f"{what} has shape {arr.shape}, expected {tuple(expected)}")
    return arr


def assert_close(
    got: Any, expected: Any, *, what: str = "your answer", atol: float = 1e-8, rtol: float = 1e-6
) -> None:
    """Raise ``AssertionError`` with a clear message unless ``got`` matches ``expected``.

    Equality means ``|got - expected| <= atol + rtol * |expected|`` element-wise, and equal shapes.
    """
    require_solved(got, what)
    got_arr = np.asarray(got, dtype=float)
    exp_arr = np.asarray(expected, dtype=float)
    if got_arr.shape != exp_arr.shape:
        raise AssertionError(f"{what} has shape {got_arr.shape}, expected {exp_arr.shape}")
    if not np.allclose(got_arr, exp_arr, atol=atol, rtol=rtol, equal_nan=False):
        err = np.max(np.abs(got_arr - exp_arr)) if got_arr.size else 0.0
        raise AssertionError(
            f"{what} is off by up to {err:.3g} (tolerance atol={atol:g}, rtol={rtol:g});"
            f" expected {_short(exp_arr)}, got {_short(got_arr)}"
        )


def run_check(title: str, check: Callable[[], Any], *, strict: bool = False) -> bool:
    """Run ``check()`` and print one line: correct, wrong (with the reason) or not solved yet.

    Parameters
    ----------
    title : str
        What is checked, e.g. ``"Exercise 1 (sigmoid)"``.
    check : callable
        Raises :class:`ExerciseNotSolved` or ``NotImplementedError`` for a stub,
        ``AssertionError`` (with a message for the learner) for a wrong answer; returns for a
        right one. If it returns a string, that string is added to the success line.
    strict : bool
        Raise instead of printing when the answer is missing or wrong (used by solution cells).

    Returns
    -------
    bool
        True when the answer is right.
    """
    try:
        extra = check()
    except (ExerciseNotSolved, NotImplementedError) as exc:
        if strict:
            raise ExerciseNotSolved(f"{title}: not solved yet ({exc})") from exc
        print(f"⏳ {title}: not solved yet. Fill in the cell above, run it, then run this check.")
        return False
    except AssertionError as exc:
        if strict:
            raise AssertionError(f"{title}: {exc}") from exc
        print(f"✗ {title}: not right yet. {exc}")
        return False
    print(f"✓ {title}: correct." + (f" {extra}" if isinstance(extra, str) and extra else ""))
    return True


def checker(title: str) -> Callable[[Callable[..., Any]], Callable[..., None]]:
    """Make ``check(answer, ...)`` an exercise checker titled ``title`` (see the module docstring).

    The decorated function receives the learner's answer (and any further arguments) and raises
    ``AssertionError`` with a hint for a wrong answer, or returns (optionally a sentence added to
    the success line). The checker it makes first refuses a stub answer (``...``, ``None``; a
    stub function raising ``NotImplementedError`` is caught too), prints one line through
    :func:`run_check`, returns None (so a check cell shows no stray True/False) and takes
    ``strict=True`` to raise instead of printing.
    """

    def decorate(check: Callable[..., Any]) -> Callable[..., None]:
        answer_name = next(iter(inspect.signature(check).parameters))

        @functools.wraps(check)
        def run(answer, *args, strict: bool = False, **kwargs) -> None:
            def attempt():
                require_solved(answer, answer_name)
                return check(answer, *args, **kwargs)

            run_check(title, attempt, strict=strict)

        return run

    return decorate


def _short(arr: np.ndarray) -> str:
    """A compact repr of an array for messages (at most 6 values)."""
    flat = np.ravel(arr)
    text = np.array2string(flat[:6], precision=4, separator=", ")
    return text if flat.size <= 6 else text[:-1] + ", ...]"
