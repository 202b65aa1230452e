"""The course in a real browser: JupyterLab serves the notebooks, they run, and the widgets respond.

"Error displaying widget" and a JupyterLab that will not start are what learners meet first, and
only a browser sees them. These tests start JupyterLab the way `make lab` does (the course's
.venv, a free localhost port, a token, no browser of its own), open notebooks in Debian's headless
Chromium driven by Playwright, run all cells from the Run menu, and move a slider.

Screenshots go to test-output/browser/ (not committed). Chromium comes from
tools/ensure_chromium.sh, which `make test` runs first; without it these tests are skipped, except
in CI (CI=true), where they fail. Nothing here needs the internet.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from tests.browser_helpers import (
    CHROMIUM,
    CHROMIUM_ARGS,
    OUTPUT_DIR,
    OUTPUT_FINGERPRINT_JS,
    ROOT,
    LabServer,
    error_cells,
    free_port,
    http_get,
    open_notebook,
    run_all_cells,
    settled_fingerprint,
    stop_process_tree,
    wait_for_http,
    widget_errors,
)

IN_CI = os.environ.get("CI", "").lower() == "true"
NOTEBOOKS = ROOT / "notebooks"
WIDGET_NOTEBOOK = "notebooks/02_activation_functions.ipynb"
RNN_NOTEBOOK = "notebooks/09_recurrent_neural_networks.ipynb"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def skip_or_fail(reason: str):
    """Skipped on a learner's machine; in CI a missing browser must fail the build."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: the browser tests must run in CI)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def output_dir() -> Path:
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    return OUTPUT_DIR


@pytest.fixture(scope="module")
def browser_context(tmp_path_factory):
    """Headless Debian Chromium with a fresh profile and no background networking."""
    if not CHROMIUM.exists():
        skip_or_fail(f"{CHROMIUM} not found: run `make browser` (tools/ensure_chromium.sh) or "
                     "install Debian's chromium package")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("Playwright for Python is not installed: run `make env`")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 1000},
        )
        context.set_default_timeout(60_000)
        try:
            yield context
        finally:
            context.close()


@pytest.fixture(scope="module")
def lab(browser_context, tmp_path_factory, output_dir):
    """The course's JupyterLab on a free port, stopped with its kernels even when a test fails."""
    with LabServer(ROOT, tmp_path_factory.mktemp("jupyter-state"),
                   output_dir / "jupyterlab.log") as server:
        yield server


@pytest.fixture
def page(browser_context):
    page = browser_context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.problems = problems
    try:
        yield page
    finally:
        page.close()


def notebook_has_widget(path: Path) -> bool:
    """A widget in the stored outputs, or ipywidgets or a course explorer in the code."""
    notebook = json.loads(path.read_text())
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        if "ipywidgets" in source or "_explorer(" in source:
            return True
        if any(WIDGET_MIME in output.get("data", {}) for output in cell.get("outputs", [])):
            return True
    return False


def widget_notebook() -> str | None:
    """notebooks/02_activation_functions.ipynb, or else the first notebook with a widget."""
    if (ROOT / WIDGET_NOTEBOOK).exists():
        return WIDGET_NOTEBOOK
    for path in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")):
        if notebook_has_widget(path):
            return path.relative_to(ROOT).as_posix()
    return None


