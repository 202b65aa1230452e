"""Build the workshop deck: ``slides/slides.md`` to one self-contained HTML file.

    python slides/build.py                      # what `make slides` runs
    python slides/build.py --out /tmp/deck.html

1. npm installs the versions locked in ``slides/package-lock.json`` (reveal.js, KaTeX, marked)
   into ``.venv/slides-node/``, once (again only when the lock changes);
2. ``slides/figures.py`` draws every figure with the course's ``utils`` and the PNGs are inlined;
3. ``slides/render.mjs`` turns each slide's Markdown into HTML, with every formula rendered by
   KaTeX now, at build time;
4. reveal.js (with its speaker-notes plugin), its theme and KaTeX's CSS, fonts included as data
   URIs, are inlined. The result loads nothing from anywhere: it works offline, from a USB stick.

The source format is in ``slides/README.md``.
"""

from __future__ import annotations

import argparse
import base64
import filecmp
import html
import io
import json
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "slides"
SOURCE = HERE / "slides.md"
NODE_DIR = ROOT / ".venv" / "slides-node"  # outside the tree the tests scan; `make clean` drops it
DEFAULT_OUT = ROOT / "build" / "slides" / "index.html"
LOCKED = ("package.json", "package-lock.json")

SECTION = re.compile(r"^<!--\s*section:\s*([a-z0-9-]+)\s*-->\s*$", re.MULTILINE)
NOTEBOOK = re.compile(r"\{\{notebook ((?:\d\d ?)+)\}\}")
FIGURE = re.compile(r"\{\{figure ([a-z0-9-]+)\}\}")


@dataclass
class Slide:
    """One slide: its Markdown, the section it opens (if any) and its speaker notes."""

    markdown: str
    section: str | None = None
    notes: str = ""
    html: str = field(default="", repr=False)


def parse(text: str) -> list[Slide]:
    """Split the source at lines holding only ``---``; read section markers and ``Note:`` blocks."""
    slides = []
    for chunk in re.split(r"^---\s*$", text, flags=re.MULTILINE):
        if not chunk.strip():
            continue
        section = SECTION.search(chunk)
        body, _, notes = SECTION.sub("", chunk).partition("\nNote:")
        slides.append(Slide(body.strip(), section.group(1) if section else None, notes.strip()))
    if not slides or slides[0].section is None:
        raise ValueError(f"{SOURCE.name} must open with a <!-- section: ... --> marker")
    ids = [s.section for s in slides if s.section]
    if len(ids) != len(set(ids)):
        raise ValueError(f"section ids must be unique, got {ids}")
    return slides


def notebook_titles() -> dict[str, tuple[str, str]]:
    """``{"07": ("07_time_series.ipynb", "07 · Time series"), ...}`` from the notebooks' headers."""
    if str(ROOT) not in sys.path:  # run as a script, Python puts slides/, not the root, first
        sys.path.insert(0, str(ROOT))
    from tools import navigation

    return {h.file[:2]: (h.file, h.title) for h in navigation.headers()}


def expand_notebooks(markdown: str, titles: dict) -> str:
    """``{{notebook 07 11}}`` -> a line naming the notebooks that teach the slide."""

    def line(match):
        names = []
        for number in match.group(1).split():
            file, title = titles.get(number, (None, f"notebook {number}"))
            names.append(f"<b>{html.escape(title)}</b>" + (f" <code>{file}</code>" if file else ""))
        return f'<p class="notebooks">In the course: {" · ".join(names)}</p>'

    return NOTEBOOK.sub(line, markdown)


def figure_png(name: str) -> str:
    """Draw figure ``name`` of :mod:`figures` and return it as a base64 PNG data URI."""
    import figures
    import matplotlib.pyplot as plt

    fig = figures.FIGURES[name]()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def expand_figures(markdown: str, cache: dict) -> str:
    import figures

    def image(match):
        name = match.group(1)
        if name not in figures.FIGURES:
            raise ValueError(f"unknown figure {name!r}; figures.py has {sorted(figures.FIGURES)}")
        if name not in cache:
            cache[name] = figure_png(name)
        doc = (figures.FIGURES[name].__doc__ or name).strip()
        return f'<img class="figure" alt="{html.escape(doc)}" src="{cache[name]}">'

    return FIGURE.sub(image, markdown)


def ensure_node_modules(node_dir: Path = NODE_DIR) -> Path:
    """Install the locked npm packages into ``node_dir`` unless the same lock is installed."""
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        raise SystemExit("The slides need Node.js 20+ and npm (https://nodejs.org or your package "
                         "manager, e.g. `apt-get install nodejs npm`); see slides/README.md")
    node_dir.mkdir(parents=True, exist_ok=True)
    installed = node_dir / "node_modules" / ".package-lock.json"
    fresh = installed.exists() and all(
        (node_dir / name).exists() and filecmp.cmp(HERE / name, node_dir / name, shallow=False)
        for name in LOCKED)
    if not fresh:
        for name in LOCKED:
            shutil.copyfile(HERE / name, node_dir / name)
        print(f"npm ci in {node_dir.relative_to(ROOT)} (reveal.js, KaTeX, marked)", flush=True)
        subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
                       cwd=node_dir, check=True)
    return node_dir / "node_modules"


