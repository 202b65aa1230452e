"""What every cell must refuse, for SimpleRNN, LSTM and GRU (both reset_after settings): bad
inputs, weights and states, bad gradients and ``truncate``, every wrong cache, bad sizes, seeds and
scales (fixtures in conftest.py). What only one cell refuses is tested in its own file."""

import re

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from utils.cells import gru, lstm, rnn

# Each row: (id, call(cell, params), error, message regex or regex(cell)). The params are
# cell.init_params(2, 3): D = 2, H = 3.

def _states(cell, n=2, last=None):
    """Zero states (N, H) for the cell, the last one replaced by ``last``."""
    states = [np.zeros((n, 3)) for _ in range(cell.n_states)]
    return states if last is None else [*states[:-1], last]


def _nan_at(shape, where):
    arr = np.zeros(shape)
    arr[where] = np.nan
    return arr


def _last_name(cell, names):
    return names[cell.n_states - 1]


BAD_FORWARD = [
    ("x 2-D", lambda c, p: c.module.sequence_forward(np.zeros((2, 3)), p), ValueError,
     r"x must have shape \(N, T, 2\)"),
    ("x wrong D", lambda c, p: c.module.sequence_forward(np.zeros((2, 3, 4)), p), ValueError,
     r"x must have shape \(N, T, 2\)"),
    ("x T=0", lambda c, p: c.module.sequence_forward(np.zeros((2, 0, 2)), p), ValueError,
     "x must hold at least one sequence"),
    ("x nan", lambda c, p: c.module.sequence_forward(_nan_at((2, 3, 2), (1, 2, 0)), p),
     ValueError, r"x must hold finite numbers .* \(1, 2, 0\)"),
    ("x complex", lambda c, p: c.module.sequence_forward(np.zeros((2, 3, 2), complex), p),
     TypeError, "x must hold real numbers"),
    ("x text", lambda c, p: c.module.sequence_forward("abc", p), TypeError, "x must hold numbers"),
    ("h0 shape", lambda c, p: c.module.sequence_forward(np.zeros((2, 3, 2)), p, np.zeros((2, 4))),
     ValueError, r"h0 must have shape \(2, 3\)"),
    ("last state shape", lambda c, p: c.module.sequence_forward(
        np.zeros((2, 3, 2)), p, *_states(c, last=np.zeros((1, 3)))), ValueError,
     lambda c: _last_name(c, ["h0", "c0"]) + r" must have shape \(2, 3\)"),
    ("last state inf", lambda c, p: c.module.sequence_forward(
        np.zeros((2, 3, 2)), p, *_states(c, last=np.full((2, 3), np.inf))), ValueError,
     lambda c: _last_name(c, ["h0", "c0"]) + " must hold finite"),
    ("h_prev shape", lambda c, p: c.module.step_forward(
        np.zeros((2, 2)), np.zeros((1, 3)), *_states(c)[1:], p), ValueError,
     r"h_prev must have shape \(2, 3\)"),
    ("last step state nan", lambda c, p: c.module.step_forward(
        np.zeros((2, 2)), *_states(c, last=_nan_at((2, 3), (0, 1))), p), ValueError,
     lambda c: _last_name(c, ["h_prev", "c_prev"]) + " must hold finite"),
    ("step x 1-D", lambda c, p: c.module.step_forward(np.zeros(2), *_states(c), p), ValueError,
     r"x must have shape \(N, 2\)"),
    ("step x N=0", lambda c, p: c.module.step_forward(np.zeros((0, 2)), *_states(c), p),
     ValueError, "x must hold at least"),
    ("params missing", lambda c, p: c.module.sequence_forward(np.zeros((1, 3, 2)),
                                                              {"bias": p["bias"]}),
     ValueError, r"params is missing \['kernel', 'recurrent_kernel'\]"),
    ("bias shape", lambda c, p: c.module.sequence_forward(np.zeros((1, 3, 2)),
                                                          {**p, "bias": np.zeros((3, 1))}),
     ValueError, lambda c: r"params\['bias'\] must have shape "
     + (r"\(9,\) or \(2, 9\)" if c.module is gru else rf"\({3 * c.n_gates},\)")),
    ("kernel shape", lambda c, p: c.module.sequence_forward(
        np.zeros((1, 3, 2)), {**p, "kernel": np.zeros((2, 3 * c.n_gates + 1))}), ValueError,
     lambda c: rf"params\['kernel'\] must have shape \(D, {3 * c.n_gates}\)"),
    ("recurrent shape", lambda c, p: c.module.sequence_forward(
        np.zeros((1, 3, 2)), {**p, "recurrent_kernel": np.zeros((3, 2))}), ValueError,
     lambda c: rf"params\['recurrent_kernel'\] must have shape \(H, {c.n_gates}\*H\)"),
    ("params list", lambda c, p: c.module.sequence_forward(np.zeros((1, 3, 2)), [1, 2]),
     TypeError, "params must be a dict"),
    ("kernel None", lambda c, p: c.module.sequence_forward(np.zeros((1, 3, 2)),
                                                           {**p, "kernel": None}),
     TypeError, r"params\['kernel'\]"),
    ("kernel nan", lambda c, p: c.module.step_forward(
        np.zeros((2, 2)), *_states(c), {**p, "kernel": p["kernel"] * np.nan}), ValueError,
     r"params\['kernel'\] must hold finite"),
    ("recurrent inf", lambda c, p: c.module.sequence_forward(
        np.zeros((1, 3, 2)), {**p, "recurrent_kernel": p["recurrent_kernel"] - np.inf}),
     ValueError, r"params\['recurrent_kernel'\] must hold finite"),
    ("bias complex", lambda c, p: c.module.sequence_forward(
        np.zeros((1, 3, 2)), {**p, "bias": p["bias"] + 1j}), TypeError,
     r"params\['bias'\] must hold real"),
]


