"""tools/course.py picks a Python that TensorFlow supports, or stops with a clear message.

Stub interpreters (tiny shell scripts that answer the version query as a real Python would) sit on
a PATH of the test's own, so the choice is tested without installing any Python.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tools import course
from utils.notebook_setup import TF_ENVIRONMENT

ROOT = Path(__file__).resolve().parents[1]

#: Pythons with TensorFlow wheels on PyPI, by TensorFlow version (checked with `pip download
#: tensorflow==2.21.0 --only-binary=:all: --python-version 3.X --platform ...` on 2026-12-02:
#: 3.11-3.13 for manylinux_2_27_x86_64, win_amd64 and macosx_12_0_arm64; none for 3.14, none for
#: macosx x86_64). Bumping TensorFlow in the lock means checking this again.
TENSORFLOW_PYTHONS = {"2.21.0": ((3, 11), (3, 13))}

pytestmark = pytest.mark.skipif(os.name == "nt", reason="stub interpreters are shell scripts")


def stub(folder: Path, name: str, version: str, venv_ok: bool = True) -> Path:
    """An executable ``folder/name`` that answers tools/course.py's query like Python ``version``."""
    path = folder / name
    path.write_text(f"#!/bin/sh\necho '{version} {int(venv_ok)}'\n")
    path.chmod(0o755)
    return path


def run_course(args, path: str, cwd: Path = ROOT, env_extra=None):
    env = {"PATH": path, "HOME": os.environ.get("HOME", "/tmp"), **(env_extra or {})}
    return subprocess.run([sys.executable, str(cwd / "tools" / "course.py"), *args], cwd=cwd,
                          env=env, capture_output=True, text=True, timeout=60)


@pytest.fixture
def bare_project(tmp_path):
    """A copy of just what the set-up reads: tools/course.py and pyproject.toml."""
    (tmp_path / "tools").mkdir()
    shutil.copy(ROOT / "tools" / "course.py", tmp_path / "tools" / "course.py")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "bin").mkdir()
    return tmp_path


def test_only_an_unsupported_python_gives_the_message_and_no_venv(bare_project):
    stub(bare_project / "bin", "python3.14", "3.14.0")
    stub(bare_project / "bin", "python3", "3.14.0")
    for command in ("python", "env"):
        out = run_course([command], str(bare_project / "bin"), cwd=bare_project)
        assert out.returncode == 2, out.stderr
        assert "No supported Python" in out.stderr and "3.14.0" in out.stderr
        assert "Python 3.11 to 3.13" in out.stderr
        for route in ("conda env create", "uv python install", "pyenv install", "python.org"):
            assert route in out.stderr
    assert not (bare_project / ".venv").exists()


def test_the_newest_supported_python_is_chosen(bare_project):
    stub(bare_project / "bin", "python3.14", "3.14.1")
    stub(bare_project / "bin", "python3.12", "3.12.7")
    stub(bare_project / "bin", "python3.11", "3.11.9")
    out = run_course(["python"], str(bare_project / "bin"), cwd=bare_project)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == f"{bare_project / 'bin' / 'python3.12'} (Python 3.12.7)"


def test_python_given_is_used_or_refused(bare_project):
    good = stub(bare_project / "bin", "python3.11", "3.11.4")
    bad = stub(bare_project / "bin", "python3.14", "3.14.0")
    ok = run_course(["python", "--python", str(good)], str(bare_project / "bin"), cwd=bare_project)
    assert ok.returncode == 0 and "(Python 3.11.4)" in ok.stdout
    via_env = run_course(["python"], str(bare_project / "bin"), cwd=bare_project,
                         env_extra={"PYTHON": str(bad)})
    assert via_env.returncode == 2
    assert f"PYTHON={bad} is Python 3.14.0, which TensorFlow 2.21 does not support" in via_env.stderr
    missing = run_course(["python", "--python", "python9"], str(bare_project / "bin"),
                         cwd=bare_project)
    assert missing.returncode == 2 and "does not run as a Python interpreter" in missing.stderr


def test_a_python_without_venv_is_explained(bare_project):
    stub(bare_project / "bin", "python3.12", "3.12.3", venv_ok=False)
    out = run_course(["env"], str(bare_project / "bin"), cwd=bare_project)
    assert out.returncode == 2 and "apt install python3.12-venv" in out.stderr
    assert not (bare_project / ".venv").exists()


def test_a_venv_made_with_an_unsupported_python_is_detected(bare_project):
    stub(bare_project / "bin", "python3.12", "3.12.3")
    (bare_project / ".venv" / "bin").mkdir(parents=True)
    stub(bare_project / ".venv" / "bin", "python", "3.14.0")
    out = run_course(["env"], str(bare_project / "bin"), cwd=bare_project)
    assert out.returncode == 2
    assert ".venv was made with Python 3.14.0" in out.stderr and "make clean" in out.stderr


def test_requires_python_matches_the_locked_tensorflow():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    lock = (ROOT / "requirements.lock").read_text()
    tf_version = re.search(r"^tensorflow==([\d.]+)", lock, re.M).group(1)
    assert tf_version in TENSORFLOW_PYTHONS, f"check which Pythons tensorflow {tf_version} supports"
    low, high = TENSORFLOW_PYTHONS[tf_version]
    assert project["requires-python"] == f">={low[0]}.{low[1]},<{high[0]}.{high[1] + 1}"
    assert course.supported_range() == (low, high)
    assert f"--python-version {low[0]}.{low[1]}" in (ROOT / "Makefile").read_text()


def test_the_three_copies_of_the_environment_agree():
    makefile = dict(re.findall(r"^export (\w+)\s*:= (\S+)", (ROOT / "Makefile").read_text(), re.M))
    assert makefile == course.COURSE_ENVIRONMENT
    assert TF_ENVIRONMENT.items() <= course.COURSE_ENVIRONMENT.items()
