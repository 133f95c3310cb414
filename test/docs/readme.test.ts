/**
 * README.md must stay true to the code. The generated parts (field table, parameter reference,
 * output samples, Rejected sample) are compared with what render-samples.ts produces from the real
 * code; hand-written facts that are easy to get wrong are checked against the source.
 * When this fails after a code change: `npm run docs`, then review the README prose around it.
 */
import * as fs from 'fs';
import * as path from 'path';

import { IntellixentApi } from '../../credentials/IntellixentApi.credentials';
import { DUPLICATE_WINDOW } from '../../nodes/IntellixentTrigger/duplicates';
import { DEFAULT_BASE_URL, DEFAULT_RETRY_POLICY } from '../../nodes/shared/intellixentApi';
import { FLAT_ROW_METADATA_COLUMNS } from '../../nodes/IntellixentTrigger/flatRow';
import { describePayloadFields } from '../../nodes/IntellixentTrigger/payloadSchema';
import { TOKEN_PARAMETER } from '../../nodes/shared/secretRedaction';
import { MAX_OPEN_MS, OVERLAP_MS } from '../../nodes/IntellixentCallTrigger/callCursor';
import { CALL_ROW_COLUMNS } from '../../nodes/IntellixentCallTrigger/callShapes';
import { MAX_CATCH_UP_MS } from '../../nodes/IntellixentCallTrigger/cursorRepair';
import {
	MAX_DETAILS_PER_POLL,
	MAX_LIST_PAGES_PER_POLL,
} from '../../nodes/IntellixentCallTrigger/pollCalls';
import { FINISHED_STATES } from '../../nodes/IntellixentCallTrigger/callStatuses';
import {
	deliver,
	EXAMPLE_ASSISTANT_ID,
	EXAMPLE_FILES,
	expectedPinData,
	loadFixture,
	readExample,
	readSection,
	README_PATH,
	renderSections,
	REPO_ROOT,
} from './render-samples';
import { EDITOR_WORDS } from '../browser/editorWords';

const readme = fs.readFileSync(README_PATH, 'utf8');

function sourceText(dir: string): string {
	const root = path.join(REPO_ROOT, dir);
	return fs
		.readdirSync(root)
		.filter((f) => f.endsWith('.ts'))
		.map((f) => fs.readFileSync(path.join(root, f), 'utf8'))
		.join('\n');
}
const nodeSource = `${sourceText('nodes/IntellixentTrigger')}\n${sourceText('nodes/shared')}\n${sourceText('credentials')}`;

