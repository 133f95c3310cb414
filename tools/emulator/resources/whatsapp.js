'use strict';
/**
 * Resource: WhatsApp. `GET /api/user/whatsapp/senders` (`status=online` by default, `all` adds
 * offline senders), `POST /api/user/whatsapp/send` (approved template) and
 * `POST /api/user/whatsapp/send-freeform` (free text in the customer's 24-hour window), with the
 * documented answers and error shape `{success: false, error, error_code}`: SENDER_NOT_FOUND 404,
 * template not approved 422 (TEMPLATE_NOT_APPROVED), insufficient balance 402
 * (INSUFFICIENT_BALANCE), SESSION_EXPIRED (422, status assumed), SENDER_OFFLINE 503.
 * Both sends share the documented limit of 5 requests a second per user (one user here): a 6th
 * send within a second gets Laravel's 429 `{"message":"Too Many Attempts."}` with Retry-After.
 * Every accepted send is recorded; every 429 is counted.
 */

const { defineResource } = require('../core/resource.js');
const { sliceOf } = require('../core/state.js');
const { codedError, isPlainObject, parseLoosely } = require('../core/util.js');

const SENDS_PER_SECOND = 5;
const WINDOW_MS = 1000;

const DEFAULT_SENDERS = Object.freeze([
	Object.freeze({
		id: 12,
		phone_number: '+34910000012',
		display_name: 'Acme Support',
		status: 'online',
		quality_rating: 'GREEN',
		messaging_limit: 1000,
		messaging_limit_formatted: '1K',
	}),
	Object.freeze({
		id: 13,
		phone_number: '+34910000013',
		display_name: 'Acme Sales',
		status: 'offline',
		quality_rating: 'YELLOW',
		messaging_limit: 250,
		messaging_limit_formatted: '250',
	}),
]);

/** Template 501 is approved, 502 is still pending at Meta. */
const TEMPLATES = Object.freeze({ 501: 'approved', 502: 'pending' });

/**
 * @typedef {{ kind: 'template' | 'freeform', sender_id: number, recipient_phone: string,
 *   template_id?: number, recipient_name?: string, variables?: unknown, message?: string,
 *   message_id: number, at: string }} Send
 * @typedef {{ sends: Send[], recent: number[], rateLimited: number, balance: number,
 *   openSessions: Set<string>, nextId: number }} WhatsAppState
 */

/** @param {import('../types').Ctx} ctx */
const slice = (ctx) => /** @type {WhatsAppState} */ (sliceOf(ctx, 'whatsapp'));
/** @returns {WhatsAppState} */
const fresh = () => ({
	sends: [],
	recent: [],
	rateLimited: 0,
	balance: 100,
	openSessions: new Set(),
	nextId: 9001,
});

/**
 * @param {number} status
 * @param {string} code
 * @param {string} error
 */
const failure = (status, code, error) => ({
	status,
	body: { success: false, error, error_code: code },
});

/**
 * @param {string} field
 * @param {string} message
 */
const invalid = (field, message) => ({
	status: 422,
	body: { message, errors: { [field]: [message] } },
});

/**
 * The 429 of the 5-a-second limit, or undefined (and the send counted) when under it.
 * @param {WhatsAppState} state
 */
function throttle(state) {
	const now = Date.now();
	state.recent = state.recent.filter((at) => now - at < WINDOW_MS);
	if (state.recent.length < SENDS_PER_SECOND) {
		state.recent.push(now);
		return undefined;
	}
	state.rateLimited++;
	const retryAfter = Math.max(1, Math.ceil((state.recent[0] + WINDOW_MS - now) / 1000));
	return {
		status: 429,
		headers: { 'Retry-After': String(retryAfter) },
		body: { message: 'Too Many Attempts.' },
	};
}

/**
 * Checks shared by both sends; the sender, or an answer to give instead.
 * @param {Record<string, unknown>} body
 */
function checkSend(body) {
	if (!/^\d+$/.test(String(body.sender_id ?? '')))
		return { answer: invalid('sender_id', 'The sender id field is required.') };
	if (typeof body.recipient_phone !== 'string' || !body.recipient_phone.trim())
		return { answer: invalid('recipient_phone', 'The recipient phone field is required.') };
	const sender = DEFAULT_SENDERS.find((s) => s.id === Number(body.sender_id));
	if (!sender) return { answer: failure(404, 'SENDER_NOT_FOUND', 'Sender not found') };
	if (sender.status !== 'online')
		return { answer: failure(503, 'SENDER_OFFLINE', 'The WhatsApp sender is offline') };
	return { sender };
}

/**
 * @param {'template' | 'freeform'} kind
 * @returns {import('../types').Route['handle']}
 */
