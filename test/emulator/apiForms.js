'use strict';
/**
 * The two documented shapes of the conversation-ended webhook endpoints, and how the emulator
 * answers a route it does not serve. Intellixent's own page documents the path form; sister
 * platforms built on the same backend document the body form (`assistant_id`, an integer, in the
 * body, under `/api/user/`). Nobody here can call the live API, so the emulator serves either or
 * both (a switch), and the trigger must work against each.
 */

const API_FORMS = Object.freeze(['path', 'body', 'both']);
const UNKNOWN_ROUTE_STYLES = Object.freeze(['not-found', 'laravel', 'html']);

const LIST_ROUTE = {
	endpoint: 'list',
	form: null,
	method: 'GET',
	re: /^\/api\/user\/assistants\/get$/,
};
const PATH_ROUTES = [
	{
		endpoint: 'enable',
		form: 'path',
		method: 'POST',
		re: /^\/api\/assistants\/([^/]+)\/enable-conversation-ended-webhook$/,
	},
	{
		endpoint: 'disable',
		form: 'path',
		method: 'POST',
		re: /^\/api\/assistants\/([^/]+)\/disable-conversation-ended-webhook$/,
	},
];
const BODY_ROUTES = [
	{
		endpoint: 'enable',
		form: 'body',
		method: 'POST',
		re: /^\/api\/user\/assistants\/enable-conversation-ended-webhook$/,
	},
	{
		endpoint: 'disable',
		form: 'body',
		method: 'POST',
		re: /^\/api\/user\/assistants\/disable-conversation-ended-webhook$/,
	},
];

function checkApiForms(forms) {
	if (!API_FORMS.includes(forms)) {
		const error = new Error(
			`apiForms must be one of ${API_FORMS.join(', ')}; got ${JSON.stringify(forms)}.`,
		);
		error.code = 'BAD_REQUEST';
		throw error;
	}
	return forms;
}

function checkUnknownRouteStyle(style) {
	if (!UNKNOWN_ROUTE_STYLES.includes(style)) {
		throw new TypeError(`options.unknownRoute must be one of ${UNKNOWN_ROUTE_STYLES.join(', ')}`);
	}
	return style;
}

/** The routes served with this setting of the switch. */
function routesFor(forms) {
	return [
		LIST_ROUTE,
		...(forms === 'body' ? [] : PATH_ROUTES),
		...(forms === 'path' ? [] : BODY_ROUTES),
	];
}

/** What a server answers for a route it does not have: `{ status, body, contentType? }`. */
function unknownRouteAnswer(style, pathname) {
	if (style === 'laravel')
		return {
			status: 404,
			body: { message: `The route ${pathname.replace(/^\//, '')} could not be found.` },
		};
	if (style === 'html') {
		return {
			status: 404,
			contentType: 'text/html; charset=UTF-8',
			body: '<!DOCTYPE html>\n<html lang="en"><head><title>Not Found</title></head><body><div>404 | Not Found</div></body></html>',
		};
	}
	return { status: 404, body: { message: 'Not Found' } };
}

/**
 * The body form's `assistant_id`: `{ id }` when it is an integer, or `{ problem }` with Laravel's
 * validation wording.
 */
function bodyAssistantId(input) {
	const value = input && typeof input === 'object' ? input.assistant_id : undefined;
	if (value === undefined || value === null || value === '')
		return { problem: 'The assistant id field is required.' };
	const id = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
	if (!Number.isInteger(id)) return { problem: 'The assistant id field must be an integer.' };
	return { id };
}

module.exports = {
	API_FORMS,
	UNKNOWN_ROUTE_STYLES,
	checkApiForms,
	checkUnknownRouteStyle,
	routesFor,
	unknownRouteAnswer,
	bodyAssistantId,
};
