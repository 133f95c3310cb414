'use strict';
/**
 * n8n's community-package scanner, run before publishing, by check-package.js.
 *
 * `npx @n8n/scan-community-package <name>` only scans what is already on npm: it requires npm
 * provenance, downloads the source commit the provenance names and lints its package.json and
 * {nodes,credentials}/** (the source leg), then lints the published tarball's **\/*.js and
 * package.json (the tarball leg). Its code is used here as it is, from the pinned devDependency
 * (`analyzePackage`, `buildScanConfig` and `SOURCE_FILE_PATTERNS` of scanner/scanner.mjs, with the
 * rule plugin it bundles); only the registry part (provenance, downloads) cannot run before a
 * release. Also here: the rules the scan must have switched on, so that a pass is never vacuous,
 * and the no-silent-error-swallowing test carried into the modules the webhook methods call.
 */
const fs = require('node:fs');
const { createRequire } = require('node:module');
const path = require('node:path');

const SCANNER_PACKAGE = '@n8n/scan-community-package';

/** What the scanner lints in the unpacked tarball (inline in its `analyzePackageByName`). */
const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];

/** Rules a pass must have run as errors, per file kind (a renamed or dropped rule fails the check). */
const REQUIRED_RULES = {
	node: [
		'webhook-lifecycle-complete',
		'no-silent-error-swallowing',
		'icon-validation',
		'trigger-node-conventions',
		'node-usable-as-tool',
		'no-restricted-imports',
		'no-restricted-globals',
		'no-dangerous-functions',
		'require-node-api-error',
	],
	credential: [
		'cred-class-field-icon-missing',
		'icon-validation',
		'credential-test-required',
		'no-restricted-globals',
	],
	packageJson: [
		'no-runtime-dependencies',
		'valid-peer-dependencies',
		'no-forbidden-lifecycle-scripts',
		'n8n-object-validation',
	],
};

function scannerRequire() {
	return createRequire(require.resolve(`${SCANNER_PACKAGE}/package.json`));
}

/** The scanner module, its version and the version of the rule plugin it bundles. */
async function loadScanner() {
	const fromScanner = scannerRequire();
	// scanner.mjs makes a temporary folder when it loads; let tmp remove it when the process exits.
	fromScanner('tmp').setGracefulCleanup();
	const scanner = await import(fromScanner.resolve('./scanner/scanner.mjs'));
	const version = fromScanner('./package.json').version;
	return {
		scanner,
		version,
		pluginVersion: installedVersion(fromScanner, '@n8n/eslint-plugin-community-nodes'),
	};
}

/** The version of the package `name` as `fromRequire` resolves it (its package.json need not be exported). */
function installedVersion(fromRequire, name) {
	for (
		let dir = path.dirname(fromRequire.resolve(name));
		dir !== path.dirname(dir);
		dir = path.dirname(dir)
	) {
		const manifest = path.join(dir, 'package.json');
		if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === name) {
			return JSON.parse(fs.readFileSync(manifest, 'utf8')).version;
		}
	}
	return 'unknown';
}

/** One leg, exactly as the scanner runs it: `{ passed, details }` (details: ESLint's report). */
async function scanLeg(scanner, dir, patterns) {
	const result = await scanner.analyzePackage(dir, patterns);
	return {
		passed: result.passed,
		problems: result.passed ? [] : [result.message, result.details?.trim()].filter(Boolean),
	};
}

/** Required rules that the scanner's configuration does not run as errors on `file`. */
async function missingRules(scanner, dir, file, kind) {
	const { ESLint } = scannerRequire()('eslint');
	const eslint = new ESLint({
		cwd: dir,
		overrideConfigFile: true,
		overrideConfig: await scanner.buildScanConfig(),
	});
	const config = await eslint.calculateConfigForFile(path.join(dir, file));
	const severity = (rule) => {
		const setting = (config.rules || {})[`@n8n/community-nodes/${rule}`];
		return Array.isArray(setting) ? setting[0] : setting;
	};
	return REQUIRED_RULES[kind]
		.filter((rule) => ![2, 'error'].includes(severity(rule)))
		.map((rule) => `${file}: ${rule} is not on`);
}

/**
 * The scanner's no-silent-error-swallowing looks only at catch blocks written inside the node
 * class's checkExists/create/delete. Ours call functions in other modules, so the same test (no
 * empty catch, no catch that only returns true/false/nothing) is applied to every catch block
 * in `files`. As ESLint's no-empty does, an empty catch that says why in a comment is accepted:
 * that is a decision written down, not an error hidden.
 */
const silentCatchRule = {
	meta: {
		type: 'problem',
		schema: [],
		messages: {
			silent:
				'catch block swallows the error silently (empty without a comment, or only returns true/false/nothing)',
		},
	},
	create(context) {
		return {
			CatchClause(node) {
				const body = node.body.body;
				const only = body.length === 1 ? body[0] : undefined;
				const onlyReturns =
					only?.type === 'ReturnStatement' &&
					(only.argument === null ||
						(only.argument.type === 'Literal' && typeof only.argument.value === 'boolean'));
				const explained = context.sourceCode.getCommentsInside(node.body).length > 0;
				if ((body.length === 0 && !explained) || onlyReturns)
					context.report({ node, messageId: 'silent' });
			},
		};
	},
};

async function silentCatches(dir, files) {
	const { ESLint } = scannerRequire()('eslint');
	const parser = scannerRequire()('@typescript-eslint/parser');
	const eslint = new ESLint({
		cwd: dir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: [
			{
				files: ['**/*.ts'],
				languageOptions: { parser },
				plugins: { local: { rules: { 'no-silent-catch': silentCatchRule } } },
				rules: { 'local/no-silent-catch': 'error' },
			},
		],
	});
	const results = await eslint.lintFiles(files.map((f) => path.join(dir, f)));
	return results.flatMap((r) =>
		r.messages.map((m) => `${path.relative(dir, r.filePath)}:${m.line}: ${m.message}`),
	);
}

module.exports = { TARBALL_FILE_PATTERNS, loadScanner, scanLeg, missingRules, silentCatches };
