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
 * 3. n8n's community-package scanner (`@n8n/scan-community-package` 0.32.0, scanner/scanner.mjs)
 *    run locally: its ESLint configuration (`buildScanConfig`, rebuilt below from the plugins in
 *    node_modules) with inline config disabled, on its source leg (package.json +
 *    {nodes,credentials}/**\/*.{js,ts,json}) and its tarball leg (**\/*.js + package.json of the
 *    unpacked `npm pack` output). The registry-only parts of the scanner (provenance attestation,
 *    GitHub source download) cannot run before publishing and are not emulated.
 * 4. Source hygiene in nodes/, credentials/ and dist/: no eslint-disable comments, no
 *    process.env, console., fs or child_process.
 *
 * Prints one line per check; exits 1 if any check fails, 2 if it could not run.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

const results = [];
function check(name, problems) {
	const list = (Array.isArray(problems) ? problems : [problems]).filter(Boolean);
	results.push({ name, problems: list });
	console.log(`${list.length ? 'FAIL' : 'ok  '}  ${name}`);
	for (const p of list) console.log(`        - ${p}`);
}

function walk(dir, base = dir) {
	if (!fs.existsSync(dir)) return [];
	const out = [];
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		if (entry.name === 'node_modules') continue;
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) out.push(...walk(full, base));
		else out.push(path.relative(base, full).split(path.sep).join('/'));
	}
	return out;
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

/** Files allowed in dist/: compiled JavaScript, its declarations and maps, JSON (codex), icons. */
const DIST_FILE = /^dist\/(?!.*\.tsbuildinfo$)(?!.*(^|\/)(test|tests|__tests__)\/).*\.(js|js\.map|d\.ts|json|svg|png)$/;

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
		['README.md', 'LICENSE.md', 'package.json'].filter((f) => !files.includes(f)).map((f) => `${f} is not packed`),
	);
	check(
		'no TypeScript sources, tests or build info are packed',
		files
			.filter((f) => (/\.ts$/.test(f) && !/\.d\.ts$/.test(f)) || /tsbuildinfo|\.test\.|(^|\/)test\//.test(f))
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
	check('package.json: license MIT', pkg.license === 'MIT' ? null : `license: ${JSON.stringify(pkg.license)}`);
	const licenseText = fs.existsSync(path.join(ROOT, 'LICENSE.md'))
		? fs.readFileSync(path.join(ROOT, 'LICENSE.md'), 'utf8')
		: '';
	check('LICENSE.md is the MIT license', /^MIT License/.test(licenseText) ? null : 'LICENSE.md is missing or not MIT');
	check(
		'package.json: keyword n8n-community-node-package',
		(pkg.keywords || []).includes('n8n-community-node-package') ? null : 'keyword missing',
	);
	check(
		'package.json: name n8n-nodes-* and files ["dist"]',
		[
			/^(@[a-z0-9-~][a-z0-9-._~]*\/)?n8n-nodes-/.test(pkg.name) ? null : `name: ${pkg.name}`,
			JSON.stringify(pkg.files) === JSON.stringify(['dist']) ? null : `files: ${JSON.stringify(pkg.files)}`,
		],
	);
	const forbiddenScripts = ['prepare', 'preinstall', 'install', 'postinstall', 'prepublish', 'preprepare', 'postprepare'];
	check(
		'package.json: no install-time lifecycle scripts, no overrides',
		[
			...forbiddenScripts.filter((s) => pkg.scripts && s in pkg.scripts).map((s) => `script "${s}"`),
			pkg.overrides ? 'overrides field' : null,
		],
	);
	check(
		'package.json: author name and email, repository and homepage',
		[
			pkg.author && pkg.author.name && pkg.author.email ? null : 'author needs name and email',
			pkg.repository && /github\.com/.test(pkg.repository.url || '') ? null : 'repository.url is not a GitHub URL',
			pkg.homepage ? null : 'homepage missing',
		],
	);
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
			if (typeof mod[expected] !== 'function') loadProblems.push(`${entry} does not export class ${expected}`);
		} catch (error) {
			loadProblems.push(`${entry} does not load: ${error.message.split('\n')[0]}`);
		}
	}
	check('each n8n.nodes / n8n.credentials file loads and exports the class named after it', loadProblems);
}

// ---------------------------------------------------------------------------------------------
// 3. The community-package scanner's ESLint legs
// ---------------------------------------------------------------------------------------------

