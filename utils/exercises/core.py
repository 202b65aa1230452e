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

A wrong answer is always *reported* (a line that starts with ✗), never raised, whatever it is (a
string where a number belongs, an array of the wrong shape, ...); only ``strict=True`` turns the
report into an ``AssertionError``. The arguments that are not the learner's answer (a table the
notebook computed, the name of a gate, ``strict``) are checked like any other argument of
``utils`` and raise ``TypeError``/``ValueError`` at once. A checker's docstring states the task,
never its answer. Introduced in notebook 01 (the first exercise).
"""

from __future__ import annotations

import functools
import inspect
import numbers
from collections.abc import Callable
from typing import Any

import numpy as np

from utils.checks import boolean, finite_number, float_array, function, non_negative_int, text

__all__ = [
    "ExerciseNotSolved",
    "assert_close",
    "assert_number",
    "assert_shape",
    "call_answer",
    "checker",
    "reject_typical_mistake",
    "require_count",
    "require_solved",
    "run_check",
]


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
    expected = _shape(expected)
    arr = _numbers(require_solved(got, what), what)
    if arr.shape != expected:
        raise AssertionError(f"{what} has shape {arr.shape}, expected {expected}")
    return arr


def assert_number(got: Any, what: str = "your answer") -> float:
    """``got`` as a float; ``AssertionError`` unless it is one real number (a stub: not solved)."""
    require_solved(got, what)
    if isinstance(got, bool | np.bool_) or not isinstance(got, numbers.Real | np.ndarray) \
            or np.size(got) != 1 or np.asarray(got).dtype.kind not in "iuf":
        shown = f"an array of shape {np.shape(got)}" if np.ndim(got) else _shown(got)
        raise AssertionError(f"{what} must be a number, got {shown}")
    return float(np.asarray(got).ravel()[0])


def assert_close(
    got: Any, expected: Any, *, what: str = "your answer", atol: float = 1e-8, rtol: float = 1e-6
) -> None:
    """Raise ``AssertionError`` with a clear message unless ``got`` matches ``expected``.

    Equality means ``|got - expected| <= atol + rtol * |expected|`` element-wise, and equal shapes.
    ``atol`` and ``rtol`` are finite numbers >= 0.
    """
    atol = finite_number(atol, "atol", low=0.0)
    rtol = finite_number(rtol, "rtol", low=0.0)
    got_arr = _numbers(require_solved(got, what), what)
    exp_arr = np.asarray(expected, dtype=float)
    if got_arr.shape != exp_arr.shape:
        raise AssertionError(f"{what} has shape {got_arr.shape}, expected {exp_arr.shape}")
    if not np.allclose(got_arr, exp_arr, atol=atol, rtol=rtol, equal_nan=False):
        err = np.max(np.abs(got_arr - exp_arr)) if got_arr.size else 0.0
        raise AssertionError(
            f"{what} is off by up to {err:.3g} (tolerance atol={atol:g}, rtol={rtol:g});"
            f" expected {_short(exp_arr)}, got {_short(got_arr)}"
        )


def _numbers(got: Any, what: str) -> np.ndarray:
    """The learner's answer as a float array, or AssertionError saying what it is instead."""
    try:
        arr = np.asarray(got)
    except (TypeError, ValueError):  # a ragged list, an object numpy cannot read
        arr = np.asarray(None)
    if arr.dtype.kind not in "biuf":  # booleans count as 0 and 1
        raise AssertionError(f"{what} must hold real numbers, got {_shown(got)}")
    return arr.astype(float)


def _shape(expected: Any) -> tuple[int, ...]:
    if not isinstance(expected, tuple | list):
        raise TypeError(f"expected must be a shape (a tuple of ints), got {_shown(expected)}")
    return tuple(non_negative_int(n, f"expected[{i}]") for i, n in enumerate(expected))


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else f"a {type(value).__name__}"


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
    title = text(title, "title")
    function(check, "check", signature="check() -> None or str")
    strict = boolean(strict, "strict")
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


def require_count(fn, *args) -> int:
    """The learner's count ``fn(*args)`` (e.g. a number of weights): an int, or an AssertionError
    that says what came instead (a float or a bool is not a count)."""
    got = require_solved(fn(*args), f"the count for {', '.join(map(repr, args))}")
    if isinstance(got, bool) or not isinstance(got, int | np.integer):
        raise AssertionError(f"a count must be an int, got {got!r} for {args}")
    return int(got)