describe('README.md generated sections match the code (fix: npm run docs)', () => {
	let sections: Record<string, string>;
	beforeAll(async () => {
		sections = await renderSections();
	});

	it('has every generated section', () => {
		const missing = Object.keys(sections).filter((name) => readSection(readme, name) === undefined);
		expect(missing).toEqual([]);
	});

	it.each([
		'fields',
		'parameters',
		'sample-conversation',
		'sample-flat-row-widget',
		'sample-flat-row-whatsapp',
		'sample-messages',
		'sample-rejected',
		'sample-rejected-answer',
	])('section "%s" is what the code produces', (name) => {
		expect(readSection(readme, name)).toBe(sections[name]);
	});

	it('the field table lists every field of describePayloadFields(), in order', () => {
		const table = readSection(readme, 'fields') ?? '';
		const listed = [...table.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
		expect(listed).toEqual(describePayloadFields().map((f) => f.field));
	});
});

describe('examples/ pinned sample data matches the code (fix: npm run docs)', () => {
	it.each(EXAMPLE_FILES)('%s', (file) => {
		const workflow = readExample(file);
		expect(workflow.pinData).toEqual(expectedPinData(workflow));
	});
});

describe('README.md hand-written facts', () => {
	it('the status table matches what the handler answers, reason by reason', async () => {
		const widget = loadFixture('widget');
		const cases = [
			await deliver({ body: widget, token: 'missing' }),
			await deliver({ body: widget, token: 'wrong' }),
			await deliver({ body: 'this is not JSON' }),
			await deliver({ body: { ...widget, assistant_id: '3d1f6a2b-8c4e-4f7a-9b2d-6e5c4a3b2f10' } }),
			await deliver({ body: { ...widget, transcript: 'not a list' } }),
		];
		const seen = cases.map((c) => [c.status, (c.answer as { error?: string }).error]);
		expect(seen).toEqual([
			[401, 'invalid_token'],
			[401, 'invalid_token'],
			[400, 'invalid_json'],
			[403, 'wrong_assistant'],
			[422, 'invalid_payload'],
		]);
		for (const [status, reason] of seen) expect(readme).toContain(`| ${status} | \`${reason}\` |`);
	});

	it('an accepted delivery starts one execution on the Conversation output and nothing on Rejected', async () => {
		const { status, result } = await deliver({ body: loadFixture('widget') });
		expect(status).toBeUndefined();
		expect(result.workflowData?.[0]).toHaveLength(1);
		expect(result.workflowData?.[1]).toEqual([]);
	});

	it('channel filter answers 200 with received/processed, as the table says', async () => {
		const { result } = await deliver({
			body: loadFixture('widget'),
			parameters: { channel: 'whatsapp' },
		});
		expect(result.workflowData).toBeUndefined();
		expect(result.webhookResponse).toMatchObject({ received: true, processed: false });
		expect(readme).toContain('`{"received": true, "processed": false, "message": "..."}`');
	});

	it('quotes only messages that the code really produces', () => {
		const quoted = [
			"Can't listen for a test event while this workflow is published",
			"Intellixent cannot reach this n8n's webhook URL",
			'The delivery token is wrong',
			'was not found in this Intellixent account (404)',
		];
		for (const text of quoted) {
			expect(readme).toContain(text);
			expect(nodeSource.replace(/\\'/g, "'")).toContain(text);
		}
	});

	it('states the duplicate window, the token parameter, the base URL and the flat-row columns', () => {
		expect(DUPLICATE_WINDOW).toBe(1000);
		expect(readme).toContain('last 1,000');
		expect(TOKEN_PARAMETER).toBe('token');
		expect(readme).toContain('`?token=`');
		expect(readme).toContain(`\`${DEFAULT_BASE_URL}\``);
		expect(new IntellixentApi().properties.find((p) => p.name === 'baseUrl')?.default).toBe(
			DEFAULT_BASE_URL,
		);
		const order = FLAT_ROW_METADATA_COLUMNS.map((c) => `\`${c}\``);
		const flatRowProse = readme.slice(
			readme.indexOf('### Flat Row'),
			readme.indexOf('How values are flattened'),
		);
		let last = -1;
		for (const column of order) {
			const at = flatRowProse.indexOf(column, last + 1);
			expect({ column, found: at > last }).toEqual({ column, found: true });
			last = at;
		}
	});

	it('uses the example assistant of the vendor documentation', () => {
		expect(readme).toContain(EXAMPLE_ASSISTANT_ID);
	});

	it('Development starts with the two commands of a fresh clone: the main job, then all the tests', () => {
		const development = readme.slice(readme.indexOf('## Development'));
		const first = development.match(/```bash\n([\s\S]*?)```/)?.[1] ?? '';
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

	it("quotes the editor's words as n8n 2.40.7 shows them (the browser test waits for each)", () => {
		const missing = Object.values(EDITOR_WORDS).filter((words) => !readme.includes(words));
		expect(missing).toEqual([]);
	});

	it('every picture it shows exists, in a light and a dark version', () => {
		const images = [...readme.matchAll(/(?:src|srcset)="(docs\/images\/[^"]+)"/g)].map((m) => m[1]);
		expect(images.length).toBeGreaterThan(0);
		expect(images.filter((f) => !fs.existsSync(path.join(REPO_ROOT, f)))).toEqual([]);
		const light = images.filter((f) => !f.endsWith('-dark.png'));
		expect(
			light.map((f) => f.replace(/\.png$/, '-dark.png')).filter((f) => !images.includes(f)),
		).toEqual([]);
	});

	it('every in-page link points at a heading, every relative link at a file', () => {
		const slug = (heading: string) =>
			heading
				.trim()
				.toLowerCase()
				.replace(/[^\p{L}\p{N}\s-]/gu, '')
				.replace(/\s/g, '-');
		const headings = new Set(
			[...readme.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1].replace(/`/g, ''))),
		);
		const anchors = [...readme.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]);
		expect(anchors.filter((a) => !headings.has(a))).toEqual([]);
		// The credential and the codex file link here.
		expect(headings.has('credentials')).toBe(true);
		const files = [...readme.matchAll(/\]\((?!#|https?:)([^)]+)\)/g)].map((m) => m[1]);
		expect(files.filter((f) => !fs.existsSync(path.join(REPO_ROOT, f.split('#')[0])))).toEqual([]);
		// A link into another Markdown file's heading (docs/internals.md#queue-mode) must find it.
		const missingHeadings = files
			.filter((f) => /\.md#/.test(f))
			.filter((f) => {
				const [file, anchor] = f.split('#');
				const text = fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');
				const found = [...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) =>
					slug(m[1].replace(/`/g, '')),
				);
				return !found.includes(anchor);
			});
		expect(missingHeadings).toEqual([]);
	});

	it('Call Trigger: the flat-row columns in order, the default end states and the cursor limits', () => {
		const section = readme.slice(
			readme.indexOf('## Voice calls'),
			readme.indexOf('### Polling or'),
		);
		let last = -1;
		for (const column of CALL_ROW_COLUMNS) {
			const at = section.indexOf(`\`${column}\``, last + 1);
			expect({ column, found: at > last }).toEqual({ column, found: true });
			last = at;
		}
		expect(section).toContain(FINISHED_STATES.map((s) => `\`${s}\``).join(', '));
		expect(section).toContain(`tried ${DEFAULT_RETRY_POLICY.attempts} times`);
	});

	it('Call Trigger page: the window limits it states are the ones the code uses', () => {
		const page = fs
			.readFileSync(path.join(__dirname, '../../docs/call-trigger.md'), 'utf8')
			.replace(/\s+/g, ' ');
		expect(OVERLAP_MS).toBe(4 * 60 * 1000);
		expect(page).toContain('less 4 minutes');
		expect(MAX_OPEN_MS).toBe(24 * 60 * 60 * 1000);
		expect(page).toContain('after 24 hours');
		expect(MAX_CATCH_UP_MS).toBe(7 * 24 * 60 * 60 * 1000);
		expect(page).toContain('at most 7 days');
		expect(page).toContain(`${MAX_DETAILS_PER_POLL} calls per poll`);
		expect(page).toContain(`${MAX_LIST_PAGES_PER_POLL} pages`);
	});
});
