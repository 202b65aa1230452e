"""The course's data: real series built from statsmodels, a validated CSV loader, a sine wave.

    from utils.data import load, load_csv, load_frame, sine
    gdp = load("gdp")                      # quarterly US real GDP, checksum verified
    macro = load_frame("macro")            # GDP, consumption, investment, ...: a DataFrame
    mine = load_csv("GDP.csv", date_column="DATE", value_column="GDP")

``python -m utils.data build`` (or ``make data``) rebuilds ``data/``.
"""

from utils.data.catalog import CATALOG
from utils.data.csv_reader import load_csv
from utils.data.loaders import load, load_frame
from utils.data.synthetic import sine

__all__ = ["CATALOG", "load", "load_csv", "load_frame", "sine"]