def test_widget_slider_redraws_the_output(lab, page, output_dir):
    notebook = widget_notebook()
    if notebook is None:
        pytest.skip("no notebook with a widget in the course yet "
                    f"({WIDGET_NOTEBOOK} does not exist)")
    stem = Path(notebook).stem

    open_notebook(page, lab, notebook)
    state = run_all_cells(page, screenshot=output_dir / f"{stem}_timed_out.png")
    assert state["kernel_name"] == "python3", state["kernel_name"]
    assert not error_cells(state), f"{notebook} raised in the browser: {error_cells(state)}"

    slider = page.locator(".jp-Notebook .widget-slider").first
    slider.wait_for(state="visible", timeout=60_000)
    assert not widget_errors(page), f"{notebook}: {widget_errors(page)}"
    slider.scroll_into_view_if_needed()
    page.screenshot(path=output_dir / f"{stem}_run_all.png")

    cell = slider.locator("xpath=ancestor::div[contains(@class, 'jp-CodeCell')][1]")
    handle = slider.locator(".noUi-handle").first
    label = slider.locator(".widget-label").inner_text()
    value_before = handle.get_attribute("aria-valuenow")
    # The drawing is there before we move anything (an image or text beside the slider).
    page.wait_for_function(
        "(cell) => { const a = cell.querySelector('.jp-Cell-outputArea .widget-output');"
        " return !a || a.querySelector('img, .jp-RenderedText'); }",
        arg=cell.element_handle(), timeout=60_000,
    )
    before = settled_fingerprint(page, cell)
    cell.scroll_into_view_if_needed()
    cell.screenshot(path=output_dir / f"{stem}_widget_before.png")

    # Move the slider as a learner can: focus its handle and press the right arrow 20 times.
    handle.focus()
    for _ in range(20):
        handle.press("ArrowRight")
    page.wait_for_function(
        "([handle, before]) => handle.getAttribute('aria-valuenow') !== before",
        arg=[handle.element_handle(), value_before], timeout=30_000,
    )
    # The kernel redraws: wait for a different output that is complete again (it is cleared
    # before each redraw), and for the kernel to be idle.
    page.wait_for_function(
        """([cell, before, fingerprint]) => {
          const now = eval(fingerprint)(cell);
          const b = JSON.parse(before), n = JSON.parse(now);
          return now !== before && n.images.length >= b.images.length
                 && n.texts.length >= b.texts.length;
        }""",
        arg=[cell.element_handle(), before, OUTPUT_FINGERPRINT_JS], timeout=60_000,
    )
    after = settled_fingerprint(page, cell)
    value_after = handle.get_attribute("aria-valuenow")
    cell.screenshot(path=output_dir / f"{stem}_widget_after.png")

    assert value_after != value_before, f"the slider {label!r} did not move"
    assert after != before, f"moving {label!r} from {value_before} to {value_after} changed nothing"
    assert not widget_errors(page), f"{notebook}: {widget_errors(page)}"
    assert not page.problems, page.problems


LAG_NOTEBOOK = "notebooks/07_time_series.ipynb"


def test_lag_slider_moves_the_scatter_and_the_marked_bar(lab, page, output_dir):
    """Notebook 07's lag explorer: moving its "lag" slider redraws the figure for the new lag."""
    if not (ROOT / LAG_NOTEBOOK).exists():
        pytest.skip(f"{LAG_NOTEBOOK} does not exist")
    stem = Path(LAG_NOTEBOOK).stem
    open_notebook(page, lab, LAG_NOTEBOOK)
    state = run_all_cells(page, screenshot=output_dir / f"{stem}_timed_out.png")
    assert not error_cells(state), f"{LAG_NOTEBOOK} raised in the browser: {error_cells(state)}"

    slider = page.locator(".jp-Notebook .widget-slider").filter(has_text="lag").first
    slider.wait_for(state="visible", timeout=60_000)
    assert not widget_errors(page), f"{LAG_NOTEBOOK}: {widget_errors(page)}"
    cell = slider.locator("xpath=ancestor::div[contains(@class, 'jp-CodeCell')][1]")
    handle = slider.locator(".noUi-handle").first
    page.wait_for_function(
        "(cell) => cell.querySelector('.jp-Cell-outputArea .widget-output img')",
        arg=cell.element_handle(), timeout=60_000,
    )
    before = settled_fingerprint(page, cell)
    assert float(handle.get_attribute("aria-valuenow")) == 1
    cell.scroll_into_view_if_needed()
    cell.screenshot(path=output_dir / f"{stem}_lag_before.png")

    handle.focus()
    for _ in range(3):  # lag 1 -> lag 4, as a learner's arrow keys would
        handle.press("ArrowRight")
    page.wait_for_function(
        "(handle) => Number(handle.getAttribute('aria-valuenow')) === 4",
        arg=handle.element_handle(), timeout=30_000,
    )
    page.wait_for_function(
        """([cell, before, fingerprint]) => {
          const now = eval(fingerprint)(cell);
          return now !== before && JSON.parse(now).images.length >= 1;
        }""",
        arg=[cell.element_handle(), before, OUTPUT_FINGERPRINT_JS], timeout=60_000,
    )
    after = settled_fingerprint(page, cell)
    cell.screenshot(path=output_dir / f"{stem}_lag_after.png")
    assert after != before, "moving the lag from 1 to 4 changed nothing"
    assert not widget_errors(page), f"{LAG_NOTEBOOK}: {widget_errors(page)}"
    assert not page.problems, page.problems


