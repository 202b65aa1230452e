"""Fixtures shared by the unit tests of the whole ``tests/`` tree.

``quarterly``
    Build a quarterly series (quarter-start dates from 2000, or from ``start``) of given values:
    the series most time-series tests need, written once.
``capture_training``
    Replace the training of the Keras forecasters by a spy that records the windows it would
    train on and stops: what early stopping sees, without training a network.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest


def _quarterly(values, start: str = "2000") -> pd.Series:
    """``values`` as a float Series on quarter-start dates from ``start`` (freq QS-JAN)."""
    values = np.asarray(values, dtype=float)
    return pd.Series(values, index=pd.date_range(start, periods=len(values), freq="QS-JAN"))


@pytest.fixture(scope="session")
def quarterly() -> Callable[..., pd.Series]:
    """``quarterly(values, start="2000")``: a quarterly Series (session-scoped, so hypothesis
    tests may use it)."""
    return _quarterly


class TrainingStopped(Exception):
    """Raised by the spy of ``capture_training`` instead of training a network."""


@pytest.fixture
def capture_training(monkeypatch) -> dict:
    """A dict that ``fit`` of a Keras forecaster fills with ``X``, ``y``, ``X_val``, ``y_val``
    (the scaled windows it would train on) before raising :class:`TrainingStopped`.

        with pytest.raises(capture_training["stopped"]):
            model.fit(train)
        capture_training["y_val"]
    """
    import utils.forecasting.keras_forecaster as keras_forecaster

    seen = {"stopped": TrainingStopped}

    def spy(network, X, y, X_val, y_val, **kwargs):
        seen.update(X=X, y=y, X_val=X_val, y_val=y_val)
        raise TrainingStopped

    monkeypatch.setattr(keras_forecaster, "train_network", spy)
    return seen
