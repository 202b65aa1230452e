"""tools/offline.sh really cuts the network (the notebook tests run inside it) but keeps loopback."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "tools" / "offline.sh"
PROBE = """
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen()
socket.create_connection(s.getsockname(), timeout=5).close()
print("loopback ok")
try:
    socket.create_connection(("1.1.1.1", 443), timeout=5).close()
    print("network reachable")
except OSError:
    print("network cut")
"""


def test_offline_script_cuts_the_network_and_keeps_loopback():
    result = subprocess.run(["bash", str(SCRIPT), sys.executable, "-c", PROBE],
                            capture_output=True, text=True, timeout=60)
    if "no network namespace" in result.stderr and os.environ.get("CI") != "true":
        pytest.skip("this machine cannot make network namespaces (CI can and must)")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["loopback", "ok", "network", "cut"]