def render(slides: list[Slide], modules: Path) -> str:
    """Markdown and math to HTML with ``render.mjs``; returns the KaTeX version."""
    shutil.copyfile(HERE / "render.mjs", modules.parent / "render.mjs")  # resolves its imports
    payload = json.dumps({"slides": [s.markdown for s in slides]})
    done = subprocess.run(["node", str(modules.parent / "render.mjs")], input=payload,
                          capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"render.mjs failed:\n{done.stderr}")
    result = json.loads(done.stdout)
    for slide, text in zip(slides, result["html"], strict=True):
        slide.html = text
    return result["katex"]


def katex_css(modules: Path) -> str:
    """KaTeX's stylesheet with each font's woff2 file inlined (the only format browsers need)."""
    dist = modules / "katex" / "dist"
    css = (dist / "katex.min.css").read_text()

    def src(match):
        woff2 = re.search(r"url\((fonts/[^)]+\.woff2)\)", match.group(0))
        data = base64.b64encode((dist / woff2.group(1)).read_bytes()).decode()
        return f'src:url(data:font/woff2;base64,{data}) format("woff2")'

    css = re.sub(r"src:[^;}]+", src, css)
    if re.search(r"url\((?!data:)", css):
        raise ValueError("KaTeX CSS still refers to a file after inlining its fonts")
    return css


def assemble(slides: list[Slide], modules: Path, katex_version: str) -> str:
    reveal = modules / "reveal.js" / "dist"
    styles = [
        (reveal / "reset.css").read_text(),
        (reveal / "reveal.css").read_text(),
        (reveal / "theme" / "white.css").read_text(),
        katex_css(modules),
        (HERE / "deck.css").read_text(),
    ]
    scripts = [(reveal / "reveal.js").read_text(), (reveal / "plugin" / "notes.js").read_text()]
    sections = []
    for i, slide in enumerate(slides):
        attrs = f' id="{slide.section}" data-section="{slide.section}"' if slide.section else ""
        notes = f'\n<aside class="notes">{html.escape(slide.notes)}</aside>' if slide.notes else ""
        sections.append(f'<section{attrs} data-slide="{i + 1}">\n{slide.html}{notes}\n</section>')
    versions = json.loads((modules / "reveal.js" / "package.json").read_text())["version"]
    return TEMPLATE.format(
        title=html.escape(TITLE),
        generator=f"slides/build.py with reveal.js {versions} and KaTeX {katex_version}",
        styles="\n".join(f"<style>\n{css}\n</style>" for css in styles),
        slides="\n".join(sections),
        scripts="\n".join(f"<script>\n{_escape_script(js)}\n</script>" for js in scripts),
    )


def _escape_script(js: str) -> str:
    return js.replace("</script", "<\\/script")


TITLE = "RNNs for Time Series: the workshop"
TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="{generator}">
<title>{title}</title>
{styles}
</head>
<body>
<div class="reveal"><div class="slides">
{slides}
</div></div>
{scripts}
<script>
Reveal.initialize({{
  hash: true, slideNumber: "c/t", width: 1280, height: 760, margin: 0.04,
  center: false, transition: "none", plugins: [RevealNotes]
}});
</script>
</body>
</html>
"""


def check_self_contained(page: str) -> None:
    """Raise if the page would fetch anything: every script, style, image and font is inline.

    (What the scripts do at run time is checked by tests/test_slides.py in a browser that refuses
    every request.)"""
    markup = re.sub(r"<script>.*?</script>", "", page, flags=re.DOTALL)
    outside = re.findall(r"""<\w+\b[^>]*\b(?:src|href)\s*=\s*["'](?!data:|#)[^"']*""", markup)
    outside += re.findall(r"url\((?![\"']?data:)[^)]{0,60}", markup)
    outside += re.findall(r"@import[^;]{0,60}", markup)
    if outside:
        raise ValueError(f"the deck would load external resources: {outside[:5]}")


def build(out: Path = DEFAULT_OUT) -> Path:
    start = time.perf_counter()
    modules = ensure_node_modules()
    sys.path.insert(0, str(HERE))
    from utils.style import apply_style

    apply_style()
    slides = parse(SOURCE.read_text())
    titles, cache = notebook_titles(), {}
    for slide in slides:
        slide.markdown = expand_figures(expand_notebooks(slide.markdown, titles), cache)
    katex_version = render(slides, modules)
    page = assemble(slides, modules, katex_version)
    check_self_contained(page)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page)
    sections = [s.section for s in slides if s.section]
    print(f"{out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}: {len(slides)} slides, "
          f"{len(sections)} sections, {len(cache)} figures, {len(page) / 1e6:.1f} MB, "
          f"{time.perf_counter() - start:.0f} s")
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="the HTML file to write")
    build(parser.parse_args(argv).out.resolve())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
