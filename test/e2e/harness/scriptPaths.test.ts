/**
 * Every file the scripts and tools name relative to themselves exists. The browser test and queue
 * mode install Debian's packages through tools/debian-packages.sh only on a machine that lacks
 * them, so a path left behind when the tools moved out of test/ failed on a fresh machine alone,
 * and never where Chromium and Redis were already installed. Read: `$(dirname "$0")/…` in shell
 * scripts, and `path.join(__dirname, '…', …)` / `path.resolve(__dirname, '…', …)` with literal
 * parts in JavaScript and TypeScript; paths into `dist/` (the build's output) are left out.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SKIPPED_FOLDERS = new Set(['node_modules', '.tmp', 'dist', 'coverage']);

function filesUnder(folder: string, found: string[] = []): string[] {
	for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
		if (SKIPPED_FOLDERS.has(entry.name)) continue;
		const full = path.join(folder, entry.name);
		if (entry.isDirectory()) filesUnder(full, found);
		else found.push(full);
	}
	return found;
}

/** Each path a file names relative to its own folder: [the file, the path as written]. */
function namedPaths(file: string): Array<[string, string]> {
	const text = fs.readFileSync(file, 'utf8');
	const named: string[] = [];
	if (file.endsWith('.sh') || !path.basename(file).includes('.')) {
		for (const match of text.matchAll(/\$\(dirname "\$0"\)\/([\w./-]+)/g)) named.push(match[1]);
	}
	if (/\.(js|mjs|ts)$/.test(file)) {
		const call = /path\.(?:join|resolve)\(\s*__dirname\s*((?:,\s*'[^']*'\s*)+)\)/g;
		for (const match of text.matchAll(call)) {
			named.push([...match[1].matchAll(/'([^']*)'/g)].map((part) => part[1]).join('/'));
		}
	}
	return named.map((written) => [file, written]);
}

/** [the file, the path as written, where it points], all but the paths into dist/. */
const references = ['test', 'tools', '.ci']
	.flatMap((folder) => filesUnder(path.join(ROOT, folder)))
	.flatMap(namedPaths)
	.map(([file, written]) => [file, written, path.resolve(path.dirname(file), written)])
	.filter(([, , target]) => !path.relative(ROOT, target).split(path.sep).includes('dist'));

describe('paths the scripts name relative to themselves', () => {
	it('are found (the installer of Debian packages among them)', () => {
		const written = references.map(([, w]) => w);
		expect(written).toContain('../../tools/debian-packages.sh');
		expect(references.length).toBeGreaterThan(10);
	});

	it.each(
		references.map(([file, written, target]) => [path.relative(ROOT, file), written, target]),
	)('%s: %s exists', (_file, _written, target) => {
		expect(fs.existsSync(target)).toBe(true);
	});
});
