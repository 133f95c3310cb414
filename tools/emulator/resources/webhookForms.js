'use strict';
/**
 * The two documented shapes of the conversation-ended webhook endpoints. Intellixent's own page
 * documents the path form; sister platforms built on the same backend document the body form
 * (`assistant_id`, an integer, in the body, under `/api/user/`). Nobody here can call the live
 * API, so the emulator serves either or both (the `apiForms` switch), and the trigger must work
 * against each. Used by resources/webhooks.js.
 */

const API_FORMS = Object.freeze(/** @type {const} */ (['path', 'body', 'both']));

/** @typedef {import('../types').ApiForms} ApiForms */

/** The paths of enable/disable in each form; the path form's group is the assistant. */
const PATTERNS = Object.freeze({
	path: {
		enable: /^\/api\/assistants\/([^/]+)\/enable-conversation-ended-webhook$/,
		disable: /^\/api\/assistants\/([^/]+)\/disable-conversation-ended-webhook$/,
	},
	body: {
		enable: /^\/api\/user\/assistants\/enable-conversation-ended-webhook$/,
		disable: /^\/api\/user\/assistants\/disable-conversation-ended-webhook$/,
	},
});

/**
 * @param {unknown} forms
 * @returns {ApiForms}
 */
function checkApiForms(forms) {
	if (!API_FORMS.includes(/** @type {any} */ (forms))) {
		const error = new Error(
			`apiForms must be one of ${API_FORMS.join(', ')}; got ${JSON.stringify(forms)}.`,
		);
		throw Object.assign(error, { code: 'BAD_REQUEST' });
	}
	return /** @type {ApiForms} */ (forms);
}

/**
 * Whether `form` ('path' or 'body') is served with this setting of the switch.
 * @param {ApiForms} forms
 * @param {'path' | 'body'} form
 */
function serves(forms, form) {
	return forms === 'both' || forms === form;
}

/**
 * The body form's `assistant_id`: `{ id }` when it is an integer, or `{ problem }` with Laravel's
 * validation wording.
 * @param {unknown} input
 * @returns {{ id: number, problem?: undefined } | { id?: undefined, problem: string }}
 */
function bodyAssistantId(input) {
	const value =
		input && typeof input === 'object'
			? /** @type {Record<string, unknown>} */ (input).assistant_id
			: undefined;
	if (value === undefined || value === null || value === '')
		return { problem: 'The assistant id field is required.' };
	const id = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
	if (typeof id !== 'number' || !Number.isInteger(id))
		return { problem: 'The assistant id field must be an integer.' };
	return { id };
}

module.exports = { API_FORMS, PATTERNS, checkApiForms, serves, bodyAssistantId };
