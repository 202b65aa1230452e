"""tools.time_course (`make time`): every notebook timed into a temporary copy, the stored
notebook untouched, cells listed slowest first, and a broken budget reported by the exit status
(two tiny notebooks in a kernel: no TensorFlow, a few seconds)."""

from __future__ import annotations

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

from tools import time_course


def write(path, *sources):
    nb = new_notebook(cells=[new_code_cell(s) for s in sources])
    nbformat.write(nb, path)
    return path.read_bytes()


def test_times_every_notebook_without_touching_it_and_lists_the_slowest_cells(tmp_path, capsys):
    before = write(tmp_path / "01_a.ipynb", "x = 1", "import time; time.sleep(0.3)")
    write(tmp_path / "02_b.ipynb", "print('hi')")
    status = time_course.main([str(tmp_path / "01_a.ipynb"), str(tmp_path / "02_b.ipynb")])
    out = capsys.readouterr().out
    assert status == 0
    assert (tmp_path / "01_a.ipynb").read_bytes() == before  # the stored notebook is untouched
    lines = out.splitlines()
    assert lines[0].endswith("01_a.ipynb") and lines[1].endswith("02_b.ipynb")
    assert "in all (2 notebooks)" in lines[2]
    slowest = lines[lines.index("slowest cells (budget 30 s each):") + 1]
    assert slowest.endswith("01_a.ipynb cell 1: import time; time.sleep(0.3)")
    assert float(slowest.split()[0]) >= 0.3


def test_a_cell_over_its_budget_fails(tmp_path, capsys, monkeypatch):
    write(tmp_path / "01_a.ipynb", "import time; time.sleep(0.2)")
    monkeypatch.setattr(time_course, "CELL_BUDGET", 0.1)
    assert time_course.main([str(tmp_path / "01_a.ipynb")]) == 1
    assert "over budget: 1 cell(s) over 0 s" in capsys.readouterr().out