/** Rebuild of `buildScanConfig()` from @n8n/scan-community-package@0.32.0 scanner/scanner.mjs. */
async function buildScanConfig() {
	const { n8nCommunityNodesPlugin } = await import('@n8n/eslint-plugin-community-nodes');
	const tsParser = await import('@typescript-eslint/parser');
	const n8nNodesPlugin = (await import('eslint-plugin-n8n-nodes-base')).default;
	const { defineConfig } = require('eslint/config');
	const parser = tsParser.default ?? tsParser;

	return defineConfig(
		n8nCommunityNodesPlugin.configs.recommended,
		{ rules: { 'no-console': 'error' } },
		{ plugins: { 'n8n-nodes-base': n8nNodesPlugin } },
		{ files: ['package.json'], rules: { ...n8nNodesPlugin.configs.community.rules } },
		{
			files: ['**/credentials/**/*.ts'],
			rules: {
				...n8nNodesPlugin.configs.credentials.rules,
				'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
				'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
			},
		},
		{
			files: ['**/nodes/**/*.ts'],
			rules: {
				...n8nNodesPlugin.configs.nodes.rules,
				'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
				'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
				'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
			},
		},
		{ files: ['**/*.json'], languageOptions: { parser } },
		{ files: ['**/*.ts'], languageOptions: { parser } },
	);
}

/** `analyzePackage(dir, patterns)` of the scanner, with the file list computed here. */
async function lintLikeScanner(label, dir, files) {
	const { ESLint } = require('eslint');
	const eslint = new ESLint({
		cwd: dir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await buildScanConfig(),
	});
	if (files.length === 0) {
		check(`scanner ${label}: files to lint`, 'no files found');
		return;
	}
	const results = await eslint.lintFiles(files.map((f) => path.join(dir, f)));
	const errors = results.flatMap((r) =>
		r.messages
			.filter((m) => m.severity === 2)
			.map((m) => `${path.relative(dir, r.filePath)}:${m.line}:${m.column} ${m.message} (${m.ruleId})`),
	);
	const warnings = results.reduce((n, r) => n + r.warningCount, 0);
	check(`scanner ${label}: ${files.length} files, no ESLint errors (${warnings} warnings)`, errors);
}

async function checkScanner() {
	const versions = ['@n8n/eslint-plugin-community-nodes', 'eslint-plugin-n8n-nodes-base', 'eslint']
		.map((name) => {
			const file = path.join(ROOT, 'node_modules', ...name.split('/'), 'package.json');
			return `${name}@${JSON.parse(fs.readFileSync(file, 'utf8')).version}`;
		})
		.join(', ');
	console.log(`      scanner rules from: ${versions} (the published scanner 0.32.0 bundles community-nodes 0.29.0)`);

	// Source leg: SOURCE_FILE_PATTERNS = ['package.json', '{nodes,credentials}/**/*.{js,ts,json}'].
	const sourceFiles = [
		'package.json',
		...['nodes', 'credentials'].flatMap((d) => walk(path.join(ROOT, d)).map((f) => `${d}/${f}`)),
	].filter((f) => f === 'package.json' || /\.(js|ts|json)$/.test(f));
	await lintLikeScanner('source leg (package.json, nodes/, credentials/)', ROOT, sourceFiles);

	// Tarball leg: the unpacked `npm pack` output, ['**/*.js', 'package.json'].
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'intellixent-scan-'));
	try {
		const [info] = parseJsonOutput(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', tmp]));
		const unpacked = path.join(tmp, 'package');
		execFileSync('tar', ['-xzf', path.join(tmp, info.filename), '-C', tmp], { timeout: 60000 });
		const tarballFiles = walk(unpacked).filter((f) => f === 'package.json' || f.endsWith('.js'));
		await lintLikeScanner('tarball leg (npm pack output: **/*.js, package.json)', unpacked, tarballFiles);
		return unpacked;
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
				.flatMap((line, i) => (pattern.test(line) ? [`${f}:${i + 1}: ${what}: ${line.trim().slice(0, 100)}`] : [])),
		);

	check(
		`no eslint-disable comments in nodes/ or credentials/ (${sources.length} files; the scanner ignores them)`,
		find(sources, /eslint-disable/, 'eslint-disable'),
	);
	const all = [...sources, ...dist];
	check(`no process.env in nodes/, credentials/, dist/ (${all.length} files)`, find(all, /\bprocess\s*\.\s*env\b/, 'process.env'));
	check('no console. in nodes/, credentials/, dist/', find(all, /\bconsole\s*\./, 'console'));
	const moduleImport = /(?:require\(\s*|from\s+|import\(\s*)['"](?:node:)?(fs|fs\/promises|child_process)['"]/;
	check('no fs or child_process imports in nodes/, credentials/, dist/', find(all, moduleImport, 'import'));
}

// ---------------------------------------------------------------------------------------------

async function main() {
	console.log(`Checking ${pkg.name}@${pkg.version} in ${ROOT}`);
	const packed = checkPackedFiles();
	checkPackageJson(packed);
	checkHygiene();
	await checkScanner();
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