def call_answer(fn: Callable[..., Any], name: str, *args: Any, hint: str = "") -> Any:
    """``fn(*args)``, the learner's function called: its answer, ExerciseNotSolved for a stub, and
    an error raised inside the learner's code reported as a wrong answer, followed by ``hint``
    (what such an error usually means in this exercise)."""
    name, hint = text(name, "name"), text(hint, "hint", empty=True)
    try:
        return require_solved(fn(*args), f"{name}(...)")
    except (NotImplementedError, AssertionError):
        raise
    except Exception as exc:  # noqa: BLE001 - any error of the learner's code is a hint
        raise AssertionError(f"{name} raised {type(exc).__name__}: {exc}{hint}") from None


def reject_typical_mistake(got: Any, wrong: np.ndarray, message: str) -> None:
    """Raise AssertionError(``message``) if ``got`` equals ``wrong``, a typical wrong answer (an
    answer that is not an array of real numbers is left to :func:`assert_close`)."""
    wrong, message = float_array(wrong, "wrong", min_size=0), text(message, "message")
    try:
        arr = np.asarray(got)
    except (TypeError, ValueError):
        return
    if arr.shape == wrong.shape and arr.dtype.kind in "biuf" and \
            np.allclose(arr.astype(float), wrong, atol=1e-8, rtol=1e-6):
        raise AssertionError(message)


def checker(title: str, **argument_checks: Callable[[Any, str], Any]
            ) -> Callable[[Callable[..., Any]], Callable[..., None]]:
    """Make ``check(answer, ...)`` an exercise checker titled ``title`` (see the module docstring).

    The decorated function receives the learner's answer (its first parameter; any further
    arguments follow) and raises ``AssertionError`` with a hint for a wrong answer, or returns
    (optionally a sentence added to the success line). The checker it makes:

    - checks the arguments that are not the answer first: ``argument_checks`` maps a parameter's
      name to a check ``check(value, name)`` that raises ``TypeError``/``ValueError`` (a mistake
      in the call, not in the answer, so it raises even without ``strict``);
    - refuses a stub answer (``...``, ``None``; a stub function raising ``NotImplementedError``
      is caught too) with "not solved yet";
    - prints one line through :func:`run_check` and returns None (so a check cell shows no stray
      True/False); ``strict=True`` raises instead of printing.

    ``title`` may name parameters in braces, filled from the call: ``"Exercise 2 (a {gate}
    perceptron)"``.
    """

    text(title, "title")
    for name, check_argument in argument_checks.items():
        function(check_argument, name, signature="check(value, name)")

    def decorate(check: Callable[..., Any]) -> Callable[..., None]:
        signature = inspect.signature(check)
        answer_name = next(iter(signature.parameters))
        unknown = sorted(set(argument_checks) - set(signature.parameters))
        if unknown:
            raise ValueError(f"argument_checks must name parameters of {check.__name__} "
                             f"{list(signature.parameters)}, got {unknown}")

        @functools.wraps(check)
        def run(*args, strict: bool = False, **kwargs) -> None:
            strict = boolean(strict, "strict")
            call = signature.bind(*args, **kwargs)
            call.apply_defaults()
            for name, check_argument in argument_checks.items():
                check_argument(call.arguments[name], name)

            def attempt():
                require_solved(call.arguments[answer_name], answer_name)
                return check(*call.args, **call.kwargs)

            run_check(title.format(**call.arguments), attempt, strict=strict)

        strict_parameter = inspect.Parameter("strict", inspect.Parameter.KEYWORD_ONLY,
                                             default=False, annotation="bool")
        run.__signature__ = signature.replace(
            parameters=[*signature.parameters.values(), strict_parameter], return_annotation="None")
        return run

    return decorate


def _short(arr: np.ndarray) -> str:
    """A compact repr of an array for messages (at most 6 values)."""
    flat = np.ravel(arr)
    shown = np.array2string(flat[:6], precision=4, separator=", ")
    return shown if flat.size <= 6 else shown[:-1] + ", ...]"
