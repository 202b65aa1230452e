"""The course as a website (`make site`, tools/site.py): every notebook with its stored outputs,
read in headless Chromium with every request outside build/site/ refused.

build/site/ is built here first if it is missing or stale (its stamp is a digest of the
notebooks, site/ and the other inputs), so a fresh clone needs no `make site` before the tests.
On every notebook page the browser checks: no raw LaTeX outside code, every image loaded, no
console error, saved widgets drawn; the "next" links walk the notebooks in course order; the
search box finds a word that only one notebook uses. Two screenshots go to test-output/site/
(not committed). Without Chromium, Playwright or npm the test is skipped, except in CI (CI=true),
where it fails.
"""

from __future__ import annotations

import functools
import html
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import nbformat
import pytest

from tools import site
from tools.execute import NOTEBOOKS, ROOT, course_order

OUTPUT_DIR = ROOT / "test-output" / "site"
IN_CI = os.environ.get("CI", "").lower() == "true"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def skip_or_fail(reason: str):
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: the site must be built and viewed in CI)", pytrace=False)
    pytest.skip(reason)


def page_of(notebook: Path) -> str:
    return notebook.stem + ".html"


def code_cells(notebook: Path, tag: str | None = None) -> list:
    nb = nbformat.read(notebook, as_version=4)
    return [c for c in nb.cells if c.cell_type == "code"
            and (tag is None or tag in c.metadata.get("tags", []))]


@pytest.fixture(scope="module")
def built() -> Path:
    """build/site, built by `python -m tools.site` (what `make site` runs) unless it is fresh."""
    if not site.is_fresh():
        if shutil.which("npm") is None or shutil.which("node") is None:
            skip_or_fail("Node.js and npm are needed to build the site (README, the website)")
        done = subprocess.run([sys.executable, "-m", "tools.site"], cwd=ROOT,
                              capture_output=True, text=True, timeout=900)
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert site.is_fresh()
    return site.OUT


# --- the files ---------------------------------------------------------------------------------

def test_every_notebook_has_a_page_with_its_stored_figures(built):
    for notebook in course_order(NOTEBOOKS):
        page = (built / page_of(notebook)).read_text()
        figures = sum("image/png" in out.get("data", {}) for cell in code_cells(notebook)
                      for out in cell.outputs)
        shown = len(re.findall(r'<img [^>]*src="_images/', page))
        assert shown >= figures, f"{page_of(notebook)}: {shown} of {figures} stored figures"
        title = site.headers()[course_order(NOTEBOOKS).index(notebook)].title
        assert f"<title>{title}" in page.replace("&#183;", "·")


def test_every_printed_result_is_on_its_page(built):
    """The first line of every stored printout (stdout) appears in the page's text."""
    for notebook in course_order(NOTEBOOKS):
        text = " ".join(html.unescape(re.sub(r"<[^>]+>", "", (built / page_of(notebook))
                                             .read_text())).split())
        for cell in code_cells(notebook):
            for out in cell.outputs:
                lines = [s for s in out.get("text", "").splitlines() if s.strip()]
                if out.output_type == "stream" and out.name == "stdout" and lines:
                    first = " ".join(lines[0].split())
                    assert first in text, f"{page_of(notebook)} lacks the printout {first!r}"


def test_solutions_are_folded_and_exercises_shown(built):
    for notebook in course_order(NOTEBOOKS):
        page = (built / page_of(notebook)).read_text()
        solutions = len(code_cells(notebook, "solution"))
        folded = re.findall(r'<details class="[^"]*\bhide\b[^"]*">\s*<summary[^>]*>\s*'
                            r'<p class="collapsed[^"]*">Show (?:the )?solution', page)
        assert len(folded) == solutions, f"{page_of(notebook)}: {len(folded)} of {solutions}"
        assert "<details open" not in page
        assert page.count("tag_exercise") == len(code_cells(notebook, "exercise"))


def test_nothing_is_loaded_from_outside(built):
    """No page, stylesheet or script names a resource on another host (links one clicks are
    fine). The browser test below also refuses every such request."""
    loaded = re.compile(r"""<(?:script|img|iframe|source|embed|audio|video)\b[^>]*\bsrc=["']"""
                        r"""(?:https?:)?//|<link\b[^>]*\bhref=["'](?:https?:)?//""", re.I)
    css_url = re.compile(r"""(?<!/\* )@import[^;]*https?://|url\(\s*["']?(?:https?:)?//""")
    for path in built.rglob("*.html"):
        if path.parent.name == "slides":
            continue  # the deck, checked by tests/test_slides.py
        text = path.read_text()
        assert not loaded.search(text), f"{path.name} loads {loaded.search(text).group(0)}"
    for path in built.glob("_static/**/*.css"):
        assert not css_url.search(path.read_text()), f"{path} loads a remote file"


