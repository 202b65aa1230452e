"""Test set-up shared by the unit tests and nbval.

TensorFlow reads its logging settings when it is imported, so they are set here, before any test
module imports it (the Makefile exports the same values for the notebook kernels).
"""

import os

from utils.notebook_setup import TF_ENVIRONMENT

for _name, _value in TF_ENVIRONMENT.items():
    os.environ.setdefault(_name, _value)
os.environ.setdefault("PYTHONHASHSEED", "0")

#: nbval waits only 5 s for output that arrives late after a cell finishes; training cells and a
#: busy 2-core machine need more.
OUTPUT_TIMEOUT = 60


def pytest_collection_modifyitems(items):
    for item in items:
        if hasattr(item, "output_timeout"):
            item.output_timeout = OUTPUT_TIMEOUT
