"""Checkers for the exercises of notebook 06 (Keras fundamentals): parameter count, a classifier
that outputs logits.

Keras is imported only inside the checkers that need it.
"""

from __future__ import annotations

import numpy as np

from utils.exercises.core import assert_close, assert_number, checker, require_solved
from utils.nn.activations import sigmoid

__all__ = ["check_logit_model", "check_param_count"]


@checker("Exercise 1 (counting parameters)")
def check_param_count(n_params):
    """Exercise 1: ``n_params``, the number of trainable parameters of the network
    5 inputs -> Dense(16) -> Dense(8) -> Dense(1)."""
    value = assert_number(n_params, "n_params")
    if value == 5 * 16 + 16 * 8 + 8 * 1:
        raise AssertionError("you counted the weights only: each unit also has a bias")
    if value != (5 * 16 + 16) + (16 * 8 + 8) + (8 * 1 + 1):
        raise AssertionError(f"{n_params} is not it; a Dense layer with D inputs and U units has "
                             "D * U + U parameters (exact count expected)")
    return "(5·16 + 16) + (16·8 + 8) + (8·1 + 1) = 241."


@checker("Exercise 2 (a classifier that outputs logits)")
def check_logit_model(model, predict_proba):
    """Exercise 2: ``model``, a compiled Keras classifier of 2 features whose output is the
    logit of class 1 (the layers and the loss the exercise names), and ``predict_proba(model, X)``,
    the probabilities of class 1 (N, 1) computed from it."""
    import keras

    require_solved(predict_proba, "predict_proba")
    if not isinstance(model, keras.Model):
        raise AssertionError(f"model must be a keras model, got {type(model).__name__}")
    if tuple(model.inputs[0].shape[1:]) != (2,):
        raise AssertionError(f"the input shape is {tuple(model.inputs[0].shape[1:])}, "
                             "expected (2,)")
    dense = [layer for layer in model.layers if isinstance(layer, keras.layers.Dense)]
    if [layer.units for layer in dense] != [16, 1]:
        raise AssertionError(f"the Dense layers have {[layer.units for layer in dense]} units, "
                             "expected [16, 1]")
    if dense[0].activation.__name__ != "relu":
        raise AssertionError(f"the hidden layer's activation is {dense[0].activation.__name__}, "
                             "expected relu")
    squashed = dense[1].activation.__name__ != "linear" or not isinstance(
        model.layers[-1], keras.layers.Dense)
    if not model.compiled:
        raise AssertionError("the model is not compiled yet: call model.compile(...)")
    if type(model.optimizer).__name__ != "Adam":
        raise AssertionError(f"the optimizer is {type(model.optimizer).__name__}, expected Adam")
    from_logits = _loss_from_logits(model.loss)
    if squashed and from_logits:
        raise AssertionError("the output layer applies an activation and the loss applies a "
                             "sigmoid again (from_logits=True): keep the last layer linear")
    if squashed:
        raise AssertionError("the output is a probability, not a logit: the last layer must stay "
                             "linear (and the loss take logits)")
    if from_logits is None:
        raise AssertionError(f"the loss is {model.loss!r}, expected the binary cross-entropy")
    if not from_logits:
        raise AssertionError("the loss reads the outputs as probabilities, but a linear layer "
                             "outputs any real number: use the loss's from-logits form")
    return _check_probabilities(model, predict_proba)


def _loss_from_logits(loss):
    """True/False: a binary cross-entropy taking logits or probabilities; None: another loss."""
    import keras

    if isinstance(loss, str):
        return False if loss in ("binary_crossentropy", "BinaryCrossentropy") else None
    if isinstance(loss, keras.losses.BinaryCrossentropy):
        return bool(loss.get_config().get("from_logits", False))
    return None


def _check_probabilities(model, predict_proba) -> str:
    """``predict_proba(model, X)`` must be the sigmoid of the model's logits, shape (N, 1)."""
    X = np.array([[1.0, 1.0], [-1.0, 1.0], [0.5, -2.0], [0.0, 0.0]], dtype="float32")
    logits = np.asarray(model.predict(X, verbose=0), dtype=float)
    got = predict_proba(model, X.copy())
    try:
        values = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        values = None
    if values is not None and values.shape == logits.shape:
        if np.allclose(values, logits, atol=1e-6):
            raise AssertionError("predict_proba returns the logits themselves: turn them into "
                                 "probabilities with the sigmoid")
        if np.isin(values, (0.0, 1.0)).all():
            raise AssertionError("predict_proba returns classes (0 or 1); the exercise asks for "
                                 "the probabilities")
    assert_close(got, sigmoid(logits), what="predict_proba(model, X)", atol=1e-6, rtol=1e-5)
    return (f"{model.count_params()} parameters; the loss takes the logits, and the probabilities "
            "are their sigmoid.")
