"""The protocol every exercise checker keeps, asserted in one place for every exercise test module.

In a notebook a checker prints one line and returns None (never True/False, never a traceback):
"✓ ... correct", "✗ ... not right yet." with a hint, or "⏳ ... not solved yet" for a stub. In strict
mode (the solution cells, which CI runs) it raises instead: AssertionError carrying the same hint,
ExerciseNotSolved for a stub. ``args`` is the tuple of arguments the checker is called with.
"""

import re

import pytest

from utils.exercises import ExerciseNotSolved


def assert_passes(checker, args, capsys):
    """A right answer prints ✓ and passes in strict mode too."""
    assert checker(*args) is None
    out = capsys.readouterr().out
    assert out.startswith("✓"), out
    checker(*args, strict=True)  # raises if the checker rejects a right answer
    assert capsys.readouterr().out.startswith("✓")


def assert_not_solved(checker, args, capsys):
    """A stub prints ⏳ "not solved yet" and raises ExerciseNotSolved in strict mode."""
    assert checker(*args) is None
    out = capsys.readouterr().out
    assert out.startswith("⏳") and "not solved yet" in out, out
    with pytest.raises(ExerciseNotSolved):
        checker(*args, strict=True)


def assert_explained(checker, args, hint, capsys, *, pattern=False):
    """A wrong answer prints ✗ with ``hint`` (a regular expression when ``pattern``) and raises an
    AssertionError that is not ExerciseNotSolved, with the same hint, in strict mode."""
    found = (lambda text: re.search(hint, text)) if pattern else (lambda text: hint in text)
    assert checker(*args) is None
    out = capsys.readouterr().out
    assert out.startswith("✗") and found(out), out
    with pytest.raises(AssertionError) as caught:
        checker(*args, strict=True)
    assert found(str(caught.value)) and not isinstance(caught.value, ExerciseNotSolved)
