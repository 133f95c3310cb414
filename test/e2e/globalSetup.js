'use strict';
/**
 * Jest globalSetup of the real-n8n suites: provision the n8n they run (N8N_VERSION, default the
 * current version of test/n8n-versions.json) before any test file starts, and build and pack the
 * package once for all of them. On a fresh machine provisioning takes 8-14 minutes; inside a
 * file's beforeAll it ran into the hook's timeout and failed every test of the first file, which
 * a warm cache never shows. Here no jest timeout applies (provision.sh bounds itself), and later
 * calls in the test files find the cache ready. The packed package is handed to the test files
 * in the environment (PACKED_TGZ_ENV), which jest's workers inherit.
 */
const { DEFAULT_N8N_VERSION, PACKED_TGZ_ENV, packPackage, provision } = require('./harness');

module.exports = async function provisionBeforeTests() {
	const started = Date.now();
	const { version, n8nRoot } = await provision(DEFAULT_N8N_VERSION);
	const seconds = Math.round((Date.now() - started) / 1000);
	process.stdout.write(`\n[e2e] n8n ${version} ready in ${n8nRoot} (${seconds} s)\n`);
	process.env[PACKED_TGZ_ENV] = await packPackage();
	process.stdout.write(`[e2e] package packed once for this run: ${process.env[PACKED_TGZ_ENV]}\n`);
};
