"""Which covariates go in? A VAR of the target and the covariates you tick, scored on a
validation period and on the backtest's test blocks (notebook 13).

For a choice of covariates, :func:`covariate_scores` backtests, with one-step predictions:

- the naive forecast, AR(``max_lags``) (the target alone) and a VAR of the target and the chosen
  covariates (lag order by AIC, :class:`~utils.forecasting.var.VARForecaster`);
- on the **validation** blocks: the last 2 x ``horizon`` rows of the first fold's training part,
  cut into 2 expanding folds (everything there is training data of every fold);
- on the **test** blocks: the ``n_folds`` folds of the notebook's backtest.

The scores are MASE, means over the folds. The point of showing both: a choice made by looking at
the test blocks is a choice fitted to them; the validation column is the only one you may choose
by. With no covariate ticked, the VAR row is left out (a VAR needs two series).
:func:`draw_covariate_choice` draws one choice; :func:`covariate_explorer` wires a check box per
candidate covariate to it with ``ipywidgets`` (imported only when called).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from utils import checks
from utils.forecasting.backtest import backtest, expanding_folds
from utils.forecasting.baselines import ARForecaster, NaiveForecaster
from utils.forecasting.var import VARForecaster

__all__ = ["covariate_explorer", "covariate_scores", "draw_covariate_choice"]


def covariate_scores(data: pd.DataFrame, target: str, covariates: Sequence[str] = (), *,
                     n_folds: int = 3, horizon: int = 16, max_lags: int = 8) -> pd.DataFrame:
    """Validation and test MASE of naive, AR and the VAR on ``target`` + ``covariates``.

    Parameters
    ----------
    data : pd.DataFrame (T, F), finite, in time order; holds ``target`` and every covariate
    target : str, the column forecast;  covariates : sequence of str, other columns of ``data``
        (none: no VAR row)
    n_folds, horizon : the backtest's folds (``expanding_folds(data, n_folds, horizon)``)
    max_lags : int >= 1, the AR's order and the VAR's largest lag order

    Returns
    -------
    pd.DataFrame with rows "naive", "AR(max_lags)" and (with covariates) "VAR (AIC)", columns
    "validation" and "test" (MASE, lower is better); ``attrs["lag_orders"]``: the VAR's lag
    order in each test fold.
    """
    covariates = _covariates(data, target, covariates)
    max_lags = checks.positive_int(max_lags, "max_lags")
    frame = data[[target, *covariates]]
    folds = expanding_folds(frame, n_folds, horizon)
    first_train = folds[0][0]
    inner = expanding_folds(first_train, 2, horizon)  # validation blocks inside training data
    models = {"naive": NaiveForecaster, f"AR({max_lags})": lambda: ARForecaster(max_lags)}
    if covariates:
        models["VAR (AIC)"] = lambda: VARForecaster(target, max_lags=max_lags)
    rows, lag_orders = {}, []
    for name, make in models.items():
        scores = [backtest(make, part, part_folds, target=target).scores["MASE"].mean()
                  for part, part_folds in ((first_train, inner), (frame, folds))]
        rows[name] = {"validation": scores[0], "test": scores[1]}
    if covariates:
        lag_orders = [VARForecaster(target, max_lags).fit(train).lag_order_ for train, _ in folds]
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.attrs["lag_orders"] = lag_orders
    return table


def draw_covariate_choice(data: pd.DataFrame, target: str, covariates: Sequence[str] = (), *,
                          n_folds: int = 3, horizon: int = 16, max_lags: int = 8):
    """Grouped bars of :func:`covariate_scores`: validation and test MASE per model. Returns the
    figure."""
    import matplotlib.pyplot as plt

    from utils.style import COLORS, legend_outside

    table = covariate_scores(data, target, covariates, n_folds=n_folds, horizon=horizon,
                             max_lags=max_lags)
    chosen = ", ".join(_covariates(data, target, covariates)) or "none (a VAR needs two series)"
    fig, ax = plt.subplots(figsize=(9, 0.6 * len(table) + 1.8), layout="constrained")
    y = np.arange(len(table))
    for offset, (part, color) in zip((-0.2, 0.2), (("validation", COLORS["validation"]),
                                                  ("test", COLORS["test"])), strict=True):
        bars = ax.barh(y + offset, table[part], height=0.38, color=color,
                       label=f"{part} blocks")
        ax.bar_label(bars, fmt="%.3f", padding=3, fontsize="small")
    ax.set_yticks(y, table.index)
    ax.invert_yaxis()
    ax.set(xlabel="MASE (1 = in-sample naive; lower is better)", ylabel="model",
           title=f"Covariates: {chosen}")
    legend_outside(ax, fontsize="small")
    return fig


def covariate_explorer(data: pd.DataFrame, target: str, candidates: Sequence[str], *,
                       chosen: Sequence[str] = (), n_folds: int = 3, horizon: int = 16,
                       max_lags: int = 8):
    """One check box per covariate of ``candidates`` (``chosen`` ticked at first), redrawing
    :func:`draw_covariate_choice` for the ticked ones."""
    candidates = _covariates(data, target, candidates, "candidates")
    chosen = _covariates(data, target, chosen, "chosen")
    unknown = [c for c in chosen if c not in candidates]
    if unknown:
        raise ValueError(f"chosen must be among the candidates {candidates}, got {unknown}")
    import ipywidgets as widgets
    import matplotlib.pyplot as plt

    def draw(**ticked):
        names = [c for c in candidates if ticked[_key(c)]]
        draw_covariate_choice(data, target, names, n_folds=n_folds, horizon=horizon,
                              max_lags=max_lags)
        plt.show()

    boxes = {_key(c): widgets.Checkbox(value=c in chosen, description=c) for c in candidates}
    return widgets.interactive(draw, **boxes)


def _key(column: str) -> str:
    """A keyword-argument name for a column name ("T-bill rate change" -> "T_bill_rate_change")."""
    return "".join(ch if ch.isalnum() else "_" for ch in column)


def _covariates(data, target, covariates, name: str = "covariates") -> list[str]:
    """``covariates`` as a list of columns of ``data`` other than ``target``, checked (``name``
    is the argument's name in messages)."""
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"data must be a pandas DataFrame, got {type(data).__name__}")
    checks.one_of(target, "target", list(data.columns))
    empty = isinstance(covariates, list | tuple) and len(covariates) == 0
    names = [] if empty else checks.column_names(covariates, name)
    for column in names:
        if column == target or column not in data.columns:
            raise ValueError(f"{name} must be columns of data other than the target "
                             f"{target!r}, got {column!r}")
    if len(set(names)) != len(names):
        raise ValueError(f"{name} must name each column once, got {names}")
    return names
