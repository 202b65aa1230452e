"""Build the workshop deck: ``slides/slides.md`` to one self-contained HTML file.

    python slides/build.py                      # what `make slides` runs
    python slides/build.py --out /tmp/deck.html

1. npm installs the versions locked in ``slides/package-lock.json`` (reveal.js, KaTeX, marked)
   into ``.venv/slides-node/``, once (again only when the lock changes);
2. the placeholders are expanded: ``{{figure NAME}}`` (``slides/figures.py``, drawn with the
   course's ``utils`` and inlined as SVG), ``{{md NAME}}`` (tables and numbers of
   ``slides/results.py``), ``{{exercise NN K MIN}}`` (a live exercise, its title and task read
   from notebook NN), ``{{plan}}`` (the timetable of ``slides/plan.toml``) and ``{{notebook NN}}``
   (the foot line naming the notebooks that teach the slide);
3. ``slides/render.mjs`` turns each slide's Markdown into HTML, with every formula rendered by
   KaTeX now, at build time, and the speaker notes into HTML;
4. reveal.js (with its speaker-notes plugin), its theme and KaTeX's CSS, fonts included as data
   URIs, are inlined. The result loads nothing from anywhere: it works offline, from a USB stick;
5. README's two timetables are rewritten from ``slides/plan.toml`` (between their markers), so the
   plan slide and README cannot disagree.

The source format is in ``slides/README.md``.
"""

from __future__ import annotations

import argparse
import base64
import filecmp
import html
import json
import re
import shutil
import subprocess
import sys
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "slides"
SOURCE = HERE / "slides.md"
PLAN = HERE / "plan.toml"
README = ROOT / "README.md"
NODE_DIR = ROOT / ".venv" / "slides-node"  # outside the tree the tests scan; `make clean` drops it
DEFAULT_OUT = ROOT / "build" / "slides" / "index.html"
LOCKED = ("package.json", "package-lock.json")
#: The slide's size in px (16:9); figures are drawn for it (slides/deckstyle.py).
WIDTH, HEIGHT = 1280, 720

SECTION = re.compile(r"^<!--\s*section:\s*([a-z0-9-]+)\s*-->\s*$", re.MULTILINE)
CLASS = re.compile(r"^<!--\s*class:\s*([a-z0-9 -]+?)\s*-->\s*$", re.MULTILINE)
TIME = re.compile(r"^Time:\s*(\d+(?:\.\d+)?)\s*(min|s)\s*$", re.MULTILINE)
NOTEBOOK = re.compile(r"\{\{notebook ((?:\d\d ?)+)\}\}")
FIGURE = re.compile(r"\{\{figure ([a-z0-9-]+)\}\}")
MARKDOWN = re.compile(r"\{\{md ([a-z0-9-]+)\}\}")
EXERCISE = re.compile(r"\{\{exercise (\d\d) (\d+) (\d+)\}\}")
PLAN_SLIDE = re.compile(r"\{\{plan\}\}")


@dataclass
class Slide:
    """One slide: its Markdown, the section it opens (if any), its speaker notes and timing."""

    markdown: str
    section: str | None = None
    notes: str = ""
    timing: int | None = None  # seconds, reveal.js' data-timing
    classes: str = ""
    html: str = field(default="", repr=False)
    notes_html: str = field(default="", repr=False)


def parse(text: str) -> list[Slide]:
    """Split the source at lines holding only ``---``; read section and class markers, ``Note:``
    blocks and their ``Time: N min`` (or ``N s``) line."""
    slides = []
    for chunk in re.split(r"^---\s*$", text, flags=re.MULTILINE):
        if not chunk.strip():
            continue
        section = SECTION.search(chunk)
        classes = CLASS.search(chunk)
        body, _, notes = CLASS.sub("", SECTION.sub("", chunk)).partition("\nNote:")
        timing = TIME.search(notes)
        seconds = None
        if timing:
            seconds = round(float(timing.group(1)) * (60 if timing.group(2) == "min" else 1))
        slides.append(Slide(body.strip(), section.group(1) if section else None,
                            TIME.sub("", notes).strip(), seconds,
                            classes.group(1) if classes else ""))
    if not slides or slides[0].section is None:
        raise ValueError(f"{SOURCE.name} must open with a <!-- section: ... --> marker")
    ids = [s.section for s in slides if s.section]
    if len(ids) != len(set(ids)):
        raise ValueError(f"section ids must be unique, got {ids}")
    return slides


