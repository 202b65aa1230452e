"""A wheelhouse: every locked package, as wheels, for the platforms learners bring, in one folder.

    python -m tools.wheelhouse                        # what `make wheelhouse` runs: wheelhouse/
    python -m tools.wheelhouse --platform linux --python current --out build/wheelhouse-test

Copy the folder onto a USB stick; a learner puts it into the course's folder (beside the
Makefile) and runs `make lab` (or `py tools\\course.py lab`): tools/course.py sees it and installs
with `pip install --no-index --find-links wheelhouse`, so the room's Wi-Fi is not needed
(README, "Teaching this course").

For each platform (Linux x86-64, macOS on Apple silicon, Windows x86-64) and Python version:

1. the lock's environment markers are evaluated *for that platform* (pip would evaluate them for
   the machine running it: a Linux machine would leave out Windows' ``colorama`` and
   ``pywinpty``), and where a marker depends on the patch release (``python_full_version <
   '3.11.5'``) both sides are kept;
2. ``pip download --only-binary=:all: --no-deps`` fetches exactly those pins (the lock already
   lists every dependency) as wheels for that platform's tags, plus a ``pip`` wheel so that the
   set-up can upgrade pip offline;
3. ``wheelhouse.json`` records what was downloaded, for which Pythons and platforms, and the
   SHA-256 of ``requirements.lock``: tools/course.py reads it to tell whether the wheelhouse
   fits the learner's Python, and a second run with an unchanged lock skips what is complete.

The Pythons: one per platform by default, :data:`DEFAULT_PYTHON` (a learner installs that one;
``--python 3.13`` adds another). Linux wheels are those a glibc 2.28 system can install
(manylinux_2_28 and older tags: Debian 10, Ubuntu 18.10, RHEL 8 and newer); macOS wheels those
for macOS 12 on arm64 (TensorFlow's own minimum); no wheel exists for Intel Macs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from packaging import tags
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name, parse_wheel_filename

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / "requirements.lock"
DEFAULT_OUT = ROOT / "wheelhouse"
MANIFEST = "wheelhouse.json"
#: The Python a learner installs when the room has no network (python.org installers, winget).
DEFAULT_PYTHON = "3.12"


@dataclass(frozen=True)
class Platform:
    """A target platform: pip's platform tags (best first) and the values of its markers."""

    name: str
    tags: tuple[str, ...]
    markers: dict

    def environment(self, python: str, patch: int) -> dict[str, str]:
        return {**self.markers, "python_version": python, "python_full_version": f"{python}.{patch}",
                "implementation_name": "cpython", "platform_python_implementation": "CPython",
                "implementation_version": f"{python}.{patch}"}


_MANYLINUX = tuple(f"manylinux_2_{minor}_x86_64" for minor in range(28, 4, -1)) + (
    "manylinux2014_x86_64", "manylinux2010_x86_64", "manylinux1_x86_64")
PLATFORMS = {
    "linux": Platform("linux", _MANYLINUX, {
        "sys_platform": "linux", "platform_system": "Linux", "os_name": "posix",
        "platform_machine": "x86_64"}),
    "macos": Platform("macos", ("macosx_12_0_arm64",), {
        "sys_platform": "darwin", "platform_system": "Darwin", "os_name": "posix",
        "platform_machine": "arm64"}),
    "windows": Platform("windows", ("win_amd64",), {
        "sys_platform": "win32", "platform_system": "Windows", "os_name": "nt",
        "platform_machine": "AMD64"}),
}


def lock_digest(lock: Path = LOCK) -> str:
    return hashlib.sha256(lock.read_bytes()).hexdigest()


def locked(lock: Path = LOCK) -> list[Requirement]:
    """The requirement lines of ``lock`` (``name==version`` with an optional marker)."""
    found = []
    for line in lock.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            found.append(Requirement(line))
    return found


def pins_for(platform: Platform, python: str, patch: int = 0, lock: Path = LOCK) -> list[str]:
    """``name==version`` of every locked package that ``platform`` installs with Python
    ``python``.``patch``."""
    pins = []
    for req in locked(lock):
        if req.marker is None or req.marker.evaluate(platform.environment(python, patch)):
            pins.append(f"{req.name}{req.specifier}")
    return pins


#: The learner's patch release is unknown, and a marker such as ``python_full_version <
#: '3.11.5'`` depends on it: the pins are taken for the first and for a late patch release.
PATCHES = (0, 99)


def current_python() -> str:
    return f"{sys.version_info.major}.{sys.version_info.minor}"


def download(platform: Platform, python: str, out: Path, lock: Path = LOCK) -> None:
    """``pip download`` the pins of ``platform`` and Python ``python`` (and pip) into ``out``:
    once for the first patch release, then the pins that differ for a late one."""
    print(f"pip download: {platform.name}, Python {python}", flush=True)
    seen: set[str] = set()
    for patch in PATCHES:
        pins = [pin for pin in pins_for(platform, python, patch, lock) if pin not in seen]
        if not pins:
            continue
        seen.update(pins)
        with tempfile.TemporaryDirectory() as tmp:
            requirements = Path(tmp) / "requirements.txt"
            requirements.write_text("\n".join(pins + (["pip"] if patch == 0 else [])) + "\n")
            command = [sys.executable, "-m", "pip", "download", "--quiet", "--only-binary=:all:",
                       "--no-deps", "--implementation", "cp", "--python-version",
                       f"{python}.{patch}", "--abi", f"cp{python.replace('.', '')}",
                       "--dest", str(out), "-r", str(requirements)]
            for name in platform.tags:
                command += ["--platform", name]
            subprocess.run(command, check=True)


