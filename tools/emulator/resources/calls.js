'use strict';
/**
 * Resource: voice calls. `GET /api/user/calls` (the documented filters and Laravel paging, newest
 * first) and `GET /api/user/calls/{id}` (the documented detail fields), over calls that tests start
 * and end over time (`startCall`, `endCall`, or the control routes under /__emulator/calls), so a
 * polling trigger can be driven through calls that end in any order. Faults target the endpoints
 * `calls` (the list) and `call` (one call).
 */

const { defineResource } = require('../core/resource.js');
const { sliceOf } = require('../core/state.js');
const { codedError, isPlainObject } = require('../core/util.js');
const { findAssistant } = require('./assistants.js');

/** The statuses the list filter accepts (documented). */
const CALL_STATUSES = Object.freeze([
	'initiated',
	'ringing',
	'busy',
	'in-progress',
	'ended',
	'completed',
	'ended_by_customer',
	'ended_by_assistant',
	'no-answer',
	'failed',
]);
const OPEN_STATUSES = Object.freeze(['initiated', 'ringing', 'in-progress']);
const CALL_TYPES = Object.freeze(['inbound', 'outbound', 'web']);
/** @type {Readonly<Record<number, string>>} */
const CAMPAIGNS = Object.freeze({ 7: 'Spring renewals', 8: 'Webinar follow-up' });
const FIRST_CALL_ID = 5001;

/**
 * @typedef {object} Call
 * @property {number} id
 * @property {number} assistant_id
 * @property {string} assistant_name
 * @property {number | null} campaign_id
 * @property {string | null} campaign_name
 * @property {string} type
 * @property {string} status
 * @property {number} duration
 * @property {string | null} assistant_phone_number
 * @property {string | null} client_phone_number
 * @property {string} transcript
 * @property {Record<string, unknown>} variables
 * @property {Record<string, unknown> | null} evaluation
 * @property {unknown} webhook_response
 * @property {number | null} carrier_cost
 * @property {number | null} total_cost
 * @property {string | null} answered_by
 * @property {string | null} recording_url
 * @property {string} created_at
 * @property {string} updated_at
 */

/**
 * @typedef {object} CallsState
 * @property {Map<number, Call>} calls
 * @property {number} nextId
 */

