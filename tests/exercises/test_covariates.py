"""Tests of the checkers of notebook 13: right answers pass, stubs say "not solved yet", every
hint for a typical wrong answer is given, strict mode raises, and bad arguments are refused."""


import numpy as np
import pandas as pd
import pytest

from tests.exercises.protocol import assert_explained, assert_not_solved, assert_passes
from utils.data import load_frame
from utils.exercises.covariates import (
    check_most_useful,
    check_scale_columns,
    check_stacked_gru_weights,
)
from utils.widgets.covariates import covariate_scores


def make_data() -> pd.DataFrame:
    """Notebook 13's table: GDP growth and five covariates, made stationary."""
    macro = load_frame("macro")
    return pd.DataFrame({
        "y": 100 * macro["realgdp"].pct_change(), "cons": 100 * macro["realcons"].pct_change(),
        "inv": 100 * macro["realinv"].pct_change(), "unemp": macro["unemp"].diff(),
        "rate": macro["tbilrate"].diff(), "infl": 400 * np.log(macro["cpi"]).diff()}).iloc[1:]


DATA = make_data()


def scale_columns(train, other):
    return (other - train.mean()) / train.std(ddof=0)


def stacked_gru_weights(D, H):
    return 3 * H * (D + H + 2) + 3 * H * (2 * H + 2) + H + 1


def without(data, target, covariates):
    """The VAR's validation and test MASE with each covariate left out in turn."""
    return pd.DataFrame({c: covariate_scores(data, target, [o for o in covariates if o != c])
                         .loc["VAR (AIC)"] for c in covariates}).T


def most_useful(data, target, covariates):
    return without(data, target, covariates)["validation"].idxmax()


def stub(*args):
    raise NotImplementedError


RIGHT = [(check_scale_columns, (scale_columns,)),
         (check_stacked_gru_weights, (stacked_gru_weights,)),
         (check_most_useful, (most_useful, DATA, "y"))]
STUB = [(check_scale_columns, (stub,)), (check_stacked_gru_weights, (stub,)),
        (check_most_useful, (stub, DATA, "y")), (check_most_useful, (..., DATA, "y"))]


def wrong_choice(kind):
    """A typical wrong way to choose; the checker must name it."""
    def choose(data, target, covariates):
        if kind == "least":
            return without(data, target, covariates)["validation"].idxmin()
        if kind == "test":
            return without(data, target, covariates)["test"].idxmax()
        alone = {c: covariate_scores(data, target, [c]).loc["VAR (AIC)", "validation"]
                 for c in covariates}
        return min(alone, key=alone.get)
    return choose


WRONG = [
    (check_scale_columns, (lambda t, o: (o - t.mean()) / t.std(),), "ddof=0"),
    (check_scale_columns, (lambda t, o: (o - t.to_numpy().mean()) / t.to_numpy().std(),),
     "one mean and one spread per column"),
    (check_scale_columns, (lambda t, o: (o - o.mean()) / o.std(ddof=0),),
     "not from the part you scale"),
    (check_scale_columns, (lambda t, o: (o - pd.concat([t, o]).mean())
                           / pd.concat([t, o]).std(ddof=0),), "not from both parts"),
    (check_scale_columns, (lambda t, o: o - t.mean(),), "is off by up to"),
    (check_scale_columns, (lambda t, o: scale_columns(t, o).iloc[:, :2],), "has shape"),
    (check_scale_columns, (lambda t, o: "scaled",), "must hold real numbers"),
    (check_stacked_gru_weights, (lambda D, H: 2 * 3 * H * (D + H + 2) + H + 1,),
     "the second layer reads the first layer's states"),
    (check_stacked_gru_weights, (lambda D, H: stacked_gru_weights(D, H) - 6 * H,),
     "two bias rows"),
    (check_stacked_gru_weights, (lambda D, H: stacked_gru_weights(D, H) - H - 1,),
     "add the Dense head"),
    (check_stacked_gru_weights, (lambda D, H: 8 * stacked_gru_weights(D, H),),
     "do not depend on the window"),
    (check_stacked_gru_weights, (lambda D, H: stacked_gru_weights(D, H) + 1,),
     r"stacked_gru_weights\(1, 16\) = 2562, expected 2561"),
    (check_stacked_gru_weights, (lambda D, H: float(stacked_gru_weights(D, H)),),
     "a count must be an int"),
    (check_most_useful, (wrong_choice("least"), DATA, "y"), "misses \\*least\\*"),
    (check_most_useful, (wrong_choice("test"), DATA, "y"), "choose on the validation blocks"),
    (check_most_useful, (wrong_choice("alone"), DATA, "y"), "leave one out"),
    (check_most_useful, (lambda d, t, c: "z", DATA, "y"), "return one of the covariates"),
]


@pytest.mark.parametrize(("checker", "args"), RIGHT)
def test_right_answers_pass(checker, args, capsys):
    assert_passes(checker, args, capsys)


@pytest.mark.parametrize(("checker", "args"), STUB)
def test_stubs_are_not_solved_yet(checker, args, capsys):
    assert_not_solved(checker, args, capsys)


@pytest.mark.parametrize(("checker", "args", "hint"), WRONG)
def test_wrong_answers_are_explained(checker, args, hint, capsys):
    assert_explained(checker, args, hint, capsys, pattern=True)


def test_the_wrong_choices_differ_from_the_right_one_on_the_checked_cases():
    """Each hint of exercise 3 is reachable: on the checker's cases the wrong ways give another
    answer than the right one (else the hint could never show)."""
    cases = (list(DATA.columns[1:4]), list(DATA.columns[1:]))
    for kind in ("least", "test", "alone"):
        assert any(wrong_choice(kind)(DATA, "y", c) != most_useful(DATA, "y", c) for c in cases)


def test_scale_columns_must_not_change_its_inputs(capsys):
    def in_place(train, other):
        other -= train.mean()
        return other / train.std(ddof=0)

    check_scale_columns(in_place)
    assert "must not change its inputs" in capsys.readouterr().out


@pytest.mark.parametrize(("args", "error", "match"), [
    ((DATA["y"], "y"), TypeError, "data must be a pandas DataFrame"),
    ((DATA[["y", "cons"]], "y"), ValueError, "data must hold the target and at least 2 covariates"),
    ((DATA, 3), TypeError, "target must be the target's column name"),
])
def test_bad_arguments_of_the_covariate_checker_are_refused(args, error, match):
    for answer in (most_useful, ...):  # before the answer is even looked at
        with pytest.raises(error, match=match):
            check_most_useful(answer, *args)


def test_a_target_that_is_not_a_column_is_refused():
    with pytest.raises(ValueError, match="target must be a column of data"):
        check_most_useful(most_useful, DATA, "z")
