"""The deck's results, from the course's own code and the notebooks' stored outputs; never typed.

- **GDP growth, LSTM and GRU against the baselines** (notebooks 10-11): :func:`gdp_models` trains
  the two networks exactly as notebook 11 does (its ``builder``: 4 units on windows of 4 quarters,
  Adam 0.005, early stopping on the 1995-2001 validation part with patience 20, seed 42), through
  the same ``KerasForecaster``, and scores them with the baselines on the same test part. About
  5 s on a laptop CPU. tests/test_slides.py checks that the deck's table equals the one
  notebook 11 printed, so a change of settings in the notebook shows up as a failing test.
- **The showdown** (notebook 12, 108 networks, minutes) and **covariates and deeper networks**
  (notebook 13) are not re-run: their tables are read from the notebooks' stored outputs (what
  `make notebooks` saved), found by their columns and rows, so the slides follow the notebooks.

``{{md NAME}}`` in slides.md inserts the Markdown of :data:`MARKDOWN`; figures are in
``figures.FIGURES``. :data:`NUMBERS` collects every number the deck shows, which build.py embeds
in the page for the tests.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from deckstyle import figure
from matplotlib.patches import Patch

from utils.style import COLORS, legend_outside

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
#: Every number the deck shows, by slide topic (build.py embeds it as JSON in the page).
NUMBERS: dict[str, dict] = {}


# --- reading a notebook's stored tables ----------------------------------------------------------

def notebook(number: str) -> Path:
    found = sorted(NOTEBOOKS.glob(f"{number}_*.ipynb"))
    if not found:
        raise FileNotFoundError(f"no notebook {number}_*.ipynb in {NOTEBOOKS}")
    return found[0]


def stored_texts(number: str) -> list[str]:
    """The text outputs (printed or displayed) of notebook ``number``'s code cells, in order."""
    texts = []
    for cell in json.loads(notebook(number).read_text())["cells"]:
        for out in cell.get("outputs", []) if cell["cell_type"] == "code" else []:
            text = out.get("text") if out["output_type"] == "stream" else \
                out.get("data", {}).get("text/plain")
            if text:
                texts.append("".join(text))
    return texts


def parse_tables(text: str) -> list[pd.DataFrame]:
    """Every table in ``text`` that pandas' ``to_string`` printed with one-word column names
    and numbers in every column, as DataFrames indexed by their row labels (a tuple for two
    index levels)."""
    lines, tables = text.splitlines(), []
    for at, head in enumerate(lines):
        if not head.strip() or head[:1].strip():
            continue  # a header is indented (the index column is blank)
        columns = re.split(r"\s{2,}", head.strip())  # names may hold one space: "MASE origin 0"
        if _numbers(head, len(head.split())) is not None:
            continue  # and holds no numbers
        body, levels = lines[at + 1:], None
        if body and _numbers(body[0], len(columns)) is None:  # the index names' line
            names = body[0].split()
            if not names or len(names) > 2:
                continue
            levels = [body[0].index(name) for name in names]
            body = body[1:]
        rows, last = {}, None
        for row in body:
            values = _numbers(row, len(columns))
            if values is None:
                break
            labels = re.match(rf"^(.*?)(?:\s+\S+){{{len(columns)}}}\s*$", row).group(1).rstrip()
            if levels and len(levels) == 2:
                first = labels[: levels[1]].strip() or last
                key, last = (first, labels[levels[1]:].strip()), first
            else:
                key = labels.strip()
            rows[key] = values
        if rows:
            table = pd.DataFrame(list(rows.values()), columns=columns)
            keys = list(rows)
            table.index = (pd.MultiIndex.from_tuples(keys) if isinstance(keys[0], tuple)
                           else pd.Index(keys))
            tables.append(table)
    return tables


def _numbers(row: str, n: int) -> list[float] | None:
    parts = row.split()
    if len(parts) <= n:
        return None
    try:
        return [float(p) for p in parts[-n:]]
    except ValueError:
        return None


