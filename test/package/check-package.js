#!/usr/bin/env node
'use strict';
/**
 * Release checks of what `npm publish` would ship. Run after `npm run build`:
 *
 *   node test/package/check-package.js
 *
 * 1. Packed files (`npm pack --dry-run --json`): only dist/**, README.md, LICENSE.md,
 *    package.json and the `main` file; dist/ holds only compiled output and icons.
 * 2. package.json: no runtime dependencies, peerDependencies exactly {"n8n-workflow":"*"}, MIT,
 *    the community-node keyword, no install-time scripts, `n8n.nodes`/`n8n.credentials` built.
 * 3. n8n's community-package scanner (`@n8n/scan-community-package` 0.32.0, pinned; the newest
 *    that installs), its own code on its source leg (package.json + {nodes,credentials}/**) and
 *    its tarball leg (**\/*.js + package.json of the unpacked `npm pack` output); the rules that
 *    must be on for a pass to mean something; no silent catch block anywhere in nodes/ or
 *    credentials/ (see test/package/scanner.js). The registry part of the scanner (provenance,
 *    downloads) runs only after publishing; .github/workflows/publish.yml publishes with provenance.
 * 4. Source hygiene in nodes/, credentials/ and dist/: no eslint-disable comments, no
 *    process.env, console., fs or child_process.
 * 5. The README's manual install (`npm install --omit=peer <tarball>` in a nodes folder) installs
 *    the package alone: no second n8n-workflow beside the one n8n brings.
 *
 * Prints one line per check; exits 1 if any check fails, 2 if it could not run.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const {
	TARBALL_FILE_PATTERNS,
	loadScanner,
	missingRules,
	scanLeg,
	silentCatches,
} = require('./scanner');
const { walk: walkFiles } = require('../../tools/process');

const ROOT = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

const results = [];
function check(name, problems) {
	const list = (Array.isArray(problems) ? problems : [problems]).filter(Boolean);
	results.push({ name, problems: list });
	console.log(`${list.length ? 'FAIL' : 'ok  '}  ${name}`);
	for (const p of list) console.log(`        - ${p}`);
}

/** Files below `dir`, as `/`-separated paths relative to it; node_modules is not entered. */
function walk(dir) {
	return walkFiles(dir, { skip: (name) => name === 'node_modules' }).map((file) =>
		path.relative(dir, file).split(path.sep).join('/'),
	);
}

function npm(args, cwd = ROOT) {
	return execFileSync('npm', args, {
		cwd,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
		timeout: 120000,
		env: { ...process.env, npm_config_loglevel: 'error' },
	});
}

function parseJsonOutput(text) {
	return JSON.parse(text.slice(text.indexOf('[')));
}

// ---------------------------------------------------------------------------------------------
// 1. Packed files
// ---------------------------------------------------------------------------------------------

/**
 * Files allowed in dist/: compiled JavaScript, its declarations, JSON (codex), icons. No source
 * maps: they were half the tarball and point at TypeScript sources the package does not ship.
 */
const DIST_FILE =
	/^dist\/(?!.*\.tsbuildinfo$)(?!.*(^|\/)(test|tests|__tests__)\/).*\.(js|d\.ts|json|svg|png)$/;

function checkPackedFiles() {
	if (!fs.existsSync(path.join(ROOT, 'dist'))) {
		check('dist/ exists (run `npm run build` first)', 'dist/ is missing');
		return [];
	}
	const [info] = parseJsonOutput(npm(['pack', '--dry-run', '--json', '--ignore-scripts']));
	const files = info.files.map((f) => f.path).sort();
	const allowedTopLevel = new Set(['README.md', 'LICENSE.md', 'package.json']);
	if (pkg.main) allowedTopLevel.add(path.posix.normalize(pkg.main));
	const unexpected = files.filter((f) => !allowedTopLevel.has(f) && !DIST_FILE.test(f));
	check(
		`npm pack ships only dist/**, README.md, LICENSE.md, package.json${pkg.main ? ` and ${pkg.main} (main)` : ''} (${files.length} files)`,
		unexpected.map((f) => `unexpected file in the package: ${f}`),
	);
	check(
		'README.md, LICENSE.md and package.json are packed',
		['README.md', 'LICENSE.md', 'package.json']
			.filter((f) => !files.includes(f))
			.map((f) => `${f} is not packed`),
	);
	check(
		'no TypeScript sources, tests or build info are packed',
		files
			.filter(
				(f) =>
					(/\.ts$/.test(f) && !/\.d\.ts$/.test(f)) || /tsbuildinfo|\.test\.|(^|\/)test\//.test(f),
			)
			.map((f) => `packed: ${f}`),
	);
	return files;
}

