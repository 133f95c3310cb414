/**
 * The Call Ended event's part of a delivery (delivery.ts runs the rest: the token, the JSON body,
 * the answer, duplicates, the Rejected output). From a parsed body to one of:
 * - a refusal (422) when it is not a post-call payload (callPayloadSchema.ts);
 * - an acknowledgement that starts nothing, with the reason, for a call the status filter leaves
 *   out (busy, failed, no answer… unless "All Calls"), or a call without transcript lines under
 *   One Item per Transcript Line;
 * - the items to emit.
 * There is no "other assistant" check: the post-call payload names no assistant, so the
 * delivery token (bound to the assistant) is what ties a delivery to it.
 */
import type { IDataObject } from 'n8n-workflow';

import type { PayloadIssue } from './payloadSchema';
import type { CallEndedPayload } from './callPayloadSchema';
import { parseCallEndedPayload } from './callPayloadSchema';
import { shapeCall } from './callShapes';
import type { TriggerSettings } from './triggerOptions';

/**
 * The statuses of a call that was answered and ended normally: Intellixent's post-call webhook
 * says `completed`; its calls list also knows who ended it. Matched without case.
 */
export const COMPLETED_CALL_STATUSES = [
	'completed',
	'ended',
	'ended_by_customer',
	'ended_by_assistant',
];

const COMPLETED = new Set(COMPLETED_CALL_STATUSES);

type CallReading =
	| { ok: false; issues: PayloadIssue[]; callId?: string | number }
	| { ok: true; payload: CallEndedPayload; skip?: string };

export function readCall(settings: TriggerSettings, body: unknown): CallReading {
	const parsed = parseCallEndedPayload(body);
	if (!parsed.ok) return { ok: false, issues: parsed.issues, callId: callIdOf(body) };
	const payload = parsed.payload;
	if (settings.callStatusFilter !== 'all') {
		const status = typeof payload.status === 'string' ? payload.status.trim().toLowerCase() : '';
		if (!COMPLETED.has(status)) {
			return {
				ok: true,
				payload,
				skip: `Not processed: the trigger only takes completed calls, and call ${payload.id} has ${status ? `status "${status.slice(0, 40)}"` : 'no status'}.`,
			};
		}
	}
	return { ok: true, payload };
}

export function callItems(
	settings: TriggerSettings,
	payload: CallEndedPayload,
	raw: unknown,
): IDataObject[] {
	return shapeCall(
		payload,
		{
			shape: settings.callOutputShape,
			includeRawPayload: settings.includeRawPayload,
			escapeFormulas: settings.escapeFormulas,
		},
		raw,
	);
}

function callIdOf(value: unknown): string | number | undefined {
	const id = (value as { id?: unknown } | null)?.id;
	// Cut like a valid id: a refused body's id is not bounded by the schema.
	if (typeof id === 'string') return id.slice(0, 200);
	return typeof id === 'number' ? id : undefined;
}
