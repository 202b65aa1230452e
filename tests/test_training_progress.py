"""Tests for utils.training_progress: when the live display shows, its text, and the callback's updates."""

import numpy as np
import pytest

from utils.notebook_setup import import_tensorflow_quietly

import_tensorflow_quietly()
import keras  # noqa: E402

from utils.training_progress import ENV_VAR, TrainingProgress, display_enabled, progress_text  # noqa: E402


@pytest.mark.parametrize("show", [True, False])
def test_explicit_show_wins_over_the_environment(show):
    assert display_enabled(show, {ENV_VAR: "0" if show else "1", "JPY_SESSION_NAME": "x"}) is show


@pytest.mark.parametrize(("value", "expected"), [("1", True), ("0", False), (" 1 ", True)])
def test_environment_variable_forces_the_display(value, expected):
    assert display_enabled(None, {ENV_VAR: value}) is expected


def test_silent_without_a_jupyter_server_as_under_nbval_and_make_notebooks():
    assert display_enabled(None, {}) is False
    # a server session name outside an IPython kernel (this test process) is not enough either
    assert display_enabled(None, {"JPY_SESSION_NAME": "11_forecasting_showdown.ipynb"}) is False


def test_shown_in_a_server_started_kernel(monkeypatch):
    import utils.training_progress as progress

    monkeypatch.setattr(progress, "_in_ipython_kernel", lambda: True)
    assert display_enabled(None, {"JPY_SESSION_NAME": "nb.ipynb"}) is True
    assert display_enabled(None, {}) is False


def test_bad_show_and_bad_environment_value_are_refused():
    with pytest.raises(TypeError, match="show"):
        display_enabled("yes")
    with pytest.raises(ValueError, match=ENV_VAR):
        display_enabled(None, {ENV_VAR: "on"})


def test_progress_text_known_values():
    assert progress_text(0, 30) == "epoch 0/30"
    text = progress_text(7, 30, {"loss": 0.123456, "val_loss": 0.5, "lr": 0.01}, "LSTM")
    assert text == "LSTM · epoch 7/30 · loss 0.1235 · val_loss 0.5"


@pytest.mark.parametrize(("epoch", "epochs"), [(-1, 3), (4, 3), (1, 0), (1.0, 3), (True, 3)])
def test_progress_text_refuses_bad_epochs(epoch, epochs):
    with pytest.raises(ValueError, match="epoch"):
        progress_text(epoch, epochs)


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
    assert progress._box is None and len(shown) == 1
    assert box.comm is None and bar.comm is None and label.comm is None  # all three closed


def test_bad_epochs_refused_at_construction():
    with pytest.raises(ValueError, match="epochs"):
        TrainingProgress(0)
