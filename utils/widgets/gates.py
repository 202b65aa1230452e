"""Gate viewers: what a gate's bias does to a recurrent cell's memory of a pulse (notebooks 10, 11).

Both viewers feed a small cell (4 units, Keras' initial weights) one input sequence of 40 steps:
0, then 1 for t = 5..14 (the pulse), then 0 again.

* **LSTM memory** (notebook 10): every forget bias set to one value; the cell state
  ``c_t = f_t * c_{t-1} + i_t * g_t`` keeps the pulse longer the closer f is to 1.
* **GRU gates** (notebook 11): the update gate's bias set to one value *in a chosen convention*.
  Cho et al. (2014) and Keras write ``h_t = z_t * h_{t-1} + (1 - z_t) * hh_t`` (z = 1 keeps the old
  state); Chung et al. (2014) and many tutorials write ``h_t = (1 - z_t) * h_{t-1} + z_t * hh_t``
  (z = 1 takes the candidate). The same weights, read in the two conventions, are two different
  cells: a large update bias means a long memory in the first and a short one in the second.
  A cell written in Chung et al.'s convention runs in Keras' with the update gate's block of
  weights negated, since ``1 - sigmoid(a) = sigmoid(-a)``.

The pure functions :func:`lstm_memory` and :func:`gru_gates` compute what the pictures show (the
tests call them); :func:`draw_lstm_memory` and :func:`draw_gru_gates` draw one setting (the static
figures of the notebooks); :func:`lstm_memory_viewer` and :func:`gru_gate_viewer` wire controls to
them with ``ipywidgets`` (imported only when called).
"""

from __future__ import annotations

import numpy as np

from utils import checks
from utils.cells import gru, lstm

__all__ = [
    "CONVENTIONS",
    "FORGET_BIASES",
    "PULSE",
    "UPDATE_BIASES",
    "draw_gru_gates",
    "draw_lstm_memory",
    "gru_gate_viewer",
    "gru_gates",
    "lstm_memory",
    "lstm_memory_viewer",
    "pulse_input",
]

#: The steps at which the input is 1 (first, last), both included.
PULSE = (5, 14)
#: Steps per sequence and units of the viewers' cells.
_STEPS, _UNITS = 40, 4
#: The slider values of the viewers (the tests draw every one of them).
FORGET_BIASES = tuple(float(b) for b in np.arange(-3.0, 6.01, 0.5))
UPDATE_BIASES = tuple(float(b) for b in np.arange(-3.0, 3.01, 0.5))
#: The two ways of writing the GRU's state update: name -> (who writes it, what z = 1 means).
CONVENTIONS = {
    "keras": ("Cho et al. (2014) and Keras", "z = 1 keeps the old state"),
    "chung": ("Chung et al. (2014)", "z = 1 takes the candidate"),
}


def pulse_input() -> np.ndarray:
    """The viewers' input, (1, 40, 1): 1 for t = 5..14 (:data:`PULSE`), 0 elsewhere."""
    x = np.zeros((1, _STEPS, 1))
    x[0, PULSE[0] : PULSE[1] + 1, 0] = 1.0
    return x


def lstm_memory(forget_bias: float) -> dict[str, np.ndarray]:
    """Gates and states of a 4-unit LSTM along the pulse, with every forget bias = ``forget_bias``.

    The other weights are Keras' initial ones (:func:`utils.cells.lstm.init_params`, seed 3).

    Returns
    -------
    dict of (40, 4) arrays, one column per unit: ``"i"``, ``"f"``, ``"g"``, ``"o"`` (gates and
    candidate), ``"c"`` (cell state) and ``"h"`` (hidden state).
    """
    forget_bias = checks.finite_number(forget_bias, "forget_bias")
    params = lstm.init_params(1, _UNITS, seed=3)
    is_forget = np.arange(4 * _UNITS) // _UNITS == 1  # the f block of the stacked bias (i, f, c, o)
    params["bias"] = np.where(is_forget, forget_bias, params["bias"])
    acts = lstm.gate_activations(pulse_input(), params)  # (1, T, H) each
    return {name: values[0] for name, values in acts.items()}


