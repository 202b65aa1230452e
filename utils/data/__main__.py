"""``python -m utils.data build [OUT]``: rebuild the course's data folder (``make data``)."""

import sys

from utils.data.build import build
from utils.data.catalog import DATA_DIR

__all__ = ["main"]


def main(argv: list[str]) -> int:
    if not argv or argv[0] != "build" or len(argv) > 2:
        print("usage: python -m utils.data build [OUT_DIR]", file=sys.stderr)
        return 2
    out = argv[1] if len(argv) == 2 else DATA_DIR
    for file, digest in build(out).items():
        print(f"{digest}  {file}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
