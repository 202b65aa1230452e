"""tools.student: the student copy is cut by cell tags alone."""

from __future__ import annotations

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from tools import student


def code(source: str, count: int, *tags: str, text: str = "out\n", **metadata):
    cell = new_code_cell(source, execution_count=count,
                         outputs=[new_output("stream", name="stdout", text=text)])
    cell.metadata.update(metadata)
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def tagged_notebook():
    """A lesson in miniature: a lesson cell, one exercise (heading, stub, check), a cell after
    it that uses the library, the Solutions section, the closing navigation."""
    return new_notebook(cells=[
        new_markdown_cell("# 99 · A lesson"),
        code("x = 1\nprint(x)", 1, text="1\n"),
        new_markdown_cell("### Exercise 1: double it"),
        code("answer = ...", 2, "exercise", "nbval-ignore-output", text="a hint\n"),
        code("check_double(answer)", 3, "check", text="Exercise 1: not solved yet\n"),
        code("print(2 * x)", 4, text="2\n"),
        new_markdown_cell("## Solutions", metadata={"tags": ["solution"]}),
        code("answer = 2 * x\ncheck_double(answer, strict=True)", 5, "solution",
             text="✓ correct\n", jupyter={"source_hidden": True}),
        new_markdown_cell("[Contents](00_index.ipynb)", metadata={"tags": ["navigation"]}),
    ])


def test_solution_cells_go_exercise_cells_are_cleared_the_rest_stays():
    nb = tagged_notebook()
    cut = student.student_copy(nb)
    kept = [c for i, c in enumerate(nb.cells) if i not in (6, 7)]
    assert [c.source for c in cut.cells] == [c.source for c in kept]
    assert [c.metadata for c in cut.cells] == [c.metadata for c in kept]
    stub, check = cut.cells[3], cut.cells[4]
    assert stub.outputs == check.outputs == []
    assert stub.execution_count is check.execution_count is None
    for before, after in [(nb.cells[1], cut.cells[1]), (nb.cells[5], cut.cells[5])]:
        assert (after.outputs, after.execution_count) == (before.outputs, before.execution_count)


def test_the_cut_reads_tags_not_headings():
    nb = tagged_notebook()
    nb.cells[2].source = "A task in other words"   # no heading: the tags still mark the exercise
    nb.cells[6].source = "## Answers"              # a renamed heading still goes with its tag
    cut = student.student_copy(nb)
    assert len(cut.cells) == len(nb.cells) - 2
    assert cut.cells[3].outputs == cut.cells[4].outputs == []


def test_the_input_is_not_mutated_and_the_copies_are_valid(tmp_path):
    nb = tagged_notebook()
    before = nbformat.writes(nb)
    student.student_copy(nb)
    assert nbformat.writes(nb) == before
    path = tmp_path / "99_lesson.ipynb"
    nbformat.write(nb, path)
    [written] = student.write_copies([path], tmp_path / "out")
    assert written == tmp_path / "out" / "notebooks" / "99_lesson.ipynb"
    assert nbformat.read(written, as_version=4) == student.student_copy(nb)


def test_run_without_notebooks_refuses_rather_than_executing_the_course(capsys):
    with pytest.raises(SystemExit) as stopped:
        student.main(["--run"])
    assert stopped.value.code == 2
    assert "--run needs the student notebooks" in capsys.readouterr().err
