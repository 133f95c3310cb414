/**
 * Turns a validated payload into the items the trigger emits, in one of three shapes:
 * - `conversation`: every payload field (unknown ones included) plus computed facts;
 * - `flatRow`: one row of scalar columns for Google Sheets, Airtable or CRM nodes;
 * - `messages`: one item per transcript message.
 */
import type { IDataObject } from 'n8n-workflow';

import type { ConversationEndedPayload, TranscriptMessage } from './payloadSchema';
import { conversationEndedPayloadSchema } from './payloadSchema';

export type OutputShape = 'conversation' | 'flatRow' | 'messages';

export interface ShapeOptions {
	shape: OutputShape;
	/** Adds the payload exactly as received (as `raw_payload`; on the first item of `messages`). */
	includeRawPayload?: boolean;
}

/** Values computed from the payload, added to every shape. */
export interface ConversationFacts {
	duration_seconds: number | null;
	user_message_count: number;
	assistant_message_count: number;
}

/** Deeper values than this are kept as a JSON string rather than flattened further. */
const MAX_FLATTEN_DEPTH = 8;
/** A JSON key that would replace an object's prototype if assigned naively. */
const UNSAFE_KEY = '__proto__';
const SAFE_KEY = '_proto_';

export function conversationFacts(payload: ConversationEndedPayload): ConversationFacts {
	let user = 0;
	let assistant = 0;
	for (const message of payload.transcript) {
		if (message.role === 'user') user++;
		else if (message.role === 'assistant') assistant++;
	}
	return {
		duration_seconds: durationSeconds(payload.created_at, payload.ended_at),
		user_message_count: user,
		assistant_message_count: assistant,
	};
}

function durationSeconds(start?: string | null, end?: string | null): number | null {
	if (!start || !end) return null;
	const ms = Date.parse(end) - Date.parse(start);
	if (!Number.isFinite(ms) || ms < 0) return null;
	return Math.round(ms / 1000);
}

/** A transcript as text, the way Intellixent formats it (`AI:` / `Customer:` prefixes). */
export function transcriptText(payload: ConversationEndedPayload): string {
	if (typeof payload.formatted_transcript === 'string') return payload.formatted_transcript;
	return payload.transcript
		.map((m) => `${m.role === 'assistant' ? 'AI' : m.role === 'user' ? 'Customer' : m.role}: ${m.content ?? ''}`)
		.join('\n');
}

export function shapeConversation(
	payload: ConversationEndedPayload,
	options: ShapeOptions,
	raw?: unknown,
): IDataObject[] {
	switch (options.shape) {
		case 'flatRow':
			return [withRaw(flatRow(payload), options, raw, true)];
		case 'messages':
			// Only the first message carries the raw payload: a copy on each of n messages would make
			// the execution data grow with n² (20,000 messages: gigabytes).
			return messageItems(payload).map((item, index) => (index === 0 ? withRaw(item, options, raw, false) : item));
		case 'conversation':
		default:
			return [withRaw(fullConversation(payload), options, raw, false)];
	}
}

function withRaw(item: IDataObject, options: ShapeOptions, raw: unknown, asString: boolean): IDataObject {
	if (!options.includeRawPayload) return item;
	setKey(item, 'raw_payload', asString ? safeJsonString(raw) : (safeCopy(raw) as IDataObject));
	return item;
}

/** Every field of the payload (unknown ones too) plus the computed facts. */
export function fullConversation(payload: ConversationEndedPayload): IDataObject {
	const item = safeCopy(payload) as IDataObject;
	const facts = conversationFacts(payload);
	for (const [key, value] of Object.entries(facts)) setKey(item, key, value);
	return item;
}

/** The columns every flat row starts with, in order. Extracted variables never overwrite them. */
export const FLAT_ROW_METADATA_COLUMNS = [
	'conversation_id',
	'assistant_id',
	'channel',
	'status',
	'created_at',
	'ended_at',
	'duration_seconds',
	'message_count',
	'user_message_count',
	'assistant_message_count',
	'customer_name',
	'customer_phone',
	'transcript',
] as const;

/** Prefix given to an extracted variable whose name is already a column of the row. */
export const COLLIDING_VARIABLE_PREFIX = 'extracted_';

/** The payload's documented fields, as the schema lists them. */
const DOCUMENTED_FIELDS = new Set(Object.keys(conversationEndedPayloadSchema.shape));

/**
 * One row of scalar columns: metadata first, then `sender_*` and `input_*` columns, unknown
 * top-level fields, and last every extracted variable under its own name. Nested values are
 * flattened with `_` (`appointment.date` → `appointment_date`), lists of scalars are joined with
 * `, `, anything else becomes JSON text. A name already taken is never overwritten: an extracted
 * variable that collides gets the `extracted_` prefix, any later collision a numeric suffix.
 */
