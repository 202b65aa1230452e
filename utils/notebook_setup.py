"""The one setup call that opens every notebook: seeds, determinism, quiet TensorFlow, plot style.

    >>> from utils import setup_notebook
    >>> setup_notebook(seed=42)          # doctest: +SKIP
    Python 3.12 · NumPy 2.4.6 · pandas 3.1.1 · TensorFlow 2.21.0 · Keras 3.15.1 · seed 42

TensorFlow reads its logging settings from environment variables *when it is imported*, so this
function sets them first and only then imports TensorFlow. Importing ``utils`` does none of this:
it has no side effects. Introduced in notebook 00.
"""

from __future__ import annotations

import contextlib
import os
import platform
import random
import sys
import tempfile

import numpy as np

from utils import checks

__all__ = ["TF_ENVIRONMENT", "import_tensorflow_quietly", "setup_notebook"]

#: Set before TensorFlow is imported: no C++ log lines, no oneDNN banner, fixed thread pools.
TF_ENVIRONMENT = {
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "TF_ENABLE_ONEDNN_OPTS": "0",
    "TF_NUM_INTRAOP_THREADS": "2",
    "TF_NUM_INTEROP_THREADS": "1",
}


def setup_notebook(seed: int = 42, *, tensorflow: bool = True, verbose: bool = True) -> None:
    """Make a notebook repeatable and quiet, and print the versions that matter on one line.

    Seeds Python's ``random``, NumPy's global generator and (with ``tensorflow=True``) TensorFlow
    and Keras through ``keras.utils.set_random_seed``; turns on TensorFlow op determinism; sets the
    course's plot style. Safe to call again (for example after *Restart & Run All*).

    Parameters
    ----------
    seed : int
        Non-negative seed shared by every random number generator (TypeError for a float, a
        string or a bool; ValueError if negative: the same rule as every seed of the course).
    tensorflow : bool
        Import and configure TensorFlow/Keras too (all notebooks do; tests may skip it).
    verbose : bool
        Print the version line.
    """
    seed = checks.seed(seed)
    tensorflow = checks.boolean(tensorflow, "tensorflow")
    verbose = checks.boolean(verbose, "verbose")
    for name, value in TF_ENVIRONMENT.items():
        os.environ.setdefault(name, value)
    random.seed(seed)
    np.random.seed(seed)  # noqa: NPY002 - the legacy global generator a learner may still call
    versions = {"Python": platform.python_version(), "NumPy": np.__version__}
    import pandas as pd

    versions["pandas"] = pd.__version__
    if tensorflow:
        tf = import_tensorflow_quietly()
        import keras

        keras.utils.set_random_seed(seed)
        tf.config.experimental.enable_op_determinism()
        versions["TensorFlow"] = tf.__version__
        versions["Keras"] = keras.__version__
    from utils.style import apply_style

    apply_style()
    if verbose:
        print(" · ".join(f"{k} {v}" for k, v in versions.items()) + f" · seed {seed}")


def import_tensorflow_quietly():
    """Import TensorFlow with the environment of :data:`TF_ENVIRONMENT`, its start-up noise muted.

    The ``tensorflow`` wheel prints CUDA-probe lines to the C-level stderr while it loads, before
    any logging setting applies. In JupyterLab those lines would land in the cell output, so we
    send file descriptor 2 to a temporary file during the import; if the import fails, what it
    printed is shown together with the error.
    """
    for name, value in TF_ENVIRONMENT.items():
        os.environ.setdefault(name, value)
    if "tensorflow" in sys.modules:
        return sys.modules["tensorflow"]
    with _stderr_fd_captured() as captured:
        try:
            import tensorflow as tf
        except Exception as exc:  # pragma: no cover - shown only on a broken install
            raise ImportError(f"TensorFlow failed to import; it printed:\n{captured()}") from exc
    return tf


@contextlib.contextmanager
def _stderr_fd_captured():
    """Redirect the process-level stderr (fd 2) into a temporary file for the duration."""
    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile(mode="w+b") as tmp:
        os.dup2(tmp.fileno(), 2)

        def captured() -> str:
            tmp.seek(0)
            return tmp.read().decode(errors="replace")

        try:
            yield captured
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)
