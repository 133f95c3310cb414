/**
 * The pages in docs/ must stay true to the code. The generated parts of
 * docs/conversation-trigger.md (field table, parameter reference, output samples, Rejected sample)
 * are compared with what render-samples.ts produces from the real code; hand-written facts that are
 * easy to get wrong are checked against the source. Every page's links and pictures must lead
 * somewhere, and every node links its own page.
 * When this fails after a code change: `npm run docs`, then review the prose around it.
 */
import * as fs from 'fs';
import * as path from 'path';

import { IntellixentApi } from '../../credentials/IntellixentApi.credentials';
import { DUPLICATE_WINDOW } from '../../nodes/IntellixentTrigger/duplicates';
import { FLAT_ROW_METADATA_COLUMNS } from '../../nodes/IntellixentTrigger/flatRow';
import { describePayloadFields } from '../../nodes/IntellixentTrigger/payloadSchema';
import { DEFAULT_RETRY_POLICY } from '../../nodes/shared/intellixentApi';
import { TOKEN_PARAMETER } from '../../nodes/shared/secretRedaction';
import { MAX_OPEN_MS, OVERLAP_MS } from '../../nodes/IntellixentCallTrigger/callCursor';
import { CALL_ROW_COLUMNS } from '../../nodes/IntellixentCallTrigger/callShapes';
import { FINISHED_STATES } from '../../nodes/shared/callStatuses';
import { MAX_CATCH_UP_MS } from '../../nodes/IntellixentCallTrigger/cursorRepair';
import {
	MAX_DETAILS_PER_POLL,
	MAX_LIST_PAGES_PER_POLL,
} from '../../nodes/IntellixentCallTrigger/pollCalls';
import { brokenLinks, PAGES, pictures, readPage } from './markdown';
import {
	deliver,
	EXAMPLE_ASSISTANT_ID,
	GENERATED_PAGE,
	loadFixture,
	readSection,
	renderSections,
	REPO_ROOT,
} from './render-samples';

const trigger = readPage(GENERATED_PAGE);

