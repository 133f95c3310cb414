#!/usr/bin/env bash
# Installs Debian packages the real-n8n tests need (Redis and PostgreSQL for the queue-mode test,
# Chromium for the browser test) when they are missing: apt-get, as root only, one install at a time
# on the machine (a flock), every step bounded in time. Nothing but Debian packages is downloaded.
#
#   tools/debian-packages.sh PACKAGE...   installs the packages (callers check what is missing)
#
# Not root: fails, saying which apt-get command to run.
set -euo pipefail

[ $# -gt 0 ] || {
	echo "usage: $0 PACKAGE..." >&2
	exit 2
}
if [ "$(id -u)" != "0" ]; then
	echo "[debian-packages] ERROR: missing $*: install them (apt-get install -y $*) or run as root" >&2
	exit 1
fi
echo "[debian-packages] installing $* from Debian's packages" >&2
(
	flock 9
	export DEBIAN_FRONTEND=noninteractive
	timeout 300 apt-get update -qq >&2
	timeout 900 apt-get install -y -qq --no-install-recommends "$@" >&2
) 9>/tmp/.intellixent-apt.lock
