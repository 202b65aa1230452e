"""Regenerate the course's navigation from the notebooks' header cells.

    python -m tools.navigation          # rewrite what is stale (`make nav`)
    python -m tools.navigation --check  # only report what is stale (exit 1)

It writes three things, all derived from cell 1 (the header) of every ``NN_*.ipynb``:
the ``< previous | contents | next >`` line in the first and last cell of every notebook (cells
tagged ``navigation``), the course map in ``00_index.ipynb`` (the cell tagged ``course-map``) and
the syllabus table in README.md (between the ``syllabus`` markers).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

from tools.execute import NOTEBOOKS, ROOT, course_order

README = ROOT / "README.md"
START, END = "<!-- syllabus:start -->", "<!-- syllabus:end -->"


@dataclass(frozen=True)
class Header:
    """What the navigation needs from one notebook's header cell."""

    file: str
    title: str
    purpose: str
    minutes: int


def read_header(path: Path) -> Header:
    """Parse title, purpose and estimated time from cell 1; raise ValueError if it is malformed."""
    nb = nbformat.read(path, as_version=4)
    text = nb.cells[1].source if len(nb.cells) > 1 else ""
    title = re.search(r"^# (.+)$", text, re.MULTILINE)
    purpose = re.search(r"^\*([^*].*[^*])\*\s*$", text, re.MULTILINE)
    minutes = re.search(r"\*\*Estimated time:\*\*\s*(\d+)\s*min", text)
    if not (title and purpose and minutes):
        raise ValueError(f"{path.name}: cell 1 must hold '# title', an *italic purpose* line and "
                         f"'**Estimated time:** N min' (see CONTRIBUTING.md)")
    return Header(path.name, title.group(1).strip(), purpose.group(1).strip(),
                  int(minutes.group(1)))


def headers() -> list[Header]:
    return [read_header(p) for p in course_order(NOTEBOOKS)]


def nav_line(items: list[Header], i: int) -> str:
    """``< previous | contents | next >`` for notebook ``i`` of ``items``."""
    parts = []
    if i > 0:
        parts.append(f"[< {items[i - 1].title}]({items[i - 1].file})")
    parts.append("[Contents](00_index.ipynb)")
    if i + 1 < len(items):
        parts.append(f"[{items[i + 1].title} >]({items[i + 1].file})")
    return " | ".join(parts)


def syllabus(items: list[Header], prefix: str) -> str:
    """A markdown table: every notebook with a link, its purpose and its estimated time."""
    rows = ["| # | Notebook | What you learn | Time |", "|---|---|---|---|"]
    for h in items:
        rows.append(f"| {h.file[:2]} | [{h.title}]({prefix}{h.file}) | {h.purpose} | "
                    f"{h.minutes} min |")
    total = sum(h.minutes for h in items)
    rows.append(f"| | **In all** | | **{total // 60} h {total % 60:02d} min** |")
    return "\n".join(rows)


def _set_tagged(nb, tag: str, text: str, positions: tuple[int, ...] | None = None) -> bool:
    """Set the source of the cells tagged ``tag``; return True if anything changed."""
    cells = [c for c in nb.cells if tag in c.metadata.get("tags", [])]
    if positions is not None and [nb.cells.index(c) for c in cells] != [
        p % len(nb.cells) for p in positions
    ]:
        raise ValueError(f"cells tagged {tag!r} must be the first and the last cell")
    changed = False
    for cell in cells:
        if cell.source != text:
            cell.source, changed = text, True
    return changed


def update(check: bool) -> list[str]:
    """Bring every generated part up to date (or only list the stale ones); return their names."""
    items = headers()
    stale = []
    for i, h in enumerate(items):
        path = NOTEBOOKS / h.file
        nb = nbformat.read(path, as_version=4)
        changed = _set_tagged(nb, "navigation", nav_line(items, i), (0, -1))
        if h.file.startswith("00_"):
            changed |= _set_tagged(nb, "course-map", "## The course map\n\n" + syllabus(items, ""))
        if changed:
            stale.append(str(path.relative_to(ROOT)))
            if not check:
                nbformat.write(nb, path)
    readme = README.read_text()
    table = f"{START}\n{syllabus(items, 'notebooks/')}\n{END}"
    new = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: table, readme, flags=re.S)
    if new != readme:
        stale.append("README.md")
        if not check:
            README.write_text(new)
    return stale


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = update(check)
    for name in stale:
        print(("stale: " if check else "updated: ") + name)
    return 1 if check and stale else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
