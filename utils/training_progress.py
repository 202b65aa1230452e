"""A live training display for Keras: a progress bar and the latest losses, shown while a network
trains in JupyterLab and silent everywhere else (scripts, tests, nbval, ``make notebooks``).

    >>> net.fit(X, y, epochs=50, verbose=0, callbacks=[TrainingProgress(50, label="LSTM")])

When it is shown: the rules of :mod:`utils.progress_display` (``show=None`` means: in a kernel
that a Jupyter server started, unless ``RNN_COURSE_PROGRESS`` says otherwise).

While training, the bar and a line such as ``LSTM · epoch 7/50 · loss 0.1234 · val_loss 0.2345``
update in place; when training ends the display closes itself, so a notebook that trains many
networks does not fill up with finished bars. ``sink=`` receives the same text instead of the
widgets (the tests use it). Introduced in notebook 12.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from utils import checks
from utils.notebook_setup import import_tensorflow_quietly
from utils.progress_display import ProgressDisplay

import_tensorflow_quietly()  # before Keras, so TensorFlow's start-up noise stays out of notebooks
import keras  # noqa: E402

__all__ = ["TrainingProgress"]


def _progress_text(epoch: int, epochs: int, logs: Mapping[str, float] | None = None,
                   label: str = "") -> str:
    """One line for the display: ``label · epoch e/E · loss ... · val_loss ...`` (1-based epoch)."""
    parts = [label] if label else []  # the display adds nothing when given label="" below
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
        self._display = ProgressDisplay(self.epochs, "", show, sink)
        self.sink, self.enabled = sink, self._display.enabled

    @property
    def lines(self) -> list[str]:
        """Every line shown so far in this training."""
        return self._display.lines

    def on_train_begin(self, logs=None):
        self._display.open(_progress_text(0, self.epochs, None, self.label))

    def on_epoch_end(self, epoch, logs=None):
        """Keras calls it after each epoch (0-based ``epoch``) with the epoch's ``logs``."""
        checks.non_negative_int(epoch, "epoch")
        if logs is not None and not isinstance(logs, Mapping):
            raise TypeError(f"logs must be None or a dict of losses, got {type(logs).__name__}")
        done = min(epoch + 1, self.epochs)
        self._display.update(done, _progress_text(done, self.epochs, logs, self.label))

    def on_train_end(self, logs=None):
        self._display.close()  # the view disappears; nothing is left behind in the notebook
