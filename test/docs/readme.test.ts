/**
 * README.md is read in one sitting: short, in the order a new user needs it, and true to the code.
 * The details live in docs/*.md (checked by pages.test.ts); this file checks the README's size,
 * the facts it states itself, and the words it shares with the editor and the code.
 */
import * as fs from 'fs';
import * as path from 'path';

import { IntellixentApi } from '../../credentials/IntellixentApi.credentials';
import { DEFAULT_BASE_URL } from '../../nodes/shared/intellixentApi';
import { EDITOR_WORDS } from '../browser/editorWords';
import { PAGES, readPage } from './markdown';
import { EXAMPLE_FILES, README_PATH, REPO_ROOT } from './render-samples';

const readme = fs.readFileSync(README_PATH, 'utf8');
const allPages = PAGES.map(readPage).join('\n');

function sourceText(dir: string): string {
	const root = path.join(REPO_ROOT, dir);
	return fs
		.readdirSync(root)
		.filter((f) => f.endsWith('.ts'))
		.map((f) => fs.readFileSync(path.join(root, f), 'utf8'))
		.join('\n');
}
const nodeSource = ['nodes/IntellixentTrigger', 'nodes/shared', 'credentials']
	.map(sourceText)
	.join('\n');

/** The README's level-2 headings, in order. */
const sections = [...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1]);

function section(heading: string): string {
	const start = readme.indexOf(`\n## ${heading}\n`);
	expect({ heading, found: start >= 0 }).toEqual({ heading, found: true });
	const end = readme.indexOf('\n## ', start + 1);
	return readme.slice(start, end === -1 ? undefined : end);
}

it('is at most 350 lines', () => {
	expect(readme.split('\n').length).toBeLessThanOrEqual(350);
});

it('has the sections a new user needs, in reading order', () => {
	expect(sections).toEqual([
		'Before you start',
		'Quick start',
		'Installation',
		'Credential',
		'Intellixent Trigger',
		'Intellixent node',
		'Intellixent Call Trigger',
		'Examples',
		'Troubleshooting',
		'Security in brief',
		'Compatibility',
		'Development',
		'Support',
		'License',
	]);
});

it("names the version it documents, which is package.json's", () => {
	const { version } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
	expect(readme).toContain(`documents version **${version}**`);
	// The tarball named in the install commands is the one `npm pack` writes for this version.
	const tarballs = [...readme.matchAll(/n8n-nodes-intellixent-(\d[\w.-]*)\.tgz/g)].map((m) => m[1]);
	expect(tarballs.length).toBeGreaterThan(0);
	expect(tarballs.filter((v) => v !== version)).toEqual([]);
});

