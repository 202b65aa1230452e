"""Checkers for the exercises of notebook 04 (gradient descent): the critical learning rate of any
quadratic, and Adam's bias-corrected step.

Tolerances: relative 1e-6 on the learning rates; 1e-8 absolute, 1e-6 relative on Adam's step.
"""

from __future__ import annotations

import numpy as np

from utils.exercises.core import assert_close, assert_number, checker, require_solved
from utils.nn.optimizers import adam_update, init_adam_state

__all__ = ["check_adam_step", "check_critical_lr_formula"]


def _rotation(angle: float) -> np.ndarray:
    return np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])


def _tilted(eigenvalues, angle: float) -> np.ndarray:
    """A symmetric 2x2 curvature matrix with these eigenvalues, its valley turned by ``angle``."""
    rot = _rotation(angle)
    return rot @ np.diag(eigenvalues) @ rot.T


#: The quadratics L(theta) = 1/2 theta^T Q theta of the check: the notebook's 1-D curve and
#: valleys (axis-aligned), two tilted valleys and a 3-D bowl.
_CURVATURES = {
    "the 1-D curve of section 2": np.array([[2.0]]),
    "the valley of section 3": np.diag([1.0, 10.0]),
    "the valley of section 5": np.diag([1.0, 50.0]),
    "a valley tilted by 45 degrees": _tilted([1.0, 10.0], np.pi / 4),
    "a valley tilted by 30 degrees": _tilted([0.5, 20.0], np.pi / 6),
    "a 3-D bowl": np.array([[4.0, 1.0, 0.5], [1.0, 3.0, 0.2], [0.5, 0.2, 1.0]]),
}


@checker("Exercise 1 (the critical learning rate of a quadratic)")
def check_critical_lr_formula(critical_lr):
    """Exercise 1: ``critical_lr(Q)``, the largest learning rate with which gradient descent on
    L(theta) = 1/2 theta^T Q theta does not diverge, for a symmetric positive definite matrix
    ``Q`` (one row and one column per parameter); checked on several quadratics, axis-aligned
    and tilted."""
    for name, Q in _CURVATURES.items():
        got = assert_number(require_solved(critical_lr(Q.copy()), "critical_lr(Q)"),
                            f"critical_lr(Q) for {name}")
        eigenvalues = np.linalg.eigvalsh(Q)
        expected = 2 / eigenvalues.max()
        if np.isclose(got, expected, rtol=1e-6, atol=0):
            continue
        candidates = {
            1 / eigenvalues.max(): "that rate lands on the minimum in one step along the steepest "
                                   "direction; the edge of divergence is twice as large",
            2 / eigenvalues.min(): "the flattest direction allows that rate, but the steepest "
                                   "one diverges with it",
            2 / np.diag(Q).max(): "right for axis-aligned valleys only: in a tilted valley the "
                                  "steepest direction is not an axis, so the diagonal of Q does "
                                  "not hold the curvatures",
            4 / eigenvalues.max(): "the loss has a factor 1/2, so its gradient is Q theta (not "
                                   "2 Q theta)",
        }
        for value, hint in candidates.items():
            if np.isclose(got, value, rtol=1e-6, atol=0):
                raise AssertionError(f"{hint} (wrong for {name})")
        factor = np.abs(1 - got * eigenvalues).max()
        verdict = "diverges" if factor > 1 else "still converges, so it is not the largest rate"
        raise AssertionError(f"for {name}, lr = {got:.4g} {verdict}: one step multiplies the "
                             f"error along some direction by up to {factor:.3g} in size")
    return ("Gradient descent multiplies the error along each principal direction of Q by "
            "1 - lr * curvature; the steepest direction sets the limit.")


def _adam_reference(theta, grads, lr, beta1, beta2, eps):
    """The states (theta, m, s) after each step of utils.nn.optimizers.adam_update."""
    params, state, states = {"theta": theta}, init_adam_state({"theta": theta}), []
    for grad in grads:
        params, state = adam_update(params, {"theta": grad}, state, lr=lr, beta1=beta1,
                                    beta2=beta2, eps=eps)
        states.append((params["theta"], state["m"]["theta"], state["s"]["theta"]))
    return states


