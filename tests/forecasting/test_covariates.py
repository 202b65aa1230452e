"""Tests for the covariate forecasters (utils.forecasting.covariates, .covariate_networks):
the interface on DataFrames, the leakage guards (scalers fitted per column on the training part
only, no window reaching its target, predictions blind to the rows at and after their date), the
network with the target alone equal to KerasForecaster bit for bit, and the errors."""

import numpy as np
import pandas as pd
import pytest

from utils.notebook_setup import import_tensorflow_quietly

import_tensorflow_quietly()

from utils.forecasting.covariate_networks import KerasCovariateForecaster  # noqa: E402
from utils.forecasting.covariates import CovariateForecaster  # noqa: E402
from utils.forecasting.interface import Forecaster  # noqa: E402
from utils.forecasting.keras_forecaster import KerasForecaster  # noqa: E402
from utils.timeseries.splits import chronological_split  # noqa: E402

FAST = {"epochs": 3, "units": 4, "window": 4}


def make_frame(n=60, seed=0) -> pd.DataFrame:
    """A target that follows a covariate's last value, plus a covariate on another scale."""
    rng = np.random.default_rng(seed)
    lead = rng.normal(size=n)
    target = 0.5 + 0.8 * np.concatenate([[0.0], lead[:-1]]) + 0.1 * rng.normal(size=n)
    other = 100 + 20 * rng.normal(size=n)
    index = pd.date_range("1990-01-01", periods=n, freq="QS-JAN")
    return pd.DataFrame({"y": target, "lead": lead, "other": other}, index=index)


@pytest.fixture(scope="module")
def fitted():
    frame = make_frame()
    split = chronological_split(frame, test=0.2)
    model = KerasCovariateForecaster("gru", target="y", seed=0, **FAST).fit(split.train)
    return frame, split, model


class LastLead(CovariateForecaster):
    """The smallest covariate forecaster: y_hat(t) = the covariate "lead" at t - 1."""

    name = "last lead"

    def _fit(self, values):
        self.lead_ = self.columns_.index("lead")

    def _next(self, past):
        return past[-1, self.lead_]


def test_a_covariate_forecaster_needs_only_fit_and_next():
    frame = make_frame()
    split = chronological_split(frame, test=0.25)
    model = LastLead("y").fit(split.train)
    assert isinstance(model, Forecaster)
    pred = model.predict_one_step(frame, split.test.index)
    expected = frame["lead"].shift(1).loc[split.test.index]
    pd.testing.assert_series_equal(pred, expected.rename("last lead"))
    assert model.forecast(split.train, 1).index[0] == split.test.index[0]
    with pytest.raises(ValueError, match="horizon must be at most 1"):
        model.forecast(split.train, 2)


def test_the_network_speaks_the_interface_on_frames(fitted):
    frame, split, model = fitted
    pred = model.predict_one_step(frame, split.test.index)
    assert pred.index.equals(split.test.index) and pred.name == "GRU"
    assert model.config_["features"] == 3 and model.columns_ == ["y", "lead", "other"]
    one = model.forecast(split.train, 1)
    assert one.iloc[0] == pytest.approx(pred.iloc[0], rel=1e-5)
    assert model.network().count_params() == 3 * 4 * (3 + 4 + 2) + 4 + 1


def test_the_scaler_is_fitted_per_column_on_the_training_part_only(fitted):
    frame, split, model = fitted
    np.testing.assert_allclose(model.scaler_.offset_, split.train.mean().to_numpy())
    np.testing.assert_allclose(model.scaler_.scale_, split.train.std(ddof=0).to_numpy())
    assert not np.allclose(model.scaler_.offset_, frame.mean().to_numpy())
    with pytest.raises(ValueError, match="training part only"):
        KerasCovariateForecaster("gru", target="y", **FAST).fit(split.test)


def test_fitting_never_sees_the_rows_after_the_training_part(fitted):
    frame, split, model = fitted
    changed = frame.copy()
    changed.loc[split.test.index] = 1e3  # any test row, any column
    again = KerasCovariateForecaster("gru", target="y", seed=0, **FAST).fit(
        chronological_split(changed, test=0.2).train)
    for a, b in zip(again.weights_, model.weights_, strict=True):
        np.testing.assert_array_equal(a, b)


def test_a_prediction_is_blind_to_its_own_row_and_every_later_one(fitted):
    frame, split, model = fitted
    t = split.test.index[3]
    before = model.predict_one_step(frame, [t]).iloc[0]
    changed = frame.copy()
    changed.loc[t:] = -1e3  # the target's row and later, every column
    assert model.predict_one_step(changed, [t]).iloc[0] == before
    changed = frame.copy()
    changed.loc[split.test.index[2], "lead"] += 5  # the covariate one quarter before: used
    assert model.predict_one_step(changed, [t]).iloc[0] != before


def test_training_windows_never_reach_their_target(monkeypatch):
    import utils.forecasting.covariate_networks as module

    seen = {}

    class Stopped(Exception):
        pass

    def spy(network, X, y, X_val, y_val, **kwargs):
        seen.update(X=X, y=y, X_val=X_val, y_val=y_val)
        raise Stopped

    monkeypatch.setattr(module, "train_network", spy)
    frame = make_frame(30)
    split = chronological_split(frame, validation=0.2, test=0.2)
    model = KerasCovariateForecaster("gru", target="y", **FAST)
    with pytest.raises(Stopped):
        model.fit(split.train, split.validation)
    z = model.scaler_.transform(split.train).to_numpy()  # (T, 3)
    assert len(seen["X"]) == len(split.train) - 4
    for i in range(len(seen["X"])):  # window i: rows i .. i+3 of every column; target: y at i+4
        np.testing.assert_array_equal(seen["X"][i], z[i : i + 4])
        assert seen["y"][i, 0] == z[i + 4, 0]
    zv = model.scaler_.transform(split.validation).to_numpy()
    np.testing.assert_array_equal(seen["y_val"][:, 0], zv[:, 0])  # validation targets only
    np.testing.assert_array_equal(seen["X_val"][0], z[-4:])  # the first reaches back into train


