"""Set up and open the course on Linux, macOS or Windows: the steps behind `make env` and `make lab`.

    python3 tools/course.py env      # .venv with a supported Python and the locked packages
    python3 tools/course.py lab      # the same, then JupyterLab on notebooks/00_index.ipynb
    python3 tools/course.py python   # which Python `env` would use, or why none fits

On Windows, which has no `make`:  py tools\\course.py lab

With a folder `wheelhouse/` in the course's folder, beside the Makefile (made by `make wheelhouse`,
copied from a USB stick), that holds wheels for this machine and the chosen Python, the packages
are installed from it alone (`pip install --no-index --find-links wheelhouse`): no network needed.

This script needs only the standard library and runs with any Python 3.8 or newer. The Python
that runs it need not be the one the course uses: the course needs a Python that TensorFlow
supports, the range declared once in pyproject.toml (`requires-python`). With no choice given
(`--python` or the environment variable PYTHON), it takes the newest such interpreter on the
PATH (and, on Windows, from the `py` launcher). If there is none, it stops before creating
anything and says how to get one.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv"
STAMP = VENV / ".course-installed"
WHEELHOUSE = ROOT / "wheelhouse"
WINDOWS = os.name == "nt"

#: Exported by the Makefile too and set here for JupyterLab, so notebooks run alike everywhere
#: (a test keeps the three copies equal: this one, the Makefile's and utils.notebook_setup's).
COURSE_ENVIRONMENT = {
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "TF_ENABLE_ONEDNN_OPTS": "0",
    "TF_NUM_INTRAOP_THREADS": "2",
    "TF_NUM_INTEROP_THREADS": "1",
    "PYTHONHASHSEED": "0",
    "OPENBLAS_NUM_THREADS": "1",
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",
}

#: Asked of each candidate interpreter: its version, and whether it can make a venv with pip.
QUERY = ("import sys\ntry:\n    import ensurepip, venv\n    ok = 1\nexcept ImportError:\n"
         "    ok = 0\nprint('%d.%d.%d %d' % (sys.version_info[:3] + (ok,)))")


class SetupError(Exception):
    """A problem the learner must fix; its message says how."""


def supported_range(pyproject: Path = ROOT / "pyproject.toml") -> tuple[tuple[int, int], tuple[int, int]]:
    """The oldest and newest supported ``(major, minor)`` from ``requires-python = ">=3.11,<3.14"``."""
    text = pyproject.read_text(encoding="utf-8")
    m = re.search(r'requires-python\s*=\s*">=\s*3\.(\d+)\s*,\s*<\s*3\.(\d+)"', text)
    if not m:
        raise SetupError(f'{pyproject} must declare requires-python = ">=3.X,<3.Y"')
    return (3, int(m.group(1))), (3, int(m.group(2)) - 1)


def range_text(low, high) -> str:
    return f"Python {low[0]}.{low[1]} to {high[0]}.{high[1]}"


def query(command: list[str]) -> tuple[tuple[int, int, int], bool] | None:
    """``((major, minor, micro), can_make_venv)`` of an interpreter, or None if it does not run."""
    try:
        out = subprocess.run([*command, "-c", QUERY], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    m = re.fullmatch(r"(\d+)\.(\d+)\.(\d+) ([01])", out.stdout.strip())
    if out.returncode != 0 or not m:
        return None
    return (int(m.group(1)), int(m.group(2)), int(m.group(3))), m.group(4) == "1"


def candidates(low, high, path: str | None = None) -> list[list[str]]:
    """Commands that may start a Python, newest first: python3.Y ... python3.X, python3, python."""
    names = [f"python3.{minor}" for minor in range(high[1] + 1, low[1] - 2, -1)]
    found = []
    for name in [*names, "python3", "python"]:
        exe = shutil.which(name, path=path)
        if exe and [exe] not in found:
            found.append([exe])
    if WINDOWS and shutil.which("py", path=path):
        found += [["py", f"-3.{minor}"] for minor in range(high[1], low[1] - 1, -1)]
    return found


def how_to_get_python(low, high) -> str:
    newest = f"{high[0]}.{high[1]}"
    return (
        f"The course needs {range_text(low, high)} (TensorFlow 2.21 publishes wheels for these "
        f"only: none for 3.14 or newer, none for Intel Macs). Get one, then run this again:\n"
        f"  - conda:  conda env create -f environment.yml   (see README, 'With conda')\n"
        f"  - uv:     uv python install {newest}   then   make lab PYTHON=$(uv python find {newest})\n"
        f"  - pyenv:  pyenv install {newest}   then   make lab PYTHON=$(pyenv root)/versions/"
        f"<that version>/bin/python\n"
        f"  - python.org installers (Windows, macOS), or your package manager (e.g. apt install "
        f"python{newest} python{newest}-venv)\n"
        f"  - Windows: py -{newest} tools\\course.py lab"
    )


def choose_python(given: str | None = None, path: str | None = None) -> tuple[list[str], str]:
    """The command of the Python to use and its version text; SetupError if none fits."""
    low, high = supported_range()
    if given:
        exe = shutil.which(given, path=path) or (given if Path(given).exists() else None)
        info = query([exe]) if exe else None
        if info is None:
            raise SetupError(f"PYTHON={given} does not run as a Python interpreter.\n"
                             + how_to_get_python(low, high))
        return _checked([exe], info, low, high, f"PYTHON={given}")
    seen = []
    for command in candidates(low, high, path):
        info = query(command)
        if info is None:
            continue
        version = ".".join(map(str, info[0]))
        seen.append(f"{' '.join(command)} ({version})")
        if low <= info[0][:2] <= high:
            return _checked(command, info, low, high, " ".join(command))
    found = "; found: " + ", ".join(seen) if seen else "; found no Python on the PATH"
    raise SetupError(f"No supported Python{found}.\n" + how_to_get_python(low, high))


def _checked(command, info, low, high, what) -> tuple[list[str], str]:
    version, can_venv = info
    text = ".".join(map(str, version))
    if not low <= version[:2] <= high:
        raise SetupError(f"{what} is Python {text}, which TensorFlow 2.21 does not support.\n"
                         + how_to_get_python(low, high))
    if not can_venv:
        raise SetupError(f"{what} (Python {text}) cannot create a virtual environment (the venv "
                         f"or ensurepip module is missing; on Debian or Ubuntu: apt install "
                         f"python{version[0]}.{version[1]}-venv).")
    return command, text


def venv_python(venv: Path = VENV) -> Path:
    return venv / ("Scripts/python.exe" if WINDOWS else "bin/python")


def check_existing_venv(venv: Path = VENV) -> bool:
    """True if ``venv`` exists and holds a supported Python; SetupError if it holds another."""
    if not venv.exists():
        return False
    low, high = supported_range()
    info = query([str(venv_python(venv))])
    if info is None:
        raise SetupError(f"{venv} exists but its Python does not run (it may have been made by a "
                         f"Python that has since been removed or upgraded). Delete the folder "
                         f"(make clean, or remove .venv by hand) and run this again.")
    if not low <= info[0][:2] <= high:
        version = ".".join(map(str, info[0]))
        raise SetupError(f"{venv} was made with Python {version}, which TensorFlow 2.21 does not "
                         f"support: installing into it fails with 'No matching distribution found "
                         f"for tensorflow'. Delete the folder (make clean, or remove .venv by "
                         f"hand) and run this again; it then picks a supported Python.\n"
                         + how_to_get_python(low, high))
    return True


def fingerprint() -> str:
    """What the installed packages depend on: the lock and pyproject.toml."""
    digest = hashlib.sha256()
    for name in ("requirements.lock", "pyproject.toml"):
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def this_platform() -> str | None:
    """The wheelhouse's name for this machine (tools/wheelhouse.py), or None if it has none."""
    machine = platform.machine().lower()
    if sys.platform.startswith("linux") and machine in ("x86_64", "amd64"):
        return "linux"
    if sys.platform == "darwin" and machine == "arm64":
        return "macos"
    if sys.platform == "win32" and machine in ("amd64", "x86_64"):
        return "windows"
    return None


