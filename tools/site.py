"""Build the course as a static website, from the notebooks' stored outputs: build/site/.

    python -m tools.site                 # what `make site` runs (after `make slides`)
    python -m tools.site --check         # exit 1 unless build/site was built from the sources as they are

1. npm installs the versions locked in ``site/package-lock.json`` (KaTeX, the ipywidgets HTML
   manager) into ``.venv/site-node/``, once (again only when the lock changes), as the deck does;
2. a temporary folder gets the pages: the notebooks of :func:`tools.execute.course_order`,
   copied unchanged, and three pages written from files that exist anyway: ``index.md`` (the
   README's opening and the course map of :mod:`tools.navigation`, the same table as README's
   syllabus and 00_index's map), ``run-locally.md`` (the README's set-up, teaching and
   troubleshooting sections) and ``slides.md`` (slides/README.md, with a link to the deck);
3. Sphinx with MyST-NB and sphinx-book-theme (``site/conf.py``) writes the HTML. No notebook is
   executed: MyST-NB shows the stored outputs, ``site/notebook_reader.py`` folds the solutions.
   KaTeX typesets every formula now, at build time, with the stylesheet and fonts the deck uses;
   the widget manager's script and fonts are copied next to the pages; the deck
   (``build/slides/index.html``, built first if missing) is copied to ``slides/index.html``;
4. ``build/site/.sources.sha256`` records a digest of every input, so that a test can tell
   whether the site is stale (:func:`is_fresh`).

Nothing is fetched when the site is read: open ``build/site/index.html`` or serve the folder.
"""

from __future__ import annotations

import argparse
import filecmp
import hashlib
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tools.execute import NOTEBOOKS, ROOT, course_order
from tools.navigation import headers, syllabus

SITE = ROOT / "site"
OUT = ROOT / "build" / "site"
#: The temporary folder of one build, for site/conf.py: pages in src/, generated static files
#: (KaTeX's stylesheet, the widget manager) in static/, files copied as they are (the deck) in
#: extra/. Nothing of it stays in the repository's tree.
WORK_VARIABLE = "RNN_COURSE_SITE_WORK"
DECK = ROOT / "build" / "slides" / "index.html"
NODE_DIR = ROOT / ".venv" / "site-node"  # beside the deck's .venv/slides-node; `make clean` drops it
NODE_MODULES = NODE_DIR / "node_modules"
LOCKED = ("package.json", "package-lock.json")
STAMP = ".sources.sha256"

#: The README sections that the page run-locally.md holds, in README's order.
README_SECTIONS = ("Start", "Teaching this course", "Troubleshooting")
#: Everything whose change makes the built site stale (tools/site.py, site/, the notebooks...).
INPUTS = ("README.md", "slides/README.md", "requirements.lock", "tools/site.py",
          "tools/navigation.py")


def sources() -> list[Path]:
    """The files the site is built from, in a fixed order."""
    files = [ROOT / name for name in INPUTS] + course_order(NOTEBOOKS)
    files += sorted(p for p in SITE.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return files


def digest() -> str:
    """SHA-256 over the names and bytes of :func:`sources`."""
    sha = hashlib.sha256()
    for path in sources():
        sha.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    return sha.hexdigest()


def is_fresh(out: Path = OUT) -> bool:
    """True if ``out`` was built from the sources as they are now."""
    stamp = out / STAMP
    return stamp.is_file() and stamp.read_text().strip() == digest()


# --- npm ---------------------------------------------------------------------------------------

def ensure_node_modules(node_dir: Path = NODE_DIR) -> Path:
    """Install the locked npm packages into ``node_dir`` unless the same lock is installed."""
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        raise SystemExit("The site needs Node.js 20+ and npm, as the deck does (https://nodejs.org "
                         "or e.g. `apt-get install nodejs npm`); see README, 'The course as a "
                         "website'")
    node_dir.mkdir(parents=True, exist_ok=True)
    installed = node_dir / "node_modules" / ".package-lock.json"
    fresh = installed.exists() and all(
        (node_dir / name).exists() and filecmp.cmp(SITE / name, node_dir / name, shallow=False)
        for name in LOCKED)
    if not fresh:
        for name in LOCKED:
            shutil.copyfile(SITE / name, node_dir / name)
        print(f"npm ci in {node_dir.relative_to(ROOT)} (KaTeX, @jupyter-widgets/html-manager)",
              flush=True)
        subprocess.run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund",
                        "--loglevel=error"], cwd=node_dir, check=True)
    return node_dir / "node_modules"


def slides_build():
    """slides/build.py as a module (the deck's KaTeX stylesheet and build are shared)."""
    if "slides_build" not in sys.modules:
        spec = importlib.util.spec_from_file_location("slides_build", ROOT / "slides" / "build.py")
        module = sys.modules["slides_build"] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    return sys.modules["slides_build"]


# --- the pages ---------------------------------------------------------------------------------