/** Laravel's timestamp format: microseconds and Z. @param {Date} date */
function laravelTime(date) {
	return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** @param {import('../types').Ctx} ctx @returns {CallsState} */
function slice(ctx) {
	return sliceOf(ctx, 'calls');
}

/** @param {unknown} at */
function timeFrom(at) {
	if (at === undefined || at === null) return new Date();
	const date = new Date(/** @type {string | number} */ (at));
	if (Number.isNaN(date.getTime())) throw codedError('at must be a date.', 'BAD_REQUEST');
	return date;
}

/**
 * Starts a call (status in-progress unless given another open status).
 * @param {import('../types').Ctx} ctx
 * @param {{ assistant?: unknown, type?: string, campaign_id?: number | null, client_phone_number?: string, status?: string, at?: string | number }} [options]
 */
function startCall(ctx, options = {}) {
	const assistant = findAssistant(ctx, options.assistant ?? ctx.settings.assistants[0]?.id);
	if (!assistant) throw codedError('Unknown assistant.', 'UNKNOWN_ASSISTANT');
	const type = options.type ?? (assistant.type === 'outbound' ? 'outbound' : 'inbound');
	if (!CALL_TYPES.includes(type)) throw codedError('Unknown call type.', 'BAD_REQUEST');
	const status = options.status ?? 'in-progress';
	if (!OPEN_STATUSES.includes(status)) throw codedError('A call starts open.', 'BAD_REQUEST');
	const campaignId = options.campaign_id ?? null;
	const state = slice(ctx);
	const id = state.nextId++;
	const created = laravelTime(timeFrom(options.at));
	/** @type {Call} */
	const call = {
		id,
		assistant_id: assistant.id,
		assistant_name: assistant.name,
		campaign_id: campaignId,
		campaign_name: campaignId === null ? null : (CAMPAIGNS[campaignId] ?? `Campaign ${campaignId}`),
		type,
		status,
		duration: 0,
		assistant_phone_number: type === 'web' ? null : '+14155550100',
		client_phone_number:
			type === 'web' ? null : (options.client_phone_number ?? `+1415555${String(id).slice(-4)}`),
		transcript: '',
		variables: {},
		evaluation: null,
		webhook_response: null,
		carrier_cost: null,
		total_cost: null,
		answered_by: null,
		recording_url: null,
		created_at: created,
		updated_at: created,
	};
	state.calls.set(id, call);
	return { ...call };
}

/**
 * Ends an open call: its status, duration, transcript, variables, evaluation, costs and recording.
 * @param {import('../types').Ctx} ctx
 * @param {number} id
 * @param {{ status?: string, at?: string | number, answered_by?: string }} [options]
 */
function endCall(ctx, id, options = {}) {
	const call = slice(ctx).calls.get(Number(id));
	if (!call) throw codedError(`Call ${id} not found.`, 'BAD_REQUEST');
	if (!OPEN_STATUSES.includes(call.status)) throw codedError('Call already ended.', 'BAD_REQUEST');
	const status = options.status ?? 'completed';
	if (!CALL_STATUSES.includes(status) || OPEN_STATUSES.includes(status))
		throw codedError('Not an end status.', 'BAD_REQUEST');
	const ended = timeFrom(options.at);
	const talked = !['busy', 'no-answer', 'failed'].includes(status);
	const duration = talked
		? Math.max(1, Math.round((ended.getTime() - Date.parse(call.created_at)) / 1000))
		: 0;
	Object.assign(call, {
		status,
		duration,
		updated_at: laravelTime(ended),
		answered_by: talked ? (options.answered_by ?? 'human') : 'unknown',
		transcript: talked
			? `AI: Hello, this is ${call.assistant_name}. How can I help?\nUser: I'd like to book a visit on Friday.\nAI: Friday at 10:00 is booked. Anything else?\nUser: No, thanks.`
			: '',
		variables: talked
			? { call_objective_achieved: true, appointment_day: 'Friday', customer_name: 'Dana Smith' }
			: {},
		evaluation: talked ? { score: 8, summary: 'Appointment booked.' } : null,
		carrier_cost: talked ? Math.round(duration * 0.02 * 100) / 100 : 0,
		total_cost: talked ? Math.round(duration * 0.09 * 100) / 100 : 0,
		recording_url: talked ? `https://recordings.intellixent.example/calls/${call.id}.mp3` : null,
	});
	return { ...call };
}

/** What the list shows of a call: everything but the long fields. @param {Call} call */
function summary(call) {
	const { transcript: _t, variables: _v, evaluation: _e, webhook_response: _w, ...rest } = call;
	return rest;
}

/** @param {string} field @param {string} message */
function problem(field, message) {
	return { status: 422, body: { message, errors: { [field]: [message] } } };
}

/**
 * @typedef {object} CallFilters
 * @property {string} [status]
 * @property {string} [type]
 * @property {number} [assistant_id]
 * @property {number} [campaign_id]
 * @property {string} [date_from]
 * @property {string} [date_to]
 * @property {string} [phone]
 */

/** The documented filters, or a Laravel 422. @param {URLSearchParams} params */
function listFilters(params) {
	/** @param {string} name */
	const get = (name) => {
		const value = params.get(name);
		return value === null || value === '' ? undefined : value;
	};
	/** @type {Record<string, string | number | undefined>} */
	const filters = {};
	const status = get('status');
	if (status !== undefined && !CALL_STATUSES.includes(status))
		return { error: problem('status', 'The selected status is invalid.') };
	const type = get('type');
	if (type !== undefined && !CALL_TYPES.includes(type))
		return { error: problem('type', 'The selected type is invalid.') };
	for (const name of ['assistant_id', 'campaign_id']) {
		const value = get(name);
		if (value !== undefined && !/^\d+$/.test(value))
			return { error: problem(name, `The ${name.replace('_', ' ')} field must be an integer.`) };
		filters[name] = value === undefined ? undefined : Number(value);
	}
	for (const name of ['date_from', 'date_to']) {
		const value = get(name);
		if (value !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(value))
			return {
				error: problem(name, `The ${name.replace('_', ' ')} field must match the format Y-m-d.`),
			};
		filters[name] = value;
	}
	const perPage = get('per_page') ?? '15';
	if (!/^\d+$/.test(perPage) || Number(perPage) < 1 || Number(perPage) > 100)
		return { error: problem('per_page', 'The per page field must be between 1 and 100.') };
	const page = Number(get('page') ?? 1);
	return {
		filters: /** @type {CallFilters} */ ({ ...filters, status, type, phone: get('phone_number') }),
		perPage: Number(perPage),
		page: Number.isInteger(page) && page >= 1 ? page : 1,
	};
}

/** @param {Call} call @param {CallFilters} f */
function matches(call, f) {
	const day = call.created_at.slice(0, 10);
	return (
		(f.status === undefined || call.status === f.status) &&
		(f.type === undefined || call.type === f.type) &&
		(f.assistant_id === undefined || call.assistant_id === f.assistant_id) &&
		(f.campaign_id === undefined || call.campaign_id === f.campaign_id) &&
		(f.phone === undefined ||
			call.client_phone_number === f.phone ||
			call.assistant_phone_number === f.phone) &&
		(f.date_from === undefined || day >= f.date_from) &&
		(f.date_to === undefined || day <= f.date_to)
	);
}

/** @type {import('../types').Route['handle']} */
function listCalls({ ctx, url }) {
	const parsed = listFilters(url.searchParams);
	if (parsed.error) return parsed.error;
	const { filters, perPage, page } = parsed;
	const all = [...slice(ctx).calls.values()]
		.filter((call) => matches(call, filters))
		.sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id - a.id);
	const start = (page - 1) * perPage;
	const data = all.slice(start, start + perPage).map(summary);
	return {
		status: 200,
		body: {
			current_page: page,
			data,
			per_page: perPage,
			total: all.length,
			last_page: Math.max(1, Math.ceil(all.length / perPage)),
			from: data.length ? start + 1 : null,
			to: data.length ? start + data.length : null,
		},
	};
}

