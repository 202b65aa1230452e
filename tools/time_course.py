"""Time the course as a learner runs it: every notebook top to bottom, one after another.

    python -m tools.time_course                 # every notebook (run it through `make time`)
    python -m tools.time_course notebooks/12_forecasting_showdown.ipynb

Each notebook runs in a fresh kernel, as in `make notebooks`, but into a temporary copy, so the
stored notebooks are not touched. Prints the seconds of every notebook, the total, and the
slowest cells; the budgets of the course (README, Timings) are 3 minutes for the whole course
and 30 s for any cell. Exits with status 1 if a budget is broken.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from tools.execute import execute, notebooks

COURSE_BUDGET = 180.0  # seconds, every notebook one after another
CELL_BUDGET = 30.0  # seconds, any one cell


def time_notebooks(paths: list[Path]) -> tuple[list[tuple[str, float]], list[tuple]]:
    """``[(notebook, seconds)]`` and ``[(seconds, notebook, cell index, first line)]``."""
    per_notebook, cells = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for path in paths:
            copy = Path(tmp) / path.name
            shutil.copy(path, copy)
            times: list = []
            seconds = execute(copy, cwd=path.parent, cell_times=times)
            per_notebook.append((path.name, seconds))
            cells += [(s, path.name, i, line) for i, s, line in times]
            print(f"{seconds:6.1f} s  {path.name}", flush=True)
    return per_notebook, sorted(cells, reverse=True)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", help="notebooks (default: the whole course)")
    parser.add_argument("--slowest", type=int, default=8, help="how many cells to list")
    args = parser.parse_args(argv)
    per_notebook, cells = time_notebooks(notebooks(args.notebooks))
    total = sum(s for _, s in per_notebook)
    print(f"{total:6.1f} s  in all ({len(per_notebook)} notebooks)")
    print(f"\nslowest cells (budget {CELL_BUDGET:.0f} s each):")
    for seconds, name, index, line in cells[: args.slowest]:
        print(f"{seconds:6.1f} s  {name} cell {index}: {line}")
    over = [c for c in cells if c[0] > CELL_BUDGET]
    whole_course = not args.notebooks
    if over or (whole_course and total > COURSE_BUDGET):
        print(f"\nover budget: {len(over)} cell(s) over {CELL_BUDGET:.0f} s"
              + (f"; the course takes {total:.0f} s > {COURSE_BUDGET:.0f} s"
                 if whole_course and total > COURSE_BUDGET else ""))
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