def gru_gates(update_bias: float, convention: str = "keras") -> dict[str, np.ndarray]:
    """Gates and state of a 4-unit GRU along the pulse, its update gate's bias set to
    ``update_bias`` in the ``convention`` its weights are written in.

    The weights are Keras' initial ones (:func:`utils.cells.gru.init_params`, seed 3,
    ``reset_after=True``) with the update bias replaced; read as written in ``convention``
    ("keras" or "chung", see the module docstring) and run in Keras' form.

    Returns
    -------
    dict of (40, 4) arrays: ``"z"`` (the update gate as ``convention`` defines it), ``"kept"``
    (the share of the old state kept at each step: Keras' z), ``"r"`` (reset gate), ``"hh"``
    (candidate) and ``"h"`` (the state).
    """
    update_bias = checks.finite_number(update_bias, "update_bias")
    checks.one_of(convention, "convention", tuple(CONVENTIONS))
    params = gru.init_params(1, _UNITS, seed=3)  # bias (2, 3H): input and recurrent rows
    params["bias"][0, :_UNITS] = update_bias  # the z block; the recurrent z bias stays 0
    if convention == "chung":  # the same numbers, written for (1 - z): negate the z block
        sign = np.where(np.arange(3 * _UNITS) < _UNITS, -1.0, 1.0)  # (3H,)
        params = {name: value * sign for name, value in params.items()}
    h_seq, _, cache = gru.sequence_forward(pulse_input(), params)
    kept = np.stack([step.z[0] for step in cache.steps])  # (T, H): Keras' z
    return {
        "z": kept if convention == "keras" else 1.0 - kept,
        "kept": kept,
        "r": np.stack([step.r[0] for step in cache.steps]),
        "hh": np.stack([step.hh[0] for step in cache.steps]),
        "h": h_seq[0],
    }


def draw_lstm_memory(forget_bias: float, ax=None):
    """The cell state of each unit of :func:`lstm_memory` along the pulse; returns the Axes."""
    import matplotlib.pyplot as plt

    from utils.style import integer_ticks, legend_outside

    memory = lstm_memory(forget_bias)
    ax = _axes(ax, plt, figsize=(7.5, 3))
    f_level = float(np.mean(memory["f"][: PULSE[0]]))  # the forget gate before the pulse
    _draw_units(ax, memory["c"])
    ax.set(xlabel="time step t", ylabel="cell state c_t",
           title=f"forget bias {forget_bias:.1f} (f = {f_level:.2f} at rest)")
    integer_ticks(ax)
    legend_outside(ax, fontsize="small")
    return ax


def draw_gru_gates(update_bias: float, convention: str = "keras"):
    """Two panels for :func:`gru_gates`: the update gate as ``convention`` writes it, and the
    state h of each unit; returns the figure."""
    import matplotlib.pyplot as plt

    from utils.style import integer_ticks, legend_outside

    gates = gru_gates(update_bias, convention)
    who, meaning = CONVENTIONS[convention]
    fig, (ax_z, ax_h) = plt.subplots(1, 2, figsize=(11, 3.4), sharex=True, layout="constrained")
    _draw_units(ax_z, gates["z"])
    ax_z.set(ylabel="update gate z_t", ylim=(-0.03, 1.03), title=f"update gate: {meaning}")
    _draw_units(ax_h, gates["h"])
    ax_h.set(ylabel="hidden state h_t", title="the state h_t")
    for ax in (ax_z, ax_h):
        ax.set_xlabel("time step t")
        integer_ticks(ax)
    legend_outside(ax_h, fontsize="small")
    fig.suptitle(f"GRU, update-gate bias {update_bias:+.1f}, as {who} write it", fontweight="bold")
    return fig


def lstm_memory_viewer():
    """A forget-bias slider (:data:`FORGET_BIASES`) driving :func:`draw_lstm_memory`."""
    import ipywidgets as widgets
    import matplotlib.pyplot as plt

    def draw(forget_bias=1.0):
        draw_lstm_memory(forget_bias)
        plt.show()

    return widgets.interactive(draw, forget_bias=widgets.SelectionSlider(
        options=FORGET_BIASES, value=1.0, description="forget bias"))


def gru_gate_viewer():
    """An update-bias slider (:data:`UPDATE_BIASES`) and a convention toggle driving
    :func:`draw_gru_gates`."""
    import ipywidgets as widgets
    import matplotlib.pyplot as plt

    def draw(update_bias=2.0, convention="keras"):
        draw_gru_gates(update_bias, convention)
        plt.show()

    options = [(CONVENTIONS[name][0], name) for name in CONVENTIONS]
    return widgets.interactive(
        draw,
        update_bias=widgets.SelectionSlider(options=UPDATE_BIASES, value=2.0,
                                            description="update bias"),
        convention=widgets.ToggleButtons(options=options, value="keras",
                                         description="convention"),
    )


def _draw_units(ax, values: np.ndarray) -> None:
    """One line per unit (column of ``values``, (T, H)) and the pulse shaded over its steps."""
    from utils.style import FORECAST_COLORS

    ax.axvspan(PULSE[0] - 0.5, PULSE[1] + 0.5, color="0.88", lw=0,
               label=f"input on (t = {PULSE[0]}..{PULSE[1]})")
    for unit in range(values.shape[1]):
        ax.plot(values[:, unit], color=FORECAST_COLORS[unit], lw=1.6, label=f"unit {unit + 1}")


def _axes(ax, plt, figsize):
    from matplotlib.axes import Axes

    if ax is not None and not isinstance(ax, Axes):
        raise TypeError(f"ax must be None or a matplotlib Axes, got {type(ax).__name__}")
    return ax if ax is not None else plt.subplots(figsize=figsize)[1]
