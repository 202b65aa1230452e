"""The workshop deck (slides/): it builds, covers every topic of the original workshop in the
notebooks' order, agrees with README's timetable and with the notebooks' numbers, and every slide
fits, is readable from the back row and has speaker notes and a timing.

The browser part shows every slide in headless Chromium at 1280 x 720 (a 16:9 projector) and at
1024 x 768 (a 4:3 one), with every request outside the deck refused, and saves a screenshot of each
to test-output/slides/<width>x<height>/ (not committed). On each slide it measures:

- **overflow**: every heading, paragraph, list item, table, code block, formula and figure lies
  inside the slide and above the foot line (the notebooks' names), and no code block scrolls;
- **figure text**: the smallest font of each figure (slides/build.py records it, in px of the
  figure as drawn) times the scale at which the browser shows the figure;
- **slide text**: the computed font size of every text, times reveal.js' scale.

**The threshold: 1/40 of the screen's height**, 18 px at 720 and 19.2 px at 768 (the foot line,
which is for the presenter, is exempt). At that size a capital letter (0.73 of the font size in
DejaVu Sans) is 1/55 of the screen's height; from the farthest seat of a training room, 6 screen
heights away (the usual limit for presentations with text and graphics), that is about 10 minutes
of arc, twice the 5' of a letter on the 20/20 line of an eye chart: readable with normal sight,
with a margin. The deck's body text (30 px) and the figures (26 px and up, slides/deckstyle.py)
pass it on a 4:3 projector, where the 16:9 slide shrinks to 0.77 of its size; the 16 px tick
labels of the earlier deck (1/45 of 720) did not. Without Chromium or Playwright the browser tests
are skipped (`make browser` installs Chromium), except in CI (CI=true), where they fail.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SLIDES = ROOT / "slides"
OUTPUT_DIR = ROOT / "test-output" / "slides"
IN_CI = os.environ.get("CI", "").lower() == "true"
#: The smallest readable text, as a fraction of the screen's height (module docstring).
MIN_TEXT = 1 / 40
VIEWPORTS = [(1280, 720), (1024, 768)]
# slides/build.py, under a name that cannot shadow another module called "build"
_spec = importlib.util.spec_from_file_location("slides_build", SLIDES / "build.py")
build = sys.modules["slides_build"] = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build)

#: One section per topic, in the order of the notebooks (00 to 13) and of the half-day plan.
SECTIONS = [
    "title", "brain", "neuron", "perceptron", "forward", "activations", "learning", "loss",
    "gradient-descent", "backprop", "break", "vocabulary", "keras", "time-series", "evaluation",
    "recurrent", "lstm", "gru", "gdp", "showdown", "covariates", "closing",
]
#: The first notebook each section names: the deck follows the course's order.
#: Phrases that must appear in a section: the facts COURSE.md asks the workshop to state.
MUST_SAY = {
    "brain": ["10^{11}", "10^{4}", "Hebb", "positive", "negative", "same structure"],
    "neuron": ["weighted sum", "f(z)"],
    "perceptron": ["step", "perceptron"],
    "forward": ["multi-layer perceptron", "forward propagation", "XOR"],
    "activations": ["\\sigma(z)", "\\tanh", "non-linear", "differentiable", "non-decreasing",
                    "more abstract features"],
    "learning": ["constraints", "function to optimise", "algorithm"],
    "loss": ["quadratic error", "Cross-entropy", "pairs with a sigmoid", "\\frac{1}{NK}"],
    "gradient-descent": ["\\alpha", "batch", "epoch", "convergence"],
    "backprop": ["deltas", "real output", "weight update"],
    "vocabulary": ["features", "predictors", "attributes", "targets", "responses", "classes",
                   "algorithm", "model"],
    "keras": ["Sequential", "Dense", "Dropout", "Activation", "SimpleRNN", "LSTM", "GRU",
              "compile", "optimizer", "loss", "fit", "batch_size", "epochs", "validation_split",
              "validation_data", "shuffle", "predict"],
    "time-series": ["strongly correlated", "econometrics", "finance", "earthquake", "symbolic",
                    "growth", "histogram", "autocorrelation", "Lag-1 scatter", "linear regression"],
    "evaluation": ["X_t = f(X_{t-1}", "(N, T, D)", "Without looking into the future", "naive",
                   "One-step-ahead", "Recursive", "levels rebuilt"],
    "recurrent": ["h_t = f(x_t, h_{t-1})", "implicitly on all earlier inputs", "sequence to sequence",
                  "W_x = U^\\top", "Language modelling", "Speech recognition", "Machine translation",
                  "Part-of-speech tagging", "Sentiment analysis", "summarisation",
                  "Time-series forecasting", "single time step", "one time step", "Several lags",
                  "Vanishing"],
    "lstm": ["Hochreiter and Schmidhuber, 1997", "Gers, Schmidhuber and Cummins (2000)",
             "c_t = f_t \\odot c_{t-1} + i_t \\odot g_t", "h_t = o_t \\odot \\tanh(c_t)",
             "i, f, c, o", "(D, 4H)"],
    "gru": ["Cho et al., 2014", "Chung et al., 2014", "h_t &= z_t \\odot h_{t-1} + (1 - z_t)",
            "swapped the roles", "reset_after", "(2, 3H)", "z, r, h"],
    "gdp": ["LSTM and GRU against the baselines", "One-step-ahead"],
    "showdown": ["backtests", "several seeds"],
    "covariates": ["(N, T, D)", "vector autoregression", "Conv1D", "dropout"],
    "closing": ["References", "Questions"],
}


def skip_or_fail(reason: str):
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: the deck must be built and viewed in CI)", pytrace=False)
    pytest.skip(reason)


def source_slides():
    return build.parse(build.SOURCE.read_text())


def sections_of_source() -> dict[str, str]:
    """Each section id with the Markdown of all its slides (a section runs to the next one)."""
    out: dict[str, str] = {}
    slides = source_slides()
    for slide, section in zip(slides, build.sections_of(slides), strict=True):
        out[section] = out.get(section, "") + "\n" + slide.markdown
    return out


@pytest.fixture(scope="module")
def deck(tmp_path_factory) -> Path:
    """The deck, built by the same command as `make slides` (into a temporary folder, leaving
    README as it is: test_the_plan_slide_and_readme_agree checks README)."""
    if shutil.which("npm") is None or shutil.which("node") is None:
        skip_or_fail("Node.js and npm are needed to build the deck (see slides/README.md)")
    out = tmp_path_factory.mktemp("slides") / "index.html"
    done = subprocess.run([sys.executable, str(SLIDES / "build.py"), "--out", str(out),
                           "--no-readme"], capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    return out


# --- the source --------------------------------------------------------------------------------

def test_the_source_has_every_section_once_and_says_what_the_workshop_said():
    sections = sections_of_source()
    assert list(sections) == SECTIONS
    for section, phrases in MUST_SAY.items():
        missing = [p for p in phrases if p.lower() not in sections[section].lower()]
        assert not missing, f"section {section!r} does not say {missing}"


def test_the_sections_follow_the_notebooks_order_and_name_notebooks_that_exist():
    existing = {p.name[:2] for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")}
    first = []
    for section, text in sections_of_source().items():
        named = [n for m in build.NOTEBOOK.findall(text) for n in m.split()]
        if section == "break":
            continue
        assert named, f"section {section!r} names no notebook ({{{{notebook NN}}}})"
        assert set(named) <= existing, f"section {section!r} names missing notebooks {set(named) - existing}"
        if section not in ("title", "closing"):
            first.append(min(named))
    assert first == sorted(first), f"sections out of the notebooks' order: {first}"
    assert max(first) == max(existing), "the last notebook has no section in the deck"


def test_every_slide_has_notes_to_say_ask_and_answer_and_a_timing():
    for i, slide in enumerate(source_slides(), start=1):
        assert slide.timing and slide.timing >= 30, f"slide {i}: no 'Time: N min' in its notes"
        notes = slide.notes
        for part in ("**Say.**", "**Ask.**", "**Answer.**"):
            assert part in notes, f"slide {i} ({slide.markdown[:40]!r}): notes without {part}"
        assert "$" not in notes, f"slide {i}: math in the notes (the speaker view has no KaTeX)"
        answer = notes.split("**Answer.**", 1)[1].strip()
        assert len(answer) > 20 or build.MARKDOWN.fullmatch(answer), f"slide {i}: a bare answer: {answer!r}"


def test_one_figure_per_slide():
    for i, slide in enumerate(source_slides(), start=1):
        assert len(build.FIGURE.findall(slide.markdown)) <= 1, f"slide {i} holds several figures"


# --- the plan: slides/plan.toml, the plan slide, README, the timings ---------------------------

def minutes(clock: str) -> int:
    hours, mins = clock.split(":")
    return 60 * int(hours) + int(mins)


def test_the_plan_slide_and_readme_agree():
    """README's two timetables are what slides/plan.toml makes (`make slides` writes them), and
    the plan slide is made from the same file."""
    readme = (ROOT / "README.md").read_text()
    for name, table in build.readme_tables().items():
        found = re.search(rf"<!-- {name}:start -->\n(.*?)\n<!-- {name}:end -->", readme, re.DOTALL)
        assert found, f"README has no {name} timetable between markers"
        assert found.group(1) == table, f"README's {name} table differs from slides/plan.toml: run make slides"
    assert sum("{{plan}}" in s.markdown for s in source_slides()) == 1
    plan_rows = build.plan_slide().splitlines()[2:]
    readme_rows = build.readme_tables()["half-day"].splitlines()[2:]
    assert [r.split("|")[1:3] for r in plan_rows] == [r.split("|")[1:3] for r in readme_rows]


def test_the_half_day_blocks_cover_the_deck_in_order_and_its_timings_add_up():
    blocks = build.plan()["half_day"]
    slides = source_slides()
    sections = build.sections_of(slides)
    assert [s for b in blocks for s in b["sections"]] == list(dict.fromkeys(sections))
    for block, after in zip(blocks, blocks[1:], strict=False):
        assert minutes(block["start"]) + block["minutes"] == minutes(after["start"]), block["block"]
    assert minutes(blocks[-1]["start"]) + blocks[-1]["minutes"] == 210, "the half day is 3 h 30"
    seconds = Counter()
    for slide, section in zip(slides, sections, strict=True):
        seconds[section] += slide.timing
    for block in blocks:
        spoken = sum(seconds[s] for s in block["sections"])
        assert spoken == 60 * block["minutes"], (
            f"block {block['block']!r}: the slides' timings add up to {spoken / 60:g} min, the "
            f"plan gives {block['minutes']}")


def test_the_live_exercises_of_the_plan_are_the_exercise_slides():
    slides = source_slides()
    sections = build.sections_of(slides)
    for block in build.plan()["half_day"]:
        shown = [(m.group(1), int(m.group(2)), int(m.group(3)), slide.timing)
                 for slide, section in zip(slides, sections, strict=True)
                 if section in block["sections"]
                 for m in build.EXERCISE.finditer(slide.markdown)]
        assert [(n, k, mins) for n, k, mins, _ in shown] == [tuple(e) for e in block["exercises"]]
        for number, k, mins, timing in shown:
            assert timing == 60 * mins, f"exercise {number}-{k}: slide timing {timing} s"
            title, task = build.exercise(number, k)  # the heading exists in the notebook
            assert title and task


# --- the built deck ------------------------------------------------------------------------------

def numbers_of(page: str) -> dict:
    found = re.search(r'<script type="application/json" id="deck-numbers">(.*?)</script>', page,
                      re.DOTALL)
    return json.loads(found.group(1).replace("<\\/", "</"))


def test_the_built_deck_has_every_section_and_is_self_contained(deck):
    page = deck.read_text()
    assert re.findall(r'<section id="([a-z0-9-]+)"', page) == SECTIONS
    build.check_self_contained(page)
    assert not re.search(r"\{\{(notebook|figure|md|exercise|plan)\b", page), "a placeholder was not expanded"
    assert 'class="missing"' not in page, numbers_of(page).get("missing")
    assert page.count('class="katex"') > 50
    sections = re.findall(r"<section\b[^>]*>", page)
    assert all("data-timing=" in s for s in sections), "a slide without data-timing"
    assert page.count('<aside class="notes">') == len(sections)
    notes = re.findall(r'<aside class="notes">(.*?)</aside>', page, re.DOTALL)
    assert not any("`" in n for n in notes), "raw backticks in the speaker notes"
    for said in ("10 years ahead", "80 % intervals", "LSTM", "GRU"):  # the tables' text
        assert said in page
    figures = re.findall(r'<img class="figure"[^>]*>', page)
    assert len(figures) >= 25 and all('data:image/svg+xml' in f for f in figures)


def stored_scores(number: str, must_have: str, columns: list[str]):
    sys.path.insert(0, str(SLIDES))
    import results

    return results.stored_table(number, columns, lambda m: m == must_have, "scores")


def test_the_decks_numbers_agree_with_the_notebooks(deck):
    """The results slides: the LSTM and GRU table (trained by slides/results.py as notebook 11
    trains them) equals notebook 11's stored table; the showdown (12) and covariates (13) slides
    show the tables stored in those notebooks."""
    numbers = numbers_of(deck.read_text())
    stored = stored_scores("11", "GRU", ["MAE", "RMSE", "MASE", "skill"])
    for model, row in stored.iterrows():
        for metric, value in row.items():
            assert numbers["gdp"][model][metric] == pytest.approx(value, abs=0.0015), (
                f"{model} {metric}: deck {numbers['gdp'][model][metric]}, notebook 11 {value}: "
                f"did notebook 11 change its networks? slides/results.py trains them as it did")
    main = stored_scores("12", "GRU", ["MASE"])["MASE"]
    for (series, model), value in main.items():
        assert numbers["showdown"]["MASE"][series][model] == value
    covariates = stored_scores("13", "GRU", ["MASE"])["MASE"]
    assert numbers["covariates"] == dict(covariates.items())


# --- in a browser --------------------------------------------------------------------------------

#: JavaScript: what a viewer would see that is wrong anywhere in the deck.
PROBLEMS_JS = r"""
async () => {
  await document.fonts.load('20px KaTeX_Main');  // fonts load on first use: force it
  const problems = [];
  document.querySelectorAll('.reveal .slides section').forEach((s, i) => {
    const copy = s.cloneNode(true);
    copy.querySelectorAll('.katex, pre, code, aside.notes').forEach(k => k.remove());
    const text = copy.textContent;
    const tex = text.match(/\$[^$\n]+\$|\\(frac|sigma|mathbf|begin|tanh|odot|alpha|theta)\b/);
    if (tex) { problems.push(`slide ${i + 1}: raw LaTeX ${tex[0]}`); }
    if (!s.hasAttribute('data-timing')) { problems.push(`slide ${i + 1}: no data-timing`); }
  });
  document.querySelectorAll('.katex-error').forEach(e => problems.push('KaTeX error: ' + e.title));
  document.querySelectorAll('img').forEach(img => {
    if (!img.complete || img.naturalWidth === 0) { problems.push('image not shown: ' + img.alt); }
  });
  if (!document.fonts.check('20px KaTeX_Main')) { problems.push('KaTeX_Main font not loaded'); }
  if (!Reveal.hasPlugin('notes')) { problems.push('no speaker-notes plugin'); }
  if (Reveal.getConfig().defaultTiming == null) { problems.push('no pacing: defaultTiming unset'); }
  return problems;
}
"""

#: JavaScript: the layout of the current slide: what overflows, what overlaps the foot line,
#: and the smallest text, in screen px, of the figures and of the rest.
LAYOUT_JS = r"""
() => {
  const slide = Reveal.getCurrentSlide();
  const frame = document.querySelector('.reveal .slides').getBoundingClientRect();
  const scale = Reveal.getScale();
  const foot = slide.querySelector('p.notebooks');
  const footTop = foot ? foot.getBoundingClientRect().top : frame.bottom;
  const problems = [];
  const blocks = slide.querySelectorAll(
    'h1, h2, h3, p, li, table, pre, img, .katex-display, .katex, div.columns, div.references');
  for (const el of blocks) {
    if (el.closest('aside.notes') || el === foot) { continue; }
    if (el.classList.contains('katex') && el.closest('.katex-display')) { continue; }
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) { continue; }
    const what = `${el.tagName.toLowerCase()} "${(el.textContent || el.alt || '').trim().slice(0, 40)}"`;
    if (r.left < frame.left - 1 || r.right > frame.right + 1 || r.top < frame.top - 1
        || r.bottom > frame.bottom + 1) {
      problems.push(`${what} overflows the slide`);
    } else if (r.bottom > footTop + 1) {
      problems.push(`${what} runs into the foot line`);
    }
  }
  for (const pre of slide.querySelectorAll('pre code')) {
    if (pre.scrollWidth > pre.clientWidth + 1 || pre.scrollHeight > pre.clientHeight + 1) {
      problems.push('a code block scrolls');
    }
  }
  const figures = [];
  for (const img of slide.querySelectorAll('img.figure')) {
    const drawn = Number(img.getAttribute('width'));
    const shown = img.getBoundingClientRect().width;
    figures.push({name: img.dataset.figure,
                  font: Number(img.dataset.minFont) * shown / drawn});
  }
  let smallest = null;
  const walker = document.createTreeWalker(slide, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const el = node.parentElement;
    if (!node.textContent.trim() || el.closest('aside.notes, p.notebooks, .katex')) { continue; }
    const px = parseFloat(getComputedStyle(el).fontSize) * scale;
    if (smallest === null || px < smallest.px) { smallest = {px, text: node.textContent.trim().slice(0, 40)}; }
  }
  for (const k of slide.querySelectorAll('.katex')) {
    if (k.closest('aside.notes, p.notebooks')) { continue; }
    const px = parseFloat(getComputedStyle(k).fontSize) * scale;
    if (smallest === null || px < smallest.px) { smallest = {px, text: 'a formula'}; }
  }
  return {problems, figures, smallest, scale};
}
"""


def browser_or_skip():
    try:
        from playwright.sync_api import sync_playwright

        from tests.browser_helpers import CHROMIUM, CHROMIUM_ARGS
    except ImportError as error:
        skip_or_fail(f"Playwright is not installed ({error}): run `make env`")
    if not CHROMIUM.exists():
        skip_or_fail(f"{CHROMIUM} not found: run `make browser` or install Debian's chromium")
    return CHROMIUM, CHROMIUM_ARGS, sync_playwright


@pytest.fixture(scope="module")
def shown(deck) -> dict:
    """Every slide shown at every viewport: the problems and measurements, by viewport."""
    chromium, args, sync_playwright = browser_or_skip()
    url, errors, outside, seen = deck.as_uri(), [], [], {}
    ids = [s.section for s in source_slides()]
    names = []
    current = None
    for i, section in enumerate(ids):
        current = section or current
        names.append(f"{i + 1:02d}-{current}")

    def refuse_all_but_the_deck(route):
        if route.request.url.split("#")[0] == url:
            return route.continue_()
        outside.append(route.request.url[:120])
        return route.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), headless=True,
                                             args=args)
        try:
            for width, height in VIEWPORTS:
                folder = OUTPUT_DIR / f"{width}x{height}"
                shutil.rmtree(folder, ignore_errors=True)
                folder.mkdir(parents=True)
                page = browser.new_page(viewport={"width": width, "height": height})
                page.set_default_timeout(60_000)
                page.route("**/*", refuse_all_but_the_deck)
                page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
                page.on("console", lambda m: errors.append(f"console {m.type}: {m.text}")
                        if m.type in ("error", "warning") else None)
                page.on("requestfailed", lambda r: errors.append(f"request failed: {r.url[:120]}"))
                page.goto(url)
                page.wait_for_function("() => window.Reveal && Reveal.isReady()")
                page.evaluate("document.fonts.ready")
                total = page.evaluate("Reveal.getTotalSlides()")
                assert total == len(names)
                results = {"problems": page.evaluate(PROBLEMS_JS), "slides": []}
                for i, name in enumerate(names):
                    page.evaluate(f"Reveal.slide({i})")
                    page.wait_for_function(f"() => Reveal.getIndices().h === {i}")
                    page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
                    page.screenshot(path=folder / f"{name}.png")
                    results["slides"].append((name, page.evaluate(LAYOUT_JS)))
                seen[(width, height)] = results
                page.close()
        finally:
            browser.close()
    return {"viewports": seen, "errors": errors, "outside": outside}


def test_the_deck_in_headless_chromium_loads_nothing_and_shows_no_error(shown):
    assert not shown["outside"], f"the deck tried to load {shown['outside']}"
    assert not shown["errors"], shown["errors"]
    for viewport, results in shown["viewports"].items():
        assert not results["problems"], (viewport, results["problems"])


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=[f"{w}x{h}" for w, h in VIEWPORTS])
def test_every_slide_fits_above_the_foot_line(shown, viewport):
    bad = [f"{name}: {p}" for name, layout in shown["viewports"][viewport]["slides"]
           for p in layout["problems"]]
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=[f"{w}x{h}" for w, h in VIEWPORTS])
def test_every_text_is_readable_from_the_back_row(shown, viewport):
    least = viewport[1] * MIN_TEXT
    small = []
    for name, layout in shown["viewports"][viewport]["slides"]:
        for figure in layout["figures"]:
            if figure["font"] < least - 0.05:
                small.append(f"{name}: figure {figure['name']}: text of {figure['font']:.1f} px")
        if layout["smallest"] and layout["smallest"]["px"] < least - 0.05:
            small.append(f"{name}: {layout['smallest']['text']!r} at {layout['smallest']['px']:.1f} px")
    assert not small, f"smaller than 1/40 of the screen ({least:.1f} px):\n" + "\n".join(small)
    measured = [f for _, layout in shown["viewports"][viewport]["slides"] for f in layout["figures"]]
    assert len(measured) >= 25, "the figures were not measured"


def test_the_deck_presents_from_jupyterlab(deck, tmp_path):
    """JupyterLab's own HTML viewer shows the deck once "Trust HTML" is clicked (no extension)."""
    chromium, args, sync_playwright = browser_or_skip()
    from tests.browser_helpers import LabServer

    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    with LabServer(deck.parent, tmp_path / "lab", tmp_path / "lab.log") as server, \
            sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), headless=True,
                                             args=args)
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
