"""The bad-input sweep: a table of (public function, bad input) pairs, one module per part of utils.

Each module of this package (``nn``, ``cells``, ``timeseries``, ``forecasting``, ``data``,
``course``) defines ``CASES``, a list of :class:`Case`. ``tests/test_bad_input.py`` runs every case
and checks that it raises the expected exception with a message that names the argument, and that
every public function and method of ``utils`` has at least one case (or a reason in
``NO_BAD_INPUT`` why it has none).

    Case("utils.timeseries.metrics.mase", "nan", lambda: mase([1.0], [1.0], [1.0, np.nan]),
         ValueError, "y_train")

The input classes (``kind``) are the ones of the sweep: ``type`` (a wrong kind of value),
``shape``, ``empty``, ``length1``, ``nan``, ``inf``, ``complex``, ``range`` (a number out of its
range), ``unsorted`` and ``duplicated`` (dates), ``wrong_cache``, ``wrong_state``, ``choice`` (not
one of the allowed names), ``missing`` (a required column or key), ``file`` (a bad file).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

KINDS = frozenset({
    "type", "shape", "empty", "length1", "nan", "inf", "complex", "range", "unsorted",
    "duplicated", "wrong_cache", "wrong_state", "choice", "missing", "file",
})


@dataclass(frozen=True)
class Case:
    """One bad call: ``call()`` must raise ``error`` with a message matching ``names`` (a regex)."""

    target: str  #: the public name, e.g. "utils.timeseries.scaling.StandardScaler.transform"
    kind: str  #: one of KINDS
    call: Callable[[], Any]
    error: type[Exception]
    names: str  #: a regex the message must match: the argument's name, at least

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {sorted(KINDS)}, got {self.kind!r}")
        if self.error not in (ValueError, TypeError):
            raise ValueError(f"error must be ValueError or TypeError, got {self.error!r}")

    @property
    def id(self) -> str:
        return f"{self.target.removeprefix('utils.')}[{self.kind}]"
