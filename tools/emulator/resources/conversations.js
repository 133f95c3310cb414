'use strict';
/**
 * Resource: ended conversations. "Ending a conversation" builds the conversation-ended payload
 * (a fixture, or the caller's payload, with overrides) and delivers it to the URL the assistant
 * registered (resources/webhooks.js) with Intellixent's retry schedule (conversationSender.js).
 * Programmatic API: endConversation, startConversationDelivery, deliveries, delivery,
 * waitForDelivery; control API: POST /__emulator/conversations, GET /__emulator/deliveries[/:id].
 */

const crypto = require('node:crypto');
const { defineResource } = require('../core/resource.js');
const { sliceOf } = require('../core/state.js');
const {
	codedError,
	isPlainObject,
	clone,
	setPath,
	parseLoosely,
	isValidWebhookUrl,
} = require('../core/util.js');
const { findAssistant } = require('./assistants.js');
const { registrationOf } = require('./webhooks.js');
const { loadSample } = require('./conversationSamples.js');
const { snapshotDelivery, attempt, cancelPending } = require('./conversationSender.js');

const MAX_KEPT_DELIVERIES = 1000;

/**
 * @typedef {import('../types').Ctx} Ctx
 * @typedef {import('../types').DeliveryRecord} DeliveryRecord
 * @typedef {import('../types').EndConversationOptions} EndConversationOptions
 * @typedef {import('./conversationSender').ConversationsState} ConversationsState
 * @typedef {import('./conversationSender').Delivery} Delivery
 */

/** @param {Ctx} ctx */
const slice = (ctx) => /** @type {ConversationsState} */ (sliceOf(ctx, 'conversations'));

/**
 * The exact body to send, and the object it encodes (null for a string or non-object payload).
 * @param {string} assistantUuid
 * @param {EndConversationOptions} opts
 * @returns {{ body: string, object: Record<string, any> | null }}
 */
function buildBody(assistantUuid, opts) {
	const { sample = 'widget', payload, overrides, unset, to } = opts;
	if (overrides !== undefined && !isPlainObject(overrides))
		throw codedError('overrides must be an object.', 'BAD_REQUEST');
	if (unset !== undefined && (!Array.isArray(unset) || unset.some((k) => typeof k !== 'string'))) {
		throw codedError('unset must be an array of field names.', 'BAD_REQUEST');
	}
	if (to !== undefined && !isValidWebhookUrl(to))
		throw codedError(`"to" must be an http(s) URL, got ${JSON.stringify(to)}.`, 'BAD_REQUEST');
	/** @type {Array<[string, unknown]>} */
	const changes = [
		...Object.entries(overrides ?? {}),
		...(unset ?? []).map((k) => /** @type {[string, unknown]} */ ([k, undefined])),
	];
	if (typeof payload === 'string') {
		if (changes.length)
			throw codedError(
				'overrides/unset cannot be combined with a string payload (it is sent verbatim).',
				'BAD_REQUEST',
			);
		const parsed = parseLoosely(payload);
		return { body: payload, object: isPlainObject(parsed) ? parsed : null };
	}
	/** @type {any} */
	let object;
	if (payload !== undefined) {
		if (changes.length && !isPlainObject(payload))
			throw codedError('overrides/unset need an object payload.', 'BAD_REQUEST');
		object = clone(payload);
	} else {
		object = loadSample(sample);
		object.assistant_id = assistantUuid;
		object.conversation_id = crypto.randomUUID();
	}
	for (const [key, value] of changes) setPath(object, key, value);
	return { body: JSON.stringify(object), object: isPlainObject(object) ? object : null };
}

/**
 * Where the delivery goes: `to`, or the URL the assistant registered.
 * @param {Ctx} ctx
 * @param {unknown} assistantRef
 * @param {EndConversationOptions} opts
 * @returns {{ assistantUuid: string, url: string }}
 */
