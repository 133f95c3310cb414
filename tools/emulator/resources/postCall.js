'use strict';
/**
 * Resource: the post-call webhook (voice calls). Enable and disable in the sister platforms' form,
 * the only one documented: `POST /api/user/assistants/enable-webhook {assistant_id, webhook_url}`
 * and `.../disable-webhook {assistant_id}`, with Laravel's order of checks (422 validation, then
 * 404 `Assistant not found`); one URL per assistant, enabling again replaces it. Intellixent
 * documents no such endpoint, so a switch (`setPostCallApi(false)`, or POST
 * /__emulator/post-call-api {served: false}) makes both unknown routes, answered in the
 * `unknownRoute` style. A post-call delivery (`deliverPostCall`) POSTs test/fixtures/call.json
 * (with a fresh call id, and overrides) to the assistant's post-call URL, with the same sender
 * and retries as conversations (Intellixent documents none for calls; conversations get 30 s,
 * 60 s, 120 s). Its registrations are separate from the conversation-ended ones.
 */

const { defineResource } = require('../core/resource.js');
const { sliceOf } = require('../core/state.js');
const { codedError, isPlainObject, isValidWebhookUrl } = require('../core/util.js');
const { findAssistant } = require('./assistants.js');
const { bodyAssistantId } = require('./webhookForms.js');
const { loadCallSample } = require('./conversationSamples.js');
const { createDelivery } = require('./conversations.js');

/**
 * @typedef {import('../types').Ctx} Ctx
 * @typedef {import('../types').Registration} Registration
 * @typedef {import('../types').DeliveryRecord} DeliveryRecord
 * @typedef {{ registrations: Map<string, Registration>, served: boolean, nextCallId: number }} PostCallState
 * @typedef {object} PostCallOptions
 * @property {unknown} [payload] Sent instead of the fixture (a string verbatim).
 * @property {Record<string, unknown>} [overrides] Field overrides (`a.b` nested, `undefined` deletes).
 * @property {string[]} [unset] Fields to delete.
 * @property {string} [to] Deliver here instead of the registered URL.
 */

const FIRST_CALL_ID = 90001;
const INVALID_URL = 'The webhook url field must be a valid URL.';

/** @param {Ctx} ctx */
const slice = (ctx) => /** @type {PostCallState} */ (sliceOf(ctx, 'postCall'));

/**
 * @param {'enable' | 'disable'} endpoint
 * @returns {import('../types').Route}
 */
function postCallRoute(endpoint) {
	return {
		endpoint: `post-call-${endpoint}`,
		method: 'POST',
		pattern: new RegExp(`^/api/user/assistants/${endpoint}-webhook$`),
		served: (ctx) => slice(ctx).served,
		handle: ({ ctx, text }) => {
			/** @type {unknown} */
			let input = null;
			try {
				input = JSON.parse(text);
			} catch {
				// Laravel validates an unreadable body as an empty one.
			}
			const id = bodyAssistantId(input);
			const webhookUrl = isPlainObject(input) ? input.webhook_url : undefined;
			const urlOk = endpoint === 'disable' || isValidWebhookUrl(webhookUrl);
			if (id.problem !== undefined || !urlOk) {
				const errors = {
					...(id.problem !== undefined ? { assistant_id: [id.problem] } : {}),
					...(urlOk ? {} : { webhook_url: [INVALID_URL] }),
				};
				return { status: 422, body: { message: id.problem ?? INVALID_URL, errors } };
			}
			const assistant = ctx.settings.assistants.find((a) => a.id === id.id);
			if (!assistant) return { status: 404, body: { message: 'Assistant not found' } };
			const { registrations } = slice(ctx);
			if (endpoint === 'disable') {
				registrations.delete(assistant.uuid);
				return { status: 200, body: { message: 'Webhook disabled successfully', data: [] } };
			}
			registrations.set(assistant.uuid, {
				webhook_url: /** @type {string} */ (webhookUrl),
				enabled_at: new Date().toISOString(),
			});
			return { status: 200, body: { message: 'Webhook enabled successfully', data: [] } };
		},
	};
}

/**
 * Where a post-call delivery goes and what it carries.
 * @param {Ctx} ctx
 * @param {unknown} assistantRef uuid or integer id (default: the first assistant)
 * @param {PostCallOptions} opts
 */
