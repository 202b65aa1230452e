"""Student copies (tools/student.py, `make student`): no solution survives, everything else does,
and every copy runs top to bottom with each check saying "not solved yet". The cut reads cell tags;
tests/test_course_conventions.py keeps the tags in place, tests/tools/ tests the cut itself.

Why the copies need not run a second time: a copy is its full notebook without the cells from
"## Solutions" on, every one of which comes after every lesson and exercise cell (checked
below). So a copy executes exactly the cells that strict nbval executes first in the full
notebook, in the same order, in a kernel in the same state, with the stubs unsolved: when nbval
passes on the full notebook, the copy runs without error and each of its checks prints what the
full notebook's stored check output says, "not solved yet" (checked below). Running the copies
again would re-run the whole course to learn nothing more.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from tools import student
from tools.execute import course_order

NOTEBOOKS = course_order()
IDS = [p.name for p in NOTEBOOKS]


def read(path: Path):
    return nbformat.read(path, as_version=4)


def tagged(nb, *tags: str) -> list[int]:
    """Indices of the cells carrying any of ``tags``."""
    return [i for i, c in enumerate(nb.cells) if set(tags) & set(student.tags(c))]


def text_of(output) -> str:
    if output.output_type == "stream":
        return output.text
    return str(output.get("data", {}).get("text/plain", ""))


@pytest.fixture(scope="module")
def copies(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("student")
    return {p.name: p for p in student.write_copies(NOTEBOOKS, out)}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_stored_check_says_not_solved_yet(path):
    nb = read(path)
    for i in tagged(nb, student.CHECK):
        said = "".join(text_of(o) for o in nb.cells[i].outputs)
        assert "not solved yet" in said, f"cell {i}: stored check output {said[:120]!r}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_no_solution_text_survives(path, copies):
    original, copy = read(path), read(copies[path.name])
    cut = set(tagged(original, student.SOLUTION))
    solutions = [original.cells[i] for i in sorted(cut)]
    elsewhere = "\n".join(c.source for i, c in enumerate(original.cells) if i not in cut)
    text = nbformat.writes(copy)
    for cell in solutions:
        for line in cell.source.splitlines():
            line = line.strip()
            if len(line) >= 8 and line not in elsewhere:
                assert line not in text, f"solution line survives: {line!r}"
    assert not tagged(copy, student.SOLUTION)
    assert not any(re.match(r"\s*## Solutions", c.source) for c in copy.cells)
    assert not re.search(r"check_\w+\([^)]*strict=True", text), "a strict checker call survives"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_everything_else_is_intact(path, copies):
    original, copy = read(path), read(copies[path.name])
    kept = [c for c in original.cells if student.SOLUTION not in student.tags(c)]
    assert [c.source for c in copy.cells] == [c.source for c in kept]
    cleared = {id(original.cells[i]) for i in tagged(original, student.EXERCISE, student.CHECK)}
    for before, after in zip(kept, copy.cells, strict=True):
        assert after.metadata == before.metadata
        if before.cell_type != "code":
            continue
        if id(before) in cleared:
            assert after.outputs == [] and after.execution_count is None
        else:
            assert after.outputs == before.outputs


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_the_copy_is_the_full_notebook_up_to_its_solutions(path, copies):
    """What a copy executes is the beginning of what strict nbval executes (module docstring)."""
    original, copy = read(path), read(copies[path.name])
    solutions = tagged(original, student.SOLUTION)
    lesson = [i for i, c in enumerate(original.cells)
              if i not in solutions and "navigation" not in c.metadata.get("tags", [])]
    if solutions:
        assert max(lesson) < min(solutions), "a lesson cell after the solutions would run in the copy without them"
        assert solutions == list(range(min(solutions), max(solutions) + 1)), "one solutions block"
    code = [c for c in copy.cells if c.cell_type == "code"]
    full_code = [original.cells[i] for i in lesson if original.cells[i].cell_type == "code"]
    assert [c.source for c in code] == [c.source for c in full_code]
    checks = tagged(copy, student.CHECK)
    assert len(checks) >= 2 or path.name.startswith("00_"), "every lesson has exercises"
    for i in tagged(original, student.CHECK):  # what the copy's checks print, as nbval checks it
        said = "".join(text_of(o) for o in original.cells[i].outputs)
        assert "not solved yet" in said and "✓" not in said and "✗" not in said, (
            f"cell {i} said {said[:200]!r}")
