#!/usr/bin/env bash
# Everything that `npm test` (and CI) checks: lint, formatting, types, build, unit tests and package
# checks one after the other, then the real-n8n tests in three parallel lanes (current: the e2e
# tests against n8n 2.40.7, then its editor in Chromium; previous: the e2e tests against 1.123.81;
# guard: the fresh-machine guard), then queue mode on its own. Always runs every step, then prints one
# summary line `tests: N passed, N failed` and exits non-zero if anything failed.
#
#   SKIP_E2E=1 npm test            # everything but the real-n8n tests (for a quick local loop)
#   FRESH_CACHE_GUARD=1 npm test   # also the fresh-machine guard (always on in CI, where CI=true):
#                                  # provisions n8n 2.40.7 into an empty cache and starts it (~7 min)
#   E2E_WORKERS=1 npm test         # one e2e file at a time per version (default 2)
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p .tmp
# The tested n8n versions, written once in test/n8n-versions.json.
N8N_CURRENT="$(node -p "require('./test/n8n-versions.json').current")"
N8N_PREVIOUS="$(node -p "require('./test/n8n-versions.json').previous")"

# Both n8n versions are provisioned in the background while the static checks and unit tests run:
# on a new machine that is the longest part (8-14 min each). provision.sh locks per version, so the two
# install at the same time, and each real-n8n step waits for its version. A cached version takes
# well under a second.
if [ "${SKIP_E2E:-0}" != "1" ]; then
	for version in "$N8N_CURRENT" "$N8N_PREVIOUS"; do
		bash test/e2e/provision.sh "$version" >".tmp/provision-$version.log" 2>&1 &
	done
fi
rm -f .tmp/failed-steps .tmp/lane-*.log

# One step: its name, its outcome, and on failure a line in .tmp/failed-steps (steps also run in
# the background lanes below, whose variables the main shell never sees).
step() {
	local name="$1"
	shift
	echo
	echo "=== $name"
	if "$@"; then echo "--- $name: ok"; else echo "--- $name: FAILED"; echo "$name" >>.tmp/failed-steps; fi
}

# n8n-node lint in strict mode: n8n's template rules on nodes/, credentials/ and package.json,
# test/eslint.config.mjs on test/ and tools/ (see the header of that file).
step "lint (n8n-node lint: n8n's community-node rules; test/ and tools/ with their own configuration)" npm run --silent lint
cloud_eligible() {
	local out
	# Plain text: with CI set, the tool colours its output (an escape code between "Status:" and
	# "eligible" made this check fail in CI while it passed in a terminal).
	out="$(NO_COLOR=1 npx n8n-node cloud-support 2>&1 | sed 's/\x1b\[[0-9;]*m//g')"
	echo "$out"
	grep -q 'Status: eligible' <<<"$out"
}
step "n8n Cloud eligibility (npx n8n-node cloud-support: strict mode, n8n's eslint.config.mjs)" cloud_eligible
step "format (Prettier, n8n starter settings)" npm run --silent format:check
step "type-check (package and tests)" npm run --silent typecheck
step "build" npm run --silent build
rm -f .tmp/jest-*.json
# The unit tests run before the real-n8n lanes start: some wait for real time (retries, timeouts
# against a local server) and missed jest's 5 s when four n8n instances shared the two cores.
step "unit tests" npx jest --json --outputFile=.tmp/jest-unit.json
step "package checks (packed files, n8n scanner rules)" node test/package/check-package.js

# Packed once for every real-n8n test of this run (the harness reuses it, see PACKED_TGZ_ENV in
# test/e2e/harness/provision.js): the lanes below never build, so they never race on dist/.
pack_once() {
	INTELLIXENT_PACKED_TGZ="$(node -e "require('./test/e2e/harness/provision').packPackage({ build: false }).then((p) => console.log(p))")" &&
		[ -f "$INTELLIXENT_PACKED_TGZ" ] && export INTELLIXENT_PACKED_TGZ && echo "packed: $INTELLIXENT_PACKED_TGZ"
}

