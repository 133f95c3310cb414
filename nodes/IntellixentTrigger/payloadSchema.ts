/**
 * The conversation-ended webhook payload, as Intellixent documents it.
 *
 * This schema is the single source of truth for the payload: it parses and validates every
 * delivery, the TypeScript types are inferred from it, and the field descriptions below feed the
 * README's field reference (`npm run docs`, checked by a test).
 *
 * Tolerance rules, so that a real conversation is never refused for a cosmetic reason:
 * - only `conversation_id`, `assistant_id` and `transcript` are required: without them a delivery
 *   cannot be matched to its assistant or processed;
 * - every other documented field may be missing or `null`, but when present it must have its
 *   documented type;
 * - unknown fields (top level and inside transcript messages) are kept;
 * - `type` accepts any channel name, not only `widget` and `whatsapp`.
 */
import { z } from 'zod/v4';

/**
 * The zod the node gets is the host n8n's: zod 3.25.x today (n8n 1.123 and 2.40), zod 4 in a later
 * n8n. Both export the zod 4 API as `zod/v4`, so the schema is written once, in that API, and
 * behaves the same on either (the unit tests run it on both).
 */

/** The messages of a field's problems: `is required` when it is missing, else `expected`. */
export const problem = (expected: string) => ({
	error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : expected),
});

/**
 * An open object, every key kept. Not `z.record`: zod 3.25's refuses an object that has a
 * `constructor` key whose value is not a function (`{"constructor": []}`), zod 4's accepts it.
 */
export const openObject = (description: string) =>
	z.looseObject({}, problem('must be an object')).nullable().optional().describe(description);

export const optionalText = (description: string) =>
	z.string(problem('must be a string')).nullable().optional().describe(description);

/** Required, non-empty text of bounded length (an id). */
const requiredId = (description: string) =>
	z
		.string(problem('must be a string'))
		.min(1, 'must not be empty')
		.max(200, 'must be at most 200 characters')
		.describe(description);

const transcriptMessageSchema = z.looseObject(
	{
		role: z
			.string(problem('must be a string'))
			.min(1, 'must not be empty')
			.describe('`assistant` or `user` (other roles are kept as they come).'),
		content: z.string(problem('must be a string')).nullable().describe('The text of the message.'),
	},
	problem('must be a {role, content} object'),
);

export const conversationEndedPayloadSchema = z.looseObject({
	conversation_id: requiredId('UUID of the conversation.'),
	assistant_id: requiredId('UUID of the assistant that handled the conversation.'),
	type: optionalText('Channel: `widget` or `whatsapp` (new channels are accepted as they come).'),
	message_count: z
		.number(problem('must be a number'))
		// Number.isInteger, not .int(): the zod 4 API's .int() also refuses whole numbers above 2^53.
		.refine(Number.isInteger, 'must be a whole number')
		.nonnegative('must not be negative')
		.nullable()
		.optional()
		.describe('Total number of messages exchanged.'),
	status: optionalText('Always `ended` for this webhook.'),
	extracted_variables: openObject(
		'Variables extracted by the AI from your post-call schema configuration.',
	),
	input_variables: openObject(
		'Variables passed to the assistant at conversation start (e.g. pre-chat form fields).',
	),
	transcript: z
		.array(transcriptMessageSchema, problem('must be a list of {role, content} messages'))
		.describe('The messages, each with `role` (`assistant` or `user`) and `content`.'),
	formatted_transcript: optionalText(
		'Human-readable transcript with `AI:` and `Customer:` prefixes.',
	),
	customer_phone: optionalText('Customer phone number: set for WhatsApp, `null` for the widget.'),
	customer_name: optionalText('Customer name from the pre-chat form, or `null`.'),
	sender: openObject('WhatsApp sender details: set for WhatsApp, `null` for the widget.'),
	created_at: optionalText('ISO 8601 time the conversation started.'),
	ended_at: optionalText('ISO 8601 time the conversation ended.'),
});

export type ConversationEndedPayload = z.infer<typeof conversationEndedPayloadSchema>;
export type TranscriptMessage = z.infer<typeof transcriptMessageSchema>;

/**
 * The documented payload fields with their descriptions, in the vendor's order (for docs): of the
 * conversation payload, or of another payload schema (the post-call one).
 */
