"""No checker gives its answer away: ``help(check_...)`` shows the task, never the solution.

For every checker of every ``utils.exercises`` module, its docstring (and its module's) must hold
neither a numeric answer nor a formula of the notebook's solution cell for that exercise. The
formulas are read from the solution cells themselves (the right-hand sides of their ``return``s
and assignments, and the parenthesised pieces of those), compared without spaces, ``*``, ``@``,
backticks and the ``np.``/``math.`` prefixes, so that ``tanh(x W_x + h_prev W_h + b)`` in a
docstring matches ``np.tanh(x @ W_x + h_prev @ W_h + b)`` in a solution.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
from pathlib import Path

import pytest

import utils.exercises

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"

#: Numeric answers, each of which appears in its solution cell (source or output).
NUMERIC_ANSWERS = {
    "check_gate": ["1.5"],
    "check_xor_network": ["1.5", "0.5"],
    "check_saturation_point": ["5.99", "5.986"],
    "check_line_neuron": ["0.5"],
    "check_param_count": ["241"],
}

#: The shortest normalised fragment counted as a formula (shorter ones are names, not answers).
MIN_FORMULA = 7


def all_checkers() -> dict[str, object]:
    found = {}
    for info in pkgutil.iter_modules(utils.exercises.__path__, "utils.exercises."):
        module = importlib.import_module(info.name)
        for name in getattr(module, "__all__", []):
            if name.startswith("check_"):
                found[name] = getattr(module, name)
    return found


def solution_cells() -> dict[str, str]:
    """Checker name -> the source and text outputs of the solution cell that calls it."""
    cells = {}
    for path in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")):
        for cell in json.loads(path.read_text())["cells"]:
            tags = cell.get("metadata", {}).get("tags", [])
            if cell["cell_type"] != "code" or "solution" not in tags:
                continue
            source = "".join(cell["source"])
            called = re.search(r"(check_\w+)\((?:[^()]|\([^()]*\))*strict=True", source)
            if called:
                outputs = "".join("".join(o.get("text", "")) for o in cell.get("outputs", []))
                cells[called.group(1)] = source + "\n" + outputs
    return cells


def normalise(text: str) -> str:
    return re.sub(r"\s+|\*|@|`|\bnp\.|\bmath\.", "", text)


def formulas(source: str) -> set[str]:
    """The right-hand sides of the solution's code lines, and their parenthesised pieces."""
    found = set()
    for line in source.splitlines():
        code = line.split("#")[0].strip()
        if code.startswith(("def ", "check_", "import ", "from ", "print(")):
            continue
        rhs = re.match(r"return (.+)", code) or re.match(r"[\w\[\]\"', ]+?=\s*(.+)", code)
        if not rhs:
            continue
        whole = normalise(rhs.group(1))
        found.add(whole)
        found.update(piece for piece in re.findall(r"\([^()]*\)", whole))
    return {f for f in found if len(f) >= MIN_FORMULA}


CHECKERS = all_checkers()
SOLUTIONS = solution_cells()


def test_every_checker_has_a_solution_cell():
    assert set(CHECKERS) <= set(SOLUTIONS), sorted(set(CHECKERS) - set(SOLUTIONS))


def test_the_numeric_answers_are_those_of_the_solution_cells():
    for name, numbers in NUMERIC_ANSWERS.items():
        for number in numbers:
            assert number in SOLUTIONS[name], f"{number} is not in the solution of {name}"


@pytest.mark.parametrize("name", sorted(CHECKERS))
def test_help_text_shows_no_answer(name):
    checker = CHECKERS[name]
    module = importlib.import_module(checker.__module__)
    help_text = f"{checker.__doc__ or ''}\n{module.__doc__ or ''}"
    assert checker.__doc__, f"{name} has no docstring: say what the exercise asks"
    for number in NUMERIC_ANSWERS.get(name, []):
        assert not re.search(rf"(?<![\d.]){re.escape(number)}(?!\d)", help_text), \
            f"the help of {name} gives the answer {number}"
    flat = normalise(help_text)
    leaked = sorted(f for f in formulas(SOLUTIONS.get(name, "")) if f in flat)
    assert not leaked, f"the help of {name} shows the solution's formula {leaked}"
