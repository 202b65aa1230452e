"""tools.execute: the course's notebooks in order, and the executor of `make notebooks` and
`make student` (two tiny notebooks run in a kernel: no TensorFlow, a few seconds)."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest
from nbclient.exceptions import CellExecutionError
from nbformat.v4 import new_code_cell, new_notebook

from tools import execute


def touch(folder: Path, *names: str) -> None:
    for name in names:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(new_notebook(), folder / name)


def test_course_order_is_by_number_and_only_numbered_notebooks(tmp_path):
    touch(tmp_path, "11_gru.ipynb", "02_b.ipynb", "00_index.ipynb", "notes.ipynb",
          "1_short.ipynb", "02_b.py", ".ipynb_checkpoints/02_b-checkpoint.ipynb")
    names = [p.name for p in execute.course_order(tmp_path)]
    assert names == ["00_index.ipynb", "02_b.ipynb", "11_gru.ipynb"]


def test_the_course_starts_at_the_index_and_runs_in_number_order():
    course = execute.course_order()
    numbers = [int(p.name[:2]) for p in course]
    assert course[0].name == "00_index.ipynb"
    assert numbers == list(range(len(course)))
    assert execute.notebooks([]) == course


def test_notebooks_expands_folders_keeps_files_and_names_what_is_missing(tmp_path):
    touch(tmp_path / "a", "01_x.ipynb", "00_y.ipynb")
    touch(tmp_path, "05_z.ipynb")
    given = [str(tmp_path / "05_z.ipynb"), str(tmp_path / "a")]
    assert [p.name for p in execute.notebooks(given)] == ["05_z.ipynb", "00_y.ipynb",
                                                           "01_x.ipynb"]
    with pytest.raises(SystemExit, match="no such notebook: .*nothing.ipynb"):
        execute.notebooks([str(tmp_path / "nothing.ipynb")])


def test_execute_twice_stores_the_same_bytes_and_runs_in_the_given_folder(tmp_path):
    nb = new_notebook(cells=[
        new_code_cell("import os\nprint(os.getcwd())"),
        new_code_cell("import ipywidgets\nipywidgets.VBox([ipywidgets.IntSlider(3)])"),
    ])
    source = tmp_path / "demo.ipynb"
    nbformat.write(nb, source)
    work = tmp_path / "work"
    work.mkdir()
    outs = [tmp_path / "first.ipynb", tmp_path / "second.ipynb"]
    for out in outs:
        assert execute.execute(source, out=out, cwd=work) > 0
    assert outs[0].read_bytes() == outs[1].read_bytes()
    ran = nbformat.read(outs[0], as_version=4)
    assert os.path.samefile(ran.cells[0].outputs[0].text.strip(), work)
    assert [c.execution_count for c in ran.cells] == [1, 2]
    assert ran.metadata.widgets  # the saved widget state is kept


def test_a_failing_cell_raises_and_writes_nothing(tmp_path):
    source = tmp_path / "broken.ipynb"
    nbformat.write(new_notebook(cells=[new_code_cell("1 / 0")]), source)
    before = source.read_bytes()
    with pytest.raises(CellExecutionError, match="ZeroDivisionError"):
        execute.execute(source)
    assert source.read_bytes() == before


def test_consecutive_stream_outputs_are_merged_and_others_kept():
    import nbformat

    from tools.execute import coalesce_streams

    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("print(1); print(2)")
    cell.outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="a\n"),
        nbformat.v4.new_output("stream", name="stdout", text="b\n"),
        nbformat.v4.new_output("stream", name="stderr", text="warn\n"),
        nbformat.v4.new_output("execute_result", data={"text/plain": "3"}, execution_count=1),
        nbformat.v4.new_output("stream", name="stdout", text="c\n"),
    ]
    nb.cells = [cell, nbformat.v4.new_markdown_cell("text")]
    outputs = coalesce_streams(nb).cells[0].outputs
    assert [(o.output_type, o.get("name"), o.get("text")) for o in outputs] == [
        ("stream", "stdout", "a\nb\n"), ("stream", "stderr", "warn\n"),
        ("execute_result", None, None), ("stream", "stdout", "c\n")]


def test_a_lost_kernel_info_reply_is_waited_for_briefly_then_retried():
    """nbclient would wait a whole cell timeout (300 s) for a kernel_info reply lost on a busy
    machine; the course's client gives up after KERNEL_INFO_TIMEOUT, and execute() then starts a
    new kernel (a kernel that never ran a cell is retried)."""
    import asyncio

    client = execute._Client(new_notebook(), timeout=300)
    assert client._get_timeout(None) == execute.KERNEL_INFO_TIMEOUT < 60
    assert client._get_timeout(new_code_cell("x = 1")) == 300
    with pytest.raises(TimeoutError, match="no kernel_info reply within 20 s"):
        asyncio.run(client._async_handle_timeout(20, None))


def test_waits_for_kernel_messages_are_cut_into_slices_with_the_same_total():
    """A message noticed only at the end of a long wait is picked up by the next short one."""
    import asyncio
    import time
    from queue import Empty

    calls = []

    async def get_msg(timeout=None):
        calls.append(timeout)
        if len(calls) < 3:
            raise Empty  # "nothing yet", twice
        return {"msg": "reply"}

    sliced = execute._sliced(get_msg)
    assert asyncio.run(sliced(timeout=300)) == {"msg": "reply"}
    assert calls == [execute.WAIT_SLICE] * 3

    async def never(timeout=None):
        raise Empty

    start = time.monotonic()
    with pytest.raises(Empty):
        asyncio.run(execute._sliced(never)(timeout=0.05))
    assert time.monotonic() - start < 1.0  # the total wait is the one asked for
