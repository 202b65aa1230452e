"""Tests for utils.training_progress: when the live display shows, its text, and the callback's updates."""

import numpy as np
import pytest

from utils.notebook_setup import import_tensorflow_quietly

import_tensorflow_quietly()
import keras  # noqa: E402

from utils.training_progress import TrainingProgress  # noqa: E402

ENV_VAR = "RNN_COURSE_PROGRESS"  # the documented switch


@pytest.fixture
def environ(monkeypatch):
    """Set the environment for one test: ``environ({"RNN_COURSE_PROGRESS": "1"})``."""
    def set_to(values):
        for name in (ENV_VAR, "JPY_SESSION_NAME"):
            monkeypatch.delenv(name, raising=False)
        for name, value in values.items():
            monkeypatch.setenv(name, value)
    return set_to


@pytest.mark.parametrize("show", [True, False])
def test_explicit_show_wins_over_the_environment(environ, show):
    environ({ENV_VAR: "0" if show else "1", "JPY_SESSION_NAME": "x"})
    assert TrainingProgress(3, show=show).enabled is show


@pytest.mark.parametrize(("value", "expected"), [("1", True), ("0", False), (" 1 ", True)])
def test_environment_variable_forces_the_display(environ, value, expected):
    environ({ENV_VAR: value})
    assert TrainingProgress(3).enabled is expected


def test_silent_without_a_jupyter_server_as_under_nbval_and_make_notebooks(environ):
    environ({})
    assert TrainingProgress(3).enabled is False
    # a server session name outside an IPython kernel (this test process) is not enough either
    environ({"JPY_SESSION_NAME": "12_forecasting_showdown.ipynb"})
    assert TrainingProgress(3).enabled is False


def test_shown_in_a_server_started_kernel(environ, monkeypatch):
    import utils.progress_display as display

    monkeypatch.setattr(display, "_in_ipython_kernel", lambda: True)
    environ({"JPY_SESSION_NAME": "nb.ipynb"})
    assert TrainingProgress(3).enabled is True
    environ({})
    assert TrainingProgress(3).enabled is False
    assert TrainingProgress(3, sink=print).enabled is False  # a sink replaces the widgets


def test_bad_show_and_bad_environment_value_are_refused(environ):
    with pytest.raises(TypeError, match="show must be True or False"):
        TrainingProgress(3, show="yes")
    environ({ENV_VAR: "on"})
    with pytest.raises(ValueError, match=ENV_VAR):
        TrainingProgress(3)


@pytest.mark.parametrize(("args", "error", "match"), [
    ((0,), ValueError, r"epochs must be a positive int \(>= 1\), got 0"),
    ((3.0,), TypeError, "epochs must be a positive int"),
    ((3, None), TypeError, "label must be a str"),
    ((3, "", None, "sink"), TypeError, "sink must be a function"),
])
def test_bad_arguments_refused_at_construction(args, error, match):
    with pytest.raises(error, match=match):
        TrainingProgress(*args)


def test_the_text_of_every_epoch():
    seen = []
    progress = TrainingProgress(30, label="LSTM", sink=lambda e, t: seen.append((e, t)))
    progress.on_epoch_end(6, {"loss": 0.123456, "val_loss": 0.5, "lr": 0.01})
    progress.on_epoch_end(40)  # beyond epochs (never with Keras): the count stays at 30
    assert seen == [(7, "LSTM · epoch 7/30 · loss 0.1235 · val_loss 0.5"),
                    (30, "LSTM · epoch 30/30")]
    with pytest.raises(ValueError, match="epoch must be a non-negative int"):
        progress.on_epoch_end(-1)
    with pytest.raises(TypeError, match="logs must be None or a dict"):
        progress.on_epoch_end(1, [0.1])


def _tiny_fit(callback, epochs=3, patience=None):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(32, 4, 1)).astype("float32")
    y = X[:, -1, :]
    keras.utils.set_random_seed(0)
    net = keras.Sequential([keras.Input(shape=(4, 1)), keras.layers.SimpleRNN(2), keras.layers.Dense(1)])
    net.compile(optimizer="adam", loss="mse")
    callbacks = [callback]
    if patience is not None:
        callbacks.insert(0, keras.callbacks.EarlyStopping(patience=patience, min_delta=1e9))
    return net.fit(X, y, validation_split=0.25, epochs=epochs, verbose=0, callbacks=callbacks)


def test_callback_reports_every_epoch_to_its_sink():
    seen = []
    history = _tiny_fit(TrainingProgress(3, label="RNN", sink=lambda e, t: seen.append((e, t))))
    assert [e for e, _ in seen] == [1, 2, 3]
    assert seen[0][1].startswith("RNN · epoch 1/3 · loss ")
    assert f"val_loss {history.history['val_loss'][-1]:.4g}" in seen[-1][1]


def test_callback_stops_reporting_when_early_stopping_ends_training():
    progress = TrainingProgress(10, sink=lambda e, t: None)
    _tiny_fit(progress, epochs=10, patience=1)
    assert len(progress.lines) == 2  # first epoch, then one without improvement


def test_callback_is_silent_by_default_in_tests(capsys):
    progress = TrainingProgress(2)
    assert progress.enabled is False
    _tiny_fit(progress, epochs=2)
    assert capsys.readouterr().out == ""
    assert len(progress.lines) == 2


def test_shown_display_updates_in_place_then_closes(monkeypatch):
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda obj: shown.append(obj))
    progress = TrainingProgress(3, label="GRU", show=True)
    progress.on_train_begin()
    box = shown[0]
    bar, label = box.children
    assert (bar.value, bar.max, label.value) == (0, 3, "GRU · epoch 0/3")
    progress.on_epoch_end(0, {"loss": 1.0, "val_loss": 2.0})
    assert (bar.value, label.value) == (1, "GRU · epoch 1/3 · loss 1 · val_loss 2")
    progress.on_train_end()
    assert progress._display._box is None and len(shown) == 1
    assert box.comm is None and bar.comm is None and label.comm is None  # all three closed
