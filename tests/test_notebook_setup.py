"""utils.setup_notebook: one call seeds, quiets and styles; importing utils does nothing."""

import subprocess
import sys
import textwrap

import pytest

from utils import setup_notebook


def run_python(code: str) -> subprocess.CompletedProcess:
    """Run ``code`` in a fresh interpreter with none of TensorFlow's variables preset."""
    env = {k: v for k, v in __import__("os").environ.items() if not k.startswith("TF_")}
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                          text=True, env=env, timeout=300)


def test_importing_utils_has_no_side_effects():
    result = run_python("""
        import sys, random
        import matplotlib as mpl
        before = dict(mpl.rcParams); state = random.getstate()
        import utils, utils.data, utils.exercises
        assert "tensorflow" not in sys.modules, "utils imported TensorFlow"
        assert dict(mpl.rcParams) == before, "utils changed the plot style"
        assert random.getstate() == state, "utils seeded random"
    """)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "" and result.stderr == ""


def test_setup_is_quiet_seeded_deterministic_and_prints_one_line():
    result = run_python("""
        import random, numpy as np
        from utils import setup_notebook
        setup_notebook(seed=7)
        first = (random.random(), np.random.rand())
        import keras, tensorflow as tf
        k1 = keras.random.uniform((2,), seed=None).numpy().tolist()
        setup_notebook(seed=7, verbose=False)
        assert (random.random(), np.random.rand()) == first
        assert keras.random.uniform((2,), seed=None).numpy().tolist() == k1
        from tensorflow.python.framework import config as tf_config
        assert tf_config.is_op_determinism_enabled()
        import matplotlib as mpl
        assert mpl.rcParams["axes.spines.top"] is False
    """)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", "TensorFlow wrote to stderr: " + result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    for name in ("Python", "NumPy", "pandas", "TensorFlow", "Keras", "seed 7"):
        assert name in lines[0]


def test_setup_without_tensorflow_does_not_import_it():
    result = run_python("""
        import sys
        from utils import setup_notebook
        setup_notebook(seed=0, tensorflow=False)
        assert "tensorflow" not in sys.modules
    """)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("seed, error", [(-1, ValueError), (1.5, TypeError), ("42", TypeError),
                                         (True, TypeError)])
def test_bad_seed(seed, error):
    with pytest.raises(error, match=r"seed must be a non-negative int \(>= 0\)"):
        setup_notebook(seed=seed)


@pytest.mark.parametrize("flag", ["tensorflow", "verbose"])
def test_flags_must_be_bools(flag):
    with pytest.raises(TypeError, match=f"{flag} must be True or False, got 'no'"):
        setup_notebook(seed=0, **{flag: "no"})


def test_the_course_style_is_seaborns_whitegrid_theme_without_importing_seaborn():
    import subprocess
    import sys

    code = ("import sys, matplotlib; matplotlib.use('Agg'); import utils.style as s; "
            "s.apply_style(); print('seaborn' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"  # the set-up cell stays fast

    import matplotlib as mpl
    import seaborn as sns

    from utils.style import _WHITEGRID, PALETTE

    assert [mpl.colors.to_hex(c) for c in PALETTE] == sns.color_palette("colorblind").as_hex()
    with mpl.rc_context():
        sns.set_theme(context="notebook", style="whitegrid", palette="colorblind")
        theirs = {k: mpl.rcParams[k] for k in _WHITEGRID}
    with mpl.rc_context():
        mpl.rcParams.update(_WHITEGRID)
        ours = {k: mpl.rcParams[k] for k in _WHITEGRID}
    assert ours == theirs
