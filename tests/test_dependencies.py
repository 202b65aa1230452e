"""pyproject.toml, environment.yml and requirements.lock name the same packages, and the
installed versions are the locked ones (so every test run sees the same libraries)."""

import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
CONDA_ONLY = {"python", "pip"}


def pyproject_names() -> set[str]:
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    return {canonicalize_name(Requirement(d).name) for d in deps}


def environment_names() -> set[str]:
    names = set()
    text = (ROOT / "environment.yml").read_text().split("dependencies:", 1)[1]
    for line in text.splitlines():
        m = re.match(r"\s+-\s+([A-Za-z0-9_.\-]+)", line.split("#")[0])
        if m:
            names.add(canonicalize_name(m.group(1)))
    return names - CONDA_ONLY


def locked() -> list[Requirement]:
    lines = (ROOT / "requirements.lock").read_text().splitlines()
    return [Requirement(x) for x in lines if x.strip() and not x.lstrip().startswith("#")]


def test_environment_yml_names_the_pyproject_packages():
    assert environment_names() == pyproject_names()


def test_every_declared_package_is_locked_with_an_exact_version():
    lock = {canonicalize_name(r.name): r for r in locked()}
    missing = pyproject_names() - set(lock)
    assert not missing, f"not in requirements.lock: {sorted(missing)}; run `make lock`"
    loose = [str(r) for r in lock.values() if not str(r.specifier).startswith("==")]
    assert not loose, f"requirements.lock must pin exact versions: {loose}"


def test_locked_versions_satisfy_the_pyproject_ranges():
    ranges = {canonicalize_name(Requirement(d).name): Requirement(d) for d in
              tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]}
    for req in locked():
        name = canonicalize_name(req.name)
        if name in ranges:
            version = next(iter(req.specifier)).version
            assert ranges[name].specifier.contains(version, prereleases=True), (name, version)


def test_installed_versions_are_the_locked_ones():
    wrong = []
    for req in locked():
        if req.marker is not None and not req.marker.evaluate():
            continue
        try:
            installed = metadata.version(req.name)
        except metadata.PackageNotFoundError:
            wrong.append(f"{req.name} is not installed")
            continue
        if not req.specifier.contains(installed, prereleases=True):
            wrong.append(f"{req.name} {installed} installed, lock says {req.specifier}")
    if wrong:
        pytest.fail("the environment does not match requirements.lock (run `make env`): "
                    + "; ".join(wrong))