// ---------------------------------------------------------------------------------------------
// 2. package.json
// ---------------------------------------------------------------------------------------------

function checkPackageJson(packedFiles) {
	const deps = pkg.dependencies;
	check(
		'package.json: no runtime dependencies',
		deps && Object.keys(deps).length ? `dependencies: ${Object.keys(deps).join(', ')}` : null,
	);
	check(
		'package.json: peerDependencies is exactly {"n8n-workflow":"*"}',
		JSON.stringify(pkg.peerDependencies) === JSON.stringify({ 'n8n-workflow': '*' })
			? null
			: `peerDependencies: ${JSON.stringify(pkg.peerDependencies)}`,
	);
	check(
		'package.json: license MIT',
		pkg.license === 'MIT' ? null : `license: ${JSON.stringify(pkg.license)}`,
	);
	const licenseText = fs.existsSync(path.join(ROOT, 'LICENSE.md'))
		? fs.readFileSync(path.join(ROOT, 'LICENSE.md'), 'utf8')
		: '';
	check(
		'LICENSE.md is the MIT license',
		/^MIT License/.test(licenseText) ? null : 'LICENSE.md is missing or not MIT',
	);
	check(
		'package.json: keyword n8n-community-node-package',
		(pkg.keywords || []).includes('n8n-community-node-package') ? null : 'keyword missing',
	);
	check('package.json: name n8n-nodes-* and files ["dist"]', [
		/^(@[a-z0-9-~][a-z0-9-._~]*\/)?n8n-nodes-/.test(pkg.name) ? null : `name: ${pkg.name}`,
		JSON.stringify(pkg.files) === JSON.stringify(['dist'])
			? null
			: `files: ${JSON.stringify(pkg.files)}`,
	]);
	const forbiddenScripts = [
		'prepare',
		'preinstall',
		'install',
		'postinstall',
		'prepublish',
		'preprepare',
		'postprepare',
	];
	check('package.json: no install-time lifecycle scripts, no overrides', [
		...forbiddenScripts.filter((s) => pkg.scripts && s in pkg.scripts).map((s) => `script "${s}"`),
		pkg.overrides ? 'overrides field' : null,
	]);
	check('package.json: author name and email, repository and homepage', [
		pkg.author && pkg.author.name && pkg.author.email ? null : 'author needs name and email',
		pkg.repository && /github\.com/.test(pkg.repository.url || '')
			? null
			: 'repository.url is not a GitHub URL',
		pkg.homepage ? null : 'homepage missing',
	]);
	const n8n = pkg.n8n || {};
	const entries = [...(n8n.nodes || []), ...(n8n.credentials || [])];
	check(
		'package.json: n8n.n8nNodesApiVersion 1, n8n.nodes and n8n.credentials non-empty and under dist/',
		[
			n8n.n8nNodesApiVersion === 1 ? null : `n8nNodesApiVersion: ${n8n.n8nNodesApiVersion}`,
			(n8n.nodes || []).length ? null : 'n8n.nodes is empty',
			(n8n.credentials || []).length ? null : 'n8n.credentials is empty',
			...entries.filter((e) => !/^dist\/.+\.js$/.test(e)).map((e) => `not a dist/*.js path: ${e}`),
		],
	);
	check(
		`n8n.nodes / n8n.credentials exist in dist and are packed (${entries.length})`,
		entries.flatMap((e) => [
			fs.existsSync(path.join(ROOT, e)) ? null : `${e} does not exist (build first)`,
			packedFiles.length && !packedFiles.includes(e) ? `${e} is not packed` : null,
		]),
	);
	check(
		`main (${pkg.main}) exists`,
		!pkg.main || fs.existsSync(path.join(ROOT, pkg.main)) ? null : `${pkg.main} does not exist`,
	);
	// Every node and credential class loads from dist/ and is named like its file.
	const loadProblems = [];
	for (const entry of entries) {
		const file = path.join(ROOT, entry);
		if (!fs.existsSync(file)) continue;
		const expected = path.basename(entry).replace(/\.(node|credentials)\.js$/, '');
		try {
			const mod = require(file);
			if (typeof mod[expected] !== 'function')
				loadProblems.push(`${entry} does not export class ${expected}`);
		} catch (error) {
			loadProblems.push(`${entry} does not load: ${error.message.split('\n')[0]}`);
		}
	}
	check(
		'each n8n.nodes / n8n.credentials file loads and exports the class named after it',
		loadProblems,
	);
}

