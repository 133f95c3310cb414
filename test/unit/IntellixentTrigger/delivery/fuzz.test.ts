/**
 * Fuzz test of the delivery path (fast-check): malformed JSON, wrong types, missing and extra
 * fields, deep nesting, huge strings and arrays and prototype-pollution keys are thrown at the real
 * `webhook()` handler. For every case:
 * - the handler resolves (never rejects, so it never crashes n8n);
 * - exactly one of: (a) a clear 4xx (the one an independent oracle expects) with a JSON body
 *   `{ error, message }`, nothing on output 0; or (b) no status written, and every output-0 item is
 *   complete (re-validated against the payload it came from);
 * - Object.prototype and Array.prototype are untouched;
 * - the payload schema answers exactly the same on zod 3.25.x and on zod 4 (test/helpers/zodLines.ts).
 * No seed is fixed: each run explores new cases; fast-check prints the seed of a failure.
 * The number of cases tried is printed per property.
 * Longer than ~500 lines on purpose: the generators and the independent oracle that says which
 * answer each case deserves are the test, and they belong next to the properties that use them.
 */
import fc from 'fast-check';
import type { IDataObject, INodeExecutionData, IWebhookResponseData } from 'n8n-workflow';

import { createHash } from 'crypto';

import { forgetDuplicatesInMemory } from '../../../../nodes/IntellixentTrigger/duplicates';
import { IntellixentTrigger } from '../../../../nodes/IntellixentTrigger/IntellixentTrigger.node';
import { FLAT_ROW_METADATA_COLUMNS } from '../../../../nodes/IntellixentTrigger/flatRow';
import { escapeFormulaCell } from '../../../../nodes/shared/formulaCells';
import {
	conversationEndedPayloadSchema,
	parseConversationEndedPayload,
} from '../../../../nodes/IntellixentTrigger/payloadSchema';
import { UNTRUSTED_PREFIX_LENGTH } from '../../../../nodes/IntellixentTrigger/refusedBody';
import { forgetRejectionWindows } from '../../../../nodes/IntellixentTrigger/rejectionLimit';
import { parseOnEveryZodLine } from '../../../helpers/zodLines';
import type { WebhookTestContext } from '../../../helpers/fakeContext';
import { TEST_ASSISTANT_ID, webhookContext } from '../../../helpers/fakeContext';

import { whatsapp, widget } from './samples';

jest.setTimeout(120_000);

type Shape = 'conversation' | 'flatRow' | 'messages';

interface Settings {
	outputShape: Shape;
	channel: 'all' | 'widget' | 'whatsapp';
	token: 'valid' | 'missing' | 'wrong';
	verifyDeliveryToken: boolean;
	includeRawPayload: boolean;
	recordRejected: boolean;
	ignoreDuplicates: boolean;
	escapeFormulas: boolean;
	/** `parsed`: n8n parsed the JSON (or gave `{}` when it could not); `rawOnly`: n8n left it to the node. */
	bodyMode: 'parsed' | 'rawOnly';
}

interface Delivery {
	raw: string | Buffer;
	label: string;
}

const settingsArb: fc.Arbitrary<Settings> = fc.record({
	outputShape: fc.constantFrom<Shape>('conversation', 'flatRow', 'messages'),
	channel: fc.constantFrom<Settings['channel']>('all', 'all', 'all', 'widget', 'whatsapp'),
	token: fc.constantFrom<Settings['token']>('valid', 'valid', 'valid', 'valid', 'missing', 'wrong'),
	verifyDeliveryToken: fc.constantFrom(true, true, false),
	includeRawPayload: fc.boolean(),
	recordRejected: fc.boolean(),
	ignoreDuplicates: fc.boolean(),
	escapeFormulas: fc.boolean(),
	bodyMode: fc.constantFrom<Settings['bodyMode']>('parsed', 'parsed', 'rawOnly'),
});

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

type Obj = Record<string, unknown>;

