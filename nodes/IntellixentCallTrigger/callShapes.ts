/**
 * The items the Call Trigger emits, in one of two shapes:
 * - `call`: every field of the call as the API gives it (unknown ones too), plus `ended_at`;
 * - `flatRow`: one row of scalar columns for Google Sheets, Airtable or CRM nodes: the call's
 *   details first, then the evaluation's fields as `evaluation_*`, then each extracted variable
 *   under its own name (a name already taken gets `variable_`, then a numeric suffix).
 * Keys are written with the conversation trigger's safe writers (no `__proto__`, nothing
 * overwritten, nesting capped) and formula cells escaped the same way.
 */
import type { IDataObject } from 'n8n-workflow';

import type { ApiCall } from '../shared/callsApi';
import { escapeFormulaCells } from '../shared/formulaCells';
import type { NextSuffixes } from '../shared/itemKeys';
import {
	hasColumn,
	isPlainObject,
	safeCopy,
	safeJsonString,
	safeKey,
	setKey,
	setUniqueKey,
} from '../shared/itemKeys';
import type { CallOutputShape } from './callSettings';

/** The columns every call row starts with, in order. */
export const CALL_ROW_COLUMNS = [
	'call_id',
	'status',
	'type',
	'answered_by',
	'assistant_id',
	'assistant_name',
	'campaign_id',
	'campaign_name',
	'assistant_phone_number',
	'client_phone_number',
	'created_at',
	'ended_at',
	'duration_seconds',
	'total_cost',
	'carrier_cost',
	'recording_url',
	'transcript',
] as const;

/** Prefix given to a variable whose name is already a column. */
export const COLLIDING_VARIABLE_PREFIX = 'variable_';
/** Most evaluation and variable columns in one row; the rest goes, as JSON, to OVERFLOW_COLUMN. */
export const MAX_EXTRA_COLUMNS = 200;
export const OVERFLOW_COLUMN = 'more_fields_json';

/**
 * When the call ended. The list and detail give no end time: `updated_at` is the time of the last
 * change, which for an ended call is when it ended (or a later edit, e.g. its evaluation).
 */
function endedAt(call: ApiCall): unknown {
	return call.ended_at ?? call.finished_at ?? call.updated_at ?? null;
}

export function fullCall(call: ApiCall): IDataObject {
	const item = safeCopy(call) as IDataObject;
	if (!hasColumn(item, 'ended_at')) setKey(item, 'ended_at', endedAt(call));
	return item;
}

function cell(value: unknown): string | number | boolean | null {
	if (value === null || value === undefined) return null;
	if (typeof value === 'string' || typeof value === 'boolean') return value;
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	return safeJsonString(value);
}

function transcriptText(transcript: unknown): string {
	if (typeof transcript === 'string') return transcript;
	if (!Array.isArray(transcript)) return '';
	// Post-call payloads carry [{text, sender}]: one "sender: text" line per message.
	return transcript
		.map((m) =>
			isPlainObject(m)
				? `${String(m.sender ?? m.role ?? '')}: ${String(m.text ?? m.content ?? '')}`
				: String(m),
		)
		.join('\n');
}

export function callRow(call: ApiCall): IDataObject {
	const row: IDataObject = {};
	const details: Record<(typeof CALL_ROW_COLUMNS)[number], unknown> = {
		call_id: call.id,
		status: call.status,
		type: call.type,
		answered_by: call.answered_by,
		assistant_id: call.assistant_id,
		assistant_name: call.assistant_name,
		campaign_id: call.campaign_id,
		campaign_name: call.campaign_name,
		assistant_phone_number: call.assistant_phone_number,
		client_phone_number: call.client_phone_number,
		created_at: call.created_at,
		ended_at: endedAt(call),
		duration_seconds: call.duration,
		total_cost: call.total_cost,
		carrier_cost: call.carrier_cost,
		recording_url: call.recording_url,
		transcript: transcriptText(call.transcript),
	};
	for (const column of CALL_ROW_COLUMNS) setKey(row, column, cell(details[column]));

	const suffixes: NextSuffixes = new Map();
	const overflow: Record<string, Record<string, unknown>> = {};
	let extra = 0;
	const add = (group: string, name: string, key: string, value: unknown) => {
		if (extra >= MAX_EXTRA_COLUMNS) {
			(overflow[group] ??= Object.create(null) as Record<string, unknown>)[key] = value;
			return;
		}
		setUniqueKey(row, name, cell(value), suffixes);
		extra++;
	};
	const evaluation = isPlainObject(call.evaluation) ? call.evaluation : {};
	for (const [key, value] of Object.entries(evaluation))
		add('evaluation', `evaluation_${key}`, key, value);
	const variables = isPlainObject(call.variables) ? call.variables : {};
	for (const [key, value] of Object.entries(variables)) {
		const name = hasColumn(row, safeKey(key)) ? `${COLLIDING_VARIABLE_PREFIX}${key}` : key;
		add('variables', name, key, value);
	}
	if (Object.keys(overflow).length)
		setUniqueKey(row, OVERFLOW_COLUMN, safeJsonString(overflow), suffixes);
	return row;
}

export function shapeCall(
	call: ApiCall,
	options: { shape: CallOutputShape; escapeFormulas: boolean },
): IDataObject {
	if (options.shape === 'flatRow') {
		const row = callRow(call);
		return options.escapeFormulas ? escapeFormulaCells(row) : row;
	}
	return fullCall(call);
}
