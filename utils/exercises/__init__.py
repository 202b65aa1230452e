"""Exercise checkers: the machinery shared by every notebook's "check" cells.

Each notebook's checkers live in a module of this package named after its topic
(``utils.exercises.neurons`` and so on); each is a plain check function turned into a checker by
the decorator :func:`checker`.

A check cell calls ``check_something(answer)``: it prints one line that says whether the answer is
right, wrong (and why, tolerance included) or "not solved yet", and never raises, so the cells
after an unsolved exercise still run. The solution cells at the end of a notebook call the same
checker with ``strict=True``: then a wrong or missing answer raises, so every test run proves every
solution right.
"""

from utils.exercises.core import (
    ExerciseNotSolved,
    assert_close,
    assert_number,
    assert_shape,
    checker,
    require_solved,
    run_check,
)

__all__ = [
    "ExerciseNotSolved",
    "assert_close",
    "assert_number",
    "assert_shape",
    "checker",
    "require_solved",
    "run_check",
]
