"""Bad-input cases for utils.nn (see tests/sweep/__init__.py).

Every message starts with the name of the argument at fault. The element-wise activations keep
IEEE behaviour for NaN and inf (documented), so they have no nan/inf case; the losses, the
gradient check and the optimisers refuse both. Hypothesis properties of the same entry points
are in tests/nn/test_properties.py.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from tests.sweep import Case
from utils.nn import activations, clipping, gradcheck, losses, mlp, optimizers

N, D, U = 4, 3, 2  # batch, inputs, units
ELEMENTWISE = ("sigmoid", "sigmoid_derivative", "tanh", "tanh_derivative", "relu",
               "relu_derivative", "linear", "linear_derivative", "softmax")
REGRESSION = ("mse", "mse_grad")
BINARY = ("binary_cross_entropy", "binary_cross_entropy_grad")
BINARY_LOGITS = ("binary_cross_entropy_from_logits", "binary_cross_entropy_from_logits_grad")
CATEGORICAL = ("categorical_cross_entropy", "categorical_cross_entropy_grad")
CATEGORICAL_LOGITS = ("categorical_cross_entropy_from_logits",
                      "categorical_cross_entropy_from_logits_grad")
Y_CAT = np.eye(3)[[0, 2, 1, 2]]  # (4, 3) one-hot rows
P_CAT = np.full((4, 3), 1 / 3)  # (4, 3) probability rows


def _bad(value, like, at=None):
    """A copy of ``like`` holding ``value`` at ``at`` (default: the last position)."""
    arr = np.array(like, dtype=type(value))
    arr[(-1,) * arr.ndim if at is None else at] = value
    return arr


def _element_cases(name: str) -> list[Case]:
    f, target = getattr(activations, name), f"utils.nn.activations.{name}"
    return [
        Case(target, "type", lambda: f(["a", "b"]), TypeError, "z must hold numbers"),
        Case(target, "type", lambda: f(np.array([True, False])), TypeError, "z must hold numbers"),
        Case(target, "complex", lambda: f(np.array([1 + 2j])), TypeError, "z must hold real"),
        Case(target, "empty", lambda: f(np.zeros((0, 3))), ValueError, "z must hold at least 1"),
    ]


def _loss_cases(name: str) -> list[Case]:
    f, target = getattr(losses, name), f"utils.nn.losses.{name}"
    categorical = name in CATEGORICAL + CATEGORICAL_LOGITS
    pred = "logits" if name in BINARY_LOGITS + CATEGORICAL_LOGITS else "y_pred"
    y, p = (Y_CAT, P_CAT) if categorical else (np.ones((N, 1)), np.full((N, 1), 0.5))
    cases = [
        Case(target, "type", lambda: f(["a"] * N, p), TypeError, "y_true must hold numbers"),
        Case(target, "type", lambda: f(y, None), TypeError, f"{pred} must hold numbers"),
        Case(target, "shape", lambda: f(y, p[:2]), ValueError,
             f"{pred} must have the shape of y_true"),
        Case(target, "empty", lambda: f(y[:0], p[:0]), ValueError, "y_true must hold at least 1"),
        Case(target, "nan", lambda: f(_bad(np.nan, like=y), p), ValueError,
             "y_true must hold finite numbers"),
        Case(target, "nan", lambda: f(y, _bad(np.nan, like=p)), ValueError,
             f"{pred} must hold finite numbers"),
        Case(target, "inf", lambda: f(y, _bad(np.inf, like=p)), ValueError,
             f"{pred} must hold finite numbers"),
        Case(target, "inf", lambda: f(_bad(-np.inf, like=y), p), ValueError,
             "y_true must hold finite numbers"),
        Case(target, "complex", lambda: f(y, p + 0j), TypeError, f"{pred} must hold real numbers"),
        Case(target, "complex", lambda: f(y + 1j, p), TypeError, "y_true must hold real numbers"),
    ]
    if categorical:
        cases += [
            Case(target, "length1", lambda: f([1.0], [0.0]), ValueError,
                 r"y_true must have shape \(N, K\)"),
            Case(target, "range", lambda: f(Y_CAT * 2, p), ValueError,
                 "y_true must hold labels in \\[0, 1\\], got 2 in row 0"),
            Case(target, "range", lambda: f(Y_CAT * 0.5, p), ValueError,
                 "y_true must hold rows that sum to 1, got row 0"),
        ]
    if name in CATEGORICAL:
        cases += [
            Case(target, "range", lambda: f(Y_CAT, P_CAT * 1.2), ValueError,
                 "y_pred must hold rows that sum to 1, got row 0 summing to 1.2"),
            Case(target, "range", lambda: f(Y_CAT, P_CAT - [1.0, 0.0, -1.0]), ValueError,
                 "y_pred must hold probabilities in \\[0, 1\\], got -0.66.* in row 0"),
        ]
    if name in BINARY + BINARY_LOGITS:
        cases.append(Case(target, "range", lambda: f(_bad(3.0, like=y), p), ValueError,
                          "y_true must hold labels in \\[0, 1\\], got 3 in row 3"))
    if name in BINARY:
        cases.append(Case(target, "range", lambda: f(y, _bad(1.5, like=p, at=(1, 0))), ValueError,
                          "y_pred must hold probabilities in \\[0, 1\\], got 1.5 in row 1"))
    return cases


class _OtherCache(NamedTuple):  # stands for another layer's cache
    x: np.ndarray
    h: np.ndarray


_RNG = np.random.default_rng(0)
_DENSE = mlp.init_dense(D, U, _RNG)
_X = np.ones((N, D))
_Y, _CACHE = mlp.dense_forward(_X, _DENSE, "tanh")
_MLP = mlp.init_mlp([D, 5, U], _RNG)
_OUT, _CACHES = mlp.mlp_forward(_X, _MLP, ["tanh", "linear"])
_WEIGHTS = mlp.params_to_keras_weights(_MLP)


def _dense(fn, kind, call, error, names):
    return Case(f"utils.nn.mlp.{fn}", kind, call, error, names)


MLP_CASES = [
    _dense("init_dense", "type", lambda: mlp.init_dense(3.0, U, _RNG), TypeError, "n_inputs"),
    _dense("init_dense", "range", lambda: mlp.init_dense(D, 0, _RNG), ValueError, "units"),
    _dense("init_dense", "type", lambda: mlp.init_dense(D, U, 42), TypeError, "rng"),
    _dense("init_mlp", "type", lambda: mlp.init_mlp(3, _RNG), TypeError, "sizes"),
    _dense("init_mlp", "length1", lambda: mlp.init_mlp([3], _RNG), ValueError, "sizes"),
    _dense("init_mlp", "range", lambda: mlp.init_mlp([3, -1], _RNG), ValueError, r"sizes\[1\]"),
    _dense("init_mlp", "type", lambda: mlp.init_mlp([3, 2.5], _RNG), TypeError, r"sizes\[1\]"),
    _dense("init_mlp", "type", lambda: mlp.init_mlp([3, 2], None), TypeError, "rng"),
    _dense("dense_forward", "shape", lambda: mlp.dense_forward(np.ones((N, 5)), _DENSE),
           ValueError, "x must have shape"),
    _dense("dense_forward", "empty", lambda: mlp.dense_forward(np.ones((0, D)), _DENSE),
           ValueError, "x must hold at least 1"),
    _dense("dense_forward", "nan", lambda: mlp.dense_forward(_bad(np.nan, like=_X), _DENSE),
           ValueError, "x must hold finite"),
    _dense("dense_forward", "inf", lambda: mlp.dense_forward(_bad(np.inf, like=_X), _DENSE),
           ValueError, "x must hold finite"),
    _dense("dense_forward", "complex", lambda: mlp.dense_forward(_X + 1j, _DENSE), TypeError,
           "x must hold real"),
    _dense("dense_forward", "choice", lambda: mlp.dense_forward(_X, _DENSE, "swish"), ValueError,
           "activation must be one of"),
    _dense("dense_forward", "missing", lambda: mlp.dense_forward(_X, {"kernel": _DENSE["kernel"]}),
           ValueError, "params must hold 'kernel'"),
    _dense("dense_forward", "type", lambda: mlp.dense_forward(_X, [_DENSE["kernel"]]), TypeError,
           "params must be a dict"),
    _dense("dense_forward", "nan", lambda: mlp.dense_forward(
        _X, {**_DENSE, "kernel": _bad(np.nan, like=_DENSE["kernel"])}), ValueError,
        r"params\['kernel'\] must hold finite"),
    _dense("dense_backward", "wrong_cache", lambda: mlp.dense_backward(_Y, (_Y, _CACHE)),
           TypeError, "cache must be the DenseCache"),
    _dense("dense_backward", "wrong_cache", lambda: mlp.dense_backward(_Y, None), TypeError,
           "cache must be the DenseCache"),
    _dense("dense_backward", "wrong_cache", lambda: mlp.dense_backward(_Y, tuple(_CACHE)),
           TypeError, "cache must be the DenseCache"),
    _dense("dense_backward", "wrong_cache", lambda: mlp.dense_backward(_Y, _OtherCache(_X, _Y)),
           TypeError, "cache must be the DenseCache"),
    _dense("dense_backward", "wrong_cache", lambda: mlp.dense_backward(_OUT, _CACHES), TypeError,
           "cache must be the DenseCache"),
    _dense("dense_backward", "shape", lambda: mlp.dense_backward(_Y.T, _CACHE), ValueError,
           "dy must have shape"),
    _dense("dense_backward", "nan", lambda: mlp.dense_backward(_bad(np.nan, like=_Y), _CACHE),
           ValueError, "dy must hold finite"),
    _dense("mlp_forward", "type", lambda: mlp.mlp_forward(_X, _MLP, "tanh"), TypeError,
           "activations must be a list"),
    _dense("mlp_forward", "empty", lambda: mlp.mlp_forward(_X, _MLP, []), ValueError,
           "activations must name at least one layer"),
    _dense("mlp_forward", "choice", lambda: mlp.mlp_forward(_X, _MLP, ["tanh", "swish"]),
           ValueError, r"activations\[1\] must be one of"),
    _dense("mlp_forward", "missing", lambda: mlp.mlp_forward(
        _X, {k: v for k, v in _MLP.items() if k != "bias_2"}, ["tanh", "linear"]), ValueError,
        "params must hold exactly"),
    _dense("mlp_forward", "shape", lambda: mlp.mlp_forward(
        _X, {**_MLP, "kernel_2": np.ones((4, U))}, ["tanh", "linear"]), ValueError,
        r"params\['kernel_2'\] must have shape"),
    _dense("mlp_forward", "shape", lambda: mlp.mlp_forward(_X[:, :2], _MLP, ["tanh", "linear"]),
           ValueError, "x must have shape"),
    _dense("mlp_forward", "nan", lambda: mlp.mlp_forward(
        _bad(np.nan, like=_X), _MLP, ["tanh", "linear"]), ValueError, "x must hold finite"),
    _dense("mlp_forward", "type", lambda: mlp.mlp_forward(
        _X, list(_MLP.values()), ["tanh", "linear"]), TypeError, "params must be a dict"),
    _dense("mlp_backward", "empty", lambda: mlp.mlp_backward(_OUT, []), ValueError,
           "caches must hold one DenseCache per layer"),
    _dense("mlp_backward", "wrong_cache", lambda: mlp.mlp_backward(_OUT, (_OUT, _CACHES)),
           TypeError, r"caches\[0\] must be the DenseCache"),
    _dense("mlp_backward", "wrong_cache", lambda: mlp.mlp_backward(_OUT, None), TypeError,
           "caches must be the list"),
    _dense("mlp_backward", "wrong_cache", lambda: mlp.mlp_backward(_OUT, _CACHES[0]), TypeError,
           "caches must be the list"),
    _dense("mlp_backward", "wrong_cache", lambda: mlp.mlp_backward(_OUT, [_OtherCache(_X, _X)]),
           TypeError, r"caches\[0\] must be the DenseCache"),
    _dense("mlp_backward", "wrong_cache", lambda: mlp.mlp_backward(_OUT, _CACHES[::-1]),
           ValueError, r"caches\[1\] must follow caches\[0\]"),
    _dense("mlp_backward", "shape", lambda: mlp.mlp_backward(_OUT.T, _CACHES), ValueError,
           "dy must have shape"),
    _dense("mlp_backward", "inf", lambda: mlp.mlp_backward(_bad(np.inf, like=_OUT), _CACHES),
           ValueError, "dy must hold finite"),
    _dense("params_from_keras_weights", "type", lambda: mlp.params_from_keras_weights("model"),
           TypeError, "weights must be the list"),
    _dense("params_from_keras_weights", "length1", lambda: mlp.params_from_keras_weights(
        _WEIGHTS[:1]), ValueError, "weights must alternate"),
    _dense("params_from_keras_weights", "empty", lambda: mlp.params_from_keras_weights([]),
           ValueError, "weights must alternate"),
    _dense("params_from_keras_weights", "shape", lambda: mlp.params_from_keras_weights(
        _WEIGHTS[:1] + _WEIGHTS[3:]), ValueError, r"weights\[1\] must have shape"),
    _dense("params_from_keras_weights", "nan", lambda: mlp.params_from_keras_weights(
        [_bad(np.nan, like=_WEIGHTS[0]), *_WEIGHTS[1:]]), ValueError,
        r"weights\[0\] must hold finite"),
    _dense("params_to_keras_weights", "type", lambda: mlp.params_to_keras_weights(_WEIGHTS),
           TypeError, "params must be a dict"),
    _dense("params_to_keras_weights", "empty", lambda: mlp.params_to_keras_weights({}),
           ValueError, "params must hold exactly"),
    _dense("params_to_keras_weights", "missing", lambda: mlp.params_to_keras_weights(
        {k: v for k, v in _MLP.items() if k != "kernel_2"}), ValueError, "params must hold"),
    _dense("params_to_keras_weights", "inf", lambda: mlp.params_to_keras_weights(
        {**_MLP, "bias_1": _bad(np.inf, like=_MLP["bias_1"])}), ValueError,
        r"params\['bias_1'\] must hold finite"),
]

_P, _G = {"w": np.array([1.0, -2.0])}, {"w": np.array([0.5, 4.0])}
_MOMENTUM, _ADAM = optimizers.init_momentum_state(_P), optimizers.init_adam_state(_P)


def _opt(fn, kind, call, error, names):
    return Case(f"utils.nn.optimizers.{fn}", kind, call, error, names)


def _update_cases(fn: str) -> list[Case]:
    update = getattr(optimizers, fn)
    state = {"sgd_update": (), "momentum_update": (_MOMENTUM,), "adam_update": (_ADAM,)}[fn]
    return [
        _opt(fn, "type", lambda: update([1.0], _G, *state), TypeError, "params must be a dict"),
        _opt(fn, "empty", lambda: update({}, {}, *state), ValueError, "params must hold at least"),
        _opt(fn, "missing", lambda: update(_P, {"v": _G["w"]}, *state), ValueError,
             "grads must have the keys of params"),
        _opt(fn, "shape", lambda: update(_P, {"w": np.zeros(3)}, *state), ValueError,
             r"grads\['w'\] must have shape"),
        _opt(fn, "nan", lambda: update(_P, {"w": _bad(np.nan, like=_G["w"])}, *state), ValueError,
             r"grads\['w'\] must hold finite"),
        _opt(fn, "inf", lambda: update({"w": _bad(np.inf, like=_P["w"])}, _G, *state), ValueError,
             r"params\['w'\] must hold finite"),
        _opt(fn, "complex", lambda: update(_P, {"w": _G["w"] + 1j}, *state), TypeError,
             r"grads\['w'\] must hold real"),
        _opt(fn, "range", lambda: update(_P, _G, *state, lr=0.0), ValueError,
             "lr must be a number > 0"),
        _opt(fn, "inf", lambda: update(_P, _G, *state, lr=np.inf), ValueError,
             "lr must be a finite"),
        _opt(fn, "nan", lambda: update(_P, _G, *state, lr=np.nan), ValueError,
             "lr must be a finite"),
        _opt(fn, "type", lambda: update(_P, _G, *state, lr="fast"), TypeError, "lr must be a real"),
    ]


OPTIMIZER_CASES = [
    *(c for fn in ("sgd_update", "momentum_update", "adam_update") for c in _update_cases(fn)),
    _opt("momentum_update", "wrong_state", lambda: optimizers.momentum_update(_P, _G, {}),
         ValueError, r"state must hold the keys \['v'\]"),
    _opt("momentum_update", "wrong_state", lambda: optimizers.momentum_update(_P, _G, _ADAM),
         ValueError, r"state must hold the keys \['v'\]"),
    _opt("momentum_update", "wrong_state", lambda: optimizers.momentum_update(
        _P, _G, {"v": {"w": np.zeros(3)}}), ValueError, r"state\['v'\]\['w'\] must have shape"),
    _opt("momentum_update", "wrong_state", lambda: optimizers.momentum_update(_P, _G, None),
         TypeError, "state must be the dict made by init_momentum_state"),
    _opt("momentum_update", "range", lambda: optimizers.momentum_update(
        _P, _G, _MOMENTUM, beta=1.0), ValueError, "beta must be a number in"),
    _opt("adam_update", "wrong_state", lambda: optimizers.adam_update(_P, _G, _MOMENTUM),
         ValueError, r"state must hold the keys \['m', 's', 't'\]"),
    _opt("adam_update", "wrong_state", lambda: optimizers.adam_update(_P, _G, {**_ADAM, "t": -1}),
         ValueError, r"state\['t'\] must be a non-negative int"),
    _opt("adam_update", "wrong_state", lambda: optimizers.adam_update(
        _P, _G, {**_ADAM, "s": {"w": np.array([-1.0, 0.0])}}), ValueError, r"state\['s'\]\['w'\]"),
    _opt("adam_update", "wrong_state", lambda: optimizers.adam_update(
        _P, _G, {**_ADAM, "m": {"x": np.zeros(2)}}), ValueError,
        r"state\['m'\] must have the keys"),
    _opt("adam_update", "range", lambda: optimizers.adam_update(_P, _G, _ADAM, beta2=1.5),
         ValueError, "beta2 must be a number in"),
    _opt("adam_update", "range", lambda: optimizers.adam_update(_P, _G, _ADAM, eps=0.0),
         ValueError, "eps must be a number > 0"),
    *(c for fn in ("init_momentum_state", "init_adam_state") for c in (
        _opt(fn, "type", lambda fn=fn: getattr(optimizers, fn)([1.0]), TypeError,
             "params must be a dict"),
        _opt(fn, "empty", lambda fn=fn: getattr(optimizers, fn)({}), ValueError,
             "params must hold at least"),
        _opt(fn, "nan", lambda fn=fn: getattr(optimizers, fn)({"w": [np.nan]}), ValueError,
             r"params\['w'\] must hold finite"),
        _opt(fn, "complex", lambda fn=fn: getattr(optimizers, fn)({"w": [1j]}), TypeError,
             r"params\['w'\] must hold real"),
    )),
    _opt("run_optimizer", "type", lambda: optimizers.run_optimizer("grad", 1.0), TypeError,
         "grad_fn must be a function"),
    _opt("run_optimizer", "choice", lambda: optimizers.run_optimizer(lambda t: t, 1.0, "rmsprop"),
         ValueError, "method must be one of"),
    _opt("run_optimizer", "choice", lambda: optimizers.run_optimizer(lambda t: t, 1.0, "sgd",
                                                                     beta=0.9),
         ValueError, "method 'sgd' takes no settings"),
    _opt("run_optimizer", "range", lambda: optimizers.run_optimizer(lambda t: t, 1.0, n_steps=0),
         ValueError, "n_steps must be a positive int"),
    _opt("run_optimizer", "type", lambda: optimizers.run_optimizer(lambda t: t, 1.0, n_steps=5.0),
         TypeError, "n_steps must be a positive int"),
    _opt("run_optimizer", "inf", lambda: optimizers.run_optimizer(lambda t: t, 1.0, lr=np.inf),
         ValueError, "lr must be a finite"),
    _opt("run_optimizer", "nan", lambda: optimizers.run_optimizer(lambda t: t, [np.nan]),
         ValueError, "start must hold finite"),
    _opt("run_optimizer", "shape", lambda: optimizers.run_optimizer(lambda t: t, np.ones((2, 2))),
         ValueError, "start must have 0 or 1 axes"),
    _opt("run_optimizer", "empty", lambda: optimizers.run_optimizer(lambda t: t, []),
         ValueError, "start must hold at least 1"),
    _opt("run_optimizer", "complex", lambda: optimizers.run_optimizer(lambda t: t, [1j]),
         TypeError, "start must hold real"),
    _opt("run_optimizer", "nan", lambda: optimizers.run_optimizer(lambda t: t * np.nan, [1.0]),
         ValueError, r"grad_fn\(theta\) at step 1 must hold finite"),
    _opt("run_optimizer", "shape", lambda: optimizers.run_optimizer(
        lambda t: np.ones(3), [1.0, 2.0]), ValueError,
        r"grad_fn\(theta\) at step 1 must have the shape of start"),
    _opt("run_optimizer", "range", lambda: optimizers.run_optimizer(lambda t: t, 1.0, "momentum",
                                                                    beta=-0.1),
         ValueError, "beta must be a number in"),
]


def _grad(fn, kind, call, error, names):
    return Case(f"utils.nn.gradcheck.{fn}", kind, call, error, names)


_W = {"w": np.array([1.0, -2.0])}
_LOSS = lambda p: float(np.sum(p["w"] ** 2))  # noqa: E731 - a one-line loss for the cases

GRADCHECK_CASES = [
    _grad("numerical_gradient", "type", lambda: gradcheck.numerical_gradient(3.0, [1.0]),
          TypeError, "f must be a function"),
    _grad("numerical_gradient", "nan", lambda: gradcheck.numerical_gradient(np.sum, [np.nan]),
          ValueError, "x must hold finite"),
    _grad("numerical_gradient", "inf", lambda: gradcheck.numerical_gradient(np.sum, [np.inf]),
          ValueError, "x must hold finite"),
    _grad("numerical_gradient", "complex", lambda: gradcheck.numerical_gradient(np.sum, [1j]),
          TypeError, "x must hold real"),
    _grad("numerical_gradient", "empty", lambda: gradcheck.numerical_gradient(np.sum, []),
          ValueError, "x must hold at least 1"),
    _grad("numerical_gradient", "range", lambda: gradcheck.numerical_gradient(np.sum, [1.0], h=0),
          ValueError, "h must be a number > 0"),
    _grad("numerical_gradient", "nan", lambda: gradcheck.numerical_gradient(
        lambda v: np.nan, [1.0]), ValueError, "f must return a finite number"),
    _grad("numerical_gradient", "shape", lambda: gradcheck.numerical_gradient(
        lambda v: v, [1.0, 2.0]), TypeError, "f must return one real number"),
    _grad("relative_error", "nan", lambda: gradcheck.relative_error([np.nan], [1.0]), ValueError,
          "a must hold finite"),
    _grad("relative_error", "inf", lambda: gradcheck.relative_error([1.0], [np.inf]), ValueError,
          "b must hold finite"),
    _grad("relative_error", "shape", lambda: gradcheck.relative_error([1.0, 2.0], [1.0]),
          ValueError, "b must have the shape of a"),
    _grad("relative_error", "complex", lambda: gradcheck.relative_error([1j], [1.0]), TypeError,
          "a must hold real"),
    _grad("relative_error", "empty", lambda: gradcheck.relative_error([], []), ValueError,
          "a must hold at least 1"),
    _grad("relative_error", "type", lambda: gradcheck.relative_error("a", [1.0]), TypeError,
          "a must hold numbers"),
    _grad("check_gradients", "type", lambda: gradcheck.check_gradients("loss", _W, _W), TypeError,
          "loss_fn must be a function"),
    _grad("check_gradients", "type", lambda: gradcheck.check_gradients(_LOSS, [1.0], _W), TypeError,
          "params must be a dict"),
    _grad("check_gradients", "empty", lambda: gradcheck.check_gradients(_LOSS, {}, {}), ValueError,
          "params must hold at least one array"),
    _grad("check_gradients", "missing", lambda: gradcheck.check_gradients(_LOSS, _W, {}),
          ValueError, "grads must have the keys of params"),
    _grad("check_gradients", "shape", lambda: gradcheck.check_gradients(
        _LOSS, _W, {"w": np.zeros(3)}), ValueError, r"grads\['w'\] must have the shape"),
    _grad("check_gradients", "nan", lambda: gradcheck.check_gradients(
        _LOSS, _W, {"w": np.array([np.nan, 1.0])}), ValueError, r"grads\['w'\] must hold finite"),
    _grad("check_gradients", "inf", lambda: gradcheck.check_gradients(
        _LOSS, {"w": np.array([np.inf, 1.0])}, _W), ValueError, r"params\['w'\] must hold finite"),
    _grad("check_gradients", "nan", lambda: gradcheck.check_gradients(lambda p: np.nan, _W, _W),
          ValueError, "loss_fn must return a finite number"),
    _grad("check_gradients", "range", lambda: gradcheck.check_gradients(_LOSS, _W, _W, h=-1e-6),
          ValueError, "h must be a number > 0"),
]

def _clip(kind, call, error, names):
    return Case("utils.nn.clipping.clip_by_global_norm", kind, call, error, names)


CLIPPING_CASES = [
    _clip("type", lambda: clipping.clip_by_global_norm([1.0], 1.0), TypeError, "grads must be a dict"),
    _clip("empty", lambda: clipping.clip_by_global_norm({}, 1.0), ValueError, "grads must hold at least"),
    _clip("nan", lambda: clipping.clip_by_global_norm({"w": [np.nan]}, 1.0), ValueError,
          r"grads\['w'\] must hold finite"),
    _clip("inf", lambda: clipping.clip_by_global_norm({"w": [np.inf]}, 1.0), ValueError,
          r"grads\['w'\] must hold finite"),
    _clip("complex", lambda: clipping.clip_by_global_norm({"w": [1j]}, 1.0), TypeError,
          r"grads\['w'\] must hold real"),
    _clip("range", lambda: clipping.clip_by_global_norm(_G, 0.0), ValueError,
          "max_norm must be a number > 0"),
    _clip("nan", lambda: clipping.clip_by_global_norm(_G, np.nan), ValueError,
          "max_norm must be a number > 0"),
    _clip("type", lambda: clipping.clip_by_global_norm(_G, "1"), TypeError,
          "max_norm must be a real number"),
]

ACTIVATION_CASES = [
    *(c for name in ELEMENTWISE for c in _element_cases(name)),
    Case("utils.nn.activations.softmax", "shape", lambda: activations.softmax(1.0), ValueError,
         r"z must have shape \(\.\.\., K\)"),
    Case("utils.nn.activations.get_activation", "choice",
         lambda: activations.get_activation("swish"), ValueError, "activation must be one of"),
    Case("utils.nn.activations.get_activation", "type", lambda: activations.get_activation(None),
         ValueError, "activation must be one of"),
]

CASES: list[Case] = [
    Case(c.target, c.kind, c.call, c.error, c.names if c.names.startswith("^") else "^" + c.names)
    for c in (*ACTIVATION_CASES,
              *(c for name in REGRESSION + BINARY + BINARY_LOGITS + CATEGORICAL + CATEGORICAL_LOGITS
                for c in _loss_cases(name)),
              *MLP_CASES, *OPTIMIZER_CASES, *GRADCHECK_CASES, *CLIPPING_CASES)
]

#: Public names with no argument a learner could get wrong, and why.
NO_BAD_INPUT: dict[str, str] = {
    "utils.nn.mlp.DenseCache": "a NamedTuple dense_forward builds and dense_backward checks",
}
