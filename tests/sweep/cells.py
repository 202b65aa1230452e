"""Bad-input cases for utils.cells (see tests/sweep/__init__.py).

Every message starts with the name of the argument at fault. The three cells get the same bad
calls (:func:`_cell_cases`): bad sizes, seeds and scales for
``init_params``; bad inputs, weights and states for the forwards; for the backwards bad
gradients, a bad ``truncate`` and every wrong cache (the whole tuple a forward returns, None,
another cell's cache, a step cache for a sequence backward and the reverse).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from tests.sweep import Case
from utils.cells import bptt, gru, lstm, rnn
from utils.cells.gradient_flow import gradient_norm_by_lag
from utils.cells.params import check_params, initialise, params_from_keras, params_to_keras

N, T, D, H = 2, 4, 2, 3  # batch, steps, features, units
CELL_OF = {"rnn": rnn, "lstm": lstm, "gru": gru}
OTHER = {"rnn": lstm, "lstm": gru, "gru": rnn}  # whose cache is the wrong one


def _nan(shape, value=np.nan):
    """Zeros of ``shape`` with one bad value at the last position."""
    arr = np.zeros(shape)
    arr[(-1,) * len(shape)] = value
    return arr


def _layer(kind: str, build: bool = True, **options):
    """A Keras layer, imported only when a case runs."""
    from utils.notebook_setup import import_tensorflow_quietly

    import_tensorflow_quietly()
    import keras

    layer = getattr(keras.layers, kind)(H, **options)
    if build:
        layer.build((None, None, D))
    return layer


def _cell_cases(name: str) -> list[Case]:
    m, other = CELL_OF[name], OTHER[name]
    p, po = m.init_params(D, H, seed=0), other.init_params(D, H)
    x, x_t, g = np.zeros((N, T, D)), np.zeros((N, D)), np.zeros((N, H))
    states = dg = [g] * (1 + (m is lstm))  # [h(, c)], and the gradients [dh_next(, dc_next)]
    result, step_result = m.sequence_forward(x, p), m.step_forward(x_t, *states, p)
    cache, step_cache = result[-1], step_result[-1]
    other_cache = other.sequence_forward(x, po)[-1]
    other_step = other.step_forward(x_t, *[g] * (1 + (other is lstm)), po)[-1]

    def case(fn, kind, call, error, names):
        return Case(f"utils.cells.{name}.{fn}", kind, call, error, names)

    cases = [
        case("init_params", "type", lambda: m.init_params(D, 2.0), TypeError, "units"),
        case("init_params", "type", lambda: m.init_params(D, H, seed="a"), TypeError, "seed"),
        case("init_params", "range", lambda: m.init_params(0, H), ValueError, "input_dim"),
        case("init_params", "range", lambda: m.init_params(D, -1), ValueError, "units"),
        case("init_params", "range", lambda: m.init_params(D, H, seed=-1), ValueError, "seed"),
        case("init_params", "range", lambda: m.init_params(D, H, recurrent_scale=0), ValueError,
             "recurrent_scale"),
        case("init_params", "nan", lambda: m.init_params(D, H, recurrent_scale=np.nan),
             ValueError, "recurrent_scale"),
        case("init_params", "inf", lambda: m.init_params(D, H, recurrent_scale=np.inf),
             ValueError, "recurrent_scale"),
        case("init_params", "complex", lambda: m.init_params(D, H, recurrent_scale=1j),
             TypeError, "recurrent_scale"),
        # the step forward: input, weights, states
        case("step_forward", "type", lambda: m.step_forward("x", *states, p), TypeError, "x"),
        case("step_forward", "type", lambda: m.step_forward(x_t, *states, [p]), TypeError,
             "params"),
        case("step_forward", "shape", lambda: m.step_forward(x, *states, p), ValueError, "x"),
        case("step_forward", "empty", lambda: m.step_forward(np.zeros((0, D)), *states, p),
             ValueError, "x"),
        case("step_forward", "nan", lambda: m.step_forward(_nan((N, D)), *states, p), ValueError,
             "x"),
        case("step_forward", "inf", lambda: m.step_forward(_nan((N, D), -np.inf), *states, p),
             ValueError, "x"),
        case("step_forward", "complex", lambda: m.step_forward(x_t + 1j, *states, p), TypeError,
             "x"),
        case("step_forward", "nan", lambda: m.step_forward(
            x_t, *states, {**p, "kernel": p["kernel"] * np.nan}), ValueError, r"params\['kernel'\]"),
        case("step_forward", "inf", lambda: m.step_forward(
            x_t, *states, {**p, "bias": p["bias"] + np.inf}), ValueError, r"params\['bias'\]"),
        case("step_forward", "complex", lambda: m.step_forward(
            x_t, *states, {**p, "recurrent_kernel": p["recurrent_kernel"] * 1j}), TypeError,
             r"params\['recurrent_kernel'\]"),
        case("step_forward", "missing", lambda: m.step_forward(x_t, *states, {"kernel": 1}),
             ValueError, "params"),
        case("step_forward", "wrong_state", lambda: m.step_forward(x_t, np.zeros((N, H + 1)),
                                                                   *states[1:], p),
             ValueError, "h_prev"),
        case("step_forward", "wrong_state", lambda: m.step_forward(x_t, _nan((N, H)),
                                                                   *states[1:], p),
             ValueError, "h_prev"),
        # the sequence forward
        case("sequence_forward", "type", lambda: m.sequence_forward([[["a"]]], p), TypeError, "x"),
        case("sequence_forward", "shape", lambda: m.sequence_forward(x_t, p), ValueError, "x"),
        case("sequence_forward", "empty", lambda: m.sequence_forward(np.zeros((N, 0, D)), p),
             ValueError, "x"),
        case("sequence_forward", "nan", lambda: m.sequence_forward(_nan((N, T, D)), p), ValueError,
             "x"),
        case("sequence_forward", "inf", lambda: m.sequence_forward(_nan((N, T, D), np.inf), p),
             ValueError, "x"),
        case("sequence_forward", "complex", lambda: m.sequence_forward(x * 1j, p), TypeError, "x"),
        case("sequence_forward", "nan", lambda: m.sequence_forward(
            x, {**p, "recurrent_kernel": _nan((H, p["bias"].shape[-1]))}), ValueError,
             r"params\['recurrent_kernel'\]"),
        case("sequence_forward", "missing", lambda: m.sequence_forward(x, {"bias": p["bias"]}),
             ValueError, "params"),
        case("sequence_forward", "shape", lambda: m.sequence_forward(
            x, {**p, "kernel": np.zeros((D + 1, 1))}), ValueError, r"params\['kernel'\]"),
        case("sequence_forward", "wrong_state", lambda: m.sequence_forward(x, p, np.zeros((1, H))),
             ValueError, "h0"),
        case("sequence_forward", "wrong_state", lambda: m.sequence_forward(x, p, _nan((N, H))),
             ValueError, "h0"),
        # the backwards: gradients, truncate, and every wrong cache
        case("step_backward", "type", lambda: m.step_backward("dh", *dg[1:], step_cache),
             TypeError, "dh_next"),
        case("step_backward", "shape", lambda: m.step_backward(np.zeros((N + 1, H)), *dg[1:],
                                                               step_cache),
             ValueError, "dh_next"),
        case("step_backward", "nan", lambda: m.step_backward(_nan((N, H)), *dg[1:], step_cache),
             ValueError, "dh_next"),
        case("step_backward", "inf", lambda: m.step_backward(_nan((N, H), np.inf), *dg[1:],
                                                             step_cache),
             ValueError, "dh_next"),
        case("step_backward", "complex", lambda: m.step_backward(g * 1j, *dg[1:], step_cache),
             TypeError, "dh_next"),
        case("sequence_backward", "type", lambda: m.sequence_backward("dh", cache), TypeError,
             "dh_seq"),
        case("sequence_backward", "shape", lambda: m.sequence_backward(np.zeros((N, T, D)), cache),
             ValueError, "dh_seq"),
        case("sequence_backward", "nan", lambda: m.sequence_backward(_nan((N, T, H)), cache),
             ValueError, "dh_seq"),
        case("sequence_backward", "inf", lambda: m.sequence_backward(
            None, cache, dh_last=_nan((N, H), np.inf)), ValueError, "dh_last"),
        case("sequence_backward", "complex", lambda: m.sequence_backward(
            None, cache, dh_last=g + 1j), TypeError, "dh_last"),
        case("sequence_backward", "range", lambda: m.sequence_backward(None, cache, truncate=0),
             ValueError, "truncate"),
        case("sequence_backward", "type", lambda: m.sequence_backward(None, cache, truncate=2.5),
             TypeError, "truncate"),
    ]
    wrong_caches = {
        "sequence_backward": [result, None, other_cache, step_cache],
        "step_backward": [step_result, None, other_step, cache],
    }
    for fn, caches in wrong_caches.items():
        for wrong in caches:
            args = (None,) if fn == "sequence_backward" else dg
            cases.append(case(fn, "wrong_cache",
                              lambda fn=fn, args=args, wrong=wrong: getattr(m, fn)(*args, wrong),
                              TypeError, rf"^cache must be .*{name}\.\w+_forward"))
    return cases


LSTM_CASES = [
    Case("utils.cells.lstm.step_forward", "wrong_state", lambda: lstm.step_forward(
        np.zeros((N, D)), np.zeros((N, H)), np.zeros((N, 1)), lstm.init_params(D, H)),
        ValueError, "c_prev"),
    Case("utils.cells.lstm.sequence_forward", "wrong_state", lambda: lstm.sequence_forward(
        np.zeros((N, T, D)), lstm.init_params(D, H), None, _nan((N, H))), ValueError, "c0"),
    Case("utils.cells.lstm.step_backward", "nan", lambda: lstm.step_backward(
        np.zeros((N, H)), _nan((N, H)), lstm.step_forward(
            np.zeros((N, D)), np.zeros((N, H)), np.zeros((N, H)), lstm.init_params(D, H))[-1]),
        ValueError, "dc_next"),
    Case("utils.cells.lstm.sequence_backward", "shape", lambda: lstm.sequence_backward(
        None, lstm.sequence_forward(np.zeros((N, T, D)), lstm.init_params(D, H))[-1],
        dc_last=np.zeros(H)), ValueError, "dc_last"),
    Case("utils.cells.lstm.gate_activations", "shape", lambda: lstm.gate_activations(
        np.zeros((N, D)), lstm.init_params(D, H)), ValueError, "x"),
    Case("utils.cells.lstm.gate_activations", "nan", lambda: lstm.gate_activations(
        _nan((N, T, D)), lstm.init_params(D, H)), ValueError, "x"),
    Case("utils.cells.lstm.gate_activations", "type", lambda: lstm.gate_activations(
        np.zeros((N, T, D)), "params"), TypeError, "params"),
    Case("utils.cells.lstm.gate_activations", "wrong_state", lambda: lstm.gate_activations(
        np.zeros((N, T, D)), lstm.init_params(D, H), None, np.zeros((N, H + 1))), ValueError,
        "c0"),
]

GRU_CASES = [
    Case("utils.cells.gru.init_params", "type", lambda: gru.init_params(D, H, reset_after="no"),
         TypeError, "reset_after"),
    Case("utils.cells.gru.reset_after", "type", lambda: gru.reset_after([1, 2]), TypeError,
         "params"),
    Case("utils.cells.gru.reset_after", "shape", lambda: gru.reset_after(
        {**gru.init_params(D, H), "bias": np.zeros((3, 3 * H))}), ValueError, r"params\['bias'\]"),
    Case("utils.cells.gru.reset_after", "missing", lambda: gru.reset_after({"bias": 0}),
         ValueError, "params"),
]

_P = rnn.init_params(D, H, seed=0)
PARAMS_CASES = [
    Case("utils.cells.params.check_params", "type", lambda: check_params((1, 2), 1), TypeError,
         "params"),
    Case("utils.cells.params.check_params", "choice", lambda: check_params(_P, 2), ValueError,
         "n_gates"),
    Case("utils.cells.params.check_params", "type", lambda: check_params(_P, "1"), TypeError,
         "n_gates"),
    Case("utils.cells.params.check_params", "missing", lambda: check_params({}, 1), ValueError,
         "params"),
    Case("utils.cells.params.check_params", "shape", lambda: check_params(
        {**_P, "bias": np.zeros(H + 1)}, 1), ValueError, r"params\['bias'\]"),
    Case("utils.cells.params.check_params", "empty", lambda: check_params(
        {**_P, "recurrent_kernel": np.zeros((0, 0))}, 1), ValueError,
         r"params\['recurrent_kernel'\]"),
    Case("utils.cells.params.check_params", "nan", lambda: check_params(
        {**_P, "kernel": _nan((D, H))}, 1), ValueError, r"params\['kernel'\]"),
    Case("utils.cells.params.check_params", "inf", lambda: check_params(
        {**_P, "bias": _nan((H,), -np.inf)}, 1), ValueError, r"params\['bias'\]"),
    Case("utils.cells.params.check_params", "complex", lambda: check_params(
        {**_P, "kernel": _P["kernel"] + 0j}, 1), TypeError, r"params\['kernel'\]"),
    Case("utils.cells.params.initialise", "range", lambda: initialise(D, 0, 1), ValueError,
         "units"),
    Case("utils.cells.params.initialise", "type", lambda: initialise(D, H, 1, seed="s"),
         TypeError, "seed"),
    Case("utils.cells.params.initialise", "choice", lambda: initialise(D, H, 5), ValueError,
         "n_gates"),
    Case("utils.cells.params.params_from_keras", "type", lambda: params_from_keras(
        _layer("Dense")), TypeError, "layer"),
    Case("utils.cells.params.params_from_keras", "empty", lambda: params_from_keras(
        _layer("LSTM", build=False)), ValueError, "layer"),
    Case("utils.cells.params.params_from_keras", "missing", lambda: params_from_keras(
        _layer("SimpleRNN", use_bias=False)), ValueError, "layer"),
    Case("utils.cells.params.params_to_keras", "type", lambda: params_to_keras(
        [1], _layer("SimpleRNN")), TypeError, "params"),
    Case("utils.cells.params.params_to_keras", "type", lambda: params_to_keras(
        _P, _layer("Dense")), TypeError, "layer"),
    Case("utils.cells.params.params_to_keras", "missing", lambda: params_to_keras(
        {"kernel": _P["kernel"]}, _layer("SimpleRNN")), ValueError, "params"),
    Case("utils.cells.params.params_to_keras", "shape", lambda: params_to_keras(
        _P, _layer("GRU")), ValueError, r"params\['kernel'\]"),
    Case("utils.cells.params.params_to_keras", "nan", lambda: params_to_keras(
        {**_P, "bias": _nan((H,))}, _layer("SimpleRNN")), ValueError, r"params\['bias'\]"),
    Case("utils.cells.params.params_to_keras", "complex", lambda: params_to_keras(
        {**_P, "bias": _P["bias"] * 1j}, _layer("SimpleRNN")), TypeError, r"params\['bias'\]"),
]

_X = np.zeros((N, T, D))
BPTT_CASES = [
    Case("utils.cells.bptt.check_sequence", "shape", lambda: bptt.check_sequence(_X, D + 1),
         ValueError, "x"),
    Case("utils.cells.bptt.check_sequence", "nan", lambda: bptt.check_sequence(
        _nan((N, T, D)), D), ValueError, "x"),
    Case("utils.cells.bptt.check_state", "wrong_state", lambda: bptt.check_state(
        np.zeros((N, H + 1)), "h0", _X, _P), ValueError, "h0"),
    Case("utils.cells.bptt.check_state", "wrong_state", lambda: bptt.check_state(
        _nan((N, H)), "c0", _X, _P), ValueError, "c0"),
    Case("utils.cells.bptt.check_truncate", "range", lambda: bptt.check_truncate(-3), ValueError,
         "truncate"),
    Case("utils.cells.bptt.check_truncate", "type", lambda: bptt.check_truncate("2"), TypeError,
         "truncate"),
    Case("utils.cells.bptt.check_cache", "wrong_cache", lambda: bptt.check_cache(
        (1, 2), rnn.SequenceCache), TypeError, r"^cache must be .*rnn\.sequence_forward"),
    Case("utils.cells.bptt.upstream_gradient", "shape", lambda: bptt.upstream_gradient(
        np.zeros((N, T)), None, (N, T, H), np.float64), ValueError, "dh_seq"),
    Case("utils.cells.bptt.upstream_gradient", "nan", lambda: bptt.upstream_gradient(
        None, _nan((N, H)), (N, T, H), np.float64), ValueError, "dh_last"),
]

FLOW_CASES = [
    Case("utils.cells.gradient_flow.gradient_norm_by_lag", "type", lambda: gradient_norm_by_lag(
        "rnn", rnn.sequence_backward, _P, _X), TypeError, "sequence_forward"),
    Case("utils.cells.gradient_flow.gradient_norm_by_lag", "wrong_cache",
         lambda: gradient_norm_by_lag(rnn.sequence_forward, gru.sequence_backward, _P, _X),
         TypeError, "cache"),
    Case("utils.cells.gradient_flow.gradient_norm_by_lag", "nan", lambda: gradient_norm_by_lag(
        rnn.sequence_forward, rnn.sequence_backward, _P, _nan((N, T, D))), ValueError, "x"),
    Case("utils.cells.gradient_flow.gradient_norm_by_lag", "shape", lambda: gradient_norm_by_lag(
        rnn.sequence_forward, rnn.sequence_backward, _P, np.zeros((N, D))), ValueError, "x"),
]

CASES: list[Case] = [  # every message starts with the argument's name
    replace(c, names=c.names if c.names.startswith("^") else "^" + c.names)
    for c in (*(c for name in CELL_OF for c in _cell_cases(name)),
              *LSTM_CASES, *GRU_CASES, *PARAMS_CASES, *BPTT_CASES, *FLOW_CASES)
]

_RECORD = "a NamedTuple the forward builds and the backward checks (bptt.check_cache)"

#: Public names with no argument a learner could get wrong, and why.
NO_BAD_INPUT: dict[str, str] = {
    **{f"utils.cells.{name}.{cls}": _RECORD for name in CELL_OF
       for cls in ("StepCache", "SequenceCache")},
}
