#!/usr/bin/env node
'use strict';
/**
 * Regenerates the parts of docs/conversation-trigger.md and examples/*.json that come from the code
 * (see render-samples.ts):
 *
 *   node tools/docs/docs.js          rewrite them (npm run docs)
 *   node tools/docs/docs.js --check  only report drift; exit 1 if anything differs
 *
 * Runs the TypeScript sources directly (transpiled in memory with the project's `typescript`),
 * so no build is needed.
 */
const fs = require('node:fs');
const ts = require('typescript');

// '.ts' must come first: `require('./X.node')` has to find X.node.ts, not the X.node.json codex
// file next to it (Node tries the registered extensions in order).
const builtinExtensions = { ...require.extensions };
for (const ext of Object.keys(builtinExtensions)) delete require.extensions[ext];
require.extensions['.ts'] = (module, filename) => {
	const source = fs.readFileSync(filename, 'utf8');
	const { outputText } = ts.transpileModule(source, {
		fileName: filename,
		compilerOptions: {
			module: ts.ModuleKind.CommonJS,
			target: ts.ScriptTarget.ES2019,
			esModuleInterop: true,
			resolveJsonModule: true,
		},
	});
	module._compile(outputText, filename);
};
Object.assign(require.extensions, builtinExtensions);

const { findDrift, writeGenerated } = require('../../test/docs/render-samples.ts');

async function main() {
	const check = process.argv.includes('--check');
	if (check) {
		const drift = await findDrift();
		if (drift.length === 0) {
			console.log('docs: docs/conversation-trigger.md and examples/ match the code');
			return 0;
		}
		console.error(`docs: out of date (run \`npm run docs\`):\n  ${drift.join('\n  ')}`);
		return 1;
	}
	const changed = await writeGenerated();
	console.log(
		changed.length ? `docs: updated\n  ${changed.join('\n  ')}` : 'docs: already up to date',
	);
	return 0;
}

main().then(
	(code) => process.exit(code),
	(error) => {
		console.error(error);
		process.exit(2);
	},
);
