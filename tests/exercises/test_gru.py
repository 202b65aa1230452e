"""Tests of the checkers of notebook 11 (utils.exercises.gru): right answers pass, stubs say "not
solved yet", every hint shows for the wrong answer it is written for, and strict mode raises."""


import numpy as np
import pytest

from tests.exercises.protocol import assert_explained, assert_not_solved, assert_passes
from utils.exercises import gru


def stub(*args):
    raise NotImplementedError


def stack(p, signs=(-1, 1, 1), order="zrh", bias_sign=None):
    """Chung et al.'s weights stacked Keras' way; signs per gate (z, r, h)."""
    parts = {"z": ("W_z", "U_z", "b_z"), "r": ("W_r", "U_r", "b_r"), "h": ("W", "U", "b")}
    sign = dict(zip("zrh", signs, strict=True))
    zb = sign["z"] if bias_sign is None else bias_sign
    return {
        "kernel": np.concatenate([sign[g] * p[parts[g][0]].T for g in order], axis=1),
        "recurrent_kernel": np.concatenate([sign[g] * p[parts[g][1]].T for g in order], axis=1),
        "bias": np.concatenate([(zb if g == "z" else sign[g]) * p[parts[g][2]] for g in order]),
    }


def chung_right(p):
    return stack(p)


def backward_right(dh, z, hh, h_prev):
    return dh * (h_prev - hh) * z * (1 - z), dh * (1 - z)


RIGHT = {
    gru.check_chung_to_keras: chung_right,
    gru.check_update_gate_backward: backward_right,
}

#: (checker, a typical wrong answer, the hint it must get)
WRONG = [
    (gru.check_chung_to_keras, lambda p: [1, 2], "return a dict with Keras' keys"),
    (gru.check_chung_to_keras, lambda p: {**stack(p), "bias": "b"}, "must hold real numbers"),
    (gru.check_chung_to_keras, lambda p: stack(p, signs=(1, 1, 1)), "Keras' z must equal"),
    (gru.check_chung_to_keras, lambda p: stack(p, signs=(-1, -1, -1)),
     "only the update gate changes meaning"),
    (gru.check_chung_to_keras, lambda p: stack(p, bias_sign=1),
     "bias is part of its pre-activation"),
    (gru.check_chung_to_keras, lambda p: stack(p, signs=(1, 1, 1), bias_sign=-1),
     "kernel and recurrent kernel are part of its pre-activation"),
    (gru.check_chung_to_keras, lambda p: stack(p, order="rzh"), "in the order z, r, h"),
    (gru.check_chung_to_keras, lambda p: stack(p, signs=(1, 1, 1), order="rzh"),
     "in the order z, r, h"),
    (gru.check_chung_to_keras,
     lambda p: {k: np.concatenate([1 - v[..., :3], v[..., 3:]], axis=-1)
                for k, v in stack(p, signs=(1, 1, 1)).items()},
     "1 - sigmoid(u) is not sigmoid(1 - u)"),
    (gru.check_chung_to_keras, lambda p: {**stack(p), "kernel": stack(p)["kernel"].T},
     "transpose each block"),
    (gru.check_chung_to_keras,
     lambda p: {**stack(p), "kernel": stack(p)["recurrent_kernel"]},
     "kernel holds the weights that multiply the input"),
    (gru.check_chung_to_keras,
     lambda p: {**stack(p), "recurrent_kernel": stack(p)["kernel"]},
     "recurrent_kernel holds the weights that multiply"),
    (gru.check_chung_to_keras, lambda p: {**stack(p), "bias": np.stack([stack(p)["bias"]] * 2)},
     "one bias row of 3H"),
    (gru.check_chung_to_keras, lambda p: {**stack(p), "bias": 2 * stack(p)["bias"]},
     "h_t of your weights in Keras' GRU"),
    (gru.check_update_gate_backward, lambda dh, z, hh, h: backward_right(dh, z, hh, h)[0],
     "return a pair"),
    (gru.check_update_gate_backward,
     lambda dh, z, hh, h: (dh * (hh - h) * z * (1 - z), dh * z), "Chung et al.'s convention"),
    (gru.check_update_gate_backward,
     lambda dh, z, hh, h: (backward_right(dh, z, hh, h)[0], dh * z), "Chung et al.'s convention"),
    (gru.check_update_gate_backward,
     lambda dh, z, hh, h: (dh * (h - hh), dh * (1 - z)), "chain through the sigmoid"),
    (gru.check_update_gate_backward,
     lambda dh, z, hh, h: (dh * h * z * (1 - z), dh * (1 - z)), "z appears in both terms"),
    (gru.check_update_gate_backward,
     lambda dh, z, hh, h: (backward_right(dh, z, hh, h)[0], dh), "dhh (compared with finite"),
]


@pytest.mark.parametrize("checker", list(RIGHT), ids=lambda c: c.__name__)
def test_right_answers_pass_and_stubs_are_not_solved_yet(checker, capsys):
    assert_passes(checker, (RIGHT[checker],), capsys)
    for answer in (stub, ...):
        assert_not_solved(checker, (answer,), capsys)


@pytest.mark.parametrize(("checker", "wrong", "hint"), WRONG,
                         ids=[f"{c.__name__}-{h}" for c, _, h in WRONG])
def test_each_hint_shows_for_its_wrong_answer(checker, wrong, hint, capsys):
    assert_explained(checker, (wrong,), hint, capsys)


def test_the_converted_weights_run_in_a_keras_gru_like_chung_et_al_s_step():
    """The checker's reference step and conversion against a real keras.layers.GRU."""
    import keras

    rng = np.random.default_rng(3)
    d, h, t = 2, 3, 4
    p = {name: rng.normal(size={"W": (h, d), "U": (h, h), "b": (h,)}[name[0]])
         for name in ("W_z", "U_z", "b_z", "W_r", "U_r", "b_r", "W", "U", "b")}
    x = rng.normal(size=(5, t, d)).astype("float32")
    layer = keras.layers.GRU(h, reset_after=False, return_sequences=True)
    layer.build((None, t, d))
    params = chung_right(p)
    layer.set_weights([params[k].astype("float32") for k in ("kernel", "recurrent_kernel", "bias")])
    state, states = np.zeros((5, h)), []
    for step in range(t):
        state = gru._chung_step(x[:, step].astype(float), state, p)
        states.append(state)
    np.testing.assert_allclose(layer(x).numpy(), np.stack(states, axis=1), atol=1e-5)


def test_docstrings_do_not_give_the_answers_away():
    for checker in RIGHT:
        doc = checker.__doc__
        assert "h_prev - hh" not in doc and "-p[" not in doc and "negat" not in doc, \
            checker.__name__
        assert "(1 - z)" not in doc and "1 - z" not in doc, checker.__name__
