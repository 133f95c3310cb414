/**
 * The conversation-ended webhook payload, as Intellixent documents it.
 *
 * This schema is the single source of truth for the payload: it parses and validates every
 * delivery, the TypeScript types are inferred from it, and the field descriptions below feed the
 * README's field reference (`npm run docs:fields`, checked by a test).
 *
 * Tolerance rules, so that a real conversation is never refused for a cosmetic reason:
 * - only `conversation_id`, `assistant_id` and `transcript` are required: without them a delivery
 *   cannot be matched to its assistant or processed;
 * - every other documented field may be missing or `null`, but when present it must have its
 *   documented type;
 * - unknown fields (top level and inside transcript messages) are kept;
 * - `type` accepts any channel name, not only `widget` and `whatsapp`.
 */
import { z } from 'zod';

const variables = (description: string) =>
	z.record(z.unknown()).nullable().optional().describe(description);

const optionalText = (description: string) => z.string().nullable().optional().describe(description);

export const transcriptMessageSchema = z
	.object({
		role: z
			.string({ required_error: 'is required', invalid_type_error: 'must be a string' })
			.min(1, 'must not be empty')
			.describe('`assistant` or `user` (other roles are kept as they come).'),
		content: z
			.string({ required_error: 'is required', invalid_type_error: 'must be a string' })
			.nullable()
			.describe('The text of the message.'),
	})
	.passthrough();

export const conversationEndedPayloadSchema = z
	.object({
		conversation_id: z
			.string({ required_error: 'is required', invalid_type_error: 'must be a string' })
			.min(1, 'must not be empty')
			.max(200, 'must be at most 200 characters')
			.describe('UUID of the conversation.'),
		assistant_id: z
			.string({ required_error: 'is required', invalid_type_error: 'must be a string' })
			.min(1, 'must not be empty')
			.max(200, 'must be at most 200 characters')
			.describe('UUID of the assistant that handled the conversation.'),
		type: optionalText('Channel: `widget` or `whatsapp` (new channels are accepted as they come).'),
		message_count: z
			.number({ invalid_type_error: 'must be a number' })
			.int('must be a whole number')
			.nonnegative('must not be negative')
			.nullable()
			.optional()
			.describe('Total number of messages exchanged.'),
		status: optionalText('Always `ended` for this webhook.'),
		extracted_variables: variables(
			'Variables extracted by the AI from your post-call schema configuration.',
		),
		input_variables: variables(
			'Variables passed to the assistant at conversation start (e.g. pre-chat form fields).',
		),
		transcript: z
			.array(transcriptMessageSchema, {
				required_error: 'is required',
				invalid_type_error: 'must be a list of {role, content} messages',
			})
			.describe('The messages, each with `role` (`assistant` or `user`) and `content`.'),
		formatted_transcript: optionalText(
			'Human-readable transcript with `AI:` and `Customer:` prefixes.',
		),
		customer_phone: optionalText('Customer phone number: set for WhatsApp, `null` for the widget.'),
		customer_name: optionalText('Customer name from the pre-chat form, or `null`.'),
		sender: z
			.record(z.unknown())
			.nullable()
			.optional()
			.describe('WhatsApp sender details: set for WhatsApp, `null` for the widget.'),
		created_at: optionalText('ISO 8601 time the conversation started.'),
		ended_at: optionalText('ISO 8601 time the conversation ended.'),
	})
	.passthrough();

export type ConversationEndedPayload = z.infer<typeof conversationEndedPayloadSchema>;
export type TranscriptMessage = z.infer<typeof transcriptMessageSchema>;

/** The documented payload fields with their descriptions, in the vendor's order (for docs). */
export function describePayloadFields(): Array<{ field: string; required: boolean; description: string }> {
	return Object.entries(conversationEndedPayloadSchema.shape).map(([field, schema]) => ({
		field,
		required: !schema.isOptional(),
		description: schema.description ?? '',
	}));
}

export interface PayloadIssue {
	/** Where the problem is, e.g. `transcript[3].content`; `(body)` for the payload itself. */
	field: string;
	problem: string;
}

export type PayloadParseResult =
	| { ok: true; payload: ConversationEndedPayload }
	| { ok: false; issues: PayloadIssue[] };

const MAX_REPORTED_ISSUES = 10;

function fieldPath(path: Array<string | number>): string {
	let out = '';
	for (const part of path) {
		out += typeof part === 'number' ? `[${part}]` : out === '' ? part : `.${part}`;
	}
	return out === '' ? '(body)' : out;
}

/** Validates a parsed JSON value against the payload schema. Never throws. */
export function parseConversationEndedPayload(body: unknown): PayloadParseResult {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		return {
			ok: false,
			issues: [{ field: '(body)', problem: 'must be a JSON object' }],
		};
	}
	const result = conversationEndedPayloadSchema.safeParse(body);
	if (result.success) {
		keepProtoKeys(body as Record<string, unknown>, result.data);
		return { ok: true, payload: result.data };
	}
	return {
		ok: false,
		issues: result.error.issues.slice(0, MAX_REPORTED_ISSUES).map((issue) => ({
			field: fieldPath(issue.path),
			problem: issue.message,
		})),
	};
}

const PROTO_KEY = '__proto__';

/**
 * zod silently drops `__proto__` keys when it copies an object. Unknown fields are kept, so put
 * them back on the parsed copy as plain own data properties (defined, never assigned, so no
 * prototype changes); the output shapes rename them `_proto_`.
 */
function keepProtoKeys(body: Record<string, unknown>, payload: ConversationEndedPayload) {
	keepProtoKey(body, payload);
	for (const field of ['extracted_variables', 'input_variables', 'sender'] as const) {
		keepProtoKey(body[field], payload[field]);
	}
	if (Array.isArray(body.transcript)) {
		body.transcript.forEach((message, index) => keepProtoKey(message, payload.transcript[index]));
	}
}

function keepProtoKey(source: unknown, target: unknown) {
	if (typeof source !== 'object' || source === null || typeof target !== 'object' || target === null) return;
	const own = Object.getOwnPropertyDescriptor(source, PROTO_KEY);
	if (!own || !('value' in own)) return;
	Object.defineProperty(target, PROTO_KEY, { value: own.value, enumerable: true, writable: true, configurable: true });
}
