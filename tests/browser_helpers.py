"""Helpers for the browser tests (tests/test_browser.py): a JupyterLab server started the way
`make lab` starts it, and Debian's Chromium driven by Playwright.

Nothing here needs the internet: JupyterLab, its widget extension and the kernel are all local,
and Chromium runs with its background networking off.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUTPUT_DIR = ROOT / "test-output" / "browser"

#: Debian's chromium package; `make test` installs it through tools/ensure_chromium.sh.
CHROMIUM = Path("/usr/bin/chromium")
#: Headless, as root (no sandbox), and quiet: without the background-networking flags Chromium
#: tries to reach Google's hosts at every start, which a closed network refuses.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

#: JupyterLab settings for the test server only (its own settings folder, so a learner's settings
#: neither change the test nor get changed by it): never autosave (the notebooks' stored outputs
#: come only from `make notebooks`), and no "Jupyter news?" pop-up over the notebook.
LAB_SETTINGS = {
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {
        "autosave": False,
    },
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def jupyter_executable() -> Path:
    """The course's `jupyter`: .venv/bin/jupyter (what `make lab` runs), else the one beside the
    Python running the tests."""
    venv = ROOT / ".venv" / "bin" / "jupyter"
    return venv if venv.exists() else Path(sys.executable).with_name("jupyter")


def root_args() -> list[str]:
    """Jupyter refuses to start as root without --allow-root (CI runs as root)."""
    return ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []


def http_get(url: str, timeout: float = 5.0) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def wait_for_http(url: str, process: subprocess.Popen, log: Path, timeout: float = 120.0) -> None:
    """Poll `url` until it answers 200; fail early, with the server's log, if the server exits."""
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with code {process.returncode}:\n"
                               + tail(log))
        try:
            status, _ = http_get(url, timeout=2)
            if status == 200:
                return
        except (OSError, urllib.error.URLError):
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"no answer from {url} after {timeout:.0f} s:\n" + tail(log))
        time.sleep(0.25)


def tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def descendants(pid: int) -> list:
    """The processes under `pid` (kernels run in sessions of their own, so killing the server's
    process group does not reach them). Empty if psutil is missing."""
    try:
        import psutil

        return psutil.Process(pid).children(recursive=True)
    except Exception:
        return []


def stop_process_tree(process: subprocess.Popen, url_shutdown: str | None = None,
                      timeout: float = 20.0) -> None:
    """Stop a server and everything it started: ask it to shut down (it stops its kernels), then
    SIGTERM its process group, then SIGKILL whatever is left."""
    children = descendants(process.pid)
    if url_shutdown and process.poll() is None:
        try:
            urllib.request.urlopen(urllib.request.Request(url_shutdown, method="POST"), timeout=5)
        except (OSError, urllib.error.URLError):
            pass
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            pass
    for sig in (signal.SIGTERM, signal.SIGKILL):
        if process.poll() is not None:
            break
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            break
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            continue
    for child in children:
        try:
            child.kill()
        except Exception:
            pass
    if process.poll() is None:
        process.kill()
        process.wait(timeout=timeout)


class LabServer:
    """`jupyter lab --no-browser --port=PORT --IdentityProvider.token=TOKEN` in `root_dir`, in its
    own process group, with private settings, runtime and workspace folders under `state_dir`.

    Use as a context manager: the server is stopped (kernels included) when the block ends, also
    when it ends with an error."""

    def __init__(self, root_dir: Path, state_dir: Path, log: Path):
        self.root_dir = Path(root_dir)
        self.state_dir = Path(state_dir)
        self.log = Path(log)
        self.port = free_port()
        self.token = secrets.token_hex(16)
        self.process: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return f"{self.base_url}/{path.lstrip('/')}?token={self.token}"

    def environment(self) -> dict[str, str]:
        env = dict(os.environ)
        folders = {
            "JUPYTER_CONFIG_DIR": "config",
            "JUPYTER_RUNTIME_DIR": "runtime",
            "JUPYTERLAB_SETTINGS_DIR": "settings",
            "JUPYTERLAB_WORKSPACES_DIR": "workspaces",
        }
        for name, sub in folders.items():
            (self.state_dir / sub).mkdir(parents=True, exist_ok=True)
            env[name] = str(self.state_dir / sub)
        for name, values in LAB_SETTINGS.items():
            path = self.state_dir / "settings" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values))
        return env

    def command(self) -> list[str]:
        return [
            str(jupyter_executable()), "lab", "--no-browser",
            f"--port={self.port}", "--ServerApp.ip=127.0.0.1",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={self.root_dir}",
            # Opening a notebook makes a checkpoint: keep it out of the repository.
            f"--FileCheckpoints.checkpoint_dir={self.state_dir / 'checkpoints'}",
            # window.jupyterapp lets the test read cell outputs and the kernel's state exactly,
            # instead of guessing them from the page's text.
            "--LabApp.expose_app_in_browser=True",
            *root_args(),
        ]

    def start(self) -> LabServer:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(
                self.command(), cwd=self.root_dir, env=self.environment(),
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        wait_for_http(self.url("api/status"), self.process, self.log)
        return self

    def stop(self) -> None:
        if self.process is not None:
            stop_process_tree(self.process, self.url("api/shutdown"))

    def __enter__(self) -> LabServer:
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc) -> None:
        self.stop()


# --- the page ----------------------------------------------------------------------------------

