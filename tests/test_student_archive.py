"""The learners' archive of `make student` (tools/student.py): one zip that unpacks into a course
folder with the student notebooks in place of the full ones, the data, utils and the set-up
files, and no solution anywhere.

"No solution anywhere" is checked line by line: every line of every solution cell (8 characters
or more, and not also in a lesson cell of its notebook) is looked for in every file of the
archive. One exception, stated rather than hidden: ``utils/exercises/`` holds the checkers, which
compute the right answer to compare with, so their source may share lines with a solution (a
learner who reads a checker's source finds the reference; ``help()`` on a checker shows none,
tests/exercises/test_no_answers_in_help.py). The rest of ``utils`` may share only generic loop
headers with a solution (``for t in range(...)``).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest

from tools import student
from tools.execute import course_order

ROOT = Path(__file__).resolve().parents[1]
TOP = student.ARCHIVE_ROOT


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("student")
    copies = student.write_copies(course_order(), out)
    return student.write_archive(copies, out)


@pytest.fixture(scope="module")
def members(archive) -> dict[str, bytes]:
    with zipfile.ZipFile(archive) as zipped:
        return {name: zipped.read(name) for name in zipped.namelist()}


def solution_lines(path: Path) -> set[str]:
    nb = nbformat.read(path, as_version=4)
    solutions = [c for c in nb.cells if student.SOLUTION in student.tags(c)]
    lesson = "\n".join(c.source for c in nb.cells if student.SOLUTION not in student.tags(c))
    return {line.strip() for cell in solutions for line in cell.source.splitlines()
            if len(line.strip()) >= 8 and line.strip() not in lesson}


def test_the_archive_holds_the_course_to_set_up_and_run(members):
    names = set(members)
    assert all(name.startswith(f"{TOP}/") for name in names), "one top folder"
    notebooks = sorted(n.split("/")[-1] for n in names if n.startswith(f"{TOP}/notebooks/"))
    assert notebooks == [p.name for p in course_order()], "every notebook, and only those"
    for needed in ("README.md", "Makefile", "pyproject.toml", "requirements.lock",
                   "environment.yml", "tools/course.py", "utils/__init__.py", "data/gdp.csv",
                   "data/SHA256SUMS"):
        assert f"{TOP}/{needed}" in names, f"{needed} is missing"
    data = {p.name for p in (ROOT / "data").iterdir() if p.is_file()}
    assert {n.split("/")[-1] for n in names if n.startswith(f"{TOP}/data/")} == data
    for unwanted in ("slides/", "tests/", "build/", "site/", ".venv/", "__pycache__", "wheelhouse/"):
        assert not [n for n in names if f"/{unwanted}" in n], f"{unwanted} does not belong in it"


def test_its_notebooks_are_the_student_copies(members):
    for path in course_order():
        nb = nbformat.reads(members[f"{TOP}/notebooks/{path.name}"].decode(), as_version=4)
        assert nb.cells == student.student_copy(nbformat.read(path, as_version=4)).cells
        assert not any(student.SOLUTION in student.tags(c) for c in nb.cells)
        assert not any(re.match(r"\s*## Solutions", c.source) for c in nb.cells)
        assert not re.search(r"check_\w+\([^)]*strict=True", nbformat.writes(nb))


def test_no_solution_line_is_anywhere_in_it(members):
    texts = {}
    for name, data in members.items():
        try:
            texts[name] = data.decode("utf-8")
        except UnicodeDecodeError:
            continue  # no binary file in it today; a solution is text anyway
    leaks = []
    for path in course_order():
        for line in solution_lines(path):
            for name, text in texts.items():
                if line not in text:
                    continue
                checker = name.startswith(f"{TOP}/utils/exercises/")
                generic = name.startswith(f"{TOP}/utils/") and re.match(r"for \w+ in range\(", line)
                if not (checker or generic):
                    leaks.append(f"{path.name}: {line!r} in {name}")
    assert not leaks, leaks[:10]


def test_the_unpacked_folder_finds_its_data_and_its_python(archive, tmp_path):
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(tmp_path)
    folder = tmp_path / TOP
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    loaded = subprocess.run(
        [sys.executable, "-c", "import utils; from utils.data import load; "
         "print(utils.__file__); print(len(load('gdp')))"],
        cwd=folder, env=env, capture_output=True, text=True, timeout=120)
    assert loaded.returncode == 0, loaded.stderr
    where, rows = loaded.stdout.split()
    assert Path(where).is_relative_to(folder), f"imported {where}, not the archive's utils"
    assert int(rows) > 200
    chosen = subprocess.run([sys.executable, "tools/course.py", "python"], cwd=folder,
                            capture_output=True, text=True, timeout=120)
    assert chosen.returncode == 0 and "Python 3." in chosen.stdout, chosen.stderr