describe(`${GENERATED_PAGE} generated sections match the code (fix: npm run docs)`, () => {
	let sections: Record<string, string>;
	beforeAll(async () => {
		sections = await renderSections();
	});

	it('has every generated section', () => {
		const missing = Object.keys(sections).filter(
			(name) => readSection(trigger, name) === undefined,
		);
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
		expect(readSection(trigger, name)).toBe(sections[name]);
	});

	it('the field table lists every field of describePayloadFields(), in order', () => {
		const table = readSection(trigger, 'fields') ?? '';
		const listed = [...table.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
		expect(listed).toEqual(describePayloadFields().map((f) => f.field));
	});
});

describe(`${GENERATED_PAGE} hand-written facts`, () => {
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
		for (const [status, reason] of seen) expect(trigger).toContain(`| ${status} | \`${reason}\` |`);
	});

	it('an accepted delivery starts one execution on the Conversation output and nothing on Rejected', async () => {
		const { status, result } = await deliver({ body: loadFixture('widget') });
		expect(status).toBeUndefined();
		expect(result.workflowData?.[0]).toHaveLength(1);
		expect(result.workflowData?.[1]).toEqual([]);
	});

	it('the quiet 200 answers start nothing, as the table says: channel filter and empty transcript', async () => {
		const filtered = await deliver({
			body: loadFixture('widget'),
			parameters: { channel: 'whatsapp' },
		});
		const empty = await deliver({
			body: { ...loadFixture('widget'), transcript: [] },
			parameters: { outputShape: 'messages' },
		});
		for (const { result } of [filtered, empty]) {
			expect(result.workflowData).toBeUndefined();
			expect(result.webhookResponse).toMatchObject({ received: true, processed: false });
		}
		expect(trigger).toContain('`{"received": true, "processed": false, "message": "..."}`');
	});

	it('Flat Row: message_count falls back to the transcript length there, not in Full Conversation', async () => {
		const withoutCount = loadFixture('widget');
		delete withoutCount.message_count;
		const flat = await deliver({ body: withoutCount, parameters: { outputShape: 'flatRow' } });
		const full = await deliver({ body: withoutCount });
		const transcript = withoutCount.transcript as unknown[];
		expect(flat.result.workflowData?.[0][0].json.message_count).toBe(transcript.length);
		expect(full.result.workflowData?.[0][0].json).not.toHaveProperty('message_count');
		expect(trigger).toContain('or the number of transcript\n  messages when Intellixent sent none');
	});

	it('Flat Row: which clashing variable gets a suffix depends on the payload order, as described', async () => {
		const row = async (variables: Record<string, string>) =>
			(
				await deliver({
					body: { ...loadFixture('widget'), extracted_variables: variables },
					parameters: { outputShape: 'flatRow' },
				})
			).result.workflowData?.[0][0].json;
		expect(await row({ status: 'a', extracted_status: 'b' })).toMatchObject({
			extracted_status: 'a',
			extracted_extracted_status: 'b',
		});
		expect(await row({ extracted_status: 'b', status: 'a' })).toMatchObject({
			extracted_status: 'b',
			extracted_status_2: 'a',
		});
		expect(trigger).toContain('the\n  second becomes `extracted_extracted_status`');
		expect(trigger).toContain('`status` becomes\n  `extracted_status_2`');
	});

	it('states the duplicate window, the token parameter, the example assistant and the flat-row columns', () => {
		expect(DUPLICATE_WINDOW).toBe(1000);
		expect(trigger).toContain('last 1,000');
		expect(TOKEN_PARAMETER).toBe('token');
		expect(trigger).toContain('`?token=`');
		expect(trigger).toContain(EXAMPLE_ASSISTANT_ID);
		const order = FLAT_ROW_METADATA_COLUMNS.map((c) => `\`${c}\``);
		const flatRowProse = trigger.slice(
			trigger.indexOf('### Flat Row'),
			trigger.indexOf('How values are flattened'),
		);
		let last = -1;
		for (const column of order) {
			const at = flatRowProse.indexOf(column, last + 1);
			expect({ column, found: at > last }).toEqual({ column, found: true });
			last = at;
		}
	});

	it('tells the one-URL-per-assistant rule once, under its own heading', () => {
		const rule = /Intellixent keeps one webhook URL per assistant/g;
		expect(PAGES.flatMap((page) => [...readPage(page).matchAll(rule)]).length).toBe(1);
		expect(trigger).toContain('## One URL per assistant, and testing');
	});
});

it("docs/credential.md: the default Base URL is the credential's", () => {
	const baseUrl = new IntellixentApi().properties.find((p) => p.name === 'baseUrl')?.default;
	expect(readPage('docs/credential.md')).toContain(`\`${String(baseUrl)}\``);
});

it('docs/action-node.md: every API path it lists is one the node calls (nodes/shared/endpoints.ts)', () => {
	const endpoints = fs.readFileSync(path.join(REPO_ROOT, 'nodes/shared/endpoints.ts'), 'utf8');
	const listed = [
		...readPage('docs/action-node.md').matchAll(/`(?:GET|POST|DELETE) (\/[^`]+)`/g),
	].map((m) => m[1]);
	expect(listed.length).toBeGreaterThan(5);
	for (const apiPath of listed) {
		expect(apiPath.startsWith('/api/')).toBe(true);
		const stem = apiPath.replace(/\/\{id\}$/, '/');
		expect({
			apiPath,
			inCode: endpoints.includes(`'${stem}`) || endpoints.includes(`\`${stem}`),
		}).toEqual({
			apiPath,
			inCode: true,
		});
	}
});

it("docs/action-node.md: the Retry-After cap is the retry policy's", () => {
	expect(DEFAULT_RETRY_POLICY.maxDelayMs).toBe(10_000);
	expect(readPage('docs/action-node.md')).toContain('never longer than 10 s');
});

