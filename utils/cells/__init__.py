"""The recurrent cells in NumPy (notebooks 09-11), forward and backward through time, each equal
to its Keras layer: :mod:`~utils.cells.rnn` (``SimpleRNN``), :mod:`~utils.cells.lstm` (``LSTM``),
:mod:`~utils.cells.gru` (``GRU``, both ``reset_after`` settings).

What they share: :mod:`~utils.cells.params` (the parameter dict, Keras' initialisation, the copy
to and from Keras), :mod:`~utils.cells.bptt` (the bookkeeping of backpropagation through time),
:mod:`~utils.cells.gradient_flow` (vanishing and exploding gradients, measured).

    >>> from utils.cells import lstm
    >>> h_seq, h_last, c_last, cache = lstm.sequence_forward(x, params)
"""

from utils.cells import gru, lstm, rnn

__all__ = ["gru", "lstm", "rnn"]