// ---------------------------------------------------------------------------------------------
// 3. n8n's community-package scanner (test/package/scanner.js)
// ---------------------------------------------------------------------------------------------

/** The TypeScript source of each `n8n.nodes` / `n8n.credentials` entry (`dist/x/Y.node.js` -> `x/Y.node.ts`). */
function sourceOf(entry) {
	return entry.replace(/^dist\//, '').replace(/\.js$/, '.ts');
}

/** The scanner's verdict on one leg, and the rules it must have run there as errors. */
async function checkLeg(scanner, label, dir, patterns, ruleFiles) {
	const leg = await scanLeg(scanner, dir, patterns);
	check(`scanner ${label} (${patterns.join(', ')}): every rule passes`, leg.problems);
	const missing = [];
	for (const [file, kind] of ruleFiles)
		missing.push(...(await missingRules(scanner, dir, file, kind)));
	check(
		`scanner ${label}: the rules that matter here are on (${ruleFiles.map(([f]) => path.basename(f)).join(', ')})`,
		missing,
	);
}

async function checkScanner() {
	const { scanner, version, pluginVersion } = await loadScanner();
	console.log(
		`      n8n's scanner: @n8n/scan-community-package@${version}, rules of @n8n/eslint-plugin-community-nodes@${pluginVersion}` +
			' (npm run lint checks the source with the newer rules of n8n-node lint)',
	);
	const n8n = pkg.n8n || {};
	const ruleFiles = (toFile) => [
		...(n8n.nodes || []).map((e) => [toFile(e), 'node']),
		...(n8n.credentials || []).map((e) => [toFile(e), 'credential']),
		['package.json', 'packageJson'],
	];

	await checkLeg(scanner, 'source leg', ROOT, scanner.SOURCE_FILE_PATTERNS, ruleFiles(sourceOf));
	const shippedTs = ['nodes', 'credentials'].flatMap((d) =>
		walk(path.join(ROOT, d))
			.filter((f) => f.endsWith('.ts'))
			.map((f) => `${d}/${f}`),
	);
	check(
		`no catch block in nodes/ or credentials/ swallows an error silently (${shippedTs.length} files; ` +
			"the scanner's no-silent-error-swallowing, carried into the modules checkExists/create/delete call)",
		await silentCatches(ROOT, shippedTs),
	);

	// Tarball leg: the unpacked `npm pack` output.
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'intellixent-scan-'));
	try {
		const [info] = parseJsonOutput(
			npm(['pack', '--json', '--ignore-scripts', '--pack-destination', tmp]),
		);
		const unpacked = path.join(tmp, 'package');
		execFileSync('tar', ['-xzf', path.join(tmp, info.filename), '-C', tmp], { timeout: 60000 });
		await checkLeg(
			scanner,
			'tarball leg',
			unpacked,
			TARBALL_FILE_PATTERNS,
			ruleFiles((e) => e),
		);
	} finally {
		// Keep nothing behind; the unpacked files were only needed for linting.
		fs.rmSync(tmp, { recursive: true, force: true });
	}
}

