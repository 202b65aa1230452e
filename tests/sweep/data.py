"""Bad-input cases for utils.data (see tests/sweep/__init__.py), and for the check
``utils.checks.path`` that it added.

The bad files are written on the fly into one temporary folder (removed when the process ends).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np

from tests.sweep import Case
from utils import checks
from utils.data.build import build
from utils.data.catalog import get
from utils.data.csv_reader import load_csv
from utils.data.loaders import load, load_frame, sha256
from utils.data.synthetic import sine

_FOLDER = tempfile.TemporaryDirectory(prefix="sweep-data-")
GOOD = "DATE,GDP\n1947-01-01,243.164\n1947-04-01,245.968\n1947-07-01,249.585\n1947-10-01,259.745\n"


def csv_file(text: str = GOOD, name: str = "GDP.csv", encoding: str = "utf-8") -> Path:
    """A CSV file holding ``text`` (written now, in the sweep's temporary folder)."""
    path = Path(_FOLDER.name) / name
    path.write_bytes(text.encode(encoding))
    return path


def read(text: str = GOOD, **kwargs):
    """``load_csv`` of a file holding ``text``, columns DATE and GDP unless ``kwargs`` say else."""
    return load_csv(csv_file(text), **({"date_column": "DATE", "value_column": "GDP"} | kwargs))


L = "utils.data.csv_reader.load_csv"
SN = "utils.data.synthetic.sine"

CASES: list[Case] = [
    Case("utils.data.loaders.load", "choice", lambda: load("gpd"), ValueError, "name"),
    Case("utils.data.loaders.load", "type", lambda: load(3), TypeError, "name"),
    Case("utils.data.loaders.load", "type", lambda: load("gdp", data_dir=3), TypeError,
         "data_dir"),
    Case("utils.data.loaders.load", "choice", lambda: load("macro"), ValueError, "name"),
    Case("utils.data.loaders.load_frame", "choice", lambda: load_frame("macrodata"), ValueError,
         "name"),
    Case("utils.data.loaders.load_frame", "type", lambda: load_frame(["macro"]), TypeError, "name"),
    Case("utils.data.loaders.load_frame", "type", lambda: load_frame("macro", data_dir=3),
         TypeError, "data_dir"),
    Case("utils.data.loaders.load_frame", "file",
         lambda: load_frame("macro", data_dir=_FOLDER.name), ValueError, r"macro\.csv"),
    Case("utils.data.loaders.load", "file", lambda: load("gdp", data_dir=_FOLDER.name), ValueError,
         r"gdp\.csv"),
    Case("utils.data.catalog.get", "choice", lambda: get("GDP"), ValueError, "name"),
    Case("utils.data.catalog.get", "type", lambda: get(None), TypeError, "name"),
    Case(L, "type", lambda: load_csv(None), TypeError, "path"),
    Case(L, "file", lambda: load_csv(Path(_FOLDER.name) / "none.csv"), ValueError, "path"),
    Case(L, "file", lambda: load_csv(csv_file("DATE,PIB réel\n1947-01-01,1.0\n",
                                              encoding="latin-1")), ValueError, "path"),
    Case(L, "empty", lambda: read(""), ValueError, r"GDP\.csv is empty"),
    Case(L, "empty", lambda: read("DATE,GDP\n"), ValueError, r"GDP\.csv"),
    Case(L, "file", lambda: read(GOOD.replace("245.968", "245.968,x")), ValueError, "line 3"),
    Case(L, "inf", lambda: read(GOOD.replace("245.968", "inf")), ValueError, "'GDP'"),
    Case(L, "inf", lambda: read(GOOD.replace("245.968", "1e999")), ValueError, "'GDP'"),
    Case(L, "nan", lambda: read(GOOD.replace("245.968", "NaN")), ValueError, "'GDP'"),
    Case(L, "missing", lambda: read(GOOD.replace("245.968", "")), ValueError, "allow_missing"),
    Case(L, "missing", lambda: read(value_column="gdp"), ValueError, "value_column"),
    Case(L, "unsorted", lambda: read(GOOD.replace("1947-04-01", "1946-04-01")), ValueError,
         "line 3"),
    Case(L, "duplicated", lambda: read(GOOD.replace("1947-04-01", "1947-01-01")), ValueError,
         "line 3"),
    Case(L, "range", lambda: read(GOOD.replace("1947-07-01", "1947-13-01")), ValueError, "'DATE'"),
    Case(L, "type", lambda: read(allow_missing="no"), TypeError, "allow_missing"),
    Case(L, "type", lambda: read(missing_values=None), TypeError, "missing_values"),
    Case(L, "type", lambda: read(date_column=0), TypeError, "date_column"),
    Case(L, "choice", lambda: read(freq="quarterly"), ValueError, "freq"),
    Case("utils.data.loaders.sha256", "type", lambda: sha256(None), TypeError, "path"),
    Case("utils.data.loaders.sha256", "file", lambda: sha256(Path(_FOLDER.name) / "none"),
         ValueError, "path"),
    Case("utils.data.build.build", "type", lambda: build(None), TypeError, "out"),
    Case(SN, "range", lambda: sine(0, 4), ValueError, r"\bn\b"),
    Case(SN, "type", lambda: sine(2.5, 4), TypeError, r"\bn\b"),
    Case(SN, "range", lambda: sine(10, 0), ValueError, "period"),
    Case(SN, "nan", lambda: sine(10, np.nan), ValueError, "period"),
    Case(SN, "inf", lambda: sine(10, 4, amplitude=np.inf), ValueError, "amplitude"),
    Case(SN, "range", lambda: sine(10, 4, noise=-1.0), ValueError, "noise"),
    Case(SN, "type", lambda: sine(10, "4"), TypeError, "period"),
    Case(SN, "type", lambda: sine(10, 4, noise=0.1, seed="1"), TypeError, "seed"),
    Case(SN, "range", lambda: sine(10, 4, noise=0.1, seed=-1), ValueError, "seed"),
    Case(SN, "complex", lambda: sine(10, 4 + 1j), TypeError, "period"),
    Case("utils.checks.path", "type", lambda: checks.path(None, "path"), TypeError, "path"),
]

#: Public names with no argument a learner could get wrong, and why.
NO_BAD_INPUT: dict[str, str] = {
    "utils.data.catalog.Dataset": "a frozen record of the catalog, written in catalog.py; "
                                  "learners read it, they do not build one",
}
