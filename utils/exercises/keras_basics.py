"""Checkers for the exercises of notebook 06 (Keras fundamentals): parameter count, a small model.

Keras is imported only inside the checkers that need it.
"""

from __future__ import annotations

from utils.exercises.core import assert_number, checker

__all__ = ["check_model", "check_param_count"]


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


@checker("Exercise 2 (a small Keras classifier)")
def check_model(model):
    """Exercise 2: ``model``, the small Keras classifier the exercise describes, compiled (its
    layers, sizes, activations, dropout rate, optimiser and loss are inspected)."""
    import keras

    if not isinstance(model, keras.Model):
        raise AssertionError(f"model must be a keras model, got {type(model).__name__}")
    kinds = [type(layer).__name__ for layer in model.layers]
    if kinds != ["Dense", "Dropout", "Dense"]:
        raise AssertionError(f"the layers are {kinds}, expected ['Dense', 'Dropout', 'Dense']")
    dense1, dropout, dense2 = model.layers
    if tuple(model.inputs[0].shape[1:]) != (2,):
        raise AssertionError(f"the input shape is {tuple(model.inputs[0].shape[1:])}, "
                             "expected (2,)")
    for layer, units, act in ((dense1, 16, "relu"), (dense2, 1, "sigmoid")):
        if layer.units != units or layer.activation.__name__ != act:
            raise AssertionError(f"{layer.name} has {layer.units} units and activation "
                                 f"{layer.activation.__name__}; expected {units} and {act}")
    if abs(dropout.rate - 0.2) > 1e-12:
        raise AssertionError(f"the dropout rate is {dropout.rate}, expected 0.2")
    if not model.compiled:
        raise AssertionError("the model is not compiled yet: call model.compile(...)")
    if type(model.optimizer).__name__ != "Adam":
        raise AssertionError(f"the optimizer is {type(model.optimizer).__name__}, expected Adam")
    loss = model.loss if isinstance(model.loss, str) else getattr(model.loss, "name",
                                                                  str(model.loss))
    if loss not in ("binary_crossentropy", "BinaryCrossentropy"):
        raise AssertionError(f"the loss is {loss!r}, expected 'binary_crossentropy'")
    return f"{model.count_params()} parameters, compiled with Adam and binary cross-entropy."