// ---------------------------------------------------------------------------------------------
// 4. Source hygiene
// ---------------------------------------------------------------------------------------------

function checkHygiene() {
	const sources = ['nodes', 'credentials'].flatMap((d) =>
		walk(path.join(ROOT, d))
			.filter((f) => /\.(ts|js)$/.test(f))
			.map((f) => `${d}/${f}`),
	);
	const dist = walk(path.join(ROOT, 'dist'))
		.filter((f) => f.endsWith('.js'))
		.map((f) => `dist/${f}`);
	const read = (f) => fs.readFileSync(path.join(ROOT, f), 'utf8');
	const find = (files, pattern, what) =>
		files.flatMap((f) =>
			read(f)
				.split('\n')
				.flatMap((line, i) =>
					pattern.test(line) ? [`${f}:${i + 1}: ${what}: ${line.trim().slice(0, 100)}`] : [],
				),
		);

	check(
		`no eslint-disable comments in nodes/ or credentials/ (${sources.length} files; the scanner ignores them)`,
		find(sources, /eslint-disable/, 'eslint-disable'),
	);
	const all = [...sources, ...dist];
	check(
		`no process.env in nodes/, credentials/, dist/ (${all.length} files)`,
		find(all, /\bprocess\s*\.\s*env\b/, 'process.env'),
	);
	check('no console. in nodes/, credentials/, dist/', find(all, /\bconsole\s*\./, 'console'));
	const moduleImport =
		/(?:require\(\s*|from\s+|import\(\s*)['"](?:node:)?(fs|fs\/promises|child_process)['"]/;
	check(
		'no fs or child_process imports in nodes/, credentials/, dist/',
		find(all, moduleImport, 'import'),
	);
}

// ---------------------------------------------------------------------------------------------
// 5. The manual install path
// ---------------------------------------------------------------------------------------------

/**
 * What a user does by hand (README, Installation): a plain `npm install` there would also install
 * the peer n8n-workflow (and its dependencies), a second copy next to n8n's own, which is a known
 * way for community nodes to break; n8n's own installer strips peers first.
 */
function checkManualInstall() {
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'intellixent-manual-install-'));
	try {
		const [info] = parseJsonOutput(
			npm(['pack', '--json', '--ignore-scripts', '--pack-destination', tmp]),
		);
		const nodesDir = path.join(tmp, 'nodes');
		fs.mkdirSync(nodesDir);
		fs.writeFileSync(
			path.join(nodesDir, 'package.json'),
			'{"name":"installed-nodes","private":true}',
		);
		npm(
			[
				'install',
				'--omit=peer',
				'--no-audit',
				'--no-fund',
				'--prefer-offline',
				path.join(tmp, info.filename),
			],
			nodesDir,
		);
		const installed = fs
			.readdirSync(path.join(nodesDir, 'node_modules'))
			.filter((n) => !n.startsWith('.'));
		check(
			`npm install --omit=peer <tarball> installs ${pkg.name} alone (the README's manual install)`,
			[
				!installed.includes(pkg.name) && `${pkg.name} is not installed`,
				...installed.filter((n) => n !== pkg.name).map((n) => `also installed: ${n}`),
			],
		);
	} finally {
		fs.rmSync(tmp, { recursive: true, force: true });
	}
}

// ---------------------------------------------------------------------------------------------

async function main() {
	console.log(`Checking ${pkg.name}@${pkg.version} in ${ROOT}`);
	const packed = checkPackedFiles();
	checkPackageJson(packed);
	checkHygiene();
	await checkScanner();
	checkManualInstall();
	const failed = results.filter((r) => r.problems.length);
	console.log(
		failed.length
			? `\npackage checks: ${failed.length} of ${results.length} failed`
			: `\npackage checks: all ${results.length} passed`,
	);
	return failed.length ? 1 : 0;
}

main().then(
	(code) => process.exit(code),
	(error) => {
		console.error(`package checks could not run: ${error.stack || error.message}`);
		process.exit(2);
	},
);
