"""Write student copies of the notebooks: solutions removed, exercise outputs cleared.

    python tools/student.py                     # every notebook -> build/student/notebooks/
    python tools/student.py --out DIR [NB ...]  # chosen notebooks -> DIR/notebooks/
    python tools/student.py --run DIR/notebooks/07_time_series.ipynb   # execute one copy in place

Run it through `make student`. In each copy:

- the cells tagged ``solution`` and the ``## Solutions`` heading are removed;
- the code cells of each exercise (those between a ``### Exercise N:`` heading and the next
  heading: the stub and its check) lose their outputs and execution counts, so a learner sees no
  answer and no verdict before running them;
- everything else (text, figures, stored outputs, navigation) stays as it is.

A copy runs from the top without an error: each check prints "not solved yet". The copies import
``utils``, which finds ``data/`` from its own location, so ``build/student/notebooks/`` works in
place; to hand them out, give learners the repository with these copies in place of
``notebooks/``. ``tests/test_student.py`` builds and runs them.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "build" / "student"
SOLUTION_TAG = "solution"
EXERCISE = re.compile(r"^### Exercise \d+:", re.MULTILINE)
HEADING = re.compile(r"^#{1,6} ", re.MULTILINE)
SOLUTIONS = re.compile(r"\A\s*## Solutions\s*$", re.MULTILINE)


def is_solution(cell) -> bool:
    return SOLUTION_TAG in cell.metadata.get("tags", [])


def is_solutions_heading(cell) -> bool:
    return cell.cell_type == "markdown" and bool(SOLUTIONS.match(cell.source))


def exercise_cells(nb) -> list[int]:
    """Indices of the code cells of every exercise: after a markdown cell holding a
    ``### Exercise N:`` heading, up to the next markdown cell holding any heading."""
    inside, found = False, []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            if EXERCISE.search(cell.source):
                inside = True
            elif HEADING.search(cell.source):
                inside = False
        elif inside and not is_solution(cell):
            found.append(i)
    return found


def student_copy(nb):
    """A new notebook: ``nb`` without solutions, with the exercise cells' outputs cleared."""
    nb = nbformat.from_dict(nb)  # a deep copy
    clear = set(exercise_cells(nb))
    cells = []
    for i, cell in enumerate(nb.cells):
        if is_solution(cell) or is_solutions_heading(cell):
            continue
        if i in clear:
            cell.outputs, cell.execution_count = [], None
        cells.append(cell)
    nb.cells = cells
    return nb


def write_copies(paths: list[Path], out: Path) -> list[Path]:
    """Write the student copy of each notebook to ``out/notebooks/``; return the new paths."""
    folder = out / "notebooks"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for path in paths:
        copy = student_copy(nbformat.read(path, as_version=4))
        nbformat.validate(copy)
        nbformat.write(copy, folder / path.name)
        written.append(folder / path.name)
    return written


def run_copy(path: Path, timeout: int = 900) -> float:
    """Execute ``path`` top to bottom in a fresh kernel (as `make notebooks` does), write the
    result back, and return the seconds taken. Raises ``CellExecutionError`` on an error."""
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    try:
        client.execute()
    finally:
        nbformat.write(nb, path)
    return time.perf_counter() - start


def notebooks(args: list[str]) -> list[Path]:
    paths = [Path(a) for a in args] or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise SystemExit(f"no such notebook: {', '.join(missing)}")
    return paths


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", help="notebooks to copy (default: all)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help="folder that receives notebooks/ (default: build/student)")
    parser.add_argument("--run", action="store_true",
                        help="execute the given (student) notebooks in place instead of copying")
    args = parser.parse_args(argv)
    if args.run:
        for path in notebooks(args.notebooks):
            print(f"{run_copy(path):6.1f} s  {path.name}", flush=True)
        return 0
    written = write_copies(notebooks(args.notebooks), args.out.resolve())
    where = written[0].parent if written else args.out
    print(f"{len(written)} student notebooks in {where}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
