"""Tests of the checkers of notebooks 09-11 (utils.exercises.rnn, .lstm, .gru): right answers pass,
stubs say "not solved yet", every hint shows for the wrong answer it is written for, and strict
mode raises. Checkers print and return None, so a check cell shows one line."""

import re

import numpy as np
import pytest

from utils.exercises import gru, lstm, rnn
from utils.exercises.core import ExerciseNotSolved


def stub(*args):
    raise NotImplementedError


def ellipsis(*args):
    return ...  # the stub of the count exercises: `return ...  # an int`


def lstm_right(i, f, g, o, c):
    return o * np.tanh(f * c + i * g), f * c + i * g


RIGHT = {
    rnn.check_rnn_step: lambda x, h, wx, wh, b: np.tanh(x @ wx + h @ wh + b),
    rnn.check_rnn_param_count: lambda d, h: d * h + h * h + h,
    lstm.check_lstm_update: lstm_right,
    lstm.check_lstm_param_count: lambda d, h: 4 * (d * h + h * h + h),
    gru.check_gru_update: lambda z, hh, h: z * h + (1 - z) * hh,
    gru.check_gru_param_count: lambda d, h, ra: 3 * (d * h + h * h + h) + (3 * h if ra else 0),
}

#: (checker, a typical wrong answer, the hint it must get)
WRONG = [
    (rnn.check_rnn_step, lambda x, h, wx, wh, b: np.tanh(x @ wx + b), "recurrent term"),
    (rnn.check_rnn_step, lambda x, h, wx, wh, b: x @ wx + h @ wh + b, "rnn_step(x, h_prev, W_x"),
    (rnn.check_rnn_param_count, lambda d, h: d * h + h, "forget the recurrent kernel"),
    (rnn.check_rnn_param_count, lambda d, h: d * h + h * h, "for D = 1, H = 1 you give 2"),
    (rnn.check_rnn_param_count, lambda d, h: float(d * h + h * h + h), "a count must be an int"),
    (rnn.check_rnn_param_count, lambda d, h: True, "a count must be an int"),
    (lstm.check_lstm_update, lambda i, f, g, o, c: lstm_right(i, f, g, o, c)[0], "return a pair"),
    (lstm.check_lstm_update, lambda i, f, g, o, c: (o * np.tanh(c), f * c + i * g), "o * tanh"),
    (lstm.check_lstm_update, lambda i, f, g, o, c: (o * np.tanh(i * g), i * g), "f * c_prev + i * g"),
    (lstm.check_lstm_param_count, lambda d, h: d * h + h * h + h, "four gates"),
    (gru.check_gru_update, lambda z, hh, h: z * hh + (1 - z) * h, "workshop's convention"),
    (gru.check_gru_update, lambda z, hh, h: hh, "gru_update(z, hh, h_prev) is off"),
    (gru.check_gru_param_count, lambda d, h, ra: 3 * (d * h + h * h + h), "second bias row"),
    (gru.check_gru_param_count, lambda d, h, ra: 3 * (d * h + h * h + h) + 3 * h,
     "reset_after=False has no second bias row"),
    (gru.check_gru_param_count, lambda d, h, ra: 4 * (d * h + h * h + h) + 1, "reset_after=True you"),
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