function targetOf(ctx, assistantRef, opts) {
	const first = ctx.settings.assistants[0];
	const ref =
		assistantRef === undefined || assistantRef === null || assistantRef === ''
			? first && first.uuid
			: assistantRef;
	const assistant = findAssistant(ctx, ref);
	if (!assistant && opts.to === undefined) {
		throw codedError(
			`Unknown assistant ${JSON.stringify(assistantRef ?? null)}: use the uuid or id of one of the emulator's assistants (or pass "to").`,
			'UNKNOWN_ASSISTANT',
		);
	}
	const assistantUuid = assistant ? assistant.uuid : String(ref);
	if (opts.to !== undefined) return { assistantUuid, url: opts.to };
	const registration = registrationOf(ctx, assistantUuid);
	if (!assistant || !registration) {
		throw codedError(
			`No conversation-ended webhook is registered for assistant "${assistant && assistant.name}" (${assistantUuid}): ` +
				`enable one first (POST /api/assistants/${assistantUuid}/enable-conversation-ended-webhook, e.g. by activating the n8n workflow) or pass "to".`,
			'NOT_REGISTERED',
		);
	}
	return { assistantUuid, url: registration.webhook_url };
}

/**
 * Creates a pending delivery and makes its first attempt.
 * @param {Ctx} ctx
 * @param {unknown} assistantRef
 * @param {unknown} [opts]
 * @returns {{ record: DeliveryRecord, promise: Promise<DeliveryRecord> }}
 */
function createDelivery(ctx, assistantRef, opts = {}) {
	if (ctx.state.closed) throw codedError('The emulator is closed.', 'CLOSED');
	if (!isPlainObject(opts)) throw codedError('The options must be an object.', 'BAD_REQUEST');
	const { assistantUuid, url } = targetOf(ctx, assistantRef, opts);
	const { body, object } = buildBody(assistantUuid, opts);
	const s = slice(ctx);
	s.seq += 1;
	/** @type {Delivery} */
	const d = {
		id: `dlv-${s.seq}`,
		assistant_id:
			object && typeof object.assistant_id === 'string' ? object.assistant_id : assistantUuid,
		conversation_id:
			object && typeof object.conversation_id === 'string' ? object.conversation_id : null,
		url,
		state: 'pending',
		attempts: [],
		body,
		created_at: new Date().toISOString(),
		next_attempt_at: null,
		finished_at: null,
		error: null,
	};
	/** @type {Omit<import('./conversationSender').Control, 'promise'>} */
	let control = { resolve: () => {}, reject: () => {} };
	/** @type {Promise<DeliveryRecord>} */
	const promise = new Promise((resolve, reject) => {
		control = { resolve, reject };
	});
	promise.catch(() => {}); // callers that never await must not cause an unhandled rejection
	s.controls.set(d.id, { ...control, promise });
	s.deliveries.set(d.id, d);
	if (s.deliveries.size > MAX_KEPT_DELIVERIES) {
		for (const [id, old] of s.deliveries) {
			if (s.deliveries.size <= MAX_KEPT_DELIVERIES) break;
			if (old.state !== 'pending') s.deliveries.delete(id);
		}
	}
	ctx.say(
		`delivery ${d.id}: conversation ${d.conversation_id ?? '(custom payload)'} of ${d.assistant_id} -> ${url}`,
	);
	attempt(ctx, s, d);
	return { record: snapshotDelivery(d), promise };
}

/**
 * @param {Ctx} ctx
 * @param {string} id
 * @returns {Promise<DeliveryRecord>}
 */
function waitForDelivery(ctx, id) {
	const s = slice(ctx);
	const d = s.deliveries.get(id);
	if (!d) return Promise.reject(codedError(`Unknown delivery ${id}`, 'BAD_REQUEST'));
	const control = s.controls.get(id);
	if (control) return control.promise;
	return d.state === 'pending' || d.cancelled
		? Promise.reject(codedError(`Delivery ${id} was cancelled: ${d.error}`, 'CANCELLED'))
		: Promise.resolve(snapshotDelivery(d));
}

