// @ts-check
'use strict';
/**
 * The watch half of `npm run dev`: a saved change reaches the running n8n without a restart.
 *
 * TypeScript in watch mode recompiles dist/ incrementally; after each compile without errors the
 * files that changed (and the icons, which tsc does not copy) are copied into the package folder
 * n8n installed the package in. n8n, started with N8N_DEV_RELOAD=true, watches its package
 * folders itself, reloads the package's nodes and credentials and tells an open editor, so a new
 * description shows after a reload of the page. Copying (instead of linking the repository into
 * n8n, as the starter's `n8n-node dev` does) keeps the package installed the way n8n's installer
 * installs it: only dist/ and package.json, no devDependencies beside it.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

/** A compile's end, as tsc --watch prints it: "Found 0 errors. Watching for file changes." */
const COMPILED = /Found (\d+) errors?\. Watching for file changes/;
const ICON = /\.(svg|png)$/;

/** @param {string} dir @returns {string[]} paths relative to dir */
function filesIn(dir) {
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => path.relative(dir, path.join(entry.parentPath ?? entry.path, entry.name)));
}

/**
 * Copies into `to` every file of `from` whose bytes differ (`keep` chooses which); returns the
 * relative paths copied.
 * @param {string} from @param {string} to @param {(file: string) => boolean} [keep]
 */
function copyChanged(from, to, keep = () => true) {
	const copied = [];
	for (const file of filesIn(from).filter(keep)) {
		const source = path.join(from, file);
		const target = path.join(to, file);
		const bytes = fs.readFileSync(source);
		if (fs.existsSync(target) && fs.readFileSync(target).equals(bytes)) continue;
		fs.mkdirSync(path.dirname(target), { recursive: true });
		fs.writeFileSync(target, bytes);
		copied.push(file);
	}
	return copied;
}

/**
 * dist/ and the icons of nodes/ and credentials/ into the installed package's dist/.
 * @param {string} repoRoot @param {string} packageDir
 */
function syncInstalled(repoRoot, packageDir) {
	const target = path.join(packageDir, 'dist');
	return [
		...copyChanged(path.join(repoRoot, 'dist'), target, (file) => !file.endsWith('.tsbuildinfo')),
		...copyChanged(path.join(repoRoot, 'nodes'), path.join(target, 'nodes'), (f) => ICON.test(f)),
		...copyChanged(path.join(repoRoot, 'credentials'), path.join(target, 'credentials'), (f) =>
			ICON.test(f),
		),
	];
}

/**
 * Starts tsc --watch; after each clean compile, syncs the installed package and calls `onSynced`
 * with the files copied. Returns a stop function.
 * @param {{ repoRoot: string, packageDir: string, log: (line: string) => void,
 *   onSynced?: (files: string[]) => void }} options
 */
function watchPackage({ repoRoot, packageDir, log, onSynced = () => {} }) {
	const tsc = spawn(
		process.execPath,
		[
			require.resolve('typescript/bin/tsc'),
			'-p',
			'tsconfig.json',
			'--watch',
			'--preserveWatchOutput',
		],
		{ cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
	);
	let buffered = '';
	const onOutput = (/** @type {Buffer} */ chunk) => {
		buffered += chunk.toString('utf8');
		const lines = buffered.split('\n');
		buffered = lines.pop() ?? '';
		for (const raw of lines) {
			const line = raw.replace(/\x1b\[[0-9;]*m/g, '').trimEnd();
			if (!line) continue;
			const compiled = COMPILED.exec(line);
			if (!compiled) {
				if (!/Starting (incremental )?compilation|File change detected/.test(line)) log(line);
				continue;
			}
			if (compiled[1] !== '0') {
				log(`${compiled[1]} TypeScript error(s): n8n keeps the last build that compiled`);
				continue;
			}
			const files = syncInstalled(repoRoot, packageDir);
			if (files.length) log(`copied ${files.length} changed file(s) into n8n's package folder`);
			onSynced(files);
		}
	};
	tsc.stdout.on('data', onOutput);
	tsc.stderr.on('data', onOutput);
	return () => tsc.kill();
}

module.exports = { COMPILED, syncInstalled, watchPackage };