export function flatRow(payload: ConversationEndedPayload): IDataObject {
	const row: IDataObject = {};
	const facts = conversationFacts(payload);
	const metadata: Record<(typeof FLAT_ROW_METADATA_COLUMNS)[number], unknown> = {
		conversation_id: payload.conversation_id,
		assistant_id: payload.assistant_id,
		channel: payload.type ?? null,
		status: payload.status ?? null,
		created_at: payload.created_at ?? null,
		ended_at: payload.ended_at ?? null,
		duration_seconds: facts.duration_seconds,
		message_count: payload.message_count ?? payload.transcript.length,
		user_message_count: facts.user_message_count,
		assistant_message_count: facts.assistant_message_count,
		customer_name: payload.customer_name ?? null,
		customer_phone: payload.customer_phone ?? null,
		transcript: transcriptText(payload),
	};
	for (const column of FLAT_ROW_METADATA_COLUMNS) setKey(row, column, metadata[column]);

	flattenInto(row, 'sender', payload.sender ?? null, 0, false);
	flattenInto(row, 'input', payload.input_variables ?? {}, 0, false);
	for (const [key, value] of Object.entries(payload)) {
		if (!DOCUMENTED_FIELDS.has(key)) flattenInto(row, key, value, 0, true);
	}
	for (const [key, value] of Object.entries(payload.extracted_variables ?? {})) {
		const column = hasColumn(row, safeKey(key)) ? `${COLLIDING_VARIABLE_PREFIX}${key}` : key;
		flattenInto(row, column, value, 0, true);
	}
	return row;
}

/**
 * Writes `value` under `prefix`, flattening objects into `prefix_key` columns.
 * `keepEmptyObject` controls whether `{}`/`null` at the top still produces a (null) column.
 */
function flattenInto(row: IDataObject, prefix: string, value: unknown, depth: number, keepEmpty: boolean) {
	if (isPlainObject(value) && depth < MAX_FLATTEN_DEPTH) {
		const entries = Object.entries(value);
		if (entries.length === 0) {
			if (keepEmpty) setUniqueKey(row, prefix, null);
			return;
		}
		for (const [key, child] of entries) flattenInto(row, `${prefix}_${key}`, child, depth + 1, true);
		return;
	}
	if (value === null || value === undefined) {
		if (keepEmpty || depth > 0) setUniqueKey(row, prefix, null);
		return;
	}
	setUniqueKey(row, prefix, scalar(value));
}

function scalar(value: unknown): string | number | boolean | null {
	if (typeof value === 'string' || typeof value === 'boolean') return value;
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (Array.isArray(value) && value.every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v))) {
		return value.map((v) => (v === null ? '' : String(v))).join(', ');
	}
	return safeJsonString(value);
}

/** One item per transcript message, each carrying the conversation's identifying columns. */
export function messageItems(payload: ConversationEndedPayload): IDataObject[] {
	return payload.transcript.map((message: TranscriptMessage, index: number) => {
		const item: IDataObject = {};
		setKey(item, 'conversation_id', payload.conversation_id);
		setKey(item, 'assistant_id', payload.assistant_id);
		setKey(item, 'channel', payload.type ?? null);
		setKey(item, 'message_number', index + 1);
		setKey(item, 'message_total', payload.transcript.length);
		for (const [key, value] of Object.entries(message)) setUniqueKey(item, key, safeCopy(value));
		setUniqueKey(item, 'customer_name', payload.customer_name ?? null);
		setUniqueKey(item, 'customer_phone', payload.customer_phone ?? null);
		setUniqueKey(item, 'created_at', payload.created_at ?? null);
		setUniqueKey(item, 'ended_at', payload.ended_at ?? null);
		return item;
	});
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function safeKey(key: string): string {
	return key === UNSAFE_KEY ? SAFE_KEY : key;
}

function setKey(target: IDataObject, key: string, value: unknown) {
	target[safeKey(key)] = value as IDataObject[string];
}

function setUniqueKey(target: IDataObject, key: string, value: unknown) {
	let name = safeKey(key);
	for (let n = 2; hasColumn(target, name); n++) name = `${safeKey(key)}_${n}`;
	target[name] = value as IDataObject[string];
}

/** Own keys only: `constructor`, `toString`… are free names, not taken by Object.prototype. */
function hasColumn(target: IDataObject, key: string): boolean {
	return Object.prototype.hasOwnProperty.call(target, key);
}

/**
 * A plain-data copy that cannot carry a `__proto__` key into n8n (renamed `_proto_`), with
 * nesting capped so that a hostile payload cannot exhaust the stack downstream.
 */
export function safeCopy(value: unknown, depth = 0): unknown {
	if (Array.isArray(value)) {
		return depth >= 64 ? safeJsonString(value) : value.map((v) => safeCopy(v, depth + 1));
	}
	if (isPlainObject(value)) {
		if (depth >= 64) return safeJsonString(value);
		const out: IDataObject = {};
		for (const [key, child] of Object.entries(value)) setUniqueKey(out, key, safeCopy(child, depth + 1));
		return out;
	}
	return value;
}

function safeJsonString(value: unknown): string {
	try {
		return JSON.stringify(value) ?? '';
	} catch {
		return '[value too deeply nested to serialise]';
	}
}
