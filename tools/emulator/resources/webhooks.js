'use strict';
/**
 * Resource: the conversation-ended webhook registrations. Enable and disable, in both API forms
 * (path and body, behind the `apiForms` switch of webhookForms.js), with Laravel's order of checks
 * and wording; one URL per assistant (enabling again replaces it). Its slice holds the
 * registrations and the forms served now; resources/conversations.js delivers to these URLs.
 */

const { defineResource } = require('../core/resource.js');
const { sliceOf } = require('../core/state.js');
const { isPlainObject, isValidWebhookUrl } = require('../core/util.js');
const { findAssistant } = require('./assistants.js');
const { PATTERNS, checkApiForms, serves, bodyAssistantId } = require('./webhookForms.js');

/**
 * @typedef {import('../types').Ctx} Ctx
 * @typedef {import('../types').Route} Route
 * @typedef {import('../types').Answer} Answer
 * @typedef {import('../types').ApiForms} ApiForms
 * @typedef {import('../types').Registration} Registration
 * @typedef {{ registrations: Map<string, Registration>, apiForms: ApiForms }} WebhooksState
 */

const MESSAGES = Object.freeze({
	assistantNotFound: 'Assistant not found',
	invalidWebhookUrl: 'The webhook url field must be a valid URL.',
	enabled: 'Conversation ended webhook enabled successfully',
	disabled: 'Conversation ended webhook disabled successfully',
});
const INVALID_URL = Object.freeze({
	message: MESSAGES.invalidWebhookUrl,
	errors: { webhook_url: [MESSAGES.invalidWebhookUrl] },
});

/** @param {Ctx} ctx */
const slice = (ctx) => /** @type {WebhooksState} */ (sliceOf(ctx, 'webhooks'));

/**
 * The request body: form-encoded or JSON (null when neither).
 * @param {import('node:http').IncomingHttpHeaders} headers
 * @param {string} text
 * @returns {unknown}
 */
function parseInput(headers, text) {
	const contentType = String(headers['content-type'] ?? '');
	if (contentType.includes('application/x-www-form-urlencoded'))
		return Object.fromEntries(new URLSearchParams(text));
	try {
		return JSON.parse(text);
	} catch {
		return null;
	}
}

/**
 * Enable or disable for one form. Body form: Laravel validates the body before it looks the
 * assistant up; it takes the integer id only. Path form: the uuid or the id, looked up first.
 * @param {'enable' | 'disable'} endpoint
 * @param {'path' | 'body'} form
 * @returns {Route}
 */
function webhookRoute(endpoint, form) {
	return {
		endpoint,
		form,
		method: 'POST',
		pattern: PATTERNS[form][endpoint],
		served: (ctx) => serves(slice(ctx).apiForms, form),
		handle: ({ ctx, params, headers, text }) => {
			const input = parseInput(headers, text);
			const webhookUrl = isPlainObject(input) ? input.webhook_url : undefined;
			const urlOk = isValidWebhookUrl(webhookUrl);
			const bodyId = form === 'body' ? bodyAssistantId(input) : null;
			if (bodyId && bodyId.problem !== undefined) {
				const errors = {
					assistant_id: [bodyId.problem],
					...(endpoint === 'enable' && !urlOk ? INVALID_URL.errors : {}),
				};
				return { status: 422, body: { message: bodyId.problem, errors } };
			}
			if (bodyId && endpoint === 'enable' && !urlOk) return { status: 422, body: INVALID_URL };
			const assistant = bodyId
				? ctx.settings.assistants.find((a) => a.id === bodyId.id)
				: findAssistant(ctx, params[0]);
			if (!assistant) return { status: 404, body: { message: MESSAGES.assistantNotFound } };
			const { registrations } = slice(ctx);
			if (endpoint === 'disable') {
				registrations.delete(assistant.uuid);
				return { status: 200, body: { message: MESSAGES.disabled, data: [] } };
			}
			if (!urlOk) return { status: 422, body: INVALID_URL };
			registrations.set(assistant.uuid, {
				webhook_url: /** @type {string} */ (webhookUrl),
				enabled_at: new Date().toISOString(),
			});
			return { status: 200, body: { message: MESSAGES.enabled, data: [] } };
		},
	};
}

/**
 * @param {Ctx} ctx
 * @returns {Record<string, Registration>}
 */
function registrationsCopy(ctx) {
	/** @type {Record<string, Registration>} */
	const out = {};
	for (const [uuid, r] of slice(ctx).registrations) out[uuid] = { ...r };
	return out;
}

const webhooks = defineResource({
	name: 'webhooks',
	/** @returns {WebhooksState} */
	createState: (settings) => ({ registrations: new Map(), apiForms: settings.apiForms }),
	reset: (ctx) => slice(ctx).registrations.clear(),
	routes: [
		webhookRoute('enable', 'path'),
		webhookRoute('disable', 'path'),
		webhookRoute('enable', 'body'),
		webhookRoute('disable', 'body'),
	],
	controlRoutes: [
		{
			method: 'POST',
			pattern: /^\/api-forms$/,
			handle: ({ ctx, body }) => {
				slice(ctx).apiForms = checkApiForms(isPlainObject(body) ? body.forms : undefined);
				return { status: 200, body: { apiForms: slice(ctx).apiForms } };
			},
		},
	],
	api: (ctx) => ({
		/**
		 * Which shapes of the enable/disable endpoints are served: 'path', 'body' or 'both'.
		 * @returns {ApiForms}
		 */
		get apiForms() {
			return slice(ctx).apiForms;
		},
		/**
		 * Switches the served forms at once (also POST /__emulator/api-forms {forms}).
		 * @param {ApiForms} forms
		 */
		setApiForms(forms) {
			slice(ctx).apiForms = checkApiForms(forms);
		},
		/** @returns {Record<string, Registration>} `{ [uuid]: { webhook_url, enabled_at } }` */
		registrations() {
			return registrationsCopy(ctx);
		},
	}),
	snapshot: (ctx) => ({ registrations: registrationsCopy(ctx), apiForms: slice(ctx).apiForms }),
});

/**
 * The URL registered for an assistant, if any.
 * @param {Ctx} ctx
 * @param {string} assistantUuid
 * @returns {Registration | undefined}
 */
function registrationOf(ctx, assistantUuid) {
	return slice(ctx).registrations.get(assistantUuid);
}

module.exports = { webhooks, registrationOf };