/** Defines (never assigns) a key, so `__proto__` becomes a plain own key, as JSON.parse makes it. */
function put(target: Obj, key: string, value: unknown) {
	Object.defineProperty(target, key, {
		value,
		enumerable: true,
		writable: true,
		configurable: true,
	});
}

const HOSTILE_KEYS = [
	'__proto__',
	'constructor',
	'prototype',
	'_proto_',
	'toString',
	'hasOwnProperty',
	'json',
	'binary',
	'pairedItem',
	'status',
	'duration_seconds',
	'raw_payload',
	'conversation_id',
	'transcript',
	'0',
	'',
];
const keyArb = fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ maxLength: 12 }));
const pollutingValue = fc.constantFrom<unknown>(
	{ polluted: 'yes' },
	{ prototype: { polluted: 'yes' } },
	{ __proto__polluted: 'yes' },
	'polluted',
	null,
);
const smallJson = fc.oneof(fc.jsonValue({ maxDepth: 3 }), pollutingValue);

/** A fresh copy, so that a later mutation never edits a value fast-check keeps for shrinking. */
const clone = <T>(value: T): T =>
	value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);

const DOCUMENTED = Object.keys(conversationEndedPayloadSchema.shape);

/** Where in the payload a mutation applies: the top level, a variables object, or a message. */
const targetArb = fc.constantFrom(
	'top',
	'top',
	'extracted_variables',
	'input_variables',
	'sender',
	'message',
);

type Mutation = (payload: Obj) => void;

function objectAt(payload: Obj, target: string, index: number): Obj | undefined {
	if (target === 'top') return payload;
	if (target === 'message') {
		const transcript = payload.transcript;
		if (!Array.isArray(transcript) || transcript.length === 0) return undefined;
		const message = transcript[index % transcript.length];
		return typeof message === 'object' && message !== null && !Array.isArray(message)
			? (message as Obj)
			: undefined;
	}
	let value = payload[target];
	if (value === null || value === undefined) {
		value = {};
		put(payload, target, value);
	}
	return typeof value === 'object' && !Array.isArray(value) ? (value as Obj) : undefined;
}

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
	// delete a field (documented ones more often)
	fc
		.tuple(targetArb, fc.nat(), fc.oneof(fc.constantFrom(...DOCUMENTED, 'role', 'content'), keyArb))
		.map(
			([target, index, key]): Mutation =>
				(payload) => {
					const object = objectAt(payload, target, index);
					if (object) delete object[key];
				},
		),
	// replace a field's value with a random JSON value
	fc.tuple(targetArb, fc.nat(), fc.constantFrom(...DOCUMENTED, 'role', 'content'), smallJson).map(
		([target, index, key, value]): Mutation =>
			(payload) => {
				const object = objectAt(payload, target, index);
				if (object) put(object, key, clone(value));
			},
	),
	// add random extra keys, prototype-pollution keys included
	fc
		.tuple(
			targetArb,
			fc.nat(),
			fc.array(fc.tuple(keyArb, smallJson), { minLength: 1, maxLength: 4 }),
		)
		.map(
			([target, index, entries]): Mutation =>
				(payload) => {
					const object = objectAt(payload, target, index);
					if (object) for (const [key, value] of entries) put(object, key, clone(value));
				},
		),
	// a channel nobody knows, an assistant in other case or another assistant
	fc
		.tuple(
			fc.constantFrom('type', 'assistant_id'),
			fc.oneof(
				fc.string({ maxLength: 20 }),
				fc.constantFrom(
					'instagram',
					'WHATSAPP',
					TEST_ASSISTANT_ID.toUpperCase(),
					'0a0b0c0d-1111-4222-8333-444455556666',
				),
			),
		)
		.map(
			([key, value]): Mutation =>
				(payload) =>
					put(payload, key, value),
		),
	// a transcript of random messages
	fc
		.array(
			fc.oneof(
				fc.record({
					role: fc.constantFrom('user', 'assistant', 'system', ''),
					content: fc.oneof(fc.string(), fc.constant(null)),
				}),
				smallJson,
			),
			{ maxLength: 6 },
		)
		.map(
			(transcript): Mutation =>
				(payload) =>
					put(payload, 'transcript', clone(transcript)),
		),
);

