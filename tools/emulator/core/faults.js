'use strict';
/**
 * Fault injection, in one place: the fault specs (`status`, `delay`, `drop`, `redirect`; a
 * `status` or `drop` with `commit: true` lets the request take effect first, as a server that did
 * the work and then lost its answer), their
 * validation, which fault a request takes (first match in injection order, counted down per use),
 * the answer a fault gives, and the programmatic and control API (`injectFault`, `faults`,
 * `clearFaults`, `/__emulator/faults`). Faults apply to every resource's routes by `endpoint` name,
 * before auth; 'any' also matches unknown routes.
 */

const http = require('node:http');
const { codedError, isPlainObject, clone } = require('./util.js');
const { CORE_MESSAGES } = require('./http.js');
const { defineResource } = require('./resource.js');

const FAULT_KINDS = Object.freeze(['status', 'delay', 'drop', 'redirect']);
const REDIRECT_STATUSES = Object.freeze([301, 302, 303, 307, 308]);
const MAX_DELAY_MS = 10 * 60 * 1000;

/**
 * @typedef {import('../types').FaultSpec} FaultSpec
 * @typedef {import('../types').ActiveFault} ActiveFault
 * @typedef {import('../types').Answer} Answer
 * @typedef {import('../types').Ctx} Ctx
 * @typedef {Omit<ActiveFault, 'times'> & { times: number }} StoredFault `times` is Infinity until cleared.
 */

/**
 * The endpoint names a fault may target: those of every route, then 'any'.
 * @param {Ctx} ctx
 * @returns {string[]}
 */
function faultEndpoints(ctx) {
	return [...new Set(ctx.routes.map((route) => route.endpoint)), 'any'];
}

/**
 * @param {unknown} value
 * @returns {number}
 */
function timesFrom(value) {
	const times = value ?? 1;
	if (times === -1 || times === 'Infinity' || times === Infinity) return Infinity;
	if (!Number.isInteger(times) || /** @type {number} */ (times) < 1) {
		throw codedError(
			'fault.times must be a positive integer, or -1 / Infinity for "until cleared".',
			'BAD_REQUEST',
		);
	}
	return /** @type {number} */ (times);
}

/**
 * @param {Record<string, any>} fault
 * @param {Omit<StoredFault, 'id'>} out
 */
function addStatusFields(fault, out) {
	if (!Number.isInteger(fault.status) || fault.status < 200 || fault.status > 599) {
		throw codedError(
			'fault.status must be an integer HTTP status between 200 and 599.',
			'BAD_REQUEST',
		);
	}
	out.status = fault.status;
	if (fault.retryAfter !== undefined && fault.retryAfter !== null)
		out.retryAfter = String(fault.retryAfter);
	if (fault.body !== undefined) out.body = fault.body;
	if (fault.contentType !== undefined) out.contentType = String(fault.contentType);
}

/**
 * @param {Record<string, any>} fault
 * @param {Omit<StoredFault, 'id'>} out
 */
function addRedirectFields(fault, out) {
	out.status = fault.status ?? 302;
	if (!REDIRECT_STATUSES.includes(/** @type {number} */ (out.status))) {
		throw codedError(
			`fault.status of a redirect must be one of ${REDIRECT_STATUSES.join(', ')}.`,
			'BAD_REQUEST',
		);
	}
	if (typeof fault.location !== 'string' || !fault.location) {
		throw codedError(
			'fault.location (where the redirect points) must be a non-empty string.',
			'BAD_REQUEST',
		);
	}
	out.location = fault.location;
}

/**
 * @param {Record<string, any>} fault
 * @param {Omit<StoredFault, 'id'>} out
 */
function addDelayFields(fault, out) {
	if (typeof fault.delayMs !== 'number' || !(fault.delayMs >= 0) || fault.delayMs > MAX_DELAY_MS) {
		throw codedError(
			`fault.delayMs must be a number of milliseconds between 0 and ${MAX_DELAY_MS}.`,
			'BAD_REQUEST',
		);
	}
	out.delayMs = fault.delayMs;
}

/**
 * Validates a fault spec (from code or the control API); throws BAD_REQUEST errors.
 * @param {unknown} fault
 * @param {string[]} endpoints
 * @returns {Omit<StoredFault, 'id'>}
 */
function normalizeFault(fault, endpoints) {
	if (!isPlainObject(fault)) throw codedError('A fault must be an object.', 'BAD_REQUEST');
	const endpoint = fault.endpoint ?? 'any';
	if (!endpoints.includes(endpoint)) {
		throw codedError(`fault.endpoint must be one of ${endpoints.join(', ')}.`, 'BAD_REQUEST');
	}
	if (!FAULT_KINDS.includes(fault.kind)) {
		throw codedError(`fault.kind must be one of ${FAULT_KINDS.join(', ')}.`, 'BAD_REQUEST');
	}
	/** @type {Omit<StoredFault, 'id'>} */
	const out = { endpoint, kind: fault.kind, times: timesFrom(fault.times) };
	if (fault.kind === 'status') addStatusFields(fault, out);
	if (fault.kind === 'redirect') addRedirectFields(fault, out);
	if (fault.kind === 'delay') addDelayFields(fault, out);
	if (fault.commit !== undefined) {
		if (fault.commit !== true && fault.commit !== false)
			throw codedError('fault.commit must be true or false.', 'BAD_REQUEST');
		if (fault.commit && fault.kind !== 'status' && fault.kind !== 'drop')
			throw codedError(
				"fault.commit applies to the kinds 'status' and 'drop' only.",
				'BAD_REQUEST',
			);
		if (fault.commit) out.commit = true;
	}
	return out;
}