#: JavaScript: the state of the notebook in the current tab, read from JupyterLab's own model.
NOTEBOOK_STATE_JS = """
() => {
  const app = window.jupyterapp;
  const panel = app && app.shell.currentWidget;
  if (!panel || !panel.content || !panel.sessionContext) { return null; }
  const session = panel.sessionContext.session;
  const kernel = session && session.kernel;
  const cells = [];
  const model = panel.content.model;
  for (let i = 0; i < model.cells.length; i++) {
    const cell = model.cells.get(i);
    if (cell.type !== 'code') { continue; }
    const outputs = cell.outputs.toJSON();
    cells.push({
      index: i,
      execution_count: cell.executionCount,
      state: cell.executionState || null,
      errors: outputs.filter(o => o.output_type === 'error')
                     .map(o => o.ename + ': ' + o.evalue),
      stderr: outputs.filter(o => o.output_type === 'stream' && o.name === 'stderr')
                     .map(o => String(o.text)),
      source: cell.sharedModel.getSource().slice(0, 80),
    });
  }
  return {
    path: panel.context ? panel.context.path : null,
    kernel: kernel ? kernel.status : null,
    kernel_name: kernel ? kernel.name : null,
    busy_prompts: Array.from(panel.node.querySelectorAll('.jp-InputArea-prompt'))
                       .filter(p => p.textContent.includes('*')).length,
    cells: cells,
  };
}
"""


def with_state(body: str) -> str:
    """A JavaScript predicate whose `body` can use `s`, the notebook's state (NOTEBOOK_STATE_JS)."""
    return "() => { const s = (" + NOTEBOOK_STATE_JS + ")(); " + body + " }"


def open_notebook(page, server: LabServer, notebook: str, timeout_ms: int = 90_000) -> None:
    """Open `notebook` (a path relative to the server's root) alone in a new, empty workspace (so
    no tab of an earlier test comes back), and wait until it is the current tab and its kernel is
    idle."""
    workspace = f"test-{secrets.token_hex(4)}"
    page.goto(server.url(f"lab/workspaces/{workspace}/tree/{notebook}"), timeout=timeout_ms)
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell", timeout=timeout_ms)
    page.wait_for_function(
        with_state(f"return s && s.path === {json.dumps(notebook)} && s.kernel === 'idle';"),
        timeout=timeout_ms,
    )


def run_all_cells(page, timeout_ms: int = 150_000, screenshot: Path | None = None) -> dict:
    """Run → Run All Cells, as a learner does, then wait until every code cell has run (or the
    run stopped at an error) and the kernel is idle. Returns the notebook's state.

    On a time-out, saves `screenshot` (if given) and fails with the cells that had not run."""
    page.locator(".lm-MenuBar-item", has_text="Run").first.click()
    page.locator('.lm-Menu-item[data-command="runmenu:run-all"]').click()
    # Done: the kernel is idle, no prompt shows [*], and every code cell either ran or comes
    # after a cell that failed (Run All stops at the first error).
    try:
        page.wait_for_function(
            with_state("""
              if (!s || s.kernel !== 'idle' || s.busy_prompts > 0) { return false; }
              for (const c of s.cells) {
                if (c.errors.length) { return true; }
                if (c.execution_count === null && c.source.trim() !== '') { return false; }
              }
              return true;"""),
            timeout=timeout_ms,
            polling=250,
        )
    except Exception as error:
        if "Timeout" not in type(error).__name__:
            raise
        state = notebook_state(page)
        if screenshot is not None:
            page.screenshot(path=screenshot)
        waiting = [f"cell {c['index']} ({c['source'][:40]!r})" for c in (state or {"cells": []})
                   ["cells"] if c["execution_count"] is None and c["source"].strip()]
        raise AssertionError(
            f"Run All Cells did not finish in {timeout_ms / 1000:.0f} s: kernel "
            f"{(state or {}).get('kernel')}, {len(waiting)} cells not run, first: "
            f"{waiting[:3]}") from None
    return notebook_state(page)


def notebook_state(page) -> dict:
    return page.evaluate(NOTEBOOK_STATE_JS)


def error_cells(state: dict) -> list[str]:
    """Cells whose outputs hold an error (a traceback), as 'cell N: Name: message'."""
    return [f"cell {c['index']}: {e}" for c in state["cells"] for e in c["errors"]]


# --- widgets -----------------------------------------------------------------------------------

#: JavaScript: what a cell's outputs show (image sources and text), without the widgets' own
#: controls, so that moving a slider changes it only if the drawing really changed.
OUTPUT_FINGERPRINT_JS = """
(cell) => {
  const area = cell.querySelector('.jp-Cell-outputArea') || cell;
  const images = Array.from(area.querySelectorAll('img')).map(img => img.src);
  const texts = Array.from(area.querySelectorAll('.jp-RenderedText, .jp-RenderedHTMLCommon'))
                     .filter(el => !el.closest('.widget-slider, .widget-readout, .widget-label'))
                     .map(el => el.textContent);
  return JSON.stringify({images: images, texts: texts});
}
"""


def settled_fingerprint(page, cell, timeout: float = 60.0) -> str:
    """The cell's output fingerprint once the kernel is idle and two polls half a second apart
    agree (every key press queued a redraw; the screenshot should show the last one)."""
    deadline = time.monotonic() + timeout
    previous = None
    while True:
        idle = page.evaluate(with_state("return s && s.kernel === 'idle';"))
        current = cell.evaluate(OUTPUT_FINGERPRINT_JS)
        if idle and current == previous:
            return current
        if time.monotonic() > deadline:
            raise TimeoutError("the widget's output did not settle")
        previous = current
        page.wait_for_timeout(500)


def widget_errors(page) -> list[str]:
    """Texts of the messages JupyterLab shows when a widget cannot be displayed."""
    return page.locator(".jp-Notebook").get_by_text("Error displaying widget").all_inner_texts()