/** Builders, called inside each mapper: every case mutates its own fresh copy. */
const fixtureArb = fc.constantFrom(widget, whatsapp);

const mutatedFixtureArb: fc.Arbitrary<Delivery> = fc
	.tuple(fixtureArb, fc.array(mutationArb, { minLength: 1, maxLength: 4 }))
	.map(([build, mutations]) => {
		const payload = build() as Obj;
		for (const mutate of mutations) mutate(payload);
		return { raw: JSON.stringify(payload), label: 'mutated fixture' };
	});

const arbitraryJsonArb: fc.Arbitrary<Delivery> = fc.oneof(
	fc
		.jsonValue({ maxDepth: 6 })
		.map((value) => ({ raw: JSON.stringify(value), label: 'fc.jsonValue' })),
	fc.json({ maxDepth: 4 }).map((raw) => ({ raw, label: 'fc.json' })),
	// a random object with some of the required fields right, so that deeper checks run too
	fc
		.tuple(
			fc.dictionary(keyArb, smallJson, { maxKeys: 6 }),
			fc.subarray(['conversation_id', 'assistant_id', 'transcript']),
		)
		.map(([extra, required]) => {
			const payload: Obj = {};
			for (const [key, value] of Object.entries(extra)) put(payload, key, value);
			const valid = widget();
			for (const key of required) put(payload, key, valid[key]);
			return { raw: JSON.stringify(payload), label: 'random object' };
		}),
);

const JSON_TOKENS = [
	'{',
	'}',
	'[',
	']',
	'"',
	':',
	',',
	'null',
	'true',
	'1e999',
	'-0',
	'"__proto__"',
	'\\u0000',
	' ',
	'\n',
	'undefined',
	'"a"',
	'0',
];

const rawBytesArb: fc.Arbitrary<Delivery> = fc.oneof(
	fc
		.uint8Array({ maxLength: 300 })
		.map((bytes) => ({ raw: Buffer.from(bytes), label: 'random bytes' })),
	fc.string({ unit: 'binary', maxLength: 200 }).map((raw) => ({ raw, label: 'random text' })),
	fc.tuple(fixtureArb, fc.double({ min: 0, max: 1, noNaN: true })).map(([build, cut]) => {
		const text = JSON.stringify(build());
		return { raw: text.slice(0, Math.floor(text.length * cut)), label: 'truncated JSON' };
	}),
	fc
		.tuple(fixtureArb, fc.nat(), fc.string({ unit: 'binary', minLength: 1, maxLength: 3 }))
		.map(([build, at, insert]) => {
			const text = JSON.stringify(build());
			const i = at % text.length;
			return { raw: text.slice(0, i) + insert + text.slice(i + 1), label: 'corrupted JSON' };
		}),
	fc
		.array(fc.constantFrom(...JSON_TOKENS), { maxLength: 40 })
		.map((tokens) => ({ raw: tokens.join(''), label: 'JSON-like tokens' })),
	fc
		.tuple(fixtureArb, fc.constantFrom('\uFEFF', ' \n\t', '\u0000', 'null', ''))
		.map(([build, prefix]) => ({ raw: prefix + JSON.stringify(build()), label: 'prefixed JSON' })),
);

/** Nested `depth` levels deep, alternating objects (some keyed `__proto__`) and arrays. */
function nested(depth: number, leaf: unknown, protoEvery: number): unknown {
	let value = leaf;
	for (let level = 0; level < depth; level++) {
		if (level % 3 === 2) {
			value = [value];
		} else {
			const object: Obj = {};
			put(object, protoEvery > 0 && level % protoEvery === 0 ? '__proto__' : `l${level}`, value);
			value = object;
		}
	}
	return value;
}

