"""Student copies (tools/student.py, `make student`): no solution survives, everything else does,
and every copy runs top to bottom with each check saying "not solved yet". The cut reads cell tags;
tests/test_course_conventions.py keeps the tags in place, tests/tools/ tests the cut itself.

The copies are written to a temporary folder and executed there, two kernels at a time (the
machine's two cores), while the tests below wait for their own notebook. This re-runs the whole
course once more; it is what an instructor hands out, so it must run.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest

from tools import student
from tools.execute import ROOT, course_order

NOTEBOOKS = course_order()
IDS = [p.name for p in NOTEBOOKS]
WORKERS = 2


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


@pytest.fixture(scope="module")
def runs(copies, request):
    """Start executing every selected copy (WORKERS at a time); each test waits for its own."""
    wanted = test_the_student_copy_runs_and_every_check_says_not_solved_yet.__name__
    selected = {item.callspec.params["path"].name for item in request.session.items
                if item.originalname == wanted}
    pool = ThreadPoolExecutor(max_workers=WORKERS)

    def run(path: Path):
        return subprocess.run([sys.executable, "-m", "tools.student", "--run", str(path)],
                              capture_output=True, text=True, timeout=1800,
                              env=dict(os.environ), cwd=ROOT)

    futures = {name: pool.submit(run, path) for name, path in copies.items() if name in selected}
    yield futures
    pool.shutdown(wait=True, cancel_futures=True)


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
def test_the_student_copy_runs_and_every_check_says_not_solved_yet(path, copies, runs):
    done = runs[path.name].result()
    assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]
    nb = read(copies[path.name])
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            errors = [o for o in cell.outputs if o.output_type == "error"]
            assert not errors or "raises-exception" in cell.metadata.get("tags", []), f"cell {i}"
    checks = tagged(nb, student.CHECK)
    assert len(checks) >= 2 or path.name.startswith("00_"), "every lesson has exercises"
    for i in checks:
        said = "".join(text_of(o) for o in nb.cells[i].outputs)
        assert "not solved yet" in said and "✓" not in said and "✗" not in said, (
            f"cell {i} said {said[:200]!r}")