# The real-n8n tests in parallel lanes. Most of their time is waiting (for n8n to start, for a
# poll's minute, for a retry), so lanes overlap the waits; each n8n has its own ports, user folder
# and emulator. Within a version's e2e run, E2E_WORKERS (default 2 here) files run at once, so the
# Call Trigger's minute polls overlap the other files. Each lane writes .tmp/lane-<name>.log,
# printed whole, in this order, when all have ended.
lane_current() {
	step "end-to-end tests against a real n8n ($N8N_CURRENT)" env E2E_WORKERS="${E2E_WORKERS:-2}" npx jest -c test/e2e/jest.config.js --json --outputFile=.tmp/jest-e2e.json
	# n8n's editor in Debian's Chromium (installed when missing, as root): what a user sees.
	step "browser test: n8n $N8N_CURRENT's editor in Chromium" npx jest -c test/browser/jest.config.js --json --outputFile=.tmp/jest-browser.json
}
lane_previous() {
	# The same scenarios against the newest n8n 1.x that installs (provisioned in the background above).
	step "end-to-end tests against n8n 1.x ($N8N_PREVIOUS)" env N8N_VERSION="$N8N_PREVIOUS" E2E_WORKERS="${E2E_WORKERS:-2}" npx jest -c test/e2e/jest.config.js --json --outputFile=.tmp/jest-e2e-1x.json
}
lane_guard() {
	# Waits for this run's own provisioning of the current version, which decides whether the guard
	# is needed at all.
	bash test/e2e/provision.sh "$N8N_CURRENT" >/dev/null 2>&1
	if grep -q '^FRESH_CACHE=yes$' ".tmp/provision-$N8N_CURRENT.log" 2>/dev/null; then
		# This run installed Node and n8n into an empty cache under npm test's environment and the
		# real-n8n steps started it: what the guard proves, already proven.
		echo; echo "=== fresh-machine guard: covered (this run provisioned n8n $N8N_CURRENT into an empty cache; .tmp/provision-$N8N_CURRENT.log)"
	elif [ "${CI:-}" = "true" ] || [ "${FRESH_CACHE_GUARD:-0}" = "1" ]; then
		# A warm cache hides provisioning bugs; this runs under the npm environment `npm test` has.
		step "fresh-machine guard: n8n $N8N_CURRENT provisioned into an empty cache, started to readiness" \
			npx jest -c test/e2e/jest.config.js --testMatch '<rootDir>/test/e2e/fresh-cache.guard.ts' --json --outputFile=.tmp/jest-fresh-cache.json
	else
		echo; echo "=== fresh-machine guard: not run (runs in CI, or with FRESH_CACHE_GUARD=1)"
	fi
}

if [ "${SKIP_E2E:-0}" = "1" ]; then
	echo; echo "=== end-to-end tests against a real n8n: SKIPPED (SKIP_E2E=1)"
else
	step "pack the package once for the real-n8n tests" pack_once
	lanes=(current previous guard)
	echo
	echo "=== real-n8n lanes started in parallel: ${lanes[*]} (logs in .tmp/lane-<name>.log)"
	lanes_started=$SECONDS
	for lane in "${lanes[@]}"; do
		(
			started=$SECONDS
			"lane_$lane"
			echo
			echo "--- lane $lane ended after $((SECONDS - started)) s"
		) >".tmp/lane-$lane.log" 2>&1 &
	done
	wait # the lanes and the background provisioning
	for lane in "${lanes[@]}"; do
		echo
		echo "##### lane $lane"
		cat ".tmp/lane-$lane.log"
	done
	echo
	echo "=== real-n8n lanes: all ended after $((SECONDS - lanes_started)) s"
	# Queue mode (main, worker, 2 webhook processes, Redis and PostgreSQL from Debian) runs alone
	# after the lanes: it measures duplicate deliveries at the same moment to two processes, and with
	# four n8n instances and the guard's install beside it one such execution failed.
	step "queue-mode end-to-end tests (n8n $N8N_CURRENT)" npx jest -c test/queue/jest.config.js --json --outputFile=.tmp/jest-queue.json
fi
wait # the background provisioning, should a step have ended before it

node -e '
const fs = require("fs");
let passed = 0, failed = 0;
for (const f of fs.readdirSync(".tmp").filter((f) => /^jest-.*\.json$/.test(f))) {
	const r = JSON.parse(fs.readFileSync(".tmp/" + f, "utf8"));
	passed += r.numPassedTests; failed += r.numFailedTests;
	console.log(`${f.replace(/^jest-|\.json$/g, "")}: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped (${r.numTotalTestSuites} suites)`);
}
fs.writeFileSync(".tmp/totals", `${passed} ${failed}\n`);
'
read -r passed failed < .tmp/totals 2>/dev/null || { passed=0; failed=0; }
echo
if [ -s .tmp/failed-steps ]; then
	echo "failed steps: $(paste -sd';' .tmp/failed-steps)"
	# A failed step that is not a test runner (lint, build...) still fails the run.
	[ "$failed" -gt 0 ] || failed=1
fi
echo "tests: $passed passed, $failed failed"
[ ! -s .tmp/failed-steps ]
