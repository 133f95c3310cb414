/**
 * Static checks of the importable example workflows (examples/*.json). That they import, load and
 * publish in a real n8n is checked by test/e2e/examples.e2e.test.ts.
 */
import * as fs from 'fs';
import * as path from 'path';

import type { IDataObject } from 'n8n-workflow';

import { IMPORT_WORDS } from '../browser/editorWords';
import { Intellixent } from '../../nodes/Intellixent/Intellixent.node';
import { IntellixentTrigger } from '../../nodes/IntellixentTrigger/IntellixentTrigger.node';
import { startEmulator } from '../../tools/emulator';
import { executeContext } from '../helpers/fakeContext';
import {
	EXAMPLE_ASSISTANT_ID,
	EXAMPLE_FILES,
	EXAMPLES_DIR,
	expectedPinData,
	PINNED_NO_PHONE,
	readExample,
	TRIGGER_TYPE,
} from './render-samples';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface ExampleNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	webhookId?: string;
	credentials?: Record<string, { id: string | null; name: string }>;
}

/**
 * Node types and versions the examples may use: all exist in n8n 2.40.7 (and late 1.x). A version
 * a node type does not have loads without its description: a sticky note at 1.1 shows up empty.
 */
const KNOWN_TYPE_VERSIONS: Record<string, number[]> = {
	[TRIGGER_TYPE]: [1.1],
	'n8n-nodes-base.googleSheets': [4.5],
	'n8n-nodes-base.hubspot': [2.1],
	'n8n-nodes-base.httpRequest': [4.2],
	'n8n-nodes-base.filter': [2.2],
	'n8n-nodes-base.slack': [2.3],
	'n8n-nodes-base.stickyNote': [1],
	'n8n-nodes-intellixent.intellixent': [1],
	'n8n-nodes-base.webhook': [2.1],
	// 3 rather than 2.40.7's newest 3.1: n8n 1.123.81's AI Agent goes up to 3 only.
	'@n8n/n8n-nodes-langchain.agent': [3, 3.1],
	'@n8n/n8n-nodes-langchain.lmChatOpenAi': [1.3],
	// The action node as an AI tool, at its latest version (Output defaults to Simplified).
	'n8n-nodes-intellixent.intellixentTool': [1.1],
};

/** The AI agent example: no Intellixent Trigger, so not one of the trigger examples above. */
const AGENT_EXAMPLE = 'ai-agent-whatsapp.json';

const EXPECTED_APP_NODE: Record<string, string> = {
	'google-sheets-append-row.json': 'n8n-nodes-base.googleSheets',
	'hubspot-contact-and-note.json': 'n8n-nodes-base.hubspot',
	'slack-summary.json': 'n8n-nodes-base.slack',
	'whatsapp-follow-up.json': 'n8n-nodes-intellixent.intellixent',
};

it('examples/ holds exactly the documented workflows and a README', () => {
	const files = fs.readdirSync(EXAMPLES_DIR).sort();
	expect(files).toEqual([...EXAMPLE_FILES, AGENT_EXAMPLE, 'README.md'].sort());
});

describe.each(EXAMPLE_FILES)('%s', (file) => {
	const workflow = readExample(file) as unknown as {
		name: string;
		nodes: ExampleNode[];
		connections: Record<
			string,
			{ main: Array<Array<{ node: string; type: string; index: number }>> }
		>;
		settings: Record<string, unknown>;
	};
	const trigger = workflow.nodes.find((n) => n.type === TRIGGER_TYPE)!;

	it('has the n8n export fields', () => {
		expect(typeof workflow.name).toBe('string');
		expect(Array.isArray(workflow.nodes)).toBe(true);
		expect(typeof workflow.connections).toBe('object');
		expect(workflow.settings).toEqual({ executionOrder: 'v1' });
		for (const node of workflow.nodes) {
			expect(node.id).toMatch(UUID);
			expect(typeof node.name).toBe('string');
			expect(node.position).toHaveLength(2);
			expect(typeof node.parameters).toBe('object');
		}
		expect(new Set(workflow.nodes.map((n) => n.id)).size).toBe(workflow.nodes.length);
		expect(new Set(workflow.nodes.map((n) => n.name)).size).toBe(workflow.nodes.length);
	});

	it('uses only node types and versions that exist in n8n 2.40.7', () => {
		for (const node of workflow.nodes) {
			expect({
				type: node.type,
				ok: KNOWN_TYPE_VERSIONS[node.type]?.includes(node.typeVersion),
			}).toEqual({
				type: node.type,
				ok: true,
			});
		}
		expect(workflow.nodes.map((n) => n.type)).toContain(EXPECTED_APP_NODE[file]);
	});

	it('has one Intellixent Trigger on the example assistant, with parameters the node defines', () => {
		expect(workflow.nodes.filter((n) => n.type === TRIGGER_TYPE)).toHaveLength(1);
		// The trigger's latest version (version 1 workflows keep working: test/e2e/intellixent.e2e.test.ts).
		expect(trigger.typeVersion).toBe(1.1);
		expect(trigger.webhookId).toMatch(UUID);
		expect(trigger.parameters.assistant).toEqual({
			__rl: true,
			mode: 'id',
			value: EXAMPLE_ASSISTANT_ID,
		});
		const description = new IntellixentTrigger().description;
		const names = description.properties.map((p) => p.name);
		for (const key of Object.keys(trigger.parameters)) expect(names).toContain(key);
		const shape = description.properties.find((p) => p.name === 'outputShape')!;
		expect((shape.options as Array<{ value: string }>).map((o) => o.value)).toContain(
			trigger.parameters.outputShape,
		);
		expect(trigger.credentials).toEqual({
			intellixentApi: { id: null, name: 'Intellixent account' },
		});
	});

	it('credentials reference names only (n8n resolves them by name on import)', () => {
		for (const node of workflow.nodes) {
			for (const ref of Object.values(node.credentials ?? {})) {
				expect(ref.id).toBeNull();
				expect(ref.name).toMatch(/ account$/);
			}
		}
	});

	it('connections only name existing nodes, and the trigger feeds the workflow from output 0', () => {
		const names = new Set(workflow.nodes.map((n) => n.name));
		for (const [from, outputs] of Object.entries(workflow.connections)) {
			expect(names.has(from)).toBe(true);
			for (const targets of outputs.main)
				for (const t of targets) expect(names.has(t.node)).toBe(true);
		}
		expect(workflow.connections[trigger.name].main[0].length).toBeGreaterThan(0);
	});

	it('is valid JSON formatted like the other examples (2 spaces, newline at the end)', () => {
		const text = fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8');
		expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
	});
});

