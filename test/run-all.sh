#!/usr/bin/env bash
# Everything that `npm test` (and CI) checks, in order: lint, formatting, types, build, unit tests, package
# checks, then the end-to-end tests against a real n8n (2.40.7, its editor in Chromium, 1.123.81, and queue mode). Always runs every step, then prints one
# summary line `tests: N passed, N failed` and exits non-zero if anything failed.
#
#   SKIP_E2E=1 npm test            # everything but the real-n8n tests (for a quick local loop)
#   FRESH_CACHE_GUARD=1 npm test   # also the fresh-machine guard (always on in CI, where CI=true):
#                                  # provisions n8n 2.40.7 into an empty cache and starts it (~7 min)
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
failed_steps=()

step() {
	local name="$1"
	shift
	echo
	echo "=== $name"
	if "$@"; then echo "--- $name: ok"; else echo "--- $name: FAILED"; failed_steps+=("$name"); fi
}

# n8n-node lint in strict mode: n8n's template rules on nodes/, credentials/ and package.json,
# test/eslint.config.mjs on test/ (see the header of that file).
step "lint (n8n-node lint: n8n's community-node rules; test/ with its own configuration)" npm run --silent lint
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
step "unit tests" npx jest --json --outputFile=.tmp/jest-unit.json
step "package checks (packed files, n8n scanner rules)" node test/package/check-package.js
if [ "${SKIP_E2E:-0}" = "1" ]; then
	echo; echo "=== end-to-end tests against a real n8n: SKIPPED (SKIP_E2E=1)"
else
	step "end-to-end tests against a real n8n" npx jest -c test/e2e/jest.config.js --json --outputFile=.tmp/jest-e2e.json
	# n8n's editor in Debian's Chromium (installed when missing, as root): what a user sees (2-3 min).
	step "browser test: n8n $N8N_CURRENT's editor in Chromium" npx jest -c test/browser/jest.config.js --json --outputFile=.tmp/jest-browser.json
	# The same scenarios against the newest n8n 1.x that installs (provisioned in the background above).
	step "end-to-end tests against n8n 1.x ($N8N_PREVIOUS)" env N8N_VERSION="$N8N_PREVIOUS" npx jest -c test/e2e/jest.config.js --json --outputFile=.tmp/jest-e2e-1x.json
	# Queue mode: main, worker, 2 webhook processes, Redis and PostgreSQL from Debian (~3 min).
	step "queue-mode end-to-end tests (n8n $N8N_CURRENT)" npx jest -c test/queue/jest.config.js --json --outputFile=.tmp/jest-queue.json
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
if [ ${#failed_steps[@]} -gt 0 ]; then
	echo "failed steps: ${failed_steps[*]}"
	# A failed step that is not a test runner (lint, build...) still fails the run.
	[ "$failed" -gt 0 ] || failed=1
fi
echo "tests: $passed passed, $failed failed"
[ ${#failed_steps[@]} -eq 0 ]