function sendHandler(kind) {
	return ({ ctx, text }) => {
		const state = slice(ctx);
		const limited = throttle(state);
		if (limited) return limited;
		const parsed = parseLoosely(text);
		const body = isPlainObject(parsed) ? parsed : {};
		const { answer } = checkSend(body);
		if (answer) return answer;
		const phone = String(body.recipient_phone).trim();
		if (kind === 'template') {
			if (!/^\d+$/.test(String(body.template_id ?? '')))
				return invalid('template_id', 'The template id field is required.');
			const status = TEMPLATES[/** @type {501 | 502} */ (Number(body.template_id))];
			if (status !== 'approved')
				return failure(422, 'TEMPLATE_NOT_APPROVED', 'Template is not approved');
		} else {
			if (typeof body.message !== 'string' || !body.message || body.message.length > 4096)
				return invalid(
					'message',
					'The message field is required and may not be greater than 4096 characters.',
				);
			if (!state.openSessions.has(phone))
				return failure(422, 'SESSION_EXPIRED', 'The 24-hour session window has expired');
		}
		if (state.balance <= 0) return failure(402, 'INSUFFICIENT_BALANCE', 'Insufficient balance');
		const messageId = state.nextId++;
		state.sends.push({
			kind,
			sender_id: Number(body.sender_id),
			recipient_phone: phone,
			...(kind === 'template'
				? {
						template_id: Number(body.template_id),
						recipient_name: /** @type {string | undefined} */ (body.recipient_name),
						variables: body.variables,
					}
				: { message: /** @type {string} */ (body.message) }),
			message_id: messageId,
			at: new Date().toISOString(),
		});
		const sent = {
			success: true,
			conversation_id: 7000 + messageId,
			message_id: messageId,
			whatsapp_message_id: `wamid.EMU${messageId}`,
			message_sid: `SM${messageId}`,
			status: 'sent',
		};
		if (kind === 'template') return { status: 200, body: sent };
		const expires = new Date(Date.now() + 23 * 3600_000).toISOString();
		return {
			status: 200,
			body: {
				...sent,
				session_status: {
					is_open: true,
					can_send_freeform: true,
					requires_template: false,
					message: 'Session is open',
					minutes_remaining: 1380,
					expires_at: expires,
				},
			},
		};
	};
}

/** @type {import('../types').Route['handle']} */
function listSenders({ url }) {
	const all = url.searchParams.get('status') === 'all';
	const data = DEFAULT_SENDERS.filter((s) => all || s.status === 'online').map((s) => ({ ...s }));
	return { status: 200, body: { data } };
}

/** @param {unknown} body */
function phoneOf(body) {
	const phone = isPlainObject(body) ? body.phone : undefined;
	if (typeof phone !== 'string' || !phone.trim())
		throw codedError('phone is required', 'BAD_REQUEST');
	return phone.trim();
}

const whatsapp = defineResource({
	name: 'whatsapp',
	createState: fresh,
	reset: (ctx) => {
		Object.assign(slice(ctx), fresh());
	},
	routes: [
		{
			endpoint: 'senders',
			method: 'GET',
			pattern: /^\/api\/user\/whatsapp\/senders$/,
			handle: listSenders,
		},
		{
			endpoint: 'sendTemplate',
			method: 'POST',
			pattern: /^\/api\/user\/whatsapp\/send$/,
			handle: sendHandler('template'),
		},
		{
			endpoint: 'sendFreeform',
			method: 'POST',
			pattern: /^\/api\/user\/whatsapp\/send-freeform$/,
			handle: sendHandler('freeform'),
		},
	],
	controlRoutes: [
		{
			method: 'GET',
			pattern: /^\/whatsapp$/,
			handle: ({ ctx }) => ({
				status: 200,
				body: { sends: slice(ctx).sends, rateLimited: slice(ctx).rateLimited },
			}),
		},
		{
			method: 'POST',
			pattern: /^\/whatsapp\/sessions$/,
			handle: ({ ctx, body }) => {
				slice(ctx).openSessions.add(phoneOf(body));
				return { status: 201, body: { open: [...slice(ctx).openSessions] } };
			},
		},
	],
	api: (ctx) => ({
		/** Copies of the accepted WhatsApp sends, in order. */
		whatsappSends: () => slice(ctx).sends.map((s) => ({ ...s })),
		/** How many sends were refused with 429 since the last reset. */
		whatsappRateLimited: () => slice(ctx).rateLimited,
		/** Opens the customer's 24-hour window, so that free-form sends to this phone succeed. */
		openWhatsAppSession: (/** @type {string} */ phone) => void slice(ctx).openSessions.add(phone),
		/** Sets the account balance (0 or less: sends answer 402). */
		setWhatsAppBalance: (/** @type {number} */ balance) => void (slice(ctx).balance = balance),
	}),
	snapshot: (ctx) => ({
		whatsapp: { sends: slice(ctx).sends.length, rateLimited: slice(ctx).rateLimited },
	}),
});

module.exports = { whatsapp, DEFAULT_SENDERS };
