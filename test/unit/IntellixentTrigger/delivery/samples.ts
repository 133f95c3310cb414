/** Payloads shared by the delivery tests. Every call returns a fresh deep copy. */
import type { ConversationEndedPayload } from '../../../../nodes/IntellixentTrigger/payloadSchema';
import { parseConversationEndedPayload } from '../../../../nodes/IntellixentTrigger/payloadSchema';
import whatsappFixture from '../../../fixtures/whatsapp.json';
import widgetFixture from '../../../fixtures/widget.json';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** The web-widget example of the vendor documentation, verbatim. */
export const widget = (): JsonObject => copy(widgetFixture) as JsonObject;
export const whatsapp = (): JsonObject => copy(whatsappFixture) as JsonObject;

export const unicode = (): JsonObject => ({
	...widget(),
	conversation_id: '11111111-2222-4333-8444-555555555555',
	customer_name: 'محمد 李小龍 🧔🏽‍♂️',
	extracted_variables: { 'résumé 📝': 'שלום עולם', 城市: '東京', emoji: '👍🏼🎉', summary: 'مرحبا' },
	transcript: [
		{ role: 'user', content: 'مرحبا، هل يمكنني الحجز؟ 🙏' },
		{ role: 'assistant', content: '你好！当然可以。😊' },
		{ role: 'user', content: 'שלום — 👨‍👩‍👧‍👦 \u202Eright-to-left override\u202C' },
	],
	formatted_transcript: null,
});

export const emptyTranscript = (): JsonObject => ({
	...widget(),
	conversation_id: '22222222-2222-4333-8444-555555555555',
	message_count: 0,
	transcript: [],
	formatted_transcript: '',
});

export const longTranscript = (n = 10_000): JsonObject => ({
	...whatsapp(),
	conversation_id: '33333333-2222-4333-8444-555555555555',
	message_count: n,
	transcript: Array.from({ length: n }, (_, i) => ({
		role: i % 2 === 0 ? 'user' : 'assistant',
		content: `message ${i + 1}`,
	})),
	formatted_transcript: null,
});

/** Fields Intellixent may add one day: kept, never refused. */
export const extraFields = (): JsonObject => ({
	...widget(),
	conversation_id: '44444444-2222-4333-8444-555555555555',
	type: 'instagram',
	sentiment: 'positive',
	tags: ['pricing', 'pro'],
	meta: { source: { campaign: 'spring', ids: [1, 2] } },
	transcript: [
		{ role: 'assistant', content: 'Hi!', timestamp: '2026-02-23T09:30:01+01:00', tokens: 3 },
		{
			role: 'user',
			content: 'Hello',
			attachments: [{ kind: 'image', url: 'https://example.com/a.png' }],
		},
	],
});

/** A payload as n8n would hand it over after `JSON.parse` (own `__proto__` keys are data properties). */
export const parseJson = (text: string): JsonObject => JSON.parse(text) as JsonObject;

/** Values in a tree the way Flat Row counts them: each scalar, list or empty object is one. */
export function leafCount(value: unknown): number {
	if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
		const children = Object.values(value);
		return children.length === 0
			? 1
			: children.reduce<number>((n, child) => n + leafCount(child), 0);
	}
	return 1;
}

/** A body validated as the trigger does it; throws when the fixture itself is invalid. */
export function parsePayload(body: unknown): ConversationEndedPayload {
	const result = parseConversationEndedPayload(body);
	if (!result.ok) throw new Error(`fixture does not parse: ${JSON.stringify(result.issues)}`);
	return result.payload;
}