it('docs/call-trigger.md: the flat-row columns in order, the default end states and the cursor limits', () => {
	const page = readPage('docs/call-trigger.md');
	const section = page.slice(page.indexOf('## How it works'), page.indexOf('## Polling or'));
	let last = -1;
	for (const column of CALL_ROW_COLUMNS) {
		const at = section.indexOf(`\`${column}\``, last + 1);
		expect({ column, found: at > last }).toEqual({ column, found: true });
		last = at;
	}
	expect(section).toContain(FINISHED_STATES.map((s) => `\`${s}\``).join(', '));
	expect(OVERLAP_MS).toBe(4 * 60 * 1000);
	expect(section).toContain('less 4 minutes');
	expect(MAX_OPEN_MS).toBe(24 * 60 * 60 * 1000);
	expect(section).toContain('after 24 hours');
	expect(section).toContain(`tried ${DEFAULT_RETRY_POLICY.attempts} times`);
	// The sections on what the API leaves open state the same limits as the code.
	const flat = page.replace(/\s+/g, ' ');
	expect(flat).toContain('less 4 minutes');
	expect(MAX_CATCH_UP_MS).toBe(7 * 24 * 60 * 60 * 1000);
	expect(flat).toContain('at most 7 days');
	expect(flat).toContain(`${MAX_DETAILS_PER_POLL} calls per poll`);
	expect(flat).toContain(`${MAX_LIST_PAGES_PER_POLL} pages`);
});

describe.each(PAGES)('%s', (page) => {
	it('every link leads to a file, and every #anchor to a heading of it', () => {
		expect(brokenLinks(page)).toEqual([]);
	});

	it('every picture it shows exists, in a light and a dark version', () => {
		const shown = pictures(page);
		expect(shown.filter((f) => !fs.existsSync(path.join(REPO_ROOT, f)))).toEqual([]);
		const light = shown.filter((f) => !f.endsWith('-dark.png'));
		expect(
			light.map((f) => f.replace(/\.png$/, '-dark.png')).filter((f) => !shown.includes(f)),
		).toEqual([]);
	});
});

it('docs/images holds only pictures some page shows (npm run screenshots makes them)', () => {
	const shown = new Set(PAGES.flatMap(pictures));
	const stored = fs
		.readdirSync(path.join(REPO_ROOT, 'docs', 'images'))
		.map((f) => `docs/images/${f}`);
	expect(stored.filter((f) => !shown.has(f))).toEqual([]);
	// Each shown picture is one the browser test takes, so `npm run screenshots` keeps it current.
	const browser = fs.readFileSync(
		path.join(REPO_ROOT, 'test/browser/editor.browser.test.ts'),
		'utf8',
	);
	const taken = new Set([...browser.matchAll(/screenshot\(page, '([\w-]+)'/g)].map((m) => m[1]));
	const names = [...shown].map((f) => path.basename(f, '.png').replace(/-dark$/, ''));
	expect(names.filter((n) => !taken.has(n))).toEqual([]);
	expect([...taken].filter((n) => !names.includes(n))).toEqual([]);
});

describe('each node and the credential link their own page by absolute URL', () => {
	const BASE = 'https://github.com/intellixent/n8n-nodes-intellixent/blob/main/';
	const codex = (dir: string) =>
		JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'nodes', dir, `${dir}.node.json`), 'utf8'))
			.resources as Record<string, Array<{ url: string }>>;
	const expected: Array<[string, string]> = [
		['Intellixent', 'docs/action-node.md'],
		['IntellixentTrigger', 'docs/conversation-trigger.md'],
		['IntellixentCallTrigger', 'docs/call-trigger.md'],
	];

	it.each(expected)('%s links %s, and the credential page', (dir, page) => {
		const resources = codex(dir);
		expect(resources.primaryDocumentation).toEqual([{ url: `${BASE}${page}` }]);
		expect(resources.credentialDocumentation).toEqual([{ url: `${BASE}docs/credential.md` }]);
	});

	it('the credential links docs/credential.md', () => {
		expect(new IntellixentApi().documentationUrl).toBe(`${BASE}docs/credential.md`);
	});

	it('every linked page exists in the repository', () => {
		const urls = [
			...expected.flatMap(([dir]) =>
				Object.values(codex(dir))
					.flat()
					.map((r) => r.url),
			),
			new IntellixentApi().documentationUrl,
		];
		for (const url of urls) {
			expect(url.startsWith(BASE)).toBe(true);
			const file = url.slice(BASE.length).split('#')[0];
			expect({ url, exists: fs.existsSync(path.join(REPO_ROOT, file)) }).toEqual({
				url,
				exists: true,
			});
		}
	});
});
