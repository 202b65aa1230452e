"""utils.exercises.core: how every exercise check reports right, wrong and unsolved answers."""

import inspect

import numpy as np
import pytest

from utils.exercises import (
    ExerciseNotSolved,
    assert_close,
    assert_number,
    assert_shape,
    checker,
    require_solved,
    run_check,
)


def stub():
    raise NotImplementedError


@pytest.mark.parametrize("check", [lambda: require_solved(...), lambda: require_solved(None),
                                   lambda: stub()])
def test_unsolved_prints_not_solved_and_does_not_raise(check, capsys):
    assert run_check("Exercise 1 (x)", check) is False
    assert "Exercise 1 (x): not solved yet" in capsys.readouterr().out


def test_unsolved_raises_in_strict_mode():
    with pytest.raises(ExerciseNotSolved, match="Exercise 2 .*not solved yet"):
        run_check("Exercise 2 (y)", lambda: require_solved(...), strict=True)


def test_wrong_answer_explains_with_tolerance(capsys):
    assert run_check("Ex", lambda: assert_close([1.0, 2.0], [1.0, 2.5], atol=1e-3)) is False
    out = capsys.readouterr().out
    assert "not right yet" in out and "off by up to 0.5" in out and "atol=0.001" in out


def test_wrong_answer_raises_in_strict_mode():
    with pytest.raises(AssertionError, match="Ex: your answer is off"):
        run_check("Ex", lambda: assert_close(1.0, 2.0), strict=True)


def test_right_answer(capsys):
    assert run_check("Ex", lambda: assert_close(np.ones(3), [1, 1, 1]), strict=True) is True
    assert "✓ Ex: correct." in capsys.readouterr().out


def test_right_answer_with_a_remark(capsys):
    run_check("Ex", lambda: "Nice: 3 epochs.")
    assert capsys.readouterr().out.strip() == "✓ Ex: correct. Nice: 3 epochs."


def test_shape_checks():
    assert assert_shape(np.zeros((2, 3)), (2, 3)).shape == (2, 3)
    with pytest.raises(AssertionError, match=r"has shape \(3, 2\), expected \(2, 3\)"):
        assert_shape(np.zeros((3, 2)), (2, 3))
    with pytest.raises(AssertionError, match="has shape"):
        assert_close(np.zeros(2), np.zeros(3))


def test_checker_reports_refuses_stubs_and_keeps_the_docstring(capsys):
    @checker("Exercise 9 (double {factor})")
    def check_double(double, factor=2):
        """Exercise 9: ``double(x)``."""
        assert_close(double(3.0), 3.0 * factor, what="double(3.0)")
        return "Nice."

    assert check_double.__doc__ == """Exercise 9: ``double(x)``."""
    assert "strict" in str(inspect.signature(check_double))
    assert check_double(lambda x: 2 * x) is None
    assert check_double(..., factor=3) is None
    assert check_double(lambda x: 2 * x, factor=3) is None
    assert capsys.readouterr().out.splitlines() == [
        "✓ Exercise 9 (double 2): correct. Nice.",
        "⏳ Exercise 9 (double 3): not solved yet. Fill in the cell above, run it, then run this "
        "check.",
        "✗ Exercise 9 (double 3): not right yet. double(3.0) is off by up to 3 (tolerance "
        "atol=1e-08, rtol=1e-06); expected [9.], got [6.]",
    ]


def test_checker_checks_the_other_arguments_first():
    def positive(value, name):
        if value <= 0:
            raise ValueError(f"{name} must be > 0, got {value}")

    @checker("Ex", factor=positive)
    def check_double(double, factor=2):
        return None

    with pytest.raises(ValueError, match="factor must be > 0"):
        check_double(..., factor=-1)  # a mistake in the call, even before the answer is read
    with pytest.raises(ValueError, match="argument_checks must name parameters of check_triple"):
        checker("Ex", scale=positive)(check_triple)
    with pytest.raises(TypeError, match="scale must be a function"):
        checker("Ex", scale=3)


def check_triple(triple):
    return None


def test_assert_number():
    assert assert_number(np.float32(2.5)) == 2.5 and assert_number(np.array([3])) == 3.0
    with pytest.raises(AssertionError, match="n must be a number, got '3'"):
        assert_number("3", "n")
    with pytest.raises(AssertionError, match=r"n must be a number, got an array of shape \(2,\)"):
        assert_number([1, 2], "n")
    with pytest.raises(ExerciseNotSolved):
        assert_number(..., "n")


def test_bad_arguments_of_the_core_are_refused():
    with pytest.raises(TypeError, match="check must be a function"):
        run_check("Ex", 3)
    with pytest.raises(TypeError, match="strict must be True or False"):
        run_check("Ex", lambda: None, strict=1)
    with pytest.raises(TypeError, match="title must be a str"):
        checker(None)
    with pytest.raises(ValueError, match="atol must be a number >= 0"):
        assert_close(1.0, 1.0, atol=-1.0)
    with pytest.raises(TypeError, match="expected must be a shape"):
        assert_shape(np.zeros(2), 2)
