#!/bin/sh
# Installs Debian's chromium for the browser tests of internal/web
# (chromedp drives /usr/bin/chromium headless). Idempotent: does nothing
# when chromium is already there. Needs root and the Debian package mirror.
set -eu
if [ -x /usr/bin/chromium ]; then
	echo "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo present)"
	exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y chromium
/usr/bin/chromium --version
