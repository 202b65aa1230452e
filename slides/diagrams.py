"""The deck's diagrams: a neuron, a perceptron's lines, a multi-layer perceptron and its deltas, a
recurrent cell unrolled in time, a series cut into windows, the LSTM cell built gate by gate and
the GRU cell.

Drawn with matplotlib on a canvas measured in the deck's pixels (1 unit = 1 px of the 1280 x 720
slide, and 1 pt of text = 1 px: see ``figures.canvas``), in the course's notation
(``/work/scratch/notation.md``, notebooks 09-11): row vectors, ``x_t W_x + h_{t-1} W_h + b``,
candidate ``g_t`` in the LSTM and ``\\tilde h_t`` in the GRU, Keras' update ``h_t = z_t h_{t-1} +
(1 - z_t) \\tilde h_t``. Nothing here computes a number; each function returns a Figure.
"""

from __future__ import annotations

import numpy as np
from deckstyle import MIN_PT, canvas
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch

from utils.style import PALETTE

INK = "0.15"  # lines and text already explained
OLD = "0.45"  # parts shown on an earlier slide of a build-up
NEW = PALETTE[3]  # vermilion: what this slide adds
STATE = PALETTE[0]  # blue: the state passed along (cell state, hidden state)
INPUT = PALETTE[2]  # green: inputs
TEXT = MIN_PT + 4  # labels
MATH = MIN_PT + 8  # symbols such as x_t, h_t


def arrow(ax, start, end, color=INK, lw=3.0, style="-|>", **kwargs):
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle=style, mutation_scale=26, color=color,
                                 lw=lw, shrinkA=0, shrinkB=0, **kwargs))


def line(ax, xs, ys, color=INK, lw=3.0, **kwargs):
    ax.plot(xs, ys, color=color, lw=lw, solid_capstyle="round", **kwargs)


def box(ax, x, y, w, h, text, color=INK, fill="white", size=TEXT, lw=3.0):
    """A rounded box centred at (x, y) with ``text`` in it."""
    ax.add_patch(FancyBboxPatch((x - w / 2, y - h / 2), w, h, boxstyle="round,pad=0,rounding_size=12",
                                fc=fill, ec=color, lw=lw, zorder=3))
    ax.text(x, y, text, ha="center", va="center", fontsize=size, color=color, zorder=4)


def node(ax, x, y, text, color=INK, r=26, size=MATH - 4):
    """A small circle with an operation in it (x, +, tanh)."""
    ax.add_patch(Circle((x, y), r, fc="white", ec=color, lw=3, zorder=3))
    ax.text(x, y, text, ha="center", va="center", fontsize=size, color=color, zorder=4)


def label(ax, x, y, text, color=INK, size=MATH, **kwargs):
    ax.text(x, y, text, ha=kwargs.pop("ha", "center"), va=kwargs.pop("va", "center"),
            fontsize=size, color=color, **kwargs)


# --- 01: the neuron, the perceptron, the multi-layer perceptron ----------------------------------

def neuron():
    """One artificial neuron: inputs, weights, a weighted sum plus a bias, an activation (01)."""
    fig, ax = canvas(1100, 420)
    ys = (340, 210, 80)
    for i, y in enumerate(ys, start=1):
        node(ax, 90, y, f"$x_{i}$", color=INPUT, r=40, size=MATH)
        arrow(ax, (130, y), (443, 210 + (y - 210) * 0.25), color=INK)
        label(ax, 260, y + (210 - y) * 0.28 + 30, f"$w_{i}$", size=MATH)
    box(ax, 560, 210, 230, 110, "$z = \\sum_j x_j w_j + b$", size=TEXT)
    label(ax, 560, 110, "weighted sum", size=TEXT)
    label(ax, 560, 370, "bias $b$", size=TEXT)
    arrow(ax, (560, 345), (560, 267))
    arrow(ax, (677, 210), (760, 210))
    box(ax, 840, 210, 150, 110, "$a = f(z)$", color=NEW, size=MATH)
    label(ax, 840, 110, "activation", color=NEW, size=TEXT)
    arrow(ax, (915, 210), (1060, 210), color=NEW)
    label(ax, 1075, 255, "$a$", color=NEW, ha="right")
    return fig


