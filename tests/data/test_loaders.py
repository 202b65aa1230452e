"""utils.data: the shipped datasets, their checksums and provenance, and the CSV loader's errors."""

import re
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from utils.data import CATALOG, load, load_csv, load_frame
from utils.data.build import build
from utils.data.catalog import DATA_DIR
from utils.data.loaders import sha256

#: The datasets of one column (``load``); those of several are tested in test_frames.py.
SINGLE = sorted(name for name, entry in CATALOG.items() if not entry.columns)


@pytest.mark.parametrize("name", SINGLE)
def test_every_dataset_loads_with_dates_and_a_frequency(name):
    series = load(name)
    entry = CATALOG[name]
    assert isinstance(series.index, pd.DatetimeIndex)
    assert series.index.freqstr == entry.freq
    assert series.name == entry.column
    assert series.index.is_monotonic_increasing and series.index.is_unique
    assert series.dtype == np.float64


def test_known_values_and_periods():
    gdp = load("gdp")
    assert (gdp.index[0], gdp.index[-1], len(gdp)) == (
        pd.Timestamp("1959-01-01"), pd.Timestamp("2009-07-01"), 203)
    assert gdp.iloc[0] == pytest.approx(2710.349)
    assert len(load("sunspots")) == 309 and len(load("nile")) == 100
    assert load("elec_equip").index[-1] == pd.Timestamp("2016-05-01")


def test_co2_gaps_stay_missing_and_are_not_filled():
    co2 = load("co2")
    assert int(co2.isna().sum()) == 59
    assert len(co2) == 2284


def test_checksums_file_readme_and_files_agree():
    lines = (DATA_DIR / "SHA256SUMS").read_text().splitlines()
    recorded = {name: digest for digest, name in (line.split() for line in lines)}
    readme = (DATA_DIR / "README.md").read_text()
    for entry in CATALOG.values():
        digest = sha256(DATA_DIR / entry.file)
        assert recorded[entry.file] == digest
        assert digest in readme
        for field in ("source", "licence", "units", "period"):
            assert getattr(entry, field).split(" (")[0] in readme


def test_build_is_repeatable_byte_for_byte(tmp_path):
    build(tmp_path)
    for file in [e.file for e in CATALOG.values()] + ["SHA256SUMS", "README.md"]:
        assert (tmp_path / file).read_bytes() == (DATA_DIR / file).read_bytes(), file


def _copy_data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    return folder


def test_an_edited_file_fails_its_checksum_naming_the_file(tmp_path):
    folder = _copy_data(tmp_path)
    path = folder / "gdp.csv"
    path.write_text(path.read_text().replace("2710.349", "2710.350"))
    with pytest.raises(ValueError, match=r"gdp\.csv was changed or truncated"):
        load("gdp", data_dir=folder)


def test_a_truncated_file_fails_its_checksum(tmp_path):
    folder = _copy_data(tmp_path)
    path = folder / "sunspots.csv"
    path.write_bytes(path.read_bytes()[:500])
    with pytest.raises(ValueError, match=r"sunspots\.csv was changed or truncated"):
        load("sunspots", data_dir=folder)


def test_missing_data_file_or_checksum_file(tmp_path):
    folder = _copy_data(tmp_path)
    (folder / "nile.csv").unlink()
    with pytest.raises(ValueError, match=r"nile\.csv is missing"):
        load("nile", data_dir=folder)
    (folder / "SHA256SUMS").unlink()
    with pytest.raises(ValueError, match="checksum file .* is missing"):
        load("gdp", data_dir=folder)


def test_unknown_dataset_lists_the_known_ones(tmp_path):
    with pytest.raises(ValueError, match=r"name must be one of \['co2', .*\], got 'gpd'"):
        load("gpd")
    with pytest.raises(TypeError, match="name must be a str"):
        load(3)
    with pytest.raises(TypeError, match="data_dir must be a path"):
        load("gdp", data_dir=3)


# --- load_csv: a learner's own file -----------------------------------------------------------