const MB = 1024 * 1024;

const heavyArb: fc.Arbitrary<Delivery> = fc
	.tuple(
		fixtureArb,
		fc.oneof(
			// deep nesting, 50 to 2,000 levels
			fc
				.tuple(
					fc.integer({ min: 50, max: 2000 }),
					fc.constantFrom('extracted_variables', 'top', 'sender', 'message', 'transcript'),
					fc.integer({ min: 0, max: 5 }),
				)
				.map(([depth, where, protoEvery]) => ({ kind: 'deep' as const, depth, where, protoEvery })),
			// strings up to 1 MB
			fc
				.tuple(
					fc.integer({ min: 0, max: MB }),
					fc.constantFrom(
						'content',
						'summary',
						'conversation_id',
						'customer_name',
						'extra key',
						'type',
					),
					fc.constantFrom('a', 'é', '🙂', '\u0000', '"', '\\'),
				)
				.map(([length, where, unit]) => ({ kind: 'string' as const, length, where, unit })),
			// arrays up to 20,000 elements
			fc
				.tuple(
					fc.integer({ min: 0, max: 20_000 }),
					fc.constantFrom(
						'transcript',
						'variable scalars',
						'variable objects',
						'extra keys',
						'bad messages',
					),
				)
				.map(([length, where]) => ({ kind: 'array' as const, length, where })),
		),
	)
	.map(([build, plan]) => {
		const payload = build() as Obj;
		if (plan.kind === 'deep') {
			const deep = nested(plan.depth, 'bottom', plan.protoEvery);
			if (plan.where === 'extracted_variables')
				put(payload.extracted_variables as Obj, 'deep', deep);
			else if (plan.where === 'sender') put(payload, 'sender', { deep });
			else if (plan.where === 'message') put((payload.transcript as Obj[])[0], 'deep', deep);
			else if (plan.where === 'transcript') put(payload, 'transcript', deep);
			else put(payload, 'deep', deep);
		} else if (plan.kind === 'string') {
			const text = plan.unit.repeat(Math.ceil(plan.length / plan.unit.length));
			if (plan.where === 'content') put((payload.transcript as Obj[])[0], 'content', text);
			else if (plan.where === 'summary') put(payload.extracted_variables as Obj, 'summary', text);
			else if (plan.where === 'extra key') put(payload, text, 'value under a huge key');
			else put(payload, plan.where, text);
		} else {
			const n = plan.length;
			if (plan.where === 'transcript') {
				put(
					payload,
					'transcript',
					Array.from({ length: n }, (_, i) => ({
						role: i % 2 ? 'assistant' : 'user',
						content: `m${i}`,
					})),
				);
			} else if (plan.where === 'variable scalars') {
				put(
					payload.extracted_variables as Obj,
					'list',
					Array.from({ length: n }, (_, i) => (i % 3 ? i : `v${i}`)),
				);
			} else if (plan.where === 'variable objects') {
				put(
					payload.extracted_variables as Obj,
					'list',
					Array.from({ length: n }, (_, i) => ({ i, __proto__x: i })),
				);
			} else if (plan.where === 'extra keys') {
				const vars: Obj = {};
				for (let i = 0; i < n; i++) put(vars, `k${i}`, i);
				put(payload, 'extracted_variables', vars);
			} else {
				put(
					payload,
					'transcript',
					Array.from({ length: n }, (_, i) =>
						i === n - 1 ? { role: 7 } : { role: 'user', content: 'x' },
					),
				);
			}
		}
		return { raw: JSON.stringify(payload), label: `heavy ${plan.kind}` };
	});

// ---------------------------------------------------------------------------------------------
// Running one case and checking it
// ---------------------------------------------------------------------------------------------

