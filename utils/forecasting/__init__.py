"""Forecasters and how to judge them (notebooks 08-12): the one forecasting interface, the
baselines every model must beat, rolling-origin backtests, prediction intervals, and the Keras
recurrent networks with their multi-step strategies.

The Keras parts (:mod:`~utils.forecasting.networks`, :mod:`~utils.forecasting.keras_forecaster`,
:mod:`~utils.forecasting.multistep`) import TensorFlow, so importing this package does not import
them. One short import per idea: ``from utils.forecasting.baselines import NaiveForecaster``.
"""

__all__: list[str] = []  # nothing re-exported: import from the module of each idea
