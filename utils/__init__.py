"""utils: the small library behind the course "RNNs for Time Series".

Importing this package has no side effects (no seeding, no plot style, no prints). The
notebooks call :func:`setup_notebook` once, in their first code cell.
"""

from utils.notebook import setup_notebook

__all__ = ["setup_notebook"]
__version__ = "0.1.0"
