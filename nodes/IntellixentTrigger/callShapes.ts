/**
 * The Call Ended event's items, in one of three shapes (the counterparts of outputShapes.ts):
 * - `call`: every payload field (unknown ones included) plus the transcript's line counts;
 * - `flatRow`: one row of scalar columns for Google Sheets, Airtable or a CRM node: the call's
 *   columns, then the lead (`lead_*`, nested objects joined with `_`: `lead_campaign_name`), each
 *   transfer (`transfer_1_*`, `transfer_2_*`…), the input variables (`input_*`), unknown fields,
 *   and last each extracted variable under its own name; the same bounds as the conversation's
 *   Flat Row (flatRow.ts: at most 250 columns, the rest in `more_fields_json`) and the same
 *   formula escaping;
 * - `lines`: one item per transcript line, with the call's identifying columns on each (long
 *   values whole on the first item only, as One Item per Message does).
 */
import type { IDataObject } from 'n8n-workflow';

import type { CallEndedPayload, CallTranscriptLine } from './callPayloadSchema';
import { callEndedPayloadSchema } from './callPayloadSchema';
import { flattenInto, finishRow, startRow } from './flatRow';
import { capStrings, withRaw } from './outputShapes';
import { escapeFormulaCells } from '../shared/formulaCells';
import { safeCopy, setKey, setUniqueKey } from '../shared/itemKeys';

export type CallOutputShape = 'call' | 'flatRow' | 'lines';

interface CallShapeOptions {
	shape: CallOutputShape;
	includeRawPayload?: boolean;
	escapeFormulas?: boolean;
}

/** The columns every call's flat row starts with, in order. */
export const CALL_FLAT_ROW_COLUMNS = [
	'call_id',
	'status',
	'customer_phone',
	'assistant_phone',
	'duration_seconds',
	'created_at',
	'finished_at',
	'recording_url',
	'transcript_line_count',
	'transfer_count',
	'transcript',
] as const;

const DOCUMENTED_FIELDS = new Set(Object.keys(callEndedPayloadSchema.shape));

export function shapeCall(
	payload: CallEndedPayload,
	options: CallShapeOptions,
	raw?: unknown,
): IDataObject[] {
	switch (options.shape) {
		case 'flatRow': {
			const row = withRaw(callFlatRow(payload), options, raw, true);
			return [options.escapeFormulas ? escapeFormulaCells(row) : row];
		}
		case 'lines':
			return transcriptLineItems(payload).map((item, index) =>
				index === 0 ? withRaw(item, options, raw, false) : item,
			);
		case 'call':
		default:
			return [withRaw(fullCall(payload), options, raw, false)];
	}
}

function linesOf(payload: CallEndedPayload): CallTranscriptLine[] {
	return payload.transcript ?? [];
}

/** Every field of the payload plus the transcript's line counts. */
function fullCall(payload: CallEndedPayload): IDataObject {
	const item = safeCopy(payload) as IDataObject;
	let human = 0;
	let bot = 0;
	for (const line of linesOf(payload)) {
		if (line.sender === 'human') human++;
		else if (line.sender === 'bot') bot++;
	}
	setKey(item, 'transcript_line_count', linesOf(payload).length);
	setKey(item, 'human_line_count', human);
	setKey(item, 'bot_line_count', bot);
	return item;
}

/** The transcript as text: Intellixent's own, else `AI:` / `Customer:` lines like its chats. */
function callTranscriptText(payload: CallEndedPayload): string {
	if (typeof payload.formatted_transcript === 'string') return payload.formatted_transcript;
	return linesOf(payload)
		.map((line) => {
			const who =
				line.sender === 'bot' ? 'AI' : line.sender === 'human' ? 'Customer' : (line.sender ?? '?');
			return `${who}: ${line.text ?? ''}`;
		})
		.join('\n');
}

function callFlatRow(payload: CallEndedPayload): IDataObject {
	const builder = startRow(CALL_FLAT_ROW_COLUMNS.length);
	const metadata: Record<(typeof CALL_FLAT_ROW_COLUMNS)[number], unknown> = {
		call_id: payload.id,
		status: payload.status ?? null,
		customer_phone: payload.customer_phone ?? null,
		assistant_phone: payload.assistant_phone ?? null,
		duration_seconds: payload.duration ?? null,
		created_at: payload.created_at ?? null,
		finished_at: payload.finished_at ?? null,
		recording_url: payload.recording_url ?? null,
		transcript_line_count: linesOf(payload).length,
		transfer_count: payload.transfers?.length ?? 0,
		transcript: callTranscriptText(payload),
	};
	for (const column of CALL_FLAT_ROW_COLUMNS) setKey(builder.row, column, metadata[column]);

	flattenInto(builder, { name: 'lead', path: ['lead'], depth: 0 }, payload.lead ?? null, false);
	(payload.transfers ?? []).forEach((transfer, index) =>
		flattenInto(
			builder,
			{ name: `transfer_${index + 1}`, path: ['transfers', String(index)], depth: 0 },
			transfer,
			true,
		),
	);
	return finishRow(builder, payload, DOCUMENTED_FIELDS);
}

/** One item per transcript line, each with the call's identifying columns. */
function transcriptLineItems(payload: CallEndedPayload): IDataObject[] {
	const lines = linesOf(payload);
	const call = {
		customer_phone: payload.customer_phone ?? null,
		assistant_phone: payload.assistant_phone ?? null,
		status: payload.status ?? null,
		created_at: payload.created_at ?? null,
		finished_at: payload.finished_at ?? null,
	};
	const repeated = capStrings(call);
	return lines.map((line, index) => {
		const item: IDataObject = {};
		setKey(item, 'call_id', payload.id);
		setKey(item, 'line_number', index + 1);
		setKey(item, 'line_total', lines.length);
		for (const [key, value] of Object.entries(line)) setUniqueKey(item, key, safeCopy(value));
		for (const [key, value] of Object.entries(index === 0 ? call : repeated))
			setUniqueKey(item, key, value);
		return item;
	});
}