def sections_of(slides: list[Slide]) -> list[str]:
    """The section each slide belongs to (a section runs to the next marker)."""
    out, current = [], None
    for slide in slides:
        current = slide.section or current
        out.append(current)
    return out


def _course_path():
    if str(ROOT) not in sys.path:  # run as a script, Python puts slides/, not the root, first
        sys.path.insert(0, str(ROOT))


def notebook_titles() -> dict[str, tuple[str, str]]:
    """``{"07": ("07_time_series.ipynb", "07 · Time series"), ...}`` from the notebooks' headers."""
    _course_path()
    from tools import navigation

    return {h.file[:2]: (h.file, h.title) for h in navigation.headers()}


def expand_notebooks(markdown: str, titles: dict) -> str:
    """``{{notebook 07 11}}`` -> a line naming the notebooks that teach the slide."""

    def line(match):
        names = []
        for number in match.group(1).split():
            file, title = titles.get(number, (None, f"notebook {number}"))
            names.append(f"<b>{html.escape(title)}</b>")
        return f'<p class="notebooks">In the course: {" · ".join(names)}</p>'

    return NOTEBOOK.sub(line, markdown)


# --- exercises and the plan, read from the notebooks and plan.toml -------------------------------

def exercise(number: str, k: int) -> tuple[str, str]:
    """``(title, task)`` of ``### Exercise k: title`` in notebook ``number``: the heading's title
    and the paragraph after it."""
    path = next((ROOT / "notebooks").glob(f"{number}_*.ipynb"), None)
    if path is None:
        raise ValueError(f"no notebook {number} for an exercise slide")
    for cell in json.loads(path.read_text())["cells"]:
        text = "".join(cell["source"])
        found = re.search(rf"^### Exercise {k}: (.+)$\n((?:.+\n?)+)", text, re.MULTILINE)
        if cell["cell_type"] == "markdown" and found:  # the task as one paragraph
            return found.group(1).strip(), " ".join(found.group(2).split())
    raise ValueError(f"notebook {path.name} has no heading '### Exercise {k}: ...'")


def expand_exercises(markdown: str, titles: dict) -> str:
    def slide(match):
        number, k, minutes = match.group(1), int(match.group(2)), int(match.group(3))
        title, task = exercise(number, k)
        name = titles.get(number, (None, f"notebook {number}"))[1]
        return (f'## Live exercise: {title}\n\n<p class="exercise-meta"><b>{html.escape(name)}</b>'
                f' · exercise {k} · <b>{minutes} minutes</b></p>\n\n{task}\n\n'
                f'<p class="exercise-run">Fill in the cell under the exercise, run it, then run the '
                f'check below it: it says what is right or wrong.</p>')

    return EXERCISE.sub(slide, markdown)


def plan() -> dict:
    return tomllib.loads(PLAN.read_text())


def exercise_text(number: str, k: int) -> str:
    return f"{number}, exercise {k} ({exercise(number, k)[0]})"


def plan_slide() -> str:
    rows = ["| time | block | notebooks | live exercise |", "|---|---|---|---|"]
    for block in plan()["half_day"]:
        notebooks = re.sub(r",? (shown by|its stored).*", "", block["notebooks"])
        live = "; ".join(exercise(n, k)[0] for n, k, _ in block["exercises"])
        rows.append(f"| {block['start']} | {block['block']} | {notebooks} | {live} |")
    return "\n".join(rows)


def readme_tables() -> dict[str, str]:
    """README's two timetables, from slides/plan.toml."""
    data = plan()
    half = ["| time | block | slides | notebooks | live exercise |", "|---|---|---|---|---|"]
    for block in data["half_day"]:
        sections = block["sections"]
        slides = sections[0] if len(sections) == 1 else f"{sections[0]} to {sections[-1]}"
        live = "; ".join(exercise_text(n, k) for n, k, _ in block["exercises"]) or "-"
        half.append(f"| {block['start']} | {block['block']} | {slides} | {block['notebooks']} | "
                    f"{live} |")
    full = ["| time | block | notebooks | live exercises |", "|---|---|---|---|"]
    for block in data["full_day"]:
        full.append(f"| {block['time']} | {block['block']} | {block['notebooks']} | "
                    f"{block['exercises']} |")
    return {"half-day": "\n".join(half), "full-day": "\n".join(full)}