def supported_tags(platform: Platform, python: str) -> set:
    """The wheel tags pip accepts for ``platform`` and CPython ``python`` (as ``--platform``,
    ``--python-version`` and ``--abi`` tell it; macOS versions expanded as pip does)."""
    version = tuple(int(part) for part in python.split("."))
    names = list(platform.tags)
    if platform.name == "macos":
        names = list(tags.mac_platforms((12, 0), "arm64"))
    abi = f"cp{version[0]}{version[1]}"
    return {*tags.cpython_tags(version, abis=[abi], platforms=names),
            *tags.compatible_tags(version, interpreter=abi, platforms=names)}


def part_files(out: Path, platform: Platform, python: str, lock: Path = LOCK) -> dict[str, Path | None]:
    """For every pin of ``platform`` and ``python`` (both patch ranges), the wheel in ``out``
    that installs it there, or None if there is none."""
    accepted = supported_tags(platform, python)
    wheels = [(parse_wheel_filename(p.name), p) for p in sorted(out.glob("*.whl"))]
    found = {}
    for patch in PATCHES:
        for pin in pins_for(platform, python, patch, lock):
            req = Requirement(pin)
            found[pin] = next((path for (name, version, _, wheel_tags), path in wheels
                               if name == canonicalize_name(req.name) and version in req.specifier
                               and wheel_tags & accepted), None)
    return found


def read_manifest(out: Path) -> dict:
    try:
        return json.loads((out / MANIFEST).read_text())
    except (OSError, ValueError):
        return {}


def build(out: Path = DEFAULT_OUT, platforms=tuple(PLATFORMS), pythons=(DEFAULT_PYTHON,),
          lock: Path = LOCK) -> dict:
    """Download what is missing into ``out`` and write its manifest; return the manifest."""
    out.mkdir(parents=True, exist_ok=True)
    manifest = read_manifest(out)
    digest = lock_digest(lock)
    done = set(map(tuple, manifest.get("parts", []))) if manifest.get("lock_sha256") == digest else set()
    for python in pythons:
        for name in platforms:
            complete = all(part_files(out, PLATFORMS[name], python, lock).values())
            if (name, python) in done and complete:
                print(f"complete already: {name}, Python {python}", flush=True)
                continue
            download(PLATFORMS[name], python, out, lock)
            done.add((name, python))
    wheels = sorted(p for p in out.iterdir() if p.suffix == ".whl")
    sizes = {}
    for name, python in sorted(done):
        files = part_files(out, PLATFORMS[name], python, lock)
        missing = [pin for pin, path in files.items() if path is None]
        if missing:
            raise SystemExit(f"{out}: no wheel for {name}, Python {python}: {missing}")
        sizes[f"{name} {python}"] = sum(p.stat().st_size for p in set(files.values()))
    manifest = {
        "lock_sha256": digest,
        "parts": sorted([name, python] for name, python in done),
        "pythons": sorted({python for _, python in done}),
        "platforms": sorted({name for name, _ in done}),
        "files": len(wheels),
        "bytes": sum(p.stat().st_size for p in wheels),
        "bytes_per_part": sizes,
    }
    (out / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n")
    (out / "README.txt").write_text(README.format(pythons=", ".join(manifest["pythons"]),
                                                  platforms=", ".join(manifest["platforms"])))
    return manifest


README = """The course's packages, for installing without a network (made by `make wheelhouse`).

Wheels for Python {pythons} on: {platforms}.
Put this folder, named `wheelhouse`, into the course's folder (beside the Makefile), then run
`make lab` (Windows: `py tools\\course.py lab`). The set-up installs from here and nothing else.
"""


def size_text(n: int) -> str:
    return f"{n / 1e9:.2f} GB" if n >= 1e9 else f"{n / 1e6:.0f} MB"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder (default: wheelhouse/)")
    parser.add_argument("--platform", action="append", choices=sorted(PLATFORMS),
                        help="a platform (repeat for several; default: all three)")
    parser.add_argument("--python", action="append",
                        help=f"a Python version such as 3.12, or 'current' (default: {DEFAULT_PYTHON})")
    args = parser.parse_args(argv)
    pythons = [current_python() if p == "current" else p for p in args.python or [DEFAULT_PYTHON]]
    manifest = build(args.out.resolve(), tuple(args.platform or PLATFORMS), tuple(pythons))
    parts = ", ".join(f"{part}: {size_text(n)}" for part, n in manifest["bytes_per_part"].items())
    print(f"{args.out}: {manifest['files']} wheels, {size_text(manifest['bytes'])} ({parts})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
