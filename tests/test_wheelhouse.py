"""The wheelhouse (`make wheelhouse`, tools/wheelhouse.py) and the offline set-up from it
(tools/course.py): a room without Wi-Fi.

What the last test proves, and what it does not. It takes the Linux part of the wheelhouse for
the Python running the tests (built into build/wheelhouse-test/ with the network, once per lock),
makes a fresh, empty virtual environment with that Python, and asks pip, with the network cut
(tools/offline.sh) and with no configuration but its command line (no index, no find-links from a
pip.conf, no cache), to install `-r requirements.lock -e .` from the wheelhouse alone, with
``--dry-run --report``. pip then resolves every requirement, picks a wheel compatible with this
interpreter and machine for each, and builds the course's own package metadata in an isolated
build environment that it fills from the wheelhouse too (setuptools). The report must list every
locked package that applies here, at its locked version, each from a file of the wheelhouse. So:
a fresh set-up (`make lab` with the folder in place) would find everything it needs with no
network. It does not unpack the ~2.9 GB into the environment, import TensorFlow or run a
notebook (that takes minutes; every test run does those from the real .venv), and it proves
nothing for the macOS and Windows parts beyond the check that each of their pins has a wheel
whose tags those platforms accept (test_every_part_has_a_wheel_for_every_pin, run when
wheelhouse/ exists).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from packaging.utils import canonicalize_name

from tools import course, wheelhouse

ROOT = Path(__file__).resolve().parents[1]
IN_CI = os.environ.get("CI", "").lower() == "true"
TEST_HOUSE = ROOT / "build" / "wheelhouse-test"
PYTHON = wheelhouse.current_python()
BUILD_COMMAND = ('make wheelhouse WHEELHOUSE_ARGS="--out build/wheelhouse-test --platform linux '
                 '--python current"')


def names(pins: list[str]) -> set[str]:
    return {canonicalize_name(pin.split("==")[0]) for pin in pins}


# --- which pins each platform gets -------------------------------------------------------------

def test_markers_are_evaluated_for_the_target_platform():
    linux, mac, windows = (names(wheelhouse.pins_for(wheelhouse.PLATFORMS[p], "3.12"))
                           for p in ("linux", "macos", "windows"))
    assert {"colorama", "pywinpty"} <= windows and not {"colorama", "pywinpty"} & (linux | mac)
    assert "appnope" in mac and "appnope" not in linux | windows
    assert {"pexpect", "ptyprocess"} <= linux & mac and "pexpect" not in windows
    assert "tensorflow" in linux & mac & windows


def test_a_marker_on_the_patch_release_keeps_both_pins():
    pins = {pin for patch in wheelhouse.PATCHES
            for pin in wheelhouse.pins_for(wheelhouse.PLATFORMS["linux"], "3.11", patch)}
    assert {p for p in pins if p.startswith("soupsieve")} == {"soupsieve==2.10", "soupsieve==4.1.3"}


def test_every_locked_package_is_fetched_for_some_platform():
    fetched = set()
    for platform in wheelhouse.PLATFORMS.values():
        for python in ("3.11", "3.12", "3.13"):
            for patch in wheelhouse.PATCHES:
                fetched |= set(wheelhouse.pins_for(platform, python, patch))
    locked = {f"{r.name}{r.specifier}" for r in wheelhouse.locked()}
    assert locked == fetched


@pytest.mark.skipif(not (ROOT / "wheelhouse" / wheelhouse.MANIFEST).exists(),
                    reason="no wheelhouse/ here (make wheelhouse)")
def test_every_part_has_a_wheel_for_every_pin():
    """The instructor's wheelhouse/ (all platforms): every pin of every part it claims has a
    wheel whose tags that platform and Python accept, for the current lock."""
    house = ROOT / "wheelhouse"
    manifest = wheelhouse.read_manifest(house)
    if manifest["lock_sha256"] != wheelhouse.lock_digest():
        pytest.skip("wheelhouse/ was made for another requirements.lock: run make wheelhouse")
    for name, python in manifest["parts"]:
        files = wheelhouse.part_files(house, wheelhouse.PLATFORMS[name], python)
        assert all(files.values()), [pin for pin, path in files.items() if path is None]


# --- tools/course.py uses a wheelhouse when it fits ----------------------------------------------

def fake_house(folder: Path, parts, lock_digest=None) -> Path:
    folder.mkdir()
    (folder / wheelhouse.MANIFEST).write_text(json.dumps(
        {"lock_sha256": lock_digest or wheelhouse.lock_digest(), "parts": parts}))
    return folder


@pytest.mark.skipif(course.this_platform() is None, reason="no wheelhouse platform for this machine")
def test_a_fitting_wheelhouse_is_used_and_another_is_explained(tmp_path, capsys):
    here = course.this_platform()
    python = Path(sys.executable)
    good = fake_house(tmp_path / "good", [[here, PYTHON]])
    assert course.usable_wheelhouse(python, good) == good
    assert "no network needed" in capsys.readouterr().out
    other = fake_house(tmp_path / "other", [[here, "3.99"]])
    assert course.usable_wheelhouse(python, other) is None
    said = capsys.readouterr().out
    assert f"Python {PYTHON}" in said and "make clean lab PYTHON=python3.99" in said
    stale = fake_house(tmp_path / "stale", [[here, PYTHON]], lock_digest="0" * 64)
    assert course.usable_wheelhouse(python, stale) is None
    assert "another requirements.lock" in capsys.readouterr().out
    assert course.usable_wheelhouse(python, tmp_path / "missing") is None


def test_env_installs_from_the_wheelhouse_with_no_index(tmp_path, monkeypatch):
    commands = []
    monkeypatch.setattr(course, "check_existing_venv", lambda venv=None: True)
    monkeypatch.setattr(course, "STAMP", tmp_path / "stamp")
    monkeypatch.setattr(course, "usable_wheelhouse", lambda python: tmp_path)
    monkeypatch.setattr(course, "run", lambda *command, quiet=False: commands.append(command))
    course.env()
    installs = [c for c in commands if c[1:4] == ("-m", "pip", "install")]
    assert len(installs) == 3  # pip itself, the lock, the course's package
    for command in installs:
        at = command.index("--find-links")
        assert "--no-index" in command and command[at + 1] == tmp_path


# --- a fresh set-up from the Linux part, with the network cut ----------------------------------

def network_reachable() -> bool:
    try:
        socket.create_connection(("pypi.org", 443), timeout=5).close()
        return True
    except OSError:
        return False


@pytest.fixture(scope="module")
def linux_house() -> Path:
    """The Linux part of the wheelhouse for the running Python, in build/wheelhouse-test/:
    built once with the network (again when the lock changes), reused offline."""
    if course.this_platform() != "linux":
        pytest.skip("the offline set-up test builds the Linux x86-64 part")
    manifest = wheelhouse.read_manifest(TEST_HOUSE)
    ready = (manifest.get("lock_sha256") == wheelhouse.lock_digest()
             and ["linux", PYTHON] in manifest.get("parts", [])
             and all(wheelhouse.part_files(TEST_HOUSE, wheelhouse.PLATFORMS["linux"], PYTHON).values()))
    if not ready:
        if not network_reachable():
            message = (f"build/wheelhouse-test/ holds no Linux wheelhouse for Python {PYTHON} and "
                       f"the network is cut (make test runs pytest offline): run `{BUILD_COMMAND}` "
                       f"first")
            if IN_CI:
                pytest.fail(message, pytrace=False)
            pytest.skip(message)
        done = subprocess.run([sys.executable, "-m", "tools.wheelhouse", "--out", str(TEST_HOUSE),
                               "--platform", "linux", "--python", "current"], cwd=ROOT,
                              capture_output=True, text=True, timeout=1800)
        assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    return TEST_HOUSE


def test_a_fresh_setup_resolves_from_the_linux_wheelhouse_with_the_network_cut(linux_house, tmp_path):
    fresh = tmp_path / "venv"
    interpreter = Path(sys.base_prefix) / "bin" / f"python{PYTHON}"
    subprocess.run([str(interpreter if interpreter.exists() else sys.executable), "-m", "venv",
                    "--without-pip", str(fresh)], check=True, timeout=120)
    report = tmp_path / "report.json"
    # pip's own configuration (files and PIP_* variables) could add an index or a find-links
    # folder: none of it reaches this run.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    env.update(PIP_CONFIG_FILE=os.devnull, PIP_NO_CACHE_DIR="1")
    command = ["bash", "tools/offline.sh", sys.executable, "-m", "pip", "--python",
               str(fresh / "bin" / "python"), "install", "--isolated", "--no-index",
               "--disable-pip-version-check", "--find-links", str(linux_house), "--dry-run",
               "--ignore-installed", "--quiet", "--report", str(report),
               "-r", "requirements.lock", "-e", "."]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-4000:]
    if "no network namespace" in done.stderr and IN_CI:
        pytest.fail("offline.sh could not cut the network", pytrace=False)
    installs = json.loads(report.read_text())["install"]
    got = {canonicalize_name(i["metadata"]["name"]): i for i in installs}
    version = ".".join(map(str, sys.version_info[:3]))
    patch = int(version.split(".")[2])
    expected = {}
    for pin in wheelhouse.pins_for(wheelhouse.PLATFORMS["linux"], PYTHON, patch):
        name, _, pinned = pin.partition("==")
        expected[canonicalize_name(name)] = pinned
    assert set(got) == set(expected) | {"rnn-course-utils"}
    for name, pinned in expected.items():
        assert got[name]["metadata"]["version"] == pinned, name
        url = got[name]["download_info"]["url"]
        assert url.startswith(linux_house.as_uri() + "/") and url.endswith(".whl"), (name, url)
    assert got["rnn-course-utils"]["download_info"]["url"] == ROOT.as_uri()
