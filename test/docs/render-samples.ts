/**
 * Generates the parts of docs/conversation-trigger.md (and the pinned sample data of
 * examples/*.json) that must match the code, by running the node's real code:
 * - the payload field table, from `describePayloadFields()` (payloadSchema.ts);
 * - the parameter and option reference, from the node description;
 * - one sample per output shape, from `shapeConversation()` on test/fixtures/*.json;
 * - a Rejected item and the sender's answer, from the real `webhook()` handler.
 *
 * Each generated part sits in docs/conversation-trigger.md between `<!-- NAME:start -->` and
 * `<!-- NAME:end -->`. `node tools/docs/docs.js` (npm run docs) rewrites them;
 * test/docs/pages.test.ts fails when they drift. docs/call-ended-event.md gets its parts the same
 * way (callDocs.ts).
 */
import * as fs from 'fs';
import * as path from 'path';

import type {
	IDataObject,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { callDocDrift, writeCallDoc } from './callDocs';
import { deliveryToken } from '../../nodes/IntellixentTrigger/deliveryToken';
import { IntellixentTrigger } from '../../nodes/IntellixentTrigger/IntellixentTrigger.node';
import type { OutputShape } from '../../nodes/IntellixentTrigger/outputShapes';
import { shapeConversation } from '../../nodes/IntellixentTrigger/outputShapes';
import {
	describePayloadFields,
	parseConversationEndedPayload,
} from '../../nodes/IntellixentTrigger/payloadSchema';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const README_PATH = path.join(REPO_ROOT, 'README.md');
/** The page that holds the generated sections: the conversation trigger's. */
export const GENERATED_PAGE = 'docs/conversation-trigger.md';
const GENERATED_PAGE_PATH = path.join(REPO_ROOT, GENERATED_PAGE);
export const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');

/** The assistant of the vendor's example payload, used by the examples too. */
export const EXAMPLE_ASSISTANT_ID = 'f9e8d7c6-b5a4-3210-fedc-ba9876543210';
/** The Rejected output carries the time n8n received the request; the docs show this one. */
const SAMPLE_RECEIVED_AT = '2026-02-23T09:00:01.250Z';

type FixtureName = 'widget' | 'whatsapp';

export function loadFixture(name: FixtureName): IDataObject {
	const file = path.join(REPO_ROOT, 'test', 'fixtures', `${name}.json`);
	return JSON.parse(fs.readFileSync(file, 'utf8')) as IDataObject;
}

/** The items the trigger outputs for a fixture, exactly as the node shapes them. */
function shapedItems(
	fixture: FixtureName,
	shape: OutputShape,
	changes: IDataObject = {},
): IDataObject[] {
	const body = { ...loadFixture(fixture), ...changes };
	const parsed = parseConversationEndedPayload(body);
	if (!parsed.ok) throw new Error(`test/fixtures/${fixture}.json does not pass the payload schema`);
	// Round-trip through JSON: that is what n8n stores and shows.
	return JSON.parse(
		JSON.stringify(shapeConversation(parsed.payload, { shape }, body)),
	) as IDataObject[];
}

// ---------------------------------------------------------------------------------------------
// A refused delivery, through the real webhook() handler
// ---------------------------------------------------------------------------------------------

interface DeliveryOutcome {
	/** The status and JSON body written to the sender (undefined when n8n answers by itself). */
	status?: number;
	answer?: unknown;
	result: IWebhookResponseData;
}

const DOCS_API_KEY = 'docs-example-api-key';
const DOCS_WEBHOOK_ID = '0f3c5a9e-7b21-4d6e-8a4f-2c1b9d8e7f60';

/**
 * Runs the node's `webhook()` on one request, with a minimal stand-in for n8n's context
 * (no jest, so that the docs script can use it too).
 */
export async function deliver(request: {
	body: unknown;
	rawBody?: string;
	token?: 'valid' | 'missing' | 'wrong';
	parameters?: IDataObject;
}): Promise<DeliveryOutcome> {
	const parameters: IDataObject = {
		assistant: { __rl: true, mode: 'id', value: EXAMPLE_ASSISTANT_ID },
		channel: 'all',
		outputShape: 'conversation',
		options: {},
		...(request.parameters ?? {}),
	};
	const node = {
		id: '6b1d2c3e-4f50-4a6b-8c7d-9e0f1a2b3c4d',
		name: 'Intellixent Trigger',
		type: 'n8n-nodes-intellixent.intellixentTrigger',
		typeVersion: 1,
		position: [0, 0] as [number, number],
		webhookId: DOCS_WEBHOOK_ID,
		parameters,
	};
	const assistant = parameters.assistant as { value: string };
	const token = deliveryToken(DOCS_API_KEY, {
		webhookId: DOCS_WEBHOOK_ID,
		assistantId: assistant.value,
	});
	const query: IDataObject =
		request.token === 'missing' ? {} : { token: request.token === 'wrong' ? `${token}x` : token };
	const rawBody =
		request.rawBody ??
		(typeof request.body === 'string' ? request.body : JSON.stringify(request.body));
	const outcome: { status?: number; answer?: unknown } = {};
	const response = {
		status(code: number) {
			outcome.status = code;
			return response;
		},
		json(value: unknown) {
			outcome.answer = value;
			return response;
		},
	};
	const ignore = () => undefined;
	const staticData: IDataObject = {};
	const ctx = {
		logger: { debug: ignore, info: ignore, warn: ignore, error: ignore },
		getNodeParameter(name: string, fallback?: unknown, options?: { extractValue?: boolean }) {
			const value = parameters[name];
			if (value === undefined) return fallback;
			if (options?.extractValue && typeof value === 'object' && value !== null && '__rl' in value) {
				return (value as { value: unknown }).value;
			}
			return value;
		},
		getCredentials: async () => ({
			apiKey: DOCS_API_KEY,
			baseUrl: 'https://portal.intellixent.ai',
		}),
		getNode: () => node,
		getWorkflow: () => ({ id: 'docs', name: 'Docs', active: true }),
		getMode: () => 'webhook',
		getQueryData: () => query,
		getBodyData: () => (typeof request.body === 'string' ? {} : request.body),
		getHeaderData: () => ({ 'content-type': 'application/json' }),
		getRequestObject: () => ({ body: request.body, rawBody: Buffer.from(rawBody, 'utf8'), query }),
		getResponseObject: () => response,
		getWorkflowStaticData: () => staticData,
		helpers: {
			returnJsonArray: (items: IDataObject | IDataObject[]) =>
				(Array.isArray(items) ? items : [items]).map((json) => ({ json })),
		},
	};
	const result = await new IntellixentTrigger().webhook.call(ctx as unknown as IWebhookFunctions);
	return { ...outcome, result };
}

/** The body used for the Rejected sample: a payload with two problems. */
const INVALID_PAYLOAD_EXAMPLE = {
	conversation_id: 'a1b2c3d4-e5f6-7890-abcd-ef1234567890',
	assistant_id: EXAMPLE_ASSISTANT_ID,
	type: 'widget',
	message_count: 'eight',
};

async function rejectedSample(): Promise<{
	item: IDataObject;
	status?: number;
	answer?: unknown;
}> {
	const { status, answer, result } = await deliver({ body: INVALID_PAYLOAD_EXAMPLE });
	const rejected = result.workflowData?.[1]?.[0]?.json;
	if (!rejected) throw new Error('the handler did not emit a Rejected item');
	return { item: { ...rejected, received_at: SAMPLE_RECEIVED_AT }, status, answer };
}

// ---------------------------------------------------------------------------------------------
// Reference tables from the code
// ---------------------------------------------------------------------------------------------

export function cell(text: string): string {
	return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

function renderFieldTable(): string {
	const rows = describePayloadFields().map(
		(f) => `| \`${f.field}\` | ${f.required ? 'yes' : 'no'} | ${cell(f.description)} |`,
	);
	return ['| Field | Required | Description |', '| --- | --- | --- |', ...rows].join('\n');
}

function nodeProperties(): INodeProperties[] {
	return new IntellixentTrigger().description.properties;
}

function property(name: string): INodeProperties {
	const found = nodeProperties().find((p) => p.name === name);
	if (!found) throw new Error(`the node has no parameter "${name}"`);
	return found;
}

function optionName(p: INodeProperties, value: unknown): string {
	const option = (p.options as INodePropertyOptions[] | undefined)?.find((o) => o.value === value);
	return option ? option.name : String(value);
}

function defaultText(p: INodeProperties): string {
	if (p.type === 'boolean') return p.default ? 'on' : 'off';
	if (p.type === 'options') return optionName(p, p.default);
	return `\`${JSON.stringify(p.default)}\``;
}

/** Event, Channel and Output (with every value) and the Options collection, from the node description. */
function renderParameterReference(): string {
	const lines: string[] = [];
	for (const name of ['event', 'channel', 'outputShape']) {
		const p = property(name);
		const values = (p.options as INodePropertyOptions[]).map(
			(o) =>
				`  - ${o.name} (\`${String(o.value)}\`)${o.description ? `: ${cell(o.description)}.` : ''}`,
		);
		lines.push(
			`- **${p.displayName}** (default: ${defaultText(p)})${p.description ? `: ${cell(p.description)}` : ''}`,
			...values,
		);
	}
	const options = property('options');
	const rows = ((options.options ?? []) as Array<INodeProperties | INodePropertyCollection>)
		.filter((o): o is INodeProperties => 'type' in o)
		.map((o) => `| ${o.displayName} | ${defaultText(o)} | ${cell(o.description ?? '')} |`);
	lines.push(
		'',
		`**${options.displayName}**:`,
		'',
		'| Option | Default | Description |',
		'| --- | --- | --- |',
		...rows,
	);
	return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// The generated sections of docs/conversation-trigger.md
// ---------------------------------------------------------------------------------------------

export function jsonBlock(value: unknown): string {
	return ['```json', JSON.stringify(value, null, 2), '```'].join('\n');
}

/** Section name → generated Markdown. */
export async function renderSections(): Promise<Record<string, string>> {
	const rejected = await rejectedSample();
	return {
		fields: renderFieldTable(),
		parameters: renderParameterReference(),
		'sample-conversation': jsonBlock(shapedItems('widget', 'conversation')[0]),
		'sample-flat-row-widget': jsonBlock(shapedItems('widget', 'flatRow')[0]),
		'sample-flat-row-whatsapp': jsonBlock(shapedItems('whatsapp', 'flatRow')[0]),
		'sample-messages': jsonBlock(shapedItems('widget', 'messages')),
		'sample-rejected': jsonBlock(rejected.item),
		'sample-rejected-answer': [
			`Status \`${rejected.status}\`, body:`,
			'',
			jsonBlock(rejected.answer),
		].join('\n'),
	};
}

function startMarker(name: string): string {
	return `<!-- ${name}:start -->`;
}

function endMarker(name: string): string {
	return `<!-- ${name}:end -->`;
}

/** The text between a section's markers (without the newlines next to them), or undefined. */
export function readSection(markdown: string, name: string): string | undefined {
	const start = markdown.indexOf(startMarker(name));
	const end = markdown.indexOf(endMarker(name));
	if (start === -1 || end === -1 || end < start) return undefined;
	return markdown
		.slice(start + startMarker(name).length, end)
		.replace(/^\n/, '')
		.replace(/\n$/, '');
}

export function replaceSection(markdown: string, name: string, content: string): string {
	const start = markdown.indexOf(startMarker(name));
	const end = markdown.indexOf(endMarker(name));
	if (start === -1 || end === -1 || end < start) {
		throw new Error(`The document has no ${startMarker(name)} ... ${endMarker(name)} section`);
	}
	return `${markdown.slice(0, start + startMarker(name).length)}\n${content}\n${markdown.slice(end)}`;
}

// ---------------------------------------------------------------------------------------------
// Pinned sample data of the example workflows
// ---------------------------------------------------------------------------------------------

export const EXAMPLE_FILES = [
	'google-sheets-append-row.json',
	'hubspot-contact-and-note.json',
	'slack-summary.json',
	'whatsapp-follow-up.json',
];
export const TRIGGER_TYPE = 'n8n-nodes-intellixent.intellixentTrigger';

interface ExampleWorkflow {
	nodes: Array<{ name: string; type: string; parameters: IDataObject }>;
	pinData?: Record<string, Array<{ json: IDataObject }>>;
	[key: string]: unknown;
}

/**
 * The customer phone pinned in an example that sends WhatsApp messages: no number anyone has
 * (country code 0 does not exist), so a run by hand with a real sender cannot reach a stranger.
 */
export const PINNED_NO_PHONE = '+00000000000';
const ACTION_TYPE = 'n8n-nodes-intellixent.intellixent';

/**
 * The pinned data an example's trigger should carry: a sample in the trigger's shape, the widget
 * one, or the WhatsApp one for a trigger that listens on WhatsApp only (with customer_phone).
 */
export function expectedPinData(
	workflow: ExampleWorkflow,
): Record<string, Array<{ json: IDataObject }>> {
	const trigger = workflow.nodes.find((n) => n.type === TRIGGER_TYPE);
	if (!trigger) throw new Error('example without an Intellixent Trigger');
	const shape = (trigger.parameters.outputShape as OutputShape | undefined) ?? 'conversation';
	const sample: FixtureName = trigger.parameters.channel === 'whatsapp' ? 'whatsapp' : 'widget';
	const sends = workflow.nodes.some(
		(n) => n.type === ACTION_TYPE && n.parameters.resource === 'whatsapp',
	);
	const changes: IDataObject = sends ? { customer_phone: PINNED_NO_PHONE } : {};
	return { [trigger.name]: shapedItems(sample, shape, changes).map((json) => ({ json })) };
}

export function readExample(file: string): ExampleWorkflow {
	return JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')) as ExampleWorkflow;
}

// ---------------------------------------------------------------------------------------------
// Check / write
// ---------------------------------------------------------------------------------------------

/** Names of generated sections and example files that differ from what the code generates. */
export async function findDrift(): Promise<string[]> {
	const drift: string[] = [];
	const page = fs.readFileSync(GENERATED_PAGE_PATH, 'utf8');
	for (const [name, content] of Object.entries(await renderSections())) {
		if (readSection(page, name) !== content) drift.push(`${GENERATED_PAGE} section "${name}"`);
	}
	for (const file of EXAMPLE_FILES) {
		const workflow = readExample(file);
		if (JSON.stringify(workflow.pinData) !== JSON.stringify(expectedPinData(workflow))) {
			drift.push(`examples/${file} pinData`);
		}
	}
	drift.push(...callDocDrift());
	return drift;
}

/** Rewrites the generated parts; returns what changed. */
export async function writeGenerated(): Promise<string[]> {
	const changed: string[] = [];
	let page = fs.readFileSync(GENERATED_PAGE_PATH, 'utf8');
	const before = page;
	for (const [name, content] of Object.entries(await renderSections())) {
		if (readSection(page, name) !== content) changed.push(`${GENERATED_PAGE} section "${name}"`);
		page = replaceSection(page, name, content);
	}
	if (page !== before) fs.writeFileSync(GENERATED_PAGE_PATH, page, 'utf8');
	for (const file of EXAMPLE_FILES) {
		const workflow = readExample(file);
		const pinData = expectedPinData(workflow);
		if (JSON.stringify(workflow.pinData) === JSON.stringify(pinData)) continue;
		workflow.pinData = pinData;
		fs.writeFileSync(
			path.join(EXAMPLES_DIR, file),
			`${JSON.stringify(workflow, null, 2)}\n`,
			'utf8',
		);
		changed.push(`examples/${file} pinData`);
	}
	changed.push(...writeCallDoc());
	return changed;
}