def perceptron_lines():
    """The step neuron's line in the plane of two binary inputs: AND and OR, and XOR, which
    no line separates (notebook 01, sections 3-4)."""
    fig, axes = canvas(1180, 430, panels=3)
    points = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    gates = {"AND": ([0, 0, 0, 1], 1.5), "OR": ([0, 1, 1, 1], 0.5), "XOR": ([0, 1, 1, 0], None)}
    grid = np.linspace(-0.4, 1.4, 2)
    for ax, (name, (target, offset)) in zip(axes, gates.items(), strict=True):
        ax.axis("on")
        for (x1, x2), y in zip(points, target, strict=True):
            ax.plot(x1, x2, "o", ms=30, mew=4, color=NEW if y else INK,
                    mfc=NEW if y else "white", zorder=3)
        if offset is not None:
            ax.plot(grid, offset - grid, color=STATE, lw=4)
            ax.set_title(f"{name}: one line", fontsize=TEXT)
        else:
            ax.set_title("XOR: no line", fontsize=TEXT)
        ax.set(xlim=(-0.4, 1.4), ylim=(-0.4, 1.4), xticks=[0, 1], yticks=[0, 1])
        ax.set_xlabel("$x_1$", fontsize=MATH)
        ax.grid(False)
    axes[0].set_ylabel("$x_2$", fontsize=MATH, rotation=0, labelpad=30)
    return fig


def _layers(ax, backward: bool):
    xs = (150, 550, 950)
    ys = {0: (290, 130), 1: (340, 210, 80), 2: (210,)}
    names = ("$\\mathbf{x} = \\mathbf{a}^{(0)}$", "$\\mathbf{a}^{(1)}$", "$\\hat y = a^{(2)}$")
    for layer in range(3):
        for y in ys[layer]:
            node(ax, xs[layer], y, "", color=INPUT if layer == 0 else INK, r=34)
        label(ax, xs[layer], 20, names[layer], size=MATH)
    for layer in range(2):
        for y0 in ys[layer]:
            for y1 in ys[layer + 1]:
                arrow(ax, (xs[layer] + 36, y0), (xs[layer + 1] - 36, y1), color=OLD if backward else INK,
                      lw=2.2)
        label(ax, (xs[layer] + xs[layer + 1]) / 2 - (40 if backward else 0), 395,
              f"$W^{{({layer + 1})}}$", size=MATH, color=OLD if backward else INK)
    if backward:
        label(ax, 950, 290, "$\\delta^{(2)} = \\hat y - y$", color=NEW, size=MATH - 4)
        label(ax, 550, 398, "$\\delta^{(1)}$", color=NEW, size=MATH - 4)
        arrow(ax, (912, 210), (590, 210), color=NEW, lw=6)
        label(ax, 750, 172, "$\\times W^{(2)\\top},\\ \\odot f'$", color=NEW, size=TEXT - 2,
              bbox={"fc": "white", "ec": "none", "pad": 2})


def mlp():
    """A multi-layer perceptron: each layer a = f(a W + b) of the layer below (notebook 01)."""
    fig, ax = canvas(1100, 420)
    _layers(ax, backward=False)
    return fig


def backprop():
    """Backpropagation: the output's error sent back through the weights as deltas (notebook 05)."""
    fig, ax = canvas(1100, 420)
    _layers(ax, backward=True)
    return fig


# --- 08: windows -----------------------------------------------------------------------------------

def windows():
    """A series cut into windows of T = 4 steps, each with the next value as its target: the
    arrays X (N, T, D) and y (N, 1) of notebooks 08-09."""
    fig, ax = canvas(1180, 470)
    T, steps, cell, left, top = 4, 11, 62, 150, 360
    for t in range(steps):
        label(ax, left + t * cell + cell / 2, top + 62, f"{t + 1}", size=TEXT)
    label(ax, 60, top + 62, "$t$", size=MATH)
    for n in range(4):
        y = top - n * 78
        label(ax, 60, y, f"$n={n + 1}$", size=TEXT)
        for t in range(steps):
            window = n <= t < n + T
            target = t == n + T
            fill = STATE if window else NEW if target else "0.93"
            ax.add_patch(FancyBboxPatch((left + t * cell + 4, y - 26), cell - 8, 52,
                                        boxstyle="round,pad=0,rounding_size=6", fc=fill,
                                        ec="white", lw=0))
    label(ax, left + 2 * cell, 25, "inputs: a window of $T$ values", color=STATE, size=TEXT)
    label(ax, left + 8.3 * cell, 25, "target", color=NEW, size=TEXT)
    right = left + steps * cell + 40
    label(ax, right, 300, "$X$: $(N, T, D)$", ha="left", color=STATE)
    label(ax, right, 235, "$= (N, 4, 1)$", ha="left", color=STATE, size=TEXT)
    label(ax, right, 150, "$y$: $(N, 1)$", ha="left", color=NEW)
    return fig


# --- 09: the recurrent cell, unrolled ------------------------------------------------------------

