"""Interactive explorers, one module per idea, each with its logic in a plain, tested function.

Each explorer has two halves:

* a **pure function** that computes what the picture shows (``neuron_curve``,
  ``loss_comparison``, ``classify_descent``); the tests call these directly;
* a **builder** (``neuron_explorer``, ``loss_explorer``, ``learning_rate_explorer``) that wires
  controls to a drawing function with ``ipywidgets`` and returns the widget.

Widgets only run in a live kernel (not on GitHub), so every notebook shows a static figure of the
same idea first. ``ipywidgets`` and ``matplotlib.pyplot`` are imported only when a builder is
called.
"""

__all__: list[str] = []  # the API lives in the submodules, one import per idea