const PROTOTYPE_SNAPSHOT = {
	object: Object.getOwnPropertyNames(Object.prototype).sort().join(','),
	array: Object.getOwnPropertyNames(Array.prototype).sort().join(','),
	function: Object.getOwnPropertyNames(Function.prototype).sort().join(','),
};

function expectPrototypesUntouched() {
	expect(Object.getOwnPropertyNames(Object.prototype).sort().join(',')).toBe(
		PROTOTYPE_SNAPSHOT.object,
	);
	expect(Object.getOwnPropertyNames(Array.prototype).sort().join(',')).toBe(
		PROTOTYPE_SNAPSHOT.array,
	);
	expect(Object.getOwnPropertyNames(Function.prototype).sort().join(',')).toBe(
		PROTOTYPE_SNAPSHOT.function,
	);
	expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
	expect(([] as unknown as { polluted?: unknown }).polluted).toBeUndefined();
}

function fail(message: string): never {
	throw new Error(message);
}

function tryJson(text: string): { ok: true; value: unknown } | { ok: false } {
	try {
		return { ok: true, value: JSON.parse(text) };
	} catch {
		return { ok: false };
	}
}

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What n8n hands to `getBodyData()`. */
function n8nBody(text: string, mode: Settings['bodyMode']): unknown {
	if (mode === 'rawOnly') return {};
	const parsed = tryJson(text);
	return parsed.ok ? parsed.value : {};
}

type Expected = { status: 401 | 400 | 422 | 403 } | { status: 200; payload: Obj };

/** An oracle written from the contract (CONTRACTS.md), independent of the handler's code. */
function expectedOutcome(text: string, settings: Settings): Expected {
	if (settings.verifyDeliveryToken && settings.token !== 'valid') return { status: 401 };
	const parsed = text.trim() === '' ? { ok: true as const, value: {} } : tryJson(text);
	if (!parsed.ok) return { status: 400 };
	// The schema gives the same answer on zod 3.25 and on zod 4, or the case fails here.
	const schema = parseOnEveryZodLine(parsed.value);
	if (!schema.ok) return { status: 422 };
	if (String(schema.payload.assistant_id).toLowerCase() !== TEST_ASSISTANT_ID.toLowerCase())
		return { status: 403 };
	return { status: 200, payload: parsed.value as Obj };
}

const STACK_TRACE = /\n\s*at [^\n]*:\d+:\d+/;

/** Walks an emitted item: plain prototypes everywhere, no own `__proto__` key, bounded. */
function checkPlainData(value: unknown, path: string, budget: { nodes: number }, depth = 0) {
	if (budget.nodes-- <= 0 || value === null || typeof value !== 'object') return;
	if (depth > 70) fail(`${path}: nested deeper than 70 levels in an emitted item`);
	const proto = Object.getPrototypeOf(value);
	if (proto !== Object.prototype && proto !== Array.prototype)
		fail(`${path}: prototype is not a plain one`);
	if (Object.prototype.hasOwnProperty.call(value, '__proto__'))
		fail(`${path}: has an own __proto__ key`);
	for (const [key, child] of Object.entries(value))
		checkPlainData(child, `${path}.${key}`, budget, depth + 1);
}