def test_recurrent_network_notebook_runs_in_the_browser(lab, page, output_dir):
    if not (ROOT / RNN_NOTEBOOK).exists():
        pytest.skip("notebook 09 not in the course yet "
                    f"({RNN_NOTEBOOK} does not exist)")
    open_notebook(page, lab, RNN_NOTEBOOK)
    stem = Path(RNN_NOTEBOOK).stem
    state = run_all_cells(page, timeout_ms=240_000,
                          screenshot=output_dir / f"{stem}_timed_out.png")
    page.screenshot(path=output_dir / f"{stem}_run_all.png")
    figures = page.locator(".jp-Notebook .jp-OutputArea-output img")
    if figures.count():
        figures.last.scroll_into_view_if_needed()
        page.screenshot(path=output_dir / f"{stem}_last_figure.png")
    assert not error_cells(state), f"{RNN_NOTEBOOK} raised in the browser: {error_cells(state)}"
    not_run = [c["index"] for c in state["cells"]
               if c["execution_count"] is None and c["source"].strip()]
    assert not not_run, f"cells that did not run: {not_run}"
    assert not widget_errors(page), f"{RNN_NOTEBOOK}: {widget_errors(page)}"
    assert not page.problems, page.problems


def test_make_lab_serves_the_index_notebook(output_dir):
    """`make lab` itself: the server answers on its port and serves notebooks/00_index.ipynb."""
    port, token = free_port(), os.urandom(16).hex()
    lab_args = f"--no-browser --IdentityProvider.token={token}"  # tools/course.py adds --allow-root
    log = output_dir / "make_lab.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            ["make", "--no-print-directory", "lab", f"PORT={port}", f"LAB_ARGS={lab_args}"],
            cwd=ROOT, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        # `make lab` may first bring .venv up to date; give it time.
        wait_for_http(f"{base}/api/status?token={token}", process, log, timeout=600)
        status, body = http_get(f"{base}/api/contents/notebooks/00_index.ipynb?token={token}")
        assert status == 200, (status, body[:200])
        model = json.loads(body)
        assert model["type"] == "notebook" and model["path"] == "notebooks/00_index.ipynb"
        assert model["content"]["cells"], "the index notebook came back empty"
        status, page = http_get(f"{base}/lab/tree/notebooks/00_index.ipynb?token={token}")
        assert status == 200 and b"JupyterLab" in page
        status, _ = http_get(f"{base}/api/contents/notebooks/00_index.ipynb")
        assert status == 403, "the server must ask for the token"
    finally:
        stop_process_tree(process, f"{base}/api/shutdown?token={token}")


def command_line(process, psutil):
    """The command line of a child of the server, or "" for one that has just exited.

    The server starts short-lived helpers; one that exits between `children()` and `cmdline()`
    is gone or a zombie, and it is not a kernel either way.
    """
    try:
        return " ".join(process.cmdline())
    except (psutil.ZombieProcess, psutil.NoSuchProcess, psutil.AccessDenied):
        return ""


def test_the_server_stops_with_its_kernels_even_after_a_failure(tmp_path):
    """The fixture's promise: a failing test still stops the server and the kernels it started."""
    psutil = pytest.importorskip("psutil")
    server = LabServer(ROOT, tmp_path / "state", tmp_path / "lab.log")
    kernel_processes = []
    with pytest.raises(RuntimeError, match="a test failed here"), server:
        urllib.request.urlopen(
            urllib.request.Request(server.url("api/kernels"), data=b"{}", method="POST"),
            timeout=30)
        deadline = time.monotonic() + 60
        while not kernel_processes and time.monotonic() < deadline:
            kernel_processes = [p for p in psutil.Process(server.process.pid).children(True)
                                if "ipykernel" in command_line(p, psutil)]
            time.sleep(0.2)
        raise RuntimeError("a test failed here")
    assert kernel_processes, "the kernel never started"
    assert server.process.poll() is not None, "the server is still running"
    time.sleep(0.5)
    alive = [p.pid for p in kernel_processes if p.is_running() and p.status() != "zombie"]
    assert not alive, f"kernels left running: {alive}"
    with pytest.raises(OSError):
        http_get(server.url("api/status"), timeout=2)
