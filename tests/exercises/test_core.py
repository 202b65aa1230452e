"""utils.exercises.core: how every exercise check reports right, wrong and unsolved answers."""

import numpy as np
import pytest

from utils.exercises import ExerciseNotSolved, assert_close, assert_shape, require_solved, run_check


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