def test_the_site_links_the_deck_and_how_to_run_the_course(built):
    assert (built / "slides" / "index.html").stat().st_size > 100_000
    assert 'href="slides/index.html"' in (built / "slides.html").read_text()
    index = (built / "index.html").read_text()
    assert 'href="run-locally.html"' in index and 'href="slides.html"' in index
    assert "make lab" in re.sub(r"<[^>]+>", "", (built / "run-locally.html").read_text())


def test_the_site_uses_the_decks_katex():
    versions = [json.loads((ROOT / folder / "package.json").read_text())["dependencies"]["katex"]
                for folder in ("site", "slides")]
    assert versions[0] == versions[1], f"site KaTeX {versions[0]}, deck KaTeX {versions[1]}"


# --- the search word ---------------------------------------------------------------------------

def search_index(built: Path) -> dict:
    text = (built / "searchindex.js").read_text()
    return json.loads(text[text.index("(") + 1:text.rindex(")")])


def unique_word(built: Path) -> tuple[str, Path]:
    """A word of the notebooks' prose that one notebook alone uses (as Sphinx's search sees it:
    its stem is indexed for that page only and is in no title); the longest such word."""
    from sphinx.search.en import SearchEnglish

    stem = SearchEnglish({}).stem
    index = search_index(built)
    docs = index["docnames"]
    users: dict[str, set[str]] = {}
    prose: dict[str, Path] = {}
    for notebook in course_order(NOTEBOOKS):
        nb = nbformat.read(notebook, as_version=4)
        text = " ".join(c.source for c in nb.cells).lower()
        for word in set(re.findall(r"[a-z]{7,}", text)):
            users.setdefault(word, set()).add(notebook.stem)
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                for word in re.findall(r"(?<![\w\\])[a-z]{7,}(?!\w)", cell.source.lower()):
                    prose.setdefault(word, notebook)
    candidates = []
    for word, notebook in prose.items():
        hits = index["terms"].get(stem(word))
        hits = [hits] if isinstance(hits, int) else hits or []
        if (users[word] == {notebook.stem} and [docs[i] for i in hits] == [notebook.stem]
                and stem(word) not in index["titleterms"]):
            candidates.append((-len(word), word, notebook))
    assert candidates, "no word of the notebooks is found on one page only"
    _, word, notebook = min(candidates)
    return word, notebook


# --- the browser -------------------------------------------------------------------------------

#: JavaScript: what a reader would see that is wrong on this page.
PROBLEMS_JS = r"""
() => {
  const problems = [];
  const article = document.querySelector('article.bd-article');
  if (!article) { return ['no article']; }
  const copy = article.cloneNode(true);
  copy.querySelectorAll('.katex, pre, code, script, style, .jupyter-widgets, .widget-subarea')
      .forEach(e => e.remove());
  const text = copy.textContent;
  const tex = text.match(/\$[^$\n]+\$|\\(frac|sigma|mathbf|begin|tanh|odot|alpha|theta|partial|hat|sum)\b/);
  if (tex) { problems.push(`raw LaTeX ${tex[0]}`); }
  document.querySelectorAll('.katex-error').forEach(e => problems.push('KaTeX error: ' + e.title));
  document.querySelectorAll('img').forEach(img => {
    if (!img.complete || img.naturalWidth === 0) {
      problems.push('image not shown: ' + (img.getAttribute('src') || '').slice(0, 80));
    }
  });
  if (article.querySelector('.katex') && !document.fonts.check('20px KaTeX_Main')) {
    problems.push('KaTeX_Main font not loaded');
  }
  return problems;
}
"""

