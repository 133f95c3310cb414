/**
 * `npm run dev`'s copy step: after a compile, what changed in dist/ (and the icons tsc does not
 * copy) reaches the package folder n8n loaded, and nothing unchanged is written again (each write
 * makes n8n reload the package).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { syncInstalled } = require('../devWatch') as {
	syncInstalled: (repoRoot: string, packageDir: string) => string[];
};

function write(file: string, text: string) {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, text);
}

describe('npm run dev: copying a build into the installed package', () => {
	let repo: string;
	let installed: string;
	beforeEach(() => {
		repo = fs.mkdtempSync(path.join(os.tmpdir(), 'dev-watch-repo-'));
		installed = fs.mkdtempSync(path.join(os.tmpdir(), 'dev-watch-pkg-'));
		write(path.join(repo, 'dist/nodes/A/A.node.js'), 'new');
		write(path.join(repo, 'dist/nodes/A/B.js'), 'same');
		write(path.join(repo, 'dist/tsconfig.tsbuildinfo'), '{}');
		write(path.join(repo, 'nodes/A/a.svg'), '<svg/>');
		write(path.join(repo, 'nodes/A/A.node.ts'), 'source');
		write(path.join(repo, 'credentials/c.svg'), '<svg/>');
		write(path.join(installed, 'dist/nodes/A/A.node.js'), 'old');
		write(path.join(installed, 'dist/nodes/A/B.js'), 'same');
	});
	afterEach(() => {
		fs.rmSync(repo, { recursive: true, force: true });
		fs.rmSync(installed, { recursive: true, force: true });
	});

	it('copies the changed build files and the icons, not sources or build info', () => {
		expect(syncInstalled(repo, installed).sort()).toEqual(
			['nodes/A/A.node.js', 'A/a.svg', 'c.svg'].sort(),
		);
		expect(fs.readFileSync(path.join(installed, 'dist/nodes/A/A.node.js'), 'utf8')).toBe('new');
		expect(fs.existsSync(path.join(installed, 'dist/nodes/A/a.svg'))).toBe(true);
		expect(fs.existsSync(path.join(installed, 'dist/credentials/c.svg'))).toBe(true);
		expect(fs.existsSync(path.join(installed, 'dist/nodes/A/A.node.ts'))).toBe(false);
		expect(fs.existsSync(path.join(installed, 'dist/tsconfig.tsbuildinfo'))).toBe(false);
	});

	it('writes nothing when nothing changed', () => {
		syncInstalled(repo, installed);
		const before = fs.statSync(path.join(installed, 'dist/nodes/A/B.js')).mtimeMs;
		expect(syncInstalled(repo, installed)).toEqual([]);
		expect(fs.statSync(path.join(installed, 'dist/nodes/A/B.js')).mtimeMs).toBe(before);
	});
});