describe('examples/ pinned sample data matches the code (fix: npm run docs)', () => {
	it.each(EXAMPLE_FILES)('%s', (file) => {
		const workflow = readExample(file);
		expect(workflow.pinData).toEqual(expectedPinData(workflow));
	});
});

it('the WhatsApp example cannot send before the user chooses: no sender, no template, no real phone pinned', () => {
	const workflow = readExample('whatsapp-follow-up.json') as unknown as {
		nodes: ExampleNode[];
		pinData: Record<string, Array<{ json: Record<string, unknown> }>>;
	};
	const send = workflow.nodes.find((n) => n.type === 'n8n-nodes-intellixent.intellixent')!;
	// Empty: n8n 2.x refuses to publish (a required field; test/e2e/examples.e2e.test.ts), and a run
	// by hand stops at the run-time ID check before any request (next test).
	expect(send.parameters.sender).toEqual({ __rl: true, mode: 'list', value: '' });
	expect(send.parameters.templateId).toBe(0);
	expect(send.parameters.recipientPhone).toBe('={{ $json.customer_phone }}');
	const pinned = Object.values(workflow.pinData).flat();
	expect(pinned.length).toBeGreaterThan(0);
	for (const item of pinned) expect(item.json.customer_phone).toBe(PINNED_NO_PHONE);
	expect(JSON.stringify(workflow)).not.toContain('+34612345678');
});

it('the WhatsApp example run by hand on its pinned sample stops before anything is sent', async () => {
	const workflow = readExample('whatsapp-follow-up.json') as unknown as { nodes: ExampleNode[] };
	const send = workflow.nodes.find((n) => n.type === 'n8n-nodes-intellixent.intellixent')!;
	const apiKey = 'ix-examples-key';
	const emulator = await startEmulator({ port: 0, apiKey });
	try {
		// The expression {{ $json.customer_phone }} on the pinned item.
		const parameters = { ...send.parameters, recipientPhone: PINNED_NO_PHONE } as IDataObject;
		const ctx = executeContext({ baseUrl: emulator.url, apiKey, parameters: () => parameters });
		const error = await new Intellixent().execute.call(ctx).then(
			() => undefined,
			(e: unknown) => e as Error,
		);
		expect(error?.message).toBe(
			'Sender must be a positive whole number: the "id" of a sender from WhatsApp > Get Senders, not a phone number',
		);
		expect(emulator.requests()).toHaveLength(0);
	} finally {
		await emulator.close();
	}
});

it('the HubSpot example keeps values as sent: a CRM is not a spreadsheet, so formulas are not escaped', () => {
	const workflow = readExample('hubspot-contact-and-note.json') as unknown as {
		nodes: ExampleNode[];
	};
	const trigger = workflow.nodes.find((n) => n.type === TRIGGER_TYPE)!;
	expect(trigger.parameters).toMatchObject({
		outputShape: 'flatRow',
		options: { escapeFormulas: false },
	});
});

it('the Google Sheets example appends RAW values, so Sheets never runs a formula from a conversation', () => {
	const workflow = readExample('google-sheets-append-row.json') as unknown as {
		nodes: ExampleNode[];
	};
	const sheets = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.googleSheets')!;
	// n8n's Google Sheets node sends options.cellFormat as valueInputOption (default USER_ENTERED).
	expect(sheets.parameters).toMatchObject({ operation: 'append', options: { cellFormat: 'RAW' } });
});

