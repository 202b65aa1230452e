"""Time series as data (notebooks 07-08): chronological splits, windows, scalers fitted on the past
only, forecast errors in the series' own units, growth rates and levels, and the plots.

One short import per idea: ``from utils.timeseries.splits import chronological_split``.
"""

__all__: list[str] = []  # nothing re-exported: import from the module of each idea
