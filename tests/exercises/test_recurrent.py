"""Tests of the checkers of notebooks 09-11 (utils.exercises.recurrent): right answers pass,
stubs say "not solved yet", every hint shows for the wrong answer it is written for, and strict
mode raises. Checkers print and return None, so a check cell shows one line."""

import re

import numpy as np
import pytest

from utils.exercises import recurrent as ex
from utils.exercises.core import ExerciseNotSolved


def stub(*args):
    raise NotImplementedError


def ellipsis(*args):
    return ...  # the stub of the count exercises: `return ...  # an int`


def lstm_right(i, f, g, o, c):
    return o * np.tanh(f * c + i * g), f * c + i * g


RIGHT = {
    ex.check_rnn_step: lambda x, h, wx, wh, b: np.tanh(x @ wx + h @ wh + b),
    ex.check_rnn_param_count: lambda d, h: d * h + h * h + h,
    ex.check_lstm_update: lstm_right,
    ex.check_lstm_param_count: lambda d, h: 4 * (d * h + h * h + h),
    ex.check_gru_update: lambda z, hh, h: z * h + (1 - z) * hh,
    ex.check_gru_param_count: lambda d, h, ra: 3 * (d * h + h * h + h) + (3 * h if ra else 0),
}

#: (checker, a typical wrong answer, the hint it must get)
WRONG = [
    (ex.check_rnn_step, lambda x, h, wx, wh, b: np.tanh(x @ wx + b), "recurrent term"),
    (ex.check_rnn_step, lambda x, h, wx, wh, b: x @ wx + h @ wh + b, "rnn_step(x, h_prev, W_x"),
    (ex.check_rnn_param_count, lambda d, h: d * h + h, "forget the recurrent kernel"),
    (ex.check_rnn_param_count, lambda d, h: d * h + h * h, "for D = 1, H = 1 you give 2"),
    (ex.check_rnn_param_count, lambda d, h: float(d * h + h * h + h), "a count must be an int"),
    (ex.check_rnn_param_count, lambda d, h: True, "a count must be an int"),
    (ex.check_lstm_update, lambda i, f, g, o, c: lstm_right(i, f, g, o, c)[0], "return a pair"),
    (ex.check_lstm_update, lambda i, f, g, o, c: (o * np.tanh(c), f * c + i * g), "o * tanh"),
    (ex.check_lstm_update, lambda i, f, g, o, c: (o * np.tanh(i * g), i * g), "f * c_prev + i * g"),
    (ex.check_lstm_param_count, lambda d, h: d * h + h * h + h, "four gates"),
    (ex.check_gru_update, lambda z, hh, h: z * hh + (1 - z) * h, "workshop's convention"),
    (ex.check_gru_update, lambda z, hh, h: hh, "gru_update(z, hh, h_prev) is off"),
    (ex.check_gru_param_count, lambda d, h, ra: 3 * (d * h + h * h + h), "second bias row"),
    (ex.check_gru_param_count, lambda d, h, ra: 3 * (d * h + h * h + h) + 3 * h,
     "reset_after=False has no second bias row"),
    (ex.check_gru_param_count, lambda d, h, ra: 4 * (d * h + h * h + h) + 1, "reset_after=True you"),
]


@pytest.mark.parametrize("checker", list(RIGHT), ids=lambda c: c.__name__)
def test_right_answers_pass_and_stubs_are_not_solved_yet(checker, capsys):
    for answer, start in ((stub, "⏳"), (..., "⏳"), (ellipsis, "⏳"), (RIGHT[checker], "✓")):
        assert checker(answer) is None
        out = capsys.readouterr().out
        assert out.startswith(start), out
    checker(RIGHT[checker], strict=True)
    with pytest.raises(ExerciseNotSolved):
        checker(stub, strict=True)


@pytest.mark.parametrize(("checker", "wrong", "hint"), WRONG,
                         ids=[f"{c.__name__}-{h}" for c, _, h in WRONG])
def test_each_hint_shows_for_its_wrong_answer(checker, wrong, hint, capsys):
    checker(wrong)
    out = capsys.readouterr().out
    assert out.startswith("✗") and hint in out, out
    with pytest.raises(AssertionError, match=re.escape(hint)):
        checker(wrong, strict=True)


def test_docstrings_do_not_give_the_answers_away():
    for checker in RIGHT:
        doc = checker.__doc__
        assert "H H" not in doc and "H * H" not in doc and "tanh(" not in doc, checker.__name__
        assert "z h_prev" not in doc and "(1 - z)" not in doc, checker.__name__