/** @type {import('../types').Route['handle']} */
function getCall({ ctx, params }) {
	const call = slice(ctx).calls.get(Number(params[0]));
	return call
		? { status: 200, body: { data: { ...call } } }
		: { status: 404, body: { message: 'Call not found' } };
}

/** @param {unknown} body @returns {Record<string, any>} */
function bodyObject(body) {
	if (body === null || body === undefined) return {};
	if (!isPlainObject(body)) throw codedError('The body must be a JSON object.', 'BAD_REQUEST');
	return body;
}

const calls = defineResource({
	name: 'calls',
	/** @returns {CallsState} */
	createState: () => ({ calls: new Map(), nextId: FIRST_CALL_ID }),
	reset: (ctx) => {
		slice(ctx).calls.clear();
		slice(ctx).nextId = FIRST_CALL_ID;
	},
	routes: [
		{ endpoint: 'calls', method: 'GET', pattern: /^\/api\/user\/calls$/, handle: listCalls },
		{ endpoint: 'call', method: 'GET', pattern: /^\/api\/user\/calls\/(\d+)$/, handle: getCall },
	],
	controlRoutes: [
		{
			method: 'GET',
			pattern: /^\/calls$/,
			handle: ({ ctx }) => ({ status: 200, body: { data: [...slice(ctx).calls.values()] } }),
		},
		{
			method: 'POST',
			pattern: /^\/calls$/,
			handle: ({ ctx, body }) => ({ status: 201, body: startCall(ctx, bodyObject(body)) }),
		},
		{
			method: 'POST',
			pattern: /^\/calls\/(\d+)\/end$/,
			handle: ({ ctx, params, body }) => ({
				status: 200,
				body: endCall(ctx, Number(params[0]), bodyObject(body)),
			}),
		},
	],
	api: (ctx) => ({
		/**
		 * Starts a call (in-progress); returns a copy.
		 * @param {Parameters<typeof startCall>[1]} [options]
		 */
		startCall: (options) => startCall(ctx, options),
		/**
		 * Ends an open call (default status completed); returns a copy.
		 * @param {number} id
		 * @param {Parameters<typeof endCall>[2]} [options]
		 */
		endCall: (id, options) => endCall(ctx, id, options),
		/** Copies of every call, in the order they started. */
		calls: () => [...slice(ctx).calls.values()].map((call) => ({ ...call })),
	}),
	snapshot: (ctx) => ({ calls: [...slice(ctx).calls.values()].map(summary) }),
});

module.exports = { calls, CALL_STATUSES, OPEN_STATUSES };