it("has a CHANGELOG whose newest release is package.json's version, with its compare link", () => {
	const { version } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
	const changelog = fs.readFileSync(path.join(REPO_ROOT, 'CHANGELOG.md'), 'utf8');
	const releases = [...changelog.matchAll(/^## \[(\d+\.\d+\.\d+)\] - \d{4}-\d{2}-\d{2}$/gm)].map(
		(m) => m[1],
	);
	expect(releases[0]).toBe(version);
	expect(changelog).toContain(
		`[Unreleased]: https://github.com/intellixent/n8n-nodes-intellixent/compare/${version}...HEAD`,
	);
	expect(changelog).toMatch(new RegExp(`^\\[${version.replace(/\./g, '\\.')}\\]: https://`, 'm'));
});

it('says what is needed before the steps: n8n versions, a public HTTPS address, an API key', () => {
	const before = section('Before you start');
	expect(before).toContain('1.123.81');
	expect(before).toContain('2.40.7');
	expect(before).toContain('HTTPS');
	expect(before).toContain('100.64.0.0/10');
	expect(before).toContain('API Keys');
	expect(sections.indexOf('Before you start')).toBeLessThan(sections.indexOf('Quick start'));
});

it('installs with npm without a second n8n-workflow', () => {
	const install = section('Installation');
	const commands = [...install.matchAll(/npm install [^\n']*/g)].map((m) => m[0]);
	expect(commands.length).toBeGreaterThan(0);
	expect(commands.filter((c) => !c.includes('--omit=peer'))).toEqual([]);
	// The package's only peer is the one n8n provides.
	const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
	expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
	expect(pkg.dependencies).toBeUndefined();
});

it('lists every example file', () => {
	for (const file of EXAMPLE_FILES) expect(section('Examples')).toContain(`(examples/${file})`);
});

it('states the default base URL', () => {
	expect(readme).toContain(`\`${DEFAULT_BASE_URL}\``);
	expect(new IntellixentApi().properties.find((p) => p.name === 'baseUrl')?.default).toBe(
		DEFAULT_BASE_URL,
	);
});

it('Troubleshooting names the quiet 200 answers that start nothing', () => {
	const troubleshooting = section('Troubleshooting');
	for (const words of [
		'processed: false',
		'**Channel**',
		'Ignore Duplicate Deliveries',
		'One Item per Message',
		'100.64',
	]) {
		expect(troubleshooting).toContain(words);
	}
});

it('quotes only messages that the code really produces (README and docs pages)', () => {
	const quoted = [
		"Can't listen for a test event while this workflow is published",
		"Intellixent cannot reach this n8n's webhook URL",
		'The delivery token is wrong',
		'was not found in this Intellixent account (404)',
		'Intellixent rejected the API key (401 Unauthenticated)',
	];
	for (const text of quoted) {
		expect({ text, inReadme: readme.includes(text) }).toEqual({ text, inReadme: true });
		expect(nodeSource.replace(/\\'/g, "'")).toContain(text);
	}
});

it("quotes the editor's words as n8n 2.40.7 shows them (the browser test waits for each)", () => {
	const missing = Object.values(EDITOR_WORDS).filter((words) => !allPages.includes(words));
	expect(missing).toEqual([]);
});

describe('Development', () => {
	const development = () => section('Development');

	it('starts with the two commands of a fresh clone: the main job, then all the tests', () => {
		const first = development().match(/```bash\n([\s\S]*?)```/)?.[1] ?? '';
		const commands = first
			.split('\n')
			.map((line) => line.replace(/#.*$/, '').trim())
			.filter(Boolean);
		expect(commands).toEqual(['npm ci && npm run dev', 'npm ci && npm test']);
		// CI types the same test command.
		const ci = fs.readFileSync(path.join(REPO_ROOT, '.ci', 'run'), 'utf8');
		expect(ci).toMatch(/^npm ci\b.*$/m);
		expect(ci).toMatch(/^npm test$/m);
	});

	it("documents exactly npm run dev's options, with their defaults", () => {
		const dev = fs.readFileSync(path.join(REPO_ROOT, 'tools', 'dev', 'dev.js'), 'utf8');
		const options = [...dev.matchAll(/option\('([\w-]+)', ([^)]+)\)/g)].map((m) => m[1]);
		expect(options.sort()).toEqual(['emulator-port', 'n8n-version', 'port']);
		const table = [...development().matchAll(/^\| `--([\w-]+)` \| `([^`]+)` \|/gm)].map(
			(m) => m[1],
		);
		expect(table.sort()).toEqual(options);
		expect(development()).toContain('| `--port` | `5678` |');
		expect(development()).toContain('| `--emulator-port` | `4010` |');
		expect(dev).toMatch(/option\('port', 5678\)/);
		expect(dev).toMatch(/option\('emulator-port', 4010\)/);
	});

	it("says that n8n also takes the next port, as the harness gives it to n8n's task broker", () => {
		const harness = fs.readFileSync(path.join(REPO_ROOT, 'test/e2e/harness/n8n.js'), 'utf8');
		expect(harness).toContain('N8N_RUNNERS_BROKER_PORT: String(httpPort + 1)');
		expect(development()).toContain('port + 1');
	});

	it('gives no timings of its own: they are in docs/development.md', () => {
		expect(development()).not.toMatch(/\d+ (minutes|min)\b/);
		expect(readPage('docs/development.md')).toMatch(/about 6 minutes for n8n 2\.40\.7/);
	});
});