#: JavaScript: whether every saved widget on the page has been drawn by the HTML manager.
WIDGETS_JS = """
() => {
  const views = document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]');
  const drawn = document.querySelectorAll('.widget-subarea > .jupyter-widgets');
  return {views: views.length, drawn: drawn.length,
          errors: Array.from(document.querySelectorAll('.widget-subarea'))
                       .some(e => e.textContent.includes('Error displaying widget'))};
}
"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(built):
    """build/site served on 127.0.0.1 (as a host would serve it; file:// blocks search)."""
    handler = functools.partial(QuietHandler, directory=str(built))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


def test_the_site_in_headless_chromium(built, server):
    try:
        from playwright.sync_api import sync_playwright

        from tests.browser_helpers import CHROMIUM, CHROMIUM_ARGS
    except ImportError as error:
        skip_or_fail(f"Playwright is not installed ({error}): run `make env`")
    if not CHROMIUM.exists():
        skip_or_fail(f"{CHROMIUM} not found: run `make browser` or install Debian's chromium")
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    notebooks = course_order(NOTEBOOKS)
    word, word_notebook = unique_word(built)
    errors, outside, problems, visited = [], [], [], []

    def refuse_outside(route):
        if route.request.url.startswith(server):
            return route.continue_()
        outside.append(route.request.url[:120])
        return route.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                             args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1366, "height": 900})
            page.set_default_timeout(30_000)
            page.route("**/*", refuse_outside)
            page.on("pageerror", lambda e: errors.append(f"{page.url}: page error: {e}"))
            page.on("console", lambda m: errors.append(f"{page.url}: console {m.type}: {m.text}")
                    if m.type == "error" else None)
            # A request that a navigation cancels (the favicon, say) is no failure of the site.
            page.on("requestfailed", lambda r: None if r.failure == "net::ERR_ABORTED"
                    and r.url.startswith(server) else errors.append(
                        f"request failed: {r.url[:120]} ({r.failure})"))

            page.goto(server + "index.html", wait_until="load")
            sidebar = page.eval_on_selector_all(
                "nav.bd-docs-nav a.reference.internal", "els => els.map(a => a.getAttribute('href'))")
            in_sidebar = [h for h in sidebar if re.fullmatch(r"\d\d_\w+\.html", h)]
            assert in_sidebar == [page_of(nb) for nb in notebooks], in_sidebar
            page.screenshot(path=OUTPUT_DIR / "index.png")

            # Walk the "next" links from the home page: every notebook, in course order.
            for notebook in notebooks:
                page.locator("a.right-next").click()
                page.wait_for_load_state("load")
                visited.append(page.url.rsplit("/", 1)[-1].split("#")[0])
                page.evaluate("document.querySelectorAll('img').forEach(i => i.loading = 'eager')")
                page.wait_for_function(
                    "() => Array.from(document.images).every(i => i.complete)")
                page.evaluate("document.fonts.ready")
                if code_cells_with_widgets(notebook):
                    page.wait_for_function(
                        "() => (" + WIDGETS_JS + ")().drawn >= (" + WIDGETS_JS + ")().views",
                        timeout=30_000)
                    widgets = page.evaluate(WIDGETS_JS)
                    if widgets["errors"]:
                        problems.append(f"{visited[-1]}: a widget could not be displayed")
                problems += [f"{visited[-1]}: {p}" for p in page.evaluate(PROBLEMS_JS)]
            assert visited == [page_of(nb) for nb in notebooks], visited
            # ...and back with the "previous" link.
            page.locator("a.left-prev").click()
            page.wait_for_load_state("load")
            assert page.url.endswith(page_of(notebooks[-2]))

            # A notebook page with a widget in its saved state, for the screenshot.
            shown = next((nb for nb in notebooks[1:] if code_cells_with_widgets(nb)), notebooks[1])
            page.goto(server + page_of(shown), wait_until="load")
            widget = page.locator(".widget-subarea > .jupyter-widgets").first
            if widget.count():
                widget.scroll_into_view_if_needed()
                page.evaluate("window.scrollBy(0, -250)")
            page.screenshot(path=OUTPUT_DIR / "notebook.png")

            # The search box, as a reader uses it: open it, type, Enter.
            page.locator("button.search-button-field").first.click()
            field = page.locator("form.bd-search input[name=q]").first
            field.fill(word)
            field.press("Enter")
            page.wait_for_url(re.compile(r"search\.html\?q="))
            page.wait_for_function(
                "() => /Search finished|found/i.test("
                "(document.getElementById('search-progress') || {}).textContent || '')"
                " || document.querySelectorAll('ul.search li').length > 0")
            page.wait_for_timeout(500)
            found = page.eval_on_selector_all(
                "ul.search li > a", "els => els.map(a => a.getAttribute('href'))")
        finally:
            browser.close()
    assert not outside, f"the site tried to load {outside[:5]}"
    assert not errors, errors[:10]
    assert not problems, problems[:10]
    found_pages = sorted({h.split("?")[0].split("#")[0] for h in found})
    assert found_pages == [page_of(word_notebook)], (
        f"searching {word!r} (only in {word_notebook.name}) found {found}")


def code_cells_with_widgets(notebook: Path) -> list:
    return [c for c in code_cells(notebook)
            if any(WIDGET_VIEW in out.get("data", {}) for out in c.outputs)]
