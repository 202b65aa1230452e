"""Sphinx configuration of the course's website. Run it through `make site` (tools/site.py lays
out the pages and the static files in a temporary folder first; its docstring says how)."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT)]

import notebook_reader  # noqa: E402  (site/, just put on the path)

from tools import site  # noqa: E402

if site.WORK_VARIABLE not in os.environ:
    raise RuntimeError("build the site with `make site` (python -m tools.site), not sphinx-build")
WORK = Path(os.environ[site.WORK_VARIABLE])  # this build's pages and generated static files

project = "RNNs for Time Series"
author = "the course's authors"
copyright = "the course's authors, MIT licence"
language = "en"
root_doc = "index"

extensions = ["myst_nb", "sphinxcontrib.katex"]

# --- MyST and the notebooks --------------------------------------------------------------------
myst_enable_extensions = ["dollarmath"]
myst_dmath_double_inline = True
myst_heading_anchors = 3
nb_execution_mode = "off"  # never run a notebook: the site shows the stored outputs
nb_merge_streams = True
nb_custom_formats = {".ipynb": ["notebook_reader.read", {}, False]}  # folds the solutions
# Saved widget states are drawn by the ipywidgets HTML manager, from this site, never a CDN.
nb_ipywidgets_js = {"widgets/embed.js": {"data-jupyter-widgets-cdn": "_static/widgets/"}}
notebook_reader.README_ANCHORS.update(
    notebook_reader.slug(h) for h in re.findall(
        r"^#+ (.+)$", (WORK / "src" / "run-locally.md").read_text(), re.MULTILINE))

# --- math: typeset by KaTeX at build time, with the deck's version of KaTeX ---------------------
html_math_renderer = "katex"
katex_prerender = True
katex_js_path = str(site.NODE_MODULES / "katex" / "dist" / "katex.min.js")
katex_css_path = "katex/katex.css"  # in WORK/static, fonts inlined

# --- HTML --------------------------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = project
html_static_path = [str(HERE / "_static"), str(WORK / "static")]
html_extra_path = [str(WORK / "extra")]  # the deck, as slides/index.html
html_css_files = ["course.css"]
html_favicon = str(HERE / "_static" / "favicon.svg")
html_last_updated_fmt = None
# Light by default (the figures are drawn on white); the theme's button switches. Without a
# default the theme logs "Got invalid theme mode" as a console error on a first visit.
html_context = {"default_mode": "light"}
html_copy_source = True  # the download button offers the notebook itself
html_theme_options = {
    "home_page_in_toc": True,
    "show_navbar_depth": 1,
    "show_toc_level": 2,
    "use_download_button": True,
    "use_fullscreen_button": True,
    "use_repository_button": False,
    "navigation_with_keys": False,
    "announcement": (  # every page is at the top, so these relative links work everywhere
        'Read-only, with the stored outputs. To run the code, '
        '<a href="run-locally.html">install the course on your computer</a>. Instructors: '
        '<a href="slides.html">the workshop deck</a>.'
    ),
}