/** @param {Ctx} ctx */
const allDeliveries = (ctx) => [...slice(ctx).deliveries.values()].map(snapshotDelivery);

/** @type {import('../types').ControlRoute['handle']} */
async function postConversation({ ctx, body }) {
	if (!isPlainObject(body)) throw codedError('The body must be a JSON object.', 'BAD_REQUEST');
	const { assistant_id: assistantId, sample, payload, overrides, unset, to, wait } = body;
	const { record } = createDelivery(ctx, assistantId, { sample, payload, overrides, unset, to });
	if (!wait) return { status: 202, body: record };
	const final = await waitForDelivery(ctx, record.id).catch((error) => ({
		...record,
		error: error.message,
	}));
	return { status: 200, body: final };
}

const conversations = defineResource({
	name: 'conversations',
	/** @returns {ConversationsState} */
	createState: () => ({
		deliveries: new Map(),
		controls: new Map(),
		retryTimers: new Set(),
		inflight: new Set(),
		seq: 0,
	}),
	reset: (ctx) => {
		cancelPending(slice(ctx), 'emulator reset');
		slice(ctx).deliveries = new Map();
	},
	close: (ctx) => cancelPending(slice(ctx), 'emulator closed'),
	controlRoutes: [
		{ method: 'POST', pattern: /^\/conversations$/, handle: postConversation },
		{
			method: 'GET',
			pattern: /^\/deliveries$/,
			handle: ({ ctx }) => ({ status: 200, body: { data: allDeliveries(ctx) } }),
		},
		{
			method: 'GET',
			pattern: /^\/deliveries\/([^/]+)$/,
			handle: ({ ctx, params }) => {
				const d = slice(ctx).deliveries.get(params[0]);
				return d
					? { status: 200, body: snapshotDelivery(d) }
					: { status: 404, body: { message: 'Delivery not found' } };
			},
		},
	],
	api: (ctx) => ({
		/** Delay before each retry. */
		retryDelaysMs: ctx.settings.retryDelaysMs.slice(),
		/** How long one delivery attempt may take. */
		deliveryTimeoutMs: ctx.settings.deliveryTimeoutMs,
		/** @returns {DeliveryRecord[]} */
		deliveries() {
			return allDeliveries(ctx);
		},
		/**
		 * @param {string} id
		 * @returns {DeliveryRecord | undefined}
		 */
		delivery(id) {
			const d = slice(ctx).deliveries.get(id);
			return d ? snapshotDelivery(d) : undefined;
		},
		/**
		 * Resolves with the final record; rejects if the delivery is cancelled by reset()/close().
		 * @param {string} id
		 */
		waitForDelivery(id) {
			return waitForDelivery(ctx, id);
		},
		/**
		 * Ends a conversation: resolves once the delivery is delivered or finally failed.
		 * @param {string | number} [assistant] uuid or integer id (default: the first assistant)
		 * @param {EndConversationOptions} [options]
		 * @returns {Promise<DeliveryRecord>}
		 */
		endConversation(assistant, options = {}) {
			try {
				return createDelivery(ctx, assistant, options).promise;
			} catch (error) {
				return Promise.reject(error);
			}
		},
		/**
		 * Same, but returns the pending record at once (throws for an unknown assistant or no URL).
		 * @param {string | number} [assistant]
		 * @param {EndConversationOptions} [options]
		 * @returns {DeliveryRecord}
		 */
		startConversationDelivery(assistant, options = {}) {
			return createDelivery(ctx, assistant, options).record;
		},
	}),
	snapshot: (ctx) => ({
		deliveries: allDeliveries(ctx),
		retryDelaysMs: ctx.settings.retryDelaysMs.slice(),
		deliveryTimeoutMs: ctx.settings.deliveryTimeoutMs,
	}),
});

module.exports = { conversations, createDelivery };