export function describePayloadFields(
	payloadSchema: { shape: Record<string, z.ZodType> } = conversationEndedPayloadSchema,
): Array<{
	field: string;
	required: boolean;
	description: string;
}> {
	return Object.entries(payloadSchema.shape).map(([field, schema]) => ({
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

function fieldPath(path: readonly PropertyKey[]): string {
	let out = '';
	for (const part of path) {
		out += typeof part === 'number' ? `[${part}]` : out === '' ? String(part) : `.${String(part)}`;
	}
	return out === '' ? '(body)' : out;
}

/** Validates a parsed JSON value against the payload schema. Never throws. */
export function parseConversationEndedPayload(body: unknown): PayloadParseResult {
	return parsePayload(conversationEndedPayloadSchema, CONVERSATION_NESTING, body);
}

/**
 * Validates a parsed JSON value against a payload schema whose open objects are where `nesting`
 * says, keeping their `__proto__` keys as data (see below). Never throws.
 */
export function parsePayload<S extends z.ZodType>(
	schema: S,
	nesting: Nesting,
	body: unknown,
): { ok: true; payload: z.infer<S> } | { ok: false; issues: PayloadIssue[] } {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		return {
			ok: false,
			issues: [{ field: '(body)', problem: 'must be a JSON object' }],
		};
	}
	const result = schema.safeParse(withoutProtoKeys(body as Record<string, unknown>, nesting));
	if (result.success) {
		keepProtoKeys(body as Record<string, unknown>, result.data as object, nesting);
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

/** Where a payload nests open objects: fields that are objects, and fields that are lists of them. */
export interface Nesting {
	objects: readonly string[];
	lists: readonly string[];
}

const CONVERSATION_NESTING: Nesting = {
	objects: ['extracted_variables', 'input_variables', 'sender'],
	lists: ['transcript'],
};

/**
 * zod never keeps an own `__proto__` key: zod 4 drops it, and zod 3.25's `zod/v4` objects assign
 * unknown keys, so there it would replace the parsed copy's prototype. So zod gets the payload, its
 * open objects and its messages without that key (shallow copies, made only when one has it)...
 */
function withoutProtoKeys(
	body: Record<string, unknown>,
	nesting: Nesting,
): Record<string, unknown> {
	const changed: Record<string, unknown> = {};
	for (const field of nesting.objects) {
		if (hasOwnProtoKey(body[field])) changed[field] = withoutProtoKey(body[field]);
	}
	for (const field of nesting.lists) {
		const list = body[field];
		if (Array.isArray(list) && list.some(hasOwnProtoKey))
			changed[field] = list.map(withoutProtoKey);
	}
	if (!hasOwnProtoKey(body) && Object.keys(changed).length === 0) return body;
	return { ...(withoutProtoKey(body) as Record<string, unknown>), ...changed };
}

function hasOwnProtoKey(value: unknown): boolean {
	return (
		typeof value === 'object' &&
		value !== null &&
		Object.prototype.hasOwnProperty.call(value, PROTO_KEY)
	);
}

/** A shallow copy without the own `__proto__` key (spread defines keys, it never assigns them). */
function withoutProtoKey(value: unknown): unknown {
	if (!hasOwnProtoKey(value) || Array.isArray(value)) return value;
	const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
	delete copy[PROTO_KEY];
	return copy;
}

/**
 * ... and unknown fields are kept, so the key is put back on the parsed copy as a plain own data
 * property (defined, never assigned, so no prototype changes); the output shapes rename it `_proto_`.
 */
function keepProtoKeys(body: Record<string, unknown>, payload: object, nesting: Nesting) {
	const parsed = payload as Record<string, unknown>;
	keepProtoKey(body, parsed);
	for (const field of nesting.objects) {
		keepProtoKey(body[field], parsed[field]);
	}
	for (const field of nesting.lists) {
		const list = body[field];
		const parsedList = parsed[field];
		if (Array.isArray(list) && Array.isArray(parsedList)) {
			list.forEach((entry, index) => keepProtoKey(entry, parsedList[index]));
		}
	}
}

function keepProtoKey(source: unknown, target: unknown) {
	if (
		typeof source !== 'object' ||
		source === null ||
		typeof target !== 'object' ||
		target === null
	)
		return;
	const own = Object.getOwnPropertyDescriptor(source, PROTO_KEY);
	if (!own || !('value' in own)) return;
	Object.defineProperty(target, PROTO_KEY, {
		value: own.value,
		enumerable: true,
		writable: true,
		configurable: true,
	});
}
