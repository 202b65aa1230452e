"""Where the test period starts, and how the verdict between models moves with it (notebook 08).

For a test period of ``test_length`` steps starting at ``test_start``, every model is fitted on
everything before it and predicts the test period one step ahead (true lags fed in); each is
scored by the course's skill score against the naive forecast on the same test points,

    skill = 1 - RMSE_model / RMSE_naive         (1 perfect, 0 no better than naive, < 0 worse)

:func:`verdict` computes the table for one test period, :func:`skill_by_test_start` the skills
for many (the static figure of the notebook), and :func:`split_date_explorer` wires a slider over
the start year to them with ``ipywidgets`` (imported only when called).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pandas as pd

from utils import checks
from utils.timeseries.metrics import evaluate

__all__ = ["skill_by_test_start", "split_date_explorer", "verdict"]

#: The reference every skill is measured against; ``models`` must contain it.
REFERENCE = "naive"


def verdict(series: pd.Series, test_start, models: Mapping[str, Callable], *,
            test_length: int) -> pd.DataFrame:
    """MAE, RMSE and skill of each model on the test period starting at ``test_start``.

    Parameters
    ----------
    series : pd.Series (T,) of finite numbers with a DatetimeIndex, in time order
    test_start : a date of ``series``' index (a string such as "1990-01-01" or a Timestamp)
    models : dict name -> factory, a function of no argument returning a new forecaster
        (``fit``, ``predict_one_step``); it must hold the naive forecast under "naive"
    test_length : int >= 2, the length of the test period (it must end within the series)

    Returns
    -------
    pd.DataFrame, one row per model (in the order of ``models``), columns MAE, RMSE (units of
    the series), MASE and skill; ``attrs["test"]`` is the (first, last) date of the test period,
    ``attrs["best"]`` the model with the lowest RMSE.
    """
    values = checks.numeric_series(series, "series", min_length=4)
    if not isinstance(series.index, pd.DatetimeIndex):
        raise TypeError(f"series must have a DatetimeIndex, got {type(series.index).__name__}")
    _check_models(models)
    test_length = checks.positive_int(test_length, "test_length")
    if test_length < 2:
        raise ValueError(f"test_length must be an int >= 2, got {test_length!r}")
    start = _position(series, test_start)
    if start < 2 or start + test_length > len(values):
        raise ValueError(
            f"test_start must leave at least 2 values before the test period and "
            f"test_length={test_length} values from it on (between "
            f"{series.index[2].date()} and {series.index[len(values) - test_length].date()}), "
            f"got {checks.label(series.index[start])}")
    train, test = series.iloc[:start], series.iloc[start:start + test_length]
    forecasts = {name: make().fit(train).predict_one_step(series, test.index)
                 for name, make in models.items()}
    table = evaluate(test, forecasts, train, reference=REFERENCE)
    table.attrs = {"test": (test.index[0], test.index[-1]), "best": str(table["RMSE"].idxmin())}
    return table


def skill_by_test_start(series: pd.Series, starts, models: Mapping[str, Callable], *,
                        test_length: int) -> pd.DataFrame:
    """The skill of every model for each test period start in ``starts`` (dates of the index):
    a DataFrame with one row per start and one column per model."""
    if isinstance(starts, str) or not hasattr(starts, "__len__") or len(starts) == 0:
        raise TypeError(f"starts must be a non-empty list of dates of the series, got {starts!r}")
    rows = {series.index[_position(series, s)]: verdict(series, s, models,
                                                        test_length=test_length)["skill"]
            for s in starts}
    return pd.DataFrame(rows).T.rename_axis("test period starts")


def split_date_explorer(series: pd.Series, models: Mapping[str, Callable], *, test_length: int,
                        first_year: int, ylabel: str):
    """A slider over the year the test period starts (1 January of ``first_year`` up to the last
    year whose test period fits); draws the series with the test period shaded and each model's
    skill against the naive forecast. ``ylabel`` names the series' units."""
    checks.text(ylabel, "ylabel")
    first = pd.Timestamp(year=checks.positive_int(first_year, "first_year"), month=1, day=1)
    verdict(series, first, models, test_length=test_length)  # refuses bad arguments at once
    last_start = series.index[len(series) - test_length]
    years = [y for y in range(first.year, last_start.year + 1)
             if pd.Timestamp(year=y, month=1, day=1) in series.index
             and pd.Timestamp(year=y, month=1, day=1) <= last_start]
    import ipywidgets as widgets
    import matplotlib.pyplot as plt

    def draw(year=years[-1]):
        _draw(series, verdict(series, f"{year}-01-01", models, test_length=test_length), ylabel)
        plt.show()

    return widgets.interactive(draw, year=widgets.IntSlider(
        value=years[-1], min=years[0], max=years[-1], step=1, description="test from"))


def _draw(series, table, ylabel):
    import matplotlib.pyplot as plt

    from utils.style import COLORS, FORECAST_COLORS

    first, last = table.attrs["test"]
    fig, (ax_series, ax_skill) = plt.subplots(1, 2, figsize=(11, 3.8), width_ratios=[1.6, 1],
                                              layout="constrained")
    ax_series.plot(series.index, series.to_numpy(), color=COLORS["truth"], lw=1.1)
    ax_series.axvspan(first, last, color=COLORS["test"], alpha=0.15, lw=0)  # the test period
    ax_series.set(xlabel="date", ylabel=ylabel,
                  title=f"Fitted before {first:%Y-%m}, tested {first:%Y-%m} to {last:%Y-%m} "
                        "(shaded)")
    others = iter(FORECAST_COLORS)
    colors = [COLORS["naive"] if n == REFERENCE else next(others) for n in table.index]
    bars = ax_skill.barh([str(n) for n in table.index], table["skill"], color=colors)
    ax_skill.bar_label(bars, fmt="%.2f", padding=3, fontsize="small")
    ax_skill.axvline(0, color=COLORS["naive"], ls="--", lw=1)
    ax_skill.invert_yaxis()
    low, high = min(-0.5, table["skill"].min() - 0.05), max(0.5, table["skill"].max() + 0.05)
    ax_skill.set(xlabel="skill = 1 - RMSE / RMSE of naive", xlim=(low, high),
                 title=f"Lowest RMSE: {table.attrs['best']}")
    return fig


def _position(series: pd.Series, date) -> int:
    """The position of ``date`` in the index of ``series`` (a ValueError if it is not there)."""
    try:
        stamp = pd.Timestamp(date)
    except (TypeError, ValueError):
        raise ValueError(f"test_start must be a date of the series such as '1990-01-01', "
                         f"got {date!r}") from None
    if stamp is pd.NaT or stamp not in series.index:
        raise ValueError(f"test_start must be a date of the series' index, got {date!r}")
    return int(series.index.get_loc(stamp))


def _check_models(models) -> None:
    if not isinstance(models, Mapping):
        raise TypeError(f"models must be a dict name -> factory such as "
                        f"{{'naive': NaiveForecaster}}, got {type(models).__name__}")
    if REFERENCE not in models:
        raise ValueError(f"models must hold the naive forecast under {REFERENCE!r} (the "
                         f"reference of the skill), got {list(models)}")
    for name, make in models.items():
        checks.function(make, f"models[{name!r}]", signature="factory() -> forecaster")