def stored_table(number: str, needs: list[str], row, what: str) -> pd.DataFrame:
    """The first table of notebook ``number``'s stored outputs that has the columns ``needs``
    and a row label for which ``row(label)`` is true; a LookupError naming ``what`` if there is
    none (the notebook was not run, or its table changed)."""
    for text in stored_texts(number):
        for table in parse_tables(text):
            labels = [k[-1] if isinstance(k, tuple) else k for k in table.index]
            if set(needs) <= set(table.columns) and any(row(label) for label in labels):
                return table
    raise LookupError(f"notebook {number}'s stored outputs hold no {what} (a table with columns "
                      f"{needs}): run `make notebooks`, or update slides/results.py if the "
                      f"table changed")


# --- notebooks 10-11: LSTM and GRU against the baselines on GDP growth ---------------------------

def _builder(recurrent_layer):
    """Notebook 11's ``builder`` (section 6): the same network for the LSTM and the GRU."""
    import keras

    def build(window):
        model = keras.Sequential([keras.Input(shape=(window, 1)), recurrent_layer(4),
                                  keras.layers.Dense(1)])
        model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.005), loss="mse")
        return model

    return build


@functools.cache
def gdp_models():
    """``(split, one_step, scores)``: naive, AR(1), mean, LSTM and GRU one-step-ahead
    forecasts of the test part (2002Q1-2009Q3) and their scores, as notebook 11 computes them."""
    import matplotlib

    from utils.notebook_setup import setup_notebook

    style = matplotlib.rcParams.copy()
    setup_notebook(seed=42, verbose=False)  # the notebook's first cell: seeds, determinism, quiet TensorFlow
    matplotlib.rcParams.update(style)  # ... and the notebook's plot style: the deck keeps its own
    import keras

    from utils.data import load
    from utils.forecasting.baselines import ARForecaster, MeanForecaster, NaiveForecaster
    from utils.forecasting.keras_forecaster import KerasForecaster
    from utils.timeseries.metrics import evaluate
    from utils.timeseries.splits import chronological_split

    gdp = load("gdp")
    growth = (100 * gdp.pct_change()).iloc[1:].rename("growth")
    split = chronological_split(growth, validation="1995", test="2002")
    one_step = {m.name: m.fit(split.train).predict_one_step(growth, split.test.index)
                for m in (NaiveForecaster(), ARForecaster(1), MeanForecaster())}
    for name, layer in (("LSTM", keras.layers.LSTM), ("GRU", keras.layers.GRU)):
        model = KerasForecaster(_builder(layer), window=4, epochs=200, batch_size=32, patience=20,
                                seed=42, name=name)
        model.fit(split.train, validation=split.validation)
        one_step[name] = model.predict_one_step(growth, split.test.index)
    scores = evaluate(split.test, one_step, split.train)
    NUMBERS["gdp"] = scores.round(3).to_dict(orient="index")
    return split, one_step, scores


def gdp_forecasts():
    """One-step-ahead forecasts of GDP growth, 2006-2009: naive, AR(1), LSTM and GRU against the
    truth (notebook 11, section 6)."""
    from utils.timeseries.plotting import plot_forecast

    split, one_step, _ = gdp_models()
    fig, ax = figure(1180, 470)
    shown = {name: one_step[name].loc["2006":] for name in ("naive", "AR(1)", "LSTM", "GRU")}
    plot_forecast(split, shown, start="2006", ylabel="growth (% q/q)", ax=ax)
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    return fig


def gdp_table() -> str:
    """The scores of the five forecasts, the best of each column in bold."""
    _, _, scores = gdp_models()
    table = scores.loc[["naive", "AR(1)", "mean", "LSTM", "GRU"], ["MAE", "RMSE", "MASE", "skill"]]
    return markdown_table(table.round(3), best={"MAE": "min", "RMSE": "min", "MASE": "min",
                                                "skill": "max"}, index="model")