def usable_wheelhouse(python: Path, folder: Path = WHEELHOUSE) -> Path | None:
    """``folder`` if it holds wheels of the current lock for this platform and the Python of
    ``python``; otherwise None, after saying why when the folder exists."""
    if not folder.is_dir():
        return None
    try:
        manifest = json.loads((folder / "wheelhouse.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        print(f"{folder.name}/ has no wheelhouse.json (make it with `make wheelhouse`): "
              f"installing from the network", flush=True)
        return None
    info = query([str(python)])
    version = f"{info[0][0]}.{info[0][1]}" if info else "?"
    here = this_platform()
    lock = hashlib.sha256((ROOT / "requirements.lock").read_bytes()).hexdigest()
    parts = [tuple(part) for part in manifest.get("parts", [])]
    if manifest.get("lock_sha256") != lock:
        why = "it was made for another requirements.lock (run `make wheelhouse` again)"
    elif (here, version) not in parts:
        held = ", ".join(f"{name} with Python {py}" for name, py in parts) or "nothing"
        why = (f"it holds {held}, and this is {here or platform.machine()} with Python {version}"
               + (f" (use that Python: make clean lab PYTHON=python{parts[0][1]})" if parts else ""))
    else:
        print(f"Installing from {folder.name}/ only (no network needed)", flush=True)
        return folder
    print(f"{folder.name}/ does not fit: {why}; installing from the network", flush=True)
    return None


def run(*command, quiet: bool = False) -> None:
    print("+", " ".join(str(c) for c in command), flush=True)
    subprocess.run([str(c) for c in command], check=True, cwd=ROOT,
                   stdout=subprocess.DEVNULL if quiet else None)


def env(given: str | None = None) -> Path:
    """Create ``.venv`` if needed and install the locked packages if they changed."""
    if not check_existing_venv():
        command, version = choose_python(given)
        print(f"Creating .venv with Python {version} ({' '.join(command)})", flush=True)
        run(*command, "-m", "venv", VENV)
    python = venv_python()
    if STAMP.is_file() and STAMP.read_text().strip() == fingerprint():
        return python
    house = usable_wheelhouse(python)
    source = ["--no-index", "--find-links", house] if house else []
    run(python, "-m", "pip", "install", "--quiet", "--upgrade", *source, "pip")
    run(python, "-m", "pip", "install", "--quiet", *source, "-r", ROOT / "requirements.lock")
    run(python, "-m", "pip", "install", "--quiet", *source, "--no-deps", "-e", ROOT)
    run(python, "-m", "ipykernel", "install", "--sys-prefix", "--name", "rnn-course",
        "--display-name", "Python (RNNs for Time Series)", quiet=True)
    STAMP.write_text(fingerprint() + "\n")
    return python


def lab(given: str | None = None, port: int = 8888, extra: list[str] | None = None) -> None:
    """``env``, then JupyterLab on the index notebook with the course's environment variables."""
    python = env(given)
    args = [python, "-m", "jupyter", "lab", f"--port={port}", f"--ServerApp.root_dir={ROOT}"]
    if not WINDOWS and os.geteuid() == 0:
        args.append("--allow-root")  # containers and CI run as root
    args += [*(extra or []), "notebooks/00_index.ipynb"]
    environment = {**os.environ, **COURSE_ENVIRONMENT}
    print("+", " ".join(map(str, args)), flush=True)
    raise SystemExit(subprocess.run([str(a) for a in args], cwd=ROOT, env=environment).returncode)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["env", "lab", "python"])
    parser.add_argument("--python", default=os.environ.get("PYTHON") or None,
                        help="the interpreter to use (default: $PYTHON, else the newest supported)")
    parser.add_argument("--port", type=int, default=8888, help="JupyterLab's port (lab only)")
    args, extra = parser.parse_known_args(argv)
    try:
        if args.command == "python":
            command, version = choose_python(args.python)
            print(f"{' '.join(command)} (Python {version})")
        elif args.command == "env":
            env(args.python)
        else:
            lab(args.python, args.port, extra)
    except SetupError as exc:
        print(f"tools/course.py: {exc}", file=sys.stderr)
        return 2
    except subprocess.CalledProcessError as exc:
        print(f"tools/course.py: a set-up step failed (exit {exc.returncode}); see above",
              file=sys.stderr)
        return exc.returncode or 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
