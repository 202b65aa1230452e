"""Neural-network foundations in NumPy (notebooks 01-06): activations, losses, the dense layer and
the multi-layer perceptron (forward and backward), optimisers, and the gradient check.

One short import per idea: ``from utils.nn.activations import sigmoid``.
"""

__all__: list[str] = []  # the API lives in the submodules, one import per idea