def test_the_target_alone_is_keras_forecaster_bit_for_bit():
    frame = make_frame(48)
    split = chronological_split(frame, test=0.25)
    alone = KerasCovariateForecaster("gru", target="y", seed=3, **FAST).fit(split.train[["y"]])
    keras_one = KerasForecaster("gru", seed=3, **FAST).fit(split.train["y"])
    pd.testing.assert_series_equal(
        alone.predict_one_step(frame[["y"]], split.test.index),
        keras_one.predict_one_step(frame["y"], split.test.index), check_exact=True)
    assert alone.history_ == keras_one.history_


@pytest.mark.parametrize("options", [
    {"cell": "gru", "architecture": "stacked", "dropout": 0.2, "recurrent_dropout": 0.2},
    {"cell": "conv1d", "kernel_size": 2},
    {"cell": "lstm"},
])
def test_every_network_option_trains_and_repeats_with_its_seed(options):
    frame = make_frame(48)
    split = chronological_split(frame, test=0.25)
    runs = [KerasCovariateForecaster(target="y", seed=s, **FAST, **options).fit(split.train)
            for s in (1, 1, 2)]
    preds = [r.predict_one_step(frame, split.test.index) for r in runs]
    pd.testing.assert_series_equal(preds[0], preds[1], check_exact=True)
    assert not np.allclose(preds[0], preds[2])


def test_the_columns_must_stay_those_of_the_training_part(fitted):
    frame, split, model = fitted
    with pytest.raises(ValueError, match=r"history must have the columns of the training part"):
        model.predict_one_step(frame[["lead", "y", "other"]], split.test.index)
    with pytest.raises(TypeError, match="history must be a pandas DataFrame"):
        model.predict_one_step(frame["y"], split.test.index)
    with pytest.raises(ValueError, match="history must have the target column 'y'"):
        model.predict_one_step(frame[["lead", "other"]], split.test.index)
    with pytest.raises(ValueError, match="index starts too early"):
        model.predict_one_step(frame, frame.index[2:5])
    with pytest.raises(ValueError, match="history must have at least 4 rows"):
        model.forecast(frame.iloc[:2], 1)


def test_a_validation_part_after_the_training_part():
    frame = make_frame(40)
    split = chronological_split(frame, validation=0.2, test=0.2)
    with pytest.raises(ValueError, match="validation must be the validation part"):
        KerasCovariateForecaster(target="y", **FAST).fit(split.train, split.test)
    with pytest.raises(TypeError, match="validation is only for forecasters that stop early"):
        LastLead("y").fit(split.train, split.validation)
    with pytest.raises(ValueError, match="validation must hold at least 1 row"):
        KerasCovariateForecaster(target="y", **FAST).fit(split.train, frame.iloc[5:8])


@pytest.mark.parametrize(("kwargs", "error", "match"), [
    ({"target": 3}, TypeError, "target must be a str"),
    ({"target": "y", "cell": "transformer"}, ValueError, "cell must be one of"),
    ({"target": "y", "architecture": "seq2seq"}, ValueError, "architecture must be one of"),
    ({"target": "y", "dropout": 1.5}, ValueError, "dropout must be"),
    ({"target": "y", "cell": "conv1d", "kernel_size": 9, "window": 4}, ValueError, "kernel_size"),
    ({"target": "y", "window": 0}, ValueError, "window must be a positive int"),
    ({"target": "y", "epochs": 0}, ValueError, "epochs"),
    ({"target": "y", "validation": 1.0}, ValueError, "validation"),
    ({"target": "y", "learning_rate": "fast"}, TypeError, "learning_rate"),
    ({"target": "y", "seed": -1}, ValueError, "seed"),
    ({"target": "y", "show_progress": "yes"}, TypeError, "show_progress"),
    ({"target": "y", "name": 3}, TypeError, "name"),
])
def test_bad_settings_are_refused_when_the_forecaster_is_made(kwargs, error, match):
    with pytest.raises(error, match=match):
        KerasCovariateForecaster(**kwargs)


def test_bad_training_data_is_refused():
    frame = make_frame(20)
    model = KerasCovariateForecaster(target="y", **FAST)
    with pytest.raises(ValueError, match="train must have the target column 'y'"):
        model.fit(frame[["lead"]])
    with pytest.raises(ValueError, match="train must hold finite numbers"):
        model.fit(frame.assign(lead=np.where(frame["lead"] > 1, np.nan, frame["lead"])))
    with pytest.raises(TypeError, match="train must hold numbers"):
        model.fit(frame.assign(lead="x"))
    with pytest.raises(ValueError, match="train must have a strictly increasing index"):
        model.fit(frame.iloc[::-1])
    with pytest.raises(ValueError, match="train must have at least 5 rows"):
        model.fit(frame.iloc[:4])
    with pytest.raises(ValueError, match="train is too short for window=4"):
        KerasCovariateForecaster(target="y", validation=0.9, **FAST).fit(frame.iloc[:6])
    with pytest.raises(ValueError, match="not fitted yet"):
        model.predict_one_step(frame, frame.index[10:])