def gdp_verdict() -> str:
    """The answer to "do the networks beat the baselines?", from the same scores."""
    _, _, s = gdp_models()
    best_rmse, best_mae = s["RMSE"].idxmin(), s["MAE"].idxmin()
    nets = ", ".join(f"{n}: MAE {s.loc[n, 'MAE']:.3f}, RMSE {s.loc[n, 'RMSE']:.3f}"
                     for n in ("LSTM", "GRU"))
    baselines = s.loc[["naive", "AR(1)"]]
    beaten = [n for n in ("LSTM", "GRU")
              if (s.loc[n, ["MAE", "RMSE"]] < baselines[["MAE", "RMSE"]].min()).any()]
    verdict = (f"{' and '.join(beaten)} beat(s) the best baseline on at least one metric"
               if beaten else "Neither network beats the best baseline on either metric")
    return (f"{verdict}: the lowest RMSE is {best_rmse}'s ({s.loc[best_rmse, 'RMSE']:.3f}), the "
            f"lowest MAE {best_mae}'s ({s.loc[best_mae, 'MAE']:.3f}); {nets}; the mean forecast "
            f"has RMSE {s.loc['mean', 'RMSE']:.3f}. With about 140 training windows of a noisy "
            f"series with weak memory, a linear model with two parameters is hard to beat, and one "
            f"seed cannot tell the LSTM and the GRU apart (notebook 12 uses several).")


# --- notebook 12: the showdown ---------------------------------------------------------------------

NETWORKS = ("SimpleRNN", "LSTM", "GRU")
NAIVE = ("naive", "seasonal naive")


def is_network(name: str) -> bool:
    return any(net in name for net in NETWORKS)


@functools.cache
def showdown():
    """Notebook 12's stored tables: the one-step backtest by series and model, the multi-step
    forecasts of the sunspots, the coverage of the prediction intervals."""
    main = stored_table("12", ["MASE"], lambda m: m == "GRU", "one-step backtest table")
    mase = main["MASE"].unstack()
    series = list(dict.fromkeys(k[0] for k in main.index))
    nets = [c for c in mase.columns if is_network(c)]
    classical = [c for c in mase.columns if c not in nets and c not in NAIVE]
    by_series = pd.DataFrame({
        "naive": mase.loc[series, "naive"],
        "best classical": mase.loc[series, classical].min(axis=1),
        "which classical": mase.loc[series, classical].idxmin(axis=1),
        "best network": mase.loc[series, nets].min(axis=1),
        "which network": mase.loc[series, nets].idxmin(axis=1),
    })
    multi = stored_table("12", ["MASE"], lambda m: "recursive" in m, "multi-step table")["MASE"]
    coverage = stored_table("12", ["coverage"], lambda m: m == "GRU", "coverage table")["coverage"]
    NUMBERS["showdown"] = {
        "MASE": {s: {k: float(v) for k, v in mase.loc[s].dropna().items()} for s in series},
        "multistep MASE": {k: float(v) for k, v in multi.items()},
        "coverage": {k: float(v) for k, v in coverage.items()},
    }
    return by_series, multi, coverage


def showdown_table() -> str:
    by_series, _, _ = showdown()
    table = pd.DataFrame({
        "naive": by_series["naive"].map(lambda v: f"{v:.2f}"),
        "best classical": [f"{v:.2f} ({m})" for v, m in zip(by_series["best classical"],
                                                            by_series["which classical"], strict=True)],
        "best network": [f"{v:.2f} ({m})" for v, m in zip(by_series["best network"],
                                                          by_series["which network"], strict=True)],
    }, index=by_series.index)
    return markdown_table(table, index="MASE")


def showdown_multistep() -> str:
    _, multi, coverage = showdown()
    nets = multi[[m for m in multi.index if is_network(m)]]
    classical = multi[[m for m in multi.index if not is_network(m) and m != "naive"]]
    held = coverage[[m for m in coverage.index if is_network(m)]]
    return (f"**10 years ahead** (sunspots, MASE): naive {multi['naive']:.2f}, best classical "
            f"{classical.min():.2f} ({classical.idxmin()}), best network {nets.min():.2f} "
            f"({nets.idxmin()})\n\n**80 % intervals** held the truth {percent(coverage.min())} to "
            f"{percent(coverage.max())} of the time (networks {percent(held.min())} to "
            f"{percent(held.max())})")


def percent(share: float) -> str:
    return f"{100 * share:.0f} %"


