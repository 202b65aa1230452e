"""Tests of utils.widgets.gates: what the LSTM memory viewer and the GRU gate viewer compute, and
a redraw for every value of every control."""

import matplotlib
import numpy as np
import pytest

from utils.cells import gru, lstm
from utils.widgets import gates

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def test_the_pulse_is_on_for_steps_5_to_14():
    x = gates.pulse_input()
    assert x.shape == (1, 40, 1)
    assert np.flatnonzero(x[0, :, 0]).tolist() == list(range(5, 15))
    assert gates.PULSE == (5, 14)


def test_lstm_memory_sets_every_forget_bias_and_nothing_else():
    memory = gates.lstm_memory(3.0)
    assert set(memory) == {"i", "f", "g", "o", "c", "h"}
    assert all(v.shape == (40, 4) for v in memory.values())
    np.testing.assert_allclose(memory["f"][:5], 1 / (1 + np.exp(-3.0)))  # at rest: sigmoid(b_f)
    params = lstm.init_params(1, 4, seed=3)
    np.testing.assert_allclose(gates.lstm_memory(1.0)["c"],  # Keras' own forget bias is 1
                               lstm.gate_activations(gates.pulse_input(), params)["c"][0])


def test_a_larger_forget_bias_keeps_the_pulse_longer():
    left = [np.abs(gates.lstm_memory(b)["c"][25]).max() for b in (-3.0, 0.0, 1.0, 3.0)]
    assert left == sorted(left) and left[-1] > 100 * left[0]


@pytest.mark.parametrize("convention", list(gates.CONVENTIONS))
def test_gru_gates_shapes_and_the_meaning_of_z(convention):
    out = gates.gru_gates(2.0, convention)
    assert set(out) == {"z", "kept", "r", "hh", "h"}
    assert all(v.shape == (40, 4) for v in out.values())
    expected = out["kept"] if convention == "keras" else 1 - out["kept"]
    np.testing.assert_allclose(out["z"], expected)
    np.testing.assert_allclose(out["z"][:5], 1 / (1 + np.exp(-2.0)))  # at rest: sigmoid(b_z)


def test_the_same_update_bias_means_long_memory_in_keras_and_short_in_chung():
    keras_form, chung_form = (np.abs(gates.gru_gates(3.0, c)["h"][30]).max()
                              for c in ("keras", "chung"))
    assert keras_form > 0.05 and chung_form < 1e-3


def test_chung_weights_negated_in_the_z_block_run_as_keras_cell():
    """The Chung trace is Keras' GRU with the update gate's block of weights negated."""
    params = gru.init_params(1, 4, seed=3)
    params["bias"][0, :4] = 1.5  # the update bias, written for Chung et al.'s z
    sign = np.where(np.arange(12) < 4, -1.0, 1.0)  # negate the z block: Keras' z = 1 - theirs
    params = {k: v * sign for k, v in params.items()}
    h_seq = gru.sequence_forward(gates.pulse_input(), params)[0][0]
    np.testing.assert_allclose(gates.gru_gates(1.5, "chung")["h"], h_seq)


@pytest.mark.parametrize("forget_bias", gates.FORGET_BIASES)
def test_the_lstm_memory_figure_redraws_for_every_slider_value(forget_bias):
    ax = gates.draw_lstm_memory(forget_bias)
    assert len(ax.get_lines()) == 4 and f"{forget_bias:.1f}" in ax.get_title()
    plt.close("all")


@pytest.mark.parametrize("convention", list(gates.CONVENTIONS))
@pytest.mark.parametrize("update_bias", gates.UPDATE_BIASES)
def test_the_gru_figure_redraws_for_every_slider_value_and_convention(update_bias, convention):
    fig = gates.draw_gru_gates(update_bias, convention)
    assert gates.CONVENTIONS[convention][0] in fig.texts[0].get_text()
    assert gates.CONVENTIONS[convention][1] in fig.axes[0].get_title()
    plt.close("all")


def test_the_viewers_offer_exactly_the_tested_values():
    import ipywidgets

    lstm_viewer, gru_viewer = gates.lstm_memory_viewer(), gates.gru_gate_viewer()
    plt.close("all")
    assert isinstance(lstm_viewer, ipywidgets.Widget) and isinstance(gru_viewer, ipywidgets.Widget)
    assert tuple(lstm_viewer.children[0].options) == gates.FORGET_BIASES
    slider, toggle = gru_viewer.children[:2]
    assert tuple(slider.options) == gates.UPDATE_BIASES
    assert [value for _, value in toggle.options] == list(gates.CONVENTIONS)


def test_the_viewers_redraw_when_a_control_moves():
    lstm_viewer, gru_viewer = gates.lstm_memory_viewer(), gates.gru_gate_viewer()
    for value in gates.FORGET_BIASES[:3]:
        lstm_viewer.children[0].value = value
    gru_viewer.children[1].value = "chung"
    gru_viewer.children[0].value = -3.0
    assert gru_viewer.kwargs == {"update_bias": -3.0, "convention": "chung"}
    plt.close("all")


def test_draw_lstm_memory_draws_on_a_given_axes():
    _, ax = plt.subplots()
    assert gates.draw_lstm_memory(0.0, ax=ax) is ax
    plt.close("all")