it("examples/README.md's import steps quote n8n's menu as the browser test clicks it (test/browser/editorWords.ts)", () => {
	const readme = fs.readFileSync(path.join(EXAMPLES_DIR, 'README.md'), 'utf8').replace(/\s+/g, ' ');
	expect(readme).toContain(
		`Open the **…** menu beside the workflow's name, choose **${IMPORT_WORDS.import}**, then **${IMPORT_WORDS.fromFile}**, and select the file`,
	);
});

describe(AGENT_EXAMPLE, () => {
	const text = fs.readFileSync(path.join(EXAMPLES_DIR, AGENT_EXAMPLE), 'utf8');
	const workflow = JSON.parse(text) as {
		name: string;
		nodes: ExampleNode[];
		connections: Record<string, Record<string, Array<Array<{ node: string; type: string }>>>>;
		settings: Record<string, unknown>;
	};
	const tools = workflow.nodes.filter((n) => n.type === 'n8n-nodes-intellixent.intellixentTool');
	const action = new Intellixent().description.properties;

	it('is an n8n export with execution order v1, formatted like the other examples', () => {
		expect(workflow.settings).toEqual({ executionOrder: 'v1' });
		for (const node of workflow.nodes) expect(node.id).toMatch(UUID);
		expect(new Set(workflow.nodes.map((n) => n.name)).size).toBe(workflow.nodes.length);
		expect(text).toBe(`${JSON.stringify(workflow, null, 2)}\n`);
	});

	it('uses only node types and versions that exist in n8n 2.40.7: Webhook, AI Agent, OpenAI Chat Model, Intellixent tools', () => {
		for (const node of workflow.nodes)
			expect({
				type: node.type,
				ok: KNOWN_TYPE_VERSIONS[node.type]?.includes(node.typeVersion),
			}).toEqual({
				type: node.type,
				ok: true,
			});
		expect(workflow.nodes.map((n) => n.type).sort()).toEqual(
			[
				'@n8n/n8n-nodes-langchain.agent',
				'@n8n/n8n-nodes-langchain.lmChatOpenAi',
				'n8n-nodes-base.stickyNote',
				'n8n-nodes-base.webhook',
				'n8n-nodes-intellixent.intellixentTool',
				'n8n-nodes-intellixent.intellixentTool',
			].sort(),
		);
	});

	it('wires the model and the tools into the agent, and the webhook into its main input', () => {
		const agent = workflow.nodes.find((n) => n.type === '@n8n/n8n-nodes-langchain.agent')!;
		const into = (from: string, type: string) =>
			workflow.connections[from]?.[type]?.[0]?.map((t) => [t.node, t.type]);
		expect(into('Webhook', 'main')).toEqual([[agent.name, 'main']]);
		expect(into('OpenAI Chat Model', 'ai_languageModel')).toEqual([
			[agent.name, 'ai_languageModel'],
		]);
		for (const tool of tools) expect(into(tool.name, 'ai_tool')).toEqual([[agent.name, 'ai_tool']]);
	});

	it('each tool is named as the editor names it, takes only parameters the node has, and its $fromAI calls parse', () => {
		const names = new Set(action.map((p) => p.name));
		for (const tool of tools) {
			const { resource, operation } = tool.parameters as { resource: string; operation: string };
			const selector = action.find(
				(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource),
			)!;
			const option = (selector.options as Array<{ value: string; action: string }>).find(
				(o) => o.value === operation,
			)!;
			expect(tool.name).toBe(`${option.action} in Intellixent`);
			expect(tool.parameters.descriptionType).toBe('auto');
			for (const key of Object.keys(tool.parameters))
				if (key !== 'descriptionType') expect(names).toContain(key);
			const calls = [...JSON.stringify(tool.parameters).matchAll(/\$fromAI\(([^)]*)\)/g)].map(
				(m) => m[1],
			);
			expect(calls.length).toBeGreaterThan(0);
			// A single-quoted argument ends at an apostrophe: descriptions are in double quotes.
			for (const args of calls)
				expect(args).toMatch(/^'[a-z_]+', \\"[^"\\]+\\"(, '(string|number|boolean)')?$/);
		}
	});

	it('cannot send before the user chooses: no sender, no template; no phone number anywhere', () => {
		const send = tools.find((t) => t.parameters.operation === 'sendTemplate')!;
		expect(send.parameters.sender).toEqual({ __rl: true, mode: 'list', value: '' });
		expect(send.parameters.templateId).toBe(0);
		expect(text).not.toMatch(/\+\d{6,}/);
		for (const node of workflow.nodes)
			for (const ref of Object.values(node.credentials ?? {})) {
				expect(ref.id).toBeNull();
				expect(ref.name).toMatch(/ account$/);
			}
	});

	it('its sticky note names every setup step and is listed in examples/README.md', () => {
		const note = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.stickyNote')!;
		const content = String(note.parameters.content);
		for (const word of [
			'OpenAI Chat Model',
			'Intellixent API',
			'Sender',
			'Template ID',
			'Execution Order: v1',
		])
			expect(content).toContain(word);
		expect(fs.readFileSync(path.join(EXAMPLES_DIR, 'README.md'), 'utf8')).toContain(
			`(${AGENT_EXAMPLE})`,
		);
	});
});
