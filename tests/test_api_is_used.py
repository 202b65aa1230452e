"""No API that only tests use: every public name of utils is used by a notebook, the deck, a tool,
the benchmark or another part of utils (issue 11). A name only the tests call teaches nobody and
is a maintenance cost: use it where it teaches, or delete it.

A use is the name as a whole word in a notebook's code cells, in ``slides/``, ``tools/``,
``bench/``, ``site/``, or in a utils module other than the one defining it (where it also counts
when it is called inside the module, e.g. a NamedTuple that a function returns).
"""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
import re
from pathlib import Path

import utils

ROOT = Path(__file__).resolve().parents[1]
NOT_LIBRARY = {"utils.data.__main__"}


def _code_of_notebooks() -> str:
    parts = []
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        parts += ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
    return "\n".join(parts)


def _text_of(folder: str, pattern: str) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / folder).rglob(pattern))
                     if ".venv" not in p.parts and "node_modules" not in p.parts)


def _module_sources() -> dict[str, str]:
    sources = {}
    for info in pkgutil.walk_packages(utils.__path__, "utils."):
        module = importlib.import_module(info.name)
        sources[info.name] = inspect.getsource(module)
    return sources


def _uses_inside(name: str, source: str) -> bool:
    """``name`` used in ``source`` beyond its own definition and its ``__all__`` entry."""
    without_def = re.sub(rf"^(?:class|def) {name}\b.*$", "", source, flags=re.M)
    without_all = re.sub(rf"\"{name}\"", "", without_def)
    return re.search(rf"\b{name}\b", without_all) is not None


def test_every_public_name_is_used_outside_the_tests():
    sources = _module_sources()
    outside = "\n".join([_code_of_notebooks(), _text_of("slides", "*.py"),
                         _text_of("tools", "*.py"), _text_of("bench", "*.py"),
                         _text_of("site", "*.py")])
    unused = []
    for module_name, source in sources.items():
        if module_name in NOT_LIBRARY or module_name.endswith("__init__"):
            continue
        module = importlib.import_module(module_name)
        for name in getattr(module, "__all__", []):
            obj = getattr(module, name)
            if inspect.ismodule(obj) or getattr(obj, "__module__", module_name) != module_name:
                continue
            others = "\n".join(s for m, s in sources.items() if m != module_name)
            if re.search(rf"\b{name}\b", outside + others) or _uses_inside(name, source):
                continue
            unused.append(f"{module_name}.{name}")
    assert not unused, ("public names that only tests use (use them where they teach, or "
                        "delete them):\n" + "\n".join(sorted(unused)))