def readme_sections(text: str, titles: tuple[str, ...]) -> list[str]:
    """The ``## title`` sections of a Markdown text (each to the next ``## ``), in its order."""
    parts = re.split(r"^(?=## )", text, flags=re.MULTILINE)
    found = [p.rstrip() for p in parts if p.startswith("## ")
             and p.splitlines()[0][3:].strip() in titles]
    if not found:
        raise ValueError(f"README.md has none of the sections {titles}")
    return found


def index_page(items) -> str:
    readme = (ROOT / "README.md").read_text()
    opening = readme.split("\n\n")[1].strip()  # the paragraph under the title
    names = "\n".join(Path(h.file).stem for h in items)
    return f"""# RNNs for Time Series

{opening}

This site shows every notebook of the course with the outputs stored in the repository:
figures, tables and printed results, as the last full run left them. Reading needs nothing but
a browser. To run the code, change it and move the widgets,
[run the course on your computer](run-locally.md) (one command: `make lab`). Each notebook ends
with its exercises; the solutions are folded away until you open them. Teaching it?
[The workshop deck](slides.md) follows the same path.

## The course map

{syllabus(items, "")}

```{{toctree}}
:caption: The course
:hidden:

{names}
```

```{{toctree}}
:caption: Beyond the notebooks
:hidden:

run-locally
slides
```
"""


def run_locally_page() -> str:
    import notebook_reader  # site/, on the path (see build)

    sections = readme_sections((ROOT / "README.md").read_text(), README_SECTIONS)
    body = notebook_reader.rewrite_links("\n\n".join(sections), "")
    return f"""# Run the course on your computer

The notebooks on this site are for reading. To run them, change the code and move the widgets,
install the course on your machine: the repository's README says how, and so does this page (it
is the README's own text).

{body}
"""


def slides_page() -> str:
    import notebook_reader

    text = notebook_reader.rewrite_links((ROOT / "slides" / "README.md").read_text(), "slides")
    title, _, rest = text.partition("\n")
    return f"""{title}

<p class="deck-link"><a href="slides/index.html"><b>Open the deck</b></a> (one HTML file, works
offline; arrows to move, F for full screen, S for speaker notes).</p>
{rest}"""


def lay_out_sources(items, source: Path) -> None:
    """Put the notebooks and the generated pages in ``source``."""
    source.mkdir(parents=True)
    for h in items:
        shutil.copy2(NOTEBOOKS / h.file, source / h.file)
    (source / "index.md").write_text(index_page(items))
    (source / "run-locally.md").write_text(run_locally_page())
    (source / "slides.md").write_text(slides_page())


def lay_out_static(modules: Path, static: Path, extra: Path) -> None:
    """KaTeX's stylesheet (fonts inlined, as in the deck), the widget manager and the deck."""
    (static / "katex").mkdir(parents=True)
    (static / "katex" / "katex.css").write_text(slides_build().katex_css(modules))
    dist = modules / "@jupyter-widgets" / "html-manager" / "dist"
    (static / "widgets").mkdir()
    for path in dist.iterdir():  # embed.js and the icon fonts it loads from beside itself
        if path.name == "embed.js" or path.suffix in (".woff2", ".woff", ".ttf", ".eot", ".svg"):
            shutil.copy2(path, static / "widgets" / path.name)
    if not DECK.exists():
        print("the deck is missing: building it (make slides)", flush=True)
        subprocess.run([sys.executable, str(ROOT / "slides" / "build.py")], check=True)
    (extra / "slides").mkdir(parents=True)
    shutil.copy2(DECK, extra / "slides" / "index.html")


def build(out: Path = OUT) -> float:
    """Build the site into ``out``; return the seconds it took."""
    start = time.perf_counter()
    sys.path.insert(0, str(SITE))
    modules = ensure_node_modules()
    items = headers()
    stamp = digest()
    if out.exists():  # a page whose notebook was renamed must not linger
        shutil.rmtree(out)
    with tempfile.TemporaryDirectory(prefix="rnn-course-site-") as folder:
        work = Path(folder)
        lay_out_sources(items, work / "src")
        lay_out_static(modules, work / "static", work / "extra")
        # Every build reads every page (a few seconds); -W: a warning (a broken link, a bad
        # formula) fails the build.
        done = subprocess.run(
            [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-W", "--keep-going",
             "-c", str(SITE), "-d", str(work / "doctrees"), str(work / "src"), str(out)],
            cwd=ROOT, env={**os.environ, WORK_VARIABLE: str(work)})
    if done.returncode:
        raise SystemExit(f"sphinx-build failed (exit {done.returncode}); see the messages above")
    (out / STAMP).write_text(stamp + "\n")
    seconds = time.perf_counter() - start
    pages = len(list(out.glob("*.html")))
    print(f"{out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}: {len(items)} notebooks, "
          f"{pages} pages, {seconds:.0f} s", flush=True)
    return seconds


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="only say whether build/site is up to date (exit 1 if not)")
    args = parser.parse_args(argv)
    if args.check:
        fresh = is_fresh()
        print("build/site is " + ("up to date" if fresh else "missing or stale: run `make site`"))
        return 0 if fresh else 1
    build()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
