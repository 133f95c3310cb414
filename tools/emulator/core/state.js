'use strict';
/**
 * The one place where the emulator keeps state. The core's own parts (request log, faults, the
 * timers of delayed requests, the closed flag) are fields here; each resource adds a slice under
 * its name (`slices.webhooks`, `slices.conversations`, …) from its `createState()`, and
 * `resetState()` / `closeState()` let each resource clear its slice. Nothing else holds state.
 */

const { clone } = require('./util.js');

/**
 * @typedef {import('../types').Settings} Settings
 * @typedef {import('../types').RequestLogEntry} RequestLogEntry
 * @typedef {import('./faults').StoredFault} StoredFault
 * @typedef {import('./resource').AnyResource} AnyResource
 */

/**
 * @typedef {object} State
 * @property {Record<string, unknown>} slices Each resource's slice, under the resource's name.
 * @property {RequestLogEntry[]} requests The API request log (newest last).
 * @property {StoredFault[]} faults Injected faults, in injection order.
 * @property {number} faultSeq The last fault number given out (never reset).
 * @property {Set<NodeJS.Timeout>} requestTimers 'delay' faults holding an API request.
 * @property {boolean} closed Set by close(); nothing starts after it.
 */

/**
 * @param {Settings} settings
 * @param {import('../types').EmulatorOptions} options As given, for a resource's own options.
 * @param {ReadonlyArray<AnyResource>} resources
 * @returns {State}
 */
function createState(settings, options, resources) {
	/** @type {Record<string, unknown>} */
	const slices = {};
	for (const resource of resources) {
		if (resource.createState) slices[resource.name] = resource.createState(settings, options);
	}
	return {
		slices,
		requests: [],
		faults: [],
		faultSeq: 0,
		requestTimers: new Set(),
		closed: false,
	};
}

/**
 * A resource's slice, typed by the caller: `sliceOf(ctx, 'webhooks')`.
 * @template T
 * @param {{ state: State }} ctx
 * @param {string} name
 * @returns {T}
 */
function sliceOf(ctx, name) {
	return /** @type {T} */ (ctx.state.slices[name]);
}

/**
 * Clears registrations, the request log, deliveries (pending ones are cancelled) and faults.
 * @param {import('../types').Ctx} ctx
 * @param {ReadonlyArray<AnyResource>} resources
 */
function resetState(ctx, resources) {
	for (const resource of resources) if (resource.reset) resource.reset(ctx);
	ctx.state.requests = [];
	ctx.state.faults = [];
}

/**
 * Stops everything that would still run: each resource's timers and requests, delayed requests.
 * @param {import('../types').Ctx} ctx
 * @param {ReadonlyArray<AnyResource>} resources
 */
function closeState(ctx, resources) {
	ctx.state.closed = true;
	for (const resource of resources) if (resource.close) resource.close(ctx);
	for (const timer of ctx.state.requestTimers) clearTimeout(timer);
	ctx.state.requestTimers.clear();
}

/**
 * A copy of the request log (callers may change it freely).
 * @param {State} state
 * @returns {RequestLogEntry[]}
 */
function requestLogCopy(state) {
	return state.requests.map((entry) => ({
		...entry,
		query: { ...entry.query },
		body: clone(entry.body),
	}));
}

module.exports = { createState, sliceOf, resetState, closeState, requestLogCopy };
