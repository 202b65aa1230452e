"""A live training display for Keras: a progress bar and the latest losses, shown while a network
trains in JupyterLab and silent everywhere else (scripts, tests, nbval, ``make notebooks``).

    >>> net.fit(X, y, epochs=50, verbose=0, callbacks=[TrainingProgress(50, label="LSTM")])

**When is it shown?** ``show`` decides:

- ``True`` or ``False``: always or never;
- ``None`` (the default): the environment variable ``RNN_COURSE_PROGRESS`` if it is set
  (``"1"`` on, ``"0"`` off); otherwise only inside a kernel started by a Jupyter *server*
  (JupyterLab or Jupyter Notebook put ``JPY_SESSION_NAME`` into the kernel's environment).
  ``make notebooks`` and nbval start their kernels without a server, so they store and compare
  no progress output at all, and the stored notebooks stay the same from run to run.

While training, the bar and a line such as ``LSTM · epoch 7/50 · loss 0.1234 · val_loss 0.2345``
update in place; when training ends the display closes itself, so a notebook that trains many
networks does not fill up with finished bars. The text comes from :func:`progress_text`, a pure
function that ``tests/test_training_progress.py`` checks. Introduced in notebook 11.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping

from utils.notebook_setup import import_tensorflow_quietly

import_tensorflow_quietly()  # before Keras, so TensorFlow's start-up noise stays out of notebooks
import keras  # noqa: E402

#: Environment variable that forces the display on ("1") or off ("0").
ENV_VAR = "RNN_COURSE_PROGRESS"


def display_enabled(show: bool | None = None, environ: Mapping[str, str] | None = None) -> bool:
    """Whether a live display should appear (see the module docstring for the rules)."""
    if show is not None:
        if not isinstance(show, bool):
            raise TypeError(f"show must be True, False or None, got {show!r}")
        return show
    env = os.environ if environ is None else environ
    if ENV_VAR in env:
        value = env[ENV_VAR].strip()
        if value not in ("0", "1"):
            raise ValueError(f"{ENV_VAR} must be '0' or '1', got {value!r}")
        return value == "1"
    return "JPY_SESSION_NAME" in env and _in_ipython_kernel()


def progress_text(epoch: int, epochs: int, logs: Mapping[str, float] | None = None,
                  label: str = "") -> str:
    """One line for the display: ``label · epoch e/E · loss ... · val_loss ...`` (1-based epoch)."""
    if isinstance(epochs, bool) or not isinstance(epochs, int) or epochs < 1:
        raise ValueError(f"epochs must be a positive int, got {epochs!r}")
    if isinstance(epoch, bool) or not isinstance(epoch, int) or not 0 <= epoch <= epochs:
        raise ValueError(f"epoch must be an int in [0, {epochs}], got {epoch!r}")
    parts = [label] if label else []
    parts.append(f"epoch {epoch}/{epochs}")
    parts += [f"{key} {float(value):.4g}" for key, value in sorted((logs or {}).items())
              if key in ("loss", "val_loss")]
    return " · ".join(parts)


class TrainingProgress(keras.callbacks.Callback):
    """A Keras callback that shows a live progress bar and loss line (see the module docstring).

    Parameters
    ----------
    epochs : int
        The ``epochs`` given to ``fit`` (the bar's length; early stopping may end sooner).
    label : str
        Shown in front of the epoch count, e.g. the model's name.
    show : bool or None
        Force the display on or off; ``None`` decides from the environment.
    sink : callable, optional
        ``sink(epoch, text)`` is called after every epoch *instead of* drawing widgets
        (tests use it; it is always called, whatever ``show`` says).
    """

    def __init__(self, epochs: int, label: str = "", show: bool | None = None,
                 sink: Callable[[int, str], None] | None = None) -> None:
        super().__init__()
        progress_text(0, epochs)  # validates epochs
        self.epochs, self.label, self.sink = epochs, str(label), sink
        self.enabled = sink is None and display_enabled(show)
        self.lines: list[str] = []
        self._bar = self._text = self._box = None

    def on_train_begin(self, logs=None):
        self.lines = []
        if self.enabled:
            self._open()

    def on_epoch_end(self, epoch, logs=None):
        text = progress_text(min(epoch + 1, self.epochs), self.epochs, logs, self.label)
        self.lines.append(text)
        if self.sink is not None:
            self.sink(epoch + 1, text)
        elif self._bar is not None:
            self._bar.value = min(epoch + 1, self.epochs)
            self._text.value = text

    def on_train_end(self, logs=None):
        if self._box is not None:
            for widget in (self._box, self._bar, self._text):
                widget.close()  # the view disappears; nothing is left behind in the notebook
            self._bar = self._text = self._box = None

    def _open(self) -> None:
        import ipywidgets as widgets
        from IPython.display import display

        self._bar = widgets.IntProgress(value=0, min=0, max=self.epochs)
        self._text = widgets.Label(progress_text(0, self.epochs, None, self.label))
        self._box = widgets.HBox([self._bar, self._text])
        display(self._box)


def _in_ipython_kernel() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython ships with the course
        return False
    shell = get_ipython()
    return shell is not None and hasattr(shell, "kernel")
