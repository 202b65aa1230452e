"""utils.data.load_frame and the dataset of several columns, ``macro``: its columns, dates and
provenance, its GDP column equal to gdp.csv's, the checksum guard, and the errors."""

import shutil

import numpy as np
import pandas as pd
import pytest

from utils.data import CATALOG, load, load_frame
from utils.data.catalog import DATA_DIR


def test_macro_loads_every_column_with_dates_and_a_frequency():
    frame = load_frame("macro")
    assert list(frame.columns) == ["realgdp", "realcons", "realinv", "unemp", "tbilrate", "cpi"]
    assert list(frame.columns) == list(CATALOG["macro"].value_columns)
    assert isinstance(frame.index, pd.DatetimeIndex) and frame.index.freqstr == "QS-JAN"
    assert frame.index.name == "date" and (frame.dtypes == np.float64).all()
    assert (frame.index[0], frame.index[-1], len(frame)) == (
        pd.Timestamp("1959-01-01"), pd.Timestamp("2009-07-01"), 203)
    assert not frame.isna().any().any()
    assert frame.loc["1959-01-01"].tolist() == [2710.349, 1707.4, 286.898, 5.8, 2.82, 28.98]


def test_the_gdp_column_is_gdp_csv():
    pd.testing.assert_series_equal(load_frame("macro")["realgdp"], load("gdp"), check_freq=True)


def test_a_one_column_dataset_loads_as_a_one_column_frame():
    frame = load_frame("nile")
    pd.testing.assert_frame_equal(frame, load("nile").to_frame())


def test_load_refuses_a_dataset_of_several_columns():
    with pytest.raises(ValueError, match=r"name must be a dataset of one column for load, got "
                                         r"'macro'.*load_frame\('macro'\)"):
        load("macro")


def test_the_readme_describes_every_column():
    readme = (DATA_DIR / "README.md").read_text()
    assert "`macro`" in readme and "load_frame" in readme
    assert "columns `date` (ISO date), `realgdp`, `realcons`, `realinv`, `unemp`, `tbilrate`, " \
           "`cpi`; 203 rows, 0 missing value(s)" in readme


def test_an_edited_macro_file_fails_its_checksum(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    path = folder / "macro.csv"
    path.write_text(path.read_text().replace("1707.4", "1707.5", 1))
    with pytest.raises(ValueError, match=r"macro\.csv was changed or truncated"):
        load_frame("macro", data_dir=folder)


def test_load_frame_errors(tmp_path):
    with pytest.raises(ValueError, match="name must be one of"):
        load_frame("macrodata")
    with pytest.raises(TypeError, match="name must be a str"):
        load_frame(None)
    with pytest.raises(TypeError, match="data_dir must be a path"):
        load_frame("macro", data_dir=3)
    with pytest.raises(ValueError, match=r"data file .*macro\.csv is missing"):
        load_frame("macro", data_dir=tmp_path)
