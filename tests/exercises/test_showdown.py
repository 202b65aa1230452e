"""Tests of the checkers of notebook 11: right answers pass, stubs say "not solved yet", wrong
answers are explained, strict mode raises, and the checkers return None."""

import math

import numpy as np
import pandas as pd
import pytest

from utils.exercises import ExerciseNotSolved
from utils.exercises.showdown import check_conformal_radius, check_fold_bounds, check_winners

TABLE = pd.DataFrame(
    {"MASE": [1.0, 0.5, 0.7, 0.9, 1.2, 0.3]},
    index=pd.MultiIndex.from_product([["gdp", "sine"], ["naive", "AR", "GRU"]],
                                     names=["series", "model"]))


def fold_bounds(n, n_folds, horizon):
    return [(n - (n_folds - k) * horizon, n - (n_folds - k - 1) * horizon) for k in range(n_folds)]


def radius(residuals, coverage):
    errors = np.sort(np.abs(residuals))
    return errors[math.ceil((len(errors) + 1) * coverage) - 1]


def stub(*args):
    raise NotImplementedError


RIGHT = [(check_fold_bounds, (fold_bounds,)), (check_conformal_radius, (radius,)),
         (check_winners, ({"gdp": "AR", "sine": "GRU"}, TABLE))]
STUB = [(check_fold_bounds, (stub,)), (check_conformal_radius, (stub,)),
        (check_winners, (..., TABLE))]
WRONG = [
    (check_fold_bounds, (lambda n, k, h: [(n - h * (k - i) - 1, n - h * (k - i - 1)) for i in range(k)],),
     "expected"),
    (check_fold_bounds, (lambda n, k, h: [(i * h, (i + 1) * h) for i in range(k)],), "end with"),
    (check_conformal_radius, (lambda r, c: np.quantile(np.abs(r), c),), "plain quantile"),
    (check_conformal_radius, (lambda r, c: np.sort(r)[math.ceil((len(r) + 1) * c) - 1],), "absolute"),
    (check_winners, ({"gdp": "naive", "sine": "GRU"}, TABLE), "highest MASE"),
    (check_winners, ({"gdp": "AR"}, TABLE), "keys"),
    (check_winners, ([("gdp", "AR")], TABLE), "dict"),
]


@pytest.mark.parametrize(("checker", "args"), RIGHT)
def test_right_answers_pass(checker, args, capsys):
    assert checker(*args) is None
    assert capsys.readouterr().out.startswith("✓")
    checker(*args, strict=True)


@pytest.mark.parametrize(("checker", "args"), STUB)
def test_stubs_are_not_solved_yet(checker, args, capsys):
    assert checker(*args) is None
    assert "not solved yet" in capsys.readouterr().out
    with pytest.raises(ExerciseNotSolved):
        checker(*args, strict=True)


@pytest.mark.parametrize(("checker", "args", "hint"), WRONG)
def test_wrong_answers_are_explained(checker, args, hint, capsys):
    checker(*args)
    out = capsys.readouterr().out
    assert out.startswith("✗") and hint in out
    with pytest.raises(AssertionError, match=hint):
        checker(*args, strict=True)


def test_radius_must_not_change_its_input(capsys):
    def sorting_in_place(residuals, coverage):
        residuals.sort()
        return radius(residuals, coverage)

    check_conformal_radius(sorting_in_place)
    assert "must not change" in capsys.readouterr().out
