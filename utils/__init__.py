"""utils: the small library behind the course "RNNs for Time Series".

The short public API below covers what most notebooks need; everything else is imported from
its own module, one concept per file:

- foundations (notebooks 01-06): ``utils.activations``, ``utils.losses``, ``utils.dense``,
  ``utils.optim``, ``utils.gradcheck``, ``utils.widgets``;
- recurrent cells in NumPy (notebooks 08-10): ``utils.rnn``, ``utils.lstm``, ``utils.gru``;
- Keras forecasters, multi-step strategies and the training display (notebooks 09-11):
  ``utils.neural``, ``utils.neural_forecasters``, ``utils.multistep``, ``utils.progress``
  (these import TensorFlow, so they are not imported here);
- exercise checkers: ``utils.exercises.<topic>``.

Importing this package has no side effects (no seeding, no plot style, no prints, no
TensorFlow). The notebooks call :func:`setup_notebook` once, in their first code cell.
"""

from utils.backtest import backtest, compare, expanding_folds, summarise
from utils.baselines import (
    ARForecaster,
    ARIMAForecaster,
    DriftForecaster,
    MeanForecaster,
    NaiveForecaster,
    SeasonalNaiveForecaster,
)
from utils.data import load, load_csv, sine
from utils.forecasting import BaseForecaster, Forecaster
from utils.metrics import evaluate, mae, mape, mase, rmse, skill_score, smape
from utils.notebook import setup_notebook
from utils.scaling import MinMaxScaler, StandardScaler
from utils.splits import Split, chronological_split
from utils.windowing import Windows, make_windows

__all__ = [
    "ARForecaster", "ARIMAForecaster", "BaseForecaster", "DriftForecaster", "Forecaster",
    "MeanForecaster", "MinMaxScaler", "NaiveForecaster", "SeasonalNaiveForecaster", "Split",
    "StandardScaler", "Windows", "backtest", "chronological_split", "compare", "evaluate",
    "expanding_folds", "load", "load_csv", "mae", "make_windows", "mape", "mase", "rmse",
    "setup_notebook", "sine", "skill_score", "smape", "summarise",
]
__version__ = "0.1.0"