def _backward_calls(cell, params):
    _, _, cache = cell.forward(np.zeros((1, 4, 2)), params)
    _, step_cache = cell.step(np.zeros((1, 2)), _states(cell, n=1), params)
    m, ones = cell.module, np.ones((1, 3))
    d_steps = [ones] * cell.n_states
    return [
        (lambda: m.sequence_backward(np.zeros((1, 4, 2)), cache), ValueError,
         r"dh_seq must have shape \(1, 4, 3\)"),
        (lambda: m.sequence_backward(_nan_at((1, 4, 3), (0, 1, 2)), cache), ValueError,
         r"dh_seq must hold finite"),
        (lambda: m.sequence_backward(None, cache, dh_last=np.zeros(3)), ValueError,
         r"dh_last must have shape \(1, 3\)"),
        (lambda: m.sequence_backward(None, cache, dh_last=ones * 1j), TypeError,
         "dh_last must hold real"),
        (lambda: m.sequence_backward(None, cache, truncate=0), ValueError,
         "truncate must be None or a positive int"),
        (lambda: m.sequence_backward(None, cache, truncate=1.5), TypeError,
         "truncate must be None or a positive int"),
        (lambda: m.step_backward(np.zeros((2, 3)), *d_steps[1:], step_cache), ValueError,
         r"dh_next must have shape \(1, 3\)"),
        (lambda: m.step_backward(*d_steps[:-1], ones * np.inf, step_cache), ValueError,
         _last_name(cell, ["dh_next", "dc_next"]) + " must hold finite"),
    ]


