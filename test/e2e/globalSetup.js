'use strict';
/**
 * Jest globalSetup of the real-n8n suites: provision the n8n they run (N8N_VERSION, default
 * 2.40.7) before any test file starts. On a fresh machine provisioning takes 8-14 minutes; inside
 * a file's beforeAll it ran into the hook's timeout and failed every test of the first file, which
 * a warm cache never shows. Here no jest timeout applies (provision.sh bounds itself), and later
 * calls in the test files find the cache ready.
 */
const { DEFAULT_N8N_VERSION, provision } = require('./harness');

module.exports = async function provisionBeforeTests() {
	const started = Date.now();
	const { version, n8nRoot } = await provision(DEFAULT_N8N_VERSION);
	const seconds = Math.round((Date.now() - started) / 1000);
	process.stdout.write(`\n[e2e] n8n ${version} ready in ${n8nRoot} (${seconds} s)\n`);
};
