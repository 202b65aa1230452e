"""Forecasters and how to judge them (notebooks 08-13): the one forecasting interface, the
baselines every model must beat, rolling-origin backtests, prediction intervals, the Keras
recurrent networks with their multi-step strategies, and forecasters that read several series
(covariates: a VAR and the networks).

The Keras parts (:mod:`~utils.forecasting.networks`, :mod:`~utils.forecasting.keras_forecaster`,
:mod:`~utils.forecasting.multistep`, :mod:`~utils.forecasting.covariate_networks`) import
TensorFlow, so importing this package does not import them. One short import per idea: ``from utils.forecasting.baselines import NaiveForecaster``.
"""

__all__: list[str] = []  # nothing re-exported: import from the module of each idea
