"""utils: the small library behind the course "RNNs for Time Series", grouped like the course.

================================  =======================================================
``utils.nn``                      notebooks 01-06: activations, losses, the MLP, optimisers,
                                  the gradient check
``utils.cells``                   notebooks 09-11: SimpleRNN, LSTM and GRU cells in NumPy
``utils.data``                    the datasets (validated CSV loader, the sine wave)
``utils.timeseries``              notebooks 07-08: splits, windows, scalers, metrics, plots
``utils.forecasting``             notebooks 08-12: baselines, backtests, intervals, the
                                  Keras forecasters and multi-step strategies
``utils.widgets``                 the interactive explorers
``utils.exercises``               the exercise checkers
``utils.checks``                  the argument checks every public function uses
``utils.notebook_setup``,         the set-up call of every notebook, the plot style, the
``utils.style``,                  live training display
``utils.training_progress``
================================  =======================================================

A learner writes one short import per idea (``from utils.cells import lstm``). Importing this
package has no side effects (no seeding, no plot style, no prints, no TensorFlow); the notebooks
call :func:`setup_notebook` once, in their first code cell.
"""

from utils.notebook_setup import setup_notebook

__all__ = ["setup_notebook"]
__version__ = "0.1.0"
