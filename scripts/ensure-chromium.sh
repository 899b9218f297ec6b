#!/bin/sh
# Print the path of a Chromium that Playwright can drive, installing Debian's
# `chromium` package when none is found and we are allowed to (root + apt).
# Playwright cannot download its own browser on these machines, so we use the
# system one (see README, "Testing").
set -eu
for candidate in "${CHROMIUM:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then
    echo "$candidate"
    exit 0
  fi
done
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "No Chromium found: installing Debian's chromium package (about 20 s)…" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq chromium >&2
  echo /usr/bin/chromium
  exit 0
fi
cat >&2 <<'MSG'
No Chromium found. The browser tests need one:
  - on Debian or Ubuntu:  sudo apt-get install chromium
  - or point CHROMIUM at an existing binary:  make test CHROMIUM=/path/to/chromium
MSG
exit 1