function checkRefusal(
	ctx: WebhookTestContext,
	result: IWebhookResponseData,
	delivery: { text: string; raw: string | Buffer },
	settings: Settings,
	expected: Expected,
) {
	const { text, raw } = delivery;
	if (ctx.sent.statusCodes.length !== 1)
		fail(`expected one status, got ${JSON.stringify(ctx.sent.statusCodes)}`);
	const status = ctx.sent.statusCodes[0];
	if (status !== expected.status) fail(`answered ${status}, the contract says ${expected.status}`);
	if (ctx.sent.jsonBodies.length !== 1) fail('expected exactly one JSON body');
	const answer = ctx.sent.jsonBodies[0] as IDataObject;
	if (typeof answer.error !== 'string' || answer.error === '') fail('no error code in the answer');
	if (typeof answer.message !== 'string' || answer.message.trim() === '')
		fail('no message in the answer');
	const message = answer.message;
	if (message.includes('undefined') && !text.includes('undefined'))
		fail(`message says undefined: ${message}`);
	if (STACK_TRACE.test(message) && !STACK_TRACE.test(text))
		fail(`message has a stack trace: ${message}`);
	if (message.length > 3000) fail(`message is ${message.length} characters long`);
	if (status === 422 && (!Array.isArray(answer.issues) || answer.issues.length === 0))
		fail('422 without issues');
	if (result.webhookResponse !== undefined) fail('a refusal must not also send a webhookResponse');

	if (!settings.recordRejected) {
		if (result.workflowData !== undefined) fail('recordRejected is off but an execution starts');
		return;
	}
	const data = result.workflowData as INodeExecutionData[][] | undefined;
	if (!data || data.length !== 2) fail('expected [[accepted], [rejected]]');
	if (data[0].length !== 0) fail('a refused delivery put items on output 0');
	if (data[1].length !== 1) fail(`expected one rejected item, got ${data[1].length}`);
	const item = data[1][0].json;
	if (item.reason !== answer.error || item.status_code !== status || item.message !== message) {
		fail('rejected item does not match the answer');
	}
	checkRefusedBody(item, text, raw, settings);
}

/** The whole body when the token proved the sender; else its beginning, size and SHA-256 only. */
function checkRefusedBody(
	item: IDataObject,
	text: string,
	raw: string | Buffer,
	settings: Settings,
) {
	const authenticated = settings.verifyDeliveryToken ? settings.token === 'valid' : null;
	const proven = authenticated === true;
	const bytes = Buffer.isBuffer(raw) ? raw : Buffer.from(raw, 'utf8');
	if (item.raw_body_bytes !== bytes.length)
		fail(`raw_body_bytes ${String(item.raw_body_bytes)}, sent ${bytes.length}`);
	if (item.raw_body_sha256 !== createHash('sha256').update(bytes).digest('hex'))
		fail("raw_body_sha256 is not the body's");
	if (item.authenticated !== authenticated)
		fail(`authenticated is ${String(item.authenticated)}, not ${String(authenticated)}`);
	if (proven) {
		if (item.raw_body !== text || item.raw_body_truncated !== false)
			fail('rejected item does not keep the body as sent');
		return;
	}
	const kept = item.raw_body as string;
	if (!text.startsWith(kept) || kept.length > UNTRUSTED_PREFIX_LENGTH)
		fail('an unauthenticated refusal keeps more than a prefix');
	if (item.raw_body_truncated !== (kept !== text)) fail('raw_body_truncated is wrong');
}

