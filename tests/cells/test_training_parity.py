"""Training parity (notebook 09, section 9): the NumPy SimpleRNN + dense layer, trained with our
backward pass, ``clip_by_global_norm`` and ``momentum_update``, and a Keras twin started from the
same weights with ``SGD(momentum=..., global_clipnorm=...)`` and fed the same batches in the same
order, have the same loss at every step.

In float64 (Keras switched with ``set_floatx`` and ``set_dtype_policy``) they agree to rounding
(1e-9 asserted; about 1e-13 seen); in Keras' default float32 to about 1e-4. The learning rate and
the momentum are exact binary fractions: Keras casts the momentum through float32 whatever the
model's precision (0.9 would part the float64 curves in the 8th digit).
"""

from __future__ import annotations

import keras
import numpy as np
import pytest

from utils.cells import rnn
from utils.data import sine
from utils.nn.clipping import clip_by_global_norm
from utils.nn.losses import mse, mse_grad
from utils.nn.mlp import dense_backward, dense_forward, init_dense
from utils.nn.optimizers import init_momentum_state, momentum_update
from utils.timeseries.windowing import make_windows

RNN_KEYS = ("kernel", "recurrent_kernel", "bias")
UNITS, WINDOW = 16, 10  # as in notebook 09


@pytest.fixture(scope="module")
def data():
    """The training windows of notebook 09's sine wave, in 30 batches (3 epochs of 10 batches),
    each epoch in a new order: the first 30 steps of the notebook's training."""
    train = sine(400, period=25, noise=0.05, seed=0).iloc[:320]  # the training part
    X, y, _ = make_windows(train, WINDOW)  # (310, 10, 1), (310, 1)
    order = np.random.default_rng(0)
    batches = [b for _ in range(3) for b in np.array_split(order.permutation(len(X)), 10)]
    return X, y, batches


@pytest.fixture
def precision():
    """``precision(dtype)`` switches Keras' floatx and dtype policy; restored after the test."""
    before = keras.config.floatx(), keras.config.dtype_policy().name

    def switch(dtype):
        keras.config.set_floatx(dtype)
        keras.config.set_dtype_policy(dtype)

    yield switch
    keras.config.set_floatx(before[0])
    keras.config.set_dtype_policy(before[1])


def init_theta(seed: int, recurrent_scale: float) -> dict:
    dense = init_dense(UNITS, 1, np.random.default_rng(seed))
    return {**rnn.init_params(1, UNITS, seed=seed, recurrent_scale=recurrent_scale),
            "dense_kernel": dense["kernel"], "dense_bias": dense["bias"]}


def loss_and_grads(theta, X, y):
    _, h_last, cache = rnn.sequence_forward(X, {k: theta[k] for k in RNN_KEYS})
    y_hat, dense_cache = dense_forward(h_last, {"kernel": theta["dense_kernel"],
                                                "bias": theta["dense_bias"]})
    dh_last, dense_grads = dense_backward(mse_grad(y, y_hat), dense_cache)
    _, _, grads = rnn.sequence_backward(None, cache, dh_last=dh_last)
    return mse(y, y_hat), {**grads, "dense_kernel": dense_grads["kernel"],
                           "dense_bias": dense_grads["bias"]}


def train_numpy(theta, data, lr, beta, max_norm):
    X, y, batches = data
    state, losses, norms = init_momentum_state(theta), [], []
    for batch in batches:
        loss, grads = loss_and_grads(theta, X[batch], y[batch])
        grads, norm = clip_by_global_norm(grads, max_norm)
        theta, state = momentum_update(theta, grads, state, lr=lr, beta=beta)
        losses.append(loss)
        norms.append(norm)
    return np.array(losses), np.array(norms)


def train_keras(theta, data, lr, beta, max_norm):
    X, y, batches = data
    model = keras.Sequential([keras.Input(shape=(WINDOW, 1)), keras.layers.SimpleRNN(UNITS),
                              keras.layers.Dense(1)])
    model.set_weights([theta[k] for k in (*RNN_KEYS, "dense_kernel", "dense_bias")])
    clip = None if max_norm == np.inf else max_norm
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=lr, momentum=beta,
                                                 global_clipnorm=clip), loss="mse")
    return np.array([model.train_on_batch(X[b], y[b]) for b in batches])


def test_float64_clipped_training_is_equal_step_for_step(data, precision):
    theta = init_theta(seed=0, recurrent_scale=1.5)
    ours, norms = train_numpy(theta, data, lr=0.25, beta=0.75, max_norm=1.0)
    assert (norms > 1.0).sum() >= 3, "clipping must act in this run, or it is not tested"
    precision("float64")
    keras_losses = train_keras(theta, data, lr=0.25, beta=0.75, max_norm=1.0)
    np.testing.assert_allclose(keras_losses, ours, rtol=1e-9)
    assert ours[-5:].mean() < ours[0]  # it trains


def test_float64_unclipped_training_is_equal_step_for_step(data, precision):
    theta = init_theta(seed=1, recurrent_scale=1.0)
    ours, norms = train_numpy(theta, data, lr=0.0625, beta=0.5, max_norm=np.inf)
    precision("float64")
    keras_losses = train_keras(theta, data, lr=0.0625, beta=0.5, max_norm=np.inf)
    np.testing.assert_allclose(keras_losses, ours, rtol=1e-9)


def test_float32_training_agrees_to_float32_precision(data, precision):
    theta = init_theta(seed=0, recurrent_scale=1.5)
    ours, _ = train_numpy(theta, data, lr=0.25, beta=0.75, max_norm=1.0)
    precision("float32")
    keras_losses = train_keras(theta, data, lr=0.25, beta=0.75, max_norm=1.0)
    gap = np.abs(keras_losses - ours) / ours
    assert gap.max() < 1e-3
    assert gap.max() > 1e-9  # float32 is not float64: the test would not see a precision mix-up