def unrolled():
    """One recurrent cell and the same cell unrolled over 4 steps: the same weights at every
    step, the state h passed from one step to the next (notebook 09)."""
    fig, ax = canvas(1180, 430)
    y = 215
    box(ax, 90, y, 130, 90, "$\\tanh$", size=MATH)
    arrow(ax, (90, 80), (90, y - 47), color=INPUT)
    label(ax, 90, 50, "$x_t$", color=INPUT)
    arrow(ax, (90, y + 47), (90, 350))
    label(ax, 90, 385, "$h_t$")
    ax.add_patch(FancyArrowPatch((157, y + 25), (157, y - 25), connectionstyle="arc3,rad=-1.4",
                                 arrowstyle="-|>", mutation_scale=26, color=STATE, lw=3))
    label(ax, 240, y, "$h_{t-1}$", color=STATE, size=TEXT)
    label(ax, 320, y, "$=$", size=MATH + 8)
    xs = (540, 700, 860, 1020)
    label(ax, 385, y, "$h_0$", color=STATE)
    for t, x in enumerate(xs, start=1):
        box(ax, x, y, 100, 90, "$\\tanh$", size=MATH)
        arrow(ax, (x, 80), (x, y - 47), color=INPUT)
        label(ax, x, 50, f"$x_{t}$", color=INPUT)
        arrow(ax, (x, y + 47), (x, 340))
        label(ax, x, 380, f"$h_{t}$")
        start = 412 if t == 1 else xs[t - 2] + 52
        arrow(ax, (start, y), (x - 52, y), color=STATE, lw=4)
        if t > 1:
            label(ax, (start + x - 52) / 2, y + 34, "$W_h$", color=STATE, size=TEXT)
        label(ax, x + 40, 120, "$W_x$", color=INPUT, size=TEXT)
    arrow(ax, (xs[-1] + 52, y), (1165, y), color=STATE, lw=4)
    return fig


# --- 10: the LSTM cell, gate by gate -------------------------------------------------------------

def _lstm(stage: int):
    """The LSTM cell with the parts of ``stage`` (1: the cell-state path; 2: + forget gate;
    3: + input gate and candidate; 4: + output gate and h_t); the newest part in colour."""
    fig, ax = canvas(1180, 470)

    def col(part):
        return NEW if part == stage else (OLD if part < stage else None)

    ax.add_patch(FancyBboxPatch((150, 35), 880, 400, boxstyle="round,pad=0,rounding_size=30",
                                fc="0.97", ec="0.8", lw=2))
    cy, gy, by = 380, 220, 95  # cell path, gates, input bus
    # 1. the cell-state path: c_{t-1} -> c_t
    c1 = STATE if stage == 1 else OLD
    label(ax, 70, cy, "$c_{t-1}$", color=c1)
    label(ax, 1110, cy, "$c_t$", color=c1)
    xs_ops = [x for x, part in ((330, 2), (560, 3)) if part <= stage]
    path = [115, *[v for x in xs_ops for v in (x - 26, x + 26)], 1075]
    for a, b in zip(path[::2], path[1::2], strict=True):
        line(ax, [a, b], [cy, cy], color=c1, lw=6)
    arrow(ax, (1040, cy), (1075, cy), color=c1, lw=6)
    if stage == 1:
        label(ax, 590, cy - 70, "the cell state: memory passed on, step to step", color=STATE,
              size=TEXT)
        label(ax, 590, cy - 150, "(no weight matrix on this path)", color=STATE, size=TEXT)
    if stage >= 2:  # the inputs, shared by all gates
        line(ax, [115, {2: 330, 3: 620, 4: 820}[stage]], [by, by], color=OLD if stage > 2 else INK)
        label(ax, 70, by, "$h_{t-1}$", color=OLD if stage > 2 else INK)
        arrow(ax, (230, 0), (230, by), color=INPUT)
        label(ax, 270, 22, "$x_t$", color=INPUT)
    gates = ((2, 330, "$\\sigma$", "$f_t$"), (3, 500, "$\\sigma$", "$i_t$"),
             (3, 620, "$\\tanh$", "$g_t$"), (4, 820, "$\\sigma$", "$o_t$"))
    for part, x, fn, name in gates:
        if part > stage:
            continue
        color = col(part)
        line(ax, [x, x], [by, gy - 35], color=color)
        box(ax, x, gy, 100, 70, fn, color=color, size=MATH - 2)
        label(ax, x + 40, gy - 72, name, color=color, size=MATH)
    if stage >= 2:  # forget: f_t times c_{t-1}
        color = col(2)
        arrow(ax, (330, gy + 35), (330, cy - 27), color=color)
        node(ax, 330, cy, "$\\times$", color=color)
    if stage >= 3:  # input: i_t g_t added to the cell state
        color = col(3)
        line(ax, [500, 500, 534], [gy + 35, 300, 300], color=color)
        line(ax, [620, 620, 586], [gy + 35, 300, 300], color=color)
        node(ax, 560, 300, "$\\times$", color=color)
        arrow(ax, (560, 326), (560, cy - 27), color=color)
        node(ax, 560, cy, "$+$", color=color)
    if stage >= 4:  # output: o_t tanh(c_t)
        color = col(4)
        arrow(ax, (930, cy), (930, 342), color=color)
        node(ax, 930, 300, "tanh", color=color, r=42, size=MIN_PT)
        arrow(ax, (930, 258), (930, gy + 27), color=color)
        arrow(ax, (870, gy), (903, gy), color=color)
        node(ax, 930, gy, "$\\times$", color=color)
        arrow(ax, (956, gy), (1075, gy), color=color)
        label(ax, 1110, gy, "$h_t$", color=color)
    return fig


