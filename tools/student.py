"""Write student copies of the notebooks: solutions removed, exercise outputs cleared.

    python -m tools.student                      # every notebook -> build/student/notebooks/
    python -m tools.student --out DIR [NB ...]   # chosen notebooks -> DIR/notebooks/
    python -m tools.student --run DIR/notebooks/07_time_series.ipynb  # execute a copy in place

Run it through `make student`. The cut reads nothing but the cells' tags (CONTRIBUTING.md,
"Exercises and solutions"; tests/test_course_conventions.py keeps them in place):

- cells tagged ``solution`` (the solution cells and the ``## Solutions`` heading) are removed;
- cells tagged ``exercise`` (the stub a learner fills in) or ``check`` (the cell calling the
  checker) lose their outputs and execution counts, so a learner sees no answer and no verdict
  before running them;
- everything else (text, figures, stored outputs, navigation, tags) stays as it is.

A copy runs from the top without an error: each check prints "not solved yet". The copies import
``utils``, which finds ``data/`` from its own location, so ``build/student/notebooks/`` works in
place; to hand them out, give learners the repository with these copies in place of
``notebooks/``. ``tests/test_student.py`` builds and runs them.
"""

from __future__ import annotations

import argparse
import copy
import sys
from pathlib import Path

import nbformat

from tools.execute import ROOT, execute, notebooks

DEFAULT_OUT = ROOT / "build" / "student"
SOLUTION, EXERCISE, CHECK = "solution", "exercise", "check"


def tags(cell) -> list[str]:
    return cell.metadata.get("tags", [])


def student_copy(nb):
    """A copy of notebook ``nb``: cells tagged ``solution`` removed, the outputs and execution
    counts of cells tagged ``exercise`` or ``check`` cleared, everything else unchanged."""
    nb = copy.deepcopy(nb)
    kept = []
    for cell in nb.cells:
        if SOLUTION in tags(cell):
            continue
        if cell.cell_type == "code" and {EXERCISE, CHECK} & set(tags(cell)):
            cell.outputs, cell.execution_count = [], None
        kept.append(cell)
    nb.cells = kept
    return nb


def write_copies(paths: list[Path], out: Path) -> list[Path]:
    """Write the student copy of each notebook to ``out/notebooks/``; return the new paths."""
    folder = out / "notebooks"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for path in paths:
        cut = student_copy(nbformat.read(path, as_version=4))
        nbformat.validate(cut)
        nbformat.write(cut, folder / path.name)
        written.append(folder / path.name)
    return written


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", help="notebooks to copy (default: all)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help="folder that receives notebooks/ (default: build/student)")
    parser.add_argument("--run", action="store_true",
                        help="execute the given (student) notebooks in place instead of copying")
    args = parser.parse_args(argv)
    if args.run:
        if not args.notebooks:  # never the course's own notebooks by default
            parser.error("--run needs the student notebooks to execute")
        for path in notebooks(args.notebooks):
            print(f"{execute(path):6.1f} s  {path.name}", flush=True)
        return 0
    written = write_copies(notebooks(args.notebooks), args.out.resolve())
    where = written[0].parent if written else args.out
    print(f"{len(written)} student notebooks in {where}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