function checkAccepted(result: IWebhookResponseData, settings: Settings, payload: Obj) {
	const data = result.workflowData as INodeExecutionData[][] | undefined;
	if (!data) {
		// acknowledged without an execution: a filtered channel, a duplicate or no messages
		const response = result.webhookResponse as IDataObject | undefined;
		if (
			!response ||
			response.received !== true ||
			response.processed !== false ||
			typeof response.message !== 'string'
		) {
			fail(`neither items nor an acknowledgement: ${JSON.stringify(result).slice(0, 300)}`);
		}
		const filtered = settings.channel !== 'all' && payload.type !== settings.channel;
		const noMessages =
			settings.outputShape === 'messages' && (payload.transcript as unknown[]).length === 0;
		// every case starts with empty duplicate memory and static data: never a duplicate
		if (!filtered && !noMessages) fail('acknowledged a delivery that should run');
		return 0;
	}
	if (data.length !== 2 || data[1].length !== 0)
		fail('an accepted delivery must leave output 1 empty');
	if (settings.channel !== 'all' && payload.type !== settings.channel)
		fail('the channel filter let it through');
	const items = data[0];
	if (items.length === 0) fail('an execution with no items');
	const transcript = payload.transcript as Obj[];
	const budget = { nodes: 200_000 };
	items.forEach((item, index) => {
		if (Object.keys(item).join() !== 'json')
			fail(`item ${index} is not { json }: ${Object.keys(item).join()}`);
		const json = item.json;
		checkPlainData(json, `item ${index}`, budget);
		// Flat Row cells starting like a formula get a leading ' (Escape Spreadsheet Formulas).
		const cell = (value: unknown) =>
			settings.outputShape === 'flatRow' && settings.escapeFormulas
				? escapeFormulaCell(value)
				: value;
		if (json.conversation_id !== cell(payload.conversation_id))
			fail(`item ${index}: conversation_id lost`);
		if (json.assistant_id !== cell(payload.assistant_id)) fail(`item ${index}: assistant_id lost`);
		if (settings.outputShape === 'conversation') {
			const again = parseConversationEndedPayload(json);
			if (!again.ok) fail(`conversation item fails the schema: ${JSON.stringify(again.issues)}`);
			if (!Array.isArray(json.transcript) || json.transcript.length !== transcript.length)
				fail('transcript changed');
			for (const key of Object.keys(payload)) {
				if (!Object.prototype.hasOwnProperty.call(json, key === '__proto__' ? '_proto_' : key))
					fail(`field ${key} lost`);
			}
		} else if (settings.outputShape === 'flatRow') {
			for (const [key, value] of Object.entries(json)) {
				if (value !== null && !['string', 'number', 'boolean'].includes(typeof value))
					fail(`column ${key} is not a scalar`);
			}
			const named = Object.keys(json).filter((k) => !/^(0|[1-9][0-9]*)$/.test(k));
			if (
				named.slice(0, FLAT_ROW_METADATA_COLUMNS.length).join() !== FLAT_ROW_METADATA_COLUMNS.join()
			) {
				fail('metadata columns are not first');
			}
		} else {
			if (items.length !== transcript.length)
				fail(`${items.length} items for ${transcript.length} messages`);
			if (json.message_number !== index + 1)
				fail(`item ${index}: message_number ${String(json.message_number)}`);
			if (json.role !== transcript[index].role) fail(`item ${index}: role changed`);
		}
		if (settings.includeRawPayload && (settings.outputShape !== 'messages' || index === 0)) {
			const raw = json.raw_payload;
			if (settings.outputShape === 'flatRow' ? typeof raw !== 'string' : !isObject(raw))
				fail('raw_payload missing');
		}
	});
	if (settings.outputShape !== 'messages' && items.length !== 1) fail('expected one item');
	return items.length;
}

interface Tally {
	cases: number;
	byStatus: Record<string, number>;
}

const node = new IntellixentTrigger();

