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


def execute(path: Path) -> float:
    """Run ``path`` top to bottom in a fresh kernel, write it back, return the seconds taken."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb, timeout=900, kernel_name="python3", record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    start = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - start
    nbformat.write(nb, path)
    return seconds


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
