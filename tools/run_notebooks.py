"""Execute notebooks in place and store their outputs: the only way outputs enter the repository.

    python tools/run_notebooks.py                      # every notebook, in order
    python tools/run_notebooks.py notebooks/03_x.ipynb # one (or several) notebooks

Run it through `make notebooks`, which sets the same environment variables as `make test`, so the
stored outputs are the ones strict nbval expects. Each notebook runs in a fresh kernel from the
top, so execution counts read 1..n.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]


def notebooks(args: list[str]) -> list[Path]:
    """The notebooks named by ``args`` (files or folders), in course order."""
    paths: list[Path] = []
    for arg in args or [str(ROOT / "notebooks")]:
        path = Path(arg)
        paths += sorted(path.glob("[0-9][0-9]_*.ipynb")) if path.is_dir() else [path]
    missing = [p for p in paths if not p.is_file()]
    if missing:
        raise SystemExit(f"no such notebook: {', '.join(map(str, missing))}")
    return paths


#: A kernel that fails to *start* (seen on a loaded machine) is retried; a failing cell is not.
#: A lost kernel_info reply makes nbclient wait a whole cell timeout: keep that at 300 s.
START_ATTEMPTS = 3


def execute(path: Path) -> float:
    """Run ``path`` top to bottom in a fresh kernel, write it back, return the seconds taken."""
    for attempt in range(1, START_ATTEMPTS + 1):
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(
            nb, timeout=300, startup_timeout=120, kernel_name="python3", record_timing=False,
            resources={"metadata": {"path": str(path.parent)}},
        )
        start = time.perf_counter()
        try:
            client.execute()
        except Exception as exc:
            if client.code_cells_executed > 0 or attempt == START_ATTEMPTS:
                raise  # a cell failed (or the kernel never came up): the notebook's problem
            print(f"kernel did not start for {path.name} ({exc!r}); retrying", flush=True)
            continue
        seconds = time.perf_counter() - start
        nbformat.write(nb, path)
        return seconds
    raise RuntimeError(f"no kernel could be started for {path.name}")


def main(args: list[str]) -> int:
    total = 0.0
    for path in notebooks(args):
        seconds = execute(path)
        total += seconds
        print(f"{seconds:6.1f} s  {path.name}", flush=True)
    print(f"{total:6.1f} s  in all")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
