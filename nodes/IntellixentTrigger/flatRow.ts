/**
 * The Flat Row output: one item of scalar columns for Google Sheets, Airtable or a CRM node.
 *
 * Columns: metadata first, then `sender_*` and `input_*`, unknown top-level fields, and last
 * every extracted variable under its own name. Nested values are flattened with `_`
 * (`appointment.date` → `appointment_date`), lists of scalars are joined with `, `, anything else
 * becomes JSON text. A name already taken is never overwritten: an extracted variable that
 * collides gets the `extracted_` prefix, any later collision a numeric suffix.
 *
 * Bounded for hostile payloads: naming is linear in the number of values
 * (see NextSuffixes), a row has at most MAX_FLAT_ROW_COLUMNS columns and no column name is longer
 * than MAX_COLUMN_NAME_LENGTH. Values that get no column are not lost: they are kept, in the
 * payload's own structure, as JSON text in one last column, OVERFLOW_COLUMN.
 */
import type { IDataObject } from 'n8n-workflow';

import type { NextSuffixes } from '../shared/itemKeys';
import {
	hasColumn,
	isPlainObject,
	safeJsonString,
	safeKey,
	setKey,
	setUniqueKey,
} from '../shared/itemKeys';
import type { ConversationEndedPayload } from './payloadSchema';
import { conversationEndedPayloadSchema } from './payloadSchema';
import { conversationFacts, transcriptText } from './conversationFacts';

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
/** Most columns in one row, the overflow column included. */
export const MAX_FLAT_ROW_COLUMNS = 250;
export const MAX_COLUMN_NAME_LENGTH = 200;
/** JSON text of what got no column: `{"extracted_variables": {"…": …}, "input_variables": …}`. */
export const OVERFLOW_COLUMN = 'more_fields_json';

/** Deeper values than this are kept as a JSON string rather than flattened further. */
const MAX_FLATTEN_DEPTH = 8;

/** The payload's documented fields, as the schema lists them. */
const DOCUMENTED_FIELDS = new Set(Object.keys(conversationEndedPayloadSchema.shape));

/** A row being built (also by the Call Ended event's Flat Row, callShapes.ts). */
export interface RowBuilder {
	row: IDataObject;
	columns: number;
	suffixes: NextSuffixes;
	/** What got no column, in the payload's structure (null-prototype objects: any key is data). */
	overflow: Record<string, unknown> | undefined;
}

/** A place in the payload: its column name so far and its path of payload keys. */
export interface Place {
	name: string;
	path: string[];
	depth: number;
}

export function flatRow(payload: ConversationEndedPayload): IDataObject {
	const builder = startRow(FLAT_ROW_METADATA_COLUMNS.length);
	writeMetadata(builder.row, payload);

	flattenInto(
		builder,
		{ name: 'sender', path: ['sender'], depth: 0 },
		payload.sender ?? null,
		false,
	);
	return finishRow(builder, payload, DOCUMENTED_FIELDS);
}

/** An empty row whose first `metadataColumns` columns the caller writes itself. */
export function startRow(metadataColumns: number): RowBuilder {
	return { row: {}, columns: metadataColumns, suffixes: new Map(), overflow: undefined };
}

/**
 * The end of every flat row: the input variables (`input_*`), the payload's unknown top-level
 * fields, then each extracted variable under its own name (prefixed when the name is taken), then
 * the overflow column.
 */
export function finishRow(
	builder: RowBuilder,
	payload: Record<string, unknown> & {
		input_variables?: Record<string, unknown> | null;
		extracted_variables?: Record<string, unknown> | null;
	},
	documentedFields: ReadonlySet<string>,
): IDataObject {
	flattenInto(
		builder,
		{ name: 'input', path: ['input_variables'], depth: 0 },
		payload.input_variables ?? {},
		false,
	);
	for (const [key, value] of Object.entries(payload)) {
		if (!documentedFields.has(key))
			flattenInto(builder, { name: key, path: [key], depth: 0 }, value, true);
	}
	for (const [key, value] of Object.entries(payload.extracted_variables ?? {})) {
		const name = hasColumn(builder.row, safeKey(key)) ? `${COLLIDING_VARIABLE_PREFIX}${key}` : key;
		flattenInto(builder, { name, path: ['extracted_variables', key], depth: 0 }, value, true);
	}
	if (builder.overflow)
		setUniqueKey(builder.row, OVERFLOW_COLUMN, safeJsonString(builder.overflow), builder.suffixes);
	return builder.row;
}

function writeMetadata(row: IDataObject, payload: ConversationEndedPayload) {
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
}

/**
 * Writes `value` at `place`, flattening objects into `name_key` columns.
 * `keepEmpty` controls whether `{}`/`null` at the top still produces a (null) column.
 */
export function flattenInto(builder: RowBuilder, place: Place, value: unknown, keepEmpty: boolean) {
	if (isPlainObject(value) && place.depth < MAX_FLATTEN_DEPTH) {
		const entries = Object.entries(value);
		if (entries.length === 0) {
			if (keepEmpty) addColumn(builder, place, null, value);
			return;
		}
		for (const [key, child] of entries) {
			const path = [...place.path, key];
			// Once the row is full, or when the name would be too long, no name is built at all.
			if (isFull(builder) || place.name.length + 1 + key.length > MAX_COLUMN_NAME_LENGTH) {
				keepInOverflow(builder, path, child);
			} else {
				flattenInto(
					builder,
					{ name: `${place.name}_${key}`, path, depth: place.depth + 1 },
					child,
					true,
				);
			}
		}
		return;
	}
	if (value === null || value === undefined) {
		if (keepEmpty || place.depth > 0) addColumn(builder, place, null, value);
		return;
	}
	addColumn(builder, place, scalar(value), value);
}

/** One column left for the overflow. */
function isFull(builder: RowBuilder): boolean {
	return builder.columns >= MAX_FLAT_ROW_COLUMNS - 1;
}

function addColumn(builder: RowBuilder, place: Place, cell: unknown, original: unknown) {
	if (isFull(builder) || place.name.length > MAX_COLUMN_NAME_LENGTH) {
		keepInOverflow(builder, place.path, original ?? null);
		return;
	}
	setUniqueKey(builder.row, place.name, cell, builder.suffixes);
	builder.columns++;
}

/** Puts `value` at `path` in the overflow object, creating the objects on the way. */
function keepInOverflow(builder: RowBuilder, path: string[], value: unknown) {
	let node = (builder.overflow ??= Object.create(null) as Record<string, unknown>);
	for (const key of path.slice(0, -1)) {
		const next = node[key];
		if (isPlainObject(next) && Object.getPrototypeOf(next) === null) {
			node = next;
		} else {
			node = node[key] = Object.create(null) as Record<string, unknown>;
		}
	}
	node[path[path.length - 1]] = value;
}

function scalar(value: unknown): string | number | boolean | null {
	if (typeof value === 'string' || typeof value === 'boolean') return value;
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (
		Array.isArray(value) &&
		value.every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v))
	) {
		return value.map((v) => (v === null ? '' : String(v))).join(', ');
	}
	return safeJsonString(value);
}
