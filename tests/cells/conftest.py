"""Fixtures shared by the cell tests: the cell under test, random weights, its Keras twin.

``cell`` is parametrised over SimpleRNN, LSTM and GRU with both ``reset_after`` settings; a test
about one cell narrows it with ``@pytest.mark.parametrize("cell", ["LSTM"], indirect=True)``.
A :class:`Cell` gives the three cells one calling convention, with the states as a list
(``[h]``, or ``[h, c]`` for the LSTM), so that one test covers all of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import ModuleType

import numpy as np
import pytest

from utils.cells import gru, lstm, rnn
from utils.cells.params import params_to_keras
from utils.notebook_setup import import_tensorflow_quietly

import_tensorflow_quietly()
import keras  # noqa: E402  (after TensorFlow's quiet import)


@dataclass(frozen=True)
class Cell:
    """One cell (module, Keras layer, options) behind one calling convention."""

    name: str
    module: ModuleType
    layer: str  #: the Keras layer class
    options: dict = field(default_factory=dict)  #: for init_params and the layer (reset_after)

    @property
    def n_states(self) -> int:
        """1 state (h), or 2 (h, c) for the LSTM."""
        return 2 if self.module is lstm else 1

    @property
    def n_gates(self) -> int:
        """The number of stacked gate blocks: SimpleRNN 1, GRU 3, LSTM 4."""
        return {rnn: 1, gru: 3, lstm: 4}[self.module]

    def init_params(self, input_dim, units, **kwargs) -> dict:
        return self.module.init_params(input_dim, units, **self.options, **kwargs)

    def forward(self, x, params, states=()):
        """``sequence_forward``: ``(h_seq, [h_last(, c_last)], cache)``."""
        *outputs, cache = self.module.sequence_forward(x, params, *states)
        return outputs[0], outputs[1:], cache

    def backward(self, dh_seq, cache, d_last=(), truncate=None):
        """``sequence_backward``: ``(dx, [dh0(, dc0)], grads)``."""
        names = dict(zip(("dh_last", "dc_last"), d_last, strict=False))
        dx, *d_first, grads = self.module.sequence_backward(dh_seq, cache, **names,
                                                            truncate=truncate)
        return dx, d_first, grads

    def step(self, x, states, params):
        """``step_forward``: ``([h_next(, c_next)], cache)``."""
        *states, cache = self.module.step_forward(x, *states, params)
        return states, cache

    def step_back(self, d_states, cache):
        """``step_backward``: ``(dx, [dh_prev(, dc_prev)], grads)``."""
        dx, *d_prev, grads = self.module.step_backward(*d_states, cache)
        return dx, d_prev, grads


CELLS = {
    cell.name: cell
    for cell in (
        Cell("SimpleRNN", rnn, "SimpleRNN"),
        Cell("LSTM", lstm, "LSTM"),
        Cell("GRU(reset_after=True)", gru, "GRU", {"reset_after": True}),
        Cell("GRU(reset_after=False)", gru, "GRU", {"reset_after": False}),
    )
}


@pytest.fixture(params=list(CELLS))
def cell(request) -> Cell:
    return CELLS[request.param]


@pytest.fixture
def random_params(cell):
    """``random_params(D, H, rng, dtype=float64, scale=0.5)``: random weights AND bias of the
    cell's shapes (a zero bias would hide bias bugs)."""

    def make(input_dim, units, rng, dtype=np.float64, scale=0.5):
        shapes = {k: v.shape for k, v in cell.init_params(input_dim, units).items()}
        return {k: rng.normal(scale=scale, size=s).astype(dtype) for k, s in shapes.items()}

    return make


@pytest.fixture
def random_case(cell, random_params):
    """``random_case((N, T, D, H), rng, dtype)``: ``(params, x (N, T, D), [h0(, c0)])``."""

    def make(shape, rng, dtype=np.float64):
        n, t, d, h = shape
        params = random_params(d, h, rng, dtype)
        x = rng.normal(size=(n, t, d)).astype(dtype)
        return params, x, [rng.normal(size=(n, h)).astype(dtype) for _ in range(cell.n_states)]

    return make


@pytest.fixture
def keras_layer(cell):
    """``keras_layer(params, return_sequences)``: the cell's built Keras layer (with
    ``return_state=True``) holding a copy of ``params``."""

    def make(params, return_sequences):
        layer = getattr(keras.layers, cell.layer)(
            params["recurrent_kernel"].shape[0], return_sequences=return_sequences,
            return_state=True, **cell.options,
        )
        layer.build((None, None, params["kernel"].shape[0]))
        params_to_keras(params, layer)
        return layer

    return make