def write(tmp_path, text, name="GDP.csv"):
    path = tmp_path / name
    path.write_text(text)
    return path


GOOD = "DATE,GDP\n1947-01-01,243.164\n1947-04-01,245.968\n1947-07-01,249.585\n1947-10-01,259.745\n"


def test_load_csv_reads_a_fred_style_file(tmp_path):
    series = load_csv(write(tmp_path, GOOD), date_column="DATE", value_column="GDP")
    assert series.name == "GDP" and series.index.name == "DATE"
    assert series.index.freqstr == "QS-JAN"
    assert series.iloc[-1] == pytest.approx(259.745)


def test_load_csv_missing_file(tmp_path):
    with pytest.raises(ValueError, match=r"path must be an existing file, got .*nope\.csv"):
        load_csv(tmp_path / "nope.csv")
    with pytest.raises(TypeError, match="path must be a path"):
        load_csv(None)


@pytest.mark.parametrize("arg,kwargs", [
    ("date_column", {"date_column": "date", "value_column": "GDP"}),
    ("value_column", {"date_column": "DATE", "value_column": "gdp"}),
])
def test_load_csv_missing_column_lists_the_columns(tmp_path, arg, kwargs):
    with pytest.raises(ValueError, match=rf"{arg}=.* is not a column; the columns are \['DATE', 'GDP'\]"):
        load_csv(write(tmp_path, GOOD), **kwargs)


def test_load_csv_unparseable_date_gives_the_line(tmp_path):
    text = GOOD.replace("1947-07-01", "1947-13-01")
    with pytest.raises(ValueError, match=r"GDP\.csv line 4: '1947-13-01' in column 'DATE' is not a date"):
        load_csv(write(tmp_path, text), "DATE", "GDP")


def test_load_csv_non_numeric_value_gives_line_and_date(tmp_path):
    text = GOOD.replace("245.968", "n/a")
    with pytest.raises(ValueError, match=r"line 3 \(1947-04-01\): 'n/a' in column 'GDP' is not a number"):
        load_csv(write(tmp_path, text), "DATE", "GDP")


def test_load_csv_missing_value_is_an_error_unless_allowed(tmp_path):
    path = write(tmp_path, GOOD.replace("249.585", "."))
    with pytest.raises(ValueError, match=r"'\.' in column 'GDP' is not a number"):
        load_csv(path, "DATE", "GDP")
    with pytest.raises(ValueError, match=r"line 4 \(1947-07-01\): the value in column 'GDP' is missing"):
        load_csv(path, "DATE", "GDP", missing_values=(".",))
    series = load_csv(path, "DATE", "GDP", missing_values=(".",), allow_missing=True)
    assert series.isna().sum() == 1 and len(series) == 4
    pd.testing.assert_series_equal(  # one string, as FRED files need, is one missing-value text
        load_csv(path, "DATE", "GDP", missing_values=".", allow_missing=True), series)


def test_load_csv_duplicated_dates(tmp_path):
    text = GOOD.replace("1947-07-01", "1947-04-01")
    with pytest.raises(ValueError, match=r"line 4: date 1947-04-01 is duplicated \(also on line 3\)"):
        load_csv(write(tmp_path, text), "DATE", "GDP")


def test_load_csv_unsorted_dates(tmp_path):
    lines = GOOD.splitlines()
    text = "\n".join([lines[0], lines[2], lines[1], *lines[3:]]) + "\n"
    with pytest.raises(ValueError, match=r"line 3: date 1947-01-01 comes after 1947-04-01 on line 2"):
        load_csv(write(tmp_path, text), "DATE", "GDP")


def test_load_csv_gap_in_dates_is_not_filled(tmp_path):
    text = GOOD.replace("1947-07-01,249.585\n", "")
    with pytest.raises(ValueError, match="not evenly spaced"):
        load_csv(write(tmp_path, text), "DATE", "GDP")
    with pytest.raises(ValueError, match=r"line 4: date 1947-10-01 is off the frequency 'QS-JAN' "
                                         r"\(expected 1947-07-01\); is a row missing\?"):
        load_csv(write(tmp_path, text), "DATE", "GDP", freq="QS-JAN")


