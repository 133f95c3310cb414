'use strict';
/**
 * Realistic conversation-ended payloads of a given length, deterministic (seeded), built on the
 * documented web-widget example (test/fixtures/widget.json): same fields, same assistant, a
 * transcript of `messages` alternating assistant/user turns, and the matching
 * `formatted_transcript` (Intellixent sends both, so a long conversation is roughly twice its text).
 */
const fs = require('node:fs');
const path = require('node:path');

const FIXTURE = path.join(__dirname, '..', '..', 'test', 'fixtures', 'widget.json');

const ASSISTANT_LINES = [
	'Hi! How can I help you today?',
	'Our Pro plan is €49 per month and includes up to 5,000 conversations, WhatsApp and the web widget.',
	'Of course. Could you tell me a bit more about your team and how many conversations you expect each month?',
	'The Starter plan covers one assistant and 500 conversations; you can upgrade at any time without losing data.',
	'I have booked a demo for Thursday at 15:00 (CET). You will receive a calendar invitation by email shortly.',
	'Yes, all plans include the API and webhooks, so you can connect n8n, Make or your own CRM.',
	'Let me check that for you… Your last invoice (INV-2026-0142) was paid on 3 February.',
	'Is there anything else I can help you with?',
	'Thanks for your patience! I have passed your question to a colleague who will reply within one business day.',
	'Sure — you can cancel from Settings → Billing; the plan stays active until the end of the period.',
];
const USER_LINES = [
	'What are your pricing plans?',
	'We are a team of 12, mostly sales, maybe 2,000 chats a month.',
	'Does it work with WhatsApp Business?',
	'Can I get a demo this week?',
	'Thursday afternoon works for me 👍',
	'How do refunds work if we cancel?',
	'Ok, and is there a discount for yearly billing?',
	'Merci ! Et pour le support en français ?',
	'¿Tienen soporte en español también?',
	'Perfect, thank you!',
	'My email is john@example.com',
	'No, that is all. Thanks 🙏',
];

/** Small deterministic PRNG (mulberry32). */
function prng(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function pick(rand, list) {
	return list[Math.floor(rand() * list.length)];
}

/** A message's text: 1 line for the first turns, 1 to 4 lines (assistant) or 1 to 2 (user) later. */
function content(rand, role, index) {
	const lines = role === 'assistant' ? ASSISTANT_LINES : USER_LINES;
	if (index === 0) return ASSISTANT_LINES[0];
	const count = 1 + Math.floor(rand() * (role === 'assistant' ? 4 : 2));
	const parts = [];
	for (let i = 0; i < count; i++) parts.push(pick(rand, lines));
	return parts.join(' ');
}

/**
 * The payload object for a conversation of `messages` messages.
 * `assistantId` defaults to the fixture's assistant.
 */
function makePayload(messages, { seed = 42, assistantId } = {}) {
	const base = JSON.parse(fs.readFileSync(FIXTURE, 'utf8'));
	const rand = prng(seed + messages);
	const transcript = [];
	for (let i = 0; i < messages; i++) {
		const role = i % 2 === 0 ? 'assistant' : 'user';
		transcript.push({ role, content: content(rand, role, i) });
	}
	const created = Date.parse(base.created_at);
	const ended = new Date(created + Math.max(60, messages * 20) * 1000);
	return {
		...base,
		assistant_id: assistantId || base.assistant_id,
		message_count: messages,
		transcript,
		formatted_transcript: transcript
			.map((m) => `${m.role === 'assistant' ? 'AI' : 'Customer'}: ${m.content}`)
			.join('\n'),
		ended_at: ended.toISOString().replace('.000Z', '+00:00'),
	};
}

/** The raw request body (Buffer of the JSON text, as an HTTP client would send it). */
function makeBody(messages, options) {
	return Buffer.from(JSON.stringify(makePayload(messages, options)), 'utf8');
}

module.exports = { makePayload, makeBody };
