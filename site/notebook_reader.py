"""How a notebook reads on the website: MyST-NB calls :func:`read` (``nb_custom_formats`` in
``conf.py``) instead of its plain reader, so the files in ``notebooks/`` stay as they are.

- Every code cell tagged ``solution`` is folded away (MyST-NB's ``hide-cell``: source and
  output behind a "Show solution N" button), as JupyterLab collapses it.
- After a cell that shows a widget, a note says that the widget shows its saved state (there is
  no kernel behind the page).
- Links to files of the repository are pointed at the site's pages that hold them (the README's
  set-up sections, the deck's README), or become plain text naming the file.

The same link rewriting serves the pages ``tools.site`` writes from README.md and
slides/README.md.
"""

from __future__ import annotations

import posixpath
import re

import nbformat

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_NOTE = """```{note}
On this page the widget above shows the state it was saved in: moving it changes nothing.
[Run the notebook](run-locally.md) to use it; the figure before it shows the same idea.
```"""

#: Files of the repository that are a page of the site: repository path -> page.
PAGES = {"README.md": "run-locally.md", "slides/README.md": "slides.md"}
#: README.md headings that the page run-locally.md holds (anchors that links may keep).
README_ANCHORS: set[str] = set()

LINK = re.compile(r"(?<!!)\[([^\]]+)\]\(([^)\s]+)\)")


def slug(heading: str) -> str:
    """The anchor MyST gives a heading (GitHub's rule): lower case, punctuation out, '-' joins."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def rewrite_links(markdown: str, folder: str) -> str:
    """Point the relative links of ``markdown`` (a file in repository folder ``folder``, "" for
    the top) at pages of the site; links to other repository files become plain text."""

    def link(match: re.Match) -> str:
        text, target = match.groups()
        if re.match(r"[a-z][a-z0-9+.-]*:|#", target):  # https:, mailto:, an anchor on the page
            return match.group(0)
        path, _, anchor = target.partition("#")
        repo_path = posixpath.normpath(posixpath.join(folder, path))
        if re.fullmatch(r"notebooks/\d\d_[^/]+\.ipynb", repo_path):
            page = repo_path.removeprefix("notebooks/")
            return f"[{text}]({page}{'#' + anchor if anchor else ''})"
        if repo_path in PAGES:
            keep = anchor and (repo_path != "README.md" or anchor in README_ANCHORS)
            return f"[{text}]({PAGES[repo_path]}{'#' + anchor if keep else ''})"
        if text.strip("`") == repo_path:
            return f"`{repo_path}`"
        return f"{text} (`{repo_path}` in the repository)"

    return LINK.sub(link, markdown)


def solution_prompts(source: str) -> dict[str, str]:
    """The fold's button: "Show solution 2" if the cell opens with "# Solution 2: ...", else
    "Show the solution"."""
    number = re.match(r"#\s*Solution\s+(\d+)", source.lstrip())
    name = f"solution {number.group(1)}" if number else "the solution"
    return {"code_prompt_show": f"Show {name}", "code_prompt_hide": f"Hide {name}"}


def read(text: str) -> nbformat.NotebookNode:
    """A notebook of ``notebooks/`` as the site shows it (the file is not changed)."""
    nb = nbformat.reads(text, as_version=4)
    cells = []
    for cell in nb.cells:
        tags = cell.metadata.get("tags", [])
        if cell.cell_type == "markdown":
            cell.source = rewrite_links(cell.source, "notebooks")
        elif cell.cell_type == "code" and "solution" in tags:
            cell.metadata["tags"] = [*tags, "hide-cell"]
            cell.metadata["mystnb"] = {**cell.metadata.get("mystnb", {}),
                                       **solution_prompts(cell.source)}
        cells.append(cell)
        if cell.cell_type == "code" and any(WIDGET_VIEW in out.get("data", {})
                                            for out in cell.get("outputs", [])):
            cells.append(nbformat.v4.new_markdown_cell(WIDGET_NOTE,
                                                       metadata={"tags": ["site-widget-note"]}))
    nb.cells = cells
    return nb
