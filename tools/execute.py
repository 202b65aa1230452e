"""The one notebook executor, shared by `make notebooks` (tools.run_notebooks) and `make student`
(tools.student): the course's notebooks in order, and each run top to bottom in a fresh kernel.

Run under the Makefile, which exports the environment of `make test`, so the stored outputs are
the ones strict nbval expects. Each run starts a new kernel, so execution counts read 1..n, and
the saved widget states get stable ids (tools.widget_ids) and each cell's printout is stored as one
stream output, so a second run stores the same bytes.
"""

from __future__ import annotations

import inspect
import time
from pathlib import Path
from queue import Empty

import nbformat
from nbclient import NotebookClient

from tools.widget_ids import stable_widget_ids

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"

CELL_TIMEOUT = 300
STARTUP_TIMEOUT = 120
#: On a loaded machine the kernel's first kernel_info reply is sometimes lost, and nbclient would
#: wait a whole cell timeout for it; we wait this long, then start a new kernel instead.
KERNEL_INFO_TIMEOUT = 20
#: A kernel that fails to *start* (or to answer) is retried; a failing cell is not.
START_ATTEMPTS = 3


#: A wait for a kernel message is cut into slices this long (seconds); see _sliced.
WAIT_SLICE = 1.0


class _Client(NotebookClient):
    """nbclient's client, with a short wait for the kernel_info reply (see KERNEL_INFO_TIMEOUT)
    and waits for messages cut into slices (see :func:`_sliced`)."""

    async def async_start_new_kernel_client(self):
        kc = await super().async_start_new_kernel_client()
        for channel in (kc.shell_channel, kc.iopub_channel):
            channel.get_msg = _sliced(channel.get_msg)
        return kc

    def _get_timeout(self, cell):
        return KERNEL_INFO_TIMEOUT if cell is None else super()._get_timeout(cell)

    async def _async_handle_timeout(self, timeout, cell=None):
        if cell is None:
            raise TimeoutError(f"the kernel sent no kernel_info reply within {timeout} s")
        return await super()._async_handle_timeout(timeout, cell)


def course_order(folder: Path = NOTEBOOKS) -> list[Path]:
    """The notebooks ``NN_*.ipynb`` of ``folder`` in course order (by their number)."""
    return sorted(folder.glob("[0-9][0-9]_*.ipynb"), key=lambda p: (int(p.name[:2]), p.name))


def notebooks(args: list[str]) -> list[Path]:
    """The notebooks named by ``args``: files as given, folders in course order; none: the course.

    Raises SystemExit naming the paths that are not files.
    """
    paths: list[Path] = []
    for arg in args or [str(NOTEBOOKS)]:
        path = Path(arg)
        paths += course_order(path) if path.is_dir() else [path]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise SystemExit(f"no such notebook: {', '.join(missing)}")
    return paths


def execute(path: Path, out: Path | None = None, cwd: Path | None = None,
            cell_times: list | None = None) -> float:
    """Run notebook ``path`` top to bottom in a fresh kernel and return the seconds it took.

    The kernel starts in ``cwd`` (default: the notebook's folder). The executed notebook, with
    stable widget ids, is written to ``out`` (default: ``path`` itself), and only if every cell
    ran: a failing cell raises nbclient's ``CellExecutionError`` and writes nothing. Given a
    list ``cell_times``, each code cell's ``(index, seconds, first line)`` is appended to it (the
    written notebook holds no timing either way).
    """
    cwd = path.parent if cwd is None else cwd
    for attempt in range(1, START_ATTEMPTS + 1):
        nb = nbformat.read(path, as_version=4)
        client = _Client(
            nb, timeout=CELL_TIMEOUT, startup_timeout=STARTUP_TIMEOUT, kernel_name="python3",
            record_timing=cell_times is not None, resources={"metadata": {"path": str(cwd)}},
        )
        start = time.perf_counter()
        try:
            client.execute()
            break
        except Exception as exc:
            if client.code_cells_executed > 0 or attempt == START_ATTEMPTS:
                raise  # a cell failed (or the kernel never came up): the notebook's problem
            print(f"kernel did not start for {path.name} ({exc!r}); retrying", flush=True)
    seconds = time.perf_counter() - start
    if cell_times is not None:
        cell_times += _cell_times(nb)
    nbformat.write(stable_widget_ids(coalesce_streams(nb), path.stem), out or path)
    return seconds


def _cell_times(nb) -> list[tuple[int, float, str]]:
    """``(index, seconds, first line)`` of every executed code cell, and the timing metadata
    removed again (so that a timed notebook stores the same bytes as an untimed one)."""
    from datetime import datetime

    found = []
    for i, cell in enumerate(nb.cells):
        stamps = cell.get("metadata", {}).pop("execution", None)
        if cell.cell_type != "code" or not stamps:
            continue
        begin = stamps.get("iopub.execute_input") or stamps.get("shell.execute_request")
        end = stamps.get("shell.execute_reply")
        if begin and end:
            seconds = (datetime.fromisoformat(end.replace("Z", "+00:00"))
                       - datetime.fromisoformat(begin.replace("Z", "+00:00"))).total_seconds()
            found.append((i, seconds, (cell.source.splitlines() or [""])[0][:60]))
    return found


def _sliced(get_msg):
    """``get_msg(timeout)`` that waits in slices of WAIT_SLICE seconds up to ``timeout``.

    On a loaded machine a message that has arrived is sometimes noticed only when a long wait
    for it times out (seen as notebooks that stalled for exactly one cell timeout, 300 s, and
    then finished normally); polling again every second picks such a message up at once. The
    total wait, and the Empty raised at its end, are unchanged.
    """

    async def sliced(timeout=None, **kwargs):
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            left = WAIT_SLICE if deadline is None else max(0.0, deadline - time.monotonic())
            try:
                msg = get_msg(timeout=min(WAIT_SLICE, left), **kwargs)
                return await msg if inspect.isawaitable(msg) else msg
            except Empty:
                if deadline is not None and time.monotonic() >= deadline:
                    raise

    return sliced


def coalesce_streams(nb):
    """Merge each cell's consecutive outputs to the same stream into one, in place; return ``nb``.

    How a kernel chunks what a cell prints depends on timing, so without this the same printout
    is stored as one output on one run and as two on the next (nbval joins them when it
    compares; ``git diff`` does not).
    """
    for cell in nb.cells:
        merged = []
        for output in cell.get("outputs", []):
            if (output.get("output_type") == "stream" and merged
                    and merged[-1].get("output_type") == "stream"
                    and merged[-1].get("name") == output.get("name")):
                merged[-1]["text"] = merged[-1]["text"] + output["text"]
            else:
                merged.append(output)
        if "outputs" in cell:
            cell.outputs = merged
    return nb