def test_load_csv_blank_line_is_reported_not_skipped(tmp_path):
    text = GOOD.replace("1947-04-01,245.968\n", "1947-04-01,245.968\n\n")
    with pytest.raises(ValueError, match=r"line 4: '' in column 'DATE' is not a date"):
        load_csv(write(tmp_path, text), "DATE", "GDP")


def test_load_csv_header_only_or_empty(tmp_path):
    with pytest.raises(ValueError, match="header but no rows"):
        load_csv(write(tmp_path, "DATE,GDP\n"), "DATE", "GDP")
    with pytest.raises(ValueError, match=r"GDP\.csv is empty; expected a header line"):
        load_csv(write(tmp_path, ""), "DATE", "GDP")


@pytest.mark.parametrize("cell", ["inf", "-Infinity", "1e999"])
def test_load_csv_refuses_infinite_values(tmp_path, cell):
    text = GOOD.replace("245.968", cell)
    with pytest.raises(ValueError, match=rf"line 3 \(1947-04-01\): '{cell}' in column 'GDP' is "
                                         "not a finite number"):
        load_csv(write(tmp_path, text), "DATE", "GDP")


def test_load_csv_row_with_an_extra_field(tmp_path):
    text = GOOD.replace("245.968", "245.968,x")
    with pytest.raises(ValueError, match=r"GDP\.csv line 3: 3 field\(s\), expected 2 like the "
                                         r"header \['DATE', 'GDP'\]"):
        load_csv(write(tmp_path, text), "DATE", "GDP")


def test_load_csv_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "GDP.csv"
    path.write_bytes("DATE,PIB r\u00e9el\n1947-01-01,1.0\n".encode("latin-1"))
    with pytest.raises(ValueError, match=r"path must be a UTF-8 text file, got GDP\.csv with "
                                         "byte 0xe9 at position 10"):
        load_csv(path, "DATE", "PIB réel")


def test_load_csv_accepts_a_spreadsheet_byte_order_mark(tmp_path):
    path = tmp_path / "GDP.csv"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.encode())
    assert load_csv(path, "DATE", "GDP").iloc[0] == pytest.approx(243.164)


@pytest.mark.parametrize(("kwargs", "error", "match"), [
    ({"allow_missing": "no"}, TypeError, "allow_missing must be True or False"),
    ({"missing_values": None}, TypeError, "missing_values must be a str or a tuple of str"),
    ({"missing_values": (".", 0)}, TypeError, "missing_values must be a str or a tuple of str"),
    ({"date_column": 0}, TypeError, "date_column must be a str"),
    ({"value_column": ""}, ValueError, "value_column must be a non-empty str"),
    ({"freq": "quarterly"}, ValueError, "freq must be a pandas frequency such as 'QS-JAN'"),
    ({"date_format": None}, TypeError, "date_format must be a str"),
])
def test_load_csv_bad_arguments(tmp_path, kwargs, error, match):
    args = {"date_column": "DATE", "value_column": "GDP"} | kwargs
    with pytest.raises(error, match=match):
        load_csv(write(tmp_path, GOOD), **args)


def test_sha256_errors(tmp_path):
    with pytest.raises(ValueError, match="path must be an existing file"):
        sha256(tmp_path / "nope")
    with pytest.raises(TypeError, match="path must be a path"):
        sha256(None)


def test_data_readme_has_no_stale_period_claims():
    readme = (DATA_DIR / "README.md").read_text()
    for entry in CATALOG.values():
        series = load_frame(entry.name)  # (T, F): every column of the file
        rows = re.search(rf"`{entry.value_columns[-1]}`; (\d+) rows, (\d+) missing", readme)
        assert rows and (int(rows.group(1)), int(rows.group(2))) == (
            len(series), int(series.isna().to_numpy().sum()))