/**
 * The fault a request to `endpoint` (null: an unknown route) takes, counting one use down.
 * @param {Ctx} ctx
 * @param {string | null} endpoint
 * @returns {StoredFault | null}
 */
function takeFault(ctx, endpoint) {
	const faults = ctx.state.faults;
	const index = faults.findIndex(
		(f) => f.endpoint === 'any' || (endpoint !== null && f.endpoint === endpoint),
	);
	if (index === -1) return null;
	const fault = faults[index];
	if (fault.times !== Infinity) {
		fault.times -= 1;
		if (fault.times <= 0) faults.splice(index, 1);
	}
	return fault;
}

/**
 * @param {number} status
 * @returns {{ message: string, errors?: object }}
 */
function defaultFaultBody(status) {
	if (status === 429) return { message: CORE_MESSAGES.tooManyRequests };
	if (status >= 500) return { message: CORE_MESSAGES.serverError };
	if (status === 401) return { message: CORE_MESSAGES.unauthenticated };
	if (status === 404) return { message: CORE_MESSAGES.notFound };
	if (status === 403) return { message: 'This action is unauthorized.' };
	if (status === 422) return { message: 'The given data was invalid.', errors: {} };
	return { message: http.STATUS_CODES[status] ?? 'Error' };
}

/**
 * The answer of a 'status' or 'redirect' fault.
 * @param {StoredFault} fault
 * @returns {Answer}
 */
function faultAnswer(fault) {
	const status = /** @type {number} */ (fault.status);
	if (fault.kind === 'redirect') {
		return {
			status,
			body: { message: 'Redirecting' },
			headers: { Location: /** @type {string} */ (fault.location) },
		};
	}
	/** @type {Record<string, string>} */
	const headers = {};
	if (fault.retryAfter !== undefined) headers['Retry-After'] = fault.retryAfter;
	if (fault.contentType !== undefined) headers['Content-Type'] = fault.contentType;
	const body = fault.body !== undefined ? fault.body : defaultFaultBody(status);
	return { status, body, headers };
}

/**
 * @param {StoredFault} f
 * @returns {ActiveFault}
 */
function publicFault(f) {
	/** @type {ActiveFault} */
	const out = {
		id: f.id,
		endpoint: f.endpoint,
		kind: f.kind,
		times: f.times === Infinity ? -1 : f.times,
	};
	for (const key of /** @type {const} */ ([
		'status',
		'retryAfter',
		'body',
		'contentType',
		'delayMs',
		'location',
		'commit',
	])) {
		if (f[key] !== undefined) /** @type {Record<string, unknown>} */ (out)[key] = clone(f[key]);
	}
	return out;
}

/**
 * @param {Ctx} ctx
 * @param {unknown} fault
 * @returns {ActiveFault}
 */
function injectFault(ctx, fault) {
	const normalized = normalizeFault(fault, faultEndpoints(ctx));
	ctx.state.faultSeq += 1;
	const stored = { id: `fault-${ctx.state.faultSeq}`, ...normalized };
	ctx.state.faults.push(stored);
	return publicFault(stored);
}

/** Faults as a part registered like a resource: its control routes and emulator members. */
const faults = defineResource({
	name: 'faults',
	controlRoutes: [
		{
			method: 'POST',
			pattern: /^\/faults$/,
			handle: ({ ctx, body }) => ({ status: 201, body: injectFault(ctx, body) }),
		},
		{
			method: 'GET',
			pattern: /^\/faults$/,
			handle: ({ ctx }) => ({ status: 200, body: { data: ctx.state.faults.map(publicFault) } }),
		},
		{
			method: 'DELETE',
			pattern: /^\/faults$/,
			handle: ({ ctx }) => {
				const cleared = ctx.state.faults.length;
				ctx.state.faults = [];
				return { status: 200, body: { cleared } };
			},
		},
	],
	api: (ctx) => ({
		/**
		 * Adds a fault (applied before auth; the first matching one in injection order is used).
		 * @param {FaultSpec} fault
		 * @returns {ActiveFault}
		 */
		injectFault(fault) {
			return injectFault(ctx, fault);
		},
		/** @returns {ActiveFault[]} */
		faults() {
			return ctx.state.faults.map(publicFault);
		},
		clearFaults() {
			ctx.state.faults = [];
		},
	}),
	snapshot: (ctx) => ({ faults: ctx.state.faults.map(publicFault) }),
});

module.exports = { faults, takeFault, faultAnswer };
