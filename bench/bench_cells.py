"""Time the NumPy LSTM and GRU against the Keras layers, forward and forward + backward.

    .venv/bin/python bench/bench_cells.py            (or: make bench)
    .venv/bin/python bench/bench_cells.py --repeat 20

For each (N, T, D, H) the same float32 inputs and weights go through

* NumPy:  ``sequence_forward`` and ``sequence_forward`` + ``sequence_backward`` (loops over the
  steps, as a learner writes them);
* Keras:  the layer called eagerly, and the layer under ``tf.GradientTape`` with the gradients of
  the weights and the input (the issue's comparison);
* Keras compiled: the same two wrapped in ``tf.function`` (how ``model.fit`` runs them), for context.

NumPy's BLAS (OpenBLAS) runs on one thread unless OPENBLAS_NUM_THREADS says otherwise: for
matrices this small, a second BLAS thread costs more in hand-over than it saves, and on a busy
2-core machine it made one (256, 64) x (64, 256) product 100x slower. TensorFlow keeps the course's
TF_NUM_INTRAOP_THREADS (2).

The loss is the sum of the last hidden state (``return_sequences=False``). Each time is the median
of ``--repeat`` calls after two warm-up calls; the ratio is NumPy / Keras in the same run, so
below 1 means NumPy is faster. Results depend on the machine and on its load (printed in the
first line): see bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before NumPy is imported
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from utils.notebook_setup import import_tensorflow_quietly  # noqa: E402

tf = import_tensorflow_quietly()
import keras  # noqa: E402
import numpy as np  # noqa: E402

from utils.cells import gru, lstm  # noqa: E402
from utils.cells.params import params_to_keras  # noqa: E402

SHAPES = [(32, 50, 1, 32), (256, 100, 8, 64)]
CELLS = {"LSTM": (lstm, keras.layers.LSTM), "GRU": (gru, keras.layers.GRU)}


def median_time(fn, repeat: int) -> float:
    """Median wall time of ``fn()`` in milliseconds, after two warm-up calls."""
    fn(), fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return 1000.0 * float(np.median(times))


def numpy_pair(module, params, x):
    def forward():
        return module.sequence_forward(x, params)

    def forward_backward():
        h_seq, h_last, *_, cache = module.sequence_forward(x, params)
        return module.sequence_backward(None, cache, dh_last=np.ones_like(h_last))

    return forward, forward_backward


def keras_pair(layer, x, compiled: bool):
    xv = tf.constant(x)
    weights = layer.trainable_variables

    def forward():
        return layer(xv)

    def forward_backward():
        with tf.GradientTape() as tape:
            tape.watch(xv)
            loss = tf.reduce_sum(layer(xv))
        return tape.gradient(loss, [*weights, xv])

    if compiled:
        return tf.function(forward), tf.function(forward_backward)
    return forward, forward_backward


def bench(repeat: int) -> list[dict]:
    rows = []
    rng = np.random.default_rng(0)
    for shape in SHAPES:
        n, t, d, h = shape
        x = rng.normal(size=(n, t, d)).astype(np.float32)
        for name, (module, layer_cls) in CELLS.items():
            layer = layer_cls(h)
            layer.build((None, t, d))
            params = {k: v.astype(np.float32) for k, v in module.init_params(d, h, seed=0).items()}
            params_to_keras(params, layer)
            np_fwd, np_fb = numpy_pair(module, params, x)
            row = {"cell": name, "shape": shape}
            row["np_fwd"], row["np_fb"] = median_time(np_fwd, repeat), median_time(np_fb, repeat)
            for tag, compiled in (("eager", False), ("graph", True)):
                k_fwd, k_fb = keras_pair(layer, x, compiled)
                row[f"{tag}_fwd"] = median_time(k_fwd, repeat)
                row[f"{tag}_fb"] = median_time(k_fb, repeat)
            rows.append(row)
    return rows


def table(rows: list[dict]) -> str:
    head = (
        "| cell | (N, T, D, H) | pass | NumPy ms | Keras eager ms | NumPy/Keras |"
        " Keras tf.function ms | NumPy/tf.function |\n"
        "|---|---|---|---:|---:|---:|---:|---:|"
    )
    lines = [head]
    for r in rows:
        for kind, label in (("fwd", "forward"), ("fb", "forward+backward")):
            np_ms, eager, graph = r[f"np_{kind}"], r[f"eager_{kind}"], r[f"graph_{kind}"]
            lines.append(
                f"| {r['cell']} | {r['shape']} | {label} | {np_ms:.1f} | {eager:.1f} |"
                f" {np_ms / eager:.2f} | {graph:.1f} | {np_ms / graph:.2f} |"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10, help="timed calls per measurement")
    args = parser.parse_args()
    print(
        f"NumPy {np.__version__} · TensorFlow {tf.__version__} · Keras {keras.__version__}"
        f" · {os.cpu_count()} CPUs · OpenBLAS threads {os.environ['OPENBLAS_NUM_THREADS']}"
        f" · TF intra-op threads {os.environ.get('TF_NUM_INTRAOP_THREADS')}"
        f" · median of {args.repeat} · load average {os.getloadavg()[0]:.1f}"
    )
    print(table(bench(args.repeat)))


if __name__ == "__main__":
    main()
