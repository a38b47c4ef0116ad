#!/usr/bin/env bash
# Install what the tests need (Python packages, Debian's chromium, a CJK font, poppler, PostgreSQL for
# the server-mode tests, which start and stop their own throwaway cluster, nginx for the multi-replica
# test) and run the whole suite. pytest's exit 5 (no tests collected) is a failure, not a pass.
set -euo pipefail
cd "$(dirname "$0")/.."
need=""
for p in chromium fonts-noto-cjk fonts-arphic-gbsn00lp fonts-arphic-gkai00mp poppler-utils postgresql nginx; do
  dpkg -s "$p" >/dev/null 2>&1 || need="$need $p"
done
if [ -n "$need" ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need
fi
python3 -m pip install -q --disable-pip-version-check -r requirements-test.txt
set +e
python3 -m pytest "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: failing" >&2
  exit 1
fi
exit "$status"