def showdown_verdict() -> str:
    by_series, _, _ = showdown()
    parts = []
    for name, row in by_series.iterrows():
        gap = row["best network"] - row["best classical"]
        who = "the network" if gap < 0 else "the classical model"
        parts.append(f"{name}: {row['which network']} {row['best network']:.3f} against "
                     f"{row['which classical']} {row['best classical']:.3f}, {who} by {abs(gap):.3f}")
    return ("; ".join(parts) + ". Read each margin against the spread over seeds (MASE_sd in "
            "the notebook): a few hundredths is a tie. The lesson: recurrent networks are "
            "contenders, not winners by default, and only a baseline tells which.")


# --- notebook 13: covariates and deeper networks ---------------------------------------------------

@functools.cache
def covariates():
    table = stored_table("13", ["MASE", "MASE_sd"], lambda m: m.startswith("VAR"),
                         "backtest table")
    NUMBERS["covariates"] = {k: float(v) for k, v in table["MASE"].items()}
    return table


def covariates_verdict() -> str:
    mase = covariates()["MASE"]
    var = next(m for m in mase.index if m.startswith("VAR"))
    univariate = mase[[m for m in UNIVARIATE if m in mase.index and m != "naive"]]
    best = mase.idxmin()
    gru = [m for m in mase.index if m.startswith("GRU") and "covariates" in m]
    one = f"; the one-layer GRU goes from {mase['GRU']:.3f} alone to {mase[gru[0]]:.3f} with them" \
        if "GRU" in mase.index and gru else ""
    return (f"The best model here is {best} (MASE {mase[best]:.3f}). The {var}, which reads the "
            f"covariates, scores {mase[var]:.3f} against {univariate.min():.3f} for the best "
            f"model that reads GDP alone{one}. Weigh each gain against the spread over seeds, "
            f"as the notebook does.")


#: How notebook 13 groups its models (its KIND dict): the rest are networks reading covariates.
UNIVARIATE = ("naive", "AR(8)", "ARIMA (AICc)", "GRU")


def kind(model: str) -> str:
    return "baseline" if model in NAIVE else "neural" if is_network(model) or "Conv" in model \
        else "classical"


def covariates_figure():
    """GDP growth one step ahead, 3 folds (x 3 seeds for the networks): MASE of every model,
    hatched if it reads the covariates (notebook 13, section 7)."""
    table = covariates()
    fig, ax = figure(1180, 500)
    kinds = [kind(m) for m in table.index]
    bars = ax.barh(table.index, table["MASE"], xerr=table["MASE_sd"],
                   color=[COLORS[k] for k in kinds], edgecolor="white",
                   hatch=["" if m in UNIVARIATE else "//" for m in table.index],
                   error_kw={"lw": 2.5, "capsize": 6})
    ax.bar_label(bars, fmt="%.2f", padding=8)
    ax.invert_yaxis()
    ax.set(xlabel="MASE (lower is better)", xlim=(0, float(table["MASE"].max()) * 1.22))
    handles = [Patch(color=COLORS[k], label=k) for k in ("baseline", "classical", "neural")]
    handles.append(Patch(facecolor="white", edgecolor="0.4", hatch="//", label="+ covariates"))
    legend_outside(ax, handles=handles)
    return fig


# --- Markdown ------------------------------------------------------------------------------------

def markdown_table(table: pd.DataFrame, best: dict | None = None, index: str = "") -> str:
    """``table`` as a Markdown table; in each column of ``best``, the min or max in bold."""
    lines = ["| " + " | ".join([index, *map(str, table.columns)]) + " |",
             "|" + "---|" * (len(table.columns) + 1)]
    marked = {c: (table[c].min() if how == "min" else table[c].max()) for c, how in (best or {}).items()}
    for name, row in table.iterrows():
        cells = []
        for column, value in row.items():
            text = f"{value:.3f}" if isinstance(value, float | np.floating) else str(value)
            cells.append(f"**{text}**" if column in marked and value == marked[column] else text)
        lines.append("| " + " | ".join([str(name), *cells]) + " |")
    return "\n".join(lines)


MARKDOWN = {
    "gdp-table": gdp_table,
    "gdp-verdict": gdp_verdict,
    "showdown-table": showdown_table,
    "showdown-multistep": showdown_multistep,
    "showdown-verdict": showdown_verdict,
    "covariates-verdict": covariates_verdict,
}