def lstm_1():
    """The LSTM's cell state c: memory passed from step to step (notebook 10)."""
    return _lstm(1)


def lstm_2():
    """The LSTM's forget gate f scales the old cell state (notebook 10)."""
    return _lstm(2)


def lstm_3():
    """The LSTM's input gate i and candidate g write to the cell state (notebook 10)."""
    return _lstm(3)


def lstm_4():
    """The LSTM's output gate o decides how much of tanh(c_t) becomes h_t (notebook 10)."""
    return _lstm(4)


# --- 11: the GRU cell ------------------------------------------------------------------------------

def gru_cell():
    """The GRU cell in Keras' convention: h_t = z h_{t-1} + (1 - z) h~, with the reset gate r
    inside the candidate (notebook 11)."""
    fig, ax = canvas(1180, 470)
    ax.add_patch(FancyBboxPatch((150, 35), 880, 400, boxstyle="round,pad=0,rounding_size=30",
                                fc="0.97", ec="0.8", lw=2))
    sy, gy, by = 380, 215, 95  # state path, gates, input bus
    label(ax, 70, sy, "$h_{t-1}$", color=STATE)
    label(ax, 1110, sy, "$h_t$", color=STATE)
    for a, b in ((115, 304), (356, 834), (886, 1040)):
        line(ax, [a, b], [sy, sy], color=STATE, lw=6)
    arrow(ax, (1040, sy), (1075, sy), color=STATE, lw=6)
    node(ax, 330, sy, "$\\times$", color=STATE)
    node(ax, 860, sy, "$+$", color=STATE)
    line(ax, [115, 720], [by, by])  # the inputs of the gates: h_{t-1} and x_t
    label(ax, 70, by, "$h_{t-1}$")
    arrow(ax, (230, 0), (230, by), color=INPUT)
    label(ax, 270, 22, "$x_t$", color=INPUT)
    for x, name in ((330, "$z_t$"), (500, "$r_t$")):
        line(ax, [x, x], [by, gy - 35])
        box(ax, x, gy, 100, 70, "$\\sigma$", size=MATH - 2)
        label(ax, x + 40, gy - 72, name, size=MATH)
    arrow(ax, (330, gy + 35), (330, sy - 27))  # z_t keeps a share of the old state
    line(ax, [330, 834], [300, 300], lw=2.5)  # ... and 1 - z_t admits the candidate
    label(ax, 440, 325, "$1 - z_t$", size=TEXT - 2)
    # the candidate: tanh(x_t W_xh + (r_t h_{t-1}) W_hh + b_h)
    line(ax, [550, 554], [gy, gy], color=NEW)
    node(ax, 580, gy, "$\\times$", color=NEW)
    line(ax, [580, 580], [sy, gy + 26], color=STATE, lw=2.5, ls=(0, (4, 3)))  # h_{t-1} into it
    label(ax, 655, 276, "$r_t \\odot h_{t-1}$", color=NEW, size=TEXT - 2)
    arrow(ax, (606, gy), (660, gy), color=NEW)
    box(ax, 725, gy, 130, 70, "$\\tanh$", color=NEW, size=MATH - 2)
    line(ax, [725, 725], [by, gy - 35], color=NEW)
    label(ax, 780, gy - 72, "$\\tilde h_t$", color=NEW, size=MATH)
    line(ax, [790, 860, 860], [gy, gy, 274], color=NEW)
    node(ax, 860, 300, "$\\times$", color=NEW)
    arrow(ax, (860, 326), (860, sy - 27), color=NEW)
    return fig
