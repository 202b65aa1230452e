"""Execute notebooks in place and store their outputs: the only way outputs enter the repository.

    python -m tools.run_notebooks                       # every notebook, in course order
    python -m tools.run_notebooks notebooks/03_x.ipynb  # one (or several) notebooks

Run it through `make notebooks`, which sets the same environment variables as `make test`, so the
stored outputs are the ones strict nbval expects. Each notebook runs in a fresh kernel from the
top (tools.execute), so execution counts read 1..n, and its widget ids are stable, so running it
twice stores the same bytes.
"""

from __future__ import annotations

import sys

from tools.execute import execute, notebooks


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