function postCallDelivery(ctx, assistantRef, opts) {
	if (!isPlainObject(opts)) throw codedError('The options must be an object.', 'BAD_REQUEST');
	const ref = assistantRef ?? ctx.settings.assistants[0]?.uuid;
	const assistant = findAssistant(ctx, ref);
	if (!assistant)
		throw codedError(`Unknown assistant ${JSON.stringify(ref)}.`, 'UNKNOWN_ASSISTANT');
	let to = opts.to;
	if (to === undefined) {
		const registration = slice(ctx).registrations.get(assistant.uuid);
		if (!registration) {
			throw codedError(
				`No post-call webhook is enabled for assistant "${assistant.name}" (${assistant.uuid}): enable one first (POST /api/user/assistants/enable-webhook) or pass "to".`,
				'NOT_REGISTERED',
			);
		}
		to = registration.webhook_url;
	}
	if (!isValidWebhookUrl(to)) throw codedError('"to" must be an http(s) URL.', 'BAD_REQUEST');
	/** @type {unknown} */
	let payload = opts.payload;
	if (payload === undefined) {
		const call = loadCallSample();
		call.id = slice(ctx).nextCallId++;
		payload = call;
	}
	return createDelivery(ctx, assistant.uuid, {
		payload,
		overrides: opts.overrides,
		unset: opts.unset,
		to,
	});
}

/** @param {Ctx} ctx @returns {Record<string, Registration>} */
function registrationsCopy(ctx) {
	/** @type {Record<string, Registration>} */
	const out = {};
	for (const [uuid, r] of slice(ctx).registrations) out[uuid] = { ...r };
	return out;
}

const postCall = defineResource({
	name: 'postCall',
	/** @returns {PostCallState} */
	createState: () => ({ registrations: new Map(), served: true, nextCallId: FIRST_CALL_ID }),
	reset: (ctx) => {
		slice(ctx).registrations.clear();
		slice(ctx).served = true;
	},
	routes: [postCallRoute('enable'), postCallRoute('disable')],
	controlRoutes: [
		{
			method: 'POST',
			pattern: /^\/post-call-api$/,
			handle: ({ ctx, body }) => {
				const served = isPlainObject(body) ? body.served : undefined;
				if (typeof served !== 'boolean')
					throw codedError('served must be true or false.', 'BAD_REQUEST');
				slice(ctx).served = served;
				return { status: 200, body: { served } };
			},
		},
		{
			method: 'POST',
			pattern: /^\/post-calls$/,
			handle: async ({ ctx, body }) => {
				if (!isPlainObject(body))
					throw codedError('The body must be a JSON object.', 'BAD_REQUEST');
				const { assistant_id: assistantId, payload, overrides, unset, to, wait } = body;
				const delivery = postCallDelivery(
					ctx,
					assistantId,
					/** @type {PostCallOptions} */ ({
						payload,
						overrides,
						unset,
						to,
					}),
				);
				if (!wait) return { status: 202, body: delivery.record };
				return { status: 200, body: await delivery.promise };
			},
		},
	],
	api: (ctx) => ({
		/**
		 * Whether enable-webhook / disable-webhook are served (false: unknown routes).
		 * @param {boolean} served
		 */
		setPostCallApi(served) {
			slice(ctx).served = served === true;
		},
		/** @returns {Record<string, Registration>} `{ [uuid]: { webhook_url, enabled_at } }` */
		postCallRegistrations() {
			return registrationsCopy(ctx);
		},
		/**
		 * Ends a call: POSTs the post-call payload to the assistant's post-call URL (or `to`), with
		 * retries; resolves with the final delivery record.
		 * @param {string | number} [assistant]
		 * @param {PostCallOptions} [options]
		 * @returns {Promise<DeliveryRecord>}
		 */
		deliverPostCall(assistant, options = {}) {
			try {
				return postCallDelivery(ctx, assistant, options).promise;
			} catch (error) {
				return Promise.reject(error);
			}
		},
	}),
	snapshot: (ctx) => ({
		postCallRegistrations: registrationsCopy(ctx),
		postCallApiServed: slice(ctx).served,
	}),
});

module.exports = { postCall };