def _wrong_caches(cell, params):
    """(backward, maker, wrong cache, what the message says came) for every mix-up."""
    x = np.zeros((1, 4, 2))
    result = cell.module.sequence_forward(x, params)
    step_result = cell.module.step_forward(x[:, 0], *_states(cell, n=1), params)
    other = rnn if cell.module is not rnn else lstm
    other_cache = other.sequence_forward(x, other.init_params(2, 3))[-1]
    name = cell.module.__name__.rsplit(".", 1)[-1]
    seq, step = f"{name}.sequence_forward", f"{name}.step_forward"
    return [
        ("sequence_backward", seq, result, "a tuple of"),
        ("sequence_backward", seq, None, "None"),
        ("sequence_backward", seq, other_cache, other.__name__.rsplit(".", 1)[-1] + ".Seq"),
        ("sequence_backward", seq, step_result[-1], rf"{name}.StepCache \(made by {step}\)"),
        ("sequence_backward", seq, list(result[-1]), "a list"),
        ("step_backward", step, step_result, "a tuple of"),
        ("step_backward", step, None, "None"),
        ("step_backward", step, result[-1], rf"{name}.SequenceCache \(made by {seq}\)"),
    ]


@pytest.mark.parametrize("row", BAD_FORWARD, ids=[row[0] for row in BAD_FORWARD])
def test_bad_forward_input_gives_a_clear_error(cell, row):
    _, call, error, message = row
    with pytest.raises(error, match=message(cell) if callable(message) else message):
        call(cell, cell.init_params(2, 3, seed=0))


def test_bad_backward_input_gives_a_clear_error(cell):
    for call, error, message in _backward_calls(cell, cell.init_params(2, 3, seed=0)):
        with pytest.raises(error, match=message):
            call()


def test_a_wrong_cache_is_refused_with_the_forward_that_makes_the_right_one(cell):
    d_states = [np.ones((1, 3))] * cell.n_states
    for backward, maker, cache, came in _wrong_caches(cell, cell.init_params(2, 3, seed=0)):
        args = (None, cache) if backward == "sequence_backward" else (*d_states, cache)
        with pytest.raises(TypeError, match=rf"^cache must be the cache returned by {maker} .*"
                                             rf"got {came}"):
            getattr(cell.module, backward)(*args)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"input_dim": 0}, ValueError, r"input_dim must be a positive int \(>= 1\), got 0"),
        ({"units": -2}, ValueError, "units must be a positive int"),
        ({"units": 2.0}, TypeError, "units must be a positive int"),
        ({"input_dim": "3"}, TypeError, "input_dim must be a positive int"),
        ({"seed": "a"}, TypeError, "seed must be a non-negative int"),
        ({"seed": -1}, ValueError, "seed must be a non-negative int"),
        ({"recurrent_scale": 0.0}, ValueError, r"recurrent_scale must be a number > 0"),
        ({"recurrent_scale": float("nan")}, ValueError, "recurrent_scale must be a finite number"),
        ({"recurrent_scale": "big"}, TypeError, "recurrent_scale must be a real number"),
    ],
)
def test_init_params_refuses_bad_sizes_seeds_and_scales(cell, kwargs, error, message):
    args = {"input_dim": 2, "units": 3, **kwargs}
    with pytest.raises(error, match=message):
        cell.init_params(args.pop("input_dim"), args.pop("units"), **args)


def test_init_params_is_seeded_and_float64(cell):
    first, again = cell.init_params(2, 3, seed=5), cell.init_params(2, 3, seed=np.int64(5))
    for k in first:
        np.testing.assert_array_equal(first[k], again[k])
        assert first[k].dtype == np.float64


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(x=arrays(np.float64, (2, 3, 2), elements=st.floats(-1e3, 1e3)),
       where=st.tuples(st.integers(0, 1), st.integers(0, 2), st.integers(0, 1)),
       bad=st.sampled_from([np.nan, np.inf, -np.inf]))
def test_finite_input_is_used_unchanged_and_one_non_finite_value_is_refused(cell, x, where, bad):
    params = cell.init_params(2, 3, seed=0)
    before = x.copy()
    h_seq, _, cache = cell.forward(x, params)
    dx = cell.backward(np.ones_like(h_seq), cache)[0]
    assert np.isfinite(h_seq).all() and np.isfinite(dx).all()
    np.testing.assert_array_equal(x, before)
    x[where] = bad
    position = re.escape(str(where))
    with pytest.raises(ValueError, match=rf"^x must hold finite numbers .* at position {position}"):
        cell.forward(x, params)
