"""Write student copies of the notebooks (solutions removed, exercise outputs cleared) and one
archive learners can unpack.

    python -m tools.student                      # every notebook -> build/student/notebooks/,
                                                 # and the archive build/student/rnn-course-student.zip
    python -m tools.student --out DIR [NB ...]   # chosen notebooks -> DIR/notebooks/ (no archive)
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
place. ``tests/test_student.py`` checks the copies.

**The archive** (``rnn-course-student.zip``, made with every notebook): one folder
``rnn-course/`` holding the student copies as ``notebooks/``, and ``data/``, ``utils/`` and the
set-up files (:data:`ARCHIVE_FILES`: README, Makefile, pyproject.toml, requirements.lock,
environment.yml, tools/course.py), so that ``make lab`` (or ``py tools\\course.py lab``) works in
the unpacked folder, from a ``wheelhouse/`` put beside the Makefile too. No solution, no deck (its
speaker notes hold the answers), no tests. ``tests/test_student_archive.py`` checks that no
solution line is anywhere in it.
"""

from __future__ import annotations

import argparse
import copy
import sys
import zipfile
from pathlib import Path

import nbformat

from tools.execute import ROOT, execute, notebooks

DEFAULT_OUT = ROOT / "build" / "student"
ARCHIVE = "rnn-course-student.zip"
#: The top folder inside the archive.
ARCHIVE_ROOT = "rnn-course"
#: The files and folders of the repository that the archive holds besides the student notebooks:
#: what `make lab` needs to set up and run the course.
ARCHIVE_FILES = ("README.md", "Makefile", "pyproject.toml", "requirements.lock", "environment.yml",
                 "tools/__init__.py", "tools/course.py", "data", "utils")
#: Never packed: caches and build leftovers.
SKIPPED = ("__pycache__", ".ipynb_checkpoints", ".pytest_cache", ".hypothesis")
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


def archive_members(copies: list[Path]) -> dict[str, Path]:
    """``{name in the archive: file on disk}``: the set-up files and ``data/`` and ``utils/``
    from the repository, and ``notebooks/`` from the student copies."""
    members = {}
    for name in ARCHIVE_FILES:
        path = ROOT / name
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            relative = file.relative_to(ROOT)
            if not set(SKIPPED) & set(relative.parts) and file.suffix != ".pyc":
                members[f"{ARCHIVE_ROOT}/{relative.as_posix()}"] = file
    for copy_path in copies:
        members[f"{ARCHIVE_ROOT}/notebooks/{copy_path.name}"] = copy_path
    return members


def write_archive(copies: list[Path], out: Path) -> Path:
    """Zip the student copies with what they need to run into ``out/`` :data:`ARCHIVE`."""
    target = out / ARCHIVE
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, path in archive_members(copies).items():
            info = zipfile.ZipInfo.from_file(path, name)
            info.date_time = (2026, 1, 1, 0, 0, 0)  # the same bytes from the same sources
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    return target


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
    if not args.notebooks:  # the whole course: the archive too
        target = write_archive(written, args.out.resolve())
        print(f"the learners' archive: {target} ({target.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
