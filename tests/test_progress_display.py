"""utils.progress_display: the bar and text shown in JupyterLab, silent elsewhere (the rules of
when it is shown are tested through TrainingProgress in tests/test_training_progress.py)."""

import pytest

from utils.progress_display import ProgressDisplay


def test_a_sink_gets_every_update_with_the_label_and_the_clipped_count():
    seen = []
    with ProgressDisplay(3, label="backtests", sink=lambda d, t: seen.append((d, t))) as shown:
        shown.update(1, "naive done")
        shown.update(5, "")  # beyond the total: the bar stays full
    assert seen == [(1, "backtests · naive done"), (3, "backtests")]
    assert shown.lines == ["backtests · naive done", "backtests"]


def test_the_widgets_update_in_place_and_close(monkeypatch):
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda obj: shown.append(obj))
    with ProgressDisplay(4, label="runs", show=True) as progress:
        bar, text = shown[0].children
        progress.update(2, "GRU seed 1")
        assert (bar.value, bar.max, text.value) == (2, 4, "runs · GRU seed 1")
    assert bar.comm is None and text.comm is None and progress._box is None


def test_silent_by_default_outside_jupyterlab(capsys):
    with ProgressDisplay(2) as progress:
        progress.update(1, "x")
    assert progress.enabled is False and capsys.readouterr().out == ""


@pytest.mark.parametrize(("args", "error", "match"), [
    ((0,), ValueError, "total must be a positive int"),
    ((2, 3), TypeError, "label must be a str"),
    ((2, "", "yes"), TypeError, "show must be True or False"),
    ((2, "", None, 5), TypeError, "sink must be a function"),
])
def test_bad_arguments_are_refused(args, error, match):
    with pytest.raises(error, match=match):
        ProgressDisplay(*args)
    progress = ProgressDisplay(2)
    with pytest.raises(ValueError, match="done must be a non-negative int"):
        progress.update(-1)
