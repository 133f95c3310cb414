/**
 * Turns a validated payload into the items the trigger emits, in one of three shapes:
 * - `conversation`: every payload field (unknown ones included) plus computed facts;
 * - `flatRow`: one row of scalar columns for Google Sheets, Airtable or CRM nodes (flatRow.ts);
 * - `messages`: one item per transcript message.
 */
import type { IDataObject } from 'n8n-workflow';

import { conversationFacts } from './conversationFacts';
import { flatRow } from './flatRow';
import { escapeFormulaCells } from '../shared/formulaCells';
import { safeCopy, safeJsonString, setKey, setUniqueKey } from '../shared/itemKeys';
import type { ConversationEndedPayload, TranscriptMessage } from './payloadSchema';

export type OutputShape = 'conversation' | 'flatRow' | 'messages';

interface ShapeOptions {
	shape: OutputShape;
	/** Adds the payload exactly as received (as `raw_payload`; on the first item of `messages`). */
	includeRawPayload?: boolean;
	/** Flat Row: text cells that a spreadsheet would run as a formula get a leading `'`. */
	escapeFormulas?: boolean;
}

/**
 * In One Item per Message, conversation values longer than this are whole on the first item
 * only and cut on the others: n copies of a long value would make the output grow with n times
 * its length (a 100,000-character name over 10,000 messages: 1 GB, more than JSON.stringify can
 * write).
 */
export const MAX_REPEATED_LENGTH = 200;
const CUT_MARK = '…';

export function shapeConversation(
	payload: ConversationEndedPayload,
	options: ShapeOptions,
	raw?: unknown,
): IDataObject[] {
	switch (options.shape) {
		case 'flatRow': {
			const row = withRaw(flatRow(payload), options, raw, true);
			return [options.escapeFormulas ? escapeFormulaCells(row) : row];
		}
		case 'messages':
			// Only the first message carries the raw payload: a copy on each of n messages would make
			// the execution data grow with n² (20,000 messages: gigabytes).
			return messageItems(payload).map((item, index) =>
				index === 0 ? withRaw(item, options, raw, false) : item,
			);
		case 'conversation':
		default:
			return [withRaw(fullConversation(payload), options, raw, false)];
	}
}

export function withRaw(
	item: IDataObject,
	options: Pick<ShapeOptions, 'includeRawPayload'>,
	raw: unknown,
	asString: boolean,
): IDataObject {
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

/**
 * One item per transcript message, each carrying the conversation's identifying columns (long
 * values whole on the first item only, see MAX_REPEATED_LENGTH) and the message's own fields.
 */
export function messageItems(payload: ConversationEndedPayload): IDataObject[] {
	const before = {
		conversation_id: payload.conversation_id,
		assistant_id: payload.assistant_id,
		channel: payload.type ?? null,
	};
	const after = {
		customer_name: payload.customer_name ?? null,
		customer_phone: payload.customer_phone ?? null,
		created_at: payload.created_at ?? null,
		ended_at: payload.ended_at ?? null,
	};
	const repeated = { before: capStrings(before), after: capStrings(after) };
	return payload.transcript.map((message: TranscriptMessage, index: number) => {
		const conversation = index === 0 ? { before, after } : repeated;
		const item: IDataObject = {};
		for (const [key, value] of Object.entries(conversation.before)) setKey(item, key, value);
		setKey(item, 'message_number', index + 1);
		setKey(item, 'message_total', payload.transcript.length);
		for (const [key, value] of Object.entries(message)) setUniqueKey(item, key, safeCopy(value));
		for (const [key, value] of Object.entries(conversation.after)) setUniqueKey(item, key, value);
		return item;
	});
}

export function capStrings<T extends Record<string, string | null>>(values: T): T {
	const capped: Record<string, string | null> = {};
	for (const [key, value] of Object.entries(values)) {
		capped[key] =
			typeof value === 'string' && value.length > MAX_REPEATED_LENGTH
				? `${value.slice(0, MAX_REPEATED_LENGTH)}${CUT_MARK}`
				: value;
	}
	return capped as T;
}
