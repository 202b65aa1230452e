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
networks does not fill up with finished bars. ``sink=`` receives the same text instead of the
widgets (the tests use it). Introduced in notebook 12.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping

from utils import checks
from utils.notebook_setup import import_tensorflow_quietly

import_tensorflow_quietly()  # before Keras, so TensorFlow's start-up noise stays out of notebooks
import keras  # noqa: E402

__all__ = ["TrainingProgress"]

_ENV_VAR = "RNN_COURSE_PROGRESS"  # "1" forces the display on, "0" off


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


def _progress_text(epoch: int, epochs: int, logs: Mapping[str, float] | None = None,
                   label: str = "") -> str:
    """One line for the display: ``label · epoch e/E · loss ... · val_loss ...`` (1-based epoch)."""
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
        self.epochs = checks.positive_int(epochs, "epochs")
        self.label = checks.text(label, "label", empty=True)
        if show is not None:
            checks.boolean(show, "show")
        if sink is not None:
            checks.function(sink, "sink", signature="sink(epoch, text)")
        self.sink = sink
        self.enabled = sink is None and _display_enabled(show)
        self.lines: list[str] = []
        self._bar = self._text = self._box = None

    def on_train_begin(self, logs=None):
        self.lines = []
        if self.enabled:
            self._open()

    def on_epoch_end(self, epoch, logs=None):
        """Keras calls it after each epoch (0-based ``epoch``) with the epoch's ``logs``."""
        checks.non_negative_int(epoch, "epoch")
        if logs is not None and not isinstance(logs, Mapping):
            raise TypeError(f"logs must be None or a dict of losses, got {type(logs).__name__}")
        text = _progress_text(min(epoch + 1, self.epochs), self.epochs, logs, self.label)
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
        self._text = widgets.Label(_progress_text(0, self.epochs, None, self.label))
        self._box = widgets.HBox([self._bar, self._text])
        display(self._box)


def _in_ipython_kernel() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython ships with the course
        return False
    shell = get_ipython()
    return shell is not None and hasattr(shell, "kernel")