def _adam_variant(theta, grads, lr, beta1, beta2, eps, *, correct=True, shift=0,
                  square=True, keep_corrected=False):
    """A typical wrong Adam: no bias correction, the wrong step count, no square, or the
    corrected averages kept as the state."""
    m, s, states = np.zeros_like(theta), np.zeros_like(theta), []
    for t, grad in enumerate(grads, start=1):
        m = beta1 * m + (1 - beta1) * grad
        s = beta2 * s + (1 - beta2) * (grad**2 if square else grad)
        tc = t + shift
        m_hat = m / (1 - beta1**tc) if correct else m
        s_hat = s / (1 - beta2**tc) if correct else s
        theta = theta - lr * m_hat / (np.sqrt(np.abs(s_hat)) + eps)
        if keep_corrected:
            m, s = m_hat, s_hat
        states.append((theta, m, s))
    return states


@checker("Exercise 2 (Adam's bias-corrected step)")
def check_adam_step(adam_step):
    """Exercise 2: ``adam_step(theta, grad, m, s, t, lr, beta1, beta2, eps) -> (theta, m, s)``,
    one Adam step (number ``t``, 1 for the first) with its bias correction, on NumPy arrays;
    checked over several steps against ``utils.nn.optimizers.adam_update``."""
    theta0 = np.array([1.0, -2.0, 0.5])
    grads = [np.array([0.5, -4.0, 0.0]), np.array([0.4, -3.0, 1.0]), np.array([0.6, 2.0, -1.0])]
    settings = {"lr": 0.1, "beta1": 0.9, "beta2": 0.999, "eps": 1e-7}
    reference = _adam_reference(theta0, grads, **settings)
    variants = {
        "without the bias correction: after the first step m = (1 - beta1) grad is ten times too "
        "small (and s a thousand times); divide each average by the factor you derived":
            _adam_variant(theta0, grads, **settings, correct=False),
        "the correction uses t, the number of steps taken including this one (t = 1 on the "
        "first step)": _adam_variant(theta0, grads, **settings, shift=1),
        "s averages the squared gradients, grad**2": _adam_variant(theta0, grads, **settings,
                                                                   square=False),
        "return the running averages m and s, not the corrected ones: the correction is "
        "recomputed from t at every step": _adam_variant(theta0, grads, **settings,
                                                         keep_corrected=True),
    }
    theta, m, s = theta0.copy(), np.zeros(3), np.zeros(3)
    for t, grad in enumerate(grads, start=1):
        with np.errstate(divide="ignore", invalid="ignore"):
            got = require_solved(adam_step(theta.copy(), grad.copy(), m.copy(), s.copy(), t,
                                           *settings.values()), "adam_step(...)")
        if not isinstance(got, tuple) or len(got) != 3:
            raise AssertionError("return a triple (theta, m, s)")
        _adam_hints(got, reference[t - 1], variants, t)
        for value, right, name in zip(got, reference[t - 1], ("theta", "m", "s"), strict=True):
            assert_close(value, right, what=f"the new {name} after step {t}")
        theta, m, s = (np.asarray(v, dtype=float) for v in got)
    return ("Matches utils.nn.optimizers.adam_update over 3 steps: the correction makes the "
            "first steps as large as the later ones.")


def _adam_hints(got: tuple, right: tuple, variants: dict, t: int) -> None:
    """Raise the hint of a typical mistake if ``got`` (theta, m, s) matches one of ``variants``."""
    try:
        values = [np.asarray(v, dtype=float) for v in got]
    except (TypeError, ValueError):
        return  # assert_close says what the answer is instead
    if any(v.shape != r.shape for v, r in zip(values, right, strict=True)):
        return
    if not all(np.isfinite(v).all() for v in values):
        raise AssertionError(f"step {t} gives NaN or inf: a division by zero? On the first step "
                             "t = 1, so 1 - beta**t is not 0")
    for hint, states in variants.items():
        wrong = states[t - 1]
        if all(np.allclose(v, w, atol=1e-8, rtol=1e-6) for v, w in zip(values, wrong, strict=True)) \
                and not all(np.allclose(w, r) for w, r in zip(wrong, right, strict=True)):
            raise AssertionError(hint)
