#!/usr/bin/env bash
# Make sure Debian's Chromium (/usr/bin/chromium) is there for the browser tests
# (tests/test_browser.py). Playwright drives this system browser: its own browser download
# cannot work on machines that reach only the package registries.
#   - /usr/bin/chromium exists: nothing to do.
#   - root with apt-get: apt-get update, then install Debian's `chromium` package.
#   - otherwise: say why the browser tests will be skipped (in CI, with CI=true, they fail
#     instead, so this script never fails the build by itself: the tests report it).
set -uo pipefail
CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
  exit 0
fi

if [ "$(id -u)" = "0" ] && command -v apt-get > /dev/null; then
  echo "ensure_chromium: installing Debian's chromium for the browser tests" >&2
  export DEBIAN_FRONTEND=noninteractive
  if apt-get update -qq > /dev/null \
     && apt-get install -y -qq --no-install-recommends chromium > /dev/null; then
    if [ -x "$CHROMIUM" ]; then
      "$CHROMIUM" --version >&2 || true
      exit 0
    fi
  fi
  echo "ensure_chromium: apt-get could not install chromium" >&2
else
  echo "ensure_chromium: $CHROMIUM is missing and this is not root with apt-get" >&2
fi

if [ "${CI:-}" = "true" ]; then
  echo "ensure_chromium: CI=true, so the browser tests will FAIL without $CHROMIUM" >&2
else
  echo "ensure_chromium: the browser tests (tests/test_browser.py) will be skipped; install" \
       "Chromium (Debian/Ubuntu: sudo apt-get install chromium) to run them" >&2
fi
exit 0
