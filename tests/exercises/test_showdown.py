"""Tests of the checkers of notebook 12: right answers pass, stubs say "not solved yet", wrong
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
    (check_fold_bounds,
     (lambda n, k, h: [(n - h * (k - i) - 1, n - h * (k - i - 1)) for i in range(k)],),
     "expected"),
    (check_fold_bounds, (lambda n, k, h: [(i * h, (i + 1) * h) for i in range(k)],), "end with"),
    (check_conformal_radius, (lambda r, c: np.quantile(np.abs(r), c),), "plain quantile"),
    (check_conformal_radius, (lambda r, c: np.sort(r)[math.ceil((len(r) + 1) * c) - 1],),
     "absolute"),
    (check_winners, ({"gdp": "naive", "sine": "GRU"}, TABLE), "highest MASE"),
    (check_winners, ({"gdp": "AR"}, TABLE), "keys"),
    (check_winners, ([("gdp", "AR")], TABLE), "dict"),
    (check_winners, ({"gdp": "GRU", "sine": "GRU"}, TABLE),
     "on gdp the lowest MASE belongs to 'AR', not 'GRU'"),
    (check_fold_bounds, (lambda n, k, h: [n - h * (k - i) for i in range(k)],),
     "return a list of (train_end, test_end) pairs"),
    (check_fold_bounds, (lambda n, k, h: fold_bounds(n, k, h)[1:] if k > 1 else [(n - h, n)] * 2,),
     "gave 2 folds, expected 3"),
    (check_conformal_radius, (lambda r, c: radius(r, c) + 0.5,),
     "radius for n=9, coverage=0.8 is off"),
    (check_conformal_radius, (lambda r, c: np.sort(np.abs(r)),), "must be a number, got an array"),
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
    with pytest.raises(AssertionError) as caught:
        checker(*args, strict=True)
    assert hint in str(caught.value)


def test_the_winners_with_only_the_highest_hint_for_the_worst_model(capsys):
    check_winners({"gdp": "GRU", "sine": "GRU"}, TABLE)
    assert "highest" not in capsys.readouterr().out  # GRU is neither best nor worst on gdp


@pytest.mark.parametrize("table, error, message", [
    (TABLE["MASE"], TypeError, "table must be a pandas DataFrame"),
    (TABLE.rename(columns={"MASE": "mase"}), ValueError, r"table must have the columns \['MASE'\]"),
    (TABLE.reset_index(level=0), ValueError,
     "table must have a \\(series, model\\) index of 2 levels"),
])
def test_a_wrong_table_is_refused_even_before_the_answer(table, error, message):
    for answer in ({"gdp": "AR", "sine": "GRU"}, ...):
        with pytest.raises(error, match=message):
            check_winners(answer, table)


def test_radius_must_not_change_its_input(capsys):
    def sorting_in_place(residuals, coverage):
        residuals.sort()
        return radius(residuals, coverage)

    check_conformal_radius(sorting_in_place)
    assert "must not change" in capsys.readouterr().out
