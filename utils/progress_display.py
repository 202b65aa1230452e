"""A live progress display for long computations: a bar and one line of text, shown in JupyterLab
and silent everywhere else (scripts, tests, nbval, ``make notebooks``).

**When is it shown?** ``show`` decides:

- ``True`` or ``False``: always or never;
- ``None`` (the default): the environment variable ``RNN_COURSE_PROGRESS`` if it is set
  (``"1"`` on, ``"0"`` off); otherwise only inside a kernel started by a Jupyter *server*
  (JupyterLab or Jupyter Notebook put ``JPY_SESSION_NAME`` into the kernel's environment).
  ``make notebooks`` and nbval start their kernels without a server, so they store and compare
  no progress output at all, and the stored notebooks stay the same from run to run.

When the work ends the display closes itself, so nothing is left behind in the notebook.
``sink=`` receives the text instead of the widgets (the tests use it). Used by the training
display of :mod:`utils.training_progress` and by the backtests of
:func:`utils.forecasting.backtest.compare` (notebook 12).

    >>> with ProgressDisplay(total=36, label="backtests") as progress:
    ...     for k, run in enumerate(runs, 1):
    ...         run(); progress.update(k, f"{k}/36 done")
"""

from __future__ import annotations

import os
from collections.abc import Callable

from utils import checks

__all__ = ["ProgressDisplay"]

_ENV_VAR = "RNN_COURSE_PROGRESS"  # "1" forces the display on, "0" off


class ProgressDisplay:
    """A bar from 0 to ``total`` and a line of text (see the module docstring).

    Parameters
    ----------
    total : int >= 1
        The bar's length (epochs, runs, ...).
    label : str
        Shown in front of every line of text.
    show : bool or None
        Force the display on or off; ``None`` decides from the environment.
    sink : callable, optional
        ``sink(done, text)`` is called at every update *instead of* drawing widgets.
    """

    def __init__(self, total: int, label: str = "", show: bool | None = None,
                 sink: Callable[[int, str], None] | None = None) -> None:
        self.total = checks.positive_int(total, "total")
        self.label = checks.text(label, "label", empty=True)
        if show is not None:
            checks.boolean(show, "show")
        if sink is not None:
            checks.function(sink, "sink", signature="sink(done, text)")
        self.sink = sink
        self.enabled = sink is None and _display_enabled(show)
        self.lines: list[str] = []
        self._bar = self._text = self._box = None

    def open(self, text: str = "") -> ProgressDisplay:
        """Show the bar at 0 (when enabled); return ``self``."""
        self.lines = []
        if self.enabled and self._box is None:
            import ipywidgets as widgets
            from IPython.display import display

            self._bar = widgets.IntProgress(value=0, min=0, max=self.total)
            self._text = widgets.Label(self._line(text))
            self._box = widgets.HBox([self._bar, self._text])
            display(self._box)
        return self

    def update(self, done: int, text: str = "") -> None:
        """Move the bar to ``done`` (0 .. total) and show ``text`` after the label."""
        done = min(checks.non_negative_int(done, "done"), self.total)
        line = self._line(checks.text(text, "text", empty=True))
        self.lines.append(line)
        if self.sink is not None:
            self.sink(done, line)
        elif self._bar is not None:
            self._bar.value = done
            self._text.value = line

    def close(self) -> None:
        """Remove the display (its widgets are closed: nothing stays in the notebook)."""
        if self._box is not None:
            for widget in (self._box, self._bar, self._text):
                widget.close()
            self._bar = self._text = self._box = None

    def __enter__(self) -> ProgressDisplay:
        return self.open()

    def __exit__(self, *exc) -> None:
        self.close()

    def _line(self, text: str) -> str:
        return " · ".join(part for part in (self.label, text) if part)


def _display_enabled(show: bool | None) -> bool:
    """Whether a live display should appear (see the module docstring for the rules)."""
    if show is not None:
        return show
    if _ENV_VAR in os.environ:
        value = os.environ[_ENV_VAR].strip()
        if value not in ("0", "1"):
            raise ValueError(f"{_ENV_VAR} (an environment variable) must be '0' or '1', "
                             f"got {value!r}")
        return value == "1"
    return "JPY_SESSION_NAME" in os.environ and _in_ipython_kernel()


def _in_ipython_kernel() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython ships with the course
        return False
    shell = get_ipython()
    return shell is not None and hasattr(shell, "kernel")
