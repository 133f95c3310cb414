'use strict';
/**
 * Builds an emulator from the resource list: validates the options, creates the one state,
 * starts the HTTP server, and assembles the emulator object from the core's members and each
 * resource's `api`. The object's type is inferred from the resources (no hand-written types).
 */

const http = require('node:http');
const { settingsFrom, sayFrom } = require('./options.js');
const { createState, resetState, closeState, requestLogCopy } = require('./state.js');
const { createRequestHandler } = require('./server.js');
const { writeAnswer, CORE_MESSAGES } = require('./http.js');
const { faults } = require('./faults.js');
const { RESOURCES } = require('../resources/index.js');

const PARTS = /** @type {const} */ ([...RESOURCES, faults]);

/**
 * @template U
 * @typedef {(U extends unknown ? (k: U) => void : never) extends (k: infer I) => void ? I : never} UnionToIntersection
 */
/**
 * What the resources add to the emulator object.
 * @typedef {UnionToIntersection<ReturnType<NonNullable<(typeof PARTS)[number]['api']>>>} PartsApi
 */

/**
 * @param {http.Server} server
 * @param {number} port
 * @param {string} host
 * @returns {Promise<number>} the bound port
 */
function listen(server, port, host) {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve(/** @type {import('node:net').AddressInfo} */ (server.address()).port);
		});
	});
}

/**
 * Starts the emulator. Resolves once it listens.
 * @param {import('../types').EmulatorOptions} [options]
 */
async function startEmulator(options = {}) {
	const settings = settingsFrom(options);
	const parts = /** @type {ReadonlyArray<import('./resource').AnyResource>} */ (PARTS);
	/** @type {import('../types').Ctx} */
	const ctx = {
		settings,
		state: createState(settings, options, parts),
		say: sayFrom(options.log),
		url: '',
		routes: parts.flatMap((part) => part.routes ?? []),
	};
	const handle = createRequestHandler(ctx, parts);
	const server = http.createServer((req, res) => {
		handle(req, res).catch((error) => {
			console.error('[emulator] internal error:', error);
			writeAnswer(res, { status: 500, body: { message: CORE_MESSAGES.serverError } });
		});
	});
	const port = await listen(server, settings.port, settings.host);
	const urlHost = settings.host.includes(':') ? `[${settings.host}]` : settings.host;
	ctx.url = `http://${urlHost}:${port}`;

	/** @type {Promise<void> | null} */
	let closing = null;
	const core = {
		url: ctx.url,
		port,
		host: settings.host,
		apiKey: settings.apiKey,
		unknownRoute: settings.unknownRoute,
		/**
		 * Log of API calls (control calls are not logged).
		 * @returns {import('../types').RequestLogEntry[]}
		 */
		requests() {
			return requestLogCopy(ctx.state);
		},
		/** Clears registrations, request log, deliveries (pending ones are cancelled) and faults. */
		reset() {
			resetState(ctx, parts);
		},
		/**
		 * Cancels pending retries and deliveries, closes every connection and the server. Idempotent.
		 * @returns {Promise<void>}
		 */
		close() {
			if (closing) return closing;
			closeState(ctx, parts);
			closing = new Promise((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			});
			return closing;
		},
	};
	for (const part of parts) {
		if (part.api) Object.defineProperties(core, Object.getOwnPropertyDescriptors(part.api(ctx)));
	}
	return /** @type {typeof core & PartsApi} */ (core);
}

module.exports = { startEmulator };
