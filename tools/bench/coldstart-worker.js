'use strict';
/**
 * One cold start, in a fresh Node process (run.js starts ~10 of them):
 *
 *   NODE_PATH=<node_modules with n8n-workflow and zod> node coldstart-worker.js '<json>'
 *
 * options: { packageDir, preloadZod }
 * Like n8n at start-up: n8n-workflow is already loaded (n8n itself uses it), then the package's
 * credential and node files are required and their classes instantiated (n8n reads `description`
 * from an instance). n8n 2.40 resolves a community package's `require('zod')` to its own zod via
 * NODE_PATH (load-nodes-and-credentials.js `init()`), and n8n-workflow has loaded that zod already:
 * `preloadZod` true is that case; false drops zod from the require cache first, so the package's
 * cost includes loading zod (as a package-private copy of zod would).
 * Prints one JSON line: milliseconds for each step.
 */
const path = require('node:path');

const { packageDir, preloadZod = true } = JSON.parse(process.argv[2] || '{}');
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
// Resolve as the package does (from its dist/ folder; NODE_PATH when it has no node_modules).
const fromPackage = (request) =>
	require.resolve(request, { paths: [path.join(packageDir, 'dist')] });

let t = process.hrtime.bigint();
require(fromPackage('n8n-workflow'));
const workflowMs = ms(t);

// n8n-workflow 2.x loads zod itself, so in n8n zod is in memory before any package loads.
const zodDir = path.dirname(fromPackage('zod/package.json'));
const zodLoaded = () => Object.keys(require.cache).some((k) => k.startsWith(zodDir + path.sep));
const zodLoadedByWorkflow = zodLoaded();
let zodMs = null;
if (preloadZod) {
	t = process.hrtime.bigint();
	require(fromPackage('zod'));
	zodMs = ms(t);
} else {
	// The package's require('zod') must load it from scratch (as a package-private copy would).
	for (const key of Object.keys(require.cache))
		if (key.startsWith(zodDir + path.sep)) delete require.cache[key];
}

const pkg = require(path.join(packageDir, 'package.json'));
t = process.hrtime.bigint();
for (const file of pkg.n8n.credentials) {
	const mod = require(path.join(packageDir, file));
	for (const Cls of Object.values(mod)) if (typeof Cls === 'function') void new Cls().name;
}
for (const file of pkg.n8n.nodes) {
	const mod = require(path.join(packageDir, file));
	for (const Cls of Object.values(mod)) if (typeof Cls === 'function') void new Cls().description;
}
const packageMs = ms(t);

process.stdout.write(
	`${JSON.stringify({
		node: process.version,
		preloadZod,
		workflowMs,
		zodMs,
		packageMs,
		zodLoadedByWorkflow,
		zodVersion: require(path.join(zodDir, 'package.json')).version,
		zodFrom: zodDir,
		workflowFrom: path.dirname(fromPackage('n8n-workflow/package.json')),
	})}\n`,
);
