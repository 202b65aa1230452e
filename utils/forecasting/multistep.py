"""Three ways to forecast H steps ahead with a neural network, named as the field names them.

=================  ==========================================================================
recursive          one network predicts one step; feed the prediction back as the newest input
                   and repeat H times: y_hat(T+h) = f(y(T-w+h), ..., y_hat(T+h-1)).
                   Errors compound; one model serves every horizon.
multi-output       (also "single-shot", or "MIMO") one network with H outputs, output h trained
                   on the value h steps ahead: [y_hat(T+1), ..., y_hat(T+H)] = F(y(T-w+1), ...,
                   y(T)). Nothing is fed back.
seq2seq            an encoder reads the window into a state; a decoder unrolls over the H future
                   steps and emits one value per step (:func:`utils.forecasting.networks.build_network`
                   with ``architecture="seq2seq"``): the encoder-decoder of Sutskever et al. (2014).
=================  ==========================================================================

The *direct* strategy proper trains one model per horizon step (H models); for networks that
costs H trainings, so the course shows it with linear models
(:class:`~utils.forecasting.baselines.DirectARForecaster`).

All three speak the interface of :mod:`utils.forecasting.interface`, so ``forecast(history, horizon)`` and
a backtest treat them alike:

    >>> models = {s: strategy_forecaster(s, "gru", window=12, horizon=10) for s in STRATEGIES}

Introduced in notebook 12.
"""

from __future__ import annotations

from utils import checks
from utils.forecasting.keras_forecaster import KerasForecaster, MultiOutputForecaster
from utils.forecasting.networks import CELL_NAMES

__all__ = ["STRATEGIES", "Seq2SeqForecaster", "strategy_forecaster"]

STRATEGIES = ("recursive", "multi-output", "seq2seq")


class Seq2SeqForecaster(MultiOutputForecaster):
    """Sequence-to-sequence strategy: an encoder, then a decoder that unrolls over the horizon."""

    architecture = "seq2seq"


def strategy_forecaster(strategy: str, cell: str, *, horizon: int, **kwargs) -> KerasForecaster:
    """An unfitted forecaster of ``strategy`` ("recursive", "multi-output" or "seq2seq"), named
    e.g. ``"GRU multi-output"``; ``kwargs`` go to
    :class:`~utils.forecasting.keras_forecaster.KerasForecaster`.

    ``horizon`` (an int >= 1) is checked for every strategy: the multi-output and seq2seq networks
    predict that many steps at once (and ``forecast`` no further); the recursive network predicts
    one step and ``forecast`` feeds it back, so it can run to any horizon.
    """
    checks.one_of(strategy, "strategy", STRATEGIES)
    checks.one_of(cell, "cell", CELL_NAMES)
    horizon = checks.positive_int(horizon, "horizon")
    name = kwargs.pop("name", f"{CELL_NAMES[cell]} {strategy}")
    if strategy == "recursive":
        return KerasForecaster(cell, name=name, **kwargs)
    kind = MultiOutputForecaster if strategy == "multi-output" else Seq2SeqForecaster
    return kind(cell, horizon=horizon, name=name, **kwargs)
