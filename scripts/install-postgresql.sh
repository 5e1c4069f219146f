#!/bin/sh
# Installs Debian's postgresql package for scripts/services.sh (which runs
# its own server from initdb + pg_ctl on a free port, never the packaged
# cluster). Idempotent: does nothing when initdb is already there. Needs root
# and the Debian package mirror.
set -eu
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
	echo "postgresql: $(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)"
	exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y postgresql
ls /usr/lib/postgresql/*/bin/initdb
