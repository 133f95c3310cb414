/**
 * The post-call webhook payload (Intellixent's "Post call webhook", sent after each voice call),
 * as Intellixent documents it (docs.intellixent.ai, api-reference/webhooks/post-call-webhook).
 *
 * The single source of truth for the Call Ended event's payload: it validates every delivery, the
 * TypeScript types are inferred from it, and the field descriptions feed the field table of
 * docs/call-ended-event.md (`npm run docs`, checked by a test).
 *
 * The same tolerance rules as the conversation payload (payloadSchema.ts), fitted to calls:
 * - only `id` is required: without it a call cannot be told from another (duplicates) or found
 *   again in Intellixent. It is a whole number in the docs; text of at most 200 characters is
 *   accepted too, so that an id format change does not refuse real calls;
 * - `transcript` may be missing or `null`: a busy, failed or unanswered call has no conversation;
 * - every other documented field may be missing or `null`, but when present has its type;
 * - unknown fields (top level, in transcript lines, in the lead and in transfers) are kept;
 * - `status` accepts any text: the docs name `completed`, `busy` and `failed`, the calls list
 *   knows more (`no-answer`, `ended_by_customer`…).
 * The payload names no assistant: a delivery is tied to its assistant by the delivery token only.
 */
import { z } from 'zod/v4';

import type { Nesting, PayloadIssue } from './payloadSchema';
import { openObject, optionalText, parsePayload, problem } from './payloadSchema';

const wholeNumber = z
	.number(problem('must be a number or text'))
	// Number.isInteger, not .int(): the zod 4 API's .int() also refuses whole numbers above 2^53.
	.refine(Number.isInteger, 'must be a whole number')
	.nonnegative('must not be negative');

const callId = z.union(
	[wholeNumber, z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters')],
	problem('must be a whole number or text'),
);

const transcriptLineSchema = z.looseObject(
	{
		text: z.string(problem('must be a string')).nullable().optional().describe('What was said.'),
		sender: optionalText(
			'`bot` (the assistant) or `human` (the caller); others kept as they come.',
		),
		timestamp: z
			.union([z.string(), z.number()], problem('must be text or a number'))
			.nullable()
			.optional()
			.describe('When it was said, as Intellixent gives it.'),
	},
	problem('must be a {text, sender, timestamp} object'),
);

const transferSchema = z.looseObject({}, problem('must be an object'));

export const callEndedPayloadSchema = z.looseObject({
	id: callId.describe('The call ID (a whole number): the key of duplicate detection.'),
	customer_phone: optionalText('The customer phone number (E.164), or `null`.'),
	assistant_phone: optionalText("The assistant's phone number, or `null` (web calls)."),
	duration: z
		.number(problem('must be a number'))
		.nonnegative('must not be negative')
		.nullable()
		.optional()
		.describe('Length of the call in seconds.'),
	status: optionalText(
		'How the call ended: `completed`, `busy`, `failed`, `no-answer`… (others kept as they come).',
	),
	extracted_variables: openObject(
		'Variables extracted by the AI after the call (Post-Call Actions), e.g. whether the call objective was achieved.',
	),
	input_variables: openObject('Variables the call was started with.'),
	transcript: z
		.array(transcriptLineSchema, problem('must be a list of {text, sender, timestamp} lines'))
		.nullable()
		.optional()
		.describe(
			'The lines of the call, each with `text`, `sender` (`bot` or `human`) and `timestamp`.',
		),
	formatted_transcript: optionalText('Human-readable transcript of the call.'),
	recording_url: optionalText(
		'Link to the recording, when "Include recording in webhook" is on for the assistant.',
	),
	created_at: optionalText('When the call started (ISO 8601).'),
	finished_at: optionalText('When the call finished (ISO 8601).'),
	lead: openObject(
		'Campaign calls only: the lead, with its variables, its number of call attempts and the campaign (name, status, allowed hours, retry settings).',
	),
	transfers: z
		.array(transferSchema, problem('must be a list of objects'))
		.nullable()
		.optional()
		.describe(
			'Only when the call was transferred: each transfer with its number, duration in seconds and recording URL.',
		),
});

export type CallEndedPayload = z.infer<typeof callEndedPayloadSchema>;
export type CallTranscriptLine = z.infer<typeof transcriptLineSchema>;

const CALL_NESTING: Nesting = {
	objects: ['extracted_variables', 'input_variables', 'lead'],
	lists: ['transcript', 'transfers'],
};

/** Validates a parsed JSON value against the post-call payload schema. Never throws. */
export function parseCallEndedPayload(
	body: unknown,
): { ok: true; payload: CallEndedPayload } | { ok: false; issues: PayloadIssue[] } {
	return parsePayload(callEndedPayloadSchema, CALL_NESTING, body);
}
