"""The course's datasets: what each CSV in ``data/`` holds, where it came from, and its units.

Every series ships with statsmodels (nothing is downloaded); ``python -m utils.data build`` turns
them into the CSVs in ``data/``. Introduced in notebook 00 and used from notebook 07 on; the
dataset of several columns, ``macro``, in notebook 13.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from utils import checks

__all__ = ["CATALOG", "CHECKSUM_FILE", "DATA_DIR", "Dataset", "get"]

#: Where the CSVs live: ``data/`` at the top of the project.
DATA_DIR = Path(__file__).resolve().parents[2] / "data"

#: The file that records the sha256 of every CSV (the format of ``sha256sum``).
CHECKSUM_FILE = "SHA256SUMS"


@dataclass(frozen=True)
class Dataset:
    """One dataset of the catalog: a CSV with a ``date`` column and one value column
    (``column``), or several: ``column`` and then ``columns``, read with ``load_frame``."""

    name: str
    file: str
    column: str
    freq: str
    frequency: str
    period: str
    units: str
    title: str
    source: str
    licence: str
    prepared: str
    allow_missing: bool = False
    columns: tuple[str, ...] = ()  #: the value columns after ``column``, for a frame dataset

    @property
    def value_columns(self) -> tuple[str, ...]:
        """Every value column of the CSV, in file order."""
        return (self.column, *self.columns)


CATALOG: dict[str, Dataset] = {
    d.name: d
    for d in [
        Dataset(
            name="gdp",
            file="gdp.csv",
            column="realgdp",
            freq="QS-JAN",
            frequency="quarterly (dated at the first day of each quarter)",
            period="1959Q1-2009Q3 (203 quarters)",
            units="billions of chained 2005 US dollars, seasonally adjusted annual rate",
            title="US real gross domestic product",
            source="statsmodels.datasets.macrodata (FRED, Federal Reserve Bank of St. Louis)",
            licence="public domain (statsmodels: 'This is public domain.')",
            prepared="column realgdp; year and quarter turned into quarter-start dates",
        ),
        Dataset(
            name="sunspots",
            file="sunspots.csv",
            column="sunactivity",
            freq="YS-JAN",
            frequency="yearly (dated 1 January)",
            period="1700-2008 (309 years)",
            units="yearly mean sunspot number",
            title="Yearly sunspot activity",
            source="statsmodels.datasets.sunspots (NOAA National Geophysical Data Center)",
            licence="public domain (statsmodels: 'This data is public domain.')",
            prepared="column SUNACTIVITY renamed; YEAR turned into dates",
        ),
        Dataset(
            name="co2",
            file="co2.csv",
            column="co2",
            freq="W-SAT",
            frequency="weekly (weeks ending on Saturday)",
            period="1958-03-29 to 2001-12-29 (2284 weeks, 59 of them missing)",
            units="CO2 mole fraction in dry air, parts per million (ppm)",
            title="Atmospheric CO2 at Mauna Loa Observatory, Hawaii",
            source="statsmodels.datasets.co2 (Keeling and Whorf, Scripps Institution of "
            "Oceanography, via CDIAC)",
            licence="public domain (statsmodels: 'This is public domain.')",
            prepared="as shipped; the 59 missing weeks stay empty cells (NaN), never filled",
            allow_missing=True,
        ),
        Dataset(
            name="elec_equip",
            file="elec_equip.csv",
            column="turnover",
            freq="MS",
            frequency="monthly (dated at the first day of each month)",
            period="1995-01 to 2016-05 (257 months)",
            units="turnover index, 2010 = 100 (working-day adjusted, not seasonally adjusted)",
            title="Euro area manufacture of electrical equipment, total turnover",
            source="statsmodels.datasets.elec_equip (Eurostat, series "
            "STS.M.I7.W.TOVT.NS0016.4.000)",
            licence="public domain (statsmodels: 'This is public domain.')",
            prepared="the Eurostat series code column renamed to turnover",
        ),
        Dataset(
            name="nile",
            file="nile.csv",
            column="volume",
            freq="YS-JAN",
            frequency="yearly (dated 1 January)",
            period="1871-1970 (100 years)",
            units="annual flow at Aswan, 10^8 cubic metres",
            title="Annual flow of the Nile",
            source="statsmodels.datasets.nile (Cobb 1978, Biometrika 65(2))",
            licence="public domain (statsmodels: 'This is public domain.')",
            prepared="year turned into dates",
        ),
        Dataset(
            name="macro",
            file="macro.csv",
            column="realgdp",
            columns=("realcons", "realinv", "unemp", "tbilrate", "cpi"),
            freq="QS-JAN",
            frequency="quarterly (dated at the first day of each quarter)",
            period="1959Q1-2009Q3 (203 quarters)",
            units="realgdp, realcons (personal consumption), realinv (gross private domestic "
            "investment): billions of chained 2005 US dollars, seasonally adjusted annual rate; "
            "unemp: unemployment rate, percent, seasonally adjusted; tbilrate: 3-month Treasury "
            "bill rate (secondary market, quarterly average of monthly rates), percent per year; "
            "cpi: consumer price index for all urban consumers, end of quarter, 1982-84 = 100, "
            "seasonally adjusted",
            title="US macroeconomic series: GDP, consumption, investment, unemployment, "
            "interest rate, prices",
            source="statsmodels.datasets.macrodata (FRED, Federal Reserve Bank of St. Louis; "
            "Bureau of Labor Statistics; Bureau of Economic Analysis)",
            licence="public domain (statsmodels: 'This is public domain.')",
            prepared="six of the 14 columns, as shipped (levels; growth rates and changes are "
            "computed in notebook 13); year and quarter turned into quarter-start dates; "
            "realgdp equals gdp.csv's",
        ),
    ]
}


def get(name: str) -> Dataset:
    """Return the catalog entry ``name``, or raise ``ValueError`` listing the known names."""
    return CATALOG[checks.one_of(checks.text(name, "name"), "name", CATALOG)]