async function deliverAndCheck(delivery: Delivery, settings: Settings, tally: Tally) {
	tally.cases++;
	forgetDuplicatesInMemory();
	forgetRejectionWindows();
	const text = Buffer.isBuffer(delivery.raw) ? delivery.raw.toString('utf8') : delivery.raw;
	const ctx = webhookContext({
		body: n8nBody(text, settings.bodyMode),
		rawBody: delivery.raw,
		parameters: {
			outputShape: settings.outputShape,
			channel: settings.channel,
			options: {
				verifyDeliveryToken: settings.verifyDeliveryToken,
				includeRawPayload: settings.includeRawPayload,
				recordRejected: settings.recordRejected,
				ignoreDuplicates: settings.ignoreDuplicates,
				escapeFormulas: settings.escapeFormulas,
			},
		},
	});
	if (settings.token === 'missing') (ctx.getQueryData as jest.Mock).mockReturnValue({});
	if (settings.token === 'wrong')
		(ctx.getQueryData as jest.Mock).mockReturnValue({ token: `${ctx.validToken}x` });

	let result: IWebhookResponseData;
	try {
		result = await node.webhook.call(ctx);
	} catch (error) {
		fail(`webhook() rejected (${delivery.label}): ${(error as Error)?.stack ?? String(error)}`);
	}
	const expected = expectedOutcome(text, settings);
	if (expected.status !== 200) {
		checkRefusal(ctx, result, { text, raw: delivery.raw }, settings, expected);
		tally.byStatus[ctx.sent.statusCodes[0]] = (tally.byStatus[ctx.sent.statusCodes[0]] ?? 0) + 1;
	} else {
		if (ctx.sent.statusCodes.length > 0) {
			// Only an accepted delivery with the duplicate memory on is answered by the node itself.
			if (ctx.sent.statusCodes.join() !== '200')
				fail(`answered ${ctx.sent.statusCodes.join()}, the contract says 200`);
			if (!settings.ignoreDuplicates)
				fail('answered by the node although duplicates are not remembered');
			const receipt = ctx.sent.jsonBodies[0] as IDataObject | undefined;
			if (ctx.sent.jsonBodies.length !== 1 || receipt?.processed !== true)
				fail('no processed receipt');
			if (receipt?.conversation_id !== expected.payload.conversation_id)
				fail('receipt names another conversation');
			if (result.noWebhookResponse !== true || result.webhookResponse !== undefined)
				fail('answered twice');
		} else if (ctx.sent.jsonBodies.length + ctx.sent.otherWrites.length > 0)
			fail('wrote a response without a status');
		const emitted = checkAccepted(result, settings, expected.payload);
		const key = emitted > 0 ? '200 (items)' : '200 (acknowledged)';
		tally.byStatus[key] = (tally.byStatus[key] ?? 0) + 1;
	}
	expectPrototypesUntouched();
}

// ---------------------------------------------------------------------------------------------
// The properties
// ---------------------------------------------------------------------------------------------

const summary: string[] = [];
let totalCases = 0;
let failedProperties = 0;

async function fuzz(
	name: string,
	arb: fc.Arbitrary<Delivery>,
	numRuns: number,
	timeLimitMs: number,
) {
	const tally: Tally = { cases: 0, byStatus: {} };
	const started = Date.now();
	try {
		await fc.assert(
			fc.asyncProperty(arb, settingsArb, (delivery, settings) =>
				deliverAndCheck(delivery, settings, tally),
			),
			{ numRuns, interruptAfterTimeLimit: timeLimitMs, markInterruptAsFailure: false },
		);
	} catch (error) {
		failedProperties++;
		throw error;
	} finally {
		totalCases += tally.cases;
		const statuses = Object.entries(tally.byStatus)
			.sort(([a], [b]) => a.localeCompare(b))
			.map(([status, n]) => `${status}: ${n}`)
			.join(', ');
		summary.push(`fuzz ${name}: ${tally.cases} cases in ${Date.now() - started} ms (${statuses})`);
	}
	// Guard against a silently empty run (e.g. a generator that always throws while building).
	expect(tally.cases).toBeGreaterThanOrEqual(Math.min(numRuns, 10));
}

describe('fuzz: webhook() never crashes, answers a clear 4xx or emits complete items', () => {
	afterAll(() => {
		console.log(
			[...summary, `fuzz total: ${totalCases} cases, ${failedProperties} failures`].join('\n'),
		);
	});

	it('arbitrary JSON values', async () => {
		await fuzz('arbitrary JSON', arbitraryJsonArb, 1000, 5000);
	});

	it('mutations of the valid fixtures (deleted, retyped and extra fields, prototype keys)', async () => {
		await fuzz('mutated fixtures', mutatedFixtureArb, 1500, 7000);
	});

	it('raw bytes, truncated and corrupted JSON', async () => {
		await fuzz('raw bodies', rawBytesArb, 1000, 4000);
	});

	it('deep nesting (50-2,000 levels), strings up to 1 MB, arrays up to 20,000 elements', async () => {
		await fuzz('heavy payloads', heavyArb, 40, 8000);
	});
});
