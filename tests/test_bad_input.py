"""The bad-input sweep of the whole public API of ``utils`` (see ``tests/sweep/__init__.py``).

1. Every case of the sweep raises the exception it names, with a message that names the argument.
2. Every public function, class and public method of ``utils`` has at least one case, or is
   listed in ``NO_BAD_INPUT`` with the reason it has none: a new function cannot skip the sweep.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from collections import Counter

import pytest

import utils
from tests.sweep import Case, cells, course, data, forecasting, nn, timeseries

CASES: list[Case] = [
    *nn.CASES, *cells.CASES, *timeseries.CASES, *forecasting.CASES, *data.CASES, *course.CASES,
]

#: Public names that take no argument a learner could get wrong, each with the reason.
NO_BAD_INPUT: dict[str, str] = {
    **nn.NO_BAD_INPUT, **cells.NO_BAD_INPUT, **timeseries.NO_BAD_INPUT,
    **forecasting.NO_BAD_INPUT, **data.NO_BAD_INPUT, **course.NO_BAD_INPUT,
}

#: Modules that are programs, not library code.
NOT_LIBRARY = {"utils.data.__main__"}


def public_api() -> list[str]:
    """Every public function, class and method (defined in utils, listed in a module's __all__)."""
    names = []
    for info in pkgutil.walk_packages(utils.__path__, "utils."):
        if info.name in NOT_LIBRARY or info.ispkg:
            continue
        module = importlib.import_module(info.name)
        assert hasattr(module, "__all__"), f"{info.name} has no __all__: say what is public"
        for name in module.__all__:
            obj = getattr(module, name)
            if getattr(obj, "__module__", None) != info.name:
                continue  # a re-export or a constant
            if inspect.isfunction(obj):
                names.append(f"{info.name}.{name}")
            elif inspect.isclass(obj):
                names.append(f"{info.name}.{name}")
                for attr, member in vars(obj).items():
                    if attr.startswith("_") or not callable(member) or isinstance(member, type):
                        continue
                    names.append(f"{info.name}.{name}.{attr}")
    return sorted(names)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_is_refused_with_a_message_that_names_the_argument(case):
    with pytest.raises(case.error) as caught:
        case.call()
    message = str(caught.value)
    assert re.search(case.names, message), f"message does not name {case.names!r}: {message}"
    assert caught.type is case.error, f"expected {case.error.__name__}, got {caught.type.__name__}"


def test_every_public_function_has_a_row_in_the_sweep():
    covered = {c.target for c in CASES} | set(NO_BAD_INPUT)
    missing = [name for name in public_api() if name not in covered]
    assert not missing, "public names without a bad-input case (add one to tests/sweep/):\n" + \
        "\n".join(missing)


def test_every_row_names_a_public_function():
    api = set(public_api())
    unknown = sorted({c.target for c in CASES} - api) + sorted(set(NO_BAD_INPUT) - api)
    assert not unknown, f"sweep rows for names that are not public API: {unknown}"


def test_the_sweep_covers_every_input_class():
    kinds = Counter(c.kind for c in CASES)
    from tests.sweep import KINDS

    assert set(kinds) == KINDS, f"input classes with no case: {sorted(KINDS - set(kinds))}"