def update_readme(readme: Path = README) -> bool:
    """Write :func:`readme_tables` between README's markers; True if README changed."""
    text = original = readme.read_text()
    for name, table in readme_tables().items():
        pattern = re.compile(rf"(<!-- {name}:start -->\n).*?(<!-- {name}:end -->)", re.DOTALL)
        if not pattern.search(text):
            raise ValueError(f"README.md has no <!-- {name}:start --> ... end --> markers")
        text = pattern.sub(lambda m, t=table: m.group(1) + t + "\n" + m.group(2), text)
    if text != original:
        readme.write_text(text)
    return text != original


# --- figures and results -------------------------------------------------------------------------

def figure_svg(name: str) -> dict:
    """Draw figure ``name`` of :mod:`figures` as SVG; its data URI, size in px and smallest font."""
    import io

    import figures
    import matplotlib.pyplot as plt
    from deckstyle import readable
    from matplotlib.text import Text

    fig = readable(figures.FIGURES[name]())
    fig.canvas.draw()
    check_inside(fig, name)
    texts = [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
    width, height = (round(v * 72) for v in fig.get_size_inches())
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    plt.close(fig)
    svg = buffer.getvalue().encode()
    return {"uri": "data:image/svg+xml;base64," + base64.b64encode(svg).decode(),
            "width": width, "height": height,
            "min_font": min(t.get_fontsize() for t in texts) if texts else None}


def check_inside(fig, name: str) -> None:
    """Raise if anything drawn reaches outside the figure: a label cut off at the edge would be
    lost in the SVG. Axes are measured with what they draw (ticks in view, labels, title,
    legend); the texts of a diagram (an Axes with its axis off) one by one."""
    renderer = fig.canvas.get_renderer()
    box = fig.bbox
    parts = [(f"the axes titled {ax.get_title()!r}", ax.get_tightbbox(renderer))
             for ax in fig.axes if ax.axison]
    parts += [(f"the text {t.get_text()!r}", t.get_window_extent(renderer))
              for ax in fig.axes for t in ax.texts if t.get_visible() and t.get_text().strip()]
    parts += [(f"the text {t.get_text()!r}", t.get_window_extent(renderer)) for t in fig.texts]
    for what, extent in parts:
        if (extent.x0 < box.x0 - 1 or extent.y0 < box.y0 - 1 or extent.x1 > box.x1 + 1
                or extent.y1 > box.y1 + 1):
            raise ValueError(f"figure {name!r}: {what} reaches outside the figure "
                             f"({[round(v) for v in extent.bounds]} in {list(box.bounds)})")
    for ax in (a for a in fig.axes if a.axison):  # tick labels that run into each other
        for axis in (ax.xaxis, ax.yaxis):
            shown = [t.label1 for t in axis._update_ticks()
                     if t.label1.get_visible() and t.label1.get_text()]
            extents = [t.get_window_extent(renderer) for t in shown]
            for i in range(len(shown) - 1):
                if extents[i].overlaps(extents[i + 1]):
                    raise ValueError(f"figure {name!r}: the tick labels {shown[i].get_text()!r} "
                                     f"and {shown[i + 1].get_text()!r} overlap")


def expand_figures(markdown: str, cache: dict) -> str:
    import figures

    def image(match):
        name = match.group(1)
        if name not in figures.FIGURES:
            raise ValueError(f"unknown figure {name!r}; figures.py has {sorted(figures.FIGURES)}")
        if name not in cache:
            try:
                cache[name] = figure_svg(name)
            except LookupError as error:  # a notebook's stored outputs are missing
                return missing(error)
        drawn = cache[name]
        doc = " ".join((figures.FIGURES[name].__doc__ or name).split())
        return (f'<img class="figure" alt="{html.escape(doc)}" data-figure="{name}" '
                f'data-min-font="{drawn["min_font"] or 0:g}" width="{drawn["width"]}" '
                f'height="{drawn["height"]}" src="{drawn["uri"]}">')

    return FIGURE.sub(image, markdown)


def missing(error: LookupError) -> str:
    """A visible placeholder where a notebook's stored result is missing (a notebook being
    rewritten has no outputs until `make notebooks`): the build goes on, says so, and lists it
    in the page's numbers, where tests/test_slides.py finds it and fails."""
    import results

    results.NUMBERS.setdefault("missing", []).append(str(error))
    print(f"slides/build.py: WARNING: {error}", file=sys.stderr, flush=True)
    return f'<p class="missing">Missing: {html.escape(str(error))}</p>'


def expand_markdown(markdown: str) -> str:
    import results

    def text(match):
        name = match.group(1)
        if name not in results.MARKDOWN:
            raise ValueError(f"unknown {{{{md {name}}}}}; results.py has {sorted(results.MARKDOWN)}")
        try:
            return results.MARKDOWN[name]()
        except LookupError as error:
            return missing(error)

    return MARKDOWN.sub(text, markdown)


# --- node: npm packages, Markdown and KaTeX --------------------------------------------------------

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
    payload = json.dumps({"slides": [s.markdown for s in slides], "notes": [s.notes for s in slides]})
    done = subprocess.run(["node", str(modules.parent / "render.mjs")], input=payload,
                          capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"render.mjs failed:\n{done.stderr}")
    result = json.loads(done.stdout)
    for slide, text, notes in zip(slides, result["html"], result["notes"], strict=True):
        slide.html, slide.notes_html = text, notes
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


def assemble(slides: list[Slide], modules: Path, katex_version: str, numbers: dict) -> str:
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
    for i, (slide, section) in enumerate(zip(slides, sections_of(slides), strict=True)):
        attrs = f' id="{slide.section}"' if slide.section else ""
        attrs += f' data-section="{section}" data-slide="{i + 1}"'
        if slide.timing is not None:
            attrs += f' data-timing="{slide.timing}"'
        if slide.classes:
            attrs += f' class="{slide.classes}"'
        notes = f'\n<aside class="notes">{slide.notes_html}</aside>' if slide.notes else ""
        sections.append(f'<section{attrs}>\n{slide.html}{notes}\n</section>')
    versions = json.loads((modules / "reveal.js" / "package.json").read_text())["version"]
    return TEMPLATE.format(
        title=html.escape(TITLE),
        generator=f"slides/build.py with reveal.js {versions} and KaTeX {katex_version}",
        styles="\n".join(f"<style>\n{css}\n</style>" for css in styles),
        slides="\n".join(sections),
        numbers=json.dumps(numbers, sort_keys=True).replace("</", "<\\/"),
        scripts="\n".join(f"<script>\n{_escape_script(js)}\n</script>" for js in scripts),
        width=WIDTH, height=HEIGHT,
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
<script type="application/json" id="deck-numbers">{numbers}</script>
{scripts}
<script>
Reveal.initialize({{
  hash: true, slideNumber: "c/t", width: {width}, height: {height}, margin: 0.04,
  center: false, transition: "none", defaultTiming: 120, plugins: [RevealNotes]
}});
</script>
</body>
</html>
"""


def check_self_contained(page: str) -> None:
    """Raise if the page would fetch anything: every script, style, image and font is inline.

    (What the scripts do at run time is checked by tests/test_slides.py in a browser that refuses
    every request.)"""
    markup = re.sub(r"<script\b[^>]*>.*?</script>", "", page, flags=re.DOTALL)
    outside = re.findall(r"""<\w+\b[^>]*\b(?:src|href)\s*=\s*["'](?!data:|#)[^"']*""", markup)
    outside += re.findall(r"url\((?![\"']?data:)[^)]{0,60}", markup)
    outside += re.findall(r"@import[^;]{0,60}", markup)
    if outside:
        raise ValueError(f"the deck would load external resources: {outside[:5]}")


def build(out: Path = DEFAULT_OUT, readme: bool = True) -> Path:
    start = time.perf_counter()
    modules = ensure_node_modules()
    sys.path.insert(0, str(HERE))
    _course_path()
    import results
    from deckstyle import deck_style

    slides = parse(SOURCE.read_text())
    titles, cache = notebook_titles(), {}
    with deck_style():
        for slide in slides:
            text = expand_exercises(expand_notebooks(slide.markdown, titles), titles)
            text = PLAN_SLIDE.sub(lambda _: plan_slide(), text)
            slide.markdown = expand_figures(expand_markdown(text), cache)
            slide.notes = expand_markdown(slide.notes)
    katex_version = render(slides, modules)
    page = assemble(slides, modules, katex_version, results.NUMBERS)
    check_self_contained(page)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page)
    if readme and update_readme():
        print("README.md: the timetables rewritten from slides/plan.toml", flush=True)
    minutes = sum(s.timing or 0 for s in slides) / 60
    print(f"{out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}: {len(slides)} slides, "
          f"{len(cache)} figures, {minutes:.0f} min of speaker timings, {len(page) / 1e6:.1f} MB, "
          f"{time.perf_counter() - start:.0f} s")
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="the HTML file to write")
    parser.add_argument("--no-readme", action="store_true",
                        help="leave README's timetables as they are (the tests build this way)")
    args = parser.parse_args(argv)
    build(args.out.resolve(), readme=not args.no_readme)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
