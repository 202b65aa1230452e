"""The workshop deck (slides/): it builds, covers every topic of the original workshop, points to
notebooks that exist, and shows in headless Chromium with every request refused.

The browser part saves two screenshots to test-output/slides/ (not committed): the title slide and
the LSTM equations. It fails on a script error, on any request leaving the file (a CDN, a font, an
image), on a KaTeX error and on LaTeX left unrendered. Without Chromium or Playwright it is skipped
(`make browser` installs Chromium), except in CI (CI=true), where it fails.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SLIDES = ROOT / "slides"
OUTPUT_DIR = ROOT / "test-output" / "slides"
IN_CI = os.environ.get("CI", "").lower() == "true"
# slides/build.py, under a name that cannot shadow another module called "build"
_spec = importlib.util.spec_from_file_location("slides_build", SLIDES / "build.py")
build = sys.modules["slides_build"] = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build)

#: One section per topic of COURSE.md's first list, in the order the deck teaches them.
SECTIONS = [
    "title", "brain", "learning", "neuron", "forward", "loss", "gradient-descent", "backprop",
    "vocabulary", "keras", "recurrent", "applications", "time-series", "lstm", "gru", "sine",
    "gdp", "closing",
]
#: Phrases that must appear in a section (the facts COURSE.md asks the workshop to state).
MUST_SAY = {
    "brain": ["10^{11}", "10^{4}", "Hebb"],
    "learning": ["constraints", "function to optimise", "algorithm"],
    "neuron": ["sigma", "tanh", "non-linear", "differentiable", "non-decreasing"],
    "forward": ["perceptron", "multi-layer perceptron"],
    "loss": ["Quadratic error", "Cross-entropy", "pairs with a sigmoid"],
    "gradient-descent": ["\\alpha", "batch", "convergence"],
    "backprop": ["deltas", "real output"],
    "vocabulary": ["features", "predictors", "attributes", "targets", "responses", "classes",
                   "algorithm", "model"],
    "keras": ["Sequential", "Dense", "Dropout", "Activation", "SimpleRNN", "LSTM", "GRU",
              "compile", "optimizer", "loss", "fit", "batch_size", "epochs", "validation_split",
              "validation_data", "shuffle", "predict"],
    "recurrent": ["f(\\mathbf{x}_t, \\mathbf{h}_{t-1})", "implicitly on all earlier inputs",
                  "sequence to sequence"],
    "applications": ["Language modelling", "Speech recognition", "Machine translation",
                     "Part-of-speech tagging", "Sentiment analysis", "Summarisation",
                     "Time-series forecasting"],
    "time-series": ["strongly correlated", "econometrics", "finance", "earthquake", "symbolic",
                    "X_t = f(X_{t-1}"],
    "lstm": ["Hochreiter", "1997", "\\mathbf{c}_{t-1} \\odot \\mathbf{f} + \\mathbf{g} \\odot \\mathbf{i}",
             "\\tanh(\\mathbf{c}_t) \\odot \\mathbf{o}"],
    "gru": ["Cho", "2014", "reset_after", "roles of", "(2, 3H)"],
    "sine": ["one time step", "several lags"],
    "gdp": ["histogram", "autocorrelation", "lag-1 scatter", "linear regression", "naive",
            "SimpleRNN", "LSTM", "GRU", "one-step-ahead", "recursive", "levels"],
}


def skip_or_fail(reason: str):
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: the deck must be built and viewed in CI)", pytrace=False)
    pytest.skip(reason)


def sections_of_source() -> dict[str, str]:
    """Each section id with the Markdown of all its slides (a section runs to the next one)."""
    out: dict[str, str] = {}
    current = None
    for slide in build.parse(build.SOURCE.read_text()):
        current = slide.section or current
        out[current] = out.get(current, "") + "\n" + slide.markdown
    return out


@pytest.fixture(scope="module")
def deck(tmp_path_factory) -> Path:
    """The deck, built by the same command as `make slides` (into a temporary folder)."""
    if shutil.which("npm") is None or shutil.which("node") is None:
        skip_or_fail("Node.js and npm are needed to build the deck (see slides/README.md)")
    out = tmp_path_factory.mktemp("slides") / "index.html"
    done = subprocess.run([sys.executable, str(SLIDES / "build.py"), "--out", str(out)],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    return out


def test_the_source_has_every_section_once_and_says_what_the_workshop_said():
    sections = sections_of_source()
    assert list(sections) == SECTIONS
    for section, phrases in MUST_SAY.items():
        missing = [p for p in phrases if p not in sections[section]]
        assert not missing, f"section {section!r} does not say {missing}"


def test_every_section_points_to_notebooks_that_exist():
    existing = {p.name[:2] for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")}
    for section, text in sections_of_source().items():
        if section == "title":
            continue
        named = {n for m in build.NOTEBOOK.findall(text) for n in m.split()}
        assert named, f"section {section!r} names no notebook ({{{{notebook NN}}}})"
        assert named <= existing, f"section {section!r} names missing notebooks {named - existing}"


def test_the_built_deck_has_every_section_and_is_self_contained(deck):
    page = deck.read_text()
    assert re.findall(r'<section id="([a-z0-9-]+)"', page) == SECTIONS
    build.check_self_contained(page)
    assert not re.search(r"\{\{(notebook|figure) ", page), "a {{notebook}} or {{figure}} was not expanded"
    assert page.count('class="katex"') > 50
    assert page.count('<img class="figure"') >= 10


#: JavaScript: what a viewer would see that is wrong. Raw TeX is looked for in the text of every
#: slide after KaTeX's own output is removed.
PROBLEMS_JS = r"""
() => {
  const problems = [];
  document.querySelectorAll('.reveal .slides section').forEach((s, i) => {
    const copy = s.cloneNode(true);
    copy.querySelectorAll('.katex, pre, code, aside.notes').forEach(k => k.remove());
    const text = copy.textContent;
    const tex = text.match(/\$[^$\n]+\$|\\(frac|sigma|mathbf|begin|tanh|odot|alpha|theta)\b/);
    if (tex) { problems.push(`slide ${i + 1}: raw LaTeX ${tex[0]}`); }
  });
  document.querySelectorAll('.katex-error').forEach(e => problems.push('KaTeX error: ' + e.title));
  document.querySelectorAll('img').forEach(img => {
    if (!img.complete || img.naturalWidth === 0) { problems.push('image not shown: ' + img.alt); }
  });
  if (!document.fonts.check('20px KaTeX_Main')) { problems.push('KaTeX_Main font not loaded'); }
  if (!Reveal.hasPlugin('notes')) { problems.push('no speaker-notes plugin'); }
  return problems;
}
"""


def test_the_deck_in_headless_chromium(deck):
    try:
        from browser_helpers import CHROMIUM, CHROMIUM_ARGS
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        skip_or_fail(f"Playwright is not installed ({error}): run `make env`")
    if not CHROMIUM.exists():
        skip_or_fail(f"{CHROMIUM} not found: run `make browser` or install Debian's chromium")
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    url, errors, outside = deck.as_uri(), [], []

    def refuse_all_but_the_deck(route):
        if route.request.url.split("#")[0] == url:
            return route.continue_()
        outside.append(route.request.url[:120])
        return route.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                             args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 760})
            page.set_default_timeout(60_000)
            page.route("**/*", refuse_all_but_the_deck)
            page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
            page.on("console", lambda m: errors.append(f"console {m.type}: {m.text}")
                    if m.type in ("error", "warning") else None)
            page.on("requestfailed", lambda r: errors.append(f"request failed: {r.url[:120]}"))
            page.goto(url)
            page.wait_for_function("() => window.Reveal && Reveal.isReady()")
            page.evaluate("document.fonts.ready")
            assert page.evaluate("Reveal.getTotalSlides()") == len(build.parse(
                build.SOURCE.read_text()))
            page.screenshot(path=OUTPUT_DIR / "title.png")
            problems = page.evaluate(PROBLEMS_JS)
            page.evaluate("Reveal.slide(Reveal.getSlides().indexOf(document.getElementById('lstm')))")
            page.wait_for_function("() => Reveal.getCurrentSlide().id === 'lstm'")
            page.screenshot(path=OUTPUT_DIR / "equation.png")
            visible = page.evaluate("Reveal.getCurrentSlide().querySelectorAll('.katex').length")
        finally:
            browser.close()
    assert not outside, f"the deck tried to load {outside}"
    assert not errors, errors
    assert not problems, problems
    assert visible >= 5, "the LSTM slide shows fewer than 5 formulas"


def test_the_deck_presents_from_jupyterlab(deck, tmp_path):
    """JupyterLab's own HTML viewer shows the deck once "Trust HTML" is clicked (no extension)."""
    try:
        from browser_helpers import CHROMIUM, CHROMIUM_ARGS, LabServer
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        skip_or_fail(f"Playwright is not installed ({error}): run `make env`")
    if not CHROMIUM.exists():
        skip_or_fail(f"{CHROMIUM} not found: run `make browser` or install Debian's chromium")
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    with LabServer(deck.parent, tmp_path / "lab", tmp_path / "lab.log") as server, \
            sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                             args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.set_default_timeout(90_000)
            page.goto(server.url(f"lab/tree/{deck.name}"))
            page.get_by_text("Trust HTML", exact=True).click()
            frame = page.frame_locator(".jp-RenderedHTML iframe, iframe").first
            frame.locator("section#title.present").wait_for()
            page.screenshot(path=OUTPUT_DIR / "jupyterlab.png")
        finally:
            browser.close()
